"""A disabled source's deployment is paused; with every source disabled too (d53).

d52 deleted the deployments of sources no longer deployed, but ``deploy`` refused a
sources file whose every source is disabled before it reached the server ("no enabled
source to deploy"), and ``serve`` went on serving the manual ``ingest/all`` alone: the
deployments of the sources disabled (or taken out) kept their schedules, and a worker
kept taking their runs. ``enabled = false`` is a switch flipped back, so its deployment
is paused, not deleted (its page and history stay in the UI; enabling the source again
and the next ``deploy`` or ``serve`` resume it), and its runs not yet started are
dropped: a worker takes a paused deployment's late runs. A source taken out of the file
is still deleted. A file that lists no source at all is refused, the server untouched:
that is what a save cut short leaves. Real Prefect server, real CLI subprocesses.
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


def _disable(sources: Path, *names: str) -> None:
    text = sources.read_text(encoding="utf-8")
    for name in names:
        text = text.replace(f'name = "{name}"\n', f'name = "{name}"\nenabled = false\n')
    sources.write_text(text, encoding="utf-8")


async def _state() -> dict[str, Any]:
    """name -> the registered ``ingest`` deployment (paged: the shared server has many)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName

    found: list[Any] = []
    async with get_client() as client:
        while True:
            page = await client.read_deployments(
                flow_filter=FlowFilter(name=FlowFilterName(any_=["ingest"])),
                limit=200, offset=len(found))
            found += page
            if len(page) < 200:
                break
    return {d.name: d for d in found}


async def _late_run(deployment_id: Any) -> Any:
    """A run missed while nothing served it: scheduled an hour ago, never started."""
    from prefect.client.orchestration import get_client
    from prefect.states import Scheduled

    async with get_client() as client:
        run = await client.create_flow_run_from_deployment(
            deployment_id, state=Scheduled(scheduled_time=datetime.now(UTC) - timedelta(hours=1)))
    return run.id


async def _exists(run_id: Any) -> bool:
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    async with get_client() as client:
        try:
            await client.read_flow_run(run_id)
        except ObjectNotFound:
            return False
    return True


def _deploy(sources: Path, db: Path, api: str) -> Any:
    return run_cli("deploy", "--pool", "d53pool", "--sources", str(sources), "--db", str(db),
                   api=api)


@pytest.mark.slow
def test_deploy_pauses_every_disabled_source_and_resumes_it_when_enabled(
        prefect_api: str, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta", "fixture"),
                                     schedule="0 0 1 1 *")
        first = _deploy(sources, db, prefect_api)
        assert first.returncode == 0, first.stderr
        late = asyncio.run(_late_run(asyncio.run(_state())["fixture"].id))
        _disable(sources, "belta", "fixture")
        off = _deploy(sources, db, prefect_api)
        paused = asyncio.run(_state())
        late_left = asyncio.run(_exists(late))
        write_sources_toml(site, sources, names=("belta", "fixture"), schedule="0 0 1 1 *")
        _disable(sources, "fixture")
        on = _deploy(sources, db, prefect_api)
        resumed = asyncio.run(_state())
    assert "Traceback" not in off.stderr + on.stderr
    assert off.returncode == 0, off.stderr
    line = [x for x in off.stderr.splitlines() if "paused" in x]
    assert len(line) == 1 and "ingest/belta" in line[0] and "ingest/fixture" in line[0], (
        off.stderr)
    assert "no enabled source" in off.stderr, off.stderr
    assert paused["belta"].paused and paused["fixture"].paused, "still scheduled"
    assert not late_left, "the disabled source's late run is still there for a worker"
    assert on.returncode == 0, on.stderr
    assert not resumed["belta"].paused, "enabled again, still paused"
    assert resumed["fixture"].paused
    assert "ingest/belta" not in "".join(x for x in on.stderr.splitlines() if "paused" in x)


@pytest.mark.slow
def test_deploy_pauses_a_disabled_source_and_deletes_one_taken_out(
        prefect_api: str, tmp_path: Path) -> None:
    db = tmp_path / "w2.duckdb"
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta", "fixture"),
                                     schedule="0 0 1 1 *")
        assert _deploy(sources, db, prefect_api).returncode == 0
        _disable(sources, "fixture")
        second = _deploy(sources, db, prefect_api)
        after = asyncio.run(_state())
    assert second.returncode == 0, second.stderr
    assert "fixture" in after and after["fixture"].paused, "deleted, not paused"
    assert not after["belta"].paused
    assert "removed" not in second.stderr, second.stderr


@pytest.mark.slow
def test_a_file_listing_no_source_is_refused_and_the_server_left_alone(
        prefect_api: str, tmp_path: Path) -> None:
    """Held on main: an empty file is what a save cut short leaves."""
    db = tmp_path / "w3.duckdb"
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                     schedule="0 0 1 1 *")
        assert _deploy(sources, db, prefect_api).returncode == 0
        before = asyncio.run(_state())["belta"]
        sources.write_text("", encoding="utf-8")
        empty = _deploy(sources, db, prefect_api)
        after = asyncio.run(_state())
    assert empty.returncode != 0
    assert empty.stderr.strip().count("\n") == 0 and "no [[source]]" in empty.stderr, (
        empty.stderr)
    assert "belta" in after and not after["belta"].paused
    assert after["belta"].id == before.id


@pytest.mark.slow
def test_serve_with_every_source_disabled_pauses_them_and_stops(
        prefect_api: str, tmp_path: Path) -> None:
    """``serve`` served the manual ``ingest/all`` alone, forever, the disabled sources'
    schedules left running on the server."""
    from flows.deploy import build_deployments

    db = tmp_path / "w4.duckdb"
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta", "fixture"),
                                     schedule="0 0 1 1 *")
        for deployment in build_deployments(sources, db):  # what the first serve registered
            deployment.apply()
        _disable(sources, "belta", "fixture")
        done = run_cli("serve", "--sources", str(sources), "--db", str(db), api=prefect_api,
                       timeout=150)
        after = asyncio.run(_state())
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "no enabled source" in done.stderr and "nothing to serve" in done.stderr, (
        done.stderr)
    assert after["belta"].paused and after["fixture"].paused
