"""Status and integrity: what ``pressroom status`` and ``pressroom health`` read.

:func:`status` is one row per source (latest run, counters, errors, retries);
:func:`integrity_problems` counts rows that break an invariant the schema does
not enforce. Moved unchanged from ``warehouse/queries.py``. :func:`clock_evidence`:
the latest run's word on this host's clock (migration 017). Runs are ordered by
``run_seq`` (migration 018, :mod:`warehouse.run_seq`), not by a clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

from warehouse.records import RunCounts, SourceStatus

# A source's status when no run of it has run, every one turned away ('held' by a
# backfill, or 'skipped': another run held it): words, not NULL, in every format.
TURNED_AWAY = "turned away"

_STATUS_SQL = """
WITH names AS (
    SELECT name AS source FROM sources
    UNION SELECT source FROM runs
    UNION SELECT source FROM article_state
),
-- The latest run that ran: a 'held' (migration 013) or 'skipped' (014) one fetched
-- nothing, and the run that held the source, still running or done, is what the
-- source's state comes from. "Latest" and "since" by run_seq (018), the order the
-- warehouse numbered the runs in, not by started_at: a clock set back made the runs
-- written while it was right the latest (started_at breaks ties of rows written by
-- hand without a number).
last_run AS (
    SELECT * FROM runs WHERE status NOT IN ('held', 'skipped')
    QUALIFY row_number() OVER (PARTITION BY source
                               ORDER BY run_seq DESC NULLS LAST, started_at DESC,
                                        run_id DESC) = 1
),
last_error AS (
    SELECT source, error, coalesce(finished_at, started_at) AS at FROM runs
    WHERE error IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY source
                               ORDER BY run_seq DESC NULLS LAST, started_at DESC,
                                        run_id DESC) = 1
),
held AS (
    SELECT h.source, count(*) AS n, max(h.started_at) AS at
    FROM runs AS h LEFT JOIN last_run AS r ON r.source = h.source
    WHERE h.status = 'held' AND (r.source IS NULL OR h.run_seq > r.run_seq)
    GROUP BY h.source
),
-- Backfills another run turned away ('skipped', kind 'backfill', migration 014) since
-- the source's latest backfill that ran (any status but those two): each walked none
-- of its history, which waits for a backfill of the source to run. The latest one and
-- the run that held the source then (held_by), and how many.
last_backfill AS (
    SELECT source, max(run_seq) AS seq FROM runs
    WHERE kind = 'backfill' AND status NOT IN ('held', 'skipped') GROUP BY source
),
turned_away AS (
    SELECT s.source, count(*) OVER (PARTITION BY s.source) AS n, s.started_at AS at,
           s.held_by
    FROM runs AS s LEFT JOIN last_backfill AS b ON b.source = s.source
    WHERE s.status = 'skipped' AND s.kind = 'backfill'
      AND (b.seq IS NULL OR s.run_seq > b.seq)
    QUALIFY row_number() OVER (PARTITION BY s.source
                               ORDER BY s.run_seq DESC NULLS LAST, s.started_at DESC,
                                        s.run_id DESC) = 1
),
-- A source no run of which has run: every run of it was turned away ('held' or
-- 'skipped'); how many, the latest one's time and its holder. Status says so in words.
turned_only AS (
    SELECT t.source, count(*) OVER (PARTITION BY t.source) AS n,
           count(*) FILTER (WHERE t.status = 'skipped' AND t.kind <> 'backfill')
               OVER (PARTITION BY t.source) AS ingests,
           t.started_at AS at, t.held_by
    FROM runs AS t LEFT JOIN last_run AS r ON r.source = t.source
    WHERE t.status IN ('held', 'skipped') AND r.source IS NULL
    QUALIFY row_number() OVER (PARTITION BY t.source
                               ORDER BY t.run_seq DESC NULLS LAST, t.started_at DESC,
                                        t.run_id DESC) = 1
),
counts AS (SELECT source, count(*) AS n FROM article_state GROUP BY source),
retries AS (
    SELECT source,
           count(*) FILTER (WHERE state = 'pending') AS pending,
           min(next_attempt_at) FILTER (WHERE state = 'pending') AS next_at,
           count(*) FILTER (WHERE state = 'given_up') AS given_up
    FROM url_retries GROUP BY source
)
SELECT n.source, coalesce(c.n, 0), r.run_id, r.status, r.started_at, r.finished_at,
       r.discovered, r.fetched, r.new, r.updated, r.unchanged, r.failed, r.error,
       e.error, e.at, coalesce(q.pending, 0), q.next_at, coalesce(q.given_up, 0),
       coalesce(h.n, 0), h.at, coalesce(t.n, 0), t.at, t.held_by,
       coalesce(o.n, 0), coalesce(o.ingests, 0), o.at, o.held_by
