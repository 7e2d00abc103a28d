"""A run the warehouse refused from start to end still gets its ``runs`` row (z40c).

README: "A source a backfill held gets a `runs` row of its own ..., like every source of
a run". A run that found the file locked at start and still locked at its end staged its
batches and exited 1 without any row: the next run merged its articles, and no run said
it had fetched them. Now the row is staged after the batches and merged with them.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import duckdb

from tests.crash.bulk_site import BulkSite
from tests.crash.campaign import ingest_cmd
from tests.crash.test_lock import release, spool_files, start_holder, stored

ARTICLES = 40


def test_a_run_locked_out_to_its_end_gets_its_runs_row_from_the_merge(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    with BulkSite(ARTICLES) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        holder = start_holder(db)
        try:
            cmd = [*ingest_cmd(sources, db)[:-1], "1"]  # --lock-timeout 1
            first = subprocess.run(
                cmd, env=env, capture_output=True, text=True, timeout=120, check=False
            )
            assert first.returncode == 1, first.stderr
            assert spool_files(db)
        finally:
            release(holder)
        second = subprocess.run(
            ingest_cmd(sources, db),
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert second.returncode == 0, second.stderr
    assert stored(db) == (ARTICLES, ARTICLES)
    assert spool_files(db) == []
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT status, kind, discovered, fetched, new, started_at < finished_at "
            "FROM runs ORDER BY started_at"
        ).fetchall()
        first_run = con.execute("SELECT min(started_at) FROM runs").fetchone()
        versions = con.execute("SELECT count(DISTINCT run_id) FROM article_versions").fetchone()
    finally:
        con.close()
    # The locked-out run fetched and (through the merge) stored every article; the
    # second found them all stored. Its row keeps its own start, before its end.
    assert rows[0] == ("ok", "ingest", ARTICLES, ARTICLES, ARTICLES, True)
    assert [r[:2] for r in rows] == [("ok", "ingest"), ("ok", "ingest")]
    assert rows[1][4] == 0 and first_run is not None and versions == (1,)
