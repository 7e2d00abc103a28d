"""h56: a held-out ``ingest`` says how many staged files wait, with the right plural.

A run that finds the file locked to its end stages its batches and its ``runs`` row (z40c)
in ``<db>.spool/`` and exits 1 with one line. That line said ``1 batch(es) are staged``
where two files waited (the batch and the row), and counted only this run's article
batches where an earlier held run's files waited too: all of them are merged by the next
run. It now says what waits in the spool: ``2 batches are staged``, then ``4 batches``.

Real parts: ``pressroom ingest`` subprocesses, a DuckDB file held by a second process, the
loopback bulk site.
"""

from __future__ import annotations

from pathlib import Path

from tests.cli_run import run_cli
from tests.crash.bulk_site import BulkSite
from tests.crash.test_lock import release, spool_files, start_holder, stored

ARTICLES = 5


def _last_line(stderr: str, db: Path) -> str:
    return stderr.rstrip().splitlines()[-1].replace(str(db), "DB")


def test_the_staged_line_counts_what_waits_in_the_spool(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    with BulkSite(ARTICLES) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        args = ("ingest", "--no-prefect", "--sources", str(sources), "--db", str(db),
                "--lock-timeout", "1")
        holder = start_holder(db)
        try:
            first = run_cli(*args, timeout=120)
            first_files = len(spool_files(db))
            second = run_cli(*args, timeout=120)
            second_files = len(spool_files(db))
        finally:
            release(holder)
        merged = run_cli(*args, timeout=120)
    for proc in (first, second):
        assert proc.returncode == 1, proc.stderr
        assert "Traceback" not in proc.stderr, proc.stderr
    assert (first_files, second_files) == (2, 4)  # a batch and the run's row, each run
    assert _last_line(first.stderr, db) == (
        "pressroom: error: database DB is locked by another process; 2 batches are "
        "staged in DB.spool and will be merged by the next run")
    assert _last_line(second.stderr, db) == (
        "pressroom: error: database DB is locked by another process; 4 batches are "
        "staged in DB.spool and will be merged by the next run")
    assert merged.returncode == 0, merged.stderr
    assert spool_files(db) == []
    assert stored(db) == (ARTICLES, ARTICLES)


def test_one_staged_file_is_one_batch() -> None:
    from flows.run import staged_words

    assert staged_words(1) == "1 batch is staged"
    assert staged_words(2) == "2 batches are staged"
    assert staged_words(0) == "0 batches are staged"
