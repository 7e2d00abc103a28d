"""c51: the ``pressroom sql`` guard reads a statement's tokens once, and its GROUP BY bound
counts grouping entries, not a call's arguments.

* One statement went through ``duckdb.tokenize`` once per check (k50s's parse cost,
  ``--write``'s call check, the view-write line, a lake's PIVOT check): three times for a
  ``--write`` statement with ``group`` in it that writes to a view. Now one
  :class:`warehouse.sql_tokens.SqlText` is shared.
* k50s's bound counted every comma inside a GROUP BY item as an entry, so a call with
  many arguments (``coalesce(a, b, c, d)``, ``concat_ws(',', ...)``) counted as many
  columns and a list DuckDB parses in a fraction of a second was refused. DuckDB spreads
  only a row (``(a, b)``, ``row(a, b)``) into entries (``AddGroupByExpression``); rows
  stay counted (``CUBE`` of 14 and a row of 2,000: 10 s of parse, measured).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pressroom.errors import QueryRefused
from tests.cli_run import run_cli
from warehouse import open_warehouse
from warehouse.sandbox import open_session
from warehouse.sql_parse_cost import MAX_GROUPING_WORK, grouping_work, refuse_slow_parse
from warehouse.sql_tokens import sql_tokens


def _columns(prefix: str, count: int) -> str:
    return ",".join(f"{prefix}{j}" for j in range(count))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("c51") / "w.duckdb"
    with open_warehouse(path):
        pass
    return path


def test_a_write_statement_is_tokenized_once(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    tokenize = duckdb.tokenize

    def counted(text: str) -> list[tuple[int, duckdb.token_type]]:
        calls.append(text)
        return tokenize(text)

    monkeypatch.setattr(duckdb, "tokenize", counted)
    sql = "DELETE FROM articles WHERE url IN (SELECT url FROM articles GROUP BY url)"
    with open_session(db, write=True) as session, \
            pytest.raises(QueryRefused, match=r"`articles` is a view"):
        session.run(sql, timeout=20)
    assert calls == [sql]  # k50s's bound, the --write call check, the view's line: one read


LONG_CALLS = {
    # CUBE of 12 then one call of 5,000 arguments: 0.04 s of parse; k50s's bound 61.7 M
    "a call of 5,000 arguments beside a CUBE": (
        f"SELECT 1 FROM t GROUP BY CUBE({_columns('a', 12)}), "
        f"concat_ws(',', {_columns('x', 5_000)})"),
    # 2,500 items of a 4-argument call: 0.3 s of parse; k50s's bound 25 M
    "2,500 coalesce items": "SELECT 1 FROM t GROUP BY " + ", ".join(
        f"coalesce(a{j}, b{j}, c{j}, d{j})" for j in range(2_500)),
    # the same calls in a CUBE's column: one entry each
    "calls in a CUBE": (f"SELECT 1 FROM t GROUP BY CUBE(f({_columns('a', 3_000)}), b, c), "
                        f"{_columns('d', 1_000)}"),
}


@pytest.mark.parametrize("name", list(LONG_CALLS))
def test_a_group_by_with_long_calls_is_not_refused(name: str) -> None:
    refuse_slow_parse(LONG_CALLS[name])


@pytest.mark.parametrize("sql", [
    f"SELECT 1 FROM t GROUP BY CUBE({_columns('a', 14)}), row({_columns('b', 2_000)})",
    f"SELECT 1 FROM t GROUP BY CUBE({_columns('a', 14)}), (({_columns('b', 2_000)}))",
    f"SELECT 1 FROM t GROUP BY CUBE({_columns('a', 14)}), (a, ({_columns('b', 2_000)}))",
    f"SELECT 1 FROM t GROUP BY GROUPING SETS (CUBE({_columns('a', 14)}), ({_columns('b', 500)}))"
    f", {_columns('c', 100)}",
])
def test_rows_duckdb_spreads_into_entries_are_still_counted(sql: str) -> None:
    # CUBE of 14 then a row of 2,000: 10 s of DuckDB's parse (measured, c51)
    with pytest.raises(QueryRefused, match=r"^refused: a GROUP BY"):
        refuse_slow_parse(sql)


def test_a_call_is_one_entry_and_a_row_is_its_columns() -> None:
    call, _ = grouping_work(sql_tokens("SELECT 1 GROUP BY f(a, b, c), d"))
    row, _ = grouping_work(sql_tokens("SELECT 1 GROUP BY (a, b, c), d"))
    assert call == 1 * 2 * 3  # S x E x (N + 1): 2 entries, 2 items
    assert row == 1 * 4 * 3  # 4 entries, 2 items
    in_list, _ = grouping_work(sql_tokens("SELECT 1 GROUP BY a IN (1, 2, 3), b"))
    assert in_list == 1 * 2 * 3
    assert MAX_GROUPING_WORK == 20_000_000


def test_a_group_by_of_2500_calls_runs_in_the_cli(db: Path) -> None:
    items = ", ".join(f"coalesce(a, {j}, {j + 1}, {j + 2})" for j in range(2_500))
    sql = f"SELECT count(*) AS n FROM range(3) t(a) GROUP BY {items} ORDER BY n"
    proc = run_cli("sql", sql, "--db", str(db), "--format", "csv", "--timeout", "60",
                   timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["n", "1", "1", "1"]
