"""``pressroom serve`` on a DuckLake named by the sources file's ``[warehouse]``: its own
Prefect server, a triggered deployment run, the source's rows in the lake once.

Real parts: the ``serve`` and ``prefect deployment run`` subprocesses, the loopback
press site, the catalog on a throwaway PostgreSQL (tests/lakepg.py). About a minute
and a half (tests/test_serve.py is the same on a DuckDB file).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lakepg import running_postgres
from tests.serve_run import serve_env, serving
from tests.site import PressSite
from tests.site import manifest as m
from tests.site.sources import write_sources_toml
from warehouse.lake import parse_target
from warehouse.lake_read import connect_read_only


@pytest.mark.slow
def test_serve_on_a_lake_runs_a_triggered_deployment_into_the_lake(tmp_path: Path) -> None:
    env = serve_env(tmp_path) | {"PRESSROOM_STATE_DIR": str(tmp_path / "state")}
    env.pop("PRESSROOM_DB", None)
    data = str(tmp_path / "lake-data")
    with running_postgres() as pg, PressSite() as site:
        lake = pg.new_catalog()
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                     schedule="0 0 1 1 *")
        with sources.open("a", encoding="utf-8") as fh:  # no --db: the file names the lake
            fh.write(f'\n[warehouse]\ndb = "{lake}"\ndata_path = "{data}"\n')
        with serving(sources, env, cwd=tmp_path) as serve:  # a default DuckDB file lands there
            serve.wait_for_api()
            serve.wait_for("ingest/belta")
            run = serve.trigger("ingest/belta", watch=180, timeout=240)
            assert run.returncode == 0, run.stdout + run.stderr + "".join(serve.seen[-40:])
            assert "Completed" in run.stdout + run.stderr
        assert serve.proc.returncode == 0
        con = connect_read_only(parse_target(lake, data))
        try:
            articles = con.execute("SELECT count(*), count(DISTINCT url) FROM articles "
                                   "WHERE source = 'belta'").fetchone()
            runs = con.execute("SELECT status, new FROM runs WHERE source = 'belta'").fetchall()
        finally:
            con.close()
    stored = len(m.storable("belta"))
    assert articles == (stored, stored)  # every article, once
    assert runs == [("ok", stored)]
    assert not list(tmp_path.glob("*.duckdb"))
