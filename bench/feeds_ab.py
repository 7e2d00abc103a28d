"""CPU time of ``parse_feed`` over a feed directory, an older checkout against this one.

    uv run python bench/feeds_ab.py /tmp/fp/tests --old /tmp/old-checkout --runs 6

Each run is a fresh subprocess per tree (old, new, old, new, ...) importing
``parsers.feeds`` from that tree and timing ``time.process_time`` of one pass over
every file, best of ``--passes``; the medians and their ratio (new/old) are printed
with the load average. CPU time, not wall time: the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import sys, time
sys.path.insert(0, sys.argv[1])
from parsers.feeds import parse_feed
from pressroom.errors import FeedError
blobs = [open(p, 'rb').read() for p in sys.argv[3:]]
best = float('inf')
for _ in range(int(sys.argv[2])):
    t0 = time.process_time()
    for b in blobs:
        try:
            parse_feed(b)
        except FeedError:
            pass
    best = min(best, time.process_time() - t0)
print(best)
"""


def main(argv: list[str] | None = None) -> int:
    """Print each run's CPU seconds, the medians and the ratio new/old."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--old", type=Path, required=True, help="the older checkout")
    ap.add_argument("--runs", type=int, default=6, help="subprocesses per tree")
    ap.add_argument("--passes", type=int, default=3, help="passes per subprocess (best kept)")
    args = ap.parse_args(argv)
    files = sorted(str(p) for p in args.corpus.rglob("*") if p.is_file() and p.suffix != ".py")
    times: dict[str, list[float]] = {"old": [], "new": []}
    print(f"files: {len(files)}; load average before: {os.getloadavg()[0]:.1f}")
    for _ in range(args.runs):
        for name, tree in (("old", args.old), ("new", ROOT)):
            out = subprocess.run([sys.executable, "-c", CHILD, str(tree), str(args.passes),
                                  *files], capture_output=True, text=True, check=True)
            times[name].append(float(out.stdout))
    for name, values in times.items():
        print(f"{name}: " + ", ".join(f"{v:.3f}" for v in values)
              + f" s; median {statistics.median(values):.3f} s")
    ratio = statistics.median(times["new"]) / statistics.median(times["old"])
    print(f"ratio new/old: {ratio:.2f}; load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
