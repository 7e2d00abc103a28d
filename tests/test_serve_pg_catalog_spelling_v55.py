"""v55 (review of o55): one PostgreSQL catalog spelt two ways is one project.

n54's owner check (flows/owners.py) kept a PostgreSQL catalog "as given": the same lake
with its keywords in another order or other spacing was another project's. A ``serve``
of a lake and the same project's ``deploy`` (for workers, beside it) spelt ``--db``
differently: the deploy was refused,
'DeploymentTaken: ingest/belta, ingest/all ... belong(s) to ... warehouse
ducklake:postgres:dbname=lake1 host=... user=postgres, not to this deploy's ...
warehouse ducklake:postgres: user=postgres  host=...  dbname=lake1', and with
``--take-over`` (the way on it advises) the serve would stop as taken over, and the run
it was handed refused. Now the keywords are compared sorted, one space apart; the
catalog's password (PGPASSWORD, never in a deployment) is no part of it and never printed.
Real Prefect server, real ``serve`` and ``deploy`` subprocesses, a throwaway PostgreSQL
(tests/lakepg.py), a real run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli_run import run_cli
from tests.lakepg import running_postgres
from tests.serve_run import serving
from tests.site import PressSite
from tests.site.sources import write_sources_toml

POOL = "v55pool"


def test_the_same_catalog_spelt_otherwise_is_one_owner() -> None:
    from flows.owners import owner

    lake = {"sources_file": "/p/s.toml", "db_path": "ducklake:postgres:dbname=news host=db"}
    for same in ("ducklake:postgres:host=db dbname=news",
                 "ducklake:postgres:  dbname = news   host=db ",
                 "ducklake:postgres:dbname=other host=db dbname=news",  # libpq: the last
                 "ducklake:postgresql:dbname=news host=db"):  # o56: read as postgres:
        assert owner({**lake, "db_path": same}) == owner(lake), same
    for other in ("ducklake:postgres:dbname=news host=db2",
                  "ducklake:postgres:dbname=news",
                  "ducklake:postgres:dbname=news host=db dbname=other",
                  "ducklake:sqlite:dbname=news host=db"):
        assert owner({**lake, "db_path": other}) != owner(lake), other


@pytest.mark.slow
def test_a_deploy_of_the_served_lake_spelt_otherwise_neither_refused_nor_stopping_serve(
        prefect_api: str, tmp_path: Path) -> None:
    env = {**os.environ, "PREFECT_API_URL": prefect_api,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PRESSROOM_STATE_DIR": str(tmp_path / "state"), "PGPASSWORD": "first-s3cret"}
    env.pop("PRESSROOM_DB", None)
    data = str(tmp_path / "lake-data")
    with running_postgres() as pg, PressSite() as site:
        lake = pg.new_catalog()  # ducklake:postgres:dbname=lakeN host=SOCKET user=postgres
        respelt = "ducklake:postgres: " + "  ".join(reversed(
            lake.removeprefix("ducklake:postgres:").split()))
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                     schedule="0 0 1 1 *")
        with serving(sources, env, "--db", lake, "--data-path", data) as serve:
            serve.api = prefect_api
            serve.wait_for("ingest/belta")  # Prefect's table of what it serves
            deployed = run_cli("deploy", "--pool", POOL, "--sources", str(sources),
                               "--db", respelt, "--data-path", data, api=prefect_api,
                               env={"PRESSROOM_STATE_DIR": env["PRESSROOM_STATE_DIR"],
                                    "PGPASSWORD": "second-s3cret"})
            assert deployed.returncode == 0, deployed.stderr[-3000:]
            done = serve.trigger("ingest/belta", watch=180, timeout=240)
            serving_still = serve.proc.poll() is None
    said = "".join(serve.seen) + deployed.stdout + deployed.stderr
    assert "taken over" not in said and "DeploymentTaken" not in said, said[-3000:]
    assert "s3cret" not in said + done.stdout + done.stderr
    assert serving_still, "".join(serve.seen)
    assert done.returncode == 0 and "Completed" in done.stdout, (done.stdout[-2000:],
                                                                 "".join(serve.seen[-40:]))
