"""How long a parse worker waits between two pages, an older checkout against this one.

    uv run python bench/worker_gaps.py --old /tmp/old-w19 --pages 400 --repeats 2

Both run ``pressroom ingest --no-prefect --parse-workers N`` on the same loopback
copy of the WCXB dev pages (bench/devsite.py), each from its own checkout and
virtualenv, alternating, the order swapped every repeat. Each worker appends the
wall-clock start and end of every page it parses (and the page's CPU) to a file
of its own; the gap is the time from the end of one page to the start of the next
in the same worker: time a worker waits to be handed a page. Printed per run: wall
time, the process tree's CPU (``wait4``), the load around it, pages, and the gaps
(total, median, mean). Under load the gaps also hold time the worker waited for a
core; alternating the arms spreads that over both. Data: WCXB (Murrough Foley,
2026), CC-BY-4.0.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LOG_ENV = "PRESSROOM_BENCH_GAPS_DIR"  # set only by this benchmark


def timed(*args: Any) -> Any:
    """The pool's task, timed; runs in the worker (the checkout's own parse code)."""
    from flows import parsepool

    t0, c0 = time.time(), time.thread_time()
    result = parsepool._parse_in_worker(*args)  # in the worker: the untimed one
    with open(os.path.join(os.environ[LOG_ENV], str(os.getpid())), "a") as log:
        log.write(f"{t0} {time.time()} {time.thread_time() - c0}\n")
    return result


def gaps(folder: Path) -> dict[str, float]:
    """Pages, busy time and the gaps between pages, over every worker's file."""
    spans: list[tuple[float, float, float]] = []
    between: list[float] = []
    for f in folder.iterdir():
        rows = sorted(tuple(map(float, line.split())) for line in f.read_text().splitlines())
        spans += rows  # type: ignore[arg-type]
        between += [b[0] - a[1] for a, b in itertools.pairwise(rows)]
    return {"pages": len(spans), "workers": len(list(folder.iterdir())),
            "in_task_cpu_s": round(sum(s[2] for s in spans), 1),
            "gap_total_s": round(sum(between), 1),
            "gap_median_ms": round(1000 * statistics.median(between), 1),
            "gap_mean_ms": round(1000 * statistics.mean(between), 1)}


def run_cli() -> int:
    """Inside the ingest process: time the pool's task, then run the CLI."""
    from flows import parsepool
    from pressroom.cli import main as cli

    parsepool.__dict__["_parse_in_worker"] = timed  # what the pool submits
    return cli(sys.argv[1:])


def main() -> None:
    """Alternate the two checkouts; print one JSON line per run."""
    sys.path.insert(0, str(ROOT))
    from bench.pipeline import start_site, write_sources

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--old", type=Path, required=True)
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--parse-workers", type=int, default=2)
    args = parser.parse_args()
    arms = {"old": args.old.resolve(), "new": ROOT}
    site, base = start_site(args.pages)
    try:
        with tempfile.TemporaryDirectory() as tmp_dir:
            tmp = Path(tmp_dir)
            sources = tmp / "dev.toml"
            write_sources(base, sources, args.pages, 8)
            for r in range(args.repeats):
                for arm in ("old", "new") if r % 2 == 0 else ("new", "old"):
                    logs = tmp / f"gaps-{arm}-{r}"
                    logs.mkdir()
                    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                           LOG_ENV: str(logs)}
                    cmd = [str(arms[arm] / ".venv" / "bin" / "python"), __file__, "--cli",
                           str(arms[arm]), "ingest", "--sources", str(sources), "--db",
                           str(tmp / f"{arm}-{r}.duckdb"), "--no-prefect",
                           "--parse-workers", str(args.parse_workers)]
                    load = os.getloadavg()
                    t0 = time.perf_counter()
                    proc = subprocess.Popen(cmd, cwd=arms[arm], env=env,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    _pid, status, usage = os.wait4(proc.pid, 0)
                    if status != 0:
                        raise SystemExit(f"ingest from {arms[arm]} failed ({status})")
                    print(json.dumps({"arm": arm, "repeat": r,
                                      "seconds": round(time.perf_counter() - t0, 1),
                                      "tree_cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
                                      "load_before": round(load[0], 1),
                                      "load_after": round(os.getloadavg()[0], 1),
                                      **gaps(logs)}), flush=True)
                    shutil.rmtree(logs)
    finally:
        site.kill()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--cli"]:  # the ingest process of one arm, its checkout first
        sys.path.insert(0, sys.argv[2])
        del sys.argv[1:3]
        sys.exit(run_cli())
    main()
