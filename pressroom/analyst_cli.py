"""Analyst subcommands: ``search``, ``stories``, ``index``, ``export``, ``report``, ``health``.

Registered into the main parser by :func:`register`; each subparser carries
its handler (``set_defaults(handler=...)``). Expected failures raise
:mod:`pressroom.errors` classes, which ``pressroom.cli.main`` prints as one line.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from pressroom.errors import ConfigError, WarehouseError
from pressroom.home_path import expand_home, expand_target, no_home
from pressroom.out_path import out_path

if TYPE_CHECKING:
    from warehouse.lake import LakeTarget

DEFAULT_DB = "data/pressroom.duckdb"


def _seconds(value: str, *, zero: bool) -> float:
    """A finite number of seconds, more than 0 (or, with ``zero``, 0 or more)."""
    try:
        seconds = float(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from exc
    least_ok = seconds >= 0 if zero else seconds > 0  # False for nan
    if not least_ok or seconds == float("inf"):
        least = "0 or a positive" if zero else "a positive"
        raise argparse.ArgumentTypeError(f"must be {least} number of seconds: {value!r}")
    return seconds


def wait_seconds(value: str) -> float:
    """``--lock-timeout``: 0 or more seconds, finite (nan and inf waited for ever)."""
    return _seconds(value, zero=True)


def positive_seconds(value: str) -> float:
    """``sql --timeout``: more than 0 seconds, finite."""
    return _seconds(value, zero=False)


def add_db_options(p: argparse.ArgumentParser) -> None:
    """``--db`` and ``--data-path``; :func:`resolve_target` turns them into the warehouse."""
    p.add_argument("--db", default=os.environ.get("PRESSROOM_DB"),
                   help="DuckDB warehouse file, or a DuckLake catalog as ducklake:<catalog> "
                        "(e.g. ducklake:postgres:dbname=pressroom host=...); default "
                        "$PRESSROOM_DB, else [warehouse] db in the sources file, "
                        f"else {DEFAULT_DB}")
    p.add_argument("--data-path", default=os.environ.get("PRESSROOM_DATA_PATH"),
                   help="a DuckLake's folder (or object store URL) for its Parquet files; "
                        "default $PRESSROOM_DATA_PATH, else [warehouse] data_path")


def add_index_option(p: argparse.ArgumentParser) -> None:
    """``--index``: the search index file, when not in its default place."""
    p.add_argument("--index", metavar="PATH", default=None,
                   help="the search index file; default $PRESSROOM_INDEX, else beside the "
                        "warehouse: x.duckdb -> x.search.duckdb, a lake's local --data-path "
                        "DIR -> DIR.search.duckdb, else this host's state folder")


def index_choice(args: argparse.Namespace) -> tuple[str | None, str]:
    """The index path given (--index, else $PRESSROOM_INDEX, else None: the default) and
    what gave it, for a refusal to name (c52)."""
    if args.index is not None:
        return args.index, "--index"
    # k52c: expanded as --index is (pressroom.home_path; a ~user with none was refused)
    return expand_home(os.environ.get("PRESSROOM_INDEX") or "") or None, "PRESSROOM_INDEX"


def resolve_target(args: argparse.Namespace) -> Path | LakeTarget:
    """The warehouse the options name: --db (or $PRESSROOM_DB), else the sources file's
    ``[warehouse]`` table, else the default file; a lake's data path likewise."""
    from warehouse.lake import is_lake, parse_target

    db, data_path = args.db, args.data_path
    if db is None or (data_path is None and is_lake(db)):
        from flows.settings import load_warehouse_settings

        named = getattr(args, "sources", None)  # export's --sources is a list of names
        file = named if isinstance(named, str) else (
            expand_home(os.environ.get("PRESSROOM_SOURCES", "sources.toml")) or "sources.toml")
        settings = load_warehouse_settings(file)
        db = db or _home(settings.db, file, "db") or DEFAULT_DB
        if data_path is None and is_lake(db):
            data_path = _home(settings.data_path, file, "data_path")
    try:
        return parse_target(db, data_path)
    except WarehouseError as exc:
        raise ConfigError(str(exc)) from exc


