"""Prefect flows: ``ingest``, ``reparse`` and ``backfill``.

Tasks are coarse, one per source, because each task run costs Prefect
bookkeeping; the per-article work happens inside :class:`SourceIngest`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import acreate_table_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State
from prefect.states import Completed, Failed

from flows.config import SourceConfig, load_sources, select_sources
from flows.fetch import Fetcher
from flows.flow_run_outage import bear_outages_in_flow_run
from flows.gateway import DEFAULT_LOCK_TIMEOUT, WarehouseGateway
from flows.outcome_lines import log_outcome
from flows.parsepool import ParsePool
from flows.pipeline import SourceIngest
from flows.reparse import reparse_archive
from flows.run import ProgressFn, failure_lines, report_table, run_clock_warning, run_sources
from flows.runtime import resolve_secrets
from flows.serve_guard import refuse_foreign_run
from flows.settings import check_lock_timeout, check_parse_workers, load_pipeline_settings
from flows.source_records import SourceReport
from pressroom.errors import PrefectUnavailable, PressroomError, single_line
from pressroom.flow_run_interrupts import close_rows_if_interrupted, sigterm_as_ctrl_c
from warehouse.lake import Target, parse_target
from warehouse.records import did_none_of_its_work

__all__ = [
    "ProgressFn", "backfill_flow", "ingest_flow", "ingest_source_task", "publish_artifact",
    "reparse_flow", "report_table", "run_sources",
]


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
        "%s: %d listed, %d fetched, %d new (%d new stories, %d copies of existing stories), "
        "%d updated, %d unchanged, %d not articles, %d on the retry list, %d failed",
        source.name, c.discovered, c.fetched, c.new, report.new_stories, report.new_copies,
        c.updated, c.unchanged, report.not_articles, report.retry_list, c.failed,
    )
    for line in failure_lines(source.name, report.failures):
        logger.warning("%s", line)
    return report


async def publish_artifact(run_id: str, reports: Sequence[SourceReport]) -> None:
    """Attach the per-source counts and the failures to the flow run."""
    await acreate_table_artifact(
        key="ingest-summary",
        table=[{k: v for k, v in row.items() if k != "failures"}  # the next artifact's
               for row in report_table(reports)],
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
    cluster: bool = False,
    parse_workers: int | None = None,
    data_path: str | None = None,
) -> list[dict[str, object]] | State[Any]:
    """Ingest all (or the named) sources once into the warehouse.

    ``cluster`` (set by ``pressroom deploy``): coordinate with the other workers
    through Prefect global limits (:mod:`flows.concurrency`). ``parse_workers``
    None: the sources file's ``[pipeline] parse_workers``, else
    $PRESSROOM_PARSE_WORKERS, else one per CPU. ``db_path`` and ``data_path``:
    a DuckDB file, or a lake (:func:`warehouse.lake.flow_parameters`).
    """
    if (interrupts := sigterm_as_ctrl_c()) is not None:  # a flow run's own process
        close_rows_if_interrupted(interrupts, db_path, data_path, backfill=False)
    bear_outages_in_flow_run()  # its Prefect server away: one line each way (o57)
    try:
        # A serve runs only its own project's runs (o55): before anything is read.
        refuse_foreign_run({"sources_file": sources_file, "db_path": db_path,
                            "data_path": data_path})
        # A trigger's parameters (`prefect deployment run -p ...`) reach here unchecked.
        lock_timeout = check_lock_timeout(lock_timeout, "parameter 'lock_timeout'")
        if parse_workers is not None:
            parse_workers = check_parse_workers(parse_workers, "parameter 'parse_workers'",
                                                text=False)
        db = parse_target(db_path, data_path)
        every = load_sources(sources_file)
        skipped: list[str] = []
        own = await _deployments_names() if source_names else None
        if source_names and own is not None:
            source_names, skipped = _still_deployed(every, source_names, own, sources_file)
            if not source_names:  # none left: not every enabled one (select_sources)
                return _outcome([], skipped=skipped)
        sources = select_sources(every, source_names)
        if parse_workers is None:
            parse_workers = load_pipeline_settings(sources_file).parse_workers
        if cluster:
            run_id, reports = await _run_clustered(every, sources, db, refresh,
                                                   lock_timeout, parse_workers)
        else:
            run_id, reports = await run_sources(
                sources, db, refresh=refresh, lock_timeout=lock_timeout,
                parse_workers=parse_workers,
            )
    except PressroomError as exc:
        return _failed(exc)
    await publish_artifact(run_id, reports)
    return _outcome(report_table(reports), skipped=skipped)


async def _deployments_names() -> set[str] | None:
    """The source names this flow run's deployment itself carries (``serve``/``deploy``
    wrote them: ``ingest/belta``'s ``belta``; none for ``ingest/all``), or None for a run
    not made from a deployment (``pressroom ingest``). Names a trigger gives instead
    (``prefect deployment run ingest/all -p source_names=[...]``) are the user's, as
    ``ingest --source``'s: an unknown one fails, a disabled one runs (k53e). Any other
    API error on that read is PrefectUnavailable, one line (r53b)."""
    import httpx
    from prefect.client.orchestration import get_client
    from prefect.context import FlowRunContext
    from prefect.exceptions import ObjectNotFound

    context = FlowRunContext.get()
    run = context.flow_run if context else None
    if run is None or run.deployment_id is None:
        return None
    try:
        async with get_client() as client:
            deployment = await client.read_deployment(run.deployment_id)
    except ObjectNotFound:  # deleted since (its source taken out): the names were its own
        return set(run.parameters.get("source_names") or ())
    except httpx.HTTPError as exc:  # Prefect's client errors are httpx's
        raise PrefectUnavailable(
            f"cannot read this run's deployment {run.deployment_id}: "
            f"{type(exc).__name__}: {single_line(str(exc))}"
        ) from exc
    own = (deployment.parameters or {}).get("source_names")
    return set(own) if isinstance(own, list) else set()


def _still_deployed(every: Sequence[SourceConfig], names: list[str], own: set[str],
                    sources_file: str) -> tuple[list[str], list[str]]:
    """A deployment's run names its source (``source_names``), made when ``serve`` or
    ``deploy`` last started: of ``names``, those the file still lists enabled or that are
    not the deployment's ``own`` (a trigger's, kept for :func:`select_sources` to judge),
    and one line for each of its own the file now disables or no longer lists, skipped
    (README: an edit takes effect at the next run, e53). ``pressroom ingest --source``
    still runs a disabled one."""
    enabled = {s.name: s.enabled for s in every}
    kept, lines = [], []
    for name in dict.fromkeys(names):
        if enabled.get(name) or name not in own:
            kept.append(name)
        elif name in enabled:
            lines.append(f"source {name} skipped: disabled in {sources_file}, nothing fetched "
                         f"(`pressroom ingest --source {name}` runs it; `serve` or `deploy` "
                         "again pauses its deployment)")
        else:
            lines.append(f"source {name} skipped: no longer in {sources_file}, nothing "
                         "fetched (`serve` or `deploy` again removes its deployment)")
    return kept, lines


async def _run_clustered(
    every: tuple[SourceConfig, ...],
    sources: tuple[SourceConfig, ...],
    db: Target,
    refresh: bool,
    lock_timeout: float,
    parse_workers: int | None = None,
) -> tuple[str, list[SourceReport]]:
    """``run_sources`` for the sources no other worker is running, paced cluster-wide."""
    from flows.concurrency import clustered, lease_held

    async with clustered(every, sources) as (owned, elsewhere, pacer):
        for name in elsewhere:
            get_run_logger().info("%s: skipped, %s", name, lease_held(name))
        # Recorded as 'skipped' runs rows like a source another process on this host
        # holds; the holder's run_id is not known here (held_by stays NULL).
        return await run_sources(owned, db, refresh=refresh, lock_timeout=lock_timeout,
                                 parse_workers=parse_workers, pacer=pacer, cluster_held=True,
                                 turned_away=[SourceReport(n, skipped=f"skipped: {lease_held(n)}")
                                              for n in elsewhere])


def _outcome(rows: list[dict[str, object]], backfill: bool = False,
             skipped: Sequence[str] = ()) -> list[dict[str, object]] | State[Any]:
    """The flow's result: the summary rows, in a state named 'Partial' (type
    Completed) when a source failed or some of its URLs did, or 'Skipped' when a
    backfill held a source or a deployment's source is no longer enabled (``skipped``:
    one line each), so the run list and automations can tell it from a clean run; the
    CLI maps it to its exit code."""
    clock = run_clock_warning(rows)
    if clock:  # this host's clock looks behind (o44); the CLI's summary says it once
        log_outcome(get_run_logger(), clock)
    bad = [f"{r['source']} {r['status']}" for r in rows if r["status"] in ("partial", "failed")]
    # A backfill another run turned away walked none of its history: it must show too.
    held = [*skipped, *(f"source {r['source']} {r['note']}" for r in rows
                        if did_none_of_its_work(r["status"], backfill=backfill))]
    for line in held:  # the CLI prints it itself, once (flows.outcome_lines)
        log_outcome(get_run_logger(), line)
    if bad:
        return Completed(data=rows, name="Partial", message="; ".join(bad + held))
    if held:  # not a failure, but a scheduled run that did nothing must show
        return Completed(data=rows, name="Skipped", message="; ".join(held))
    return rows


def _failed(exc: PressroomError) -> State[Any]:
    """An expected failure ends the flow run as Failed with one line, no traceback."""
    message = f"{exc.error_class}: {exc}"
    # The CLI prints the failed state's message itself, once (flows.outcome_lines).
    log_outcome(get_run_logger(), message, level=logging.ERROR)
    return Failed(message=message)


@flow(name="backfill", log_prints=False)
async def backfill_flow(
    sources_file: str,
    db_path: str,
    source_name: str,
    since: datetime,
    max_pages: int = 200,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    data_path: str | None = None,
) -> list[dict[str, object]] | State[Any]:
    """Walk a source's listing pages and sitemaps back to ``since``."""
    if (interrupts := sigterm_as_ctrl_c()) is not None:
        close_rows_if_interrupted(interrupts, db_path, data_path, backfill=True)
    bear_outages_in_flow_run()
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    try:
        # As ingest_flow's: a flow run's parameters need not have come through the CLI.
        lock_timeout = check_lock_timeout(lock_timeout, "parameter 'lock_timeout'")
        sources = select_sources(load_sources(sources_file), [source_name])
        run_id, reports = await run_sources(
            sources, parse_target(db_path, data_path), since=since, max_listing_pages=max_pages,
            lock_timeout=lock_timeout,
            parse_workers=load_pipeline_settings(sources_file).parse_workers,
        )
    except PressroomError as exc:
        return _failed(exc)
    await publish_artifact(run_id, reports)
    return _outcome(report_table(reports), backfill=True)


@flow(name="reparse", log_prints=False)
def reparse_flow(
    sources_file: str, db_path: str, source_name: str | None = None,
    data_path: str | None = None,
) -> dict[str, int] | State[Any]:
    """Re-run the current parsers over the raw archive; no network."""
    sigterm_as_ctrl_c()
    bear_outages_in_flow_run()
    sources = {s.name: s for s in load_sources(sources_file)}
    if source_name is not None:
        select_sources(tuple(sources.values()), [source_name])
    try:
        counts = reparse_archive(parse_target(db_path, data_path), sources, source_name,
                                 progress=get_run_logger().info)
    except PressroomError as exc:
        return _failed(exc)
    create_table_artifact(key="reparse-summary", table=[counts],
                          description="Pressroom reparse: articles re-extracted")
    return counts
