"""What NEXT_SEQ_SQL's ``max(seq)`` costs a batch as article_versions grows (issue 15).

    uv run python bench/seq_max.py --rows 10000 1000000 --group 1000

Every batch that stores versions numbers them after ``max(seq)``
(``warehouse.article_writes.NEXT_SEQ_SQL``). For each size, builds an
``article_versions`` of that many rows (short bodies: only ``seq`` is read) in
row groups of ``--group`` rows (a checkpoint after each, as batch sessions
leave them), then, in a fresh connection with the batch sessions' settings,
times the statement: its first run (the column's blocks not yet read, as
in each batch's own session) and the median of 20.
Prints one JSON line per size, with the plan's operators.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from warehouse.article_writes import NEXT_SEQ_SQL
from warehouse.connection import BATCH_SETTINGS
from warehouse.opening import open_warehouse

_INSERT = """
INSERT INTO article_versions BY NAME
SELECT 'a' || (? + i) AS article_id, 1 AS version, 'bench' AS source,
       'u' || (? + i) AS url, 'u' || (? + i) AS canonical_url, 'body ' || i AS body,
       [] AS authors, [] AS tags, 'h' || (? + i) AS content_hash,
       now() AS fetched_at, 'run' AS run_id, ? + i AS seq
FROM range(?) r(i)
"""
# The sub-query NEXT_SEQ_SQL adds to each insert, alone.
MAX_SQL = NEXT_SEQ_SQL.split(" + row_number()")[0].strip("()")


def build(db: Path, rows: int, group: int) -> None:
    """``rows`` rows in groups of ``group`` (one checkpoint after each)."""
    with open_warehouse(db, settings=BATCH_SETTINGS) as wh:
        con = wh.connection
        for first in range(0, rows, group):
            n = min(group, rows - first)
            con.execute(_INSERT, [first, first, first, first, first, n])
            con.execute("CHECKPOINT")


def measure(db: Path) -> dict[str, object]:
    """First and median-of-20 milliseconds of MAX_SQL in a fresh session."""
    with open_warehouse(db, settings=BATCH_SETTINGS) as wh:
        con = wh.connection
        con.execute("SELECT count(*) FROM write_token").fetchone()  # the session's first query
        times = []
        for _ in range(21):
            t0 = time.perf_counter()
            con.execute(MAX_SQL).fetchone()
            times.append(1000 * (time.perf_counter() - t0))
        plan = "".join(str(r[-1]) for r in con.execute(f"EXPLAIN {MAX_SQL}").fetchall())
        groups = con.execute("SELECT count(DISTINCT row_group_id) FROM "
                             "pragma_storage_info('article_versions')").fetchone()
    ops = sorted(set(re.findall(r"\b[A-Z][A-Z_]{4,}\b", plan)))
    return {"first_ms": round(times[0], 2), "median_ms": round(statistics.median(times[1:]), 2),
            "row_groups": groups[0] if groups else None, "plan": ops}


def main() -> None:
    """One JSON line per size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--group", type=int, default=1000)
    args = parser.parse_args()
    import os

    for rows in args.rows:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "s.duckdb"
            t0 = time.perf_counter()
            build(db, rows, args.group)
            built = time.perf_counter() - t0
            out = {"rows": rows, "group": args.group, "build_s": round(built, 1), **measure(db),
                   "load": [round(x, 2) for x in os.getloadavg()]}
            print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
