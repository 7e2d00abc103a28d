"""Runs, crash marking, sources and status."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.warehouse.whtest import SOURCE, T0, make_article, make_batch
from warehouse import RunCounts, Warehouse
from warehouse.crashed_runs import pid_alive


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait(timeout=30)
    return proc.pid


def _runs(wh: Warehouse) -> list[tuple[object, ...]]:
    return wh.query(
        "SELECT run_id, source, status, pid, host, error FROM runs ORDER BY run_id, source"
    ).rows


def test_start_and_finish_run(wh: Warehouse) -> None:
    wh.start_run("r1", ["a", "b", "a"], T0, pid=os.getpid())
    host = socket.gethostname()
    assert _runs(wh) == [
        ("r1", "a", "running", os.getpid(), host, None),
        ("r1", "b", "running", os.getpid(), host, None),
    ]
    done = T0 + timedelta(minutes=3)
    wh.finish_run("r1", "a", RunCounts(10, 8, 3, 2, 3, 2), "ok", None, done)
    wh.finish_run("r1", "b", RunCounts(), "failed", "FeedError: bad XML", done)
    rows = wh.query(
        "SELECT source, status, started_at, finished_at, discovered, fetched, new, updated, "
        "unchanged, failed, error FROM runs ORDER BY source"
    ).rows
    assert rows == [
        ("a", "ok", T0, done, 10, 8, 3, 2, 3, 2, None),
        ("b", "failed", T0, done, 0, 0, 0, 0, 0, 0, "FeedError: bad XML"),
    ]


def test_finish_run_without_start_creates_the_row(wh: Warehouse) -> None:
    wh.finish_run("r1", "a", RunCounts(fetched=1), "ok", None, T0)
    assert wh.query("SELECT status, started_at, fetched FROM runs").rows == [("ok", T0, 1)]


def test_finish_run_rejects_running(wh: Warehouse) -> None:
    with pytest.raises(ValueError, match="status"):
        wh.finish_run("r1", "a", RunCounts(), "running", None, T0)


def test_mark_crashed_runs(wh: Warehouse) -> None:
    dead = _dead_pid()
    wh.start_run("dead", ["a", "b"], T0, pid=dead)
    # Started after this process did, as a real run of it would be.
    wh.start_run("alive", ["a"], datetime.now(UTC), pid=os.getpid())
    wh.start_run("finished", ["a"], T0, pid=dead)
    wh.finish_run("finished", "a", RunCounts(), "ok", None, T0)
    wh.start_run("elsewhere", ["a"], T0, pid=dead)
    wh.connection.execute("UPDATE runs SET host = 'other-host' WHERE run_id = 'elsewhere'")

    now = T0 + timedelta(hours=1)
    assert wh.mark_crashed_runs(now) == 2
    statuses = {(r[0], r[1]): r[2] for r in _runs(wh)}
    assert statuses == {
        ("dead", "a"): "crashed",
        ("dead", "b"): "crashed",
        ("alive", "a"): "running",
        ("finished", "a"): "ok",
        ("elsewhere", "a"): "running",  # cannot judge another host's pids
    }
    crashed = wh.query("SELECT finished_at, error FROM runs WHERE run_id = 'dead'").rows
    assert all(at == now and str(dead) in err for at, err in crashed)
    assert wh.mark_crashed_runs(now) == 0


def test_foreign_runs_are_crashed_only_when_stale(wh: Warehouse) -> None:
    wh.start_run("fresh", ["a"], T0, pid=1)
    wh.start_run("old", ["a"], T0 - timedelta(days=2), pid=1)
    wh.connection.execute("UPDATE runs SET host = 'container-1f2e'")
    assert wh.mark_crashed_runs(T0, stale_after=None) == 0
    assert wh.mark_crashed_runs(T0) == 1
    rows = wh.query("SELECT run_id, status, error FROM runs ORDER BY run_id").rows
    assert rows[0][:2] == ("fresh", "running")
    assert rows[1][:2] == ("old", "crashed") and "container-1f2e" in rows[1][2]


def test_pid_alive() -> None:
    assert pid_alive(os.getpid())
    assert not pid_alive(_dead_pid())
    assert not pid_alive(0)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_recycled_pid_started_after_the_run_is_not_its_owner(wh: Warehouse) -> None:
    # This test process is alive but started long after a run dated 2001.
    ancient = T0.replace(year=2001)
    assert not pid_alive(os.getpid(), since=ancient)
    wh.start_run("old", ["a"], ancient, pid=os.getpid())
    # Its row names this process as the owner (019: boot id and start ticks), which the
    # clock does not overrule; a row without them (written before 019) is judged by it.
    assert wh.mark_crashed_runs(T0) == 0
    wh.connection.execute("UPDATE runs SET boot_id = NULL, pid_start_ticks = NULL")
    assert wh.mark_crashed_runs(T0) == 1


def test_upsert_sources_moves_updated_at_only_on_change(wh: Warehouse) -> None:
    wh.upsert_sources({"a": {"url": "https://a.test/feed", "every": 30}, "b": {}}, now=T0)
    later = T0 + timedelta(days=1)
    wh.upsert_sources({"a": {"every": 30, "url": "https://a.test/feed"}, "b": {"x": 1}}, now=later)
    rows = wh.query("SELECT name, config->>'$.every', updated_at FROM sources ORDER BY name").rows
    assert rows == [("a", "30", T0), ("b", None, later)]


def test_status(wh: Warehouse) -> None:
    wh.upsert_sources({SOURCE: {}, "quiet": {}}, now=T0)
    wh.write_batch(make_batch(make_article(1), make_article(2)))
    wh.start_run("r1", [SOURCE], T0, pid=os.getpid())
    wh.finish_run("r1", SOURCE, RunCounts(5, 3, 2, 0, 0, 1), "failed", "boom", T0)
    later = T0 + timedelta(hours=1)
    wh.start_run("r2", [SOURCE], later, pid=os.getpid())
    wh.finish_run("r2", SOURCE, RunCounts(2, 2, 0, 0, 2, 0), "ok", None, later)

    by_source = {s.source: s for s in wh.status()}
    assert sorted(by_source) == [SOURCE, "quiet"]
    ex = by_source[SOURCE]
    assert (ex.articles, ex.last_run_id, ex.status, ex.error) == (2, "r2", "ok", None)
    assert ex.counts == RunCounts(2, 2, 0, 0, 2, 0)
    assert (ex.last_error, ex.last_error_at) == ("boom", T0)
    quiet = by_source["quiet"]
    assert (quiet.articles, quiet.last_run_id, quiet.counts) == (0, None, RunCounts())
