"""``pressroom serve`` on a DuckLake named by the sources file's ``[warehouse]``: its own
Prefect server, a triggered deployment run, the source's rows in the lake once.

Real parts: the ``serve`` and ``prefect deployment run`` subprocesses, the loopback
press site, the catalog on a throwaway PostgreSQL (tests/lakepg.py). About a minute
and a half (tests/test_serve.py is the same on a DuckDB file).
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.lakepg import running_postgres
from tests.site import PressSite
from tests.site import manifest as m
from tests.site.sources import write_sources_toml
from tests.test_serve import _pump, _wait_for, stop_serve
from warehouse.lake import parse_target
from warehouse.lake_read import connect_read_only


@pytest.mark.slow
def test_serve_on_a_lake_runs_a_triggered_deployment_into_the_lake(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PRESSROOM_STATE_DIR=str(tmp_path / "state"))
    env.pop("PRESSROOM_DB", None)
    data = str(tmp_path / "lake-data")
    with running_postgres() as pg, PressSite() as site:
        lake = pg.new_catalog()
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                     schedule="0 0 1 1 *")
        with sources.open("a", encoding="utf-8") as fh:  # no --db: the file names the lake
            fh.write(f'\n[warehouse]\ndb = "{lake}"\ndata_path = "{data}"\n')
        proc = subprocess.Popen(
            [sys.executable, "-m", "pressroom", "serve", "--sources", str(sources)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            cwd=tmp_path,  # a default DuckDB file would land here
        )
        lines: queue.Queue[str] = queue.Queue()
        seen: list[str] = []
        assert proc.stdout is not None
        threading.Thread(target=_pump, args=(proc.stdout, lines), daemon=True).start()
        try:
            export = _wait_for(lines, "export PREFECT_API_URL=", seen)
            api = export.split("export PREFECT_API_URL=", 1)[1].strip()
            _wait_for(lines, "ingest/belta", seen)
            run = subprocess.run(
                [sys.executable, "-m", "prefect", "deployment", "run", "ingest/belta",
                 "--watch", "--watch-timeout", "180"],
                env={**env, "PREFECT_API_URL": api}, capture_output=True, text=True,
                timeout=240, check=False,
            )
            assert run.returncode == 0, run.stdout + run.stderr + "".join(seen[-40:])
            assert "Completed" in run.stdout + run.stderr
        finally:
            stop_serve(proc)
        assert proc.returncode == 0
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
