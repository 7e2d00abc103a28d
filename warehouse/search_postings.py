"""The postings of the search index and the BM25 formula that orders and ranks them.

:func:`write_postings` stores each term's postings best first, so the top of a
one-term query is a rowid range; :mod:`warehouse.search_ranked` scores with the
very same expressions (:data:`TERM_STATS_SQL`, :data:`POSTING_SCORE_SQL`) and
:mod:`warehouse.search_tail` with the same constants.
"""

from __future__ import annotations

import duckdb

# BM25 parameters: the fts extension's defaults, so scores match match_bm25.
BM25_K1 = 1.2
BM25_B = 0.75

# One row per query term: its idf and the two BM25 constants of its length norm.
TERM_STATS_SQL = """
SELECT d.termid,
       log(((m.num_docs - d.df + 0.5::DOUBLE) / (d.df + 0.5::DOUBLE)) + 1) AS idf,
       {k1}::DOUBLE * (1 - {b}::DOUBLE) AS c1,
       {k1}::DOUBLE * {b}::DOUBLE / m.avgdl AS c2
FROM {dict} AS d CROSS JOIN ix.meta AS m
""".replace("{k1}", repr(BM25_K1)).replace("{b}", repr(BM25_B))

# One posting's BM25 (the fts extension's formula, log base 10): the build
# orders each term's postings by it and the search ranks with the very same
# expression, so the order is the same to the last bit.
POSTING_SCORE_SQL = f"qt.idf * p.tf * ({BM25_K1!r}::DOUBLE + 1) / (p.tf + qt.c1 + qt.c2 * p.len)"

# Only latest versions get postings (older ones are never returned); each
# carries its document's length so ranking needs no join. A term's postings
# are contiguous (ordered by term) and best first: the top of a one-term
# query is a rowid range, and any term is read by rowid range, never by a
# scan of the whole table. ``ix.dict`` records where each range starts.
_POSTINGS_SQL = """
CREATE TABLE ix.postings AS
WITH qt AS ({stats})
SELECT p.termid, p.docid, p.tf, p.len
FROM {raw} AS p JOIN qt ON qt.termid = p.termid
ORDER BY p.termid, {score} DESC, p.docid;

CREATE TABLE ix.dict AS
SELECT t.termid, t.term, t.df, coalesce(r.start, 0) AS start, coalesce(r.n, 0) AS n
FROM {terms} AS t
LEFT JOIN (SELECT termid, min(rowid)::BIGINT AS start, count(*)::BIGINT AS n
           FROM ix.postings GROUP BY termid) AS r ON r.termid = t.termid
ORDER BY t.term;
"""


def write_postings(con: duckdb.DuckDBPyConnection, raw: str, terms: str) -> None:
    """``ix.postings`` best first per term, and ``ix.dict`` with each term's rowid range.

    ``raw``: (termid, docid, tf, len) of latest versions; ``terms``: (termid,
    term, df). ``ix.meta`` must exist (its num_docs and avgdl weigh the order).
    """
    # The ranking order must be the rowid order: keep the ORDER BY's order on insert.
    con.execute("SET preserve_insertion_order = true")
    con.execute(_POSTINGS_SQL.format(stats=TERM_STATS_SQL.format(dict=terms), raw=raw,
                                     terms=terms, score=POSTING_SCORE_SQL))
