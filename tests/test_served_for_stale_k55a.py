"""k55a (review of o55): a serve's mark refuses only the deployment runs that serve starts.

o55's ``serve`` puts its owner in its environment (``PRESSROOM_SERVED_FOR``) so each run
Prefect's runner starts refuses another project's parameters. The ingest flow asked it of
every run, a ``pressroom ingest`` too: with the variable left in a shell (an ``export``
copied from a served run's environment, a shell or script started from a served flow's
process), a user's own ``pressroom ingest`` of their own project failed, 'DeploymentTaken:
... the serve that started it serves ...', though no serve started it. Now only a run of a
deployment is asked. Real Prefect server, real ``pressroom ingest`` subprocess.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import run_cli
from tests.site import PressSite
from tests.site.sources import write_sources_toml


@pytest.mark.slow
def test_a_stale_served_for_does_not_refuse_a_plain_ingest(
        prefect_api: str, tmp_path: Path) -> None:
    other = {"sources_file": str(tmp_path / "other" / "sources.toml"),
             "db_path": str(tmp_path / "other" / "pressroom.duckdb"), "data_path": None}
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",))
        db = tmp_path / "w.duckdb"
        done = run_cli("ingest", "--sources", str(sources), "--db", str(db), api=prefect_api,
                       env={"PRESSROOM_SERVED_FOR": json.dumps(other)})
    assert done.returncode == 0, done.stderr[-3000:]
    assert "DeploymentTaken" not in done.stderr
    assert "belta" in done.stdout and db.exists()
