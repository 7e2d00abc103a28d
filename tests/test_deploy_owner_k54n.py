"""n54's owner check (flows/owners.py) attacked as an unlucky night would (k54n).

``serve`` and ``deploy`` read the registered deployment of every name they are about to
register and compare its ``sources_file``, ``db_path`` and ``data_path`` with theirs
(refused in one line unless ``--take-over``); they also read every ``ingest`` deployment on
the server to retire their own. Here the server holds what n54 did not meet: another
tool's flow also called ``ingest`` whose parameters are not paths (a list, a number:
``owner`` raised TypeError, a traceback, so no ``deploy`` or ``serve`` could start on that
server), names held by two other projects at once (the refusal said every one was the
first's), a lake restarted without ``--data-path`` (the lake holds its own; refused as
another project's), and a take-over while the other project's ``serve`` still runs (it ran
the taker's runs; since o55 it refuses them and stops). Real Prefect server, real
``deploy`` and ``serve`` subprocesses, real loopback press site and DuckDB files.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import pytest

from tests.cli_run import run_cli
from tests.serve_run import serving
from tests.site import PressSite
from tests.test_deploy_owner_n54 import POOL, _late_run, _parameters, _project, _state


async def _other_tools_ingest(deployments: dict[str, dict[str, Any]]) -> None:
    """Deployments of another tool's flow that is also called ``ingest``, by hand."""
    from prefect.client.orchestration import get_client

    async with get_client() as client:
        flow_id = await client.create_flow_from_name("ingest")
        for name, parameters in deployments.items():
            await client.create_deployment(flow_id=flow_id, name=name, parameters=parameters)


def _deploy(sources: Path, db: Path, api: str, *extra: str) -> Any:
    return run_cli("deploy", "--pool", POOL, "--sources", str(sources), "--db", str(db),
                   *extra, api=api)


@pytest.mark.slow
def test_another_tools_ingest_deployments_with_parameters_not_paths_are_another_owner(
        prefect_api: str, tmp_path: Path) -> None:
    asyncio.run(_other_tools_ingest({
        "all": {"sources_file": ["a.csv", "b.csv"], "db_path": 7},
        "nightly": {"sources_file": ["x.csv"], "data_path": {"bucket": "b"}},
    }))
    with PressSite() as site:
        sources, db = _project(site, tmp_path / "news")
        refused = _deploy(sources, db, prefect_api)
        taken = _deploy(sources, db, prefect_api, "--take-over")
        theirs = asyncio.run(_parameters("ingest/nightly"))["ingest/nightly"]
    assert refused.returncode == 1, refused.stderr
    assert "Traceback" not in refused.stderr, refused.stderr
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "ingest/all" in lines[0] and "--take-over" in lines[0], lines
    assert "ingest/belta" not in lines[0], lines[0]
    assert taken.returncode == 0, taken.stderr
    assert "Traceback" not in taken.stderr, taken.stderr
    # Retiring this file's deployments read it, and left it: it is not this file's.
    assert theirs == {"sources_file": ["x.csv"], "data_path": {"bucket": "b"}}


@pytest.mark.slow
def test_names_held_by_two_other_projects_are_each_said_with_its_own_owner(
        prefect_api: str, tmp_path: Path) -> None:
    from flows.deploy import build_deployments

    with PressSite() as site:
        first, first_db = _project(site, tmp_path / "one")
        second, second_db = _project(site, tmp_path / "two")
        third, third_db = _project(site, tmp_path / "three")
        for deployment in build_deployments(first, first_db):  # ingest/belta, ingest/all
            deployment.apply()
        for deployment in build_deployments(second, second_db):
            if deployment.name == "all":  # the second took ingest/all over (serve)
                deployment.apply()
        refused = _deploy(third, third_db, prefect_api)
        taken = _deploy(third, third_db, prefect_api, "--take-over")
    assert refused.returncode == 1, refused.stderr
    (line,) = refused.stderr.strip().splitlines()
    assert f"ingest/belta on this Prefect server belong(s) to sources file {first} " in line
    assert f"ingest/all belong(s) to sources file {second} and warehouse {second_db}" in line
    assert taken.returncode == 0, taken.stderr
    assert f"taking over ingest/belta from sources file {first} " in taken.stderr
    assert f"ingest/all from sources file {second} " in taken.stderr, taken.stderr


