"""Private copies of a lake's catalog, for read-only ``pressroom sql``: a local
catalog file's (:func:`private_catalog_copy`), and a PostgreSQL catalog's tables.

A lake attached from PostgreSQL needs the postgres scanner in the session,
and with it ``postgres_execute``/``postgres_query`` on DuckLake's own metadata
attachment: any SQL with the catalog user's rights, around the lake's
``READ_ONLY``. So a read-only ``sql`` session never holds that connection:
here, in a DuckDB instance of its own, the catalog's DuckLake tables (all of
them, inlined-data tables included) are copied into a scratch DuckDB file in
one read-only Postgres transaction (one consistent snapshot), and the sandboxed
session attaches the lake from that file. The data files stay where they are.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import duckdb

from pressroom.errors import WarehouseError
from warehouse.lake import LakeTarget, _literal, _load, ident
from warehouse.lake_errors import catalog_unreachable, hide_password, one_line, unavailable

# DuckLake names every table it keeps in its catalog database so.
TABLE_PREFIX = "ducklake_"
COPY_NAME = "catalog.ducklake"


def postgres_catalog_copy(target: LakeTarget, folder: Path) -> LakeTarget:
    """``target`` with its PostgreSQL catalog copied into ``folder`` (see the module doc)."""
    assert target.is_postgres
    rest = target.catalog.split(":", 1)[1]
    # "postgres:<conninfo>", or a URI ("postgresql://user@host/db") that libpq takes whole.
    libpq = target.catalog if rest.startswith("//") else rest
    copy = folder / COPY_NAME
    con = duckdb.connect()  # its own instance: the scanner never loads in the sql session's
    try:
        _load(con, "duckdb_extension_postgres_scanner", "postgres_scanner")
        try:
            con.execute(f"ATTACH {_literal(libpq)} AS pg (TYPE postgres, READ_ONLY)")
        except duckdb.Error as exc:
            if catalog_unreachable(exc):
                raise unavailable(target, exc) from exc
            raise
        con.execute(f"ATTACH {_literal(str(copy))} AS copy")
        # One DuckDB transaction is one Postgres transaction: one snapshot of the
        # catalog. One thread keeps every scan on that transaction's connection.
        con.execute("SET threads = 1")
        con.execute("BEGIN TRANSACTION")
        tables = con.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = 'pg' "
            "AND starts_with(table_name, ?) ORDER BY ALL", [TABLE_PREFIX]).fetchall()
        schemas = {schema for schema, _ in tables}
        if len(schemas) != 1:
            raise WarehouseError(f"no DuckLake catalog in one schema at {target.describe()} "
                                 f"(schemas: {sorted(schemas) or 'none'})")
        for schema, table in tables:
            con.execute(f"CREATE TABLE copy.main.{ident(table)} AS "
                        f"SELECT * FROM pg.{ident(schema)}.{ident(table)}")
        con.execute("COMMIT")
    except duckdb.Error as exc:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        if catalog_unreachable(exc):
            raise unavailable(target, exc) from exc
        detail = hide_password(one_line(exc))
        raise WarehouseError(f"cannot copy the catalog of {target.describe()}: {detail}") from exc
    finally:
        con.close()
    return LakeTarget(str(copy), target.data_path)


def private_catalog_copy(target: LakeTarget, folder: Path, *,
                         lock_timeout: float = 0.0) -> LakeTarget:
    """A copy in ``folder`` of a lake's local catalog file, for a read-only ``sql`` session.

    DuckDB keeps every attached file on its allowed list, so a statement could
    ``DETACH`` the lake and attach its catalog file again read-write. A copy
    taken under DuckDB's own read-only lock (a writer is waited for up to
    ``lock_timeout``) leaves such an escape only the copy to change; the data
    files stay out of reach (the sandbox refuses writing and deleting them). A
    Postgres catalog is copied by :func:`warehouse.lake_catalog.postgres_catalog_copy`.
    """
    from warehouse.connection import connect

    file = target.catalog_file
    if file is None:
        return target
    copy = folder / file.name
    holder = connect(file, read_only=True, lock_timeout=lock_timeout)
    try:
        shutil.copyfile(file, copy)
        wal = file.with_name(file.name + ".wal")
        if wal.exists():
            shutil.copyfile(wal, copy.with_name(copy.name + ".wal"))
    except OSError as exc:
        raise WarehouseError(f"cannot copy the catalog of {target.describe()}: {exc}") from exc
    finally:
        holder.close()
    return LakeTarget(str(copy), target.data_path)
