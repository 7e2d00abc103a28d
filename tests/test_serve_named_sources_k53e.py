"""Review of e53 (a deployment's run skips a source the file disables or no longer lists).

e53 skips every name of a deployment's run that the file does not list enabled, whoever
gave it: ``prefect deployment run ingest/all -p 'source_names=["beltta"]'`` (a typo) ended
Completed 'Skipped' ("source beltta skipped: no longer in FILE"), nothing fetched and
nothing failed, where before it failed with one line, "unknown source 'beltta'". Only the
names the deployment itself carries (``serve``/``deploy`` wrote them) are skipped now; names a
trigger gives are the user's, as ``pressroom ingest --source`` (README "Scheduled runs").
And a sources file emptied by a save cut short when a deployment's run starts fails that run
in one line: it never reports its source skipped (held). Real Prefect server, ``serve``
subprocess, loopback press site, real DuckDB files.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.site import PressSite
from tests.site.sources import write_sources_toml
from tests.test_serve_disabled_source_e53 import (
    _asked_for_belta,
    _disable,
    _last_run,
    _serve_env,
    belta_and_fixture_served,
)


@pytest.mark.slow
def test_source_names_a_trigger_gives_are_the_users_unknown_fails_disabled_runs(
        prefect_api: str, tmp_path: Path) -> None:
    with belta_and_fixture_served(prefect_api, tmp_path, "ingest/all") as (
            site, sources, serve, _):
        typo = serve.trigger("ingest/all", 'source_names=["fixture", "beltta"]')
        unknown = asyncio.run(_last_run("ingest/all"))
        _disable(sources, "belta")
        site.clear_requests()
        named = serve.trigger("ingest/all", 'source_names=["belta"]')
        asked = _asked_for_belta(site)
    message = unknown.state.message or ""
    assert unknown.state.type.value == "FAILED", (unknown.state.type, unknown.state.name, message)
    assert "unknown source 'beltta'" in message and "\n" not in message, message
    assert typo.returncode != 0, typo.stdout
    assert named.returncode == 0, named.stdout + named.stderr
    assert asked, "ingest/all -p source_names=[\"belta\"] did not run the disabled belta it named"


@pytest.mark.slow
def test_a_sources_file_emptied_mid_save_fails_the_deployments_run_never_skips(
        prefect_api: str, tmp_path: Path) -> None:
    """Held: the file is read before any source is judged disabled or taken out."""
    with belta_and_fixture_served(prefect_api, tmp_path) as (site, sources, serve, _):
        sources.write_text("", encoding="utf-8")
        site.clear_requests()
        serve.trigger("ingest/belta")
        asked = _asked_for_belta(site)
        run = asyncio.run(_last_run("ingest/belta"))
    message = run.state.message or ""
    assert run.state.type.value == "FAILED", (run.state.type, run.state.name, message)
    assert "no [[source]] tables" in message and "skipped" not in message, message
    assert not asked, asked[:5]


@pytest.mark.slow
def test_a_workers_run_of_a_disabled_sources_deployment_skips_it(
        prefect_api: str, tmp_path: Path) -> None:
    """Held: ``deploy --pool`` (``cluster=True``) runs the same check; a worker's run of
    ``ingest/belta`` after belta is disabled fetches nothing of it."""
    import subprocess
    import sys

    from tests.cli_run import run_cli
    from tests.hosts.cluster import Process

    db = tmp_path / "w.duckdb"
    pool = f"k53e-{tmp_path.name}"[:40]
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta", "fixture"),
                                     schedule="0 0 1 1 *")
        deployed = run_cli("deploy", "--pool", pool, "--sources", str(sources), "--db", str(db),
                           api=prefect_api)
        assert deployed.returncode == 0, deployed.stdout + deployed.stderr
        _disable(sources, "belta")
        env = {**_serve_env(prefect_api)}
        worker = Process([sys.executable, "-m", "pressroom", "worker", "--pool", pool,
                          "--limit", "1"], env, tmp_path / "worker.log")
        try:
            site.clear_requests()
            done = subprocess.run(
                [sys.executable, "-m", "prefect", "deployment", "run", "ingest/belta",
                 "--watch", "--watch-timeout", "240"],
                env=env, capture_output=True, text=True, timeout=300, check=False)
            asked = _asked_for_belta(site)
            run = asyncio.run(_last_run("ingest/belta"))
        finally:
            worker.stop()
    assert done.returncode == 0, done.stdout + done.stderr + worker.output()[-2000:]
    assert not asked, f"the worker's run fetched belta: {asked[:5]}"
    message = run.state.message or ""
    assert run.state.name == "Skipped" and "source belta skipped: disabled" in message, (
        run.state.name, message)
