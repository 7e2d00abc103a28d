"""What migrations 017 and 018 and `health`'s clock read cost on a big ``runs`` table
(o45, o46).

``uv run python bench/run_clock_cost.py DB [--runs 100000] [--sources 10]``: a new DuckDB
file at migration 016 with RUNS runs of SOURCES sources each (one every 15 minutes), then
017 applied and timed, a run's rows written (start and end, SOURCES sources) and timed,
then 018 (run_seq) applied and timed, and the run's rows written again (the writer now
reads the run's number in each transaction). Then :func:`warehouse.health.clock_evidence`
timed with no votes and with every row voted, in two shapes: 8 sites among each run's
sources (the latest run can tell), and one site per run (runs of one source each, as
`serve` makes them: no run can tell, the worst case). Beside each, the read as it was
before 018 ("whole view": `run_clock` over every voted row, ordered by the two clocks).
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from warehouse import RunCounts, Warehouse, health
from warehouse.records import SourceEnd
from warehouse.schema import apply_migrations, load_migrations

# health._CLOCK_SQL before o46 (k45's order by the sites' clocks), over the whole view.
_WHOLE_VIEW_SQL = """
SELECT run_id, started_at FROM run_clock WHERE sites >= 3
ORDER BY started_at + to_seconds(
    CASE WHEN skew_s < 0 OR (ahead >= 3 AND 2 * ahead > sites)
         THEN least(greatest(skew_s, -1e9), 1e9) ELSE 0 END) DESC,
    run_id DESC
LIMIT 1
"""


def _timed(label: str, work: object) -> None:
    assert callable(work)
    start = time.perf_counter()
    work()
    print(f"{label}: {time.perf_counter() - start:.3f} s")


def _write_run(con: duckdb.DuckDBPyConnection, run_id: str, sources: int) -> None:
    wh = Warehouse(con)
    names = [f"src-{s}" for s in range(sources)]
    at = datetime.now(UTC) + timedelta(days=4000)
    wh.start_run(run_id, names, at, pid=1)
    wh.finish_runs(run_id, [SourceEnd(n, RunCounts(fetched=1), "ok", vote=(f"site-{i % 8}", 1))
                            for i, n in enumerate(names)], at + timedelta(minutes=1),
                   started_at=at)


def _reads(con: duckdb.DuckDBPyConnection, shape: str) -> None:
    for _ in range(3):
        start = time.perf_counter()
        found = health.clock_evidence(con, 3)
        bounded = time.perf_counter() - start
        start = time.perf_counter()
        con.execute(_WHOLE_VIEW_SQL).fetchall()
        whole = time.perf_counter() - start
        print(f"clock read, {shape}: {bounded:.3f} s (latest {health.RECENT_RUNS} runs; "
              f"{'found ' + found.run_id if found else 'nothing said'}); "
              f"whole view, as before 018: {whole:.3f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("db", type=Path, help="a new DuckDB file (must not exist)")
    ap.add_argument("--runs", type=int, default=100_000)
    ap.add_argument("--sources", type=int, default=10)
    args = ap.parse_args()
    if args.db.exists():
        raise SystemExit(f"{args.db} exists")
    shipped = load_migrations()
    con = duckdb.connect(str(args.db))
    try:
        con.execute("SET enable_progress_bar = false")
        apply_migrations(con, [m for m in shipped if m.version <= 16])
        con.execute(
            "INSERT INTO runs (run_id, source, started_at, finished_at, status, kind) "
            "SELECT 'run-' || r, 'src-' || s, TIMESTAMPTZ '2024-01-01' + to_minutes(15 * r), "
            "TIMESTAMPTZ '2024-01-01' + to_minutes(15 * r + 1), 'ok', 'ingest' "
            "FROM range(?) AS a(r), range(?) AS b(s)",
            [args.runs, args.sources],
        )
        con.execute("CHECKPOINT")
        rows = args.runs * args.sources
        print(f"{rows:,} runs rows")
        _timed("migration 017", lambda: apply_migrations(con, [m for m in shipped
                                                               if m.version <= 17]))
        _write_run(con, "bench-warm", args.sources)  # imports and first statements: untimed
        _timed(f"a run's rows written at 017 ({args.sources} sources)",
               lambda: _write_run(con, "bench-017", args.sources))
        _timed("migration 018 (run_seq filled)", lambda: apply_migrations(con))
        _timed(f"a run's rows written at 018 ({args.sources} sources)",
               lambda: _write_run(con, "bench-018", args.sources))
        con.execute("DELETE FROM runs WHERE run_id LIKE 'bench-%'")
        _timed("clock read, no votes", lambda: health.clock_evidence(con, 3))
        con.execute(
            "UPDATE runs SET date_site = 'site-' || (hash(source) % 8), "
            "date_ahead_s = (hash(run_id || source) % 7)::BIGINT"
        )
        con.execute("CHECKPOINT")
        _reads(con, "every row voted, 8 sites a run")
        con.execute("UPDATE runs SET date_site = 'site-' || (hash(run_id) % 8)")
        con.execute("CHECKPOINT")
        _reads(con, "every row voted, 1 site a run")
    finally:
        con.close()


if __name__ == "__main__":
    main()
