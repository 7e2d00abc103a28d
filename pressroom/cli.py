"""The ``pressroom`` command line: a thin layer over flows/ and warehouse/.

Expected failures (bad config, unknown source, unreachable host, locked
database) print one line on stderr and exit non-zero; no tracebacks.

Exit codes (README.md, "Exit codes"), for scheduled jobs to alert on:
0 ok; 1 error (a whole source failed, or the command could not run);
2 usage; 3 partial (``ingest``/``backfill``: every source ran, but some URLs
or feeds failed: on the retry schedule, retried next run or next backfill);
4 held (``ingest``: nothing failed, but a backfill held a source, so it was not run;
``backfill``: another run of its source was in progress, so it walked nothing);
130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from pressroom import analyst_cli, cli_usage, lake_cli
from pressroom.cli_usage import OneLineParser, OneSource, accepted, dash_hint, unknown_option
from pressroom.errors import ConfigError, PressroomError, interrupted, single_line
from pressroom.home_path import expand_options
from pressroom.interrupts import CLI_INTERRUPTS, Interrupts

if TYPE_CHECKING:
    from warehouse.lake import Target

DEFAULT_SOURCES = "sources.toml"
DEFAULT_DB = "data/pressroom.duckdb"
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3
EXIT_HELD = 4
EXIT_INTERRUPTED = 130


def _env_default(name: str, fallback: str) -> str:
    return os.environ.get(name, fallback)


def _add_common(p: argparse.ArgumentParser, *, sources: bool = True) -> None:
    if sources:
        p.add_argument("--sources", default=_env_default("PRESSROOM_SOURCES", DEFAULT_SOURCES),
                       help="sources file (TOML); default %(default)s")
    analyst_cli.add_db_options(p)


def _add_take_over(p: argparse.ArgumentParser) -> None:
    p.add_argument("--take-over", action="store_true",
                   help="register deployments of the same name that another sources file or "
                        "warehouse registered on this Prefect server for this one (their runs "
                        "not yet started are dropped); refused without it")


def _date(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an ISO date: {value!r}") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _pool(value: str) -> str:
    # Checked here, before any server is asked: Prefect answers an empty name with a raw 405.
    if not value.strip():
        raise argparse.ArgumentTypeError("a work pool name must not be empty")
    return value


def _add_verbose(p: argparse.ArgumentParser) -> None:
    p.add_argument("--verbose", "-v", action="store_true",
                   help="summary with every column (stories, fetch times, notes) and "
                        "errors in full; by default it fits 100 columns")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and docs)."""
    parser: argparse.ArgumentParser = OneLineParser(
        prog="pressroom", description="Scheduled ingestion of press releases into DuckDB."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", help="run the ingest flow once")
    _add_common(p)
    p.add_argument("--source", action="append", dest="names", metavar="NAME",
                   help="only this source (repeatable)")
    p.add_argument("--refresh", action="store_true",
                   help="refetch known articles too (edits become versions)")
    p.add_argument("--lock-timeout", type=analyst_cli.wait_seconds, default=60.0,
                   help="seconds to wait for a locked database; default %(default)s")
    p.add_argument("--no-prefect", action="store_true",
                   help="run the same pipeline without Prefect (no UI, no artifacts)")
    _add_verbose(p)
    p.add_argument("--parse-workers", metavar="N",
                   help="parser processes (1-64); default: [pipeline] parse_workers in the "
                        "sources file, else $PRESSROOM_PARSE_WORKERS, else one per CPU")

    p = sub.add_parser("serve", help="run every source on its cron schedule")
    _add_common(p)
    _add_take_over(p)

    p = sub.add_parser("deploy", help="register the deployments with a Prefect work pool")
    _add_common(p)
    _add_take_over(p)
    p.add_argument("--pool", required=True, type=_pool,
                   help="process work pool (created when missing)")

    p = sub.add_parser("worker", help="run a work pool's flow runs on this host")
    p.add_argument("--pool", required=True, type=_pool,
                   help="work pool made by `pressroom deploy`")
    p.add_argument("--name", default=None, help="worker name shown in the UI")
    # At least 1: 0 made a worker that never ran anything (and did not stop on SIGTERM);
    # a negative number reached anyio as a traceback.
    p.add_argument("--limit", type=analyst_cli.positive_int, default=None,
                   help="most flow runs at once on this host (1 or more); default no limit")
    p.add_argument("--drain", type=cli_usage.drain_seconds, default=60.0, metavar="SECONDS",
                   help="once stopped (SIGTERM, Ctrl-C), seconds to wait for the runs to end "
                        "before killing them (more than 0, at most 86400); default "
                        "%(default)g. Give the service manager's stop timeout 15 s more")

    p = sub.add_parser("reparse", help="re-run the parsers over the raw archive (no network)")
    _add_common(p)
    p.add_argument("--source", dest="name", metavar="NAME", action=OneSource)
    p.add_argument("--no-prefect", action="store_true",
                   help="re-extract without Prefect (no UI, no artifacts)")

    p = sub.add_parser("backfill", help="walk a source's listings/sitemaps back to a date")
    _add_common(p)
    p.add_argument("--source", dest="name", metavar="NAME", required=True,
                   action=OneSource)
    p.add_argument("--since", type=_date, required=True, help="ISO date, e.g. 2019-01-01")
    # At least 1: 0 read the listings' own page limit instead, a negative one fewer pages.
    p.add_argument("--max-pages", type=analyst_cli.positive_int, default=200,
                   help="listing pages followed per listing, older pages per paged feed, and "
                        "child sitemaps read, back to --since (1 or more); default %(default)s")
    p.add_argument("--lock-timeout", type=analyst_cli.wait_seconds, default=60.0,
                   help="seconds to wait for a locked database; default %(default)s")
    p.add_argument("--no-prefect", action="store_true",
                   help="walk back without Prefect (no UI, no artifacts)")
    _add_verbose(p)

    p = sub.add_parser("sources", help="list sources, or check one without writing")
    p.add_argument("action", nargs="?", choices=["list", "check"], default="list")
    p.add_argument("name", nargs="?")
    p.add_argument("--sources", default=_env_default("PRESSROOM_SOURCES", DEFAULT_SOURCES))

    p = sub.add_parser("sql", help="run SQL against the warehouse (read-only sandbox by default)")
    p.add_argument("query")
    _add_common(p, sources=False)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--write", action="store_true",
                   help="open the warehouse read-write: the owner's full power over that "
                        "file (change, drop, even break it), but no other file is read or "
                        "written")
    p.add_argument("--allow-files", action="store_true",
                   help="with --write: lift the sandbox (COPY, EXPORT, ATTACH, read_csv, "
                        "INSTALL/LOAD, http): the owner's full DuckDB power")
    p.add_argument("--timeout", type=analyst_cli.positive_seconds, default=None, metavar="SECONDS",
                   help="stop the query after this many seconds (Ctrl-C stops it at once)")
    p.add_argument("--lock-timeout", type=analyst_cli.wait_seconds, default=15.0,
                   help="seconds to wait while an ingest holds the file; default %(default)s")

    p = sub.add_parser("status", help="last run per source, counts and recent errors")
    _add_common(p, sources=False)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--verbose", "-v", action="store_true",
                   help="show errors and URLs in full (the table cuts them to 100 columns)")
    p.add_argument("--lock-timeout", type=analyst_cli.wait_seconds, default=15.0)
    p.add_argument("--retries", action="store_true",
                   help="one row per URL pending retry, given up, or asked again by "
                   "the next run or backfill, with its reason")
    analyst_cli.register(sub)
    lake_cli.register(sub)
    return parser


