"""k50s: SQL that DuckDB's parser works on for seconds to hours, where neither ``--timeout``
nor Ctrl-C reaches it, got past s50's check (warehouse/sql_scan.py) in two ways:

* the check read another text than DuckDB: a Unicode space before ``E'`` (the parser
  reads an ASCII space there, so an E string whose ``\\'`` ends it early), ``1_E'`` or
  ``$1_2E'`` (its numbers ran on over ``_``), each hiding a run of ``+`` as string text;
* work past the scanner: ``GROUP BY`` lists whose grouping sets DuckDB's transformer
  copies (``CUBE`` of 10 and 1,000 columns: 5 KB of SQL, minutes), and ``AND``/``OR``
  chains (quadratic): warehouse/sql_parse_cost.py.

On 3cd3480 each CLI case below ran past 40 s with ``--timeout 1`` (the subprocess's
timeout here is 20 s), 18,000 plain columns 35 s, 32,700 ``OR`` 9.4 s ("query cancelled",
not refused)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressroom.errors import QueryRefused
from tests.cli_run import run_cli
from warehouse import open_warehouse
from warehouse.sql_parse_cost import MAX_BOOLEANS, grouping_work, refuse_slow_parse
from warehouse.sql_scan import run_starts
from warehouse.sql_tokens import sql_tokens


def _columns(prefix: str, count: int) -> str:
    return ",".join(f"{prefix}{j}" for j in range(count))


PLUSES = "+" * 4_000 + "1 --'"
HOSTILE = {
    "a Unicode space before an E string": ("SELECT \u00a0E'\\''" + PLUSES, False),
    "1_E then a string, --write": ("SELECT 1_E'\\'" + PLUSES, True),
    "$1_2E then a string, --write": ("SELECT $1_2E'\\''" + PLUSES, True),
    "CUBE of 10 and 1,000 columns": (f"SELECT 1 GROUP BY CUBE({_columns('a', 10)}),"
                                     f"{_columns('b', 1_000)}", False),
    "CUBE of 10 and 1,000 columns, --write": (f"SELECT 1 GROUP BY CUBE({_columns('a', 10)}),"
                                              f"{_columns('b', 1_000)}", True),
    "18,000 plain columns": (f"SELECT 1 GROUP BY {_columns('a', 18_000)}", False),
    "32,700 OR": ("SELECT " + "OR".join([".1"] * 32_700), False),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("k50s") / "w.duckdb"
    with open_warehouse(path):
        pass
    return path


@pytest.mark.parametrize("name", list(HOSTILE))
def test_what_the_parser_works_on_for_minutes_is_refused_in_one_line(db: Path,
                                                                     name: str) -> None:
    sql, write = HOSTILE[name]
    extra = ("--write",) if write else ()
    proc = run_cli("sql", sql, "--db", str(db), "--timeout", "1", *extra, timeout=20)
    assert proc.returncode == 1, proc.stdout
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("pressroom: error: refused: "), lines


def test_grouping_sets_an_analyst_writes_still_run(db: Path) -> None:
    sql = ("SELECT source, count(*) AS n FROM articles GROUP BY GROUPING SETS ((source), ()) "
           "UNION ALL SELECT 'x', count(*) FROM articles GROUP BY CUBE(source, url), ROLLUP("
           "title, last_fetched_at), date_trunc('day', published_at) ORDER BY 1, 2")
    proc = run_cli("sql", sql, "--db", str(db), "--format", "csv", timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["source,n", ",0"]


@pytest.mark.parametrize("sql", [
    "SELECT \u00a0E'\\''" + "+" * 100 + "1 --'",       # the parser reads E'\'' then +++
    "SELECT 1_E'\\'" + "+" * 100 + "1 --'",            # 1, _E, '\', then +++
    "SELECT 1__E'\\'" + "+" * 100 + "1 --'",
    "SELECT 1._E'\\'" + "+" * 100 + "1 --'",
    "SELECT 1e1_E'\\'" + "+" * 100 + "1 --'",
    "SELECT $1_2E'\\''" + "+" * 100 + "1 --'",         # $1_2, then E'\''
    "SELECT \u3000E'\\''" + "/*" * 100 + "*/" * 100 + "'",
])
def test_runs_behind_a_misread_string_are_counted(sql: str) -> None:
    assert run_starts(sql) is not None


@pytest.mark.parametrize("sql", [
    "SELECT 1_000E'\\'" + "+" * 100 + "'",             # 1_000, then an E string
    "SELECT 1.5e3_1, 1..2, .5E'\\'" + "+" * 100 + "'",
    "SELECT '\u00a0E''\\''" + "+" * 100 + "'",          # the space inside a string
    "SELECT 1 -- \u00a0E'\\''\n, '" + "+" * 100 + "'",  # and in a comment
    "SELECT éE'\\''" + "+" * 100 + "'",                # a name's letter, not a space
])
def test_strings_read_as_duckdb_reads_them(sql: str) -> None:
    assert run_starts(sql) is None


ANALYST = [
    "SELECT source, count(*) FROM articles GROUP BY ALL",
    "SELECT a, b, c, count(*) FROM t GROUP BY CUBE (a, b, c), d, e HAVING count(*) > 1",
    "SELECT 1 FROM t GROUP BY GROUPING SETS (CUBE(a, b, c), ROLLUP(d, e), (f, g), ())",
    f"SELECT count(*) FROM t GROUP BY {_columns('c', 3_000)}",
    f"SELECT 1 FROM t GROUP BY CUBE({_columns('a', 15)}), {_columns('b', 10)}",
    "SELECT 1 FROM t GROUP BY a UNION ALL SELECT " + ",".join(["x"] * 5_000) + " FROM u",
    "SELECT * FROM t WHERE " + " AND ".join(f"c{j} = {j}" for j in range(MAX_BOOLEANS)),
    "SELECT (SELECT max(x) FROM u GROUP BY ROLLUP(y, z)) FROM t GROUP BY a, f(b, c)",
]


@pytest.mark.parametrize("sql", ANALYST)
def test_what_analysts_write_is_not_refused(sql: str) -> None:
    refuse_slow_parse(sql)


@pytest.mark.parametrize("sql", [
    f"SELECT 1 GROUP BY ROLLUP({_columns('a', 7_000)})",
    f"SELECT 1 GROUP BY GROUPING SETS (CUBE({_columns('a', 12)})), {_columns('b', 300)}",
    f"SELECT 1 GROUP BY a IS DISTINCT FROM b, {_columns('c', 5_000)}",  # FROM ends nothing
    f"SELECT 1 FROM t GROUP BY CUBE({_columns('a', 14)}), ({_columns('b', 2_000)})",  # a row
    "; ".join(f"SELECT 1 GROUP BY {_columns('a', 1_000)}" for _ in range(25)),  # summed
    "SELECT * FROM t WHERE " + " OR ".join(["x"] * (MAX_BOOLEANS + 2)),
])
def test_what_would_take_seconds_is_refused(sql: str) -> None:
    with pytest.raises(QueryRefused, match=r"^refused: "):
        refuse_slow_parse(sql)


def test_the_bound_is_above_what_duckdb_builds() -> None:
    # CUBE(a, b) then c: 4 sets of up to 3 entries; the bound (S x E x (N + 1) + built)
    sql = "SELECT 1 GROUP BY CUBE(a, b), c"
    work, at = grouping_work(sql_tokens(sql))
    assert work >= 4 * 3 and at == sql.index("GROUP")
    assert grouping_work(sql_tokens("SELECT 1"))[0] == 0
