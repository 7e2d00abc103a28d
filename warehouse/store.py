"""The Warehouse facade: typed discovery, write, run and read calls on one guarded connection.

The connection, its lock, write-conflict retries and DuckDB errors translated are
:mod:`warehouse.guarded_connection`'s; each call here names its work and hands it to
the module that does it (queries, writes, runs, health, retries).
"""

from __future__ import annotations

from collections.abc import Generator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from pressroom.errors import WarehouseError
from warehouse import (
    crashed_runs,
    health,
    interrupted_runs,
    queries,
    retries,
    runs,
    schema,
)
from warehouse.connection import configure_session
from warehouse.guarded_connection import GuardedConnection
from warehouse.lake import LakeTarget
from warehouse.records import (
    ArchivedPage,
    Batch,
    BatchResult,
    CacheEntry,
    QueryResult,
    RunCounts,
    SourceEnd,
    SourceStatus,
    StoredDocument,
)

if TYPE_CHECKING:
    from warehouse.story_index import AssignResult
    from warehouse.story_sidecar import Sidecar

# The write path (pyarrow, the story index and its MinHash library) is imported where
# it is used: the query commands open a warehouse too and must start fast (issue 15).


class Warehouse(GuardedConnection):
    """Typed access to the DuckDB warehouse.

    ``Warehouse(con)`` wraps an existing connection as-is (no migrations: see
    :func:`warehouse.schema.apply_migrations`); :func:`open_warehouse` opens a
    file and migrates it. A DuckDB connection is not safe to share between
    threads, so every call holds an instance lock. Another connection of this
    process writing at the same time (a second Warehouse on the same file) is
    waited for up to ``lock_timeout`` seconds, then DatabaseLocked is raised.
    ``stories=False`` writes batches without clustering them into stories (for
    bulk loads followed by ``pressroom stories --rebuild``, and to measure what
    clustering costs). ``story_sidecar`` is the file of the story index beside
    the warehouse (:mod:`warehouse.story_sidecar`); without one, story lookups
    scan DuckDB.
    """

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        *,
        path: Path | None = None,
        lock_timeout: float = 0.0,
        stories: bool = True,
        story_sidecar: Path | None = None,
        lake_target: LakeTarget | None = None,
    ) -> None:
        super().__init__(con, path=path, lock_timeout=lock_timeout, lake_target=lake_target)
        self._stories = stories
        self._sidecar: Sidecar | None = None
        if story_sidecar is not None:
            from warehouse.story_sidecar import Sidecar

            self._sidecar = Sidecar(story_sidecar)

    def _close_more(self) -> None:
        """The story sidecar closes with the connection."""
        if self._sidecar is not None:
            self._sidecar.close()

    # -- maintenance -------------------------------------------------------

    def compact_tails(self) -> dict[str, int]:
        """At a run's end: merge the small tables' trailing row groups
        (:mod:`warehouse.compaction`; a lake has none)."""
        if self._lake is not None:
            return {}
        from warehouse.compaction import compact_tails

        return self._write("compact_tails", compact_tails)

    # -- discovery ---------------------------------------------------------

    def unknown_urls(self, urls: Sequence[str], source: str | None = None) -> list[str]:
        """The URLs not yet resolved (not in seen_urls, not an article's url/canonical_url).

        Input order is kept; repeated URLs are returned once. With ``source``,
        only that source's own rows count (see :func:`warehouse.queries.unknown_urls`).
        """
        with self._guard("unknown_urls") as con:
            return queries.unknown_urls(con, urls, source)

    def skipped_outcomes(self, urls: Sequence[str], source: str) -> dict[str, str]:
        """Known URLs ``source`` did not fetch that are on its retry list or not articles
        (see :func:`warehouse.queries.skipped_outcomes`); the rest are stored articles."""
        with self._guard("skipped_outcomes") as con:
            return queries.skipped_outcomes(con, urls, source)

    def stale_urls(self, candidates: Sequence[tuple[str, datetime]]) -> list[str]:
        """Known article URLs whose feed-reported modified time is after their last fetch."""
        with self._guard("stale_urls") as con:
            return queries.stale_urls(con, candidates)

    def due_retries(self, source: str, now: datetime, limit: int) -> list[str]:
        """URLs of ``source`` on the retry schedule whose next attempt is due at ``now``."""
        with self._guard("due_retries") as con:
            return retries.due(con, source, now, limit)

    def retry_list(self, source: str | None = None) -> QueryResult:
        """URLs pending retry or given up, with the reason of their latest failure."""
        with self._guard("retry_list") as con:
            return retries.listing(con, source)

    def http_cache(self, source: str, urls: Sequence[str]) -> dict[str, CacheEntry]:
        """``source``'s conditional-GET validators for the given URLs (only those it
        stored: another source's describe another copy, migration 021)."""
        from warehouse import cache

        with self._guard("http_cache") as con:
            return cache.lookup(con, source, urls)

    def forget_http_cache(self) -> None:
        """Drop every stored feed validator: the next discovery reads each feed in full."""
        self._write("forget_http_cache", lambda con: con.execute("DELETE FROM http_cache"))

    def touch_seen(self, urls: Sequence[str], when: datetime) -> None:
        """Bump last_seen_at of rediscovered URLs and of the articles they belong to."""
        from warehouse import writes

        self._write("touch_seen", lambda con: writes.touch_seen(con, urls, when))

    # -- writes ------------------------------------------------------------

    def write_batch(self, batch: Batch) -> BatchResult:
        """Store a batch in one short transaction and count new/updated/unchanged articles.

        New article ids get version 1 and a state row; a known id with the same
        content hash only bumps last_seen_at/last_fetched_at; a changed hash
        appends version n+1. Articles of kind 'listing'/'empty' are recorded as
        'not_article' seen URLs instead. Re-writing a batch changes nothing.
        """
        from warehouse import writes

        return self._write("write_batch",
                           lambda con: writes.write_batch(con, batch, stories=self._stories,
                                                         lookup=self._sidecar))

    def start_run(
        self, run_id: str, sources: Sequence[str], started_at: datetime, pid: int,
        kind: str = "ingest",
    ) -> None:
        """Record ``run_id`` (an ingest or a backfill) as running for each source."""
        self._write("start_run",
                    lambda con: runs.start_run(con, run_id, sources, started_at, pid, kind=kind))

    def finish_run(
        self,
        run_id: str,
        source: str,
        counts: RunCounts,
        status: str,
        error: str | None,
        finished_at: datetime,
        kind: str = "ingest",
        started_at: datetime | None = None,
        merged_at: datetime | None = None,
        from_versions: bool = False,
        vote: tuple[str, int] | None = None,
    ) -> None:
        """Close one source's run with its counters and final status (``started_at``:
        the row's start, when start_run found the file locked; ``merged_at``: a staged
        row's merge, written once; ``vote``: its word on this host's clock; see
        :func:`warehouse.runs.finish_run`)."""
        self._write("finish_run", lambda con: runs.finish_run(
            con, run_id, source, counts, status, error, finished_at, kind, started_at,
            merged_at, from_versions, vote))

    def finish_runs(self, run_id: str, ends: Sequence[SourceEnd], finished_at: datetime,
                    kind: str = "ingest", started_at: datetime | None = None) -> None:
        """Close every source's row of a run in one transaction
        (:func:`warehouse.runs.finish_runs`)."""
        self._write("finish_runs", lambda con: runs.finish_runs(
            con, run_id, ends, finished_at, kind, started_at))

    def record_held(self, run_id: str, sources: Sequence[str], held_at: datetime,
                    pid: int, *, status: str = "held", kind: str = "ingest",
                    held_by: Mapping[str, str | None] | None = None) -> None:
        """Record ``run_id`` as 'held' (a backfill held the ingest) or 'skipped' (another
        run held it) for each source, naming each holder's run (``held_by``)."""
        self._write("record_held",
                    lambda con: runs.record_held(con, run_id, sources, held_at, pid,
                                                 status=status, kind=kind, held_by=held_by))

    def mark_crashed_runs(
        self, now: datetime, *, stale_after: timedelta | None = crashed_runs.FOREIGN_RUN_STALE_AFTER
    ) -> int:
        """Mark 'running' runs whose process is gone as 'crashed'; returns how many.

        Runs of this host are checked by pid; runs of other hosts are presumed
        crashed once older than ``stale_after``.
        """
        return self._write(
            "mark_crashed_runs",
            lambda con: crashed_runs.mark_crashed_runs(con, now, stale_after=stale_after),
        )

    def close_interrupted_runs(self, now: datetime) -> interrupted_runs.Interrupted:
        """Close this process's 'running' rows: it was interrupted (Ctrl-C)."""
        return self._write("close_interrupted_runs",
                           lambda con: interrupted_runs.close_interrupted_runs(con, now))

    def mark_superseded_runs(self, sources: Sequence[str], run_id: str, now: datetime) -> int:
        """Crash the other 'running' runs of ``sources`` (caller holds their cluster lease)."""
        return self._write("mark_superseded_runs",
                           lambda con: crashed_runs.mark_superseded_runs(con, sources, run_id, now))

    def upsert_sources(
        self, configs: Mapping[str, Mapping[str, Any]], now: datetime | None = None
    ) -> None:
        """Store the configured sources (name → config dict)."""
        when = now or datetime.now(UTC)
        self._write("upsert_sources", lambda con: runs.upsert_sources(con, configs, when))

    def rebuild_stories(self, now: datetime | None = None) -> AssignResult:
        """Recompute every story cluster from scratch, in one transaction."""
        from warehouse.story_rebuild import rebuild_stories

        when = now or datetime.now(UTC)
        return self._write("rebuild_stories",
                           lambda con: rebuild_stories(con, self._sidecar, when))

    # -- reads -------------------------------------------------------------

    def latest_documents(self, source: str, urls: Sequence[str]) -> dict[str, StoredDocument]:
        """Last stored copy (write order) of each of ``source``'s feeds or listings in ``urls``."""
        with self._guard("latest_documents") as con:
            return queries.latest_documents(con, source, urls)

    def iter_archived_pages(
        self,
        source: str | None,
        kind: str = "article",
        *,
        latest_only: bool = True,
        batch_size: int = 256,
        totals: dict[str, int] | None = None,
    ) -> Generator[ArchivedPage, None, None]:
        """Archived 2xx pages (the last written per URL by default), in write order, for
        ``reparse``; ``totals`` gets the pages per source before the first page."""
        with self._guard("iter_archived_pages") as con:
            cursor = con.cursor()
            configure_session(cursor)
            # A cursor starts in DuckDB's default database: on a lake, in-memory.
            (database,) = con.execute("SELECT current_database()").fetchone() or ("",)
            cursor.execute(f'USE "{database}"')
        # The generator runs on its own cursor, outside the lock, so the caller
        # can write (e.g. re-parsed articles) while iterating.
        try:
            yield from queries.iter_archived_pages(
                cursor, source, kind, latest_only=latest_only, batch_size=batch_size,
                totals=totals)
        except duckdb.Error as exc:
            raise WarehouseError(f"iter_archived_pages failed: {exc}") from exc
        finally:
            cursor.close()

    def query(
        self,
        sql: str,
        params: Sequence[Any] | Mapping[str, Any] | None = None,
        *,
        max_rows: int | None = None,
    ) -> QueryResult:
        """Run ad-hoc SQL (for ``pressroom sql``) and return columns and rows."""
        with self._guard("query") as con:
            return queries.query(con, sql, params, max_rows=max_rows)

    def status(self) -> list[SourceStatus]:
        """One row per known source: latest run, its counts, last error, article count."""
        with self._guard("status") as con:
            return health.status(con)

    def integrity_problems(self) -> list[str]:
        """Broken key/version invariants (duplicates, orphans); empty when healthy."""
        with self._guard("integrity_problems") as con:
            return health.integrity_problems(con)

    def clock_evidence(self, min_sites: int) -> health.ClockEvidence | None:
        """The latest run's votes on this host's clock, of the runs that had at least
        ``min_sites`` sites' (see :func:`warehouse.health.clock_evidence`)."""
        with self._guard("clock_evidence") as con:
            return health.clock_evidence(con, min_sites)

    def schema_version(self) -> int:
        """Highest applied migration number (0 for an empty database)."""
        with self._guard("schema_version") as con:
            return max(schema.applied_versions(con), default=0)
