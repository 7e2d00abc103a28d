"""CLI command bodies that need flows: ingest, reparse, backfill, sources."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flows.config import SourceConfig, check_selectors, load_sources, select_sources
from flows.settings import load_pipeline_settings
from pressroom.errors import ConfigError, PressroomError, WarehouseUnavailable

if TYPE_CHECKING:
    from flows.discovery_records import Failure
    from warehouse.lake import LakeTarget

# flows.runtime (httpx) and warehouse (DuckDB, pyarrow) are imported by the functions
# that use them: `pressroom sources` (list) needs neither.


def _prepare(sources_file: str, names: list[str] | None) -> tuple[SourceConfig, ...]:
    """Validate config and secrets before Prefect starts, so errors stay one line."""
    from flows.runtime import resolve_secrets

    configs = load_sources(sources_file)
    chosen = select_sources(configs, names)
    if not chosen:
        raise ConfigError(f"{sources_file}: no enabled sources")
    # Every source's, as every other key is checked (README, "Sources"), not only the
    # chosen ones: a file `serve` and `deploy` refuse is refused by `ingest --source` too.
    check_selectors(configs, sources_file)
    for source in chosen:
        resolve_secrets(source)
    return chosen


def _check_db(db: Path | LakeTarget, *, busy_ok: bool = False) -> None:
    """Open (and migrate) the warehouse once: a broken file fails here.

    A file locked by another process (or a lake whose catalog cannot be
    reached) fails here too, unless ``busy_ok``: an ingest then waits for it
    itself (``--lock-timeout``) and, failing that, fetches anyway and stages its
    batches in the spool.
    """
    from warehouse import open_warehouse

    try:
        with open_warehouse(db, lock_timeout=0.0 if busy_ok else 5.0):
            pass
    except WarehouseUnavailable:
        if not busy_ok:
            raise


def _print_summary(rows: list[dict[str, Any]], args: argparse.Namespace) -> int:
    from pressroom.run_summary import print_summary

    return print_summary(rows, verbose=getattr(args, "verbose", False),
                         backfill=getattr(args, "since", None) is not None)


def _run_flow(name: str, *args: Any) -> Any:
    """Run the flow ``flows.ingest.<name>``, turning a failed state into one error line.

    Prefect is imported here, inside :func:`prefect_api`, which picks the API
    (fast path: a running local server) and translates start-up timeouts.
    """
    from flows.prefect_api import prefect_api, tie_temporary_server

    with prefect_api():
        tie_temporary_server()  # a SIGKILLed run leaves no Prefect server behind
        from flows import ingest as prefect_flows
        from flows.outcome_lines import said_by_the_cli

        with said_by_the_cli():  # the summary says a held source once, not the log too
            state = getattr(prefect_flows, name)(*args, return_state=True)
            if asyncio.iscoroutine(state):  # async flows hand back a coroutine of the state
                state = asyncio.run(state)
    if state.is_failed():
        raise flow_error(state.message or "flow run failed")
    return state.result()


def flow_error(message: str) -> PressroomError:
    """The error a failed flow run's state names. An expected failure's state says
    ``<ErrorClass>: <message>`` (:func:`flows.ingest._failed`; Prefect's UI shows it):
    raised again as that class with the message alone, so the CLI's line has the shape
    the no-Prefect path prints (``pressroom: error: <message>``, no class name)."""
    from pressroom import errors

    name, sep, rest = message.partition(": ")
    kind = getattr(errors, name, None)
    if sep and isinstance(kind, type) and issubclass(kind, PressroomError):
        try:
            return kind(rest)
        except TypeError:  # a class that needs more than its message (HTTPStatusError)
            return PressroomError(rest)
    return PressroomError(message)


def parse_workers(sources_file: str, option: int | None) -> int:
    """Parse workers for a run: the option, else the sources file's ``[pipeline]``
    setting, else $PRESSROOM_PARSE_WORKERS, else one per CPU (all validated)."""
    from flows.parsepool import default_workers

    if option is not None:
        return option
    configured = load_pipeline_settings(sources_file).parse_workers
    return default_workers() if configured is None else configured


def ingest(args: argparse.Namespace) -> int:
    """``pressroom ingest``: run the ingest flow once."""
    from warehouse.lake import flow_parameters

    chosen = _prepare(args.sources, args.names)
    workers = parse_workers(args.sources, args.parse_workers)
    db = args.target
    db_path, data_path = flow_parameters(db)
    _check_db(db, busy_ok=True)
    if args.no_prefect:
        from flows.progress import progress_display
        from flows.run import report_table, run_sources

        with progress_display() as progress:
            _run_id, reports = asyncio.run(run_sources(
                chosen, db, refresh=args.refresh, lock_timeout=args.lock_timeout,
                as_tasks=False, progress=progress, parse_workers=workers,
            ))
        return _print_summary(report_table(reports), args)
    rows = _run_flow("ingest_flow", str(args.sources), db_path, args.names, args.refresh,
                     args.lock_timeout, False, workers, data_path)  # False: not clustered
    return _print_summary(rows, args)


def backfill(args: argparse.Namespace) -> int:
    """``pressroom backfill``: walk listings/sitemaps back to a date."""
    from warehouse.lake import flow_parameters

    _prepare(args.sources, [args.name])
    db = args.target
    db_path, data_path = flow_parameters(db)
    _check_db(db, busy_ok=True)
    if args.no_prefect:  # the flow's work in this process: no Prefect start-up to pay
        from flows.progress import progress_display
        from flows.run import report_table, run_sources

        with progress_display() as progress:
            _run_id, reports = asyncio.run(run_sources(
                select_sources(load_sources(args.sources), [args.name]), db, since=args.since,
                max_listing_pages=args.max_pages, lock_timeout=args.lock_timeout,
                as_tasks=False, progress=progress,
                parse_workers=load_pipeline_settings(args.sources).parse_workers,
            ))
        return _print_summary(report_table(reports), args)
    rows = _run_flow("backfill_flow", str(args.sources), db_path, args.name, args.since,
                     args.max_pages, args.lock_timeout, data_path)
    return _print_summary(rows, args)


def reparse(args: argparse.Namespace) -> int:
    """``pressroom reparse``: re-extract archived pages with today's parsers."""
    from warehouse.lake import flow_parameters, target_exists

    _prepare(args.sources, [args.name] if args.name else None)
    db = args.target
    db_path, data_path = flow_parameters(db)
    if not target_exists(db):
        raise ConfigError(f"database {db} does not exist (run `pressroom ingest` first)")
    _check_db(db)
    from contextlib import ExitStack

    from flows.reparse import own_sources

    with ExitStack() as stack:  # a source being ingested fails here, before Prefect
        own_sources(stack, db, [args.name] if args.name else
                    [s.name for s in load_sources(args.sources)])
    if args.no_prefect:
        from flows.progress import progress_display
        from flows.reparse import reparse_archive

        with progress_display() as progress:
            counts = reparse_archive(db, {s.name: s for s in load_sources(args.sources)},
                                     args.name, progress=progress)
    else:
        counts = _run_flow("reparse_flow", str(args.sources), db_path, args.name, data_path)
    print(", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def sources(args: argparse.Namespace) -> int:
    """``pressroom sources [list|check NAME]``."""
    configs = load_sources(args.sources)
    if args.action == "list":  # no selector check: soupsieve imports bs4 (tests/test_startup)
        for s in configs:
            state = "" if s.enabled else " (disabled)"
            print(f"{s.name}{state}\t{s.schedule} {s.timezone}\t"
                  f"{len(s.feeds)} feed(s), {len(s.listings)} listing(s)"
                  + (f"\tprofile={s.profile}" if s.profile else ""))
        return 0
    if not args.name:
        raise ConfigError("`pressroom sources check` needs a source name")
    (source,) = select_sources(configs, [args.name])
    check_selectors(configs, args.sources)  # every source's, as a run checks them
    return asyncio.run(_check_source(source))


async def _check_source(source: SourceConfig) -> int:
    """Fetch a source's feeds and listings and show what would be ingested."""
    from flows.discover import Discoverer
    from flows.fetch import Fetcher
    from flows.policy import fetch_policy, private_hosts
    from flows.runtime import make_client, resolve_secrets

    policy = fetch_policy(source, resolve_secrets(source))
    async with make_client(private_hosts([source])) as client:
        fetcher = Fetcher(client)
        discovery = await Discoverer(source, fetcher, policy, {}).run()
        # A run never fetches what robots.txt disallows: no candidate (c55, u55 saw one).
        kept = [c for c in discovery.candidates if not await fetcher.disallowed(c.url, policy)]
    from warehouse.format import printable

    # A feed's titles (a JSON Feed's may hold ESC) are shown escaped, as in every table:
    # a site's text never drives the terminal (u40), nor shifts the tab-separated columns.
    if discovery.sitemap_summary:
        print(f"{source.name}: {discovery.sitemap_summary}", file=sys.stderr)
    failed = _same_failures(discovery.failures)
    for cls, message, urls in failed:
        print(f"FAILED\t{cls}\t{printable(message)}{_whose(source, urls)}")
    if left_out := len(discovery.candidates) - len(kept):
        print(f"{source.name}: {left_out} URL(s) left out: robots.txt disallows them",
              file=sys.stderr)
    for c in kept[: source.max_articles]:
        when = c.published_at.isoformat() if c.published_at else "-"
        print(f"{when}\t{printable(c.url)}\t{printable(c.title or '')}")
    # The failures printed, not the URLs they stand for (q54: one line, "3 failure(s)").
    asked = len(discovery.failures)
    print(f"{len(kept)} candidate article(s), {len(failed)} failure(s)"
          + (f" ({asked} URLs)" if asked > len(failed) else "") + "; nothing written",
          file=sys.stderr)
    return 1 if discovery.failures and not discovery.candidates else 0


def _same_failures(failures: Sequence[Failure]) -> list[tuple[str, str, list[str]]]:
    """(class, message, URLs) once per distinct failure, in order of first failing: a
    host whose robots.txt cannot be read fails each of its feeds and listings with the
    same line (u54: ``sources check`` offline printed it once per URL)."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for failure in failures:
        grouped.setdefault((failure.error_class, failure.message), []).append(failure.url)
    return [(cls, message, urls) for (cls, message), urls in grouped.items()]


def _whose(source: SourceConfig, urls: Sequence[str]) -> str:
    """`` (2 feeds and 1 listing)``: what a failure said once stood for, when more
    than one URL."""
    if len(urls) < 2:
        return ""
    listings = {listing.url for listing in source.listings}
    counts = {"feed": sum(u in source.feeds for u in urls),
              "listing": sum(u in listings for u in urls)}
    counts["other URL"] = len(urls) - counts["feed"] - counts["listing"]
    said = [f"{n} {what}{'' if n == 1 else 's'}" for what, n in counts.items() if n]
    return f" ({' and '.join(said)})"
