"""Start-up benchmark: median wall time of each CLI command, as a user runs it.

    uv run python bench/startup.py [--runs 5] [--flow-runs 3] [--server URL]

Every command is a fresh ``python -m pressroom`` process (what ``uv run
pressroom`` starts after uv's own check), on a small warehouse filled from the
loopback press site of the test suite. Rows: the query commands (which must
import neither Prefect nor BeautifulSoup), ``ingest --no-prefect`` (a re-run
with nothing new), and ``ingest`` through Prefect: on a temporary server
(``PRESSROOM_PREFECT_SERVER=off``) and, with ``--server``, on a running one.
Also: how many Prefect modules each command imported (``-X importtime``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.site import PressSite
from tests.site.sources import write_sources_toml

BASE_ENV = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
BASE_ENV |= {"PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PRESSROOM_PREFECT_SERVER": "off"}


def run(args: list[str], env: dict[str, str] | None = None,
        importtime: bool = False) -> tuple[float, subprocess.CompletedProcess[str]]:
    flags = ["-X", "importtime"] if importtime else []
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, *flags, "-m", "pressroom", *args],
                          capture_output=True, text=True, env=BASE_ENV | (env or {}),
                          check=False, timeout=900)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    return elapsed, proc


def prefect_modules(args: list[str], env: dict[str, str] | None = None) -> int:
    _, proc = run(args, env, importtime=True)
    names = {line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines()
             if line.startswith("import time:") and line.count("|") == 2}
    return sum(1 for n in names if n.split(".")[0] == "prefect")


def median_of(args: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    return statistics.median(run(args, env)[0] for _ in range(runs))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="runs per quick command")
    ap.add_argument("--flow-runs", type=int, default=3, help="runs per Prefect-backed command")
    ap.add_argument("--server", help="API URL of a running Prefect server, for the fast path")
    opts = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, PressSite() as site:
        root = Path(tmp)
        sources = str(write_sources_toml(site, root / "s.toml", names=("belta",)))
        db = str(root / "w.duckdb")
        run(["ingest", "--no-prefect", "--sources", sources, "--db", db])  # fill it once
        run(["index", "--db", db])
        common = ["--db", db]
        rows: list[tuple[str, list[str], int, dict[str, str] | None]] = [
            ("status --help", ["status", "--help"], opts.runs, None),
            ("sql \"select 1\"", ["sql", "select 1", *common], opts.runs, None),
            ("status", ["status", *common], opts.runs, None),
            ("health", ["health", *common], opts.runs, None),
            ("search trafficking", ["search", "trafficking", *common], opts.runs, None),
            ("export jsonl", ["export", "--format", "jsonl", "--out", str(root / "x"), *common],
             opts.runs, None),
            ("report", ["report", "--out", str(root / "r.html"), *common], opts.runs, None),
            ("sources", ["sources", "--sources", sources], opts.runs, None),
            ("index", ["index", *common], opts.runs, None),
            ("ingest --no-prefect (nothing new)",
             ["ingest", "--no-prefect", "--sources", sources, *common], opts.runs, None),
            ("ingest, temporary Prefect server",
             ["ingest", "--sources", sources, *common], opts.flow_runs, None),
        ]
        if opts.server:
            rows.append(("ingest, running Prefect server",
                         ["ingest", "--sources", sources, *common], opts.flow_runs,
                         {"PRESSROOM_PREFECT_SERVER": opts.server}))
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f} at start")
        print("| command | median s | runs | prefect modules imported |")
        print("| --- | ---: | ---: | ---: |")
        for label, args, runs, env in rows:
            seconds = median_of(args, runs, env)
            print(f"| `{label}` | {seconds:.2f} | {runs} | {prefect_modules(args, env)} |",
                  flush=True)
        print(f"load average {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()
