"""A backfill's source lock held, judged without a clock (o48, as 019/020 judge runs).

``pressroom status`` says "a backfill holds it (pid N)" when a source's lock file names a
backfill whose process lives. Before o48 it judged that process by the lock file's mtime:
a process whose start time (/proc/stat's ``btime`` plus its start ticks) was more than
2 s after the file's mtime was "another process on a recycled pid". ``btime`` is the
kernel's now minus uptime: a clock stepped forward while the backfill holds the source
(NTP's first sync on a board without a real-time clock, a VM resumed) moved the process's
start after the file's mtime, and status stopped naming the live backfill. The lock file
now says its holder's boot id, start ticks and pid namespace after ``PID KIND RUN_ID``.

The step is simulated as in test_crashed_run_identity: the recorded time (here both lock
files' mtime) moved back by the step, which is what the comparison sees. Real holders
(``flows.locks.source_lock`` in a subprocess), real DuckDB files, ``pressroom status`` as
a subprocess; no sleeps.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli_run import run_cli
from tests.owner_process import can_unshare
from warehouse import open_warehouse
from warehouse.run_locks import file_lock_dir, lock_dir

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

ROOT = Path(__file__).resolve().parents[2]
STEP = timedelta(seconds=30)  # the clock stepped forward by this after the lock was taken

# Take source a's lock as a run of KIND (flows.locks), say so, hold it until stdin closes.
HOLDER = """
import sys
from pathlib import Path
from flows.locks import source_lock
with source_lock(Path(sys.argv[1]), 'a', sys.argv[2], 'fill-run') as held:
    print('held' if held else 'turned away', flush=True)
    sys.stdin.read()
"""


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A warehouse whose source ``a`` has a backfill's 'running' row (so status lists it);
    its own state folder (the inode-keyed lock), for this process and the subprocesses."""
    monkeypatch.setenv("PRESSROOM_STATE_DIR", str(tmp_path / "state"))
    path = tmp_path / "w.duckdb"
    with open_warehouse(path) as wh:
        wh.start_run("fill-run", ["a"], datetime.now(UTC), 1, kind="backfill")
    return path


def _hold(db: Path, kind: str = "backfill") -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), kind], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def _release(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None
    proc.stdin.close()
    proc.wait(timeout=60)


@pytest.fixture
def holder(db: Path) -> Iterator[subprocess.Popen[str]]:
    """A live backfill holding source a."""
    proc = _hold(db)
    try:
        yield proc
    finally:
        _release(proc)


def _lock_files(db: Path) -> list[Path]:
    inode = file_lock_dir(db)
    assert inode is not None
    return [lock_dir(db) / "a.lock", inode / "a.lock"]


def _step_clock(db: Path) -> None:
    """Both lock files written STEP earlier by the clock: what a step forward since shows."""
    for path in _lock_files(db):
        st = path.stat()
        back = STEP.total_seconds()
        os.utime(path, (st.st_atime - back, st.st_mtime - back))


def _rewrite(db: Path, edit: object) -> None:
    """Each lock file's words replaced by ``edit(words)``, its mtime now (the holder's
    write, as a release that wrote those words would have made it)."""
    for path in _lock_files(db):
        words = path.read_text().split()
        path.write_text(" ".join(edit(words)))  # type: ignore[operator]


def _held_line(db: Path) -> str | None:
    """The line of `pressroom status` naming a backfill that holds a, if any."""
    done = run_cli("status", "--db", str(db), "--verbose", timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    found = re.search(r"^a: a backfill holds it \(pid (\d+)\).*$", done.stdout, re.MULTILINE)
    return found.group(1) if found else None


def test_a_clock_stepped_forward_keeps_a_live_backfill_held(
        db: Path, holder: subprocess.Popen[str]) -> None:
    _step_clock(db)
    assert _held_line(db) == str(holder.pid)  # main: no line (judged 'recycled')


def test_the_lock_file_names_its_holders_process(
        db: Path, holder: subprocess.Popen[str]) -> None:
    from warehouse.crashed_runs import pid_namespace, process_identity

    identity = process_identity(holder.pid)
    assert identity is not None
    for path in _lock_files(db):
        assert path.read_text().split() == [
            str(holder.pid), "backfill", "fill-run", f"boot={identity[0]}",
            f"ticks={identity[1]}", f"ns={pid_namespace()}"]


def test_a_recycled_pid_is_not_the_holder(db: Path, holder: subprocess.Popen[str]) -> None:
    # The pid is alive and began before the file was written (by the clock it fits); its
    # start ticks are not the holder's: another process took the pid.
    _rewrite(db, lambda w: [*w[:4], f"ticks={int(w[4].split('=')[1]) - 100}", *w[5:]])
    assert _held_line(db) is None  # main: held (by the clock, the pid fits)


def test_another_boot_id_is_a_reboot(db: Path, holder: subprocess.Popen[str]) -> None:
    _rewrite(db, lambda w: [*w[:3], "boot=00000000-0000-4000-8000-000000000000", *w[4:]])
    assert _held_line(db) is None  # main: held


# -- guards: as before o48 ----------------------------------------------------------------


def test_a_live_backfill_is_held(db: Path, holder: subprocess.Popen[str]) -> None:
    assert _held_line(db) == str(holder.pid)


def test_a_dead_holder_is_not_held(db: Path) -> None:
    _release(_hold(db))  # the file still names it; its process has ended
    assert (lock_dir(db) / "a.lock").read_text().split()[1] == "backfill"
    assert _held_line(db) is None


def test_an_ingest_holding_the_source_is_not_a_backfill(db: Path) -> None:
    proc = _hold(db, "ingest")
    try:
        assert _held_line(db) is None
    finally:
        _release(proc)


def test_a_lock_file_of_an_earlier_release_is_read_by_the_clock(
        db: Path, holder: subprocess.Popen[str]) -> None:
    # PID KIND RUN_ID only (before o48): judged by its mtime, as before; a step makes it
    # look like a recycled pid (the holder's next write names its process).
    _rewrite(db, lambda w: w[:3])
    assert _held_line(db) == str(holder.pid)
    _step_clock(db)
    assert _held_line(db) is None


def test_a_lock_without_a_run_id_is_written_as_before(db: Path) -> None:
    # A reparse's lock has no run id, so no owner either: a release before o48 (which
    # takes the third word for the run id) reads none.
    script = ("import sys; from pathlib import Path; from flows.locks import source_lock\n"
              "with source_lock(Path(sys.argv[1]), 'a', 'reparse'):\n"
              "    print(open(sys.argv[2]).read(), flush=True)\n")
    done = subprocess.run([sys.executable, "-c", script, str(db), str(lock_dir(db) / "a.lock")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.split()[1:] == ["reparse"]


@pytest.mark.skipif(not can_unshare(), reason="needs pid namespaces")
def test_a_backfill_in_a_pid_namespace_is_judged_there(db: Path) -> None:
    # A backfill in a container keeping the host's filesystem (pid 1 there): the host
    # judges its process as it sees it (NSpid), as 020 judges a run's row, step or not.
    proc = subprocess.Popen(["unshare", "--pid", "--fork", "--mount-proc", sys.executable,
                             "-c", HOLDER, str(db), "backfill"], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        assert (lock_dir(db) / "a.lock").read_text().split()[0] == "1"
        _step_clock(db)
        assert _held_line(db) == "1"
        # Other start ticks: not its process (with identity alone, host's pid 1 is init).
        _rewrite(db, lambda w: [*w[:4], f"ticks={int(w[4].split('=')[1]) + 1}", *w[5:]])
        assert _held_line(db) is None
    finally:
        _release(proc)
