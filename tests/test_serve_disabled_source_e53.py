"""A source disabled (or taken out) while ``serve`` runs: its deployment's runs skip it (e53).

README: "Each run reads the sources file again, so an edit takes effect at the next run
without restarting ``serve``". It did not hold for ``enabled = false``: each source's
deployment names its source (``source_names``), and a run naming a source ran it, enabled
or not, until ``serve`` (or ``deploy``) was started again and paused the deployment (d53).
A source taken out of the file failed its runs instead (unknown source). A run started
from a deployment (its schedule, or ``prefect deployment run``) now does nothing for a
source the file disables or no longer lists, says so in one line (its state's message and
log) and completes; ``pressroom ingest --source NAME`` of a disabled source still runs it
(README: "a run you start by hand ... as ``ingest --source`` does"). Real Prefect server,
real ``serve`` and CLI subprocesses, real loopback press site, real DuckDB files.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.cli_run import run_cli
from tests.reliability.test_retry_schedule import rows
from tests.serve_run import Serve, serving
from tests.site import PressSite
from tests.site import manifest as m
from tests.site.sources import write_sources_toml


def _disable(sources: Path, name: str) -> None:
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace(f'name = "{name}"\n', f'name = "{name}"\nenabled = false\n'),
                       encoding="utf-8")


def _belta_paths() -> set[str]:
    """Every path of the press site that a run of belta asks for."""
    spec = m.source("belta")
    return {*spec.feeds, *(listing.path for listing in spec.listings),
            *(article.path for article in m.for_source("belta"))}


def _asked_for_belta(site: PressSite) -> list[str]:
    belta = _belta_paths()
    return [raw for _, raw, _ in site.requests if raw.split("?", 1)[0] in belta]


async def _last_run(name: str) -> Any:
    """The newest flow run of deployment ``name`` (the one just triggered and watched)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId
    from prefect.client.schemas.sorting import FlowRunSort

    async with get_client() as client:
        deployment = await client.read_deployment_by_name(name)
        (run,) = await client.read_flow_runs(
            deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment.id])),
            sort=FlowRunSort.EXPECTED_START_TIME_DESC, limit=1)
        return run


def _belta_articles(db: Path) -> int:
    if not db.exists():
        return 0
    ((count,),) = rows(db, "SELECT count(*) FROM articles WHERE source = 'belta'")
    assert isinstance(count, int)
    return count


def _serve_env(api: str) -> dict[str, str]:
    return {**os.environ, "PREFECT_API_URL": api, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


@contextmanager
def belta_and_fixture_served(
        api: str, tmp_path: Path, wait: str = "ingest/belta",
) -> Iterator[tuple[PressSite, Path, Serve, Path]]:
    """The press site, a sources file of belta and fixture (a schedule that never fires
    during a test), ``serve`` of it against ``api`` once ``wait`` is registered, and the
    warehouse path: (site, sources, serve, db)."""
    db = tmp_path / "w.duckdb"
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta", "fixture"),
                                     schedule="0 0 1 1 *")
        with serving(sources, _serve_env(api), "--db", str(db)) as serve:
            serve.api = api
            serve.wait_for(wait)
            yield site, sources, serve, db


def _skipped_run(serve: Serve, site: PressSite) -> Any:
    """Trigger ``ingest/belta`` and return its run; nothing of belta may be asked for."""
    site.clear_requests()
    done = serve.trigger("ingest/belta")
    assert done.returncode == 0, done.stdout + done.stderr
    asked = _asked_for_belta(site)
    assert not asked, f"the run fetched belta: {asked[:5]}"
    return asyncio.run(_last_run("ingest/belta"))


def _says_skipped(run: Any, why: str) -> None:
    message = run.state.message or ""
    assert run.state.type.value == "COMPLETED", (run.state.type, message)
    assert run.state.name == "Skipped", (run.state.name, message)
    assert "\n" not in message and "source belta skipped" in message and why in message, (
        message)


@pytest.mark.slow
def test_a_source_disabled_or_taken_out_while_serve_runs_is_skipped_by_its_deployment(
        prefect_api: str, tmp_path: Path) -> None:
    with belta_and_fixture_served(prefect_api, tmp_path) as (site, sources, serve, db):
        _disable(sources, "belta")
        disabled = _skipped_run(serve, site)
        write_sources_toml(site, sources, names=("fixture",), schedule="0 0 1 1 *")
        taken_out = _skipped_run(serve, site)
    assert "Traceback" not in "".join(serve.seen)
    _says_skipped(disabled, "disabled")
    _says_skipped(taken_out, "no longer")
    assert _belta_articles(db) == 0


@pytest.mark.slow
def test_the_all_deployment_runs_only_the_sources_enabled_at_its_run(
        prefect_api: str, tmp_path: Path) -> None:
    """``ingest/all`` names no source: it reads the enabled ones at run time (held)."""
    with belta_and_fixture_served(prefect_api, tmp_path) as (site, sources, serve, db):
        _disable(sources, "belta")
        site.clear_requests()
        done = serve.trigger("ingest/all")
        asked = _asked_for_belta(site)
        fixture_asked = [raw for _, raw, _ in site.requests if raw in m.source("fixture").feeds]
    assert done.returncode == 0, done.stdout + done.stderr
    assert not asked, f"ingest/all fetched the disabled belta: {asked[:5]}"
    assert fixture_asked, "ingest/all did not run the enabled fixture"
    assert _belta_articles(db) == 0


@pytest.mark.slow
def test_ingest_source_of_a_disabled_source_still_runs_it(
        prefect_api: str, tmp_path: Path) -> None:
    """The user's explicit ``pressroom ingest --source NAME`` is not a deployment's run:
    a disabled source is ingested as before (held)."""
    db = tmp_path / "cli.duckdb"
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta", "fixture"),
                                     schedule="0 0 1 1 *")
        _disable(sources, "belta")
        done = run_cli("ingest", "--source", "belta", "--sources", str(sources), "--db", str(db),
                       api=prefect_api)
    assert done.returncode == 0, done.stderr
    assert "skipped" not in done.stderr, done.stderr
    assert _belta_articles(db) == len(m.storable("belta"))
