"""``pressroom sql`` opens the warehouse read-only unless ``--write`` is given."""

from __future__ import annotations

import subprocess
from pathlib import Path

import duckdb
import pytest

from tests.cli_run import run_cli
from warehouse import open_warehouse


def sql(db: Path, query: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m pressroom sql QUERY --db DB`` as a real subprocess."""
    return run_cli("sql", query, "--db", str(db), *extra, timeout=120)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A migrated, empty warehouse file."""
    path = tmp_path / "w.duckdb"
    with open_warehouse(path):
        pass
    return path


def tables(db: Path) -> set[str]:
    """Names of the base tables in ``db``."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables")
                .fetchall()}
    finally:
        con.close()


@pytest.mark.parametrize("statement", [
    "CREATE TABLE evil (i INTEGER)",
    "DROP TABLE fetch_log",
    "INSERT INTO http_cache (url, fetched_at) VALUES ('u', now())",
    "DELETE FROM runs; CREATE TABLE evil (i INTEGER)",
])
def test_sql_is_read_only_by_default(db: Path, statement: str) -> None:
    before = tables(db)
    proc = sql(db, statement)
    assert proc.returncode != 0, proc.stdout
    errors = [line for line in proc.stderr.splitlines() if line.startswith("pressroom: error:")]
    assert len(errors) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert tables(db) == before
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM http_cache").fetchone() == (0,)
    finally:
        con.close()


def test_sql_reads_without_write(db: Path) -> None:
    proc = sql(db, "SELECT count(*) AS n FROM runs", "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["n", "0"]


def test_sql_writes_only_with_write(db: Path) -> None:
    proc = sql(db, "CREATE TABLE mine (i INTEGER)", "--write")
    assert proc.returncode == 0, proc.stderr
    assert "mine" in tables(db)
