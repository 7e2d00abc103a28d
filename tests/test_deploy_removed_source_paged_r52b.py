"""d52's removal reads every registered ``ingest`` deployment, not the server's first page.

Prefect's server answers ``read_deployments`` with at most
``PREFECT_SERVER_API_DEFAULT_LIMIT`` (200) deployments when no limit is given: on a
sources file of more sources, the removed sources whose deployments sorted past the
first page kept their schedules, though README says ``deploy``/``serve`` delete them
(r52b). Real Prefect server, real ``deploy --pool`` subprocess (r53: it was a fake client
with the server's paging written into the test, which could not see how the server
really pages).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from tests.cli_run import run_cli
from tests.site import PressSite
from tests.site.sources import write_sources_toml
from tests.test_deploy_disabled_source_d53 import _state

REMOVED = 205  # past the server's default page of 200


async def _register_removed(parameters: dict[str, Any]) -> None:
    """``REMOVED`` ``ingest`` deployments made for ``parameters``' sources file and
    warehouse, of sources no longer in it (as a file cut from 206 sources to one leaves)."""
    from prefect.client.orchestration import get_client

    from flows.ingest import ingest_flow

    async with get_client() as client:
        flow_id = await client.create_flow_from_name(ingest_flow.name)
        for i in range(REMOVED):
            name = f"r52b-gone-{i:03d}"
            await client.create_deployment(
                flow_id, name, parameters={**parameters, "source_names": [name]})


def _removed_left() -> list[str]:
    """The removed sources' deployments still registered (d53's paged read; other tests
    share the server, and ``ingest/belta`` with it, so only these are counted)."""
    return sorted(n for n in asyncio.run(_state()) if n.startswith("r52b-gone-"))


@pytest.mark.slow
def test_removed_sources_past_the_servers_first_page_are_deleted(
        prefect_api: str, tmp_path: Path) -> None:
    from flows.deploy import build_deployments

    db = tmp_path / "w.duckdb"
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                     schedule="0 0 1 1 *")
        belta = next(d for d in build_deployments(sources, db) if d.name == "belta")
        asyncio.run(_register_removed(dict(belta.parameters)))
        assert len(_removed_left()) == REMOVED
        result = run_cli("deploy", "--pool", "r52bpool", "--sources", str(sources),
                         "--db", str(db), api=prefect_api)
        left = _removed_left()
        kept = asyncio.run(_state()).get("belta")
    assert result.returncode == 0, result.stderr
    assert f"removed {REMOVED} deployment(s)" in result.stderr, result.stderr
    assert not left, f"{len(left)} removed sources' deployments are left"
    assert kept is not None and kept.parameters["db_path"] == belta.parameters["db_path"]
