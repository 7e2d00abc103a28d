"""A parse worker's memory and CPU over many pages, never recycled.

    uv run python bench/worker_rss.py --pages 3000
    uv run python bench/worker_rss.py --starts 5

One spawned worker process, as :mod:`flows.parsepool` starts them but with no
``max_tasks_per_child``, parses ``--pages`` pages of the WCXB dev mix in the
order the pipeline benchmark serves them (``/p/<i>/`` is dev page ``i % 711``),
one page per task, through the pool's own task (``_parse_in_worker``). Printed every ``--every``
pages: the worker's current RSS (``VmRSS``), its peak (``ru_maxrss``) and its
CPU per page since the last line. This is what bounds ``TASKS_PER_WORKER``:
recycling exists to cap the heap a long-lived worker would grow.
``--starts N``: what one recycling costs, N times: the CPU of a fresh worker
(spawned with the pool's own initializer, reaped, ``RUSAGE_CHILDREN``) that
parses one page, against the CPU of a warm worker parsing that same page.
Data: WCXB (Murrough Foley, 2026), CC-BY-4.0.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flows.config import SourceConfig
    from flows.http_records import Fetched

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def stats() -> dict[str, float]:
    """In the worker: its current and peak RSS, and its CPU so far."""
    return {"rss_mb": _rss_kib() / 1024,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "cpu_s": time.process_time()}


def _page(pages: list[bytes], i: int) -> Fetched:
    from flows.http_records import Fetched

    url = f"http://127.0.0.1/p/{i}/"
    return Fetched(url=url, final_url=url, status=200,
                   headers={"content-type": "text/html; charset=utf-8"},
                   body=pages[i % len(pages)], fetched_at=datetime.now(UTC), elapsed_ms=1.0)


def timed_parse(fetched: Fetched, source: SourceConfig) -> float:
    """In a warm worker: CPU seconds of one page through the pool's task."""
    from flows.parsepool import _parse_in_worker

    c0 = time.process_time()
    _parse_in_worker(fetched, source, None)
    return time.process_time() - c0


def starts(count: int) -> None:
    """A fresh worker's start and first page against a warm worker's page, ``count`` times."""
    import os

    from bench.devsite import load_pages
    from flows.config import SourceConfig
    from flows.parsepool import _executor, _parse_in_worker

    pages, source = load_pages(), SourceConfig(name="dev")
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as warm:
        for i in range(20):  # warm it up on other pages
            warm.submit(_parse_in_worker, _page(pages, 100 + i), source, None).result()
        rows = []
        for k in range(count):
            page = _page(pages, k)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            fresh = _executor(1)
            fresh.submit(_parse_in_worker, page, source, None).result()
            fresh.shutdown(wait=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            fresh_s = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
            warm_s = warm.submit(timed_parse, page, source).result()
            rows.append(fresh_s - warm_s)
            print(json.dumps({"page": k, "fresh_worker_cpu_s": round(fresh_s, 3),
                              "warm_page_cpu_s": round(warm_s, 3),
                              "start_cost_s": round(fresh_s - warm_s, 3),
                              "load": round(os.getloadavg()[0], 1)}), flush=True)
    rows.sort()
    print(json.dumps({"median_start_cost_s": round(rows[len(rows) // 2], 3)}))


def main() -> None:
    """Run one worker through ``--pages`` pages; one JSON line per ``--every`` pages."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--every", type=int, default=100)
    parser.add_argument("--starts", type=int, default=0)
    args = parser.parse_args()
    if args.starts:
        starts(args.starts)
        return
    from bench.devsite import load_pages
    from flows.config import SourceConfig
    from flows.parsepool import _parse_in_worker

    pages, source = load_pages(), SourceConfig(name="dev")
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        last = pool.submit(stats).result()
        for i in range(args.pages):
            pool.submit(_parse_in_worker, _page(pages, i), source, None).result()
            if (i + 1) % args.every == 0:
                row = pool.submit(stats).result()
                print(json.dumps({"pages": i + 1, "rss_mb": round(row["rss_mb"], 1),
                                  "peak_mb": round(row["peak_mb"], 1),
                                  "cpu_ms_per_page": round(
                                      1000 * (row["cpu_s"] - last["cpu_s"]) / args.every, 1)}),
                      flush=True)
                last = row


if __name__ == "__main__":
    main()
