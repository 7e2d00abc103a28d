"""Where the ingest process reaches its peak RSS: during the batches or at the run's end.

    uv run python bench/rss_phases.py --pages 6000 [--root CHECKOUT]

Serves ``--pages`` dev pages (bench/devsite.py) and runs ``pressroom ingest
--no-prefect --parse-workers 2`` from ``--root`` (this checkout by default; an
older worktree runs with its own virtualenv) in a child that reads its own
``/proc/self/status`` every 0.1 s, and around the run's end compaction
(``warehouse.compaction.compact_tails``, wrapped in that child only) its RSS and
peak (VmHWM) before and after and the groups it merged. Printed: one JSON line.
Issue 15's question: which phase is the peak. Data: WCXB (Murrough Foley, 2026),
CC-BY-4.0.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.pipeline import start_site, write_sources

ROOT = Path(__file__).resolve().parents[1]

# Runs in the child, from the measured checkout (its own sys.path and modules).
CHILD = r"""
import json, sys, threading, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])

def mem():
    f = dict(l.split(":", 1) for l in Path("/proc/self/status").read_text().splitlines())
    return int(f["VmRSS"].split()[0]) // 1024, int(f["VmHWM"].split()[0]) // 1024

t0 = time.monotonic()
samples = []
stop = threading.Event()
def watch():
    while not stop.wait(0.1):
        samples.append((round(time.monotonic() - t0, 1), mem()[0]))
threading.Thread(target=watch, daemon=True).start()

import warehouse.compaction as compaction
inner = compaction.compact_tails
ends = []
def wrapped(con):
    before = mem(); t = time.monotonic()
    merged = inner(con)
    ends.append({"at_s": round(t - t0, 1), "seconds": round(time.monotonic() - t, 2),
                 "rss_before": before[0], "hwm_before": before[1],
                 "rss_after": mem()[0], "hwm_after": mem()[1], "merged": merged})
    return merged
compaction.compact_tails = wrapped

from pressroom.cli import main
try:
    code = main(sys.argv[2:])
finally:
    stop.set()
    top = max(samples, key=lambda s: s[1]) if samples else None
    print("rss-phases " + json.dumps({"compactions": ends, "peak_sample": top,
                                      "end_s": round(time.monotonic() - t0, 1),
                                      "hwm_mb": mem()[1]}), file=sys.stderr)
"""


def main() -> None:
    """One ingest with the memory watch; print its JSON line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=6000)
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--parse-workers", type=int, default=2)
    args = parser.parse_args()
    root = args.root.resolve()
    site, base = start_site(args.pages)
    try:
        with tempfile.TemporaryDirectory() as tmp_dir:
            tmp = Path(tmp_dir)
            sources = tmp / "dev.toml"
            write_sources(base, sources, args.pages, 8)
            load = os.getloadavg()
            proc = subprocess.run(
                [str(root / ".venv" / "bin" / "python"), "-c", CHILD, str(root), "ingest",
                 "--sources", str(sources), "--db", str(tmp / "w.duckdb"), "--no-prefect",
                 "--parse-workers", str(args.parse_workers)],
                cwd=root, capture_output=True, text=True, check=False,
                env={**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"})
            line = proc.stderr.split("rss-phases ")[-1].splitlines()[0]
            out = json.loads(line)
            out.update(root=str(root), exit=proc.returncode,
                       load_before=[round(x, 2) for x in load],
                       load_after=[round(x, 2) for x in os.getloadavg()])
            print(json.dumps(out))
    finally:
        site.kill()


if __name__ == "__main__":
    main()
