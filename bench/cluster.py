"""Cost of cluster politeness: the Prefect host slot taken before each request.

    uv run python bench/cluster.py --server http://127.0.0.1:4200/api [--requests 200]

``--server``: a running Prefect server (``prefect server start``). Rows, side by
side in one run:

- *uncontended*: one process takes a free host slot and gives it back,
  ``--requests`` times: the take is the time added before each request is sent;
  the give-back runs in the background in a real run.
- *one local page*: a GET of one page of the loopback press site, for scale.
- *contended*: two processes (separate clients, as on two hosts) each send
  ``--contended`` requests to one host with ``min_delay`` 0.2 s; the smallest
  gap between request starts, and the rate against the ideal ``1 / min_delay``.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HOST = "bench.invalid"


async def _pacer_times(n: int, delay: float) -> list[float]:
    """Start times of ``n`` paced requests (one process), after setting up the limit."""
    from prefect.client.orchestration import get_client

    from flows.concurrency import HostPacer, _upsert, host_limit

    await _upsert({host_limit(HOST): 0.0})
    async with get_client() as client:
        pacer = HostPacer({HOST: delay}, client)
        starts = []
        for _ in range(n):
            await pacer(HOST)
            starts.append(time.monotonic())
        await pacer.drain()
    return starts


async def _take_and_give(n: int) -> tuple[list[float], list[float]]:
    """Seconds of each take (on a free slot) and of each give-back, in sequence."""
    from uuid import UUID

    from prefect.client.orchestration import get_client

    from flows.concurrency import _upsert, host_limit

    await _upsert({host_limit(HOST): 0.0})
    takes, gives = [], []
    async with get_client() as client:
        for _ in range(n + 1):
            t0 = time.perf_counter()
            r = await client.increment_concurrency_slots_with_lease(
                names=[host_limit(HOST)], slots=1, mode="concurrency", lease_duration=60)
            t1 = time.perf_counter()
            await client.release_concurrency_slots_with_lease(
                lease_id=UUID(r.json()["lease_id"]))
            takes.append(t1 - t0)
            gives.append(time.perf_counter() - t1)
    return takes[1:], gives[1:]  # the first pays for the connection


def _local_page(n: int) -> float:
    import httpx

    from tests.site import PressSite

    with PressSite() as site, httpx.Client(trust_env=False) as client:
        client.get(site.url_for("/robots.txt"))
        t0 = time.perf_counter()
        for _ in range(n):
            client.get(site.url_for("/robots.txt"))
        return (time.perf_counter() - t0) / n


def _p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--contended", type=int, default=25)
    parser.add_argument("--child", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ["PREFECT_API_URL"] = args.server
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    if args.child:
        print(json.dumps(asyncio.run(_pacer_times(args.child, 0.2))))
        return
    load = os.getloadavg()
    takes, gives = asyncio.run(_take_and_give(args.requests))
    page = _local_page(args.requests)
    children = [subprocess.Popen([sys.executable, __file__, "--server", args.server,
                                  "--child", str(args.contended)], stdout=subprocess.PIPE,
                                 text=True) for _ in range(2)]
    merged = sorted(t for c in children for t in json.loads(c.communicate()[0]))
    gaps = [b - a for a, b in itertools.pairwise(merged)]
    rate = (len(merged) - 1) / (merged[-1] - merged[0])
    print(f"load average at start {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"take a free host slot (before each request): median "
          f"{statistics.median(takes) * 1000:.1f} ms, p95 {_p95(takes) * 1000:.1f} ms")
    print(f"give it back (in the background): median {statistics.median(gives) * 1000:.1f} ms, "
          f"p95 {_p95(gives) * 1000:.1f} ms")
    print(f"one loopback page (GET /robots.txt): {page * 1000:.2f} ms")
    print(f"contended, 2 processes x {args.contended} requests, min_delay 0.2 s: "
          f"smallest gap {min(gaps):.3f} s, median gap {statistics.median(gaps):.3f} s, "
          f"{rate:.2f} requests/s against 5.00 ideal")


if __name__ == "__main__":
    main()