@pytest.mark.slow
def test_a_lake_restarted_without_its_data_path_is_the_same_owner(
        prefect_api: str, tmp_path: Path) -> None:
    """A lake is its catalog: ``--data-path`` may be left out once the lake exists (its
    catalog holds the path, and refuses another one: 'give that, or leave --data-path
    out'); ``ingest`` runs so. ``deploy`` without it was refused as another project's, and
    ``--take-over`` would have dropped the missed runs, which write the same lake."""
    lake = f"ducklake:{tmp_path / 'news' / 'meta.ducklake'}"
    with PressSite() as site:
        sources, _ = _project(site, tmp_path / "news")
        first = run_cli("deploy", "--pool", POOL, "--sources", str(sources), "--db", lake,
                        "--data-path", str(tmp_path / "news" / "lake"), api=prefect_api)
        again = run_cli("deploy", "--pool", POOL, "--sources", str(sources), "--db", lake,
                        api=prefect_api)
        other = run_cli("deploy", "--pool", POOL, "--sources", str(sources), "--db",
                        f"ducklake:{tmp_path / 'other.ducklake'}", api=prefect_api)
    assert first.returncode == 0, first.stderr
    assert again.returncode == 0, again.stderr
    assert "take-over" not in again.stderr and "dropped" not in again.stderr, again.stderr
    assert other.returncode == 1 and "--take-over" in other.stderr, other.stderr


@pytest.mark.slow
def test_a_take_over_while_the_other_serve_runs_is_not_run_by_that_serve(
        prefect_api: str, tmp_path: Path) -> None:
    """The other project's ``serve`` still polls the deployment (same id). k54n held that
    it started the taker's runs, which wrote the taker's warehouse from its process (on
    another host, a file the taker never reads). Since o55 it runs none of them: a run
    it takes before it notices is refused before writing anything, and it stops, exit 1,
    in one line. No worker serves the pool here: nothing runs the taker's run."""
    env = {**os.environ, "PREFECT_API_URL": prefect_api,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    with PressSite() as site:
        first, first_db = _project(site, tmp_path / "one")
        second, second_db = _project(site, tmp_path / "two")
        with serving(first, env, "--db", str(first_db)) as serve:
            serve.wait_for("ingest/belta")  # Prefect's table of what it serves
            taken = _deploy(second, second_db, prefect_api, "--take-over")
            run = asyncio.run(_late_run("ingest/belta"))  # due now: the serve may take it
            line = serve.wait_for("taken over")
            code = serve.proc.wait(timeout=90)
        state = asyncio.run(_state(run))
    assert taken.returncode == 0, taken.stderr
    assert f"taking over ingest/belta, ingest/all from sources file {first} " in taken.stderr
    assert code == 1 and str(second_db) in line, line
    assert state != "Completed", "the taken-over project's serve ran the taker's run"
    assert not first_db.exists() and not second_db.exists(), "a run was done by that serve"
    assert "Traceback" not in "".join(serve.seen)


def test_a_sources_file_moved_away_is_said_to_be_gone(tmp_path: Path) -> None:
    """A sources file moved or renamed: the refusal names the old path; it now says the
    file is not there, so the way on (``--take-over``) is plain, not 'another project'."""
    from flows.owners import describe

    old = tmp_path / "sources.toml"
    old.write_text("")
    parameters = {"sources_file": str(old), "db_path": str(tmp_path / "w.duckdb")}
    assert "no such file" not in describe(parameters)
    old.rename(tmp_path / "news.toml")
    assert describe(parameters).startswith(f"sources file {old} (no such file here) and ")
    assert "no such file" not in describe({"db_path": str(tmp_path / "gone.duckdb")})
