"""A DuckDB file that is not a warehouse is refused, unchanged (k42, README read as a
careless user).

README's lake example is `--db ducklake:data/meta.ducklake`; with the prefix dropped,
`--db data/meta.ducklake` named the lake's catalog as a warehouse file. `status` said it
"needs migrations ...; a command that writes migrates it: `pressroom ingest`", and
`ingest` (or `sql --write 'SELECT 1'`) then wrote a whole warehouse into the catalog
beside DuckLake's tables, exit 0: the run's articles went into the wrong file, silently.
The search index given as `--db` failed inside migration 001 ("Table with name sources
already exists"). A file that records no migration but holds tables is now refused in
one line naming what it is, before anything is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from pathlib import Path

import duckdb
import pytest

from pressroom.errors import WarehouseError
from tests.cli_run import run_cli
from warehouse import open_warehouse
from warehouse.lake import parse_target
from warehouse.story_sidecar import sidecar_path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tables(path: Path) -> set[str]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {str(r[0]) for r in con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}


def test_a_lake_catalog_given_without_its_prefix_is_refused_unchanged(tmp_path: Path) -> None:
    catalog = tmp_path / "meta.ducklake"
    with open_warehouse(parse_target(f"ducklake:{catalog}", str(tmp_path / "lake"))):
        pass  # a real DuckLake catalog file, its lake migrated
    before, tables = _digest(catalog), _tables(catalog)
    assert "ducklake_metadata" in tables and "articles" not in tables
    for args in (("status", "--db", str(catalog)),
                 ("sql", "--write", "--db", str(catalog), "SELECT 1")):
        done = run_cli(*args)
        assert done.returncode == 1, (args, done.stdout, done.stderr)
        assert done.stderr.splitlines() == [
            f"pressroom: error: {catalog} is a DuckLake catalog, not a warehouse file: give "
            f"it as --db ducklake:{catalog} with the lake's --data-path"], done.stderr
    assert _digest(catalog) == before and _tables(catalog) == tables
    with open_warehouse(parse_target(f"ducklake:{catalog}", str(tmp_path / "lake"))) as wh:
        assert wh.connection.execute("SELECT count(*) FROM articles").fetchone() == (0,)


def test_another_programs_duckdb_file_is_refused_unchanged(tmp_path: Path) -> None:
    mine = tmp_path / "notes.duckdb"
    with duckdb.connect(str(mine)) as con:
        con.execute("CREATE TABLE notes (line VARCHAR)")
        con.execute("INSERT INTO notes VALUES ('keep me')")
    before = _digest(mine)
    for read_only in (False, True):
        with pytest.raises(WarehouseError, match=r"is a DuckDB file but no Pressroom "
                           r"warehouse \(it records no migration and holds notes\)"):
            open_warehouse(mine, read_only=read_only)
    assert _digest(mine) == before and _tables(mine) == {"notes"}


def test_an_empty_file_and_a_first_migration_cut_short_are_still_migrated(
        tmp_path: Path) -> None:
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()  # a new file: no table at all
    cut = tmp_path / "cut.duckdb"
    with duckdb.connect(str(cut)) as con:  # what a kill inside migration 001 leaves
        con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                    "name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)")
    for path in (empty, cut):
        with open_warehouse(path) as wh:
            assert wh.connection.execute("SELECT count(*) FROM articles").fetchone() == (0,)


def test_the_story_index_given_as_the_warehouse_is_refused_unchanged(tmp_path: Path) -> None:
    """`--db data/pressroom.stories.sqlite` (the story index beside the warehouse): DuckDB
    reads an SQLite file through its sqlite_scanner extension, which it went to download
    from extensions.duckdb.org; offline the line was that download's failure and URL."""
    side = sidecar_path(tmp_path / "pressroom.duckdb")
    with contextlib.closing(sqlite3.connect(side)) as lite, lite:
        lite.execute("CREATE TABLE meta (k INTEGER)")  # an SQLite file, as the index is
    before = _digest(side)
    for args in (("status", "--db", str(side)), ("sql", "--db", str(side), "SELECT 1")):
        done = run_cli(*args)
        assert done.returncode == 1, (args, done.stdout, done.stderr)
        assert done.stderr.splitlines() == [
            f"pressroom: error: cannot open warehouse {side}: it is an SQLite database, not a "
            "DuckDB file (the story index beside a warehouse is one); give the warehouse's "
            "own path"], done.stderr
    assert _digest(side) == before


@pytest.mark.parametrize("loss", ["DROP TABLE schema_migrations", "DELETE FROM schema_migrations"])
def test_a_warehouse_whose_migration_record_a_user_lost_is_named_so(
        tmp_path: Path, loss: str) -> None:
    """kg42: a real warehouse whose schema_migrations was dropped or emptied was refused as
    'no Pressroom warehouse ...: give the warehouse's own path', sending its owner to look
    for another file; it is refused unchanged, named for what it is."""
    db = tmp_path / "pressroom.duckdb"
    with open_warehouse(db):
        pass
    with duckdb.connect(str(db)) as con:
        con.execute(loss)
    before = _digest(db)
    done = run_cli("status", "--db", str(db))
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert done.stderr.splitlines() == [
        f"pressroom: error: {db} holds a Pressroom warehouse's tables but records no "
        "migration (its schema_migrations table was dropped or emptied): left unchanged; "
        "restore it from a backup (README, Backups)"], done.stderr
    with pytest.raises(WarehouseError, match="records no migration"):
        open_warehouse(db)
    assert _digest(db) == before
