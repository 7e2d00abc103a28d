"""Ingest throughput into a DuckLake against the DuckDB file, one parse worker, side by side.

    uv run python bench/lake_throughput.py --pages 1000 --repeats 3 [--flush-rows N]

The WCXB dev pages on a loopback site (bench/devsite.py, its own process; CPU-bound:
parsing dominates), ingested by ``pressroom ingest --no-prefect --parse-workers 1``
into a fresh DuckDB file and into a fresh lake (catalog on a throwaway PostgreSQL,
pgserver; data on local disk), alternating file/lake, lake/file, ... ``--repeats``
times each. Each run's CLI is instrumented (wall and thread-CPU seconds of the
warehouse sessions, the batch writes, story clustering inside them, lake attaches
and the run-end flush), so the lake's extra cost can be placed. Prints one JSON
line per run and a summary: medians, the lake/file throughput ratio (target
>= 0.85), and the load average around each run.
Data: WCXB (Murrough Foley, 2026), CC-BY-4.0.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.pipeline import start_site, write_sources
from tests.lakepg import running_postgres

ROOT = Path(__file__).resolve().parents[1]

# ``python -c`` this, then the CLI's arguments: ``pressroom`` with timers around the
# warehouse steps; the totals go to stderr as the last line, ``steps {...}``.
TIMED_CLI = (
    "import json, sys, time\n"
    "import flows.gateway as g\n"
    "from warehouse import lake, lake_session, story_index, writes, store\n"
    "from pressroom.cli import main\n"
    "spent = {}\n"
    "def timed(owner, name, key):\n"
    "    inner = getattr(owner, name)\n"
    "    def wrapper(*a, **k):\n"
    "        w, c = time.perf_counter(), time.thread_time()\n"
    "        try:\n"
    "            return inner(*a, **k)\n"
    "        finally:\n"
    "            s = spent.setdefault(key, {'calls': 0, 'wall_s': 0.0, 'cpu_s': 0.0})\n"
    "            s['calls'] += 1\n"
    "            s['wall_s'] += time.perf_counter() - w\n"
    "            s['cpu_s'] += time.thread_time() - c\n"
    "    setattr(owner, name, wrapper)\n"
    "timed(g.WarehouseGateway, 'run_sync', 'sessions')\n"
    "timed(writes, 'write_batch', 'write_batch')\n"
    "timed(story_index, 'assign_written', 'clustering')\n"
    "timed(lake, 'connect_lake', 'lake_attach')\n"
    "timed(lake_session, 'flush_inlined', 'lake_flush')\n"
    "timed(g, 'open_warehouse', 'file_open')\n"
    "try:\n"
    "    code = main(sys.argv[1:])\n"
    "finally:\n"
    "    print('steps ' + json.dumps(spent), file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _ingest(sources: Path, db: str, extra: list[str], env: dict[str, str]) -> dict[str, object]:
    cmd = [sys.executable, "-c", TIMED_CLI, "ingest", "--no-prefect", "--sources",
           str(sources), "--db", db, "--parse-workers", "1", *extra]
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        log.seek(0)
        err = log.read().decode(errors="replace")
    if status != 0:
        raise SystemExit(f"ingest into {db} failed: {err[-2000:]}")
    steps = json.loads(err.rsplit("steps ", 1)[-1].splitlines()[0])
    return {"seconds": round(seconds, 2), "tree_cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "load_before": round(load_before, 2), "load_after": round(os.getloadavg()[0], 2),
            "steps": {k: {"calls": v["calls"], "wall_s": round(v["wall_s"], 2),
                          "cpu_s": round(v["cpu_s"], 2)} for k, v in steps.items()}}


def _stored(db: str, data: str | None) -> int:
    from warehouse.lake import parse_target
    from warehouse.lake_read import connect_read_only

    con = connect_read_only(parse_target(db, data))
    try:
        row = con.execute("SELECT count(*) FROM articles").fetchone()
    finally:
        con.close()
    return int(row[0]) if row else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-lake-tp-"))
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PRESSROOM_STATE_DIR": str(tmp / "state")}
    runs: dict[str, list[dict[str, object]]] = {"file": [], "lake": []}
    site, base = start_site(args.pages)
    try:
        sources = tmp / "dev.toml"
        write_sources(base, sources, args.pages, args.concurrency)
        with running_postgres() as pg:
            for r in range(args.repeats):
                for arm in (("file", "lake") if r % 2 == 0 else ("lake", "file")):
                    if arm == "file":
                        db, data = str(tmp / f"f{r}.duckdb"), None
                        extra: list[str] = []
                    else:
                        db, data = pg.new_catalog(), str(tmp / f"lake{r}")
                        extra = ["--data-path", data]
                    run = {"arm": arm, "repeat": r, **_ingest(sources, db, extra, env)}
                    run["stored"] = _stored(db, data)
                    run["pps"] = round(args.pages / float(run["seconds"]), 2)  # type: ignore[arg-type]
                    runs[arm].append(run)
                    print(json.dumps(run), flush=True)
    finally:
        site.kill()

    def med(arm: str, key: str) -> float:
        return statistics.median(float(x[key]) for x in runs[arm])  # type: ignore[arg-type]

    pairs = [float(f["seconds"]) / float(lk["seconds"])  # type: ignore[arg-type]
             for f, lk in zip(runs["file"], runs["lake"], strict=True)]
    summary = {
        "pages": args.pages, "repeats": args.repeats, "parse_workers": 1,
        "median_seconds": {"file": med("file", "seconds"), "lake": med("lake", "seconds")},
        "median_pps": {"file": med("file", "pps"), "lake": med("lake", "pps")},
        "median_tree_cpu_s": {"file": med("file", "tree_cpu_s"),
                              "lake": med("lake", "tree_cpu_s")},
        "lake_vs_file_throughput": round(med("file", "seconds") / med("lake", "seconds"), 3),
        "per_repeat_lake_vs_file": [round(x, 3) for x in pairs],
        "loads": [x["load_before"] for arm in runs.values() for x in arm],
    }
    print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
