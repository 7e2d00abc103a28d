"""``serve`` restarted with another ``--db`` (or ``--sources``) runs nothing on the old one.

Prefect keeps a deployment's scheduled runs, each with the parameters the deployment had
when it was made; registering it again deletes only those still in the future. A run
missed while ``serve`` was stopped stayed, and the next ``serve`` ran it on the warehouse
and sources file of before: the README's "restart it after changing them" did not hold,
and a ``serve`` from another clone (its sources sharing a name, one ``$PREFECT_HOME``)
wrote the first clone's warehouse (k52, seen as a new user). Since n54 such a restart is
refused unless ``--take-over`` (tests/test_deploy_owner_n54.py); with it, the runs made
for the old ones are dropped, as here. Real Prefect server, real ``serve`` subprocess,
real loopback press site, real DuckDB files.
"""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest

from tests.serve_run import belta_articles, serving
from tests.site import PressSite
from tests.site import manifest as m
from tests.site.sources import write_sources_toml


async def _late_run(name: str) -> UUID:
    """A run of deployment ``name`` due five minutes ago that no one started (serve was
    stopped when it came due), made with the deployment's parameters of then."""
    from prefect.client.orchestration import get_client
    from prefect.states import Scheduled

    async with get_client() as client:
        deployment = await client.read_deployment_by_name(name)
        run = await client.create_flow_run_from_deployment(
            deployment.id, state=Scheduled(scheduled_time=datetime.now(UTC) - timedelta(minutes=5)))
        return run.id


async def _still_there(run_id: UUID) -> str | None:
    """The run's state name, or None when it was deleted."""
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    async with get_client() as client:
        try:
            run = await client.read_flow_run(run_id)
        except ObjectNotFound:
            return None
        return run.state_name


@pytest.mark.slow
def test_a_restart_on_another_warehouse_drops_runs_made_for_the_old_one(
        prefect_api: str, tmp_path: Path) -> None:
    from flows.deploy import build_deployments

    old_db, new_db = tmp_path / "old.duckdb", tmp_path / "new.duckdb"
    env = {**os.environ, "PREFECT_API_URL": prefect_api,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    with PressSite() as site:
        old_sources = write_sources_toml(site, tmp_path / "old.toml", names=("belta",),
                                         schedule="0 0 1 1 *")
        new_sources = write_sources_toml(site, tmp_path / "new.toml", names=("belta",),
                                         schedule="0 0 1 1 *")
        # What the first serve registered, and a run of it missed while serve was stopped.
        for deployment in build_deployments(old_sources, old_db):
            deployment.apply()
        stale = asyncio.run(_late_run("ingest/belta"))
        with serving(new_sources, env, "--db", str(new_db), "--take-over") as serve:
            serve.api = prefect_api
            serve.wait_for("dropped 1 scheduled run(s) of ingest/belta")  # after 'taking over'
            serve.wait_for("ingest/belta")
            run = serve.trigger("ingest/belta")
            assert run.returncode == 0, run.stdout + run.stderr
            left = asyncio.run(_still_there(stale))
    assert "Traceback" not in "".join(serve.seen)
    assert left is None, f"the run made for {old_db} is still there ({left})"
    assert any("dropped 1 scheduled run(s) of ingest/belta" in line for line in serve.seen)
    assert not old_db.exists(), "a run wrote the warehouse serve was given before"
    assert belta_articles(new_db) == len(m.storable("belta"))


@pytest.mark.slow
def test_deploy_on_another_warehouse_drops_runs_made_for_the_old_one(
        prefect_api: str, tmp_path: Path) -> None:
    """The same for ``deploy --pool``: a worker would take the late run with the old
    ``--db``; the run made with the current parameters is kept."""
    from tests.cli_run import run_cli

    old_db, new_db = tmp_path / "old.duckdb", tmp_path / "new.duckdb"
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                     schedule="0 0 1 1 *")
        first = run_cli("deploy", "--pool", "k52pool", "--sources", str(sources),
                        "--db", str(old_db), api=prefect_api)
        assert first.returncode == 0, first.stderr
        stale = asyncio.run(_late_run("ingest/belta"))
        again = run_cli("deploy", "--pool", "k52pool", "--sources", str(sources),
                        "--db", str(old_db), api=prefect_api)
        kept = asyncio.run(_still_there(stale))  # made with the parameters deployed now
        second = run_cli("deploy", "--pool", "k52pool", "--sources", str(sources),
                         "--db", str(new_db), "--take-over", api=prefect_api)
        left = asyncio.run(_still_there(stale))
    assert again.returncode == 0 and "dropped" not in again.stderr, again.stderr
    assert kept == "Scheduled"
    assert second.returncode == 0, second.stderr
    assert "dropped 1 scheduled run(s) of ingest/belta" in second.stderr, second.stderr
    assert left is None
