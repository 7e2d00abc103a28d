"""Which stored article a batch's article is, and which source may write it.

An article belongs to the source that first stored it (``article_state.source``).
A batch of source B never appends a version to an article of source A: when
B's page resolves to an id A owns, through its canonical URL, the page is
stored under its own URL instead; if A owns that id too (both sources list
one URL on a shared host), under an id derived from B's name and the URL.

Ids hash the canonical URL's identity key (https, no trailing slash; see
:func:`parsers.urls.identity_key`). Rows stored before the key existed
hashed the exact spelling, and rows whose canonical link is no longer trusted
were stored under that link; both are looked up here, so an existing
article keeps its id instead of forking into a second one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import duckdb
import pyarrow as pa

from parsers.article import Article, spelling_id
from parsers.urls import identity_key, identity_spellings

# Candidates ranked by preference: the keyed id, then the exact-spelling
# (pre-key) ids, then rows of this source once stored under a canonical link
# and found by their page URL.
_BY_URL_RANK = 100
_CANDIDATES = pa.schema([("i", pa.int32()), ("rank", pa.int32()), ("id", pa.string()),
                         ("url", pa.string()), ("source", pa.string())])

# Two equi-joins rather than one OR-join (DuckDB plans OR as a nested loop).
_LOOKUP_SQL = """
SELECT c.i, c.rank, s.article_id, s.source
FROM _pr_ids AS c JOIN article_state AS s ON s.article_id = c.id
UNION ALL
SELECT c.i, c.rank, s.article_id, s.source
FROM _pr_ids AS c JOIN article_state AS s
  ON s.url = c.url AND s.source = c.source AND s.canonical_url <> s.url
"""


@dataclass(frozen=True, slots=True)
class Resolved:
    """The batch's articles as they will be stored, with the id of each."""

    articles: list[Article]
    ids: list[str]
    remap: dict[str, str]  # the id an article came with -> the id it is stored under


def source_qualified_id(source: str, url: str) -> str:
    """Id of a page whose own URL's id belongs to another source."""
    return spelling_id(f"{source}\n{identity_key(url)}")


def resolve(con: duckdb.DuckDBPyConnection, source: str,
            articles: Sequence[Article]) -> Resolved:
    """Give each article of ``source`` the id it is stored under (see module doc)."""
    if not articles:
        return Resolved([], [], {})
    mine = [a if a.source == source else replace(a, source=source) for a in articles]
    ids: list[str] = [""] * len(mine)
    found = _lookup(con, source, mine)
    demoted: list[int] = []
    for i, article in enumerate(mine):
        own, foreign = found.get(i, (None, False))
        if own is not None:
            ids[i] = own
        elif not foreign:
            ids[i] = article.article_id
        elif article.canonical_url != article.url:
            mine[i] = replace(article, canonical_url=article.url)
            demoted.append(i)
        else:
            ids[i] = source_qualified_id(source, article.url)
    if demoted:
        again = _lookup(con, source, [mine[i] for i in demoted])
        for j, i in enumerate(demoted):
            own, foreign = again.get(j, (None, False))
            if own is not None:
                ids[i] = own
            else:
                ids[i] = (source_qualified_id(source, mine[i].url) if foreign
                          else mine[i].article_id)
    remap = {a.article_id: ids[i] for i, a in enumerate(articles)}
    return Resolved(mine, ids, remap)


def _lookup(con: duckdb.DuckDBPyConnection, source: str,
            articles: Sequence[Article]) -> dict[int, tuple[str | None, bool]]:
    """Per article index: the best id this source owns (or None), and whether
    another source owns one of its candidate ids."""
    rows: dict[str, list[object]] = {name: [] for name in _CANDIDATES.names}

    def add(i: int, rank: int, id_: str | None, url: str | None) -> None:
        for name, value in zip(_CANDIDATES.names, (i, rank, id_, url, source), strict=True):
            rows[name].append(value)

    for i, a in enumerate(articles):
        add(i, 0, a.article_id, None)
        for rank, spelling in enumerate(identity_spellings(a.canonical_url), start=1):
            add(i, rank, spelling_id(spelling), None)
        if a.canonical_url == a.url:
            for rank, spelling in enumerate(identity_spellings(a.url), start=_BY_URL_RANK):
                add(i, rank, None, spelling)
    table = pa.Table.from_pydict(rows, schema=_CANDIDATES)
    con.register("_pr_ids", table)
    try:
        matches = con.execute(_LOOKUP_SQL).fetchall()
    finally:
        con.unregister("_pr_ids")
    best: dict[int, tuple[int, str]] = {}
    foreign: set[int] = set()
    for i, rank, article_id, owner in matches:
        if owner != source:
            foreign.add(int(i))
        elif int(i) not in best or int(rank) < best[int(i)][0]:
            best[int(i)] = (int(rank), str(article_id))
    return {i: (best[i][1] if i in best else None, i in foreign)
            for i in set(best) | foreign}
