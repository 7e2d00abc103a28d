"""Two first runs migrating one new lake record each migration once, whatever the interleaving.

Issue 18: ``tests/crash/test_lake_first_runs.py`` once found migration 13 recorded
twice. A first run reads what is pending, then runs each step in its own
transaction; the other first run can commit a step in between. A step that runs
again whole without an error (014 rebuilding runs, 015 replacing views) was then
applied and recorded a second time. Both interleavings are made here on a
PostgreSQL-catalog lake, as two hosts' first runs share it, without sleeps: the
other process's migration commits between our read of what is pending and our
step's transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tests.cli_run import versions_from
from tests.lakepg import Postgres, running_postgres
from warehouse.lake import LakeTarget, connect_lake, parse_target
from warehouse.lake_schema import (
    SchemaRaced,
    apply_lake_migrations,
    apply_lake_steps,
    lake_statements,
)
from warehouse.schema import load_migrations, migration_steps, pending_migrations

SHIPPED = load_migrations()
UP_TO_012 = [m for m in SHIPPED if m.version <= 12]


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    with running_postgres() as pg:
        yield pg


def _target(pg: Postgres, tmp_path: Path) -> LakeTarget:
    target = parse_target(pg.new_catalog(), str(tmp_path / "data"))
    assert isinstance(target, LakeTarget)
    return target


def _recorded(con: duckdb.DuckDBPyConnection) -> list[tuple[int, int]]:
    return [
        (int(v), int(n))
        for v, n in con.execute(
            "SELECT version, count(*) FROM schema_migrations GROUP BY ALL ORDER BY ALL"
        ).fetchall()
    ]


def test_a_step_read_as_pending_before_the_other_run_applied_it_is_not_run_again(
    postgres: Postgres, tmp_path: Path
) -> None:
    target = _target(postgres, tmp_path)
    first, second = connect_lake(target), connect_lake(target)
    try:
        assert apply_lake_migrations(first, UP_TO_012) == [m.version for m in UP_TO_012]
        stale = migration_steps(pending_migrations(second))  # 013+014, 015 ... the latest
        assert [m.version for m, _ in stale] == versions_from(14)
        assert apply_lake_migrations(first) == versions_from(13)
        with pytest.raises(SchemaRaced):
            apply_lake_steps(second, stale)
        assert apply_lake_migrations(second) == []  # the retry finds them applied
        assert _recorded(second) == [(m.version, 1) for m in SHIPPED]
    finally:
        first.close()
        second.close()


# A statement that changes the catalog, after the comment lines extract_statements keeps.
_CATALOG_CHANGE = re.compile(r"^(?:\s*--[^\n]*\n)*\s*(?:CREATE|ALTER|DROP)\b", re.IGNORECASE)


def test_every_shipped_step_changes_the_catalog_so_overlapping_steps_conflict() -> None:
    # The other interleaving (both steps' transactions open at once) is refused by
    # DuckLake's conflict check only because each step creates, replaces, alters or
    # drops a catalog entry: a step of row changes alone would commit twice.
    for migration, _ in migration_steps(SHIPPED):
        statements = lake_statements(migration)
        assert any(_CATALOG_CHANGE.match(s) for s in statements), migration.version
