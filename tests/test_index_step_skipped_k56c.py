"""A cluster run of the search-index step that finds the step's lease taken skips, and
says what is known: the lease is held by another run, one running now or one that ended
without giving it back (killed; its give-back unanswered: w56b), whose lease lapses.
Before (k56c): "skipped: another worker is building the search index", untrue in the
second case, as the source skip's line was before w56b.

Real parts: a real Prefect flow run of ``index`` against the session's test-harness
server, the lease held through ``flows.concurrency.cluster_step`` (what another run holds).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from flows.concurrency import cluster_step
from flows.steps import index_flow


def test_a_held_index_step_says_whose_lease_is_not_known(
    prefect_api: str, tmp_path: Path
) -> None:
    async def scenario() -> object:
        async with cluster_step("index") as mine:
            assert mine
            return await index_flow(db_path=str(tmp_path / "p.duckdb"), cluster=True,
                                    return_state=True)

    state = asyncio.run(scenario())
    assert getattr(state, "name", None) == "Skipped", state
    assert getattr(state, "message", None) == (
        "skipped: the cluster lease of the search index step is held by another run (one "
        "running now, or one that ended without giving it back: that lease lapses within "
        "60 s)"), state
