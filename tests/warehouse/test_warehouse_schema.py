"""Migrations, reopening, read-only access and connection-level failures."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from pressroom.errors import WarehouseError
from tests.warehouse.whtest import make_article, make_batch
from warehouse import Warehouse, open_warehouse
from warehouse.schema import Migration, apply_migrations, load_migrations

EXPECTED_TABLES = {
    "schema_migrations",
    "sources",
    "article_versions",
    "article_state",
    "pages",
    "http_cache",
    "fetch_log",
    "runs",
    "seen_urls",
}


def _tables(wh: Warehouse) -> set[str]:
    rows = wh.query(
        "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
    ).rows
    return {r[0] for r in rows}


def test_shipped_migrations_are_numbered_from_one() -> None:
    # Numbers are handed out to changes made in parallel, so one may land before a
    # lower one (005 before 003): unique and increasing, not necessarily contiguous.
    migrations = load_migrations()
    versions = [m.version for m in migrations]
    assert versions[0] == 1 and versions == sorted(set(versions))
    assert migrations[0].name == "init"


def test_open_creates_parent_dir_and_records_migrations(db_path: Path) -> None:
    assert not db_path.parent.exists()
    with open_warehouse(db_path) as wh:
        assert db_path.exists()
        assert _tables(wh) >= EXPECTED_TABLES
        recorded = wh.query("SELECT version, name, applied_at FROM schema_migrations").rows
        assert [(v, n) for v, n, _ in recorded] == [(m.version, m.name) for m in load_migrations()]
        assert all(at is not None and at.tzinfo is not None for _, _, at in recorded)
        views = wh.query(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'VIEW'"
        ).rows
        assert {"articles", "articles_latest"} <= {r[0] for r in views}


def test_migrations_are_idempotent(db_path: Path) -> None:
    with open_warehouse(db_path) as wh:
        first = wh.query("SELECT version, applied_at FROM schema_migrations").rows
        assert apply_migrations(wh.connection) == []
    with open_warehouse(db_path) as wh:
        assert wh.query("SELECT version, applied_at FROM schema_migrations").rows == first
        assert wh.schema_version() == max(m.version for m in load_migrations())


def test_reopen_keeps_data(db_path: Path) -> None:
    with open_warehouse(db_path) as wh:
        wh.write_batch(make_batch(make_article(1), make_article(2)))
    with open_warehouse(db_path) as wh:
        rows = wh.query("SELECT title FROM articles ORDER BY title").rows
    assert rows == [("Title 1",), ("Title 2",)]


def test_new_migration_applies_once_on_top(db_path: Path) -> None:
    extra = [*load_migrations(), Migration(99, "extra", "CREATE TABLE extra (x INTEGER);")]
    with open_warehouse(db_path) as wh:
        assert apply_migrations(wh.connection, extra) == [99]
        assert apply_migrations(wh.connection, extra) == []
        assert "extra" in _tables(wh)


def test_failing_migration_leaves_nothing_behind(db_path: Path) -> None:
    broken = Migration(
        99, "broken", "CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;"
    )
    with open_warehouse(db_path) as wh:
        with pytest.raises(WarehouseError, match="099_broken"):
            apply_migrations(wh.connection, [*load_migrations(), broken])
        assert "half_done" not in _tables(wh)
        assert 99 not in {r[0] for r in wh.query("SELECT version FROM schema_migrations").rows}


def test_process_killed_mid_migration_leaves_it_unapplied(db_path: Path) -> None:
    # The child dies (os._exit, no cleanup) after the migration's SQL ran but
    # before its record and COMMIT: a real crash at the worst moment, with no
    # timing involved.
    script = textwrap.dedent(
        """
        import os, sys
        from warehouse import open_warehouse
        from warehouse.schema import Migration, apply_migrations, load_migrations

        class DiesBeforeRecord:
            def __init__(self, con):
                self.con = con
            def execute(self, sql, *args):
                if "INSERT INTO schema_migrations" in sql:
                    os._exit(17)
                return self.con.execute(sql, *args)

        wh = open_warehouse(sys.argv[1])
        sql = "CREATE TABLE half_done (x INTEGER); INSERT INTO half_done VALUES (1);"
        apply_migrations(
            DiesBeforeRecord(wh.connection), [*load_migrations(), Migration(99, "dies", sql)]
        )
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(db_path)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 17, proc.stderr
    with open_warehouse(db_path) as wh:
        assert "half_done" not in _tables(wh)
        assert wh.schema_version() == max(m.version for m in load_migrations())


