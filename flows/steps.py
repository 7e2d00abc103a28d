"""Cross-source steps as flows: the search index, built by one host at a time.

``pressroom deploy`` registers ``index/all`` with ``cluster=True``: the run
holds ``pressroom-step-index`` (:func:`flows.concurrency.cluster_step`), and a
second run triggered while one builds (or within a minute of one that ended without
giving the lease back), on any host, skips in one line instead of building the same
index twice. Story clusters need no step of their own:
they are assigned inside each batch's write transaction, which the warehouse's
single writer already serialises.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from prefect import flow, get_run_logger
from prefect.client.schemas.objects import State
from prefect.states import Completed

if TYPE_CHECKING:
    from warehouse.lake import Target


@flow(name="index", log_prints=False)
async def index_flow(
    db_path: str, lock_timeout: float = 60.0, cluster: bool = False,
    data_path: str | None = None,
) -> dict[str, object] | State[Any]:
    """Rebuild the sidecar search index of the warehouse (``pressroom index``);
    ``db_path`` and ``data_path`` as :func:`warehouse.lake.flow_parameters` gives them."""
    from flows.concurrency import cluster_step, lease_held
    from flows.flow_run_outage import bear_outages_in_flow_run
    from warehouse.lake import parse_target

    bear_outages_in_flow_run()  # in a flow run's own process (o57)
    db = parse_target(db_path, data_path)
    if not cluster:
        return await _build(db, lock_timeout)
    async with cluster_step("index") as mine:
        if not mine:
            # Whose run holds the step's lease is not known here (k56c; w56b for sources).
            message = f"skipped: {lease_held('the search index step')}"
            get_run_logger().info(message)
            return Completed(name="Skipped", message=message)
        return await _build(db, lock_timeout)


async def _build(db: Target, lock_timeout: float) -> dict[str, object]:
    from warehouse.search_index import build_index

    info = await asyncio.to_thread(build_index, db, lock_timeout=lock_timeout,
                                   warn=get_run_logger().warning)
    get_run_logger().info("indexed %d article versions in %.1f s", info.indexed_rows,
                          info.seconds)
    return {"indexed_rows": info.indexed_rows, "num_docs": info.num_docs,
            "seconds": round(info.seconds, 2)}
