"""Export articles as Parquet, CSV or JSONL, partitioned by source and month.

Layout (hive style, readable by pandas, polars, Spark, DuckDB)::

    OUT/articles/source=belta/month=2024-03/part-0.parquet

Re-exporting is idempotent: each export is written to a staging directory
first, then every partition it produced replaces the same partition in OUT
(rename old away, rename new in, delete old), so there are never duplicate
files and partitions outside the selection stay as they were; files of another
format in a replaced partition are carried over (``part-0.parquet`` stays when
``part-0.jsonl`` is written beside it). An export killed at any point leaves
nothing in ``articles/`` counted twice and costs no file of another format;
the next export puts back a month it had renamed away
(:mod:`warehouse.export_staging`). Date filters
are widened to whole months, because a partition is a whole month: a
filtered export must never replace a month with part of itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, Literal
from urllib.parse import quote

import duckdb

from pressroom.errors import ConfigError, WarehouseError
from warehouse import instance_settings
from warehouse.export_staging import Staging
from warehouse.format import to_jsonable
from warehouse.lake import LakeTarget
from warehouse.lake_read import connect_read_only
from warehouse.search import source_known

ExportFormat = Literal["parquet", "csv", "jsonl"]
# DuckDB 1.5's COPY has no PARTITION_BY for JSON, so JSONL is written here.
_COPY_OPTIONS: dict[str, str] = {
    "parquet": "FORMAT parquet, COMPRESSION zstd",
    "csv": "FORMAT csv, HEADER true",
}
_FORMATS = ("parquet", "csv", "jsonl")

# Partition month: publication month in UTC, first-seen month when undated.
_SELECT_SQL = """
SELECT a.*, strftime(coalesce(a.published_at, a.first_seen_at), '%Y-%m') AS month
FROM articles_latest AS a
WHERE ($since IS NULL OR coalesce(a.published_at, a.first_seen_at) >= $since)
  AND ($until IS NULL OR coalesce(a.published_at, a.first_seen_at) < $until)
  AND (len($sources::VARCHAR[]) = 0 OR list_contains($sources::VARCHAR[], a.source))
ORDER BY a.source, month, coalesce(a.published_at, a.first_seen_at), a.article_id
"""


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What an export wrote."""

    root: Path
    rows: int
    partitions: int
    files: int


EXPORT_SETTINGS = (("threads", "1"), ("preserve_insertion_order", "true"))

def month_floor(moment: datetime) -> datetime:
    """First instant (UTC) of ``moment``'s month."""
    utc = moment.astimezone(UTC)
    return utc.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def month_ceil(moment: datetime) -> datetime:
    """First instant (UTC) of the month after the one containing the instant before ``moment``.

    ``moment`` is an exclusive bound, so exactly the 1st of a month stays put.
    """
    floor = month_floor(moment)
    if floor == moment.astimezone(UTC):
        return floor
    return floor.replace(year=floor.year + 1, month=1) if floor.month == 12 else floor.replace(
        month=floor.month + 1
    )


