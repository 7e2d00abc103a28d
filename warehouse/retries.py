"""The per-URL retry schedule: a failed URL is asked again after a backoff, then given up.

A URL whose fetch fails for good *this time* (a 403 from a firewall, a 404
during a deploy, a robots.txt ``Disallow``, a redirect refused by the guard)
is not written off. It gets a row in ``url_retries`` (migration 003):

    pending   next_attempt_at = last failure + BACKOFF[attempts - 1]
    given_up  after len(BACKOFF) + 1 failed runs; next_attempt_at is NULL

A pending URL is not fetched before it is due; once due, discovery offers it
again whether or not the feed still lists it. A success (article or not)
deletes the row. Each row keeps the latest failure's class, message, HTTP
status and run, and the number of failed runs. Failures classed transient
(timeouts, 5xx, 429, resets) are not scheduled: the URL stays unknown and the
next run tries it again, as before.

Every function takes a plain DuckDB connection; writes run inside the
caller's transaction (:func:`warehouse.writes.write_batch`). Recording is
idempotent: a replayed batch (the spool) whose failure is not newer than the
row's changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import duckdb
import pyarrow as pa

from warehouse.records import REDIRECT_CODES, QueryResult, RetryMark

# Wait after the 1st, 2nd, 3rd and 4th failed run; the 5th failure gives up.
BACKOFF: tuple[timedelta, ...] = (
    timedelta(hours=1),
    timedelta(hours=6),
    timedelta(days=1),
    timedelta(weeks=1),
)

RETRY_SCHEMA = pa.schema([
    ("url", pa.string()),
    ("source", pa.string()),
    ("failed_at", pa.timestamp("us", tz="UTC")),
    ("error_class", pa.string()),
    ("error", pa.string()),
    ("status", pa.int32()),
    ("run_id", pa.string()),
])


def next_attempt(attempts: int, failed_at: datetime) -> datetime | None:
    """When a URL that has failed in ``attempts`` runs is due again; None once given up."""
    if attempts < 1:
        raise ValueError("attempts counts failed runs, from 1")
    if attempts > len(BACKOFF):
        return None
    return failed_at + BACKOFF[attempts - 1]


def marks_table(marks: Sequence[RetryMark], *, source: str, run_id: str) -> pa.Table:
    """Arrow rows for :func:`record`, one per URL (the last mark wins)."""
    latest = {m.url: m for m in marks}
    return pa.Table.from_pylist(
        [
            {"url": m.url, "source": source, "failed_at": m.failed_at,
             "error_class": m.error_class, "error": None if m.error is None else m.error[:500],
             "status": m.status, "run_id": run_id}
            for m in latest.values()
        ],
        schema=RETRY_SCHEMA,
    )


def _backoff_seconds() -> list[int]:
    return [int(step.total_seconds()) for step in BACKOFF]


# A list index past the end is NULL in DuckDB: that is "given up".
_BUMP_SQL = """
UPDATE url_retries AS r SET
    attempts = r.attempts + 1,
    last_failed_at = m.failed_at,
    state = CASE WHEN r.attempts + 1 <= len($backoff) THEN 'pending' ELSE 'given_up' END,
    next_attempt_at = m.failed_at + to_seconds($backoff[r.attempts + 1]),
    error_class = m.error_class, error = m.error, status = m.status, run_id = m.run_id
FROM _pr_retries AS m
WHERE r.url = m.url
  -- newer than the row (a replayed batch changes nothing), or the row's failure is
  -- in the future: written while the clock ran ahead, so the true time replaces it
  AND (m.failed_at > r.last_failed_at OR r.last_failed_at > now())
"""

_INSERT_SQL = """
INSERT INTO url_retries
    (url, source, state, attempts, first_failed_at, last_failed_at, next_attempt_at,
     error_class, error, status, run_id)
SELECT m.url, m.source, 'pending', 1, m.failed_at, m.failed_at,
       m.failed_at + to_seconds($backoff[1]), m.error_class, m.error, m.status, m.run_id
FROM _pr_retries AS m
WHERE NOT EXISTS (SELECT 1 FROM url_retries AS r WHERE r.url = m.url)
"""


def record(con: duckdb.DuckDBPyConnection) -> None:
    """Schedule the URLs of the registered ``_pr_retries`` table (inside a transaction)."""
    params = {"backoff": _backoff_seconds()}
    con.execute(_BUMP_SQL, params)
    con.execute(_INSERT_SQL, params)


def resolve(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the schedule of URLs in the registered ``_pr_seen`` table: they were fetched."""
    con.execute("DELETE FROM url_retries WHERE url IN (SELECT url FROM _pr_seen)")


