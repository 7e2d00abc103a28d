"""A write through a view in ``pressroom sql`` is refused in one line that says so (o48).

``articles`` (and ``articles_latest``, ``stories``, ...) are views. DuckDB binds a
``DELETE``/``UPDATE`` on a view before it checks that the file is read-only, so before o48
``pressroom sql "DELETE FROM articles"`` printed "query failed: Binder Error: Can only
delete from base table" (with or without --write), not the sandbox's read-only refusal;
an ``INSERT`` printed "Catalog Error: articles is not an table". Now: refused, naming the
view, and for ``articles`` the table that keeps its versions (append-only: article text
is immutable). Real CLI subprocesses on a real DuckDB file.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import duckdb
import pytest

from tests.cli_run import run_cli
from warehouse import open_warehouse

WRITES = [
    "DELETE FROM articles",
    "UPDATE articles SET title = 'x'",
    "INSERT INTO articles (title) VALUES ('x')",
    'DELETE FROM main."articles" WHERE true',
    "WITH old AS (SELECT 1) DELETE /* all */ FROM Articles",
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated warehouse file (its views and tables; no statement here changes it)."""
    path = tmp_path_factory.mktemp("views") / "w.duckdb"
    with open_warehouse(path):
        pass
    return path


def _error(db: Path, query: str, *extra: str) -> str:
    """The one error line of a refused ``pressroom sql`` (exit 1)."""
    done: subprocess.CompletedProcess[str] = run_cli("sql", query, "--db", str(db), *extra,
                                                     timeout=120)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and "Binder Error" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pressroom: error: refused: "), lines
    return lines[0]


@pytest.mark.parametrize("query", WRITES)
def test_a_write_to_articles_read_only_is_refused_as_read_only(db: Path, query: str) -> None:
    line = _error(db, query)
    assert "the warehouse is open read-only" in line
    assert "`articles` is a view" in line and "--write or not" in line
    assert "`article_versions`" in line


@pytest.mark.parametrize("query", WRITES)
def test_a_write_to_articles_with_write_names_the_view_and_its_versions(
        db: Path, query: str) -> None:
    line = _error(db, query, "--write")
    assert "read-only" not in line
    assert "`articles` is a view (each article's newest version)" in line
    assert "append-only, in `article_versions`" in line and "immutable" in line


@pytest.mark.parametrize("view", ["stories", "daily_counts", "articles_latest"])
def test_other_views_are_named(db: Path, view: str) -> None:
    assert f"`{view}` is a view" in _error(db, f"DELETE FROM {view}", "--write")
    assert f"`{view}` is a view" in _error(db, f"UPDATE {view} SET source = 'x'")


def test_the_first_view_written_is_named(db: Path) -> None:
    # `runs` is a table: with --write its DELETE runs, then the view's is refused.
    line = _error(db, "DELETE FROM runs WHERE false; DELETE FROM stories", "--write")
    assert "`stories` is a view" in line


# -- guards: tables as before ---------------------------------------------------------------


def test_a_write_to_a_table_read_only_is_refused_as_before(db: Path) -> None:
    line = _error(db, "DELETE FROM article_versions")
    assert line.startswith("pressroom: error: refused: the warehouse is open read-only; "
                           "use --write to change it ("), line


def test_a_write_to_a_table_with_write_runs(db: Path) -> None:
    done = run_cli("sql", "DELETE FROM http_cache WHERE false", "--db", str(db), "--write",
                   timeout=120)
    assert done.returncode == 0, done.stderr
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'articles'"
                           ).fetchone() == (1,)
    finally:
        con.close()


def test_an_unknown_table_is_still_a_query_failure(db: Path) -> None:
    done = run_cli("sql", "DELETE FROM nothing_here", "--db", str(db), "--write", timeout=120)
    assert done.returncode == 1 and "query failed: Catalog Error" in done.stderr, done.stderr
