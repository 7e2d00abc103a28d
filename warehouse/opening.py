"""Opening a warehouse: a DuckDB file (migrated, its story sidecar beside it) or a lake."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pressroom.errors import WarehouseError
from warehouse import instance_settings, lake, lake_schema, schema
from warehouse.connection import WRITER_SETTINGS, Settings, connect, real_file
from warehouse.lake import LakeTarget
from warehouse.store import Warehouse


def open_warehouse(
    path: str | Path | LakeTarget, *, read_only: bool = False, lock_timeout: float = 0.0,
    stories: bool = True, story_sidecar: bool = True, settings: Settings | None = None,
    own_instance: bool = False,
) -> Warehouse:
    """Open (creating if needed) and migrate the warehouse at ``path``.

    While another process holds the file, retries with capped backoff for up
    to ``lock_timeout`` seconds, then raises DatabaseLocked. Read-only opens
    never migrate and fail with WarehouseError if the schema is behind.
    ``settings`` are the session's DuckDB settings; by default a read-write
    open gets :data:`warehouse.connection.WRITER_SETTINGS` (no vacuum at
    close) and a read-only one DuckDB's defaults. Short batch sessions pass
    :data:`warehouse.connection.BATCH_SETTINGS`. A
    :class:`~warehouse.lake.LakeTarget` opens a DuckLake instead (see
    :mod:`warehouse.lake`); its story lookups scan the lake (no sidecar), and
    ``settings`` apply to the in-memory DuckDB that holds it (none by default).
    ``own_instance``: a file's DuckDB instance shared with no other connection of the
    process (:func:`warehouse.connection.connect`; a lake's is its own anyway).
    """
    if isinstance(path, LakeTarget):
        con = lake.connect_lake(path, read_only=read_only, settings=settings or ())
        where = path.describe()
        db_path = None
    else:
        db_path = real_file(path)  # a symlink's file: its WAL and sidecar beside it
        if settings is None:
            settings = () if read_only else WRITER_SETTINGS
        con = connect(db_path, read_only=read_only, lock_timeout=lock_timeout,
                      settings=settings, own_instance=own_instance)
        where = str(db_path)
    try:
        if read_only:
            try:
                pending = schema.pending_migrations(con)
            except duckdb.Error as exc:
                raise WarehouseError(f"cannot read schema of {where}: {exc}") from exc
            if pending and db_path is not None and len(pending) == len(schema.load_migrations()):
                foreign = schema.foreign_tables(con)  # records none: another program's file?
                if foreign:
                    raise WarehouseError(schema.not_a_warehouse(where, foreign))
            if pending:
                # An earlier release wrote it: say which command migrates it (README).
                raise WarehouseError(
                    f"warehouse {where} needs migrations {[m.version for m in pending]}; "
                    "a command that writes migrates it: `pressroom ingest`, or for a file "
                    "`pressroom sql --write 'SELECT 1'`"
                )
        elif db_path is None:
            lake_schema.apply_lake_migrations(con)
        else:
            schema.apply_migrations(con, lock_timeout=lock_timeout, where=where)
    except BaseException:
        instance_settings.close(con)
        raise
    from warehouse.story_sidecar import sidecar_path

    side = (sidecar_path(db_path) if db_path is not None and story_sidecar and not read_only
            else None)
    return Warehouse(con, path=db_path, lock_timeout=lock_timeout, stories=stories,
                     story_sidecar=side, lake_target=path if isinstance(path, LakeTarget) else None)