FROM names AS n
LEFT JOIN last_run AS r ON r.source = n.source
LEFT JOIN last_error AS e ON e.source = n.source
LEFT JOIN counts AS c ON c.source = n.source
LEFT JOIN retries AS q ON q.source = n.source
LEFT JOIN held AS h ON h.source = n.source
LEFT JOIN turned_away AS t ON t.source = n.source
LEFT JOIN turned_only AS o ON o.source = n.source
ORDER BY n.source
"""


def status(con: duckdb.DuckDBPyConnection) -> list[SourceStatus]:
    """Per source: the latest run (not a 'held' or 'skipped' one), its counters and error,
    the last error, article count, the scheduled runs a backfill held since that run
    began, and the backfills another run turned away since the source's last backfill
    that ran (the latest one's holder).

    A 'running' run whose process is gone (Ctrl-C, kill -9) shows as 'crashed' with
    the reason the next run of it will record: status opens the file read-only.
    """
    from warehouse.crashed_runs import dead_runs

    dead = {
        (run_id, source): reason for run_id, source, reason in dead_runs(con, datetime.now(UTC))
    }
    out: list[SourceStatus] = []
    for row in con.execute(_STATUS_SQL).fetchall():
        (
            source,
            articles,
            run_id,
            run_status,
            started,
            finished,
            discovered,
            fetched,
            new,
            updated,
            unchanged,
            failed,
            error,
            last_err,
            last_at,
            pending,
            next_retry,
            given_up,
            held_runs,
            held_at,
            turned_away,
            turned_away_at,
            turned_away_by,
            runs_turned_away,
            ingests_turned_away,
            last_run_turned_away_at,
            last_run_turned_away_by,
        ) = row
        counts = (
            RunCounts(discovered, fetched, new, updated, unchanged, failed)
            if run_id is not None
            else RunCounts()
        )
        if (run_id, source) in dead:
            run_status, error = "crashed", error or dead[run_id, source]
        if run_id is None and runs_turned_away:
            run_status = TURNED_AWAY
        out.append(
            SourceStatus(
                source=source,
                articles=int(articles),
                last_run_id=run_id,
                status=run_status,
                started_at=started,
                finished_at=finished,
                counts=counts,
                error=error,
                last_error=last_err,
                last_error_at=last_at,
                pending_retry=int(pending),
                next_retry_at=next_retry,
                given_up=int(given_up),
                held_runs=int(held_runs),
                last_held_at=held_at,
                turned_away_backfills=int(turned_away),
                last_turned_away_at=turned_away_at,
                turned_away_by=turned_away_by,
                runs_turned_away=int(runs_turned_away),
                ingests_turned_away=int(ingests_turned_away),
                last_run_turned_away_at=last_run_turned_away_at,
                last_run_turned_away_by=last_run_turned_away_by,
            )
        )
    return out


# Each check counts rows that break an invariant the schema does not enforce
# itself (see the note at the top of 001_init.sql).
_INTEGRITY_CHECKS: tuple[tuple[str, str], ...] = (
    (
        "duplicate article_state.article_id",
        "SELECT count(*) FROM (SELECT article_id FROM article_state "
        "GROUP BY article_id HAVING count(*) > 1)",
    ),
    (
        "duplicate article_versions (article_id, version)",
        "SELECT count(*) FROM (SELECT article_id, version FROM article_versions "
        "GROUP BY article_id, version HAVING count(*) > 1)",
    ),
    (
        "duplicate seen_urls.url",
        "SELECT count(*) FROM (SELECT url FROM seen_urls GROUP BY url HAVING count(*) > 1)",
    ),
    (
        "duplicate pages.page_id",
        "SELECT count(*) FROM (SELECT page_id FROM pages GROUP BY page_id HAVING count(*) > 1)",
    ),
    (
        "article_state rows whose latest_version is not the highest stored version",
        "SELECT count(*) FROM article_state AS s LEFT JOIN "
        "(SELECT article_id, max(version) AS v FROM article_versions GROUP BY article_id) AS m "
        "ON m.article_id = s.article_id WHERE m.v IS DISTINCT FROM s.latest_version",
    ),
    (
        "article_state keys that do not match their text (see warehouse/keys.py)",
        "SELECT count(*) FROM article_state "
        "WHERE id_key IS DISTINCT FROM (md5_number_lower(article_id) >> 1)::BIGINT "
        "OR url_key IS DISTINCT FROM (md5_number_lower(url) >> 1)::BIGINT "
        "OR canon_key IS DISTINCT FROM (md5_number_lower(canonical_url) >> 1)::BIGINT "
        "OR content_key IS DISTINCT FROM (md5_number_lower(content_hash) >> 1)::BIGINT",
    ),
    (
        "article_state.id_key shared by two ids",
        "SELECT count(*) FROM (SELECT id_key FROM article_state WHERE id_key IS NOT NULL "
        "GROUP BY id_key HAVING count(DISTINCT article_id) > 1)",
    ),
    (
        "seen_urls keys that do not match their url",
        "SELECT count(*) FROM seen_urls "
        "WHERE url_key IS DISTINCT FROM (md5_number_lower(url) >> 1)::BIGINT",
    ),
    (
        "seen_urls.url_key shared by two urls",
        "SELECT count(*) FROM (SELECT url_key FROM seen_urls WHERE url_key IS NOT NULL "
        "GROUP BY url_key HAVING count(DISTINCT url) > 1)",
    ),
    (
        "http_cache keys that do not match their url",
        "SELECT count(*) FROM http_cache "
        "WHERE url_key IS DISTINCT FROM (md5_number_lower(url) >> 1)::BIGINT",
    ),
    (
        # Invisible to search: the index and its tail both select by seq (migration 011).
        "article_versions rows without a write sequence (seq)",
        "SELECT count(*) FROM article_versions WHERE seq IS NULL",
    ),
    (
        "article_versions rows without an article_state row",
        "SELECT count(*) FROM article_versions AS v WHERE NOT EXISTS "
        "(SELECT 1 FROM article_state AS s WHERE s.article_id = v.article_id)",
    ),
)


def integrity_problems(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Human-readable descriptions of broken invariants; empty when all hold."""
    problems: list[str] = []
    for label, sql in _INTEGRITY_CHECKS:
        row = con.execute(sql).fetchone()
        count = int(row[0]) if row else 0
        if count:
            problems.append(f"{label}: {count}")
    return problems


@dataclass(frozen=True, slots=True)
class ClockEvidence:
    """One run's votes on this host's clock: (site, seconds its ``Date`` was ahead), one
    per source that had a ``Date`` (flows.clock_witness), and when the run started by
    this host's clock."""

    run_id: str
    started_at: datetime
    votes: tuple[tuple[str, float], ...]


# The latest run with votes of at least $min sites (run_clock, migration 017), "latest" by
# run_seq (018): the order the warehouse numbered the runs in, which no clock sets.
#
# o45 ordered by this host's clock moved by the sites' (started_at + the run's median
# skew), since a clock set back writes started_at before the runs it made while it was
# right; k45 let a positive skew move a run only where the run itself warned. Both
# clocks were still the order's only evidence: three hostile sites claiming the year
# 9999 made their run sort after every later run (the skew clamped at about 30 years),
# and `health` kept its warning after the clock was right. By run_seq the run written
# after a set-back is the latest, whatever either clock says, and so is the run after
# a hostile one.
#
# Only the latest RECENT_RUNS numbers are read, so the read's cost stays that of a few
# thousand rows however many runs the warehouse holds (the view groups by run_seq, so
# the bound reaches the scan of runs): before, every voted row was grouped, 1.6-2.0 s
# at 1M rows (docs/BENCHMARKS.md, o45 and o46). A run further back is not evidence of
# this host's clock now: with none of at least $min sites among them, nothing is said.
RECENT_RUNS = 1000

_CLOCK_SQL = """
SELECT run_id, started_at, run_seq FROM run_clock WHERE sites >= $min AND run_seq > $floor
ORDER BY run_seq DESC, run_id DESC
LIMIT 1
"""


def clock_evidence(con: duckdb.DuckDBPyConnection, min_sites: int) -> ClockEvidence | None:
    """The votes of the latest run (by run_seq, among the last :data:`RECENT_RUNS`) whose
    sources' ``Date`` headers came from at least ``min_sites`` different sites, else None
    (no run had: a run of one or two sites can neither raise the warning nor clear it)."""
    top = con.execute("SELECT coalesce(max(run_seq), 0) FROM runs").fetchone()
    floor = (int(top[0]) if top else 0) - RECENT_RUNS
    row = con.execute(_CLOCK_SQL, {"min": min_sites, "floor": floor}).fetchone()
    if row is None:
        return None
    run_id, started_at, seq = row
    votes = con.execute(
        "SELECT date_site, date_ahead_s FROM runs WHERE run_seq = ? AND run_id = ? "
        "AND date_site IS NOT NULL AND date_ahead_s IS NOT NULL ORDER BY source",
        [seq, run_id],
    ).fetchall()
    return ClockEvidence(
        str(run_id), started_at, tuple((str(site), float(ahead)) for site, ahead in votes)
    )
