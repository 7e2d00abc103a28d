"""Schema migrations: numbered SQL files ``warehouse/migrations/NNN_name.sql``, in order."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

import duckdb

from pressroom.errors import WarehouseError

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
    *, table_exists: bool = False,
) -> list[Migration]:
    """Migrations not yet applied; raises if the file is newer than this code.
    ``table_exists``: the caller has made sure ``schema_migrations`` is there."""
    known = list(load_migrations() if migrations is None else migrations)
    done = _recorded(con) if table_exists else applied_versions(con)
    unknown = done - {m.version for m in known}
    if unknown:
        raise WarehouseError(
            f"database has schema versions {sorted(unknown)} unknown to this code; "
            "upgrade pressroom"
        )
    return [m for m in known if m.version not in done]


def apply_migrations(
    con: duckdb.DuckDBPyConnection, migrations: Sequence[Migration] | None = None
) -> list[int]:
    """Apply pending migrations, each in its own transaction with its record (a
    migration the next one redoes, :data:`REDONE_BY`, is recorded in that one's).

    A kill mid-migration therefore leaves it either applied and recorded or
    not at all. Returns the versions applied now.
    """
    try:
        con.execute(_CREATE_TABLE)
        pending = pending_migrations(con, migrations, table_exists=True)
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot read schema_migrations: {exc}") from exc
    applied: list[int] = []
    for migration, recorded in migration_steps(pending):
        try:
            con.execute("BEGIN TRANSACTION")
            con.execute(migration.sql)
            for done in recorded:
                con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())",
                            [done.version, done.name])
            con.execute("COMMIT")
        except duckdb.Error as exc:
            # The failed statement may already have aborted the transaction.
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")
            raise WarehouseError(
                f"migration {migration.version:03d}_{migration.name} failed: {exc}"
            ) from exc
        applied += [done.version for done in recorded]
    return applied
