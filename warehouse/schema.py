"""Schema migrations: numbered SQL files ``warehouse/migrations/NNN_name.sql``, in order."""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

import duckdb

from pressroom.errors import DatabaseLocked, WarehouseError
from warehouse.connection import FIRST_DELAY, MAX_DELAY

_FILE_RE = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")

_CREATE_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL
)
"""


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: its number, name and SQL text."""

    version: int
    name: str
    sql: str


# Migrations that the next one redoes whole (ops15): when both are pending, the later
# one's statements alone bring the warehouse to the state the two bring it to in turn,
# so the earlier one is recorded in the later one's transaction, not run. No file
# changes: a warehouse that applied the earlier one runs the later one as written.
# 013 and 014 each rebuild runs to widen its status CHECK (013: 'held'; 014: 'held' and
# 'skipped'), copying 012's columns by name, and 014 adds held_by; so 014 on runs at 012
# is 013 then 014, and a warehouse at 012 rebuilds runs once (a file with 1M runs rows:
# 3.4-4.3 s instead of 7.0-7.8 s; docs/BENCHMARKS.md, ops15). Each pair is checked, both
# ways, on the file and on lakes, by tests/warehouse/test_migration_steps.py.
REDONE_BY: Mapping[int, int] = MappingProxyType({13: 14})


def migration_steps(pending: Sequence[Migration]) -> list[tuple[Migration, list[Migration]]]:
    """``pending`` (in order) as steps: the migration to run, and the migrations recorded
    with it, in one transaction: itself after those it redoes (:data:`REDONE_BY`, only
    when the one that redoes it is the next pending)."""
    steps: list[tuple[Migration, list[Migration]]] = []
    carried: list[Migration] = []
    for at, migration in enumerate(pending):
        carried.append(migration)
        following = pending[at + 1].version if at + 1 < len(pending) else None
        if following is None or REDONE_BY.get(migration.version) != following:
            steps.append((migration, carried))
            carried = []
    return steps


