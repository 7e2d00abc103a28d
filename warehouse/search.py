"""Ranked full-text search: BM25 over the sidecar index plus the unindexed tail.

The index (:mod:`warehouse.search_index`) covers ``article_versions`` up to
its watermark. Rows written since are scanned directly and scored with the
same BM25 formula and the index's statistics, so an article ingested a
moment ago is found at once, ranked alongside the rest. Only the newest
version of each article is ever returned. Every user value is a bound
parameter.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from pressroom.errors import WarehouseError
from warehouse.fts import load_fts
from warehouse.lake import LakeTarget
from warehouse.lake_read import connect_read_only
from warehouse.search_index import (
    BM25_B,
    BM25_K1,
    IndexInfo,
    index_path_for,
    read_index_info,
)
from warehouse.search_query import (
    ParsedQuery,
    common_prefix,
    parse_query,
    passes_filters,
    snippet,
    tokenize,
)
from warehouse.story_list import collapse as collapse_stories

# Index candidates are fetched in pages: phrase and exclusion filters need
# the text, and reading a body costs ~2 ms, so fetch only what may be shown.
_PAGE = 50


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result."""

    score: float
    published_at: datetime | None
    source: str
    title: str
    snippet: str
    url: str
    article_id: str
    version: int
    indexed: bool
    story_id: str | None = None  # with collapse: the hit's story
    copies: int | None = None  # with collapse: the story's articles in the warehouse
    n_sources: int | None = None  # with collapse: the sources that carried them


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Hits plus how fresh the index was."""

    hits: list[Hit]
    index: IndexInfo | None
    tail_rows: int
    warning: str | None = None


@dataclass(frozen=True, slots=True)
class _Filters:
    source: str | None
    since: datetime | None
    until: datetime | None

    def sql(self, alias: str) -> tuple[str, dict[str, Any]]:
        """AND-ed conditions for the filters that are set, and their bound values.

        Only set filters appear: every bound parameter costs DuckDB's Python
        client a failed ``import pandas`` (~0.25 ms) when pandas is absent.
        """
        clauses: list[str] = []
        params: dict[str, Any] = {}
        if self.source is not None:
            clauses.append(f"{alias}source = $source")
            params["source"] = self.source
        if self.since is not None:
            clauses.append(f"{alias}published_at >= $since")
            params["since"] = self.since
        if self.until is not None:
            clauses.append(f"{alias}published_at < $until")
            params["until"] = self.until
        return "".join(f" AND {c}" for c in clauses), params


@dataclass(frozen=True, slots=True)
class _Stats:
    num_docs: int
    avgdl: float
    df: dict[str, int]
    stopwords: frozenset[str]


def _attach_index(
    con: duckdb.DuckDBPyConnection, index_path: Path
) -> tuple[IndexInfo | None, str | None]:
    """Attach a valid index as ``ix``; return its info or a warning why it is ignored."""
    if not index_path.exists():
        return None, "no search index yet: scanning every article (run `pressroom index`)"
    try:
        info = read_index_info(index_path)
    except WarehouseError as exc:
        return None, f"{exc}; scanning every article"
    row = con.execute(
        "SELECT count(*) FROM article_versions WHERE rowid <= $wm", {"wm": info.watermark}
    ).fetchone()
    # article_versions is append-only; if rows at or below the watermark
    # changed, rowids no longer mean what the index recorded.
    if row is None or int(row[0]) != info.indexed_rows:
        return None, "search index does not match the warehouse; run `pressroom index`"
    literal = "'" + str(index_path).replace("'", "''") + "'"
    con.execute(f"ATTACH {literal} AS ix (READ_ONLY)")
    return info, None


def _stems(con: duckdb.DuckDBPyConnection, words: Sequence[str]) -> dict[str, str]:
    """Porter stems of ``words``, computed by the fts extension itself."""
    if not words:
        return {}
    rows = con.execute(
        "SELECT w, stem(w, 'porter') FROM unnest($words::VARCHAR[]) AS u(w)",
        {"words": list(words)},
    ).fetchall()
    return {str(w): str(s) for w, s in rows}


_TAIL_SQL = """
WITH tail AS (
    SELECT v.rowid AS rid, v.article_id, v.version, v.source, v.url,
           coalesce(v.title, '') AS title, v.body,
           coalesce(v.published_at, v.fetched_at) AS published_at
    FROM article_versions AS v
    WHERE v.rowid > {wm}
    QUALIFY row_number() OVER (PARTITION BY v.article_id ORDER BY v.version DESC) = 1
)
SELECT rid, article_id, version, source, url, title, body, published_at
FROM tail
WHERE ({prefilter}){filters}
"""

# Postings hold only latest versions and carry the document length, so
# ranking reads nothing but the query terms' postings; the docs table is
# joined only when a filter needs it, and for the page of winners.
_INDEX_SQL = """
WITH q AS (SELECT unnest($stems::VARCHAR[]) AS term),
qt AS (
    -- One row per query term: the idf is computed here, not per posting.
    SELECT d.termid,
           log(((m.num_docs - d.df + 0.5::DOUBLE) / (d.df + 0.5::DOUBLE)) + 1) AS idf,
           {k1}::DOUBLE * (1 - {b}::DOUBLE) AS c1,
           {k1}::DOUBLE * {b}::DOUBLE / m.avgdl AS c2
    FROM ix.dict AS d JOIN q ON d.term = q.term CROSS JOIN ix.meta AS m
),
hits AS (
    SELECT p.docid,
           sum(qt.idf * p.tf * ({k1}::DOUBLE + 1) / (p.tf + qt.c1 + qt.c2 * p.len)) AS score
    FROM ix.postings AS p
    JOIN qt ON qt.termid = p.termid
    {filter_join}
    GROUP BY p.docid
    HAVING count(*) >= {min_match}
)
SELECT docid, score FROM hits ORDER BY score DESC, docid LIMIT {n} OFFSET {offset}
"""

# One term: a posting is a document, so no grouping (at 1M articles a common
# word has ~500k postings, and hashing them all was most of its cost).
_ONE_TERM_SQL = """
WITH qt AS (
    SELECT d.termid,
           log(((m.num_docs - d.df + 0.5::DOUBLE) / (d.df + 0.5::DOUBLE)) + 1) AS idf,
           {k1}::DOUBLE * (1 - {b}::DOUBLE) AS c1,
           {k1}::DOUBLE * {b}::DOUBLE / m.avgdl AS c2
    FROM ix.dict AS d CROSS JOIN ix.meta AS m WHERE d.term = $stem
)
SELECT p.docid, qt.idf * p.tf * ({k1}::DOUBLE + 1) / (p.tf + qt.c1 + qt.c2 * p.len) AS score
FROM ix.postings AS p
JOIN qt ON qt.termid = p.termid
{filter_join}
ORDER BY score DESC, p.docid LIMIT {n} OFFSET {offset}
"""

# The story of each article (an article never clustered is its own story), as
# the ``articles`` view says, read from the narrow table alone.
_STORY_SQL = """
SELECT article_id, story_id FROM story_members
WHERE article_id IN (SELECT unnest($ids::VARCHAR[]))
"""

# Copies and sources of the stories shown by a collapsed search (an article never
# clustered has no member row: a story of one copy, see with_story()).
_STORY_SIZE_SQL = """
SELECT story_id, count(*), count(DISTINCT source) FROM story_members
WHERE story_id IN (SELECT unnest($ids::VARCHAR[]))
GROUP BY story_id
"""

# Winners are looked up one by one: ix.docs is sorted by docid, so a literal
# docid prunes to one row group, where a join would scan the whole table.
_DOC_SQL = "SELECT rid, article_id FROM ix.docs WHERE docid = {docid}"

_ROW_SQL = """
SELECT article_id, version, source, url, coalesce(title, ''), body,
       coalesce(published_at, fetched_at)
