"""A backfill that another run turns away (an ingest of its source is in progress)
walks none of the history it was asked for, so it must not end as a clean run: one
line saying so, exit 4 (README "Exit codes"), a Prefect run named 'Skipped', and a
'skipped' runs row naming the holder. An ingest turned away the same way still exits
0: the run in progress does its work.

Real parts: the source lock a running ingest holds (``flows.locks.source_lock``, taken
in this process as that ingest does), `pressroom backfill --no-prefect` and
`pressroom ingest --no-prefect` subprocesses, a real Prefect flow run of ``backfill``,
the loopback press site, DuckDB files.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from flows.locks import source_lock
from tests.site import PressSite
from tests.site.sources import write_sources_toml

HOLDER = "run-of-the-ingest-in-progress"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    return subprocess.run([sys.executable, "-m", "pressroom", *args], env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def _runs(db: Path) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT kind, status, fetched, held_by FROM runs "
                           "ORDER BY started_at").fetchall()
    finally:
        con.close()


def test_a_backfill_turned_away_by_an_ingest_exits_4_and_says_it_did_nothing(
        press_site: PressSite, tmp_path: Path) -> None:
    sources = write_sources_toml(press_site, tmp_path / "s.toml", names=("belta",))
    db = tmp_path / "p.duckdb"
    with source_lock(db, "belta", "ingest", HOLDER) as ours:
        assert ours
        backfill = _cli("backfill", "--no-prefect", "--sources", str(sources), "--db", str(db),
                        "--source", "belta", "--since", "2019-01-01")
        ingest = _cli("ingest", "--no-prefect", "--sources", str(sources), "--db", str(db))
    assert backfill.returncode == 4, backfill.stdout + backfill.stderr
    assert "Traceback" not in backfill.stderr
    lines = [line for line in backfill.stderr.splitlines() if "belta" in line]
    assert len(lines) == 1, backfill.stderr
    assert re.fullmatch(r"pressroom: warning: source belta skipped: another run of belta is in "
                        r"progress \(pid \d+\); this backfill fetched nothing of it: run it "
                        r"again when that run ends", lines[0]), lines
    # The ingest turned away the same way: exit 0, its work is the running ingest's.
    assert ingest.returncode == 0, ingest.stdout + ingest.stderr
    assert _runs(db) == [("backfill", "skipped", 0, HOLDER), ("ingest", "skipped", 0, HOLDER)]


def test_the_backfill_flow_run_turned_away_is_named_skipped(
        press_site: PressSite, prefect_api: str, tmp_path: Path) -> None:
    from flows.ingest import backfill_flow

    sources = write_sources_toml(press_site, tmp_path / "s.toml", names=("belta",))
    db = tmp_path / "p.duckdb"
    with source_lock(db, "belta", "ingest", HOLDER) as ours:
        assert ours
        state = asyncio.run(backfill_flow(str(sources), str(db), "belta",
                                          datetime(2019, 1, 1, tzinfo=UTC), return_state=True))
    assert state.is_completed()
    assert state.name == "Skipped", state
    assert state.message is not None and "this backfill fetched nothing of it" in state.message
    assert _runs(db) == [("backfill", "skipped", 0, HOLDER)]
