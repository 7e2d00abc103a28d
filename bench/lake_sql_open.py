"""Time to open ``pressroom sql`` on a small PostgreSQL lake: two checkouts side by side.

    uv run python bench/lake_sql_open.py --old /work/main --new . [--rounds 3]

Starts a throwaway PostgreSQL (pgserver), writes one run into a new lake, then
runs ``python -m pressroom sql "SELECT count(*) FROM runs"`` with each checkout's
own venv, old and new alternately, and prints the median wall time of each and
their ratio. A whole CLI process is timed (start-up included), as a user waits.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.lakepg import running_postgres  # noqa: E402
from warehouse import open_warehouse  # noqa: E402
from warehouse.lake import parse_target  # noqa: E402


def _time(checkout: Path, lake: str, data: str) -> float:
    python = checkout / ".venv" / "bin" / "python"
    start = time.perf_counter()
    done = subprocess.run([str(python), "-m", "pressroom", "sql", "SELECT count(*) FROM runs",
                           "--db", lake, "--data-path", data], cwd=checkout,
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"})
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{checkout}: {done.stderr.strip()}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True)
    parser.add_argument("--new", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="pressroom-bench-data-")
    with running_postgres() as pg:
        lake = pg.new_catalog()
        with open_warehouse(parse_target(lake, data)) as wh:
            wh.start_run("r1", ["example"], datetime(2026, 12, 1, tzinfo=UTC), 1)
        times: dict[str, list[float]] = {"old": [], "new": []}
        for _ in range(args.rounds):
            times["old"].append(_time(args.old.resolve(), lake, data))
            times["new"].append(_time(args.new.resolve(), lake, data))
    old, new = statistics.median(times["old"]), statistics.median(times["new"])
    print(f"load average {os.getloadavg()[0]:.1f}; rounds {args.rounds}")
    print(f"old {old:.2f} s {[round(t, 2) for t in times['old']]}")
    print(f"new {new:.2f} s {[round(t, 2) for t in times['new']]}")
    print(f"new/old {new / old:.2f}")


if __name__ == "__main__":
    main()