def load_migrations(package: str = "warehouse.migrations") -> list[Migration]:
    """The migrations shipped in ``package``, sorted by version."""
    found: list[Migration] = []
    for entry in resources.files(package).iterdir():
        match = _FILE_RE.match(entry.name)
        if match is None:
            if entry.name.endswith(".sql"):
                # A misnamed migration would otherwise be skipped silently.
                raise WarehouseError(
                    f"migration file {entry.name!r} in {package} is not named NNN_name.sql"
                )
            continue
        found.append(
            Migration(int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8"))
        )
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise WarehouseError(f"duplicate migration numbers in {package}: {versions}")
    return found


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    """Versions recorded in ``schema_migrations`` (empty if the table is missing)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_name = 'schema_migrations' AND table_schema = 'main' "
        "AND table_catalog = current_database()"
    ).fetchone()
    if not exists or not exists[0]:
        return set()
    return _recorded(con)


def _recorded(con: duckdb.DuckDBPyConnection) -> set[int]:
    """Versions in ``schema_migrations``, which exists (:func:`applied_versions` asks the
    catalog first: ~5 ms of every batch session's open, issue 15)."""
    return {int(row[0]) for row in con.execute("SELECT version FROM schema_migrations").fetchall()}


def pending_migrations(
    con: duckdb.DuckDBPyConnection, migrations: Sequence[Migration] | None = None,
    *, table_exists: bool = False, recorded: set[int] | None = None,
) -> list[Migration]:
    """Migrations not yet applied; raises if the file is newer than this code.
    ``table_exists``: the caller has made sure ``schema_migrations`` is there;
    ``recorded``: the versions it holds, when the caller has read them already."""
    known = list(load_migrations() if migrations is None else migrations)
    if recorded is not None:
        done = recorded
    else:
        done = _recorded(con) if table_exists else applied_versions(con)
    unknown = done - {m.version for m in known}
    if unknown:
        raise WarehouseError(
            f"database has schema versions {sorted(unknown)} unknown to this code; "
            "upgrade pressroom"
        )
    return [m for m in known if m.version not in done]


def foreign_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Tables and views of the open database other than ``schema_migrations``.

    Asked only of a file that records no migration: a new (empty) file has none. One
    that has some is another program's DuckDB file (a DuckLake catalog given without
    its ``ducklake:`` prefix, a search index, a user's own database), which a run must
    not turn into a warehouse beside its tables (k42).
    """
    rows = con.execute(
        "SELECT table_schema, table_name FROM information_schema.tables "
        "WHERE table_catalog = current_database() AND table_name <> 'schema_migrations' "
        "ORDER BY table_schema <> 'main', table_name"
    ).fetchall()
    return [str(name) if where == "main" else f"{where}.{name}" for where, name in rows]


# Tables every warehouse has from migration 001 on: a file holding them all but no
# migration record is a warehouse whose schema_migrations a user dropped or emptied (kg42),
# not another program's file.
WAREHOUSE_TABLES = ("article_versions", "fetch_log", "seen_urls")


def not_a_warehouse(where: str, tables: Sequence[str]) -> str:
    """What :func:`foreign_tables` found in the file ``where``, said in one line."""
    if "ducklake_metadata" in tables:
        return (f"{where} is a DuckLake catalog, not a warehouse file: give it as "
                f"--db ducklake:{where} with the lake's --data-path")
    if all(name in tables for name in WAREHOUSE_TABLES):
        return (f"{where} holds a Pressroom warehouse's tables but records no migration (its "
                "schema_migrations table was dropped or emptied): left unchanged; restore it "
                "from a backup (README, Backups)")
    shown = ", ".join(tables[:5]) + (f" and {len(tables) - 5} more" if len(tables) > 5 else "")
    return (f"{where} is a DuckDB file but no Pressroom warehouse (it records no migration "
            f"and holds {shown}): give the warehouse's own path, or a new file")


class SchemaRaced(Exception):
    """A schema step lost to another connection's: applied since we read what was
    pending (read again at once), or ``busy``, being applied now (waited out)."""

    def __init__(self, message: str = "", *, busy: bool = False) -> None:
        super().__init__(message)
        self.busy = busy


def run_step(con: duckdb.DuckDBPyConnection, migration: Migration,
             recorded: Sequence[Migration], statements: Sequence[str]) -> None:
    """Run one step (:func:`migration_steps`) in one transaction with its records.

    The step may be stale: another connection can commit it between our read of what
    is pending and this transaction. A step that runs again whole without an error
    (014 rebuilding runs, 015 replacing views) would then be applied twice, so the
    transaction first reads, in its own snapshot, whether its versions are recorded,
    and raises :class:`SchemaRaced` if they are. Any DuckDB error rolls back and is
    raised as it came (the caller judges it: :func:`raced`).
    """
    versions = [done.version for done in recorded]
    try:
        con.execute("BEGIN TRANSACTION")
        marks = ", ".join("?" for _ in versions)
        found = con.execute(
            f"SELECT count(*) FROM schema_migrations WHERE version IN ({marks})", versions
        ).fetchone()
        if found is not None and found[0]:
            con.execute("ROLLBACK")
            raise SchemaRaced(f"migration {migration.version:03d} was applied meanwhile")
        for statement in statements:
            con.execute(statement)
        for done in recorded:
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())",
                        [done.version, done.name])
        con.execute("COMMIT")
    except duckdb.Error:
        # The failed statement may already have aborted the transaction.
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise


def raced(con: duckdb.DuckDBPyConnection, exc: duckdb.Error,
          recorded: Sequence[Migration] = ()) -> SchemaRaced | None:
    """The race ``exc`` (a failed step of ``recorded``, or the read before) lost, if any:
    another transaction holding what the step changes (DuckDB's write-write conflict:
    ``busy``), or one that committed the step's records since our transaction began
    (our insert then meets them: the primary key)."""
    from warehouse.guarded_connection import is_write_conflict

    if is_write_conflict(exc):
        return SchemaRaced(f"another connection is changing the schema: {exc}", busy=True)
    versions = {done.version for done in recorded}
    if versions:
        with contextlib.suppress(duckdb.Error):  # read after the rollback: what is committed
            if versions & _recorded(con):
                return SchemaRaced(f"migrations {sorted(versions)} were applied meanwhile")
    return None


def apply_migrations(
    con: duckdb.DuckDBPyConnection, migrations: Sequence[Migration] | None = None,
    *, lock_timeout: float = 0.0, where: str = "the database",
) -> list[int]:
    """Apply pending migrations, each in its own transaction with its record (a
    migration the next one redoes, :data:`REDONE_BY`, is recorded in that one's).

    A kill mid-migration therefore leaves it either applied and recorded or
    not at all. Returns the versions applied now. A file that records no migration
    but holds tables (:func:`foreign_tables`, ``where`` names it) is refused, unchanged.

    One process writes a DuckDB file (its lock), but two connections of that
    process share one DuckDB instance and may migrate it at once: two threads
    opening an old file (two :class:`~warehouse.store.Warehouse` objects on one
    file are supported: their writes wait for each other). Measured before this
    guard (o42): of 20 rounds of two threads opening a file at 012, every round
    failed at least one open ("migration 014_skipped_runs failed: Duplicate key
    'version: 13'", or DuckDB's "Catalog write-write conflict" on runs_014, the
    views or runs), twice both, leaving the file between steps; of 30 rounds on a
    new file, every one (001 on write_token). Never a migration twice: each step's
    record meets the primary key. So, as on a lake
    (r41, :mod:`warehouse.lake_schema`): a step another connection applied since
    we read what was pending is not run (:func:`run_step`), what is pending is
    read again at once; a step whose tables another connection's open transaction
    is changing is waited out up to ``lock_timeout`` seconds, then
    :class:`~pressroom.errors.DatabaseLocked`, as a write is (``Warehouse._write``).
    Each pass that lost because the other connection committed finds less pending.
    """
    deadline = time.monotonic() + max(lock_timeout, 0.0)
    delay = FIRST_DELAY
    applied: list[int] = []
    while True:
        try:
            _apply_pending(con, migrations, applied, where)
            return applied
        except SchemaRaced as lost:
            if not lost.busy:
                continue  # the other connection applied it: read what is pending again
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DatabaseLocked(f"database {_where(con)} is being migrated by another "
                                     "connection of this process") from lost
            time.sleep(min(delay, remaining))
            delay = min(delay * 2, MAX_DELAY)


def _where(con: duckdb.DuckDBPyConnection) -> str:
    with contextlib.suppress(duckdb.Error):
        row = con.execute("SELECT path FROM duckdb_databases() "
                          "WHERE database_name = current_database()").fetchone()
        if row is not None and row[0]:
            return str(row[0])
    return "(in memory)"


def _apply_pending(con: duckdb.DuckDBPyConnection, migrations: Sequence[Migration] | None,
                   applied: list[int], where: str = "the database") -> None:
    """One pass: read what is pending and run its steps, adding each step's versions to
    ``applied`` once committed. Raises :class:`SchemaRaced` when another connection won.
    The read is a transaction, rolled back for a file that is no warehouse (k42)."""
    pending: list[Migration] = []
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute(_CREATE_TABLE)
        versions = _recorded(con)
        foreign = [] if versions else foreign_tables(con)
        if not foreign:
            pending = pending_migrations(con, migrations, recorded=versions)
        con.execute("ROLLBACK" if foreign else "COMMIT")
    except duckdb.Error as exc:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        lost = raced(con, exc)
        if lost is not None:
            raise lost from exc
        raise WarehouseError(f"cannot read schema_migrations: {exc}") from exc
    except WarehouseError:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise
    if foreign:
        raise WarehouseError(not_a_warehouse(where, foreign))
    apply_steps(con, migration_steps(pending), applied)


def apply_steps(con: duckdb.DuckDBPyConnection,
                steps: Sequence[tuple[Migration, Sequence[Migration]]],
                applied: list[int] | None = None) -> list[int]:
    """Run ``steps`` (:func:`migration_steps` of what was read as pending), each with
    :func:`run_step`; returns (and adds to ``applied``) the versions committed. Raises
    :class:`SchemaRaced` if another connection applied a step since, or holds what it
    changes; :class:`~pressroom.errors.WarehouseError` if a step fails otherwise."""
    done_now: list[int] = [] if applied is None else applied
    for migration, recorded in steps:
        try:
            run_step(con, migration, recorded, [migration.sql])
        except duckdb.Error as exc:
            lost = raced(con, exc, recorded)
            if lost is not None:
                raise lost from exc
            raise WarehouseError(
                f"migration {migration.version:03d}_{migration.name} failed: {exc}"
            ) from exc
        done_now += [done.version for done in recorded]
    return done_now
