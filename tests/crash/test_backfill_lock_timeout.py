"""``pressroom backfill --lock-timeout``, as ``ingest`` takes it (o42, issue 17).

A backfill had no such option: it waited the default 60 s for a held file at its start
and again at its end, whatever the user wanted (z41a's test took 65 s for it). It now
takes the option with ingest's check (``--lock-timeout``: 0 or more seconds, finite) and
its error line, and a flow run's parameter is checked as ingest's is
(:func:`flows.settings.check_lock_timeout`).

Real parts: ``pressroom`` subprocesses (with and without Prefect), a DuckDB file held by a
second process, the loopback bulk site. No sleeps.
"""

from __future__ import annotations

import asyncio
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from tests.cli_run import run_cli
from tests.crash.bulk_site import BulkSite
from tests.crash.test_lock import release, spool_files, start_holder, stored

ARTICLES = 10
SINCE = "2024-03-02"  # the bulk site's article 0 is of March 1: older, not stored
# A bound on a run that gives up after 1 s at its start and at its end: one that waited
# the default 60 s at either would exceed it (the test fails, it does not hang).
BOUND = 45.0


def _run(
    command: str, sources: Path, db: Path, *extra: str, api: str | None = None
) -> subprocess.CompletedProcess[str]:
    words = ["--source", "bulk", "--since", SINCE] if command == "backfill" else []
    prefect = [] if api else ["--no-prefect"]
    return run_cli(
        command,
        *prefect,
        "--sources",
        str(sources),
        "--db",
        str(db),
        *words,
        *extra,
        api=api,
        timeout=BOUND,
    )


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "soon", ""])
def test_a_bad_lock_timeout_is_ingests_one_error_line(tmp_path: Path, value: str) -> None:
    sources = tmp_path / "s.toml"
    sources.write_text(
        '[[source]]\nname = "bulk"\nfeeds = ["http://127.0.0.1:9/f.xml"]\n'
        "allow_private_network = true\n",
        encoding="utf-8",
    )
    lines = {}
    for command in ("ingest", "backfill"):
        db = tmp_path / f"{command}.duckdb"
        proc = _run(command, sources, db, f"--lock-timeout={value}")
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert "Traceback" not in proc.stderr and proc.stdout == "", proc.stderr
        errors = [line for line in proc.stderr.splitlines() if "error:" in line]
        assert len(errors) == 1 and proc.stderr.rstrip().endswith(errors[0]), proc.stderr
        assert not db.exists()
        lines[command] = errors[0]
    # Word for word ingest's line (argparse's usage above it names each command's options).
    assert lines["backfill"] == lines["ingest"].replace(
        "pressroom ingest", "pressroom backfill"  # the line and its --help hint (u54)
    ), lines
    assert lines["backfill"].startswith("pressroom backfill: error: argument --lock-timeout: ")


def _held_run(
    command: str, sources: Path, db: Path, api: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``command`` with ``--lock-timeout 1`` while a second process holds ``db`` throughout."""
    holder = start_holder(db)
    try:
        return _run(command, sources, db, "--lock-timeout", "1", api=api)
    finally:
        release(holder)


def _shape(proc: subprocess.CompletedProcess[str], db: Path) -> list[str]:
    """The lines of a held run that say what happened to the file (its path as DB)."""
    said = [line.replace(str(db), "DB") for line in proc.stderr.splitlines()]
    return [line for line in said if "DB" in line]


def test_a_backfill_held_out_with_a_short_timeout_ends_as_an_ingest_does(tmp_path: Path) -> None:
    with BulkSite(ARTICLES) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        ingest_db, backfill_db = tmp_path / "ingest.duckdb", tmp_path / "backfill.duckdb"
        ingest = _held_run("ingest", sources, ingest_db)
        backfill = _held_run("backfill", sources, backfill_db)
        for proc, db in ((ingest, ingest_db), (backfill, backfill_db)):
            assert proc.returncode == 1, proc.stderr
            assert "Traceback" not in proc.stderr, proc.stderr
            # The batch, then the run's own row (z40c), wait in the spool.
            assert len(spool_files(db)) == 2, proc.stderr
        # The same lines: it fetches anyway, stages, and ends in one error line.
        assert _shape(backfill, backfill_db) == _shape(ingest, ingest_db)
        assert _shape(backfill, backfill_db)[-1] == (
            "pressroom: error: database DB is locked by another process; 2 batches are "
            "staged in DB.spool and will be merged by the next run"
        )
        # The next run merges the backfill's batch and its row.
        after = _run("backfill", sources, backfill_db, "--lock-timeout", "1")
        assert after.returncode == 0, after.stderr
    assert spool_files(backfill_db) == []
    assert stored(backfill_db) == (ARTICLES - 1, ARTICLES - 1)
    con = duckdb.connect(str(backfill_db), read_only=True)
    try:
        first = con.execute(
            "SELECT kind, status, new, merged_at IS NOT NULL FROM runs ORDER BY started_at LIMIT 1"
        ).fetchall()
    finally:
        con.close()
    assert first == [("backfill", "ok", ARTICLES - 1, True)]


def test_the_backfill_flow_takes_the_timeout_given(tmp_path: Path, prefect_api: str) -> None:
    """Through Prefect (the flow's parameter): the same end in the same time."""
    with BulkSite(ARTICLES) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        db = tmp_path / "flow.duckdb"
        proc = _held_run("backfill", sources, db, api=prefect_api)
    assert proc.returncode == 1, proc.stderr
    assert _shape(proc, db)[-1] == (
        "pressroom: error: database DB is locked by another process; 2 batches are "
        "staged in DB.spool and will be merged by the next run"
    ), proc.stderr
    assert len(spool_files(db)) == 2


def test_a_flow_runs_bad_lock_timeout_fails_in_one_line(tmp_path: Path, prefect_api: str) -> None:
    """A flow run's parameter is not the CLI's: checked as ingest_flow checks its own."""
    from flows.ingest import backfill_flow

    sources = tmp_path / "s.toml"
    sources.write_text(
        '[[source]]\nname = "bulk"\nfeeds = ["http://127.0.0.1:9/f.xml"]\n'
        "allow_private_network = true\n",
        encoding="utf-8",
    )
    db = tmp_path / "p.duckdb"
    state = asyncio.run(
        backfill_flow(
            str(sources),
            str(db),
            "bulk",
            datetime(2024, 3, 2, tzinfo=UTC),
            lock_timeout=-1.0,
            return_state=True,
        )
    )
    assert state.is_failed(), state
    assert state.message == (
        "ConfigError: parameter 'lock_timeout' must be 0 or a finite number of seconds, not -1.0"
    ), state.message
    assert not db.exists()
