"""What migration 017 and `health`'s clock read cost on a big ``runs`` table (o45).

``uv run python bench/run_clock_cost.py DB [--runs 100000] [--sources 10]``: a new DuckDB
file at migration 016 with RUNS runs of SOURCES sources each (one every 15 minutes), then
017 applied and timed, then :func:`warehouse.health.clock_evidence` timed with no votes
and with every row voted (8 sites, a few seconds of skew).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb

from warehouse import health
from warehouse.schema import apply_migrations, load_migrations


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("db", type=Path, help="a new DuckDB file (must not exist)")
    ap.add_argument("--runs", type=int, default=100_000)
    ap.add_argument("--sources", type=int, default=10)
    args = ap.parse_args()
    if args.db.exists():
        raise SystemExit(f"{args.db} exists")
    con = duckdb.connect(str(args.db))
    try:
        con.execute("SET enable_progress_bar = false")
        apply_migrations(con, [m for m in load_migrations() if m.version <= 16])
        con.execute(
            "INSERT INTO runs (run_id, source, started_at, finished_at, status, kind) "
            "SELECT 'run-' || r, 'src-' || s, TIMESTAMPTZ '2024-01-01' + to_minutes(15 * r), "
            "TIMESTAMPTZ '2024-01-01' + to_minutes(15 * r + 1), 'ok', 'ingest' "
            "FROM range(?) AS a(r), range(?) AS b(s)",
            [args.runs, args.sources],
        )
        con.execute("CHECKPOINT")
        rows = args.runs * args.sources
        start = time.perf_counter()
        applied = apply_migrations(con)
        print(f"{rows:,} runs rows: migrations {applied} in {time.perf_counter() - start:.2f} s")
        start = time.perf_counter()
        health.clock_evidence(con, 3)
        print(f"clock read, no votes: {time.perf_counter() - start:.3f} s")
        con.execute(
            "UPDATE runs SET date_site = 'site-' || (hash(source) % 8), "
            "date_ahead_s = (hash(run_id || source) % 7)::BIGINT"
        )
        con.execute("CHECKPOINT")
        for _ in range(3):
            start = time.perf_counter()
            health.clock_evidence(con, 3)
            clock = time.perf_counter() - start
            start = time.perf_counter()
            con.execute("SELECT * FROM source_health").fetchall()
            print(
                f"clock read, every row voted: {clock:.3f} s "
                f"(source_health: {time.perf_counter() - start:.3f} s)"
            )
    finally:
        con.close()


if __name__ == "__main__":
    main()
