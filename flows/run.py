"""Run sources once, with or without Prefect: the part of a run Prefect only wraps.

Nothing here imports Prefect, so ``pressroom ingest --no-prefect`` starts
without it; :mod:`flows.ingest` wraps these in flows and tasks.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flows.clock_witness import source_witness
from flows.collector import collector_for_run
from flows.config import SourceConfig
from flows.discovery_records import Failure
from flows.fetch import Fetcher
from flows.gateway import DEFAULT_LOCK_TIMEOUT, WarehouseGateway, until_note
from flows.host_turns import Pacer
from flows.locks import source_lock
from flows.parsepool import ParsePool, default_workers
from flows.pipeline import SourceIngest
from flows.policy import private_hosts
from flows.runtime import make_client, new_run_id, resolve_secrets
from flows.source_records import SourceReport
from pressroom.errors import (
    CatalogUnavailable,
    StorageUnavailable,
    WarehouseError,
    WarehouseUnavailable,
    single_line,
)
from warehouse import Warehouse
from warehouse.clock_votes import clock_warning
from warehouse.lake import LakeTarget, Target
from warehouse.records import Batch, BatchResult, RunCounts, RunFinish, SourceEnd
from warehouse.run_locks import holder

ProgressFn = Callable[[str], None]


async def run_sources(
    sources: Sequence[SourceConfig],
    db_path: Path | LakeTarget,
    *,
    refresh: bool = False,
    since: datetime | None = None,
    max_listing_pages: int | None = None,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    as_tasks: bool = True,
    progress: ProgressFn | None = None,
    parse_workers: int | None = None,
    pacer: Pacer | None = None,
    cluster_held: bool = False,
    turned_away: Sequence[SourceReport] = (),
) -> tuple[str, list[SourceReport]]:
    """Run the sources concurrently with one shared client; record the run.

    A source already being ingested by another process is skipped (and said
    so); batches that meet a locked database are staged and merged later.
    ``turned_away``: sources the caller skipped before (a cluster run's sources whose
    cluster lease another run holds), recorded in runs as this run's 'skipped' rows.
    ``parse_workers`` (None: :func:`~flows.parsepool.default_workers`) sizes the
    parse pool the sources share. ``pacer``: a cluster run's (:mod:`flows.concurrency`).
    ``cluster_held``: the run holds the sources' cluster leases, so their rows still
    'running' are of dead runs, whatever their host.
    """
    say = progress or (lambda _m: None)
    run_id = new_run_id()
    gateway = WarehouseGateway(db_path, lock_timeout=lock_timeout)
    with ExitStack() as stack:
        stack.enter_context(collector_for_run())  # fewer, cheaper collections (flows.collector)
        stack.callback(gateway.close)
        active: list[SourceConfig] = []
        skipped: list[SourceReport] = list(turned_away)
        kind = "ingest" if since is None else "backfill"
        for source in sources:
            if stack.enter_context(source_lock(gateway.target, source.name, kind, run_id)):
                active.append(source)
            else:
                skipped.append(_held(gateway.target, source.name, kind, say))
        held_at = datetime.now(UTC)
        parser = ParsePool(default_workers() if parse_workers is None else parse_workers)
        reports = await _run_active(active, gateway, run_id, refresh, since, max_listing_pages,
                                    as_tasks, progress, parser, pacer, cluster_held)
        await _record_turned_away(gateway, run_id, kind, skipped, held_at)
    return run_id, reports + skipped


async def _record_turned_away(gateway: WarehouseGateway, run_id: str, kind: str,
                              turned_away: list[SourceReport], held_at: datetime) -> None:
    """Write a runs row for each source another run held, so SQL shows that this run
    happened: 'held' when a backfill turned an ingest away (migration 013), 'skipped'
    when another run did (014), each naming the holder's run in ``held_by``. A
    warehouse still locked after --lock-timeout, or a lake's catalog that is down,
    costs the rows, not the run: the source's line says they were not recorded."""
    if not turned_away:
        return

    def record(wh: Warehouse) -> None:
        for status in ("held", "skipped"):
            rows = [r for r in turned_away if r.status == status]
            wh.record_held(run_id, [r.source for r in rows], held_at, os.getpid(),
                           status=status, kind=kind,
                           held_by={r.source: r.holder_run for r in rows})

    try:
        await gateway.call(record)
    except WarehouseUnavailable as exc:
        for report in turned_away:
            report.skipped = f"{report.skipped}; not recorded in runs: {exc}"


