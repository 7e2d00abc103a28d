"""Read paths: URL triage for discovery, the HTTP cache, the page archive, ad-hoc SQL.

Per-source status and the integrity checks are in :mod:`warehouse.health`.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Generator, Mapping, Sequence
from datetime import datetime
from typing import Any

import duckdb
import pyarrow as pa

from warehouse import arrow
from warehouse.records import (
    ArchivedPage,
    QueryResult,
    StoredDocument,
)
from warehouse.txn import registered


def unknown_urls(con: duckdb.DuckDBPyConnection, urls: Sequence[str],
                 source: str | None = None) -> list[str]:
    """URLs neither in ``seen_urls`` nor stored as an article; input order, no repeats.

    With ``source``, only that source's own marks count: another source's
    canonical claim, sighting or retry never stops this one fetching a URL
    (README, "One source never writes over another").
    """
    unique = list(dict.fromkeys(urls))
    if not unique:
        return []
    with registered(con, {"_pr_urls": arrow.url_list_table(unique)}):
        rows = con.execute(
            """
            SELECT u.url FROM _pr_urls AS u
            WHERE NOT EXISTS (SELECT 1 FROM seen_urls AS s WHERE s.url = u.url
                              AND ($source IS NULL OR s.source = $source))
              AND NOT EXISTS (SELECT 1 FROM article_state AS a WHERE a.url = u.url
                              AND ($source IS NULL OR a.source = $source))
              AND NOT EXISTS (SELECT 1 FROM article_state AS a WHERE a.canonical_url = u.url
                              AND ($source IS NULL OR a.source = $source))
              -- on the retry schedule: offered again only when due (warehouse/retries.py)
              AND NOT EXISTS (SELECT 1 FROM url_retries AS r WHERE r.url = u.url
                              AND ($source IS NULL OR r.source = $source))
            ORDER BY u.pos
            """,
            {"source": source},
        ).fetchall()
    return [row[0] for row in rows]


def skipped_outcomes(con: duckdb.DuckDBPyConnection, urls: Sequence[str],
                     source: str) -> dict[str, str]:
    """Why ``source`` did not fetch known ``urls``, for those not simply stored articles:
    ``"retry_list"`` (on its retry schedule, pending or given up) or ``"not_article"``
    (a page it found to be a listing or empty)."""
    unique = list(dict.fromkeys(urls))
    if not unique:
        return {}
    with registered(con, {"_pr_urls": arrow.url_list_table(unique)}):
        rows = con.execute(
            """
            SELECT u.url, CASE WHEN EXISTS (SELECT 1 FROM url_retries AS r
                                            WHERE r.url = u.url AND r.source = $source)
                               THEN 'retry_list' ELSE 'not_article' END
            FROM _pr_urls AS u
            WHERE EXISTS (SELECT 1 FROM url_retries AS r WHERE r.url = u.url AND r.source = $source)
               OR EXISTS (SELECT 1 FROM seen_urls AS s WHERE s.url = u.url
                          AND s.source = $source AND s.kind = 'not_article')
            """,
            {"source": source},
        ).fetchall()
    return {str(url): str(why) for url, why in rows}


def stale_urls(
    con: duckdb.DuckDBPyConnection, candidates: Sequence[tuple[str, datetime]]
) -> list[str]:
    """Known article URLs whose reported modification is later than their last fetch."""
    for url, modified in candidates:
        if modified.tzinfo is None:
            raise ValueError(f"modified time of {url!r} must be timezone-aware")
    if not candidates:
        return []
    # Three equi-joins instead of one OR-join: DuckDB turns OR conditions into
    # a nested loop, which does not scale with the state table.
    with registered(con, {"_pr_cand": arrow.url_time_table(candidates)}):
        rows = con.execute(
            """
            WITH matched AS (
                SELECT c.pos, c.url, c.modified_at, a.last_fetched_at
                FROM _pr_cand AS c JOIN article_state AS a ON a.url = c.url
                UNION ALL
                SELECT c.pos, c.url, c.modified_at, a.last_fetched_at
                FROM _pr_cand AS c JOIN article_state AS a ON a.canonical_url = c.url
                UNION ALL
                SELECT c.pos, c.url, c.modified_at, a.last_fetched_at
                FROM _pr_cand AS c
                JOIN seen_urls AS s ON s.url = c.url AND s.kind = 'article'
                JOIN article_state AS a ON a.article_id = s.article_id
            )
            SELECT url FROM matched
            GROUP BY url
            HAVING bool_or(modified_at > last_fetched_at)
            ORDER BY min(pos)
            """
        ).fetchall()
    return [row[0] for row in rows]


# Phase 1 picks and orders the pages on narrow columns only; phase 2 fetches
# the bodies chunk by chunk by rowid. A single ORDER BY over the bodies would
# have to materialise (or spill) the whole archive before the first row.
#
# Pages come in write order (``rowid``), the order the ``articles`` view's
# versions were made in: a version is current because it was written last
# (``article_state.latest_version``), and its page was written in the same
# transaction. ``fetched_at`` is the fetching host's clock, which a clock set
# back reverses (k37, tests/reliability/test_clock_set_back.py) and which ties;
# a row id is a position on a file (appends only; compaction rewrites a tail in
# the same order, warehouse/compaction.py) and grows with each commit on a lake
# (DuckLake's row lineage, warehouse/lake_read.py).
_PAGE_ROWIDS_SQL = """
SELECT rowid, source FROM pages
WHERE kind = $kind
  AND ($source IS NULL OR source = $source)
  AND status BETWEEN 200 AND 299
{latest}
ORDER BY rowid
"""

# Re-parsing another copy than the last one written could make an older text
# current again, so by default only the last successful fetch of each URL
# written is returned, per source (another source's later fetch of that URL must
# not hide this one's page). That is the page the current version came from,
# a later copy the writer found unchanged against it, or a later copy that made
# no version (it failed to parse, or was no article): re-parsing it changes which
# text is current only by what the parser now reads on that page.
_LATEST = "QUALIFY row_number() OVER (PARTITION BY source, url ORDER BY rowid DESC) = 1"

# The BETWEEN lets DuckDB skip row groups outside the chunk.
_PAGE_CHUNK_SQL = """
SELECT p.url, p.final_url, p.fetched_at, p.body, p.compression, p.body_size, p.headers,
       p.source, p.status, p.content_type, p.encoding, p.run_id
