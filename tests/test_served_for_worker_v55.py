"""v55 (review of o55 and k55a): a serve's mark left in a worker's environment.

o55's ``serve`` marks the runs it starts with its owner (``PRESSROOM_SERVED_FOR``) and
the ingest flow refuses a deployment's run whose parameters name another; k55a spared a
plain ``pressroom ingest`` with the variable left in its shell. A ``pressroom worker``
started from such a shell (an ``export`` copied from a served run's environment, a
script started by a served flow) handed the mark to every run it started: each deployment
run of the worker's own project failed, 'DeploymentTaken: ... the serve that started it
serves ...', though no serve started it; a mark that is not JSON failed them too (a JSON
error; since c55 a ConfigError line naming the variable). A worker serves nothing: it drops
the mark, and its runs are done. (c55's line stays for a mark in another runner's
environment, ``prefect worker start``.) Real Prefect server, real ``deploy`` and ``worker``
subprocesses, a real run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_run import run_cli
from tests.hosts.cluster import Process
from tests.site import PressSite
from tests.site.sources import write_sources_toml


@pytest.mark.slow
@pytest.mark.parametrize("mark", ["another", "{not json"])
def test_a_worker_with_a_serves_mark_left_in_its_shell_runs_its_projects_runs(
        prefect_api: str, tmp_path: Path, mark: str) -> None:
    if mark == "another":
        mark = json.dumps({"sources_file": str(tmp_path / "other" / "s.toml"),
                           "db_path": str(tmp_path / "other" / "w.duckdb"), "data_path": None})
    env = {**os.environ, "PREFECT_API_URL": prefect_api,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    db = tmp_path / "w.duckdb"
    pool = f"v55-{tmp_path.name}"[:40]
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                     schedule="0 0 1 1 *")
        deployed = run_cli("deploy", "--pool", pool, "--sources", str(sources), "--db", str(db),
                           api=prefect_api)
        assert deployed.returncode == 0, deployed.stdout + deployed.stderr
        worker = Process([sys.executable, "-m", "pressroom", "worker", "--pool", pool,
                          "--limit", "1"], {**env, "PRESSROOM_SERVED_FOR": mark},
                         tmp_path / "worker.log")
        try:
            done = subprocess.run(
                [sys.executable, "-m", "prefect", "deployment", "run", "ingest/belta",
                 "--watch", "--watch-timeout", "240"],
                env=env, capture_output=True, text=True, timeout=300, check=False)
        finally:
            worker.stop()
    said = done.stdout + done.stderr + worker.output()
    assert "DeploymentTaken" not in said and "JSONDecodeError" not in said, said[-3000:]
    assert "PRESSROOM_SERVED_FOR" not in said, said[-3000:]
    assert done.returncode == 0 and "Completed" in done.stdout, said[-3000:]
    assert db.exists()