def _held(db: Target, name: str, kind: str, say: ProgressFn) -> SourceReport:
    """The report of a source another run holds. A scheduled run turned away by a
    backfill (which may hold the source for hours) says so in its own outcome,
    'held' (README, exit code 4): it fetched nothing, and the next run after the
    backfill reads the feeds as usual. Any other is 'skipped': exit 0 for an ingest
    (the holder does its work), exit 4 for a backfill (no other run walks its history)."""
    pid, holder_kind, holder_run = holder(db, name)
    if holder_kind == "backfill" and kind == "ingest":
        # One line, printed by the summary (pressroom.run_summary) or logged by the flow.
        note = (f"skipped: a backfill of {name} holds it (pid {pid}); nothing fetched, "
                "the next run after the backfill catches up")
        return SourceReport(name, skipped=note, held_by_backfill=True, holder_run=holder_run)
    note = f"skipped: another run of {name} is in progress (pid {pid})"
    if kind == "backfill":  # a warning of the summary (exit 4), once, as for 'held'
        note += "; this backfill fetched nothing of it: run it again when that run ends"
    else:  # the holder does its work (exit 0); said as the CLI's other lines are (u54)
        say(f"pressroom: source {name} {note}")
    return SourceReport(name, skipped=note, holder_run=holder_run)


