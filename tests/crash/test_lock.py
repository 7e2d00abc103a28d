"""Another process holds the DuckDB file: work is staged, merged, never dropped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flows.spool import Spool
from tests.crash.bulk_site import BulkSite
from tests.crash.campaign import ingest_cmd

ARTICLES = 150
# Waits until it can open the file read-write (ingest holds it only briefly),
# says so, and keeps the lock until its stdin closes: a user's DuckDB shell.
HOLDER = """
import sys, time, duckdb
while True:
    try:
        con = duckdb.connect(sys.argv[1])
        break
    except duckdb.IOException:
        time.sleep(0.01)
print("locked", flush=True)
sys.stdin.read()
con.close()
"""


def start_holder(db: Path) -> subprocess.Popen[str]:
    """Start the lock holder and block until it holds the lock."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    return proc


def release(proc: subprocess.Popen[str]) -> None:
    """Let the holder close its connection and exit."""
    assert proc.stdin is not None
    proc.stdin.close()
    proc.wait(timeout=30)


def stored(db: Path) -> tuple[int, int]:
    """(articles, distinct urls) in the warehouse."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0]), int(row[1])


def spool_files(db: Path) -> list[Path]:
    """Staged batches waiting beside the database."""
    return Spool(db).pending()


@pytest.mark.slow
def test_lock_held_past_the_limit_stages_then_next_run_merges(tmp_path: Path) -> None:
    db = tmp_path / "locked.duckdb"
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    with BulkSite(ARTICLES, delay=0.02) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        cmd = [*ingest_cmd(sources, db)[:-1], "3"]  # --lock-timeout 3
        run = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
        assert site.wait_served(10)
        holder = start_holder(db)  # a user opens the database mid-run
        try:
            _out, err = run.communicate(timeout=120)
            assert run.returncode == 1, err
            errors = [ln for ln in err.splitlines() if ln.startswith("pressroom: error:")]
            assert len(errors) == 1 and "locked" in errors[0] and "staged" in errors[0], err
            assert "Traceback" not in err
            assert spool_files(db), "fetched work must be staged durably"
        finally:
            release(holder)
        served = {p: site.hits(p) for p in site.article_paths()}
        assert all(n == 1 for n in served.values())
        second = subprocess.run(ingest_cmd(sources, db), env=env, capture_output=True,
                                text=True, timeout=120, check=False)
        assert second.returncode == 0, second.stderr
        # Nothing fetched twice: staged articles were merged, not refetched.
        assert {p: site.hits(p) for p in site.article_paths()} == served
    assert stored(db) == (ARTICLES, ARTICLES)
    assert spool_files(db) == []


@pytest.mark.slow
def test_lock_freed_during_the_run_is_merged_by_the_same_run(tmp_path: Path) -> None:
    db = tmp_path / "brief.duckdb"
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    with BulkSite(ARTICLES, delay=0.02) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        run = subprocess.Popen(ingest_cmd(sources, db), env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
        assert site.wait_served(10)
        holder = start_holder(db)
        assert run.stderr is not None
        progress = []
        for line in run.stderr:  # hold until the run says it staged a batch
            progress.append(line)
            if "staged" in line:
                break
        release(holder)
        _out, err = run.communicate(timeout=120)
        err = "".join(progress) + err
    assert run.returncode == 0, err
    assert stored(db) == (ARTICLES, ARTICLES)
    assert spool_files(db) == []
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT status, new FROM runs").fetchall()
    finally:
        con.close()
    assert row == [("ok", ARTICLES)]
    assert "database is locked; batch staged" in err


@pytest.mark.slow
def test_lock_held_at_start_up_still_fetches_stages_and_merges(tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    with BulkSite(ARTICLES, delay=0.02) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        holder = start_holder(db)  # the file is busy before the run starts
        cmd = [*ingest_cmd(sources, db)[:-1], "2"]  # --lock-timeout 2
        run = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
        assert run.stderr is not None
        progress = []
        try:
            for line in run.stderr:  # hold until the run has fetched and staged a batch
                progress.append(line)
                if "batch staged" in line:
                    break
            staged_while_held = spool_files(db)
        finally:
            release(holder)
        _out, err = run.communicate(timeout=120)
        err = "".join(progress) + err
        served = [site.hits(p) for p in site.article_paths()]
    assert run.returncode == 0, err
    assert staged_while_held, "a run whose file is busy at start-up must fetch and stage"
    assert "Traceback" not in err
    assert served == [1] * ARTICLES
    assert stored(db) == (ARTICLES, ARTICLES)
    assert spool_files(db) == []
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT status, new FROM runs").fetchall()
    finally:
        con.close()
    assert row == [("ok", ARTICLES)]


@pytest.mark.slow
def test_lock_held_for_the_whole_run_stages_all_for_the_next_run(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    with BulkSite(ARTICLES, delay=0.01) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        holder = start_holder(db)
        try:
            cmd = [*ingest_cmd(sources, db)[:-1], "2"]  # --lock-timeout 2
            run = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120,
                                 check=False)
            assert run.returncode == 1, run.stderr
            errors = [ln for ln in run.stderr.splitlines() if ln.startswith("pressroom: error:")]
            assert len(errors) == 1 and "staged" in errors[0], run.stderr
            assert "Traceback" not in run.stderr
            assert spool_files(db)
        finally:
            release(holder)
        served = [site.hits(p) for p in site.article_paths()]
        assert served == [1] * ARTICLES
        second = subprocess.run(ingest_cmd(sources, db), env=env, capture_output=True,
                                text=True, timeout=120, check=False)
        assert second.returncode == 0, second.stderr
        assert [site.hits(p) for p in site.article_paths()] == served  # merged, not refetched
    assert stored(db) == (ARTICLES, ARTICLES)
    assert spool_files(db) == []
