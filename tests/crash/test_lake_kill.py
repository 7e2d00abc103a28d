"""SIGKILL a lake ingest mid-run: the lake holds whole batches only, the next run
completes the source, every article once.

Real parts: ``pressroom ingest --no-prefect`` subprocesses, the generated bulk
site (tests/crash/bulk_site.py) and a DuckLake catalog on a throwaway
PostgreSQL (tests/lakepg.py). The site holds article responses past
``GATE``, so the killed run has committed its first batch of
``BATCH_ARTICLES`` and holds the next one half-gathered when the kill lands.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb

from flows.pipeline import BATCH_ARTICLES
from tests.crash.bulk_site import BulkSite
from tests.crash.campaign import Figures, audit_connection
from tests.lakepg import running_postgres
from warehouse.lake import parse_target
from warehouse.lake_read import connect_read_only

ARTICLES = 160
GATE = 130  # article responses served before the site holds the rest
DEADLINE = 240.0  # seconds for the first batch to reach the lake


def _ingest(sources: Path, db: str, data: str) -> list[str]:
    return [sys.executable, "-m", "pressroom", "ingest", "--no-prefect", "--sources",
            str(sources), "--db", db, "--data-path", data, "--lock-timeout", "30"]


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


_WHOLE = {  # every stored article has its state, its latest version and its page
    "versions without state": "SELECT count(*) FROM article_versions v WHERE NOT EXISTS "
                              "(SELECT 1 FROM article_state s WHERE s.article_id = v.article_id)",
    "articles without page": "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 "
                             "FROM pages p WHERE p.url = a.url AND p.kind = 'article')",
    "state rows twice": "SELECT count(*) - count(DISTINCT article_id) FROM article_state",
    "versions twice": "SELECT count(*) - count(DISTINCT (article_id, version)) "
                      "FROM article_versions",
}


def test_a_killed_lake_ingest_leaves_whole_batches_and_the_next_run_completes_it(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "PRESSROOM_STATE_DIR": str(tmp_path / "state")}
    data = str(tmp_path / "lake-data")
    with running_postgres() as pg, BulkSite(ARTICLES, gate_after=GATE) as site:
        lake = pg.new_catalog()
        target = parse_target(lake, data)
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(timeout=120.0), encoding="utf-8")
        log = tmp_path / "killed.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(_ingest(sources, lake, data), env=env,
                                    stdout=subprocess.DEVNULL, stderr=out)
        try:
            assert site.wait_served(GATE, timeout=DEADLINE), "the run never reached the gate"
            # The schema exists (the run made it before fetching); the first batch
            # commits once parsed. The process's own exit ends the wait early.
            reader = connect_read_only(target)
            waited = 0.0
            while (_one(reader, "SELECT count(*) FROM articles") < BATCH_ARTICLES
                   and waited < DEADLINE and proc.poll() is None):
                try:
                    proc.wait(timeout=0.5)
                except subprocess.TimeoutExpired:
                    waited += 0.5
            assert proc.poll() is None, log.read_text()[-2000:]
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        # Whole batches only: the first, committed; none of the half-gathered second.
        assert _one(reader, "SELECT count(*) FROM articles") == BATCH_ARTICLES
        assert {k: _one(reader, sql) for k, sql in _WHOLE.items()} == dict.fromkeys(_WHOLE, 0)
        assert _one(reader, "SELECT count(*) FROM runs WHERE status = 'running'") == 1
        reader.close()

        site.open_gate()
        final = subprocess.run(_ingest(sources, lake, data), env=env, capture_output=True,
                               text=True, timeout=300, check=False)
        assert final.returncode == 0, final.stderr[-3000:]
        con = connect_read_only(target)
        try:
            figures = Figures()
            audit_connection(con, site, figures)
            whole = {k: _one(con, sql) for k, sql in _WHOLE.items()}
        finally:
            con.close()
    assert (figures.stored, figures.lost, figures.duplicates) == (ARTICLES, 0, 0)
    assert (figures.orphan_versions, figures.states_without_version) == (0, 0)
    assert whole == dict.fromkeys(_WHOLE, 0)
    # The killed run is marked crashed by the next one; nothing is left running.
    assert (figures.crashed_runs, figures.running_runs) == (1, 0)
