"""A run's number: the order in which the warehouse wrote its runs, set by no clock (018).

Which run is the latest was read from clocks: this host's (``started_at``), and for
``health``'s clock check this host's moved by the sites' ``Date`` headers. A clock set
back makes the runs written while it was right look later; three hostile sites claiming
the year 9999 made their run look later than every run after it (k45). ``runs.run_seq``
is neither: the writer gives a run its number when it first writes one of the run's rows
(:func:`warehouse.runs.start_run`, :func:`~warehouse.runs.record_held` for a run whose
sources were all turned away, :func:`~warehouse.runs.finish_run` for one that wrote
nothing before its end), inside that write's transaction: the number the run's other
rows have, else one more than the highest stored.

Why two runs never share a number: every write transaction first bumps ``write_token``
(:func:`warehouse.txn.transaction`). On a file, one process writes at a time and its
connections conflict on that row; on a lake every host's writer does, and DuckLake's
conflict check fails the later commit (``Transaction conflict ... deleted inlined data``,
measured on a PostgreSQL catalog), which :meth:`warehouse.Warehouse._write` retries,
reading the highest number again. Not a ``SEQUENCE``: DuckLake has none.

**What the order means.** Runs are numbered when they start, so a run's number says
which runs the warehouse had seen begin before it, as ``started_at`` meant to. One
exception, and whether it is right: a run the warehouse refused from its start to its
end (a file locked, a lake's catalog down) wrote nothing; its rows were staged in the
spool and get their number when a later run's merge writes them. The next run on the
same host merges the spool before it starts its own rows (``flows.run._run_active``), so
the staged run still sorts before that run; but a run that wrote directly meanwhile (on
another host of a lake, or a run of this host that started while the staged one ran)
sorts before the staged run though it started later. For ``status`` that names the
staged run as the source's latest until the source's next run, and for ``health``'s
clock check the staged run's votes, a few minutes older, until the next run with
votes of three sites. That is the order in which the warehouse learned of the runs;
a clock could say better only if it were right, which is what is in doubt. Left so.
"""

from __future__ import annotations

import duckdb

# The run's number if one of its rows has one, else one past the highest (1 for the first).
_NEXT_SQL = """
SELECT coalesce((SELECT max(run_seq) FROM runs WHERE run_id = $run),
                (SELECT coalesce(max(run_seq), 0) + 1 FROM runs))
"""

_HAS_COLUMN_SQL = """
SELECT count(*) FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = 'main'
  AND table_name = 'runs' AND column_name = ?
"""


def runs_has_column(con: duckdb.DuckDBPyConnection, column: str) -> bool:
    """Whether the warehouse's ``runs`` has ``column`` (a file or lake not yet migrated
    to the release that added it has not: in tests, and the rows of older releases)."""
    found = con.execute(_HAS_COLUMN_SQL, [column]).fetchone()
    return bool(found and found[0])


def run_number(con: duckdb.DuckDBPyConnection, run_id: str) -> int | None:
    """The number of ``run_id`` for the rows about to be written, read in the caller's
    write transaction; None on a warehouse before migration 018 (its rows are numbered
    by the migration, as every older row)."""
    if not runs_has_column(con, "run_seq"):
        return None
    row = con.execute(_NEXT_SQL, {"run": run_id}).fetchone()
    return None if row is None else int(row[0])


def merge_parts(numbered: bool) -> dict[str, str]:
    """The pieces of a ``MERGE INTO runs AS t USING (...) AS x`` that carry the run's
    number, a last ``?`` parameter, when ``numbered``: the source's column, the update
    (a stored number is kept: a run is numbered once) and the insert. Empty when not:
    the statement is written as before 018 (on a warehouse not yet migrated, in tests)."""
    if not numbered:
        return {"value": "", "set": "", "column": "", "insert": ""}
    return {"value": ", ?::BIGINT AS run_seq", "set": ", run_seq = coalesce(t.run_seq, x.run_seq)",
            "column": ", run_seq", "insert": ", x.run_seq"}