FROM article_versions WHERE rowid = {rid}
"""


def _bm25(tf: int, df: int, dl: int, stats: _Stats) -> float:
    """One term's BM25 contribution, the fts extension's formula (log base 10)."""
    idf = math.log10(((stats.num_docs - df + 0.5) / (df + 0.5)) + 1)
    avgdl = stats.avgdl or 1.0
    return idf * tf * (BM25_K1 + 1) / (tf + BM25_K1 * (1 - BM25_B + BM25_B * dl / avgdl))


class _Searcher:
    """One search on one read-only connection."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, parsed: ParsedQuery, filters: _Filters,
        info: IndexInfo | None, stopwords: frozenset[str],
    ) -> None:
        self.con = con
        self.parsed = parsed
        self.filters = filters
        self.info = info
        self.watermark = info.watermark if info else -1
        words = list(parsed.positive_words)
        stems = _stems(con, words)
        # Stop words are not in the index, so requiring them would match nothing.
        self.stems = list(dict.fromkeys(stems[w] for w in words if w not in stopwords))
        self.prefixes = [common_prefix(w, stems[w]) for w in words if w not in stopwords]
        self.stopwords = stopwords
        self.required = 1 if parsed.any_word else len(self.stems)

    def tail(self) -> tuple[list[Hit], int, frozenset[str]]:
        """Scored tail hits, the number of unindexed rows, and the ids they supersede."""
        if not self.prefixes:
            return [], 0, frozenset()
        joiner = " OR " if self.parsed.any_word else " AND "
        hay = "strip_accents(lower(title || ' ' || body))"
        prefilter = joiner.join(f"contains({hay}, $p{i})" for i in range(len(self.prefixes)))
        filters, params = self.filters.sql("")
        params.update({f"p{i}": p for i, p in enumerate(self.prefixes)})
        sql = _TAIL_SQL.format(prefilter=prefilter, filters=filters, wm=int(self.watermark))
        rows = self.con.execute(sql, params).fetchall()
        tail_ids = [
            str(r[0]) for r in self.con.execute(
                f"SELECT article_id FROM article_versions WHERE rowid > {int(self.watermark)}"
            ).fetchall()
        ]
        # Any article with a row in the tail has a newer version than the index holds.
        superseded = frozenset(tail_ids) if self.info else frozenset()
        docs = [(r, [t for t in tokenize(f"{r[5]} {r[6]}") if t not in self.stopwords])
                for r in rows]
        wanted = set(self.stems)
        candidates = {t for _, toks in docs for t in toks
                      if any(t.startswith(p) for p in self.prefixes)}
        stem_of = _stems(self.con, sorted(candidates))
        counted = [
            (row, toks, Counter(stem_of[t] for t in toks if stem_of.get(t) in wanted))
            for row, toks in docs
        ]
        stats = self._stats(counted, len(tail_ids))
        hits: list[Hit] = []
        for row, toks, tf in counted:
            if len(tf) < self.required or not tf:
                continue
            if not passes_filters(self.parsed, row[5], row[6]):
                continue
            score = sum(_bm25(n, stats.df.get(s, 0), len(toks), stats) for s, n in tf.items())
            hits.append(self._hit(score, row[1:], indexed=False))
        return hits, len(tail_ids), superseded

    def _stats(self, counted: list[tuple[Any, list[str], Counter[str]]], tail_rows: int) -> _Stats:
        """The index's own statistics, so tail scores rank like index scores.

        Without an index, estimates from the scanned rows: every article is
        in the tail, and the prefiltered rows stand in for document lengths.
        """
        if self.info is not None:
            df = {
                str(t): int(n) for t, n in self.con.execute(
                    "SELECT term, df FROM ix.dict WHERE term IN (SELECT unnest($s::VARCHAR[]))",
                    {"s": self.stems},
                ).fetchall()
            } if self.stems else {}
            return _Stats(self.info.num_docs, self.info.avgdl, df, self.stopwords)
        lengths = [len(toks) for _, toks, _ in counted]
        df_tail: Counter[str] = Counter()
        for _, _, tf in counted:
            df_tail.update(tf.keys())
        avgdl = sum(lengths) / len(lengths) if lengths else 1.0
        return _Stats(max(tail_rows, 1), avgdl, dict(df_tail), self.stopwords)

    def _ranked(self, page: int, offset: int) -> list[tuple[int, float]]:
        """One page of (docid, score), best first."""
        filters, params = self.filters.sql("d.")
        # Numbers below are ours (ints and module constants), never user
        # input, so they are inlined to spare parameter overhead.
        shape = {"k1": float(BM25_K1), "b": float(BM25_B), "n": int(page),
                 "offset": int(offset),
                 "filter_join": (f"JOIN ix.docs AS d ON d.docid = p.docid WHERE true{filters}"
                                 if filters else "")}
        if len(self.stems) == 1:
            params["stem"] = self.stems[0]
            sql = _ONE_TERM_SQL.format(**shape)
        else:
            params["stems"] = self.stems
            sql = _INDEX_SQL.format(min_match=int(self.required), **shape)
        return [(int(d), float(score)) for d, score in self.con.execute(sql, params).fetchall()]

    def stories(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The story of each article (itself when it was never clustered)."""
        if not article_ids:
            return {}
        rows = self.con.execute(_STORY_SQL, {"ids": list(article_ids)}).fetchall()
        found = {str(a): str(s) for a, s in rows}
        return {a: found.get(a, a) for a in article_ids}

    def with_story(self, hits: Sequence[Hit]) -> list[Hit]:
        """``hits`` with their story id, its copies and its sources filled in."""
        story = self.stories([h.article_id for h in hits])
        ids = sorted(set(story.values()))
        size = {str(s): (int(n), int(k)) for s, n, k in
                self.con.execute(_STORY_SIZE_SQL, {"ids": ids}).fetchall()} if ids else {}
        return [replace(h, story_id=story[h.article_id],
                        copies=size.get(story[h.article_id], (1, 1))[0],
                        n_sources=size.get(story[h.article_id], (1, 1))[1]) for h in hits]

    def indexed(self, limit: int, superseded: frozenset[str], *,
                collapse: bool = False) -> list[Hit]:
        """Top ``limit`` index hits that pass the phrase and exclusion filters.

        With ``collapse``, one hit per story: a copy of a story already taken
        is skipped before its text is read, so collapsing costs a story lookup
        per page of candidates, not a body per dropped copy.
        """
        if self.info is None or not self.stems:
            return []
        out: list[Hit] = []
        taken: set[str] = set()  # stories already in `out` (with collapse)
        offset = 0
        page = max(limit, _PAGE) if (self.parsed.phrases or self.parsed.excluded) else limit
        while len(out) < limit:
            ranked = self._ranked(page, offset)
            candidates: list[tuple[float, int, str]] = []
            for docid, score in ranked:
                doc = self.con.execute(_DOC_SQL.format(docid=int(docid))).fetchone()
                # Edited since the build: the tail holds the newer version.
                if doc is not None and str(doc[1]) not in superseded:
                    candidates.append((score, int(doc[0]), str(doc[1])))
            story = self.stories([c[2] for c in candidates]) if collapse else {}
            for score, rid, article_id in candidates:
                if collapse and story[article_id] in taken:
                    continue  # a copy of a story already shown: its body is never read
                # One point lookup per shown hit: `rowid IN (...)` scans the table.
                row = self.con.execute(_ROW_SQL.format(rid=rid)).fetchone()
                if row is None or not passes_filters(self.parsed, row[4], row[5]):
                    continue
                out.append(self._hit(score, row, indexed=True))
                if collapse:
                    taken.add(story[article_id])
                if len(out) >= limit:
                    break
            if len(ranked) < page:
                break
            offset += page
        return out

    def _hit(self, score: float, row: Sequence[Any], *, indexed: bool) -> Hit:
        article_id, version, source, url, title, body, published = row[:7]
        words = self.prefixes or list(self.parsed.positive_words)
        return Hit(score=round(score, 4), published_at=published, source=str(source),
                   title=str(title), snippet=snippet(str(body), words), url=str(url),
                   article_id=str(article_id), version=int(version), indexed=indexed)


class SearchSession:
    """A read-only connection with the fts extension loaded and the index attached.

    Reuse one session for many queries (benchmarks, a long-lived service):
    opening costs ~0.1 s, mostly loading the extension.
    """

    def __init__(
        self, db_path: str | Path | LakeTarget, *, index_path: str | Path | None = None,
        lock_timeout: float = 10.0,
    ) -> None:
        ix_path = Path(index_path) if index_path is not None else index_path_for(db_path)
        self._con = connect_read_only(db_path, lock_timeout=lock_timeout)
        try:
            load_fts(self._con)
            self.index, self.warning = _attach_index(self._con, ix_path)
            self._stopwords = (
                frozenset(str(r[0]) for r in self._con.execute(
                    "SELECT sw FROM ix.stopwords").fetchall())
                if self.index else frozenset()
            )
        except duckdb.Error as exc:
            self._con.close()
            raise WarehouseError(f"cannot open search: {exc}") from exc
        except BaseException:
            self._con.close()
            raise

    def __enter__(self) -> SearchSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the read-only connection."""
        self._con.close()

    def search(
        self, query: str, *, source: str | None = None, since: datetime | None = None,
        until: datetime | None = None, limit: int = 20, collapse: bool = False,
    ) -> SearchResult:
        """Newest version of each matching article, best BM25 score first.

        ``collapse``: one hit per story (its best-ranked copy), as ``--collapse``.
        """
        if limit < 1:
            raise WarehouseError("search limit must be at least 1")
        parsed = parse_query(query)
        try:
            searcher = _Searcher(self._con, parsed, _Filters(source, since, until),
                                 self.index, self._stopwords)
            tail_hits, tail_rows, superseded = searcher.tail()
            hits = searcher.indexed(limit, superseded, collapse=collapse) + tail_hits
            hits.sort(key=lambda h: (-h.score, h.url))
            if collapse:  # a tail hit may be a copy of an indexed one's story
                ids = [h.article_id for h in hits]
                hits = searcher.with_story(
                    collapse_stories(hits, ids, searcher.stories(ids))[:limit])
        except duckdb.Error as exc:
            raise WarehouseError(f"search failed: {exc}") from exc
        return SearchResult(hits=hits[:limit], index=self.index, tail_rows=tail_rows,
                            warning=self.warning)


def search(
    db_path: str | Path | LakeTarget,
    query: str,
    *,
    source: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 20,
    index_path: str | Path | None = None,
    lock_timeout: float = 10.0,
    collapse: bool = False,
) -> SearchResult:
    """Search the warehouse read-only in a one-off session (see :class:`SearchSession`)."""
    with SearchSession(db_path, index_path=index_path, lock_timeout=lock_timeout) as session:
        return session.search(query, source=source, since=since, until=until, limit=limit,
                              collapse=collapse)
