"""A ``serve`` runs only its own project's runs (o55).

Since n54 a second project's ``serve`` or ``deploy`` is refused a deployment of the same
name (``ingest/belta``) unless ``--take-over``. But the first project's ``serve``, still
running, went on polling the same deployment ids and started their runs, now made with
the second project's parameters: on one machine it wrote the second's warehouse; in
another container or host it writes a file the second never reads (its articles lost to
it), or fails. Now each run a ``serve`` starts carries that serve's sources file and
warehouse (its environment) and refuses, in one line and before writing anything, a run
made for another; and a ``serve`` whose deployments were taken over says so in one line
and stops (exit 1), so the new owner's runs are its own serve's. Real Prefect server, two
projects in two folders, real ``serve`` and ``deploy`` subprocesses, real runs.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import pytest

from tests.serve_run import belta_articles, serving
from tests.site import PressSite
from tests.site.sources import write_sources_toml


def _project(site: PressSite, folder: Path) -> tuple[Path, Path]:
    """A project's sources file (belta, on 1 January: it never fires here) and warehouse."""
    folder.mkdir()
    sources = write_sources_toml(site, folder / "sources.toml", names=("belta",),
                                 schedule="0 0 1 1 *")
    return sources, folder / "pressroom.duckdb"


def _env(api: str) -> dict[str, str]:
    return {**os.environ, "PREFECT_API_URL": api, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


async def _last_run(deployment: str) -> Any:
    """The newest flow run of ``deployment``."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId
    from prefect.client.schemas.sorting import FlowRunSort

    async with get_client() as client:
        found = await client.read_deployment_by_name(deployment)
        runs = await client.read_flow_runs(
            deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[found.id])),
            sort=FlowRunSort.EXPECTED_START_TIME_DESC, limit=1)
        return runs[0]


@pytest.mark.slow
def test_a_serve_refuses_a_run_made_for_another_warehouse(
        prefect_api: str, tmp_path: Path) -> None:
    with PressSite() as site:
        first, first_db = _project(site, tmp_path / "one")
        second, second_db = _project(site, tmp_path / "two")
        with serving(first, _env(prefect_api), "--db", str(first_db)) as serve:
            serve.api = prefect_api
            serve.wait_for("ingest/belta")  # Prefect's table of what it serves
            done = serve.trigger("ingest/belta", f"sources_file={second}",
                                 f"db_path={second_db}")
            run = asyncio.run(_last_run("ingest/belta"))
            still_serving = serve.proc.poll() is None
    assert run.parameters["db_path"] == str(second_db), run.parameters
    assert run.state_name == "Failed", (run.state_name, done.stdout, done.stderr)
    message = run.state.message
    assert message.count("\n") == 0 and "Traceback" not in message, message
    assert message.startswith("DeploymentTaken: "), message
    assert str(second_db) in message and str(first_db) in message, message
    assert not second_db.exists(), "the other project's warehouse was written"
    assert not first_db.exists()
    assert still_serving, "serve stopped on a run that was not its own"


@pytest.mark.slow
def test_a_serve_whose_deployments_are_taken_over_says_so_and_stops(
        prefect_api: str, tmp_path: Path) -> None:
    env = _env(prefect_api)
    with PressSite() as site:
        first, first_db = _project(site, tmp_path / "one")
        second, second_db = _project(site, tmp_path / "two")
        with serving(first, env, "--db", str(first_db)) as old:
            old.wait_for("ingest/belta")
            with serving(second, env, "--db", str(second_db), "--take-over") as new:
                new.api = prefect_api
                new.wait_for("taking over ingest/belta")
                line = old.wait_for("taken over")
                code = old.proc.wait(timeout=90)
                new.wait_for("ingest/belta")  # its table: serving
                done = new.trigger("ingest/belta")
                run = asyncio.run(_last_run("ingest/belta"))
    assert code == 1, "".join(old.seen)
    # B's serve registers its deployments one by one: the first read may see one taken.
    assert line.startswith("pressroom: ingest/") and " now belong(s) to " in line, line
    assert str(second) in line and str(second_db) in line and str(first) in line, line
    assert "Traceback" not in "".join(old.seen)
    assert run.state_name == "Completed", (run.state_name, done.stdout, done.stderr)
    assert run.parameters["db_path"] == str(second_db)
    assert belta_articles(second_db) > 0
    assert not first_db.exists(), "the taken-over project's run wrote the old warehouse"