async def _run_active(
    sources: Sequence[SourceConfig],
    gateway: WarehouseGateway,
    run_id: str,
    refresh: bool,
    since: datetime | None,
    max_listing_pages: int | None,
    as_tasks: bool,
    progress: ProgressFn | None,
    parser: ParsePool,
    pacer: Pacer | None = None,
    cluster_held: bool = False,
) -> list[SourceReport]:
    if not sources:
        return []
    started = datetime.now(UTC)
    # A run given --since is a backfill: it walks feeds' older pages (flows.discover).
    kind = "ingest" if since is None else "backfill"
    configs = {s.name: s.as_json() for s in sources}
    names = [s.name for s in sources]

    def begin(wh: Warehouse) -> list[tuple[Batch, BatchResult]]:
        # Earlier runs' staged batches go in first, so nothing is fetched twice.
        merged = gateway.merge_staged(wh)
        wh.mark_crashed_runs(started)
        if cluster_held:  # a lost host's rows: its pid cannot be checked from here
            wh.mark_superseded_runs(names, run_id, started)
        wh.upsert_sources(configs)
        wh.start_run(run_id, names, started, os.getpid(), kind)
        return merged

    say = progress or (lambda _m: None)
    if not await gateway.open(begin, gateway.lock_timeout):
        # Busy past --lock-timeout, or a lake's catalog is down: fetch anyway, stage
        # every batch in the spool.
        if isinstance(gateway.refused, CatalogUnavailable | StorageUnavailable):
            say(f"{gateway.refused}; fetching anyway, batches are staged in "
                f"{gateway.spool.dir} and merged {until_note(gateway.refused)}")
        else:
            say(f"database {gateway.target} is locked; fetching anyway, batches are staged "
                f"in {gateway.spool.dir} and merged when the lock frees")
    try:
        async with make_client(private_hosts(sources)) as client:
            fetcher = Fetcher(client, pacer=pacer)
            if as_tasks:
                from flows.ingest import ingest_source_task

                jobs = [
                    ingest_source_task(s, fetcher, gateway, run_id, parser, refresh, since,
                                       max_listing_pages)
                    for s in sources
                ]
            else:
                jobs = [
                    SourceIngest(s, fetcher, gateway, run_id, secrets=resolve_secrets(s),
                                 parser=parser, refresh=refresh, since=since,
                                 max_listing_pages=max_listing_pages, progress=progress).run()
                    for s in sources
                ]
            reports = list(await asyncio.gather(*jobs))
    finally:
        parser.close()
    memory = parser.memory_line()
    if memory:
        say(memory)
    by_name = {r.source: r for r in reports}
    if gateway.blind or any(r.staged for r in reports):
        try:
            merged = await gateway.merge_spool()
        except WarehouseUnavailable as exc:
            # Each source's runs row goes after its batches, merged with them (z40c).
            await _stage_rows(gateway, run_id, kind, started, reports)
            # The run ends here, before its summary: say what else went wrong
            # (a batch that could not even be staged, for instance).
            failed = "".join(f"; {r.source} failed: {r.error}" for r in reports if r.error)
            raise type(exc)(
                f"{exc}; {staged_words(gateway.waiting())} in {gateway.spool.dir} "
                f"and will be merged by the next run{failed}"
            ) from exc
        for batch, result in merged:
            if batch.run_id == run_id and batch.source in by_name:
                by_name[batch.source].add(result)
    finished = datetime.now(UTC)

    def end(wh: Warehouse) -> None:
        # started: the rows' start if begin never ran (finish_run). A run that staged
        # batches counts its articles from what is stored: another run's start may have
        # merged some of them, uncounted here (k41c). One transaction: every row with
        # its vote on this host's clock, or none (o45).
        wh.finish_runs(run_id, [SourceEnd(r.source, r.counts, r.status, r.error,
                                          r.staged > 0, source_vote(r)) for r in reports],
                       finished, kind, started_at=started)
        # Else every run adds row groups that later runs walk. A failure rolls
        # back and loses nothing: the next run's end tries again.
        with contextlib.suppress(WarehouseError):
            wh.compact_tails()

    try:
        await gateway.call(end)
    except WarehouseUnavailable as exc:
        # Every batch is stored (or merged above), but the file was taken after the last
        # write and held past --lock-timeout: the rows are staged as a locked-out run's
        # are, else the 'running' rows would be swept as 'crashed' (z41a).
        await _stage_rows(gateway, run_id, kind, started, reports)
        raise type(exc)(
            f"{exc}; every batch of this run is stored; its runs rows are staged in "
            f"{gateway.spool.dir} and will be written by the next run") from exc
    try:
        flushed = await gateway.flush_inlined()
    except (WarehouseError, WarehouseUnavailable) as exc:  # rows committed; the next run flushes
        flushed = {}
        say(f"inlined rows stay in the lake's catalog: {exc}")
    if flushed:
        say(f"lake: {sum(flushed.values())} inlined row(s) of {len(flushed)} table(s) "
            "written to Parquet")
    return reports


def staged_words(count: int) -> str:
    """``2 batches are staged``: the files that wait in the spool, for a run's last line."""
    return "1 batch is staged" if count == 1 else f"{count} batches are staged"


async def _stage_rows(gateway: WarehouseGateway, run_id: str, kind: str, started: datetime,
                      reports: Sequence[SourceReport]) -> None:
    """Stage each source's ``runs`` row after its batches: a run the warehouse refused
    to its end gets its rows when the next run merges the spool (z40c). A row that
    cannot be staged (the spool's disk full too) is left out: the batches matter more."""
    finished = datetime.now(UTC)
    for r in reports:
        row = RunFinish(started_at=started, finished_at=finished, status=r.status,
                        counts=r.counts, error=r.error, kind=kind, vote=source_vote(r))
        with contextlib.suppress(WarehouseError):
            await gateway.stage_row(Batch(run_id=run_id, source=r.source, fetched_at=finished,
                                          run=row))


