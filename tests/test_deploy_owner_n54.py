"""Two projects on one Prefect server, one source name: the second is refused (n54).

Deployments are named by source alone (``ingest/belta``, ``ingest/all``, ``index/all``).
Two clones, or two sources files, or one file on two warehouses, sharing one Prefect
server (one ``PREFECT_API_URL``, or one ``$PREFECT_HOME``) and a source name shared its
deployment: the last ``deploy`` or ``serve`` registered ``ingest/belta`` for its own file
and warehouse and dropped the other's runs not yet started ("made for another sources
file"), with no word (k53r's new-user walk). Now the second is refused in one line naming
the deployment, the file and warehouse it belongs to and ``--take-over``, before anything
changes on the server; ``--take-over`` does what happened before; a restart with the
same file and warehouse (spelt relative from its folder) goes on. Real Prefect server,
real ``deploy`` and ``serve`` subprocesses.
"""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from tests.cli_run import run_cli
from tests.serve_run import serving
from tests.site import PressSite
from tests.site.sources import write_sources_toml

POOL = "n54pool"


def _project(site: PressSite, folder: Path) -> tuple[Path, Path]:
    """A clone's sources file (belta, on 1 January: it never fires here) and warehouse."""
    folder.mkdir()
    sources = write_sources_toml(site, folder / "sources.toml", names=("belta",),
                                 schedule="0 0 1 1 *")
    return sources, folder / "pressroom.duckdb"


async def _parameters(*names: str) -> dict[str, dict[str, Any]]:
    from prefect.client.orchestration import get_client

    async with get_client() as client:
        return {name: (await client.read_deployment_by_name(name)).parameters
                for name in names}


async def _late_run(name: str) -> UUID:
    """A run of ``name`` missed while nothing served it (due an hour ago, never started)."""
    from prefect.client.orchestration import get_client
    from prefect.states import Scheduled

    async with get_client() as client:
        deployment = await client.read_deployment_by_name(name)
        run = await client.create_flow_run_from_deployment(
            deployment.id, state=Scheduled(scheduled_time=datetime.now(UTC) - timedelta(hours=1)))
        return run.id


async def _state(run_id: UUID) -> str | None:
    """The run's state name, or None when it was deleted."""
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    async with get_client() as client:
        try:
            return (await client.read_flow_run(run_id)).state_name
        except ObjectNotFound:
            return None


def _deploy(sources: Path | str, db: Path | str, api: str, *extra: str,
            cwd: Path | None = None) -> Any:
    return run_cli("deploy", "--pool", POOL, "--sources", str(sources), "--db", str(db),
                   *extra, api=api, cwd=cwd)


@pytest.mark.slow
def test_deploy_of_another_file_is_refused_take_over_takes_it_a_restart_goes_on(
        prefect_api: str, tmp_path: Path) -> None:
    names = ("ingest/belta", "ingest/all", "index/all")
    with PressSite() as site:
        first, first_db = _project(site, tmp_path / "one")
        second, second_db = _project(site, tmp_path / "two")
        assert _deploy(first, first_db, prefect_api).returncode == 0
        late = asyncio.run(_late_run("ingest/belta"))
        refused = _deploy(second, second_db, prefect_api)
        kept = asyncio.run(_parameters(*names))
        kept_run = asyncio.run(_state(late))
        taken = _deploy(second, second_db, prefect_api, "--take-over")
        after = asyncio.run(_parameters(*names))
        dropped = asyncio.run(_state(late))
        again = _deploy("sources.toml", "pressroom.duckdb", prefect_api, cwd=second.parent)
    assert refused.returncode == 1, refused.stderr
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1, refused.stderr
    assert "ingest/belta" in lines[0] and str(first) in lines[0], lines[0]
    assert str(first_db) in lines[0] and "--take-over" in lines[0], lines[0]
    assert kept["ingest/belta"]["sources_file"] == str(first)
    assert kept["ingest/all"]["sources_file"] == str(first)
    assert {kept[name]["db_path"] for name in names} == {str(first_db)}
    assert kept_run == "Scheduled", "the first project's missed run was dropped"
    assert taken.returncode == 0, taken.stderr
    assert "dropped 1 scheduled run(s) of ingest/belta" in taken.stderr, taken.stderr
    assert after["ingest/belta"]["sources_file"] == str(second)
    assert {after[name]["db_path"] for name in names} == {str(second_db)}
    assert dropped is None
    assert again.returncode == 0, again.stderr
    assert "take-over" not in again.stderr and "dropped" not in again.stderr, again.stderr


@pytest.mark.slow
def test_serve_of_another_file_is_refused_and_takes_over_with_the_flag(
        prefect_api: str, tmp_path: Path) -> None:
    from flows.deploy import build_deployments

    env = {**os.environ, "PREFECT_API_URL": prefect_api,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    with PressSite() as site:
        first, first_db = _project(site, tmp_path / "one")
        second, second_db = _project(site, tmp_path / "two")
        for deployment in build_deployments(first, first_db):  # the first clone's serve
            deployment.apply()
        late = asyncio.run(_late_run("ingest/belta"))
        with serving(second, env, "--db", str(second_db)) as serve:
            line = serve.wait_for("ingest/belta")  # the refusal, or (before) its takeover
            assert "--take-over" in line and str(first) in line, line
            code = serve.proc.wait(timeout=60)
        kept = asyncio.run(_parameters("ingest/belta"))["ingest/belta"]
        kept_run = asyncio.run(_state(late))
        with serving(second, env, "--db", str(second_db), "--take-over") as serve:
            serve.wait_for("dropped 1 scheduled run(s) of ingest/belta")
            serve.wait_for("ingest/belta")  # Prefect's table of what it serves
            after = asyncio.run(_parameters("ingest/belta"))["ingest/belta"]
    assert code == 1
    assert "Traceback" not in "".join(serve.seen)
    assert kept["sources_file"] == str(first) and kept["db_path"] == str(first_db)
    assert kept_run == "Scheduled"
    assert after["sources_file"] == str(second) and after["db_path"] == str(second_db)
    assert asyncio.run(_state(late)) is None


def test_one_owner_for_every_spelling_of_a_file_and_no_password_printed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.owners import describe, owner

    (tmp_path / "w.duckdb").write_bytes(b"")
    (tmp_path / "link.duckdb").symlink_to("w.duckdb")
    monkeypatch.chdir(tmp_path)
    absolute = {"sources_file": str(tmp_path / "s.toml"), "db_path": str(tmp_path / "w.duckdb")}
    assert owner({"sources_file": "s.toml", "db_path": "link.duckdb"}) == owner(absolute)
    assert owner({**absolute, "db_path": str(tmp_path / "other.duckdb")}) != owner(absolute)
    assert owner({"db_path": "ducklake:meta.ducklake"}) == owner(
        {"db_path": f"ducklake:{tmp_path / 'meta.ducklake'}"})
    lake = {"db_path": "ducklake:postgres:dbname=news host=db user=news password=hunter2"}
    assert owner(lake) != owner({"db_path": "ducklake:postgres:dbname=other host=db"})
    assert "hunter2" not in describe(lake) and "dbname=news" in describe(lake)
