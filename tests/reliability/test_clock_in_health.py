"""`pressroom health` says when the latest run found this host's clock behind (o45).

o44 printed the warning in the run's summary and the flow's log, where nobody reads a
scheduled run. Each source's vote (its site, how far its servers' Date was ahead) is
now stored with its runs row (migration 017) and `health` prints the run's warning,
exits 1 as for a broken invariant, in every --format.

A machine clock cannot be set here: the servers run ahead instead (the same to the
fetcher), and a clock set back between runs is what `runs.started_at` then holds,
moved as the fast clock wrote it. Real loopback servers on 127.0.0.1-6 (each its own
site), real runs, the real CLI in subprocesses, real DuckDB files, no sleeps.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import duckdb
import pytest

from flows.config import SourceConfig
from flows.run import run_sources
from tests.cli_run import refused_then_migrated, run_cli
from tests.crash.test_lock import release, start_holder
from tests.reliability.fault_server import Conn, FaultServer, ok
from tests.reliability.test_ingest_faults import page, rss, source
from warehouse import RunCounts, Warehouse
from warehouse.schema import apply_migrations, load_migrations

AHEAD = timedelta(days=2)
RIGHT = timedelta(0)
SAID = "pressroom: warning: this host's clock looks"


@pytest.fixture
def sites() -> Iterator[list[FaultServer]]:
    """Six loopback servers, each on its own address (its own site)."""
    with ExitStack() as stack:
        yield [stack.enter_context(FaultServer(host=f"127.0.0.{i}")) for i in range(1, 7)]


def _date(ahead: timedelta | None) -> list[tuple[str, str]]:
    if ahead is None:
        return []
    return [("Date", format_datetime(datetime.now(UTC) + ahead, usegmt=True))]


def _serve(srv: FaultServer, name: str, ahead: timedelta | None) -> SourceConfig:
    """A feed and one article on ``srv``, every answer's Date ``ahead`` of our clock."""
    srv.route("/feed.xml", ok(rss([f"{srv.url}/a/{name}"]), "application/rss+xml", _date(ahead)))
    srv.route(f"/a/{name}", ok(page(f"Story of {name}"), headers=_date(ahead)))
    return source(name, srv.url_for("/feed.xml"))


def _run(db: Path, sources: list[SourceConfig]) -> str:
    run_id, reports = asyncio.run(run_sources(sources, db, as_tasks=False, lock_timeout=5.0))
    assert all(r.status == "ok" for r in reports), [(r.source, r.error) for r in reports]
    return run_id


def _toml(path: Path, sources: list[SourceConfig]) -> Path:
    path.write_text(
        "\n".join(
            f'[[source]]\nname = "{s.name}"\nfeeds = ["{s.feeds[0]}"]\n'
            "allow_private_network = true\nmin_delay = 0\nrespect_robots = false\n"
            for s in sources
        ),
        encoding="utf-8",
    )
    return path


def _health(db: Path, *args: str) -> tuple[int, list[str], str]:
    """``health``'s exit code, its clock lines on stderr, and its stdout."""
    done = run_cli("health", "--db", str(db), *args)
    assert "Traceback" not in done.stderr, done.stderr
    return (
        done.returncode,
        [ln for ln in done.stderr.splitlines() if ln.startswith(SAID)],
        done.stdout,
    )


def _move_runs(db: Path, run_id: str, by: timedelta) -> None:
    """Shift a run's times as a clock ``by`` off wrote them."""
    con = duckdb.connect(str(db))
    try:
        con.execute(
            "UPDATE runs SET started_at = started_at + to_seconds(?), "
            "finished_at = finished_at + to_seconds(?) WHERE run_id = ?",
            [by.total_seconds(), by.total_seconds(), run_id],
        )
    finally:
        con.close()


