"""``pressroom worker --pool NAME``: run the pool's flow runs on this host.

A Prefect process worker: it polls the server at ``PREFECT_API_URL`` for runs
of the pool's deployments (``pressroom deploy``) and starts each in a child
process. Any number of hosts may run one; the cluster limits
(:mod:`flows.concurrency`) keep them from running one source twice or
crowding one site. Stops cleanly on Ctrl-C and SIGTERM.
"""

from __future__ import annotations

import asyncio
import sys

from flows.deploy import api_url, read_pool
from pressroom.errors import ConfigError
from pressroom.interrupts import stop_on_interrupts


def worker(pool: str, *, name: str | None = None, limit: int | None = None) -> int:
    """Check the server and the pool, then work until stopped."""
    url = api_url()
    if asyncio.run(read_pool(pool)) is None:
        raise ConfigError(f"unknown work pool {pool!r} at {url}; "
                          f"create it with `pressroom deploy --pool {pool}`")
    stop_on_interrupts()  # g55: its own raised on every SIGTERM, and lost some in a gc
    print(f"pressroom: worker polling pool {pool!r} at {url}", file=sys.stderr, flush=True)
    try:
        asyncio.run(_work(pool, name, limit))
    except KeyboardInterrupt:
        print("pressroom: worker stopped", file=sys.stderr)
    return 0


async def _work(pool: str, name: str | None, limit: int | None) -> None:
    from prefect.workers.process import ProcessWorker

    async with ProcessWorker(work_pool_name=pool, name=name, limit=limit,
                             create_pool_if_not_found=False) as process_worker:
        await process_worker.start()