FROM _pr_rowids AS r
JOIN pages AS p ON p.rowid = r.rid
WHERE p.rowid BETWEEN $lo AND $hi
ORDER BY r.pos
"""

_ROWID_SCHEMA = pa.schema([("pos", pa.int64()), ("rid", pa.int64())])


def _archived(row: tuple[Any, ...]) -> ArchivedPage:
    (url, final_url, fetched_at, body, compression, size, headers, source, status,
     content_type, encoding, run_id) = row  # fmt: skip
    return ArchivedPage(
        url=url,
        final_url=final_url,
        fetched_at=fetched_at,
        body=arrow.decompress_body(body, compression, size),
        headers=json.loads(headers) if headers else {},
        source=source,
        status=status,
        content_type=content_type,
        encoding=encoding,
        run_id=run_id,
    )


# The copy written last, as for reparse (``_LATEST``): the one whose validators
# ``http_cache`` holds, so the one a 304 says is still current. The newest by
# ``fetched_at`` was, after a clock set back, the fast clock's copy of a page since
# edited: a 304 on a home page had the run follow the feeds it named before (k38b).
_LATEST_DOCUMENT_SQL = """
SELECT rowid FROM pages
WHERE source = $source AND kind IN ('feed', 'listing') AND status BETWEEN 200 AND 299
  AND url IN (SELECT unnest($urls))
QUALIFY row_number() OVER (PARTITION BY url ORDER BY rowid DESC) = 1
"""


def latest_documents(con: duckdb.DuckDBPyConnection, source: str,
                     urls: Sequence[str]) -> dict[str, StoredDocument]:
    """The last stored copy of each feed or listing page in ``urls`` fetched by ``source``."""
    if not urls:
        return {}
    rowids = [int(r[0]) for r in con.execute(
        _LATEST_DOCUMENT_SQL, {"source": source, "urls": list(urls)}).fetchall()]
    docs: dict[str, StoredDocument] = {}
    for rid in rowids:  # a few per source; BETWEEN lets DuckDB skip other row groups
        row = con.execute("SELECT url, body, compression, body_size, encoding FROM pages "
                          "WHERE rowid BETWEEN $rid AND $rid", {"rid": rid}).fetchone()
        if row is not None:
            docs[str(row[0])] = StoredDocument(
                arrow.decompress_body(row[1], row[2], row[3]), row[4])
    return docs


def iter_archived_pages(
    con: duckdb.DuckDBPyConnection,
    source: str | None,
    kind: str = "article",
    *,
    latest_only: bool = True,
    batch_size: int = 256,
    totals: dict[str, int] | None = None,
) -> Generator[ArchivedPage, None, None]:
    """Archived 2xx pages in write order, decompressed; memory bounded by ``batch_size``.

    Reads one snapshot inside a transaction on ``con``, which must therefore be
    dedicated to the iteration (a ``cursor()``); writers on other connections
    are not blocked. ``totals`` is filled with the pages per source before the
    first page is yielded.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be positive")
    counts = totals if totals is not None else {}
    con.execute("BEGIN TRANSACTION")
    try:
        found = con.execute(_PAGE_ROWIDS_SQL.format(latest=_LATEST if latest_only else ""),
                            {"kind": kind, "source": source})
        rowids: list[int] = []
        while rows := found.fetchmany(10_000):  # sources counted without keeping them
            for rowid, name in rows:
                rowids.append(int(rowid))
                counts[name] = counts.get(name, 0) + 1
        for start in range(0, len(rowids), batch_size):
            chunk = rowids[start : start + batch_size]
            table = pa.Table.from_pydict(
                {"pos": list(range(len(chunk))), "rid": chunk}, schema=_ROWID_SCHEMA
            )
            with registered(con, {"_pr_rowids": table}):
                rows = con.execute(_PAGE_CHUNK_SQL, {"lo": min(chunk), "hi": max(chunk)}).fetchall()
            for row in rows:
                yield _archived(row)
    finally:
        # Read-only transaction: nothing to keep.
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")


def query(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    params: Sequence[Any] | Mapping[str, Any] | None = None,
    *,
    max_rows: int | None = None,
) -> QueryResult:
    """Run ad-hoc SQL; statements without a result give an empty QueryResult."""
    result = con.execute(sql, params) if params is not None else con.execute(sql)
    if result.description is None:
        return QueryResult(columns=[], rows=[])
    columns = [d[0] for d in result.description]
    rows = result.fetchall() if max_rows is None else result.fetchmany(max_rows)
    return QueryResult(columns=columns, rows=[tuple(r) for r in rows])
