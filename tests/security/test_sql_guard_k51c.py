"""k51c: statements c51's GROUP BY bound let through that DuckDB's parser works on for
seconds to minutes, holding Python's lock (``--timeout`` cannot stop it there).

* Subqueries in a GROUP BY list: DuckDB's map of grouping entries hashes a subquery
  without its query, so every entry holding one collides with all the others and is
  compared with each, the whole expression walked. 1,000 items ``(SELECT 1+...+1+k)`` of
  55 terms: 15 s of parse, bound 1 M; 4,000 of 9 terms (119 KB, fits one argv string):
  45 s, bound 16 M (measured, DuckDB 1.5.5).
* A reserved word after ``.`` (``t.order``) ended the list in the guard's reading, while
  DuckDB reads a column there and goes on: ``GROUP BY t.order, CUBE(14 columns), (a row of
  2,000)`` was bound 2, parse 6.5 s (more columns: minutes and gigabytes).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pressroom.errors import QueryRefused
from tests.cli_run import run_cli
from warehouse import open_warehouse
from warehouse.sql_parse_cost import MAX_GROUPING_WORK, grouping_work, refuse_slow_parse
from warehouse.sql_tokens import sql_tokens


def _columns(prefix: str, count: int) -> str:
    return ",".join(f"{prefix}{j}" for j in range(count))


def _subqueries(count: int, terms: int, shape: str = "({q})") -> str:
    body = "+".join(["1"] * terms)
    items = ",".join(shape.format(q=f"SELECT {body}+{k}") for k in range(count))
    return f"SELECT 1 FROM range(1) t(a) GROUP BY {items}"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("k51c") / "w.duckdb"
    with open_warehouse(path):
        pass
    return path


COLLIDING = {
    "1,000 subqueries of 55 terms (15 s)": _subqueries(1_000, 55),
    "4,000 subqueries of 9 terms (45 s)": _subqueries(4_000, 8),
    "subqueries inside calls (16 s)": _subqueries(1_000, 55, "coalesce(({q}), 0)"),
    "EXISTS subqueries (44 s at 4,000)": _subqueries(2_000, 25, "EXISTS ({q})"),
    "FROM-first subqueries": _subqueries(1_000, 55, "(FROM range(1) {q})"),
}


@pytest.mark.parametrize("name", list(COLLIDING))
def test_subqueries_in_a_group_by_are_counted(name: str) -> None:
    with pytest.raises(QueryRefused, match=r"^refused: a GROUP BY"):
        refuse_slow_parse(COLLIDING[name])


@pytest.mark.parametrize("sql", [
    f"SELECT 1 FROM t GROUP BY t.order, CUBE({_columns('a', 14)}), ({_columns('b', 2_000)})",
    f"SELECT 1 FROM t GROUP BY CUBE({_columns('a', 14)}), t.select, ({_columns('b', 2_000)})",
    f"SELECT 1 FROM t GROUP BY s.limit, CUBE({_columns('a', 14)}), row({_columns('b', 2_000)})",
])
def test_a_reserved_word_after_a_dot_does_not_end_the_list(sql: str) -> None:
    with pytest.raises(QueryRefused, match=r"^refused: a GROUP BY"):
        refuse_slow_parse(sql)


def test_a_few_subqueries_and_dotted_reserved_names_still_count_little() -> None:
    sql = ("SELECT 1 FROM t GROUP BY t.order, (SELECT max(x) FROM u WHERE u.k = t.k), "
           "coalesce((SELECT 1), 0), EXISTS (FROM u) ORDER BY 1 LIMIT 5")
    work, _ = grouping_work(sql_tokens(sql))
    assert work < 1_000
    # 50 subqueries of 40 tokens in one GROUP BY: far under the limit
    refuse_slow_parse(_subqueries(50, 20))
    assert grouping_work(sql_tokens(_subqueries(50, 20)))[0] < MAX_GROUPING_WORK // 50


def test_the_cli_refuses_colliding_subqueries_at_once(db: Path) -> None:
    # 15 s of DuckDB's parse before k51c, --timeout 1 notwithstanding
    sql = _subqueries(1_000, 55)
    proc = run_cli("sql", sql, "--db", str(db), "--timeout", "1", timeout=60)
    assert proc.returncode == 1, proc.stdout
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("pressroom: error: refused: a GROUP BY"), lines


def test_a_dotted_reserved_name_runs_in_the_cli(db: Path) -> None:
    sql = ('SELECT t."order" AS o, count(*) AS n FROM (SELECT range % 2 AS "order" '
           "FROM range(4)) t GROUP BY t.order ORDER BY o")
    proc = run_cli("sql", sql, "--db", str(db), "--format", "csv", timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["o,n", "0,2", "1,2"]
