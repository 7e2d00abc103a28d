"""v55 (review of o55): a deployment deleted or paused by hand is no take-over.

o55's watch reads the deployments a ``serve`` serves every 5 s and stops ``serve`` when one
names another project. A user who deletes one (``prefect deployment delete ingest/belta``)
or pauses one (the UI's toggle) while ``serve`` runs changes no owner: ``serve`` must not
say 'taken over' nor stop, and must go on running the others' runs. Held on main; a guard.
Real Prefect server, real ``serve`` and ``prefect`` subprocesses, a real run.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.serve_run import serving
from tests.site import PressSite
from tests.site.sources import write_sources_toml


async def _pause(name: str) -> None:
    from prefect.client.orchestration import get_client

    async with get_client() as client:
        await client.pause_deployment((await client.read_deployment_by_name(name)).id)


@pytest.mark.slow
def test_a_deployment_deleted_or_paused_by_hand_does_not_stop_serve(
        prefect_api: str, tmp_path: Path) -> None:
    env = {**os.environ, "PREFECT_API_URL": prefect_api,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    db = tmp_path / "w.duckdb"
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta", "fixture"),
                                     schedule="0 0 1 1 *")
        with serving(sources, env, "--db", str(db)) as serve:
            serve.api = prefect_api
            serve.wait_for("ingest/belta")  # Prefect's table of what it serves
            deleted = subprocess.run(
                [sys.executable, "-m", "prefect", "deployment", "delete", "ingest/belta"],
                env=env, capture_output=True, text=True, timeout=120, check=False)
            assert deleted.returncode == 0, deleted.stdout + deleted.stderr
            asyncio.run(_pause("ingest/fixture"))
            done = serve.trigger("ingest/all")  # a run of the rest: many reads of the watch
            serving_still = serve.proc.poll() is None
    said = "".join(serve.seen)
    assert "taken over" not in said and "Traceback" not in said, said[-3000:]
    assert serving_still, said[-3000:]
    assert done.returncode == 0 and "Completed" in done.stdout, (done.stdout[-2000:],
                                                                 said[-3000:])