def test_database_newer_than_code_is_refused(db_path: Path) -> None:
    with open_warehouse(db_path) as wh:
        wh.connection.execute("INSERT INTO schema_migrations VALUES (999, 'future', now())")
    with pytest.raises(WarehouseError, match="999"):
        open_warehouse(db_path)


def test_read_only_open_reads_and_refuses_writes(db_path: Path) -> None:
    with open_warehouse(db_path) as wh:
        wh.write_batch(make_batch(make_article(1)))
    with open_warehouse(db_path, read_only=True) as ro:
        assert ro.query("SELECT count(*) FROM articles").rows == [(1,)]
        assert ro.unknown_urls(["https://example.org/news/1", "https://x.test/"]) == [
            "https://x.test/"
        ]
        with pytest.raises(WarehouseError):
            ro.write_batch(make_batch(make_article(2)))


def test_two_read_only_opens_coexist(db_path: Path) -> None:
    open_warehouse(db_path).close()
    with open_warehouse(db_path, read_only=True) as a, open_warehouse(db_path, read_only=True) as b:
        assert a.schema_version() == b.schema_version() > 0


def test_read_only_open_of_missing_file_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "w.duckdb"
    with pytest.raises(WarehouseError, match="no warehouse"):
        open_warehouse(missing, read_only=True)
    assert not missing.parent.exists()


def test_read_only_open_of_unmigrated_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bare.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(WarehouseError, match="needs migrations"):
        open_warehouse(path, read_only=True)


def test_corrupt_file_is_a_warehouse_error(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.duckdb"
    path.write_bytes(b"this is not a duckdb file" * 200)
    with pytest.raises(WarehouseError) as info:
        open_warehouse(path)
    assert isinstance(info.value.__cause__, duckdb.Error)


def test_bad_sql_is_a_warehouse_error_and_connection_survives(wh: Warehouse) -> None:
    with pytest.raises(WarehouseError) as info:
        wh.query("SELECT * FROM no_such_table")
    assert isinstance(info.value.__cause__, duckdb.Error)
    assert wh.query("SELECT 1 AS one").rows == [(1,)]


def test_closed_warehouse_refuses_calls(db_path: Path) -> None:
    wh = open_warehouse(db_path)
    wh.close()
    wh.close()  # idempotent
    with pytest.raises(WarehouseError, match="closed"):
        wh.query("SELECT 1")


def test_injected_connection(tmp_path: Path) -> None:
    con = duckdb.connect(":memory:")
    apply_migrations(con)
    wh = Warehouse(con)
    assert wh.connection is con
    assert wh.unknown_urls(["https://a.test/"]) == ["https://a.test/"]


def test_session_time_zone_is_utc(wh: Warehouse) -> None:
    # Stored instants must read back the same whatever the host's zone is.
    assert wh.query("SELECT current_setting('TimeZone')").rows == [("UTC",)]


def test_committed_batch_survives_a_killed_writer(db_path: Path) -> None:
    # The child commits one batch (left in the WAL, never checkpointed), opens
    # a second transaction and dies without closing: the committed batch must
    # be readable, also read-only, and the open transaction must be gone.
    script = textwrap.dedent(
        """
        import os, sys
        from tests.warehouse.whtest import make_article, make_batch
        from warehouse import open_warehouse

        wh = open_warehouse(sys.argv[1])
        wh.connection.execute("SET checkpoint_threshold = '1GB'")
        wh.write_batch(make_batch(make_article(1)))
        wh.connection.execute("BEGIN TRANSACTION")
        wh.connection.execute("DELETE FROM article_state")
        os._exit(9)
        """
    )
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        [sys.executable, "-c", script, str(db_path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=root,
    )
    assert proc.returncode == 9, proc.stderr
    assert db_path.with_name(db_path.name + ".wal").exists()
    with open_warehouse(db_path, read_only=True) as ro:
        assert ro.query("SELECT title FROM articles").rows == [("Title 1",)]
    with open_warehouse(db_path) as wh:
        assert wh.query("SELECT title FROM articles").rows == [("Title 1",)]
        assert wh.integrity_problems() == []


def test_migration_files_are_loaded_in_numeric_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "fake_migrations"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "010_later.sql").write_text("SELECT 10;")
    (package / "002_early.sql").write_text("SELECT 2;")
    (package / "README.txt").write_text("ignored")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert [(m.version, m.name) for m in load_migrations("fake_migrations")] == [
        (2, "early"),
        (10, "later"),
    ]
    (package / "011-Bad Name.sql").write_text("SELECT 11;")
    with pytest.raises(WarehouseError, match="not named"):
        load_migrations("fake_migrations")
