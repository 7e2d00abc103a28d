"""k52's stale-run drop reads every not-yet-started run of a deployment, not the first 200.

``drop_stale_runs`` read a deployment's scheduled runs with one ``read_flow_runs`` call,
which Prefect's server answers with at most ``PREFECT_SERVER_API_DEFAULT_LIMIT`` (200)
runs: runs missed while ``serve`` was stopped for long (a half-hourly source down for
five days has 240) past the first page kept the old ``--db``/``--sources`` and ran on
them at the next start (d53, as r52b found for deployments). Real Prefect server, real
``deploy --pool`` subprocess.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.cli_run import run_cli
from tests.site import PressSite
from tests.site.sources import write_sources_toml

MISSED = 230  # past the server's default page of 200


async def _make_missed_runs(deployment_id: Any, parameters: dict[str, Any]) -> None:
    """``MISSED`` runs scheduled in the past and never started, made with ``parameters``."""
    from prefect.client.orchestration import get_client
    from prefect.states import Scheduled

    start = datetime.now(UTC) - timedelta(days=5)
    async with get_client() as client:
        for i in range(MISSED):
            await client.create_flow_run_from_deployment(
                deployment_id, parameters=parameters,
                state=Scheduled(scheduled_time=start + timedelta(minutes=30 * i)))


async def _scheduled_runs(deployment_id: Any) -> list[Any]:
    """Every scheduled run of the deployment, read page by page."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        FlowRunFilter,
        FlowRunFilterDeploymentId,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType

    found: list[Any] = []
    async with get_client() as client:
        while True:
            page = await client.read_flow_runs(
                flow_run_filter=FlowRunFilter(
                    deployment_id=FlowRunFilterDeploymentId(any_=[deployment_id]),
                    state=FlowRunFilterState(type=FlowRunFilterStateType(
                        any_=[StateType.SCHEDULED]))),
                limit=100, offset=len(found))
            found += page
            if len(page) < 100:
                return found


@pytest.mark.slow
def test_deploy_drops_every_missed_run_made_for_another_warehouse(
        prefect_api: str, tmp_path: Path) -> None:
    from flows.deploy import build_deployments

    old_db, db = tmp_path / "old.duckdb", tmp_path / "w.duckdb"
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                     schedule="0 0 1 1 *")
        first = next(d for d in build_deployments(sources, old_db) if d.name == "belta")
        deployment_id = first.apply()
        asyncio.run(_make_missed_runs(deployment_id, dict(first.parameters)))
        assert len(asyncio.run(_scheduled_runs(deployment_id))) == MISSED
        result = run_cli("deploy", "--pool", "d53pool", "--sources", str(sources),
                         "--db", str(db), "--take-over", api=prefect_api)  # n54
        left = asyncio.run(_scheduled_runs(deployment_id))
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stderr.splitlines() if "ingest/belta" in x
                and "dropped" in x)
    assert f"dropped {MISSED} scheduled run(s)" in line, result.stderr
    stale = [r for r in left if r.parameters.get("db_path") == str(old_db)]
    assert not stale, f"{len(stale)} runs made for the old warehouse are still scheduled"
