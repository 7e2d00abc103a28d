"""s50: SQL that DuckDB's scanner would read for minutes, past ``--timeout`` (a run of
operator characters holding many ``/*``, ``+`` or ``-``), is refused in one line
before DuckDB reads it (warehouse/sql_scan.py). On 5d9df25 each CLI case below runs
for 27 s to minutes inside DuckDB's parser, and the subprocess's timeout fails it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import run_cli
from warehouse import open_warehouse
from warehouse.sql_scan import MAX_RUN_STARTS, run_starts

HOSTILE = {
    "nested comments": "SELECT 1 " + "/*" * 16_000 + "*/" * 16_000,
    "comments side by side": "SELECT 1 " + "/**/" * 16_000,
    "comments inside a comment": "SELECT 1 /* " + "/**/" * 16_000 + " */",
    "plus signs": "SELECT 1 " + "+" * 4_000 + "1",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("s50") / "w.duckdb"
    with open_warehouse(path):
        pass
    return path


@pytest.mark.parametrize("write", [False, True], ids=["read-only", "write"])
@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_statement_the_scanner_reads_for_minutes_is_refused_in_one_line(
        db: Path, name: str, write: bool) -> None:
    extra = ("--write",) if write else ()
    proc = run_cli("sql", HOSTILE[name], "--db", str(db), "--timeout", "1", *extra,
                   timeout=20)
    assert proc.returncode == 1, proc.stdout
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("pressroom: error: refused: more than "
                                                   f"{MAX_RUN_STARTS} '/*', '+' or '-'"), lines


def test_deep_comments_with_spaces_and_real_operators_run(db: Path) -> None:
    sql = ("SELECT 1 /* " + "/* " * 5_000 + "*/ " * 5_000 + "*/ AS a, 2*-1 AS b, "
           "'/*/*/*' || '++++' AS c /*****************/, 3 <>-1 AS d -- /*/*/*/*/*/*/*\n")
    proc = run_cli("sql", sql, "--db", str(db), "--format", "csv", timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["a,b,c,d", "1,-2,/*/*/*++++,true"]


@pytest.mark.parametrize("sql", [
    "SELECT 1 " + "/*" * MAX_RUN_STARTS + "*/" * MAX_RUN_STARTS,
    "SELECT 1 " + "+" * MAX_RUN_STARTS + "1",
    "SELECT '" + "/*" * 100 + "'",                        # a string
    "SELECT E'\\'" + "/*" * 100 + "'",                    # E'': \' is a quote
    "SELECT 1E'\\'" + "/*" * 100 + "'",                   # 1, then an E string
    "SELECT aE'\\''" + "+" * 100 + "'",                   # a name, then '...'
    "SELECT $t$" + "/*" * 100 + "$t$",                    # dollar quoted
    "SELECT $1$$" + "/*" * 100 + "$$",                    # $1, then $$...$$
    'SELECT "' + "/*" * 100 + '"',                        # a quoted name
    "SELECT 1 -- " + "/*" * 100 + "\n",                   # a line comment
    "SELECT 1 /*" + "*" * 10_000 + "*/ /*" + "-" * 10_000 + "*/",  # banners
    "SELECT 1 " + "/* " * 10_000 + "*/ " * 10_000,       # deep, spaced
])
def test_what_duckdb_reads_once_is_not_counted(sql: str) -> None:
    assert run_starts(sql) is None


@pytest.mark.parametrize("sql", [
    "SELECT 1 " + "/*" * (MAX_RUN_STARTS + 1) + "*/" * (MAX_RUN_STARTS + 1),
    "SELECT 1 " + "+" * (MAX_RUN_STARTS + 1) + "1",
    "SELECT 1 " + "+-" * MAX_RUN_STARTS + "1",
    "SELECT '\\'" + "+" * 100 + "'",                      # no backslash escape in '...'
    "SELECT X'\\'" + "/*" * 100 + "'",                    # nor in X'...'
    "SELECT E'a'\n'\\''" + "+" * 100 + "'",               # E'' continued, then code
    "SELECT 1 /* ' */ " + "+" * 100 + "1 --'",            # a quote in a comment
    "SELECT 1 /* -- */ " + "+" * 100 + "1",               # -- in a comment
])
def test_runs_duckdb_reads_again_and_again_are_counted(sql: str) -> None:
    assert run_starts(sql) is not None