def due(
    con: duckdb.DuckDBPyConnection, source: str, now: datetime, limit: int
) -> list[str]:
    """Pending URLs of ``source`` whose next attempt is at or before ``now``, oldest first.

    A failure recorded after ``now`` means the clock ran ahead then (or went back
    since): such a URL is due at once rather than stranded until that date.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    rows = con.execute(
        "SELECT url FROM url_retries WHERE source = $source AND state = 'pending' "
        "AND (next_attempt_at <= $now OR last_failed_at > $now) "
        "ORDER BY next_attempt_at, url LIMIT $limit",
        {"source": source, "now": now, "limit": limit},
    ).fetchall()
    return [str(row[0]) for row in rows]


# URLs whose every request failed in their source's latest run and that are neither
# scheduled nor seen: transient failures (timeouts, 5xx, 429, resets) and unreachable
# feeds, asked again by the next run ('next_run', from the latest run of any kind,
# older pages left out; a 'held' or 'skipped' run asked nothing: not the latest). A feed's
# older page, read by backfills only, is asked again by the next backfill
# ('next_backfill'): listed while the latest run that asked it failed on it, however
# many runs came after, a backfill that stopped (or was killed) before the page
# included. `attempts` counts the runs that failed on it. The latest run is the one the
# warehouse numbered last (runs.run_seq, migration 018), not the one this host's clock
# started last (a clock set back made an older run the latest).
# A fetch_log row that is a hop: its redirect status (REDIRECT_CODES, spelled once: c51).
_HOP = f"status IN ({', '.join(str(code) for code in sorted(REDIRECT_CODES))})"
_LATEST_RUN_FAILED = rf"""
    SELECT source, arg_max(run_id, run_seq) AS run_id FROM runs
    WHERE ($source IS NULL OR source = $source) AND status NOT IN ('held', 'skipped')
    GROUP BY source
), failed AS (
    SELECT l.source, l.url, max(l.started_at) AS last_failed_at,
           arg_max(l.error_class, l.started_at) AS error_class,
           arg_max(l.status, l.started_at) AS status, arg_max(l.error, l.started_at) AS error
    FROM fetch_log AS l JOIN last USING (source, run_id)
    -- robots.txt is no URL the run counts as failed: the URLs it held back are
    WHERE NOT regexp_full_match(l.url, 'https?://[^/]+/robots\.txt')
      AND l.older_page IS NOT TRUE
    GROUP BY l.source, l.url
    -- a redirect is no answer: a URL whose redirect led to a failure failed (f50)
    HAVING bool_and(l.error_class IS NOT NULL OR l.{_HOP})
       AND bool_or(l.error_class IS NOT NULL)
"""
_OLDER_PAGE_FAILED = f"""
    SELECT source, url, max(started_at) AS last_failed_at,
           arg_max(error_class, started_at) AS error_class,
           arg_max(status, started_at) AS status, arg_max(error, started_at) AS error,
           bool_and(error_class IS NOT NULL OR {_HOP})
               AND bool_or(error_class IS NOT NULL) AS all_failed
    FROM fetch_log WHERE older_page AND ($source IS NULL OR source = $source)
    GROUP BY source, url, run_id
    QUALIFY row_number() OVER (PARTITION BY source, url ORDER BY max(started_at) DESC) = 1
), failed AS (
    SELECT * EXCLUDE (all_failed) FROM last WHERE all_failed
"""
_NEXT_SQL = r"""
WITH last AS ({failed})
SELECT f.source, '{state}' AS state, f.url,
       (SELECT count(DISTINCT x.run_id) FROM fetch_log AS x
        WHERE x.url = f.url AND x.source = f.source AND x.error_class IS NOT NULL)::INTEGER,
       NULL::TIMESTAMPTZ, f.last_failed_at, f.error_class, f.status, f.error
FROM failed AS f
WHERE NOT EXISTS (SELECT 1 FROM url_retries AS r WHERE r.url = f.url)
  AND NOT EXISTS (SELECT 1 FROM seen_urls AS s WHERE s.url = f.url AND s.source = f.source)
"""
_NEXT_RUN_SQL = _NEXT_SQL.format(failed=_LATEST_RUN_FAILED, state="next_run")
_NEXT_BACKFILL_SQL = _NEXT_SQL.format(failed=_OLDER_PAGE_FAILED, state="next_backfill")


def listing(con: duckdb.DuckDBPyConnection, source: str | None = None) -> QueryResult:
    """One row per URL pending retry, given up, or to be asked again by the next run
    (``next_run``: it failed in its source's latest run for a reason not scheduled) or
    by the next backfill (``next_backfill``: a feed's older page that failed the last
    time a backfill asked it), with its reason (for status and health)."""
    result = con.execute(
        f"""
        SELECT * FROM (
            SELECT source, state, url, attempts, next_attempt_at, last_failed_at,
                   error_class, status, error
            FROM url_retries WHERE $source IS NULL OR source = $source
            UNION ALL ({_NEXT_RUN_SQL})
            UNION ALL ({_NEXT_BACKFILL_SQL})
        )
        -- pending, next_run, next_backfill, given_up: what will be asked again first
        ORDER BY source, state DESC, next_attempt_at NULLS LAST, url
        """,
        {"source": source},
    )
    assert result.description is not None
    return QueryResult(columns=[d[0] for d in result.description],
                       rows=[tuple(r) for r in result.fetchall()])
