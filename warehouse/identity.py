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

All candidates of a batch (for its articles as they came and as they would
be demoted to their own URL) are looked up on the 64-bit keys of
``article_state`` (:mod:`warehouse.keys`): one scan of the key columns finds
the rows, which are then read by position (:mod:`warehouse.rowranges`) for
what the write path needs of each (:class:`Stored`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import duckdb
import pyarrow as pa

from parsers.article import Article, spelling_id
from parsers.urls import identity_key, identity_spellings
from warehouse import rowranges
from warehouse.keys import key
from warehouse.txn import registered

# Candidates ranked by preference: the keyed id, then the exact-spelling
# (pre-key) ids, then rows of this source once stored under a canonical link
# and found by their page URL.
_BY_URL_RANK = 100

# Two steps. First the positions of the rows whose keys match, from the BIGINT
# key columns alone (reading the text columns of every row made this the one
# statement of a batch that grew with the archive: 0.7-1.0 s at 1M rows against
# 60-100 ms at 10k, under load). A row found by its page URL is one stored under
# another canonical link.
_HITS_SQL = """
SELECT s.rowid, false FROM article_state AS s
WHERE s.id_key IN (SELECT k FROM _pr_id_keys)
UNION ALL
SELECT s.rowid, true FROM article_state AS s
WHERE s.url_key IN (SELECT k FROM _pr_url_keys) AND s.canon_key <> s.url_key
"""

# Then those rows, read by position (:mod:`warehouse.rowranges`), text included:
# the text of a row is compared with the candidate's, so two texts sharing a
# 64-bit key (a collision, or a key that no longer matches its text) are never
# taken for one another.
_ROWS_SELECT = """
SELECT s.rowid, s.id_key, s.source, s.latest_version, s.content_key, s.last_seen_at,
       s.last_fetched_at, s.article_id, s.url
FROM article_state AS s
WHERE s.rowid IN (SELECT r FROM _pr_rows)"""

# Candidate ids whose key matched only rows of other texts: looked up by text
# (rare: a collision, or a key that no longer matches its text).
_BY_TEXT_SQL = """
SELECT s.id_key, s.source, s.latest_version, s.content_key, s.last_seen_at,
       s.last_fetched_at, s.rowid, s.article_id
FROM article_state AS s
WHERE s.article_id IN (SELECT i FROM _pr_ids)
"""


@dataclass(frozen=True, slots=True)
class Stored:
    """What the write path needs of a stored ``article_state`` row."""

    id_key: int  # as stored: updates match it and the row's position
    source: str
    latest_version: int
    content_key: int
    last_seen_at: datetime
    last_fetched_at: datetime
    row: int  # its rowid in this transaction: updates are pruned to it


@dataclass(frozen=True, slots=True)
class Resolved:
    """The batch's articles as they will be stored, with the id of each."""

    articles: list[Article]
    ids: list[str]
    remap: dict[str, str]  # the id an article came with -> the id it is stored under
    stored: dict[str, Stored]  # stored rows of the ids above (absent: a new article)


def source_qualified_id(source: str, url: str) -> str:
    """Id of a page whose own URL's id belongs to another source."""
    return spelling_id(f"{source}\n{identity_key(url)}")


Candidates = list[tuple[int, str | None, str | None]]


def _candidates(a: Article) -> Candidates:
    """(rank, id, page url) candidates of one article, each id and url once (its best
    rank). Computed once per article and variant: spelling a URL's forms and hashing
    them was most of the write path's Python time (issue 15)."""
    out: Candidates = [(0, a.article_id, None)]
    seen = {a.article_id}
    spellings = identity_spellings(a.canonical_url)
    for rank, spelling in enumerate(spellings, start=1):
        id_ = spelling_id(spelling)
        if id_ not in seen:
            seen.add(id_)
            out.append((rank, id_, None))
    if a.canonical_url == a.url:
        out.extend((rank, None, spelling)
                   for rank, spelling in enumerate(spellings, start=_BY_URL_RANK))
    return out


class _Probe:
    """The stored rows of every candidate of a batch, fetched in one query."""

    def __init__(self, con: duckdb.DuckDBPyConnection, source: str,
                 candidates: Sequence[Candidates], extra_ids: Sequence[str]) -> None:
        self.source = source
        wanted: set[str] = set(extra_ids)
        urls: set[str] = set()
        for found in candidates:
            for _, id_, url in found:
                if id_ is not None:
                    wanted.add(id_)
                elif url is not None:
                    urls.add(url)
        # In Python: ~2 us a key; computing them in DuckDB cost more (keys.py).
        id_key_of = {i: key(i) for i in wanted}
        url_keys = {key(u) for u in urls}
        self.rows: dict[str, Stored] = {}
        self.by_url: dict[str, list[str]] = defaultdict(list)
        hit: set[int] = set()
        with registered(con, {"_pr_id_keys": _keys(set(id_key_of.values())),
                              "_pr_url_keys": _keys(url_keys)}):
            hits = [(int(r), bool(by_url)) for r, by_url in con.execute(_HITS_SQL).fetchall()]
        if hits:
            positions = sorted({r for r, _ in hits})
            with registered(con, {"_pr_rows": pa.table({"r": pa.array(positions, pa.int64())})}):
                rows = {int(r): rest for r, *rest in con.execute(
                    rowranges.union(_ROWS_SELECT, "s.rowid", positions)).fetchall()}
            for position, by_url in hits:
                *fields, article_id, url = rows[position]
                row = _stored([*fields, position])
                self.rows[str(article_id)] = row
                if not by_url:
                    hit.add(row.id_key)
                elif row.source == source:
                    self.by_url[str(url)].append(str(article_id))
        # An id whose key matched only another text's row may still be stored
        # under a key that is not its own: read by text, for those ids only.
        missed = sorted(i for i, k in id_key_of.items() if k in hit and i not in self.rows)
        if missed:
            with registered(con, {"_pr_ids": pa.table({"i": pa.array(missed, pa.string())})}):
                for *fields, article_id in con.execute(_BY_TEXT_SQL).fetchall():
                    self.rows[str(article_id)] = _stored(fields)

    def lookup(self, candidates: Candidates) -> tuple[str | None, bool]:
        """The best id this source owns for an article of these ``candidates`` (or
        None), and whether another source owns one of its candidate ids."""
        best: tuple[int, str] | None = None
        foreign = False
        for rank, id_, url in candidates:
            if id_ is not None:
                row = self.rows.get(id_)
                if row is None:
                    continue
                if row.source != self.source:
                    foreign = True
                elif best is None or rank < best[0]:
                    best = (rank, id_)
            elif url is not None:
                for found in self.by_url.get(url, ()):
                    if best is None or rank < best[0]:
                        best = (rank, found)
        return (best[1] if best else None), foreign

    def stored(self, article_id: str) -> Stored | None:
        """The stored row of ``article_id``, if any."""
        return self.rows.get(article_id)


def _keys(values: set[int]) -> pa.Table:
    return pa.table({"k": pa.array(sorted(values), pa.int64())})


def _stored(fields: Sequence[Any]) -> Stored:
    id_k, src, version, content_k, seen, fetched, position = fields
    return Stored(int(id_k), str(src), int(version), int(content_k), seen, fetched,
                  int(position))


def resolve(con: duckdb.DuckDBPyConnection, source: str,
            articles: Sequence[Article]) -> Resolved:
    """Give each article of ``source`` the id it is stored under (see module doc)."""
    if not articles:
        return Resolved([], [], {}, {})
    # The source is not part of the content hash: a copy with the field set
    # is made without re-hashing the body (replace() would).
    mine = [a if a.source == source else _with_source(a, source) for a in articles]
    demoted = [replace(a, canonical_url=a.url) if a.canonical_url != a.url else None
               for a in mine]
    found = [_candidates(a) for a in mine]
    found_low = [None if d is None else _candidates(d) for d in demoted]
    probe = _Probe(con, source, found + [c for c in found_low if c is not None],
                   [source_qualified_id(source, a.url) for a in mine])
    ids: list[str] = [""] * len(mine)
    for i, article in enumerate(mine):
        own, foreign = probe.lookup(found[i])
        if own is not None:
            ids[i] = own
        elif not foreign:
            ids[i] = article.article_id
        elif (low := demoted[i]) is not None and (low_found := found_low[i]) is not None:
            mine[i] = low
            own, foreign = probe.lookup(low_found)
            if own is not None:
                ids[i] = own
            else:
                ids[i] = source_qualified_id(source, low.url) if foreign else low.article_id
        else:
            ids[i] = source_qualified_id(source, article.url)
    stored: dict[str, Stored] = {}
    for id_ in ids:
        row = probe.stored(id_)
        if row is not None:
            stored[id_] = row
    remap = {a.article_id: ids[i] for i, a in enumerate(articles)}
    return Resolved(mine, ids, remap, stored)


def _with_source(a: Article, source: str) -> Article:
    copy = object.__new__(Article)
    for name in Article.__dataclass_fields__:
        object.__setattr__(copy, name, getattr(a, name))
    object.__setattr__(copy, "source", source)
    return copy