def export_articles(
    db_path: str | Path | LakeTarget,
    out_dir: Path,
    *,
    fmt: ExportFormat = "parquet",
    since: datetime | None = None,
    until: datetime | None = None,
    sources: list[str] | None = None,
    lock_timeout: float = 30.0,
) -> ExportSummary:
    """Export the newest version of each selected article under ``out_dir/articles``."""
    if fmt not in _FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; expected parquet, csv or jsonl")
    root = out_dir / "articles"
    made = _missing_folders(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _remove_empty(made)
        raise ConfigError(f"cannot create {root}: {exc}") from exc
    params = {
        "since": month_floor(since) if since else None,
        "until": month_ceil(until) if until else None,
        "sources": sorted(set(sources or [])),
    }
    staging = Staging(out_dir, root)
    try:
        try:
            staging.open()
        except OSError as exc:
            raise WarehouseError(f"export failed: cannot stage under {out_dir}: {exc}") from exc
        rows = _write_staging(db_path, fmt, params, staging.new, lock_timeout)
        try:
            partitions, files = staging.swap()
        except OSError as exc:
            raise WarehouseError(f"export failed: cannot write {root}: {exc}") from exc
    except BaseException:
        # A full disk, Ctrl-C or a broken file: nothing half-written stays, a month
        # renamed away goes back, and the folders this export made go (an empty
        # `articles/` read as an export).
        staging.close()
        _remove_empty(made)
        raise
    staging.close()
    return ExportSummary(root=root, rows=rows, partitions=partitions, files=files)


def _write_staging(db_path: str | Path | LakeTarget, fmt: ExportFormat, params: dict[str, Any],
                   staging: Path, lock_timeout: float) -> int:
    """Write the selection's partitions under ``staging``; the number of rows."""
    # One writer thread and insertion order kept: the same data gives the same single
    # file per partition, byte for byte. Instance-wide: given back at close (o44).
    con = connect_read_only(db_path, lock_timeout=lock_timeout, settings=EXPORT_SETTINGS)
    try:
        # A misspelt --source is an error, as in `search` (README: "unknown source"), not
        # an empty export that exits 0.
        unknown = [name for name in params["sources"] if not source_known(con, name)]
        if unknown:
            raise ConfigError(f"no source {unknown[0]!r} in this warehouse (no article "
                              "and no configuration under that name)")
        row = con.execute(f"SELECT count(*) FROM ({_SELECT_SQL})", params).fetchone()
        rows = int(row[0]) if row else 0
        if rows and fmt == "jsonl":
            _write_jsonl(con, params, staging)
        elif rows:
            target = "'" + str(staging).replace("'", "''") + "'"
            con.execute(
                f"COPY ({_SELECT_SQL}) TO {target} ({_COPY_OPTIONS[fmt]}, "
                f"PARTITION_BY (source, month), FILENAME_PATTERN 'part-{{i}}', "
                f"FILE_EXTENSION '{fmt}')",
                params,
            )
    except duckdb.Error as exc:
        raise WarehouseError(f"export failed: {exc}") from exc
    except OSError as exc:  # the JSONL writer's own files
        raise WarehouseError(f"export failed: cannot write {exc.filename or staging}: "
                             f"{exc.strerror or exc}") from exc
    finally:
        instance_settings.close(con)
    return rows


def _missing_folders(path: Path) -> list[Path]:
    """``path`` and those of its parents that do not exist yet, deepest first."""
    missing = []
    while not path.exists() and path != path.parent:
        missing.append(path)
        path = path.parent
    return missing


def _remove_empty(folders: list[Path]) -> None:
    """Remove ``folders`` (deepest first) that are still empty."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:  # not empty (another export's), or gone already
            return


def _partition_dir(root: Path, source: str, month: str) -> Path:
    """Hive-style directory; the value is percent-encoded like DuckDB does for odd names."""
    return root / f"source={quote(source, safe='')}" / f"month={quote(month, safe='')}"


def _write_jsonl(con: duckdb.DuckDBPyConnection, params: dict[str, Any], staging: Path) -> None:
    """Stream the selection into one JSON-lines file per partition, keys as in Parquet."""
    reader = con.execute(_SELECT_SQL, params).to_arrow_reader(2048)
    current: tuple[str, str] | None = None
    handle: IO[str] | None = None
    try:
        for batch in reader:
            for record in batch.to_pylist():
                key = (str(record.pop("source")), str(record.pop("month")))
                if key != current:
                    if handle is not None:
                        handle.close()
                    folder = _partition_dir(staging, *key)
                    folder.mkdir(parents=True, exist_ok=True)
                    handle = (folder / "part-0.jsonl").open("w", encoding="utf-8")
                    current = key
                assert handle is not None
                handle.write(json.dumps(to_jsonable(record), ensure_ascii=False) + "\n")
    finally:
        if handle is not None:
            handle.close()
