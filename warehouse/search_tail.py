"""The unindexed tail: rows written since the index, scanned and scored like it.

``article_versions`` is append-only, so the rows above the index's watermark
(a write position: a file's ``seq``, a lake's ``rowid``) are exactly what the
index has not seen. They are read directly (a substring
prefilter in SQL, then tokenised like the fts extension does) and scored with
the same BM25 formula and the index's statistics, so they rank alongside the
index's hits. Without an index every row is tail.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

import duckdb

from warehouse.search_index import IndexInfo
from warehouse.search_postings import BM25_B, BM25_K1
from warehouse.search_query import passes_filters, tokenize
from warehouse.search_terms import Filters, Hit, Terms

# One scan of the tail gives both the matching rows and every tail article (which
# the index's copies are superseded by): on a lake each scan of article_versions
# reads the snapshot's file lists from the catalog, so a second scan cost ~6 round trips.
# Rows that do not match come back without their text. ``published_at`` is what the
# filters test (an undated article's fetch time), ``dated`` what the hit shows (NULL: no date).
_TAIL_SQL = """
WITH tail AS (
    SELECT v.{position} AS rid, v.article_id, v.version, v.source, v.url,
           coalesce(v.title, '') AS title, v.body,
           coalesce(v.published_at, v.fetched_at) AS published_at,
           v.published_at AS dated, count(*) OVER () AS tail_rows
    FROM article_versions AS v
    WHERE v.{position} > {wm}
    QUALIFY row_number() OVER (PARTITION BY v.article_id ORDER BY v.version DESC) = 1
), marked AS (
    SELECT *, coalesce(({prefilter}){filters}, false) AS hit FROM tail
)
SELECT rid, article_id, version, source, url,
       CASE WHEN hit THEN title END, CASE WHEN hit THEN body END, dated, tail_rows, hit
FROM marked
"""


@dataclass(frozen=True, slots=True)
class _Stats:
    num_docs: int
    avgdl: float
    df: dict[str, int]


@dataclass(frozen=True, slots=True)
class Tail:
    """Scored tail hits, the number of unindexed rows, and the articles they supersede."""

    hits: list[Hit]
    rows: int
    superseded: frozenset[str]


def _bm25(tf: int, df: int, dl: int, stats: _Stats) -> float:
    """One term's BM25 contribution, the fts extension's formula (log base 10)."""
    idf = math.log10(((stats.num_docs - df + 0.5) / (df + 0.5)) + 1)
    avgdl = stats.avgdl or 1.0
    return idf * tf * (BM25_K1 + 1) / (tf + BM25_K1 * (1 - BM25_B + BM25_B * dl / avgdl))


def scan_tail(con: duckdb.DuckDBPyConnection, terms: Terms, filters: Filters,
              info: IndexInfo | None, df: dict[str, int], position: str = "seq") -> Tail:
    """Score the rows above the watermark (every row without an index).

    ``df``: the index's document frequency of each stem it holds; ``position``:
    the column the watermark is on (:func:`warehouse.search_index.position_column`).
    """
    if not terms.prefixes:
        return Tail([], 0, frozenset())
    watermark = info.watermark if info else -1
    joiner = " OR " if terms.parsed.any_word else " AND "
    hay = "strip_accents(lower(title || ' ' || body))"
    prefilter = joiner.join(f"contains({hay}, $p{i})" for i in range(len(terms.prefixes)))
    where, params = filters.sql("")
    params.update({f"p{i}": p for i, p in enumerate(terms.prefixes)})
    sql = _TAIL_SQL.format(prefilter=prefilter, filters=where, wm=int(watermark),
                           position=position)
    scanned = con.execute(sql, params).fetchall()
    rows = [r[:8] for r in scanned if r[9]]
    tail_rows = int(scanned[0][8]) if scanned else 0
    # Any article with a row in the tail has a newer version than the index holds.
    superseded = frozenset(str(r[1]) for r in scanned) if info else frozenset()
    docs = [(r, [t for t in tokenize(f"{r[5]} {r[6]}") if t not in terms.stopwords])
            for r in rows]
    wanted = set(terms.stems)
    candidates = {t for _, toks in docs for t in toks
                  if any(t.startswith(p) for p in terms.prefixes)}
    stem_of = terms.stemmer(sorted(candidates))
    counted = [
        (row, toks, Counter(stem_of[t] for t in toks if stem_of.get(t) in wanted))
        for row, toks in docs
    ]
    stats = _stats(info, df, counted, tail_rows)
    hits: list[Hit] = []
    for row, toks, tf in counted:
        if len(tf) < terms.required or not tf:
            continue
        if not passes_filters(terms.parsed, row[5], row[6]):
            continue
        score = sum(_bm25(n, stats.df.get(s, 0), len(toks), stats) for s, n in tf.items())
        hits.append(terms.hit(score, row[1:], indexed=False))
    return Tail(hits, tail_rows, superseded)


def _stats(info: IndexInfo | None, df: dict[str, int],
           counted: list[tuple[Any, list[str], Counter[str]]], tail_rows: int) -> _Stats:
    """The index's own statistics, so tail scores rank like index scores.

    Without an index, estimates from the scanned rows: every article is
    in the tail, and the prefiltered rows stand in for document lengths.
    """
    if info is not None:
        return _Stats(info.num_docs, info.avgdl, df)
    lengths = [len(toks) for _, toks, _ in counted]
    df_tail: Counter[str] = Counter()
    for _, _, tf in counted:
        df_tail.update(tf.keys())
    avgdl = sum(lengths) / len(lengths) if lengths else 1.0
    return _Stats(max(tail_rows, 1), avgdl, dict(df_tail))
