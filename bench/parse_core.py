"""The single-core parse rate, measured where and as a parse worker parses.

    uv run python bench/parse_core.py --rounds 3 [--pair]

One round: a fresh worker process, spawned as :mod:`flows.parsepool` spawns its
workers (``spawn`` context, the pool's initializer, the same imports), is warmed
up on ``WARM`` pages, then runs :func:`flows.parsepool.parse_fetched` (what a
worker runs per page, without the pool's pickling and pipes, which count against
the pipeline, not the parser) over the pipeline benchmark's page mix: every one
of the 711 dev pages once, as bench/devsite.py serves them (``/p/<i>/`` is dev
page ``i % 711``, ``charset=utf-8`` in the Content-Type, so the worker decodes
the body as in an ingest). Timed inside the worker: wall seconds (the rate) and
its CPU seconds (which other load on the machine moves least). Nothing else runs
in that round, so one process on one core: the issue's "single-core parse rate".

``--pair``: two such workers at once, started together; their summed rate is
what the machine's two cores parse side by side (shared caches, memory, the
hypervisor), against which ``cores x single-core`` can be read. Reported only.
Data: WCXB (Murrough Foley, 2026), CC-BY-4.0.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# Pages parsed untimed first in each fresh worker: lxml's and the parser's first
# calls (lazy imports, compiled patterns), which a worker living 2,000 pages pays once.
WARM = 30


def timed_pass(warm: int = WARM) -> dict[str, float]:
    """In the worker: warm up, then parse each dev page once; wall and CPU seconds."""
    from bench.devsite import load_pages
    from flows.config import SourceConfig
    from flows.discovery_records import Candidate
    from flows.http_records import Fetched
    from flows.parsepool import parse_fetched

    pages, source = load_pages(), SourceConfig(name="dev")
    now = datetime.now(UTC)
    work = []
    for i, body in enumerate(pages):
        url = f"http://127.0.0.1/p/{i}/"
        work.append((Fetched(url=url, final_url=url, status=200,
                             headers={"content-type": "text/html; charset=utf-8"},
                             body=body, fetched_at=now, elapsed_ms=1.0), Candidate(url=url)))
    for fetched, candidate in work[-warm:]:
        parse_fetched(fetched, source, candidate)
    w0, c0 = time.perf_counter(), time.process_time()
    for fetched, candidate in work:
        parse_fetched(fetched, source, candidate)
    return {"pages": len(work), "wall_s": time.perf_counter() - w0,
            "cpu_s": time.process_time() - c0}


def _pool(workers: int) -> ProcessPoolExecutor:
    from flows.parsepool import _watch_parent

    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"),
                               initializer=_watch_parent, initargs=(os.getpid(),))


def cpu_times() -> list[int]:
    """The machine's CPU time counters from /proc/stat (user ... steal), in ticks."""
    return [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]


def one_round() -> dict[str, float]:
    """One fresh worker alone: its pages/s by wall clock and by its own CPU, with the
    load before it and the share of the machine's time the hypervisor took (steal)
    and that was idle while it ran (on 2 CPUs, ~0.5 idle means nothing else ran)."""
    load = os.getloadavg()[0]
    before = cpu_times()
    with _pool(1) as pool:
        row = pool.submit(timed_pass).result()
    spent = [b - a for a, b in zip(before, cpu_times(), strict=True)]
    total = max(1, sum(spent))
    return {"pps": round(row["pages"] / row["wall_s"], 1),
            "cpu_pps": round(row["pages"] / row["cpu_s"], 1),
            "load_before": round(load, 2), "idle_share": round(spent[3] / total, 3),
            "steal_share": round(spent[7] / total, 3)}


def pair_round() -> dict[str, object]:
    """Two fresh workers at once; each one's pages/s and their sum."""
    with _pool(2) as pool:
        from concurrent.futures import wait

        # Both start their processes before either times (the pool starts its
        # processes on demand, so warm both with a trivial task first).
        wait([pool.submit(os.getpid) for _ in range(4)])
        rows = [f.result() for f in [pool.submit(timed_pass) for _ in range(2)]]
    each = [r["pages"] / r["wall_s"] for r in rows]
    return {"pps_each": [round(x, 1) for x in each], "pps_sum": round(sum(each), 1),
            "cpu_pps_each": [round(r["pages"] / r["cpu_s"], 1) for r in rows]}


def median_pps(rounds: list[dict[str, float]], key: str = "pps") -> float:
    """Median of one rate over rounds."""
    return round(statistics.median(r[key] for r in rounds), 1)


def main() -> None:
    """Print each round and the medians as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pair", action="store_true")
    args = parser.parse_args()
    rounds = []
    for _ in range(args.rounds):
        rounds.append(one_round())
        print(json.dumps(rounds[-1]), file=sys.stderr, flush=True)
    out: dict[str, object] = {"rounds": rounds, "median_pps": median_pps(rounds),
                              "median_cpu_pps": median_pps(rounds, "cpu_pps")}
    if args.pair:
        out["pair"] = pair_round()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
