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
import json
import re
import subprocess
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from flows.locks import source_lock
from tests.cli_run import run_cli
from tests.crash.bulk_site import BulkSite
from tests.crash.campaign import ingest_cmd
from tests.crash.test_backfill_holds import ARTICLES, HELD_AFTER, run_holding
from tests.site import PressSite
from tests.site.sources import write_sources_toml

HOLDER = "run-of-the-ingest-in-progress"


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, env=env, timeout=120)


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


def _ingest_holding(site: BulkSite, sources: Path, db: Path) -> AbstractContextManager[None]:
    """A real ingest holding its source mid-fetch (``run_holding``)."""
    return run_holding(site, ingest_cmd(sources, db))


def _bulk_backfill(sources: Path, db: Path) -> subprocess.CompletedProcess[str]:
    return _cli("backfill", "--no-prefect", "--sources", str(sources), "--db", str(db),
                "--source", "bulk", "--since", "2020-01-01")


def _status_json(db: Path) -> dict[str, object]:
    done = _cli("status", "--db", str(db), "--format", "json")
    assert done.returncode == 0, done.stderr
    (row,) = [r for r in json.loads(done.stdout) if r["source"] == "bulk"]
    return dict(row)


@pytest.mark.slow
def test_status_says_a_turned_away_backfill_is_still_to_run_until_one_runs(
        tmp_path: Path) -> None:
    """The morning after: `pressroom status` says the latest backfill of the source did
    nothing, which run held the source, and that it must be run again (text and JSON);
    a scheduled ingest since does not clear it, a backfill that runs does."""
    db = tmp_path / "p.duckdb"
    with BulkSite(ARTICLES, gate_after=HELD_AFTER) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(timeout=100.0), encoding="utf-8")
        with _ingest_holding(site, sources, db):
            turned_away = _bulk_backfill(sources, db)
        ingest = _cli(*ingest_cmd(sources, db)[3:])  # a scheduled run since: still to do
        morning = _cli("status", "--db", str(db))
        morning_json = _status_json(db)
        backfill = _bulk_backfill(sources, db)
        after = _cli("status", "--db", str(db))
        after_json = _status_json(db)
    assert turned_away.returncode == 4, turned_away.stderr
    assert ingest.returncode == 0, ingest.stderr
    con = duckdb.connect(str(db), read_only=True)
    try:
        (holder,) = con.execute("SELECT run_id FROM runs WHERE kind = 'ingest' "
                                "ORDER BY started_at LIMIT 1").fetchone() or ("?",)
        (skipped_at,) = con.execute("SELECT started_at FROM runs WHERE status = 'skipped'"
                                    ).fetchone() or (None,)
    finally:
        con.close()
    assert morning.returncode == 0, morning.stderr
    assert re.search(rf"^bulk: backfill \d\d-\d\d \d\d:\d\d UTC did nothing \(held by run "
                     rf"{re.escape(str(holder))}\): run it again$", morning.stdout,
                     re.M), morning.stdout
    assert morning_json["turned_away_backfills"] == 1, morning_json
    assert morning_json["turned_away_by"] == holder, morning_json
    assert isinstance(skipped_at, datetime)
    assert morning_json["last_turned_away_at"] is not None
    assert datetime.fromisoformat(str(morning_json["last_turned_away_at"])) == skipped_at
    assert backfill.returncode == 0, backfill.stderr
    assert after.returncode == 0, after.stderr
    assert "did nothing" not in after.stdout, after.stdout
    assert after_json["turned_away_backfills"] == 0, after_json
    assert after_json["turned_away_by"] is None and after_json["last_turned_away_at"] is None


async def _latest_run_of(flow_name: str) -> tuple[str | None, str | None, list[str]]:
    """The newest flow run of ``flow_name`` on the API: its state's name and message,
    and its log's lines."""
    from prefect import get_client
    from prefect.client.schemas.filters import (
        FlowFilter,
        FlowFilterName,
        LogFilter,
        LogFilterFlowRunId,
    )
    from prefect.client.schemas.sorting import FlowRunSort, LogSort

    async with get_client() as client:
        (run,) = await client.read_flow_runs(
            flow_filter=FlowFilter(name=FlowFilterName(any_=[flow_name])),
            sort=FlowRunSort.START_TIME_DESC, limit=1)
        logs = await client.read_logs(
            log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run.id])),
            sort=LogSort.TIMESTAMP_ASC)
    state = run.state
    return (state.name if state else None, state.message if state else None,
            [log.message for log in logs])


def test_through_prefect_the_cli_says_a_turned_away_source_once(
        press_site: PressSite, prefect_api: str, tmp_path: Path) -> None:
    """`pressroom backfill` and `pressroom ingest` through Prefect (no --no-prefect): the
    turned-away line is on stderr once, the CLI's own, as without Prefect; the Prefect
    run still has it as its state's message and a warning of its log."""
    sources = write_sources_toml(press_site, tmp_path / "s.toml", names=("belta",))
    db = tmp_path / "p.duckdb"
    args = ("--sources", str(sources), "--db", str(db))
    env = {"PREFECT_API_URL": prefect_api}
    with source_lock(db, "belta", "ingest", HOLDER) as ours:
        assert ours
        backfill = _cli("backfill", *args, "--source", "belta", "--since", "2019-01-01",
                        env=env)
    backfill_run = asyncio.run(_latest_run_of("backfill"))
    with source_lock(db, "belta", "backfill", HOLDER) as ours:
        assert ours
        ingest = _cli("ingest", *args, env=env)
    ingest_run = asyncio.run(_latest_run_of("ingest"))
    for done, run, words in ((backfill, backfill_run, "another run of belta is in progress"),
                             (ingest, ingest_run, "a backfill of belta holds it")):
        assert done.returncode == 4, done.stdout + done.stderr
        assert "Traceback" not in done.stderr
        lines = [line for line in done.stderr.splitlines() if words in line]
        assert len(lines) == 1, done.stderr
        assert lines[0].startswith("pressroom: warning: source belta skipped: "), lines
        said = lines[0].removeprefix("pressroom: warning: ")
        name, message, log = run
        assert (name, message) == ("Skipped", said), run
        assert said in log, log
