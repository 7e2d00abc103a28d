"""CPU time of ``extract`` over the dev pages, old code against new, alternately.

    uv run python bench/parse_ab.py --old DIR [--new DIR] [--rounds 3] [--limit N]

Each round runs one pass over the WCXB dev pages (CC-BY-4.0) in a fresh interpreter
per code tree (``--old``: a checkout of this project, e.g. ``git archive main | tar -x
-C DIR``), the trees taking turns; the pages are read by this checkout's loader, so both
parse the same strings. Prints each pass's CPU seconds, the medians, their ratio and the
load average: speed work that must not change output (``bench/identity.py``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = """
import sys, time
sys.path.insert(0, {root!r})
from bench.extraction import DEFAULT_DATASET, load
pages = [(p.url, p.html) for p in load(DEFAULT_DATASET, {limit!r})]
for name in [m for m in sys.modules if m == 'parsers' or m.startswith(('parsers.', 'pressroom'))]:
    del sys.modules[name]
sys.path.insert(0, {code!r})
from parsers import extract
extract('<p>warm</p>', url='https://e.org/w')
t = time.process_time()
for url, html in pages:
    try:
        extract(html, url=url)
    except Exception as exc:
        if type(exc).__name__ != 'ParseError':
            raise
print(time.process_time() - t)
"""


def _cpu(code: Path, limit: int | None) -> float:
    program = PROGRAM.format(root=str(ROOT), code=str(code), limit=limit)
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                         check=True, cwd=code)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    """Time both trees, alternately; print the passes, medians and ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True)
    parser.add_argument("--new", type=Path, default=ROOT)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None, help="first N dev pages only")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()}")
    old: list[float] = []
    new: list[float] = []
    for _ in range(args.rounds):
        old.append(_cpu(args.old, args.limit))
        new.append(_cpu(args.new, args.limit))
        print(f"old {old[-1]:.2f} s, new {new[-1]:.2f} s CPU", flush=True)
    o, n = statistics.median(old), statistics.median(new)
    print(f"median: old {o:.2f} s, new {n:.2f} s CPU (old/new {o / max(n, 1e-9):.2f}x)")
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
