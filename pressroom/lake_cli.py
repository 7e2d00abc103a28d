"""``pressroom migrate``: copy a DuckDB warehouse into a DuckLake (warehouse/lake_copy.py).

Registered into the main parser by :func:`register`, like analyst_cli.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pressroom.analyst_cli import DEFAULT_DB, wait_seconds
from pressroom.errors import ConfigError, WarehouseError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``migrate`` to the subcommands."""
    p = sub.add_parser("migrate", help="copy a DuckDB warehouse into a DuckLake (safe to re-run)")
    # dest is not "db": --data-path here belongs to --to, not to the file.
    p.add_argument("--db", dest="source_db", default=os.environ.get("PRESSROOM_DB", DEFAULT_DB),
                   help="the DuckDB warehouse file to copy; default $PRESSROOM_DB, "
                        "else %(default)s")
    p.add_argument("--to", required=True, metavar="ducklake:CATALOG",
                   help="the lake, e.g. ducklake:postgres:dbname=pressroom host=...")
    p.add_argument("--data-path", default=os.environ.get("PRESSROOM_DATA_PATH"),
                   help="the lake's folder (or object store URL) for its Parquet files")
    p.add_argument("--lock-timeout", type=wait_seconds, default=15.0,
                   help="seconds to wait while an ingest holds the file; default %(default)s")
    p.set_defaults(handler=cmd_migrate)


def cmd_migrate(args: argparse.Namespace) -> int:
    """Copy, verify by counts and fingerprints, print one line per table."""
    from warehouse.lake import LakeTarget, is_lake, parse_target
    from warehouse.lake_copy import copy_into_lake

    if not is_lake(args.to):
        raise ConfigError(f"--to must name a DuckLake (ducklake:...), not {args.to!r}")
    source = parse_target(args.source_db)
    if not isinstance(source, Path):
        raise ConfigError("--db must be a DuckDB warehouse file (the lake is --to)")
    try:
        target = parse_target(args.to, args.data_path)
    except WarehouseError as exc:
        raise ConfigError(str(exc)) from exc
    assert isinstance(target, LakeTarget)
    copies = copy_into_lake(source, target, lock_timeout=args.lock_timeout)
    for c in copies:
        print(f"{c.table}\t{c.rows} rows\t{c.action}")
    copied = sum(c.rows for c in copies if c.action == "copied")
    print(f"migrated {source} to {target.describe()}: {copied} rows copied, "
          f"{len(copies)} tables verified (counts and content fingerprints)", file=sys.stderr)
    return 0