def test_health_says_the_runs_warning_and_exits_1_in_every_format(
    tmp_path: Path, sites: list[FaultServer]
) -> None:
    toml = _toml(
        tmp_path / "s.toml", [_serve(srv, f"s{i}", AHEAD) for i, srv in enumerate(sites[:4])]
    )
    db = tmp_path / "w.duckdb"
    done = run_cli("ingest", "--no-prefect", "--sources", str(toml), "--db", str(db))
    assert done.returncode == 0, done.stderr[-2000:]
    code, lines, _ = _health(db)
    assert code == 1 and len(lines) == 1, lines
    assert lines[0].startswith(f"{SAID} 2 days behind: 4 of 4 sites")
    assert "said by run " in lines[0] and "UTC by this host's clock" in lines[0]
    code, lines, out = _health(db, "--format", "json")
    assert code == 1 and len(lines) == 1
    assert sorted(r["source"] for r in json.loads(out)) == ["s0", "s1", "s2", "s3"]
    con = duckdb.connect(str(db), read_only=True)
    try:
        clock = con.execute("SELECT sites, ahead, ahead_median_s FROM run_clock").fetchall()
    finally:
        con.close()
    assert len(clock) == 1 and clock[0][:2] == (4, 4)
    assert abs(clock[0][2] - AHEAD.total_seconds()) < 120


@pytest.mark.parametrize(
    ("first", "then", "warns"),
    [
        ([RIGHT] * 4, None, False),  # an honest run: nothing
        ([timedelta(days=330), RIGHT, RIGHT, RIGHT], None, False),  # one hostile site
        ([AHEAD] * 3 + [RIGHT, None], None, True),  # 3 of 4 sites that sent a Date
        ([AHEAD] * 4, [RIGHT], True),  # a run of one source cannot clear it
        ([RIGHT] * 4, [timedelta(days=330)], False),  # nor one hostile source raise it
    ],
)
def test_the_latest_run_that_could_tell_decides(
    tmp_path: Path,
    sites: list[FaultServer],
    first: list[timedelta | None],
    then: list[timedelta | None] | None,
    warns: bool,
) -> None:
    db = tmp_path / "w.duckdb"
    said_by = _run(
        db,
        [_serve(srv, f"s{i}", off) for i, (srv, off) in enumerate(zip(sites, first, strict=False))],
    )
    if AHEAD in first:  # as this host's clock, two days slow, wrote it
        _move_runs(db, said_by, -AHEAD)
    if then is not None:
        _run(db, [_serve(sites[5], "late", then[0])])
    code, lines, _ = _health(db)
    assert (code, len(lines)) == ((1, 1) if warns else (0, 0)), lines
    if warns:
        assert f"said by run {said_by}," in lines[0]


def test_a_clock_set_back_is_said_though_older_runs_wrote_later_times(
    tmp_path: Path, sites: list[FaultServer]
) -> None:
    db = tmp_path / "w.duckdb"
    # While the clock was right: its rows carry the real time, two days after what
    # this host's clock says once set back.
    right = _run(db, [_serve(srv, f"s{i}", RIGHT) for i, srv in enumerate(sites[:4])])
    _move_runs(db, right, AHEAD)
    behind = _run(db, [_serve(srv, f"s{i}", AHEAD) for i, srv in enumerate(sites[:4])])
    code, lines, _ = _health(db)
    assert code == 1 and len(lines) == 1 and f"said by run {behind}," in lines[0]
    # Set right again: the rows the slow clock wrote are two days early; the next run
    # is the latest by the sites' clocks, and health says nothing.
    _move_runs(db, right, -AHEAD)
    _move_runs(db, behind, -AHEAD)
    _run(db, [_serve(srv, f"s{i}", RIGHT) for i, srv in enumerate(sites[:4])])
    assert _health(db)[:2] == (0, [])


def _old_file(db: Path) -> None:
    """A warehouse an earlier release wrote (migrations to 016), with a finished run."""
    con = duckdb.connect(str(db))
    try:
        apply_migrations(con, [m for m in load_migrations() if m.version <= 16])
        wh = Warehouse(con)
        at = datetime.now(UTC) - timedelta(hours=1)
        wh.start_run("old-run", ["old"], at, pid=1)
        wh.finish_run("old-run", "old", RunCounts(fetched=1), "ok", None, at)
    finally:
        con.close()


