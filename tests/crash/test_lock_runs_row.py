"""A run the warehouse refused from start to end still gets its ``runs`` row (z40c).

README: "A source a backfill held gets a `runs` row of its own ..., like every source of
a run". A run that found the file locked at start and still locked at its end staged its
batches and exited 1 without any row: the next run merged its articles, and no run said
it had fetched them. Now the row is staged after the batches and merged with them, and
says so: ``merged_at`` is when the merge wrote it (migration 016, o41), NULL in a row its
own run wrote. The row is written once: a crash between its commit and its spool file's
removal leaves the file to be merged again, which changes nothing (o41).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import duckdb

from flows.spool import Spool, verify
from tests.crash.bulk_site import BulkSite
from tests.crash.campaign import ingest_cmd
from tests.crash.test_lock import release, spool_files, start_holder, stored

ARTICLES = 40
ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
ROWS = (
    "SELECT run_id, status, kind, discovered, fetched, new, updated, unchanged, failed, "
    "error, started_at, finished_at, merged_at FROM runs ORDER BY started_at"
)


def _ingest(sources: Path, db: Path, lock_timeout: str = "30") -> subprocess.CompletedProcess[str]:
    cmd = [*ingest_cmd(sources, db)[:-1], lock_timeout]
    return subprocess.run(cmd, env=ENV, capture_output=True, text=True, timeout=120, check=False)


def _locked_out_run(site: BulkSite, tmp_path: Path, db: Path) -> Path:
    """A run that finds ``db`` held from its start to its end (exit 1, all staged)."""
    sources = tmp_path / "bulk.toml"
    sources.write_text(site.sources_toml(), encoding="utf-8")
    holder = start_holder(db)
    try:
        first = _ingest(sources, db, lock_timeout="1")
        assert first.returncode == 1, first.stderr
        assert spool_files(db)
    finally:
        release(holder)
    return sources


def readme_query() -> str:
    """README's query of the runs a later merge wrote, as written there."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        words = shlex.split(block, comments=True)
        for i in range(len(words) - 2):
            if words[i : i + 2] == ["pressroom", "sql"] and "merged_at IS NOT NULL" in words[i + 2]:
                return words[i + 2]
    raise AssertionError("README shows no query of the runs a merge wrote")


def _rows(db: Path) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(ROWS).fetchall()
    finally:
        con.close()


def test_a_run_locked_out_to_its_end_gets_its_runs_row_from_the_merge(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    with BulkSite(ARTICLES) as site:
        sources = _locked_out_run(site, tmp_path, db)
        second = _ingest(sources, db)
        assert second.returncode == 0, second.stderr
    assert stored(db) == (ARTICLES, ARTICLES)
    assert spool_files(db) == []
    rows = _rows(db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        versions = con.execute("SELECT count(DISTINCT run_id) FROM article_versions").fetchone()
    finally:
        con.close()
    # The locked-out run fetched and (through the merge) stored every article; the
    # second found them all stored. Its row keeps its own start, before its end.
    first_run, second_run = rows
    assert first_run[1:6] == ("ok", "ingest", ARTICLES, ARTICLES, ARTICLES)
    assert first_run[10] < first_run[11]
    assert second_run[1:3] == ("ok", "ingest") and second_run[5] == 0 and versions == (1,)
    # The first run exited 1 and its articles reached SQL when the second run merged
    # them: its row says so (merged_at, in the second run, after the first one ended);
    # the second run wrote its own row (NULL).
    merged_at = first_run[12]
    assert isinstance(merged_at, datetime)
    assert first_run[11] < second_run[10] <= merged_at <= second_run[11]
    assert second_run[12] is None
    # README's query finds that run, and only it.
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pressroom",
            "sql",
            "--db",
            str(db),
            "--format",
            "json",
            readme_query(),
        ],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert [(r["run_id"], r["status"], r["new"]) for r in found] == [(first_run[0], "ok", ARTICLES)]


def test_a_staged_row_merged_again_after_a_crash_keeps_its_counters(tmp_path: Path) -> None:
    """The crash window between the row's commit and its spool file's unlink: the file
    is put back as the crash leaves it (the same bytes, the same name) after the merge
    that wrote the row, and the next run merges it again."""
    db = tmp_path / "held.duckdb"
    with BulkSite(ARTICLES) as site:
        sources = _locked_out_run(site, tmp_path, db)
        key = Spool(db).key()
        staged = {p.name: p.read_bytes() for p in spool_files(db)}
        rows_files = {n: d for n, d in staged.items() if verify(d, key).run is not None}
        assert len(rows_files) == 1 and len(staged) > 1  # batches, then the row
        second = _ingest(sources, db)
        assert second.returncode == 0, second.stderr
        assert spool_files(db) == []
        written = _rows(db)
        assert written[0][3:9] == (ARTICLES, ARTICLES, ARTICLES, 0, 0, 0)
        spool_dir = Spool(db).dir
        for name, data in rows_files.items():  # what the crash leaves: row in, file still here
            (spool_dir / name).write_bytes(data)
        third = _ingest(sources, db)
        assert third.returncode == 0, third.stderr
    assert spool_files(db) == []
    again = _rows(db)
    # The same staged row merged twice is the same row: before o41, new 40 -> 0 (only
    # what the third run's merge found: nothing), merged_at moved to the third run.
    assert again[:2] == written
    assert stored(db) == (ARTICLES, ARTICLES)