def _refuse(target: Target, command: str) -> None:
    """:func:`warehouse.lake.refuse`, imported only by the commands that need it
    (``warehouse`` loads DuckDB and pyarrow: ``sources`` and ``--help`` do without)."""
    from warehouse.lake import refuse

    refuse(target, command)


def _fail(message: str, code: int = EXIT_ERROR) -> int:
    print(f"pressroom: error: {single_line(message)}", file=sys.stderr)
    return code


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse; an unknown option is reported in one line naming what the subcommand
    takes; other mistakes with the subcommand's usage, not the top one."""
    parser = build_parser()
    words = list(sys.argv[1:] if argv is None else argv)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    command = next((w for w in words if not w.startswith("-")), None)
    if command in sub.choices:
        p = sub.choices[command]
        unknown = unknown_option(p, words[words.index(command) + 1:])
        if unknown is not None:
            print(single_line(f"pressroom {command}: error: no option {unknown}; {command} "
                              f"takes {accepted(p)}{dash_hint(p, unknown)} "
                              f"(see pressroom {command} --help)"), file=sys.stderr)
            sys.exit(EXIT_USAGE)
    args, extra = parser.parse_known_args(words)
    if extra:
        sub.choices[args.command].error(f"unrecognized arguments: {' '.join(extra)}")
    if (missing := _missing_argument(args)) is not None:  # before any file is read (r54)
        sub.choices[args.command].error(missing)
    if (problem := expand_options(sub.choices[args.command], args)) is not None:
        sub.choices[args.command].error(problem)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pressroom`` script."""
    interrupts = Interrupts()
    CLI_INTERRUPTS.set(interrupts)
    if sys.unraisablehook is sys.__unraisablehook__:  # not a host's own (pytest's)
        sys.unraisablehook = interrupts.unraisable
    try:
        code = _main(argv, interrupts)
        interrupts.finish()  # k55b: a dropped signal is not sent into the exiting process
        return code
    except KeyboardInterrupt:  # Ctrl-C anywhere, parsing the options included
        return _fail("interrupted", EXIT_INTERRUPTED)


def _main(argv: Sequence[str] | None, interrupts: Interrupts) -> int:
    args = _parse(argv)
    # Ctrl-C, and SIGTERM (`timeout`, systemd, `kill`) as Ctrl-C (r54: it killed a run on
    # the spot, with no line and its rows left 'running'), neither lost (lead54, g55).
    interrupts.install()
    handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", None) or COMMANDS[
        args.command
    ]
    try:
        if hasattr(args, "db"):
            args.target = analyst_cli.resolve_target(args)
        return handler(args)
    except KeyboardInterrupt:
        return _interrupted(args)
    except Exception as exc:
        # Once a handler raised, an error escaping is that interrupt's: a KeyboardInterrupt
        # raised inside pydantic-core's serializer (Prefect's settings, every model dump)
        # comes out as PydanticSerializationError, its cause lost where models nest (f55).
        if interrupted(exc) or interrupts.interrupted:
            return _interrupted(args)
        if isinstance(exc, PressroomError):
            return _fail(str(exc))
        raise


def _interrupted(args: argparse.Namespace) -> int:
    """Ctrl-C: a run (``ingest``, ``backfill``) says what it stored (u54); others, that
    they were interrupted."""
    if args.command not in ("ingest", "backfill"):
        return _fail("interrupted", EXIT_INTERRUPTED)
    from pressroom.run_interrupt import BEFORE, interrupted_line

    # Before its warehouse was even named (g55: a Ctrl-C sent again at once lands there).
    line = BEFORE if not hasattr(args, "target") else interrupted_line(
        args.target, backfill=args.command == "backfill")
    print(line, file=sys.stderr)
    return EXIT_INTERRUPTED


def _missing_argument(args: argparse.Namespace) -> str | None:
    """An argument the command needs that argparse cannot require (it is optional in
    another form), or a value it cannot check (``--parse-workers``): a usage error, one
    line, exit 2 (r54: these said their own line, exit 1 for `sources check`, and
    `search` opened the warehouse first)."""
    if args.command == "sources" and args.action == "check" and not args.name:
        return "check needs a source name"
    if args.command == "search" and not (args.query or "").strip() and not args.reindex:
        return "needs a query (or --reindex alone)"
    if args.command == "sql" and not args.query.strip():  # u55: printed nothing, exit 0
        return "the query is empty; give the SQL to run"
    if args.command == "ingest" and args.parse_workers is not None:
        from flows.settings import check_parse_workers

        try:  # a bad option is a usage error (2), in one line, as every other (q54)
            args.parse_workers = check_parse_workers(args.parse_workers, "--parse-workers")
        except ConfigError as exc:
            return str(exc)
    return None


def _cmd_ingest(args: argparse.Namespace) -> int:
    from flows.commands import ingest

    return ingest(args)


def _cmd_serve(args: argparse.Namespace) -> int:
    from flows.serve import serve

    return serve(Path(args.sources), args.target, take_over=args.take_over)


def _cmd_deploy(args: argparse.Namespace) -> int:
    from flows.deploy import deploy

    return deploy(Path(args.sources), args.target, args.pool, take_over=args.take_over)


def _cmd_worker(args: argparse.Namespace) -> int:
    from flows.worker import worker

    return worker(args.pool, name=args.name, limit=args.limit, drain=args.drain)


def _cmd_reparse(args: argparse.Namespace) -> int:
    from flows.commands import reparse

    return reparse(args)


def _cmd_backfill(args: argparse.Namespace) -> int:
    from flows.commands import backfill

    return backfill(args)


def _cmd_sources(args: argparse.Namespace) -> int:
    from flows.commands import sources

    return sources(args)


def _cmd_sql(args: argparse.Namespace) -> int:
    from warehouse.format import render
    from warehouse.sandbox import open_session

    db = analyst_cli.existing_target(args)
    if args.write:
        _refuse(db, "sql --write")
    # Connect, run, disconnect: the file is held only while the query runs.
    with open_session(db, write=args.write, allow_files=args.allow_files,
                      lock_timeout=args.lock_timeout) as session:
        for warning in session.warnings:
            print(f"pressroom: warning: {warning}", file=sys.stderr)
        result = session.run(args.query, timeout=args.timeout)
    _write(render(result, args.format))
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    from pressroom.status_view import render_retries, render_status
    from warehouse import open_warehouse

    db = analyst_cli.existing_target(args)
    with open_warehouse(db, read_only=True, lock_timeout=args.lock_timeout) as wh:
        if args.retries:
            _write(render_retries(wh.retry_list(), args.format, verbose=args.verbose))
            return 0
        statuses = wh.status()
    from warehouse.lake import lock_target
    from warehouse.run_locks import backfills_holding

    held = backfills_holding(lock_target(db), [st.source for st in statuses])
    _write(render_status(statuses, args.format, verbose=args.verbose, held=held))
    return 0


def _write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


COMMANDS: Mapping[str, Callable[[argparse.Namespace], int]] = MappingProxyType({
    "ingest": _cmd_ingest,
    "serve": _cmd_serve,
    "deploy": _cmd_deploy,
    "worker": _cmd_worker,
    "reparse": _cmd_reparse,
    "backfill": _cmd_backfill,
    "sources": _cmd_sources,
    "sql": _cmd_sql,
    "status": _cmd_status,
})

if __name__ == "__main__":
    sys.exit(main())