def test_an_old_warehouse_and_a_read_only_copy(tmp_path: Path, sites: list[FaultServer]) -> None:
    db = tmp_path / "old.duckdb"
    _old_file(db)
    refused_then_migrated(db, "health", 17)
    assert _health(db)[:2] == (0, [])  # no evidence yet: nothing said
    _run(db, [_serve(srv, f"s{i}", AHEAD) for i, srv in enumerate(sites[:4])])
    code, lines, _ = _health(db)
    assert code == 1 and len(lines) == 1
    # A read-only copy (a backup, another host's mount): read, never written.
    ro = tmp_path / "ro"
    ro.mkdir()
    shutil.copy(db, ro / "w.duckdb")
    (ro / "w.duckdb").chmod(0o444)
    ro.chmod(0o555)
    try:
        before = hashlib.sha256((ro / "w.duckdb").read_bytes()).hexdigest()
        code, copied, _ = _health(ro / "w.duckdb")
        assert code == 1 and copied == lines
        assert hashlib.sha256((ro / "w.duckdb").read_bytes()).hexdigest() == before
        assert sorted(p.name for p in ro.iterdir()) == ["w.duckdb"]
    finally:
        ro.chmod(0o755)


def test_rows_staged_while_the_file_was_held_keep_their_votes(
    tmp_path: Path, sites: list[FaultServer]
) -> None:
    db = tmp_path / "w.duckdb"
    toml = _toml(
        tmp_path / "s.toml", [_serve(srv, f"s{i}", AHEAD) for i, srv in enumerate(sites[:4])]
    )
    holder = start_holder(db)
    try:
        held = run_cli(
            "ingest",
            "--no-prefect",
            "--sources",
            str(toml),
            "--db",
            str(db),
            "--lock-timeout",
            "0.5",
        )
    finally:
        release(holder)
    assert held.returncode == 1 and "staged" in held.stderr, held.stderr[-2000:]
    # The next run (its servers send no Date) merges the staged rows, votes and all.
    quiet = _toml(tmp_path / "q.toml", [_serve(sites[5], "quiet", None)])
    done = run_cli("ingest", "--no-prefect", "--sources", str(quiet), "--db", str(db))
    assert done.returncode == 0, done.stderr[-2000:]
    code, lines, _ = _health(db)
    assert code == 1 and len(lines) == 1 and "4 of 4 sites" in lines[0]
    # o46: the staged run is numbered when the merge writes its rows, which the next run
    # does before it writes its own: the held run still comes first (warehouse/run_seq.py).
    con = duckdb.connect(str(db), read_only=True)
    try:
        order = con.execute("SELECT source, run_seq FROM runs ORDER BY run_seq, source").fetchall()
    finally:
        con.close()
    assert [source for source, _ in order] == ["s0", "s1", "s2", "s3", "quiet"]
    assert len({seq for _, seq in order}) == 2


def test_health_beside_a_run_and_after_a_kill(tmp_path: Path, sites: list[FaultServer]) -> None:
    db = tmp_path / "w.duckdb"
    _run(db, [_serve(srv, f"s{i}", RIGHT) for i, srv in enumerate(sites[:4])])  # honest
    gate = threading.Event()
    sources = [_serve(srv, f"t{i}", AHEAD) for i, srv in enumerate(sites[:4])]  # new URLs
    article = page("Story of t3")

    def held_back(conn: Conn) -> None:
        gate.wait(60)
        ok(article, headers=_date(AHEAD))(conn)

    sites[3].route("/a/t3", held_back)
    toml = _toml(tmp_path / "s.toml", sources)
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    cmd = [
        sys.executable,
        "-m",
        "pressroom",
        "ingest",
        "--no-prefect",
        "--sources",
        str(toml),
        "--db",
        str(db),
    ]
    try:
        # Killed half way: the run's rows stay 'running', with neither counters nor votes.
        killed = subprocess.Popen(
            cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        assert sites[3].wait_for_hits("/a/t3", 1, timeout=120)
        assert _health(db)[:2] == (0, [])  # beside the run: the honest run's word
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait(timeout=30)
        assert _health(db)[:2] == (0, [])
        # A run that ends while health reads: each read sees its votes whole or not at all.
        gate.set()
        running = subprocess.Popen(
            cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        seen = []
        while running.poll() is None:
            seen.append(_health(db)[:2])
        _, err = running.communicate(timeout=120)
        assert running.returncode == 0, err[-2000:]
    finally:
        gate.set()
    seen.append(_health(db)[:2])
    for code, lines in seen:
        assert (code, len(lines)) in ((0, 0), (1, 1)), seen
        assert not lines or lines[0].startswith(f"{SAID} 2 days behind: 4 of 4 sites")
    assert seen[-1][0] == 1
