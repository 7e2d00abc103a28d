"""k52s: requests (conditional or not) and raw-archive growth over N runs of an unchanged
sitemap-index site, on a loopback server and a real DuckDB warehouse.

``NAMES`` (5th argument, comma-separated, v53): the runs take turns among sources of
these names, all listing the one index (sources sharing it); one source by default."""
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from tests.hostile.site import Site
from tests.hostile.sitemap_site import run_index, serve_index


def main():
    children, runs, etags = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "etag"
    cap = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    names = sys.argv[5].split(",") if len(sys.argv) > 5 else ["plain"]
    with tempfile.TemporaryDirectory() as tmp, Site() as site:
        serve_index(site, children, etags=etags)
        for run in range(1, runs + 1):
            site.hits.clear()
            site.conditional.clear()
            t = time.monotonic()
            name = names[(run - 1) % len(names)]
            run_index(site, Path(tmp), name, extra=f"max_child_sitemaps = {cap}\n")
            took = time.monotonic() - t
            child = sum(n for p, n in site.hits.items() if p.startswith("/sm/child-"))
            cond = sum(n for p, n in site.conditional.items() if p.startswith("/sm/child-"))
            with duckdb.connect(str(Path(tmp) / "x.duckdb"), read_only=True) as con:
                rows, size = con.execute("SELECT count(*), coalesce(sum(body_size),0) FROM pages "
                                         "WHERE url LIKE '%/sm/%'").fetchone()
            size_f = (Path(tmp) / "x.duckdb").stat().st_size
            print(f"run {run} ({name}): child requests {child}, conditional {cond}, index cond "
                  f"{site.conditional['/sm/index.xml']}/{site.hits['/sm/index.xml']}, "
                  f"sitemap rows in pages {rows} ({size} body bytes), file {size_f} B, "
                  f"{took:.2f} s")


if __name__ == "__main__":
    main()
