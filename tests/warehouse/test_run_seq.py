"""Runs in the order the warehouse numbered them, not by a clock (migration 018, o46).

``runs.run_seq`` is given by the writer when a run's first row is written, in that
write's transaction; ``status``, ``status --retries`` and ``health``'s clock check take
"latest" from it. Each test writes runs in one order while ``started_at`` (this host's
clock) says another, or says nothing (two runs in one second). Real DuckDB files and a
DuckDB-catalog lake (conftest.file_or_lake); no sleeps.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from tests.cli_run import refused_then_migrated, run_cli
from warehouse import RunCounts, Warehouse, health
from warehouse.clock_votes import MIN_SITES
from warehouse.records import SourceEnd
from warehouse.schema import apply_migrations, load_migrations

NOW = datetime(2026, 12, 6, 5, 0, tzinfo=UTC)
DAY = 86400
DEAD_PID = 2**22 + 7  # above pid_max's default: no such process


@pytest.fixture
def wh(file_or_lake: Warehouse) -> Warehouse:
    return file_or_lake  # conftest: a DuckDB file, then a lake


def _run(wh: Warehouse, run_id: str, sources: list[str], started: datetime,
         votes: list[tuple[str, int] | None] | None = None) -> None:
    wh.start_run(run_id, sources, started, pid=1)
    wh.finish_runs(run_id, [SourceEnd(s, RunCounts(fetched=1), "ok",
                                      vote=None if votes is None else votes[i])
                            for i, s in enumerate(sources)],
                   started + timedelta(seconds=1), started_at=started)


def _numbers(wh: Warehouse) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {}
    for run_id, seq in wh.query("SELECT run_id, run_seq FROM runs").rows:
        found.setdefault(str(run_id), set()).add(int(seq))
    return found


def _last(wh: Warehouse, source: str) -> str | None:
    return next(st.last_run_id for st in wh.status() if st.source == source)


def test_two_runs_in_one_second_are_in_the_order_written(wh: Warehouse) -> None:
    # Same started_at: the clock cannot tell them apart, and run_id ("zz" > "aa") used to
    # decide. The run written second is the latest.
    _run(wh, "zz-first", ["a"], NOW)
    _run(wh, "aa-second", ["a"], NOW)
    assert _numbers(wh) == {"zz-first": {1}, "aa-second": {2}}
    assert _last(wh, "a") == "aa-second"


def test_a_clock_set_back_does_not_hide_the_runs_after_it(wh: Warehouse) -> None:
    _run(wh, "right", ["a", "b"], NOW)
    _run(wh, "set-back", ["a"], NOW - timedelta(days=2))  # this host's clock two days slow
    assert _last(wh, "a") == "set-back"
    assert _last(wh, "b") == "right"


def test_a_runs_rows_share_one_number_however_they_are_written(wh: Warehouse) -> None:
    _run(wh, "first", ["a", "b", "c"], NOW)
    # A run the warehouse refused to its end: its rows come one by one from the merge.
    for source in ("a", "b"):
        wh.finish_run("staged", source, RunCounts(), "ok", None, NOW + timedelta(minutes=1),
                      started_at=NOW, merged_at=NOW + timedelta(minutes=5))
    # Every source turned away: record_held writes its only rows.
    wh.record_held("turned", ["a", "b"], NOW + timedelta(minutes=6), 2, status="skipped")
    # A restarted run keeps its number.
    wh.start_run("first", ["a"], NOW + timedelta(minutes=7), pid=1)
    assert _numbers(wh) == {"first": {1}, "staged": {2}, "turned": {3}}


def test_a_staged_run_is_numbered_when_the_merge_writes_it(wh: Warehouse) -> None:
    # The run staged while the warehouse was locked (started first) is written after a
    # later run that wrote its rows directly: it is numbered then, and is the source's
    # latest run until the next (the order in which the warehouse learned of them,
    # warehouse/run_seq.py: left so).
    _run(wh, "direct", ["a"], NOW + timedelta(minutes=10))
    wh.finish_run("staged", "a", RunCounts(), "ok", None, NOW + timedelta(minutes=2),
                  started_at=NOW, merged_at=NOW + timedelta(minutes=30))
    assert _numbers(wh) == {"direct": {1}, "staged": {2}}
    assert _last(wh, "a") == "staged"
    _run(wh, "next", ["a"], NOW + timedelta(hours=1))
    assert _last(wh, "a") == "next"


def test_held_runs_since_the_last_run_are_counted_by_number(wh: Warehouse) -> None:
    # A backfill ran; the clock was then set back a day and a backfill held two
    # scheduled runs: their started_at is before the backfill's, yet they came after.
    _run(wh, "fill", ["a"], NOW)
    wh.record_held("sched1", ["a"], NOW - timedelta(days=1), 2)
    wh.record_held("sched2", ["a"], NOW - timedelta(days=1, minutes=-5), 3)
    (st,) = [s for s in wh.status() if s.source == "a"]
    assert (st.last_run_id, st.held_runs) == ("fill", 2)


def test_the_retry_list_reads_the_latest_run_by_number(wh: Warehouse) -> None:
    # The run after a clock set back failed on a URL; the one before (a later started_at)
    # did not ask it. 'next_run' lists the failures of the source's latest run.
    _run(wh, "right", ["a"], NOW)
    wh.start_run("set-back", ["a"], NOW - timedelta(days=2), os.getpid())
    wh.query(
        "INSERT INTO fetch_log (run_id, source, url, started_at, attempt, error_class, "
        "older_page) VALUES ('set-back', 'a', 'https://a.test/1', ?, 1, 'FetchTimeout', false)",
        [NOW - timedelta(days=2)])
    wh.finish_run("set-back", "a", RunCounts(failed=1), "partial", None,
                  NOW - timedelta(days=2) + timedelta(minutes=1))
    assert [(r[1], r[2]) for r in wh.retry_list().rows] == [("next_run", "https://a.test/1")]


def test_a_killed_run_is_numbered_and_the_next_run_comes_after_it(wh: Warehouse) -> None:
    _run(wh, "before", ["a", "b", "c"], NOW, [("x", 0), ("y", 0), ("z", 0)])
    wh.start_run("killed", ["a"], NOW + timedelta(minutes=5), pid=DEAD_PID)
    (st,) = [s for s in wh.status() if s.source == "a"]
    assert (st.last_run_id, st.status) == ("killed", "crashed")
    found = wh.clock_evidence(MIN_SITES)  # a killed run has no votes: the last word stands
    assert found is not None and found.run_id == "before"
    _run(wh, "after", ["a"], NOW - timedelta(hours=1))  # and a clock set back meanwhile
    assert _numbers(wh)["after"] == {3}
    assert _last(wh, "a") == "after"


def test_the_clock_check_reads_only_the_latest_runs(
    wh: Warehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(health, "RECENT_RUNS", 3)
    _run(wh, "said", ["a", "b", "c"], NOW, [("x", 2 * DAY), ("y", 2 * DAY), ("z", 2 * DAY)])
    for n in range(2):  # runs of one site: they neither raise nor clear it
        _run(wh, f"one-{n}", ["a"], NOW + timedelta(hours=n + 1), [("x", 0)])
    found = wh.clock_evidence(MIN_SITES)
    assert found is not None and found.run_id == "said"
    _run(wh, "one-2", ["a"], NOW + timedelta(hours=3), [("x", 0)])
    # Three runs since: past the bound, no longer evidence of this host's clock now.
    assert wh.clock_evidence(MIN_SITES) is None


# -- migration 018 on a warehouse written before it ---------------------------------------

_OLD_RUNS = [  # (run_id, source, started_at): inserted in this order, not in time order
    ("b-run", "a", NOW + timedelta(hours=1)),
    ("b-run", "b", NOW + timedelta(hours=1, seconds=3)),
    ("c-run", "a", NOW),
    ("a-run", "b", NOW + timedelta(hours=1)),
]


def _old_file(db: Path) -> None:
    con = duckdb.connect(str(db))
    try:
        apply_migrations(con, [m for m in load_migrations() if m.version <= 17])
        for run_id, source, at in _OLD_RUNS:
            con.execute("INSERT INTO runs (run_id, source, started_at, finished_at, status, "
                        "kind) VALUES (?, ?, ?, ?, 'ok', 'ingest')", [run_id, source, at, at])
    finally:
        con.close()


def test_an_old_warehouse_is_numbered_by_started_at_then_run_id(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    _old_file(db)
    refused_then_migrated(db, "status", 18)
    con = duckdb.connect(str(db))
    try:
        rows = con.execute("SELECT run_id, source, run_seq FROM runs "
                           "ORDER BY run_seq, source").fetchall()
        assert rows == [("c-run", "a", 1), ("a-run", "b", 2), ("b-run", "a", 3),
                        ("b-run", "b", 3)]
        # A run written after the migration comes after every one numbered by it, though
        # this host's clock now says it began before all of them.
        wh = Warehouse(con)
        _run(wh, "new", ["b"], NOW - timedelta(days=1))
        assert _numbers(wh)["new"] == {4}
    finally:
        con.close()
    done = run_cli("status", "--db", str(db), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert {r["source"]: r["last_run_id"] for r in json.loads(done.stdout)} == {
        "a": "b-run", "b": "new"}


# -- two writers of one lake at once (PostgreSQL catalog: two hosts' sessions) -----------


def test_two_writers_of_one_lake_never_take_one_number(tmp_path: Path) -> None:
    # Each write transaction bumps write_token first; DuckLake fails the later of two
    # overlapping commits and the writer retries, reading the highest number again.
    # Measured without the bump: two overlapping inserts of max + 1 both committed.
    from concurrent.futures import ThreadPoolExecutor

    from tests.lakepg import running_postgres
    from warehouse.lake import LakeTarget, connect_lake, parse_target
    from warehouse.lake_schema import apply_lake_migrations

    with running_postgres() as pg:
        target = parse_target(pg.new_catalog(), str(tmp_path / "data"))
        assert isinstance(target, LakeTarget)
        setup = connect_lake(target)
        apply_lake_migrations(setup)
        setup.close()
        writers = [Warehouse(connect_lake(target), lake_target=target, lock_timeout=60)
                   for _ in range(2)]
        try:
            def runs(host: int) -> None:
                for n in range(12):
                    writers[host].start_run(f"h{host}-{n}", ["a", "b"], NOW, pid=1)

            with ThreadPoolExecutor(max_workers=2) as pool:
                for done in [pool.submit(runs, h) for h in range(2)]:
                    done.result(timeout=600)
            numbers = _numbers(writers[0])
        finally:
            for w in writers:
                w.close()
                w.connection.close()
    assert len(numbers) == 24 and all(len(n) == 1 for n in numbers.values())
    assert sorted(n for (n,) in numbers.values()) == list(range(1, 25))
