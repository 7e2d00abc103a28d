"""Prefect flows: ``ingest``, ``reparse`` and ``backfill``.

Tasks are coarse, one per source, because each task run costs Prefect
bookkeeping; the per-article work happens inside :class:`SourceIngest`.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import acreate_table_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State
from prefect.states import Completed, Failed

from flows.config import SourceConfig, load_sources, select_sources
from flows.fetch import Fetcher
from flows.locks import lock_holder, source_lock
from flows.parsepool import ParsePool, default_workers
from flows.pipeline import (
    DEFAULT_LOCK_TIMEOUT,
    SourceIngest,
    SourceReport,
    WarehouseGateway,
    private_hosts,
)
from flows.reparse import reparse_archive
from flows.runtime import make_client, new_run_id, resolve_secrets
from pressroom.errors import DatabaseLocked, PressroomError
from warehouse import Warehouse
from warehouse.records import Batch, BatchResult, RunCounts

ProgressFn = Callable[[str], None]


@task(name="ingest-source", cache_policy=NO_CACHE, log_prints=False)
async def ingest_source_task(
    source: SourceConfig,
    fetcher: Fetcher,
    gateway: WarehouseGateway,
    run_id: str,
    parser: ParsePool,
    refresh: bool = False,
    since: datetime | None = None,
    max_listing_pages: int | None = None,
) -> SourceReport:
    """Ingest one source end to end (one task run per source, not per article)."""
    logger = get_run_logger()
    report = await SourceIngest(
        source, fetcher, gateway, run_id, secrets=resolve_secrets(source), parser=parser,
        refresh=refresh, since=since, max_listing_pages=max_listing_pages,
        progress=logger.info,
    ).run()
    c = report.counts
    logger.info(
        "%s: discovered %d, fetched %d, new %d, updated %d, unchanged %d, failed %d",
        source.name, c.discovered, c.fetched, c.new, c.updated, c.unchanged, c.failed,
    )
    for failure in report.failures[:20]:
        logger.warning("%s: %s %s", source.name, failure.error_class, failure.message)
    return report


async def run_sources(
    sources: Sequence[SourceConfig],
    db_path: Path,
    *,
    refresh: bool = False,
    since: datetime | None = None,
    max_listing_pages: int | None = None,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    as_tasks: bool = True,
    progress: ProgressFn | None = None,
) -> tuple[str, list[SourceReport]]:
    """Run the sources concurrently with one shared client; record the run.

    A source already being ingested by another process is skipped (and said
    so); batches that meet a locked database are staged and merged later.
    """
    say = progress or (lambda _m: None)
    run_id = new_run_id()
    gateway = WarehouseGateway(db_path, lock_timeout=lock_timeout)
    with ExitStack() as stack:
        active: list[SourceConfig] = []
        skipped: list[SourceReport] = []
        for source in sources:
            if stack.enter_context(source_lock(gateway.db_path, source.name)):
                active.append(source)
            else:
                holder = lock_holder(gateway.db_path, source.name)
                note = f"skipped: another run of {source.name} is in progress (pid {holder})"
                say(note)
                skipped.append(SourceReport(source.name, skipped=note))
        reports = await _run_active(active, gateway, run_id, refresh, since, max_listing_pages,
                                    as_tasks, progress)
    return run_id, reports + skipped


async def _run_active(
    sources: Sequence[SourceConfig],
    gateway: WarehouseGateway,
    run_id: str,
    refresh: bool,
    since: datetime | None,
    max_listing_pages: int | None,
    as_tasks: bool,
    progress: ProgressFn | None,
) -> list[SourceReport]:
    if not sources:
        return []
    started = datetime.now(UTC)
    configs = {s.name: s.as_json() for s in sources}
    names = [s.name for s in sources]

    def begin(wh: Warehouse) -> list[tuple[Batch, BatchResult]]:
        # Earlier runs' staged batches go in first, so nothing is fetched twice.
        merged = list(gateway.spool.merge_into(wh))
        wh.mark_crashed_runs(started)
        wh.upsert_sources(configs)
        wh.start_run(run_id, names, started, os.getpid())
        return merged

    if not await gateway.open(begin, gateway.lock_timeout):
        # Busy past --lock-timeout: fetch anyway, stage every batch in the spool.
        (progress or (lambda _m: None))(
            f"database {gateway.db_path} is locked; fetching anyway, batches are staged in "
            f"{gateway.spool.dir} and merged when the lock frees")
    parser = ParsePool(default_workers())
    try:
        async with make_client(private_hosts(sources)) as client:
            fetcher = Fetcher(client)
            if as_tasks:
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
    by_name = {r.source: r for r in reports}
    if gateway.blind or any(r.staged for r in reports):
        try:
            merged = await gateway.merge_spool()
        except DatabaseLocked as exc:
            staged = sum(r.staged for r in reports)
            raise DatabaseLocked(
                f"{exc}; {staged} batch(es) are staged in {gateway.spool.dir} "
                "and will be merged by the next run"
            ) from exc
        for batch, result in merged:
            if batch.run_id == run_id and batch.source in by_name:
                by_name[batch.source].add(result)
    finished = datetime.now(UTC)

    def end(wh: Warehouse) -> None:
        for r in reports:
            wh.finish_run(run_id, r.source, r.counts, r.status, r.error, finished)

    await gateway.call(end)
    return reports


def report_table(reports: Sequence[SourceReport]) -> list[dict[str, object]]:
    """Per-source rows for the run artifact and the CLI summary."""
    rows: list[dict[str, object]] = []
    for r in reports:
        c: RunCounts = r.counts
        p50, p95 = r.percentile(50), r.percentile(95)
        rows.append({
            "source": r.source, "status": r.status, "discovered": c.discovered,
            "fetched": c.fetched, "new": c.new, "updated": c.updated,
            "unchanged": c.unchanged, "failed": c.failed,
            "fetch_p50_ms": None if p50 is None else round(p50, 1),
            "fetch_p95_ms": None if p95 is None else round(p95, 1),
            "note": r.skipped or (f"{r.staged} batch(es) staged" if r.staged else None),
        })
    return rows


async def publish_artifact(run_id: str, reports: Sequence[SourceReport]) -> None:
    """Attach the per-source counts and the failures to the flow run."""
    await acreate_table_artifact(
        key="ingest-summary", table=report_table(reports),
        description=f"Pressroom run {run_id}: counts per source",
    )
    failures = [
        {"source": r.source, "url": f.url, "error_class": f.error_class, "reason": f.message}
        for r in reports for f in r.failures[:100]
    ]
    if failures:
        await acreate_table_artifact(
            key="ingest-failures", table=failures,
            description=f"Pressroom run {run_id}: failures and their reasons",
        )


@flow(name="ingest", log_prints=False)
async def ingest_flow(
    sources_file: str,
    db_path: str,
    source_names: list[str] | None = None,
    refresh: bool = False,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
) -> list[dict[str, object]] | State[Any]:
    """Ingest all (or the named) sources once into the DuckDB warehouse."""
    try:
        sources = select_sources(load_sources(sources_file), source_names)
        run_id, reports = await run_sources(
            sources, Path(db_path), refresh=refresh, lock_timeout=lock_timeout
        )
    except PressroomError as exc:
        return _failed(exc)
    await publish_artifact(run_id, reports)
    return _outcome(report_table(reports))


def _outcome(rows: list[dict[str, object]]) -> list[dict[str, object]] | State[Any]:
    """The flow's result: the summary rows, in a state named 'Partial' (type
    Completed) when a source failed or some of its URLs did, so the run list and
    automations can tell it from a clean run; the CLI maps it to its exit code."""
    bad = [f"{r['source']} {r['status']}" for r in rows if r["status"] in ("partial", "failed")]
    if not bad:
        return rows
    return Completed(data=rows, name="Partial", message="; ".join(bad))


def _failed(exc: PressroomError) -> State[Any]:
    """An expected failure ends the flow run as Failed with one line, no traceback."""
    message = f"{exc.error_class}: {exc}"
    get_run_logger().error(message)
    return Failed(message=message)


@flow(name="backfill", log_prints=False)
async def backfill_flow(
    sources_file: str,
    db_path: str,
    source_name: str,
    since: datetime,
    max_pages: int = 200,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
) -> list[dict[str, object]] | State[Any]:
    """Walk a source's listing pages and sitemaps back to ``since``."""
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    try:
        sources = select_sources(load_sources(sources_file), [source_name])
        run_id, reports = await run_sources(
            sources, Path(db_path), since=since, max_listing_pages=max_pages,
            lock_timeout=lock_timeout,
        )
    except PressroomError as exc:
        return _failed(exc)
    await publish_artifact(run_id, reports)
    return _outcome(report_table(reports))


@flow(name="reparse", log_prints=False)
def reparse_flow(
    sources_file: str, db_path: str, source_name: str | None = None
) -> dict[str, int]:
    """Re-run the current parsers over the raw archive; no network."""
    sources = {s.name: s for s in load_sources(sources_file)}
    if source_name is not None:
        select_sources(tuple(sources.values()), [source_name])
    counts = reparse_archive(Path(db_path), sources, source_name)
    create_table_artifact(key="reparse-summary", table=[counts],
                          description="Pressroom reparse: articles re-extracted")
    return counts
