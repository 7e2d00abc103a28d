"""The fts extension's pragmas under ``pressroom sql --write`` (k49b).

``PRAGMA create_fts_index`` pastes its ``stemmer`` argument, and ``drop_fts_index`` its
table name, unquoted into the SQL they run. ``query()`` inside such a string is no call
to the tokenizer (rightly: it is a string), but DuckDB ran it: before this, a ``--write``
session ran ``query()`` that way and kept a ``match_bm25`` macro calling it, which a
later statement runs without naming ``query`` at all. Real CLI, real DuckDB file.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import duckdb
import pytest

from tests.cli_run import run_cli
from warehouse.opening import open_warehouse

# Each leaves a table ``pwn`` (or the macro) only if query() ran.
CREATE = ("PRAGMA create_fts_index('t', 'id', 'body', stemmer='porter'' || (SELECT '''' "
          "FROM query(''SELECT 42 AS b'')) || ''')")
DROP = ("PRAGMA drop_fts_index('\"x; CREATE TABLE pwn AS SELECT * FROM query(''SELECT 42 "
        "AS b''); DROP SCHEMA fts_main_y\"')")


def _sql(db: Path, query: str) -> subprocess.CompletedProcess[str]:
    return run_cli("sql", query, "--db", str(db), "--write", timeout=120)


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    with open_warehouse(path):
        pass
    setup = ("CREATE TABLE t AS SELECT 1 AS id, 'hello world' AS body; "
             "CREATE SCHEMA fts_main_x; CREATE SCHEMA fts_main_y; "
             "CREATE SCHEMA \"fts_main_x; CREATE TABLE pwn AS SELECT * FROM "
             "query('SELECT 42 AS b'); DROP SCHEMA fts_main_y\"")
    with duckdb.connect(str(path)) as con:
        con.execute(setup)
    return path


@pytest.mark.parametrize(("attack", "name"), [(CREATE, "create_fts_index"),
                                              (DROP, "drop_fts_index")])
def test_write_refuses_the_fts_pragmas_that_run_their_arguments(
        db: Path, attack: str, name: str) -> None:
    done = _sql(db, attack)
    assert done.returncode == 1, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, lines
    assert f"refused: `pressroom sql --write` does not call {name}()" in lines[0], lines
    with duckdb.connect(str(db), read_only=True) as con:
        made = con.execute("SELECT count(*) FROM duckdb_functions() WHERE "
                           "function_name = 'match_bm25'").fetchone()
        tables = {name for (name,) in con.execute(
            "SELECT table_name FROM duckdb_tables()").fetchall()}
    assert made == (0,) and "pwn" not in tables


def test_the_pragma_names_in_strings_still_run(db: Path) -> None:
    done = _sql(db, "SELECT 'create_fts_index(' AS a, 'drop_fts_index(' AS b")
    assert done.returncode == 0, done.stderr