def _home(value: str | None, file: str, key: str) -> str | None:
    """The sources file's ``[warehouse]`` ``key``, its ``~`` expanded as an option's is
    (k52c: ``~nosuchuser/x`` ended in Path.expanduser's traceback)."""
    if value is None:
        return None
    if (expanded := expand_target(value)) is None:
        raise ConfigError(f"{file}: [warehouse] {key} {no_home(value)}")
    return expanded


def _day_or_time(value: str, *, end: bool) -> datetime:
    """ISO date or datetime; a bare date as an end bound means the end of that day."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an ISO date: {value!r}") from exc
    if end and len(value.strip()) == 10:
        # --until 2024-03-31 should include articles of March 31.
        parsed += timedelta(days=1)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _since(value: str) -> datetime:
    return _day_or_time(value, end=False)


def _until(value: str) -> datetime:
    return _day_or_time(value, end=True)


def positive_int(value: str) -> int:
    """A count option (``--limit``, ``--days``): a whole number from 1 to DuckDB's BIGINT."""
    try:
        n = int(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from exc
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    if n > 2**63 - 1:  # DuckDB's BIGINT: a larger number failed as a query error
        raise argparse.ArgumentTypeError(f"must be at most {2**63 - 1}: {value!r}")
    return n


def report_days(value: str) -> int:
    """``report --days``: 1 to 36,525 (a century; more ran dates past year 9999)."""
    n = positive_int(value)
    if n > 36_525:
        raise argparse.ArgumentTypeError(f"must be at most 36525 (a century): {value!r}")
    return n


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the analyst subcommands to the ``pressroom`` parser."""
    p = sub.add_parser("search", help="ranked full-text search (BM25) over articles")
    p.add_argument("query", nargs="?", help='words (all required), "a phrase", -excluded, OR')
    add_db_options(p)
    p.add_argument("--source", help="only this source")
    p.add_argument("--since", type=_since, help="published on or after (ISO date)")
    p.add_argument("--until", type=_until, help="published on or before (ISO date)")
    p.add_argument("--limit", type=positive_int, default=20, help="default %(default)s")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--reindex", action="store_true",
                   help="rebuild the search index first (needs no write lock)")
    p.add_argument("--collapse", action="store_true",
                   help="one hit per story (the best-ranked copy)")
    p.add_argument("--verbose", "-v", action="store_true",
                   help="titles, URLs and snippets in full (the table cuts them to 100 "
                        "columns)")
    add_index_option(p)
    p.add_argument("--lock-timeout", type=wait_seconds, default=30.0,
                   help="seconds to wait while an ingest holds the file; default %(default)s")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("stories", help="stories (near-duplicate copies across sources)")
    add_db_options(p)
    p.add_argument("--min-sources", type=positive_int, default=1,
                   help="only stories carried by at least N sources; default %(default)s")
    p.add_argument("--limit", type=positive_int, default=20, help="default %(default)s")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--rebuild", action="store_true",
                   help="recompute every story from scratch first (takes the write lock)")
    p.add_argument("--lock-timeout", type=wait_seconds, default=30.0)
    p.set_defaults(handler=cmd_stories)

    p = sub.add_parser("index", help="rebuild the full-text search index")
    add_db_options(p)
    add_index_option(p)
    p.add_argument("--lock-timeout", type=wait_seconds, default=60.0)
    p.add_argument("--memory-limit", default=None,
                   help="DuckDB memory_limit for the build, e.g. 4GB (spills to disk)")
    p.set_defaults(handler=cmd_index)

    p = sub.add_parser("export", help="export articles as Parquet, CSV or JSONL")
    add_db_options(p)
    p.add_argument("--format", choices=["parquet", "csv", "jsonl"], default="parquet")
    p.add_argument("--out", required=True, help="output directory")
    p.add_argument("--since", type=_since, help="published on or after (ISO date)")
    p.add_argument("--until", type=_until, help="published on or before (ISO date)")
    p.add_argument("--source", action="append", dest="sources", metavar="NAME",
                   help="only this source (repeatable)")
    p.add_argument("--lock-timeout", type=wait_seconds, default=30.0)
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("report", help="HTML page: articles per day per source, errors")
    add_db_options(p)
    p.add_argument("--out", required=True, help="HTML file to write")
    p.add_argument("--days", type=report_days, default=90,
                   help="days shown, ending at the newest article; default %(default)s")
    p.add_argument("--lock-timeout", type=wait_seconds, default=30.0)
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser("health", help="per-source health: last success, errors, rates; "
                       "then the integrity checks (a line each on stderr, exit 1); "
                       "they scan every table: about 1 s per 100k articles")
    add_db_options(p)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--verbose", "-v", action="store_true",
                   help="show errors and URLs in full (the table cuts them to 100 columns)")
    p.add_argument("--lock-timeout", type=wait_seconds, default=30.0)
    p.add_argument("--retries", action="store_true",
                   help="one row per URL pending retry, given up, or asked again by "
                   "the next run or backfill, with its reason")
    p.set_defaults(handler=cmd_health)


def existing_target(args: argparse.Namespace) -> Path | LakeTarget:
    """The resolved warehouse (``args.target``), which must exist."""
    from warehouse.lake import target_exists

    target: Path | LakeTarget = args.target
    if not target_exists(target):
        raise ConfigError(f"database {target} does not exist (run `pressroom ingest` first)")
    return target


def _write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _warn(message: str) -> None:
    """One warning line on stderr (an index moved aside before its rebuild, u51)."""
    from pressroom.errors import single_line

    print(f"pressroom: warning: {single_line(message)}", file=sys.stderr)


def cmd_search(args: argparse.Namespace) -> int:
    """``pressroom search``: print ranked hits in the chosen format."""
    from warehouse.format import render
    from warehouse.records import QueryResult
    from warehouse.search import search
    from warehouse.search_index import build_index

    db = existing_target(args)
    index, named_by = index_choice(args)
    if args.reindex:
        info = build_index(db, index, lock_timeout=args.lock_timeout, warn=_warn,
                           named_by=named_by)
        print(f"indexed {info.indexed_rows} versions in {info.seconds:.1f} s", file=sys.stderr)
    if not (args.query or "").strip():
        if args.reindex:
            return 0
        # A usage error, as argparse's own (exit 2), in one line.
        print("pressroom: error: search needs a query (or --reindex alone)", file=sys.stderr)
        return 2
    # --collapse: one hit per story, decided before any dropped copy's text is read.
    result = search(db, args.query, source=args.source, since=args.since, until=args.until,
                    limit=args.limit, lock_timeout=args.lock_timeout, collapse=args.collapse,
                    index_path=index, named_by=named_by)
    if result.source_known is False:
        raise ConfigError(f"no source {args.source!r} in this warehouse (no article "
                          "and no configuration under that name)")
    hits = result.hits
    if result.warning:
        print(f"pressroom: warning: {result.warning}", file=sys.stderr)
    if args.format == "table":
        from pressroom.search_view import render_hits

        _write(render_hits(hits, collapse=args.collapse, verbose=args.verbose))
        return 0
    columns = ["score", "published", "source", "title", "snippet", "url", "article_id"]
    rows: list[tuple[object, ...]] = [
        (h.score, h.published_at.date() if h.published_at else None, h.source, h.title,
         h.snippet, h.url, h.article_id)
        for h in hits
    ]
    story = ["story_id", "copies", "n_sources"] if args.collapse else []
    if story:  # which story each hit stands for, and how many copies it has
        rows = [(*r, h.story_id, h.copies, h.n_sources) for r, h in zip(rows, hits, strict=True)]
    _write(render(QueryResult(columns=columns + story, rows=rows), args.format))
    return 0


def cmd_stories(args: argparse.Namespace) -> int:
    """``pressroom stories``: recent stories and the sources that carried them."""
    from warehouse import QueryResult, open_warehouse, render, render_table
    from warehouse.story_list import list_stories

    db = existing_target(args)
    if args.rebuild:
        # On a lake, an ingest committing stories meanwhile makes the rebuild's
        # commit conflict: it is retried until --lock-timeout (warehouse.lake).
        with open_warehouse(db, lock_timeout=args.lock_timeout) as wh:
            done = wh.rebuild_stories()
        print(f"rebuilt {done.new_stories} stories from {done.new_stories + done.new_copies} "
              "articles", file=sys.stderr)
    result = list_stories(db, min_sources=args.min_sources, limit=args.limit,
                          lock_timeout=args.lock_timeout)
    if args.format == "table":
        # Sources as a plain list, and room for a whole headline.
        at = result.columns.index("sources")
        rows = [(*r[:at], ", ".join(r[at]), *r[at + 1:]) for r in result.rows]
        _write(render_table(QueryResult(columns=result.columns, rows=rows), max_width=90))
    else:
        _write(render(result, args.format))
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    """``pressroom index``: rebuild the sidecar BM25 index."""
    from warehouse.search_index import build_index

    db = existing_target(args)
    index, named_by = index_choice(args)
    info = build_index(db, index, lock_timeout=args.lock_timeout,
                       memory_limit=args.memory_limit, warn=_warn, named_by=named_by)
    _write(f"indexed {info.indexed_rows} article versions ({info.num_docs} documents) "
           f"into {info.path} in {info.seconds:.1f} s")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """``pressroom export``: write partitioned files under --out."""
    from warehouse.export import export_articles

    if (out := out_path("export", args.out, "folder")) is None:
        return 2
    db = existing_target(args)
    summary = export_articles(db, out, fmt=args.format, since=args.since,
                              until=args.until, sources=args.sources,
                              lock_timeout=args.lock_timeout)
    _write(f"exported {summary.rows} articles into {summary.partitions} partitions "
           f"({summary.files} files) under {summary.root}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """``pressroom report``: write the self-contained HTML report."""
    from warehouse.report import write_report

    if (out := out_path("report", args.out, "HTML file")) is None:
        return 2
    db = existing_target(args)
    out = write_report(db, out, days=args.days, lock_timeout=args.lock_timeout)
    _write(f"wrote {out}")
    return 0


def cmd_health(args: argparse.Namespace) -> int:
    """``pressroom health``: the source_health view in the terminal, then the
    warehouse's integrity checks: one stderr line per broken invariant, exit 1; and
    one line, exit 1, when the latest run that could tell found this host's clock
    behind (o45)."""
    from pressroom.status_view import clock_line, render_health, render_retries
    from warehouse import open_warehouse
    from warehouse.clock_votes import MIN_SITES

    db = existing_target(args)
    with open_warehouse(db, read_only=True, lock_timeout=args.lock_timeout) as wh:
        if args.retries:
            text = render_retries(wh.retry_list(), args.format, verbose=args.verbose)
        else:
            text = render_health(wh.query("SELECT * FROM source_health ORDER BY source"),
                                 args.format, verbose=args.verbose)
        problems = wh.integrity_problems()
        clock = clock_line(wh.clock_evidence(MIN_SITES))
    _write(text)
    for problem in problems:
        print(f"pressroom: integrity: {problem}", file=sys.stderr)
    if clock:
        print(f"pressroom: warning: {clock}", file=sys.stderr)
    return 1 if problems or clock else 0
