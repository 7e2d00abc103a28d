"""Ranking over the sidecar index: BM25 pages of postings, then the winners' rows.

``ix.postings`` holds each term's postings in one rowid range, best first
(:func:`warehouse.search_postings.write_postings`), and ``ix.dict`` where each
range starts. So a query reads only its terms' ranges: a one-term query's
page is a rowid slice (no scan, no sort); with ``--source``/``--since`` it
walks the term's range in growing chunks, best first, until a page is full;
several terms are summed per document over their ranges alone. The winners'
rows come from ``ix.hits`` through its ART index on ``docid``: a few probes
per page, where ``article_versions`` by rowid decodes a vector of bodies per hit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import duckdb

from warehouse.search_postings import POSTING_SCORE_SQL, TERM_STATS_SQL
from warehouse.search_query import passes_filters
from warehouse.search_stories import StoryLookup
from warehouse.search_terms import Filters, Hit, Terms

# Index candidates are fetched in pages: phrase and exclusion filters need
# the text, so fetch only what may be shown.
_PAGE = 50
# A filtered one-term walk reads this many postings first, then 4x more each time.
_FIRST_CHUNK = 4096

_TERMS_SQL = """
SELECT term, termid, df, start, n FROM ix.dict
WHERE term IN (SELECT unnest($stems::VARCHAR[]))
"""

# One term, no filter: the page is a slice of the term's range.
_SLICE_SQL = """
WITH qt AS ({stats} WHERE d.termid = {termid})
SELECT p.docid, {score} AS score
FROM ix.postings AS p CROSS JOIN qt
WHERE p.termid = {termid} AND p.rowid >= {lo} AND p.rowid < {hi}
ORDER BY p.rowid
"""

# One term with filters: a chunk of the range, the documents that pass (the chunk
# is the join's build side; ix.filters, narrow, is read whole as its probe side).
_CHUNK_SQL = """
WITH qt AS ({stats} WHERE d.termid = {termid})
SELECT p.docid, {score} AS score
FROM ix.postings AS p JOIN ix.filters AS d ON d.docid = p.docid CROSS JOIN qt
WHERE p.termid = {termid} AND p.rowid >= {lo} AND p.rowid < {hi}{filters}
ORDER BY p.rowid
"""

# Several terms: each term's range (pruned by rowid), summed per document.
_SUM_SQL = """
WITH qt AS ({stats} WHERE d.termid IN ({termids})),
p AS ({ranges}),
hits AS (
    SELECT p.docid, sum({score}) AS score
    FROM p JOIN qt ON qt.termid = p.termid
    {filter_join}
    GROUP BY p.docid
    HAVING count(*) >= {min_match}
)
SELECT docid, score FROM hits ORDER BY score DESC, docid LIMIT {n} OFFSET {offset}
"""

# The termid prunes row groups by their zone maps; a rowid range alone is checked
# row group by row group over the whole table (DuckDB 1.5.5: 0.6 s at 1M articles).
_RANGE_SQL = ("SELECT termid, docid, tf, len FROM ix.postings "
              "WHERE termid = {termid} AND rowid >= {lo} AND rowid < {hi}")

# Through the ART index on docid (literal ints: a bound list would be a join).
_IDS_SQL = "SELECT docid, article_id FROM ix.hits WHERE docid IN ({docids})"
_ROWS_SQL = """
SELECT docid, article_id, version, source, url, title, body, published_at
FROM ix.hits WHERE docid IN ({docids})
"""

_SOURCE_CODE_SQL = "SELECT code FROM ix.sources WHERE source = $source"


@dataclass(frozen=True, slots=True)
class _Range:
    termid: int
    start: int
    n: int


def _at_most(pages: Iterator[list[tuple[int, float]]], size: int
             ) -> Iterator[list[tuple[int, float]]]:
    """The same candidates in order, no page longer than ``size``: a filtered chunk
    may pass hundreds, and each page read is a probe per candidate for its text."""
    for ranked in pages:
        for at in range(0, len(ranked), size):
            yield ranked[at:at + size]


def _ints(values: Sequence[int]) -> str:
    return ",".join(str(int(v)) for v in values)


class Ranking:
    """The index half of one search on one read-only connection (``ix`` attached)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, terms: Terms, filters: Filters,
                 indexed: bool, stories: StoryLookup | None = None) -> None:
        self.con = con
        self.terms = terms
        self.filters = filters
        self._stories = stories or StoryLookup(con, indexed)
        rows = con.execute(_TERMS_SQL, {"stems": terms.stems}).fetchall() \
            if indexed and terms.stems else []
        self.df = {str(t): int(df) for t, _, df, _, _ in rows}
        self.ranges = [_Range(int(tid), int(start), int(n)) for _, tid, _, start, n in rows]
        # A required stem the index lacks matches nothing (as a join would find).
        self.empty = not indexed or not rows or len(rows) < terms.required
        self._where: tuple[str, dict[str, Any]] = ("", {})
        if not self.empty and filters.any:
            self._where = self._index_filters()

    def _index_filters(self) -> tuple[str, dict[str, Any]]:
        """The filters on ``ix.filters`` (alias ``d``): a source by its code.

        A source the index has no document of leaves nothing to rank (``empty``).
        """
        where, params = replace(self.filters, source=None).sql("d.")
        if self.filters.source is None:
            return where, params
        row = self.con.execute(_SOURCE_CODE_SQL, {"source": self.filters.source}).fetchone()
        if row is None:
            self.empty = True
            return where, params
        params["src"] = int(row[0])
        return f" AND d.src = $src{where}", params

    def _stats(self) -> str:
        return TERM_STATS_SQL.format(dict="ix.dict")

    def pages(self, page: int) -> Iterator[list[tuple[int, float]]]:
        """(docid, score) best first, in pages; ``--source``/``--since`` applied."""
        if self.empty:
            return
        if len(self.ranges) == 1 and not self.filters.any:
            yield from self._slices(self.ranges[0], page)
        elif len(self.ranges) == 1:
            yield from self._chunks(self.ranges[0])
        else:
            yield from self._sums(page)

    def _slices(self, r: _Range, page: int) -> Iterator[list[tuple[int, float]]]:
        for lo in range(r.start, r.start + r.n, page):
            hi = min(lo + page, r.start + r.n)
            yield self._fetch(_SLICE_SQL.format(stats=self._stats(), termid=r.termid,
                                                score=POSTING_SCORE_SQL, lo=lo, hi=hi), {})

    def _chunks(self, r: _Range) -> Iterator[list[tuple[int, float]]]:
        where, params = self._where
        lo, size, end = r.start, _FIRST_CHUNK, r.start + r.n
        while lo < end:
            hi = min(lo + size, end)
            yield self._fetch(_CHUNK_SQL.format(stats=self._stats(), termid=r.termid,
                                                score=POSTING_SCORE_SQL, lo=lo, hi=hi,
                                                filters=where), params)
            lo, size = hi, size * 4

    def _sums(self, page: int) -> Iterator[list[tuple[int, float]]]:
        where, params = self._where
        ranges = " UNION ALL ".join(
            _RANGE_SQL.format(termid=r.termid, lo=r.start, hi=r.start + r.n) for r in self.ranges)
        offset = 0
        while True:
            sql = _SUM_SQL.format(
                stats=self._stats(), termids=_ints([r.termid for r in self.ranges]),
                ranges=ranges, score=POSTING_SCORE_SQL, min_match=int(self.terms.required),
                n=int(page), offset=int(offset),
                filter_join=(f"JOIN ix.filters AS d ON d.docid = p.docid WHERE true{where}"
                             if where else ""))
            ranked = self._fetch(sql, params)
            yield ranked
            if len(ranked) < page:
                return
            offset += page

    def _fetch(self, sql: str, params: dict[str, Any]) -> list[tuple[int, float]]:
        return [(int(d), float(s)) for d, s in self.con.execute(sql, params).fetchall()]

    def stories(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The story of each article (itself when it was never clustered)."""
        return self._stories.stories(article_ids)

    def with_story(self, hits: Sequence[Hit]) -> list[Hit]:
        """``hits`` with their story id, its copies and its sources filled in (an
        article never clustered has no member row: a story of one copy)."""
        story = self.stories([h.article_id for h in hits])
        size = self._stories.sizes(list(story.values()))
        return [replace(h, story_id=story[h.article_id],
                        copies=size.get(story[h.article_id], (1, 1))[0],
                        n_sources=size.get(story[h.article_id], (1, 1))[1]) for h in hits]

    def _rows(self, docids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        """(article_id, version, source, url, title, body, published_at) by docid."""
        if not docids:
            return {}
        return {int(r[0]): tuple(r[1:]) for r in self.con.execute(
            _ROWS_SQL.format(docids=_ints(docids))).fetchall()}

    def hits(self, limit: int, superseded: frozenset[str], *,
             collapse: bool = False) -> list[Hit]:
        """Top ``limit`` index hits that pass the phrase and exclusion filters.

        With ``collapse``, one hit per story: a copy of a story already taken
        is skipped before its text is read, so collapsing costs a story lookup
        per page of candidates, not a body per dropped copy.
        """
        parsed = self.terms.parsed
        out: list[Hit] = []
        taken: set[str] = set()  # stories already in `out` (with collapse)
        page = max(limit, _PAGE) if (parsed.phrases or parsed.excluded) else limit
        for ranked in _at_most(self.pages(page), page):
            score_of = dict(ranked)
            # Without collapse every candidate is read: one probe for ids and text.
            rows = {} if collapse else self._rows(list(score_of))
            ids: dict[int, str] = ({d: str(r[0]) for d, r in rows.items()} if not collapse else
                                   {int(d): str(a) for d, a in self.con.execute(
                                       _IDS_SQL.format(docids=_ints(list(score_of)))).fetchall()})
            # Edited since the build: the tail holds the newer version.
            candidates = [(docid, ids[docid]) for docid, _ in ranked
                          if docid in ids and ids[docid] not in superseded]
            story = self.stories([a for _, a in candidates]) if collapse else {}
            # A copy of a story already shown is never read. Without phrase or
            # exclusion every candidate is shown, so later copies in the page go too.
            by_text = bool(parsed.phrases or parsed.excluded)
            wanted: list[int] = []
            seen: set[str] = set(taken)
            for docid, article_id in candidates:
                if collapse and story[article_id] in seen:
                    continue
                if collapse and not by_text:
                    seen.add(story[article_id])
                wanted.append(docid)
            if collapse:
                rows = self._rows(wanted)
            for docid in wanted:
                row = rows.get(docid)
                if row is None or not passes_filters(parsed, row[4], row[5]):
                    continue
                article_id = str(row[0])
                if collapse and story[article_id] in taken:
                    continue
                out.append(self.terms.hit(score_of[docid], row, indexed=True))
                if collapse:
                    taken.add(story[article_id])
                if len(out) >= limit:
                    return out
        return out
