"""The ``pressroom sql`` guard's cost on one large ``--write`` statement (c51).

    PYTHONPATH=DIR uv run python bench/sql_guard.py [--values 10000] [--rounds 3]

Runs ``DELETE FROM articles WHERE url IN (SELECT url FROM articles WHERE title IN
('title 0', ...) GROUP BY url)`` through :meth:`warehouse.sandbox.SqlSession.run` on a
fresh warehouse opened ``--write``: the scan, the GROUP BY bound, the ``--write`` call
check, DuckDB's run and the view-write line (the statement is refused as a write to a
view). Prints how many times ``duckdb.tokenize`` read the text, the seconds spent in it
and the run's wall time (best of ``--rounds``). ``PYTHONPATH=DIR`` picks the checkout
measured (``/work/main`` before, the worktree after): the line names the module read.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import time
from pathlib import Path

import duckdb

import warehouse
from pressroom.errors import QueryRefused
from warehouse import open_warehouse
from warehouse.sandbox import open_session


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--values", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    calls, spent = [0], [0.0]
    tokenize = duckdb.tokenize

    def counted(text: str) -> list[tuple[int, duckdb.token_type]]:
        calls[0] += 1
        started = time.perf_counter()
        tokens = tokenize(text)
        spent[0] += time.perf_counter() - started
        return tokens

    duckdb.tokenize = counted  # type: ignore[assignment]
    titles = ", ".join(f"'title {j}'" for j in range(args.values))
    sql = (f"DELETE FROM articles WHERE url IN (SELECT url FROM articles WHERE title IN "
           f"({titles}) GROUP BY url)")
    best: tuple[float, int, float] | None = None
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "w.duckdb"
        with open_warehouse(db):
            pass
        for _ in range(args.rounds):
            calls[0], spent[0] = 0, 0.0
            with open_session(db, write=True) as session:
                started = time.perf_counter()
                with contextlib.suppress(QueryRefused):  # a write to a view, as meant
                    session.run(sql, timeout=60)
                wall = time.perf_counter() - started
            if best is None or wall < best[0]:
                best = (wall, calls[0], spent[0])
    assert best is not None
    print(f"{warehouse.__file__}: {len(sql):,} characters; duckdb.tokenize {best[1]} times, "
          f"{best[2]:.3f} s in it; run {best[0]:.3f} s (best of {args.rounds})")


if __name__ == "__main__":
    main()
