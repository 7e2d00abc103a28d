"""s53: warehouse sessions and time a run spends looking up child sitemaps' validators,
before and after, side by side in one command.

An index of CHILDREN undated children (no articles), served with ETags on a loopback
site; a warm-up run reads them all (cap = CHILDREN) so each has validators and a stored
copy; then RUNS runs at ``max_child_sitemaps = CAP`` each ask CAP children (304s).
Counted per run: warehouse sessions (``WarehouseGateway.run_sync``, each opens the
file), ``http_cache`` and ``latest_documents`` calls, and the run's wall time. The
"before" code is ``git archive REV`` in a temporary folder, run with the same
interpreter and packages (PYTHONPATH first).

    uv run python bench/s53_child_lookups.py [--before REV] [--children N] [--cap N] [--runs N]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(children: int, cap: int, runs: int) -> None:
    """Runs in the code tree first on sys.path; prints one JSON line a run."""
    import flows.gateway
    import flows.selection
    import warehouse
    from tests.hostile.site import Site
    from tests.hostile.sitemap_site import run_index, serve_index

    counts: Counter[str] = Counter()

    def counted(cls: type, name: str) -> None:
        inner = getattr(cls, name)

        def wrapper(self: object, *args: object, **kwargs: object) -> object:
            counts[name] += 1
            return inner(self, *args, **kwargs)
        setattr(cls, name, wrapper)

    counted(flows.gateway.WarehouseGateway, "run_sync")
    counted(warehouse.Warehouse, "http_cache")
    counted(warehouse.Warehouse, "latest_documents")
    print(json.dumps({"code": str(Path(flows.selection.__file__).parent.parent)}), flush=True)
    with tempfile.TemporaryDirectory() as tmp, Site() as site:
        serve_index(site, children, per_child=0, etags=True)
        for run in range(runs + 1):
            counts.clear()
            site.hits.clear()
            site.conditional.clear()
            t = time.monotonic()
            limit = children if run == 0 else cap  # the warm-up reads all
            run_index(site, Path(tmp), extra=f"max_child_sitemaps = {limit}\n")
            took = time.monotonic() - t
            child = sum(n for p, n in site.hits.items() if p.startswith("/sm/child-"))
            cond = sum(n for p, n in site.conditional.items() if p.startswith("/sm/child-"))
            print(json.dumps({"run": run, "children": child, "conditional": cond,
                              "sessions": counts["run_sync"], "http_cache": counts["http_cache"],
                              "latest_documents": counts["latest_documents"],
                              "seconds": round(took, 2)}), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", default="main")
    ap.add_argument("--children", type=int, default=1000)
    ap.add_argument("--cap", type=int, default=50)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        measure(args.children, args.cap, args.runs)
        return
    with tempfile.TemporaryDirectory() as before:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.before],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", before], input=archive, check=True)
        results = {}
        for label, code in (("before", Path(before)), ("after", ROOT)):
            out = subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), "--measure",
                 "--children", str(args.children), "--cap", str(args.cap),
                 "--runs", str(args.runs)],
                cwd=code, env={**os.environ, "PYTHONPATH": str(code)},
                check=True, capture_output=True, text=True).stdout
            results[label] = [json.loads(line) for line in out.splitlines() if line]
    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", args.before],
                         check=True, capture_output=True, text=True).stdout.strip()
    print(f"{args.children} undated children, cap {args.cap}; run 0 reads all (warm-up); "
          f"before = {args.before} ({rev})")
    print("code   run  child requests (conditional)  sessions  http_cache  latest_documents  s")
    for label, rows in results.items():
        print(f"{label:6} code at {rows[0]['code']}")
        for r in rows[1:]:
            print(f"{label:6} {r['run']:3}  {r['children']:5} ({r['conditional']:5})"
                  f"{r['sessions']:21}{r['http_cache']:12}{r['latest_documents']:18}"
                  f"{r['seconds']:7.2f}")


if __name__ == "__main__":
    main()
