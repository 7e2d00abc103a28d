"""Start-up benchmark: median wall time of each CLI command, as a user runs it.

    uv run python bench/startup.py [--runs 5] [--flow-runs 3] [--server URL]

``--flow-runs 0`` leaves out the Prefect-backed rows (the start-up of the
commands that run no flow is then measured in a minute or two). ``--before DIR``
also runs each command with another checkout's code (``git worktree add DIR
<commit>``) as working directory and ``PYTHONPATH``, alternating with this one run by run, so
both medians see the same load; the table then has a before column and the ratio.

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

ROOT = Path(__file__).resolve().parents[1]
BASE_ENV = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
BASE_ENV |= {"PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PRESSROOM_PREFECT_SERVER": "off"}


def run(args: list[str], env: dict[str, str] | None = None,
        importtime: bool = False) -> tuple[float, subprocess.CompletedProcess[str]]:
    flags = ["-X", "importtime"] if importtime else []
    full_env = BASE_ENV | (env or {})
    # `python -m` puts the working directory first on sys.path, before PYTHONPATH:
    # the checkout whose code runs is the working directory.
    cwd = full_env.get("PYTHONPATH") or str(ROOT)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, *flags, "-m", "pressroom", *args],
                          capture_output=True, text=True, env=full_env, cwd=cwd,
                          check=False, timeout=900)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    return elapsed, proc


def imported(args: list[str], env: dict[str, str] | None = None) -> set[str]:
    _, proc = run(args, env, importtime=True)
    return {line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines()
            if line.startswith("import time:") and line.count("|") == 2}


def prefect_modules(args: list[str], env: dict[str, str] | None = None) -> int:
    return sum(1 for n in imported(args, env) if n.split(".")[0] == "prefect")


def median_of(args: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    return statistics.median(run(args, env)[0] for _ in range(runs))


def medians_side_by_side(args: list[str], runs: int, env: dict[str, str] | None,
                         before: str) -> tuple[float, float]:
    """(before, after) medians, the two checkouts alternating run by run."""
    old_env = (env or {}) | {"PYTHONPATH": before}
    pairs = [(run(args, old_env)[0], run(args, env)[0]) for _ in range(runs)]
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="runs per quick command")
    ap.add_argument("--flow-runs", type=int, default=3,
                    help="runs per Prefect-backed command (0: leave those rows out)")
    ap.add_argument("--server", help="API URL of a running Prefect server, for the fast path")
    ap.add_argument("--before", metavar="DIR",
                    help="another checkout to compare with, run by run (its code on PYTHONPATH)")
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
            ("stories", ["stories", *common], opts.runs, None),
            ("index", ["index", *common], opts.runs, None),
            ("ingest --no-prefect (nothing new)",
             ["ingest", "--no-prefect", "--sources", sources, *common], opts.runs, None),
        ]
        if opts.flow_runs > 0:
            rows.append(("ingest, temporary Prefect server",
                         ["ingest", "--sources", sources, *common], opts.flow_runs, None))
        if opts.server and opts.flow_runs > 0:
            rows.append(("ingest, running Prefect server",
                         ["ingest", "--sources", sources, *common], opts.flow_runs,
                         {"PRESSROOM_PREFECT_SERVER": opts.server}))
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f} at start")
        if opts.before:
            print("| command | before s | after s | after / before | runs | modules before "
                  "| modules after | prefect modules after |")
            print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        else:
            print("| command | median s | runs | prefect modules imported |")
            print("| --- | ---: | ---: | ---: |")
        for label, args, runs, env in rows:
            if opts.before:
                old, new = medians_side_by_side(args, runs, env, opts.before)
                names = imported(args, env)
                old_names = imported(args, (env or {}) | {"PYTHONPATH": opts.before})
                prefect = sum(1 for n in names if n.split(".")[0] == "prefect")
                print(f"| `{label}` | {old:.2f} | {new:.2f} | {new / old:.2f} | {runs} "
                      f"| {len(old_names)} | {len(names)} | {prefect} |", flush=True)
                continue
            seconds = median_of(args, runs, env)
            print(f"| `{label}` | {seconds:.2f} | {runs} | {prefect_modules(args, env)} |",
                  flush=True)
        print(f"load average {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()
