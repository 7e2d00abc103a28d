"""Staged ``runs`` rows (z40c, o41) in the shapes a night gives them (k41c).

Two runs of one source locked out to their ends, merged by one later run; and a run
that had the lock at its start (its row ``running``, some batches perhaps stored as it
went) and lost it to its end: the merge closes that row, counting every article once.

Real parts: ``pressroom ingest`` subprocesses, a DuckDB file held by a second process,
the loopback bulk site. No timing is assumed: the assertions hold however many batches
a run stored itself before the holder got the file.
"""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

import duckdb

from tests.crash.bulk_site import BulkSite
from tests.crash.campaign import ingest_cmd
from tests.crash.test_lock import release, spool_files, start_holder, stored
from tests.crash.test_lock_runs_row import ARTICLES, ENV, _ingest, _locked_out_run, _rows
from warehouse.schema import apply_migrations, load_migrations


def test_two_locked_out_runs_of_a_source_merged_by_one_run_each_get_their_row(
    tmp_path: Path,
) -> None:
    db = tmp_path / "held.duckdb"
    with BulkSite(ARTICLES) as site:
        sources = _locked_out_run(site, tmp_path, db)
        _locked_out_run(site, tmp_path, db)  # refetches: the first one's marks are staged
        third = _ingest(sources, db)
        assert third.returncode == 0, third.stderr
    assert spool_files(db) == []
    assert stored(db) == (ARTICLES, ARTICLES)
    first, second, merging = _rows(db)
    # discovered, fetched, new, updated, unchanged, failed
    assert first[3:9] == (ARTICLES, ARTICLES, ARTICLES, 0, 0, 0)
    assert second[3:9] == (ARTICLES, ARTICLES, 0, 0, ARTICLES, 0)
    assert first[1] == second[1] == "ok"
    assert isinstance(first[12], datetime) and isinstance(second[12], datetime)
    assert first[11] < second[10] and second[11] < merging[10] <= first[12] <= second[12]
    assert merging[5] == 0 and merging[12] is None


def test_a_run_that_lost_the_lock_to_its_end_has_its_row_closed_by_the_merge(
    tmp_path: Path,
) -> None:
    db = tmp_path / "late.duckdb"
    articles = 150  # more than a batch (100): a batch may be stored before the holder
    with BulkSite(articles, delay=0.02) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        cmd = [*ingest_cmd(sources, db)[:-1], "2"]
        run = subprocess.Popen(
            cmd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert site.wait_served(10)
        holder = start_holder(db)  # after the run's start: its row is 'running'
        try:
            _out, err = run.communicate(timeout=120)
            assert run.returncode == 1, err
            assert spool_files(db)
        finally:
            release(holder)
        second = _ingest(sources, db)
        assert second.returncode == 0, second.stderr
    assert spool_files(db) == []
    assert stored(db) == (articles, articles)
    first, merging = _rows(db)
    assert first[1:3] == ("ok", "ingest")
    assert first[3:9] == (articles, articles, articles, 0, 0, 0)
    assert isinstance(first[12], datetime) and first[10] < first[11] < merging[10] <= first[12]
    assert merging[5] == 0 and merging[12] is None


def test_a_warehouse_before_016_is_upgraded_by_the_run_that_merges_a_staged_row(
    tmp_path: Path,
) -> None:
    """The file was made by the release before o41 (schema 015, no ``merged_at``); a run
    locked out of it stages its row; the next run migrates it, then merges the row."""
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    try:
        apply_migrations(con, [m for m in load_migrations() if m.version <= 15])
    finally:
        con.close()
    with BulkSite(ARTICLES) as site:
        sources = _locked_out_run(site, tmp_path, db)
        second = _ingest(sources, db)
        assert second.returncode == 0, second.stderr
    first, merging = _rows(db)
    assert first[3:9] == (ARTICLES, ARTICLES, ARTICLES, 0, 0, 0)
    assert isinstance(first[12], datetime) and merging[12] is None
    con = duckdb.connect(str(db), read_only=True)
    try:
        versions = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
    finally:
        con.close()
    assert versions == (max(m.version for m in load_migrations()),)


def test_a_run_whose_staged_batch_another_run_merged_counts_it(tmp_path: Path) -> None:
    """A run locked out at its start stages its first batch; the lock frees, a run of
    another source starts and merges that batch (its start merges the whole spool); the
    first run then ends with the lock and writes its own row. Before k41c that row
    counted only the 50 articles it stored itself: new 50 of 150, all new."""
    db = tmp_path / "shared.duckdb"
    articles = 150  # a first batch of 100 staged, then the gate holds the rest
    with BulkSite(articles, gate_after=120) as site_a, BulkSite(10) as site_b:
        sources_a = tmp_path / "a.toml"
        sources_a.write_text(site_a.sources_toml(), encoding="utf-8")
        sources_b = tmp_path / "b.toml"
        sources_b.write_text(site_b.sources_toml(name="other"), encoding="utf-8")
        holder = start_holder(db)
        try:
            cmd = [*ingest_cmd(sources_a, db)[:-1], "1"]
            run = subprocess.Popen(
                cmd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            assert run.stderr is not None
            seen = []
            for line in run.stderr:  # the progress line follows the staged file's rename
                seen.append(line)
                if "batch staged in" in line:
                    break
            assert spool_files(db), "".join(seen)
        finally:
            release(holder)
        other = _ingest(sources_b, db)  # its start merges the first run's batch
        assert other.returncode == 0, other.stderr
        assert spool_files(db) == []
        site_a.open_gate()
        _out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    assert stored(db) == (articles + 10, articles + 10)
    rows = {r[0]: r for r in _rows_by_source(db)}
    assert rows["bulk"][3:9] == (articles, articles, articles, 0, 0, 0)
    assert rows["bulk"][12] is None  # its own run wrote it
    assert rows["other"][3:9] == (10, 10, 10, 0, 0, 0)


def _rows_by_source(db: Path) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT source, run_id, status, discovered, fetched, new, updated, unchanged, "
            "failed, error, started_at, finished_at, merged_at FROM runs"
        ).fetchall()
    finally:
        con.close()