UNREACHABLE = frozenset({"RobotsUnavailable", "ConnectError", "FetchTimeout"})
_URL = re.compile(r"https?://[^/\s)]+")


def failure_lines(source: str, failures: Sequence[Failure], limit: int = 5) -> list[str]:
    """One line per kind of failure (``3 × FetchTimeout, e.g. ...``), not one per URL."""
    by_class: dict[str, list[Failure]] = {}
    for failure in failures:
        by_class.setdefault(failure.error_class, []).append(failure)
    return [
        f"{source}: {len(group)} × {cls}, e.g. {group[0].message}" if len(group) > 1
        else f"{source}: {cls} {group[0].message}"
        for cls, group in list(by_class.items())[:limit]
    ]


def source_error_line(source: str, error: str, *, full: bool = False) -> str:
    """The one console line for a failed source: unreachable hosts said plainly
    (``full``: the whole error, as ``--verbose`` asks)."""
    cls, _, message = error.partition(": ")
    if cls in UNREACHABLE and not full:
        hosts = list(dict.fromkeys(_URL.findall(message))) or ["its host"]
        return (f"source {source}: could not reach {hosts[0]} ({cls}); "
                "details: pressroom status --verbose")
    # A foreign error's own line breaks (DuckDB's) would split the one line (k36c).
    return single_line(f"source {source} failed: {error if full else error[:300]}")


def report_table(reports: Sequence[SourceReport]) -> list[dict[str, object]]:
    """Per-source rows for the run artifact and the CLI summary."""
    rows: list[dict[str, object]] = []
    for r in reports:
        c: RunCounts = r.counts
        p50, p95 = r.percentile(50), r.percentile(95)
        vote = source_vote(r)
        rows.append({
            "source": r.source, "status": r.status, "listed": c.discovered,
            "fetched": c.fetched, "new": c.new, "updated": c.updated,
            "unchanged": c.unchanged, "not_articles": r.not_articles,
            "retry_list": r.retry_list, "failed": c.failed,
            "later": r.later, "scheduled": r.scheduled, "unparsed": r.unparsed,
            "older_pages": sum(1 for f in r.failures if f.older_page),
            "older": r.older,
            "new_stories": r.new_stories, "new_copies": r.new_copies,
            "fetch_p50_ms": None if p50 is None else round(p50, 1),
            "fetch_p95_ms": None if p95 is None else round(p95, 1),
            # this source's vote on this host's clock (run_clock_warning)
            "date_site": None if vote is None else vote[0],
            "date_ahead_s": None if vote is None else vote[1],
            "note": r.skipped or (f"{r.staged} batch{'' if r.staged == 1 else 'es'} staged"
                                  if r.staged else None),
            "error": r.error,
            # Every failed URL and why, for `ingest --verbose` (not a column: the
            # ingest-summary artifact and the tables leave it out).
            "failures": [{"url": f.url, "error_class": f.error_class, "reason": f.message}
                         for f in r.failures],
        })
    return rows


def source_vote(report: SourceReport) -> tuple[str, int] | None:
    """The source's word on this host's clock: its site and how many seconds its
    responses' ``Date`` was ahead (the median, rounded), as the summary rows and the
    runs row (migration 017) carry it; None when no response sent a ``Date``."""
    witness = source_witness(report.date_offsets)
    return None if witness is None else (witness[0], round(witness[1]))


def run_clock_warning(rows: Sequence[dict[str, Any]]) -> str | None:
    """The run's warning that this host's clock looks behind, from the summary rows'
    votes (:func:`warehouse.clock_votes.clock_warning`), else None."""
    return clock_warning([(str(r["date_site"]), float(r["date_ahead_s"]))
                          for r in rows if r.get("date_site") is not None])
