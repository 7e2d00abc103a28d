"""The lake's PostgreSQL catalog goes away: the run fails in one line, its batches are
staged, and a run after the catalog is back merges them (nothing lost, nothing twice).

Real parts: ``pressroom ingest --no-prefect`` subprocesses, the generated bulk press
site on loopback (tests/crash/bulk_site.py) and a DuckLake catalog on a throwaway
PostgreSQL (tests/lakepg.py) that the test stops and starts again on the same data.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pgserver
import pytest

from flows.pipeline import BATCH_ARTICLES
from pressroom.errors import CatalogUnavailable
from tests.crash.bulk_site import BulkSite
from tests.crash.campaign import Figures, audit_connection
from tests.lakepg import Postgres, running_postgres
from warehouse.lake import LakeTarget, connect_lake, parse_target
from warehouse.lake_read import connect_read_only

ARTICLES = 160
GATE = 130  # article responses served before the site holds the rest
DEADLINE = 240.0  # seconds for the first batch to reach the lake


def _ingest(sources: Path, db: str, data: str) -> list[str]:
    return [sys.executable, "-m", "pressroom", "ingest", "--no-prefect", "--sources",
            str(sources), "--db", db, "--data-path", data, "--lock-timeout", "30"]


def _restart(pg: Postgres) -> None:
    """Start the stopped server again on its data folder (same socket, same catalogs)."""
    pg.server = pgserver.get_server(pg.server.pgdata, cleanup_mode="stop")


def _audit(lake: str, data: str, site: BulkSite) -> Figures:
    con = connect_read_only(parse_target(lake, data))
    try:
        figures = Figures()
        audit_connection(con, site, figures)
    finally:
        con.close()
    return figures


def _merged_rows(lake: str, data: str) -> list[tuple[object, ...]]:
    """(status, new) of the runs rows a merge wrote (merged_at set, migration 016)."""
    con = connect_read_only(parse_target(lake, data))
    try:
        return con.execute("SELECT status, new FROM runs WHERE merged_at IS NOT NULL "
                           "ORDER BY ALL").fetchall()
    finally:
        con.close()


def _spooled(state: Path) -> list[Path]:
    return sorted(p for p in state.rglob("*.batch") if "quarantine" not in p.parts)


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("pressroom: error:")]


def _fetched_once(site: BulkSite) -> bool:
    return all(site.hits(p) == 1 for p in site.article_paths())


def test_a_catalog_stopped_mid_run_fails_in_one_line_and_the_next_run_merges_its_batch(
    tmp_path: Path,
) -> None:
    state = tmp_path / "state"
    env = {**os.environ, "PRESSROOM_STATE_DIR": str(state)}
    data = str(tmp_path / "lake-data")
    with running_postgres() as pg, BulkSite(ARTICLES, gate_after=GATE) as site:
        lake = pg.new_catalog()
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(timeout=120.0), encoding="utf-8")
        log = tmp_path / "outage.log"
        with log.open("w") as err:
            proc = subprocess.Popen(_ingest(sources, lake, data), env=env,
                                    stdout=subprocess.DEVNULL, stderr=err, text=True)
        try:
            assert site.wait_served(GATE, timeout=DEADLINE), "the run never reached the gate"
            # The first batch commits once parsed; the rest waits at the gate.
            reader = connect_read_only(parse_target(lake, data))
            waited = 0.0
            while (waited < DEADLINE and proc.poll() is None and reader.execute(
                    "SELECT count(*) FROM articles").fetchone() != (BATCH_ARTICLES,)):
                try:
                    proc.wait(timeout=0.5)
                except subprocess.TimeoutExpired:
                    waited += 0.5
            reader.close()
            assert proc.poll() is None, log.read_text()[-2000:]
            pg.stop()  # the catalog goes away mid-run
            site.open_gate()
            proc.wait(timeout=DEADLINE)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        stderr = log.read_text()
        assert proc.returncode == 1, stderr[-3000:]
        assert "Traceback" not in stderr, stderr[-3000:]
        (line,) = _error_lines(stderr)
        assert "the catalog of DuckLake ducklake:postgres:dbname=" in line, line
        assert "cannot be reached" in line and "2 batches are staged in" in line, line
        # the last 60 articles, signed on this host, then the run's row (z40c)
        assert len(_spooled(state)) == 2

        _restart(pg)
        final = subprocess.run(_ingest(sources, lake, data), env=env, capture_output=True,
                               text=True, timeout=300, check=False)
        assert final.returncode == 0, final.stderr[-3000:]
        figures = _audit(lake, data, site)
        merged = _merged_rows(lake, data)
    assert (figures.stored, figures.lost, figures.duplicates) == (ARTICLES, 0, 0)
    assert (figures.orphan_versions, figures.states_without_version) == (0, 0)
    # The cut-off run's row was staged after its batch and closed by the merge (z40c),
    # which says so: its 'running' row got merged_at (o41); the last 60 were new then.
    assert (figures.crashed_runs, figures.running_runs) == (0, 0)
    assert len(merged) == 1 and merged[0][0] == "ok", merged
    assert _spooled(state) == []
    assert _fetched_once(site), "the next run fetched staged articles again"


def test_a_catalog_down_at_start_stages_every_batch_and_a_later_run_merges_them(
    tmp_path: Path,
) -> None:
    state = tmp_path / "state"
    env = {**os.environ, "PRESSROOM_STATE_DIR": str(state)}
    data = str(tmp_path / "lake-data")
    with running_postgres() as pg, BulkSite(ARTICLES) as site:
        lake = pg.new_catalog()
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(timeout=120.0), encoding="utf-8")
        pg.stop()
        with pytest.raises(CatalogUnavailable) as refused:  # a password stays out of it
            connect_lake(LakeTarget(lake.removeprefix("ducklake:") + " password=hunter2"))
        assert "password=***" in str(refused.value) and "hunter2" not in str(refused.value)
        down = subprocess.run(_ingest(sources, lake, data), env=env, capture_output=True,
                              text=True, timeout=300, check=False)
        assert down.returncode == 1, down.stderr[-3000:]
        assert "Traceback" not in down.stderr, down.stderr[-3000:]
        (line,) = _error_lines(down.stderr)
        assert "the catalog of DuckLake ducklake:postgres:dbname=" in line, line
        assert "cannot be reached" in line and "3 batches are staged in" in line, line
        assert len(_spooled(state)) == 3  # and the run's row after them (z40c)
        assert _fetched_once(site)

        _restart(pg)
        final = subprocess.run(_ingest(sources, lake, data), env=env, capture_output=True,
                               text=True, timeout=300, check=False)
        assert final.returncode == 0, final.stderr[-3000:]
        figures = _audit(lake, data, site)
        merged = _merged_rows(lake, data)
    assert (figures.stored, figures.lost, figures.duplicates) == (ARTICLES, 0, 0)
    assert (figures.orphan_versions, figures.states_without_version) == (0, 0)
    assert figures.running_runs == 0
    # The run the catalog refused throughout: its row, from the merge (o41).
    assert merged == [("ok", ARTICLES)]
    assert _spooled(state) == []
    assert _fetched_once(site), "the next run fetched staged articles again"


@pytest.mark.parametrize("mistake", [("dbname=lake1", "dbname=pressrom"),
                                     ("user=postgres", "user=nobody")],
                         ids=["misspelt database", "unknown role"])
def test_a_mistake_in_the_catalog_string_is_not_an_outage(
    tmp_path: Path, mistake: tuple[str, str]
) -> None:
    # Review r18: a misspelt database was taken for an outage, so every run fetched
    # the whole site and staged it. The server answered: one line, nothing fetched.
    state = tmp_path / "state"
    env = {**os.environ, "PRESSROOM_STATE_DIR": str(state)}
    with running_postgres() as pg, BulkSite(ARTICLES) as site:
        lake = pg.new_catalog().replace(*mistake)
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(timeout=120.0), encoding="utf-8")
        proc = subprocess.run(_ingest(sources, lake, str(tmp_path / "data")), env=env,
                              capture_output=True, text=True, timeout=300, check=False)
        served = sum(site.hits(p) for p in site.article_paths())
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    (line,) = _error_lines(proc.stderr)
    assert line.startswith(f"pressroom: error: cannot attach DuckLake {lake}: "), line
    assert "does not exist" in line and "cannot be reached" not in line, line
    assert (served, _spooled(state)) == (0, [])
