"""A source taken out of the sources file loses its deployment at the next ``deploy``.

Prefect keeps a deployment until it is deleted: ``deploy`` (and ``serve``) registered
one per enabled source and never removed one, so a source taken out of the file kept
its schedule on the server, and a worker kept taking its runs (k52, left; d52). Only
deployments made for the same sources file and warehouse go: another clone's (its own
sources file, one ``$PREFECT_HOME``), or this file's on another warehouse, stay. Real
Prefect server, real ``deploy --pool`` subprocesses.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.cli_run import run_cli
from tests.site import PressSite
from tests.site.sources import write_sources_toml


def _guard(name: str, sources_file: Path, db: Path) -> None:
    """A scheduled ``ingest`` deployment made by someone else: another sources file, or
    this one on another warehouse."""
    from prefect.schedules import Cron

    from flows.ingest import ingest_flow

    ingest_flow.to_deployment(
        name=name, schedule=Cron("0 0 1 1 *"),
        parameters={"sources_file": str(sources_file.resolve()), "db_path": str(db),
                    "source_names": [name]}).apply()


async def _ingest_deployments() -> set[str]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName

    async with get_client() as client:
        found = await client.read_deployments(
            flow_filter=FlowFilter(name=FlowFilterName(any_=["ingest"])))
    return {d.name for d in found}


@pytest.mark.slow
def test_deploy_removes_the_deployment_of_a_source_taken_out_of_the_file(
        prefect_api: str, tmp_path: Path) -> None:
    db, other_db = tmp_path / "w.duckdb", tmp_path / "other.duckdb"
    (tmp_path / "clone").mkdir()
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta", "fixture"),
                                     schedule="0 0 1 1 *")
        other = write_sources_toml(site, tmp_path / "clone" / "s.toml", names=("belta",),
                                   schedule="0 0 1 1 *")
        _guard("d52-other-file", other, db)  # another clone's source, same warehouse
        _guard("d52-other-db", sources, other_db)  # this file, another warehouse
        first = run_cli("deploy", "--pool", "d52pool", "--sources", str(sources),
                        "--db", str(db), api=prefect_api)
        before = asyncio.run(_ingest_deployments())
        write_sources_toml(site, sources, names=("belta",), schedule="0 0 1 1 *")
        second = run_cli("deploy", "--pool", "d52pool", "--sources", str(sources),
                         "--db", str(db), api=prefect_api)
        after = asyncio.run(_ingest_deployments())
    assert first.returncode == 0, first.stderr
    assert "removed" not in first.stderr, first.stderr
    assert {"belta", "fixture", "all", "d52-other-file", "d52-other-db"} <= before
    assert second.returncode == 0, second.stderr
    assert "Traceback" not in second.stderr
    lines = [line for line in second.stderr.splitlines() if "removed" in line]
    assert len(lines) == 1 and "ingest/fixture" in lines[0], second.stderr
    assert "d52-other" not in lines[0]
    assert "fixture" not in after, "the removed source's deployment is still registered"
    assert {"belta", "all", "d52-other-file", "d52-other-db"} <= after


@pytest.mark.slow
def test_serve_removes_the_deployment_of_a_source_taken_out_of_the_file(
        prefect_api: str, tmp_path: Path) -> None:
    """The same for ``serve`` (restarted after the edit, as README says): its scheduled
    runs of the removed source would otherwise pile up, late, in the UI."""
    import os

    from flows.deploy import build_deployments
    from tests.serve_run import serving

    db = tmp_path / "w.duckdb"
    env = {**os.environ, "PREFECT_API_URL": prefect_api,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    (tmp_path / "clone").mkdir()
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta", "fixture"),
                                     schedule="0 0 1 1 *")
        other = write_sources_toml(site, tmp_path / "clone" / "s.toml", names=("belta",),
                                   schedule="0 0 1 1 *")
        for deployment in build_deployments(sources, db):  # what the first serve registered
            deployment.apply()
        _guard("d52-serve-other-file", other, db)
        write_sources_toml(site, sources, names=("belta",), schedule="0 0 1 1 *")
        with serving(sources, env, "--db", str(db)) as serve:
            serve.wait_for("ingest/belta")  # listed once the removal is done
            after = asyncio.run(_ingest_deployments())
    lines = [line for line in serve.seen if "removed" in line]
    assert len(lines) == 1 and "ingest/fixture" in lines[0], "".join(serve.seen)
    assert "Traceback" not in "".join(serve.seen)
    assert "fixture" not in after
    assert {"belta", "all", "d52-serve-other-file"} <= after
