"""A manual run started while another run of the same source is going skips it, and
records that it did: a 'skipped' runs row naming the run that held the source (014)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import duckdb
import pytest

from tests.crash.bulk_site import BulkSite
from tests.crash.campaign import ingest_cmd

ARTICLES = 120


@pytest.mark.slow
def test_overlapping_runs_neither_duplicate_nor_lose(tmp_path: Path) -> None:
    db = tmp_path / "overlap.duckdb"
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    with BulkSite(ARTICLES, gate_after=5) as site:
        sources = tmp_path / "bulk.toml"
        # The gated requests must outlast the whole second run, however long a loaded
        # machine makes its start-up: a 5 s limit let them time out and be fetched twice.
        sources.write_text(site.sources_toml(timeout=100.0), encoding="utf-8")
        first = subprocess.Popen(ingest_cmd(sources, db), env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        assert site.wait_served(5)
        # The first run is now stuck mid-fetch behind the gate.
        second = subprocess.run(ingest_cmd(sources, db), env=env, capture_output=True,
                                text=True, timeout=120, check=False)
        site.open_gate()
        _out, err = first.communicate(timeout=120)
        hits = [site.hits(p) for p in site.article_paths()]
    assert first.returncode == 0, err
    assert second.returncode == 0, second.stderr
    assert "skipped: another run of bulk is in progress" in second.stderr
    assert "skipped" in second.stdout
    assert hits == [1] * ARTICLES  # the skipped run fetched no article
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone()
        runs = con.execute("SELECT run_id, kind, status, new, held_by, "
                           "started_at = finished_at, error FROM runs "
                           "ORDER BY started_at").fetchall()
    finally:
        con.close()
    assert row == (ARTICLES, ARTICLES)
    # The skipped run is a row of its own (before 014 it left none), naming its holder.
    (first_id, *ran), (second_id, *skipped) = runs
    assert ran == ["ingest", "ok", ARTICLES, None, False, None]
    assert skipped == ["ingest", "skipped", 0, first_id, True, None]
    assert second_id != first_id
