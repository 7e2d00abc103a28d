"""Wall time of ``pressroom ingest --no-prefect`` of the loopback press site into a
DuckDB file, a DuckLake on PostgreSQL and a DuckLake with a local catalog file,
interleaved in one run (ratios are what to compare on a shared machine).

    uv run python -m bench.lake_ingest [--rounds 2] [--checkout DIR]

``--checkout`` runs the CLI of another checkout (e.g. an older commit in a
throwaway worktree) for the lake rows, to compare two versions side by side.
Prints one line per ingest with the 1-minute load average.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.lakepg import running_postgres
from tests.site import PressSite
from tests.site.sources import write_sources_toml

HERE = Path(__file__).resolve().parent.parent


def _ingest(checkout: Path, sources: str, db: str, extra: list[str], env: dict[str, str]
            ) -> tuple[float, int]:
    python = checkout / ".venv" / "bin" / "python"
    started = time.monotonic()
    proc = subprocess.run([str(python), "-m", "pressroom", "ingest", "--no-prefect",
                           "--sources", sources, "--db", db, *extra],
                          capture_output=True, text=True, env=env, cwd=checkout, timeout=1800,
                          check=False)
    return time.monotonic() - started, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--checkout", type=Path, default=HERE,
                        help="checkout whose CLI writes the lakes (default: this one)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-lake-"))
    env = {**os.environ, "PRESSROOM_STATE_DIR": str(tmp / "state")}
    with running_postgres() as pg, PressSite() as site:
        sources = str(write_sources_toml(site, tmp / "s.toml"))
        for r in range(args.rounds):
            runs = [
                ("file", HERE, str(tmp / f"f{r}.duckdb"), []),
                ("lake-postgres", args.checkout, pg.new_catalog(),
                 ["--data-path", str(tmp / f"pg{r}")]),
                ("lake-local", args.checkout, f"ducklake:{tmp / f'meta{r}.ducklake'}",
                 ["--data-path", str(tmp / f"local{r}")]),
            ]
            for name, checkout, db, extra in runs:
                site.reset()
                seconds, code = _ingest(checkout, sources, db, extra, env)
                print(f"round {r} {name:14} {seconds:6.1f} s  exit {code}  "
                      f"load {os.getloadavg()[0]:.1f}", flush=True)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
