"""A killed ``pressroom index`` or ``stories --rebuild`` leaves its half-built copy
beside the real file (``<index>.new-...``, ``<sidecar>.rebuild-...``): the size of the
whole index. The next rebuild removes those of dead processes of this host, and keeps
those of a process still running and of another host (a shared folder).
The kills are real: ``strace`` sends SIGKILL on entry to the Nth rename.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.analyst.conftest import CliRunner
from tests.strace_kill import signalled_at, strace_works
from warehouse.leftovers import scratch_path

CALLS = "rename,renameat,renameat2"


def _killed(args: list[str], nth: int) -> int:
    """``python -m pressroom ARGS`` SIGKILLed on entry to its ``nth`` rename; exit code."""
    return signalled_at(args, CALLS, nth)


def _dead_pid() -> int:
    """The id of a process that has ended."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _scratch(folder: Path, name: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(name + "."))


@pytest.mark.skipif(not strace_works(), reason="needs a working strace")
@pytest.mark.parametrize(("command", "scratch_of"), [
    (["index"], "pressroom.search.duckdb"),
    (["stories", "--rebuild"], "pressroom.stories.sqlite"),
])
def test_a_killed_rebuild_leaves_nothing_after_the_next(
        db: Path, cli: CliRunner, command: list[str], scratch_of: str) -> None:
    args = [*command, "--db", str(db)]
    assert cli(*args).returncode == 0
    folder = db.parent
    left = set()
    for nth in range(1, 20):
        if _killed(args, nth) == 0:
            break
        left |= set(_scratch(folder, scratch_of))
    assert left, "no kill left a scratch copy: the test kills too early"
    proc = cli(*args)
    assert proc.returncode == 0, proc.stderr
    assert _scratch(folder, scratch_of) == []
    assert cli("search", "trafficking", "--db", str(db)).returncode == 0


def test_scratch_of_a_running_process_or_another_host_is_kept(
        db: Path, cli: CliRunner) -> None:
    index = db.parent / "pressroom.search.duckdb"
    mine = scratch_path(index, ".new-")  # this test process: running
    other_host = index.with_name(f"{index.name}.new-elsewhere.example-{_dead_pid()}")
    older_release = index.with_name(f"{index.name}.new-{_dead_pid()}")  # <marker><pid>
    for path in (mine, other_host, older_release):
        path.write_bytes(b"half an index")
    proc = cli("index", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert mine.exists() and other_host.exists()
    assert not older_release.exists()


def test_the_pid_probe_names_processes_only() -> None:
    # One probe (warehouse.leftovers.alive) serves scratch clean-up and runs' crash check:
    # 0 and negative ids name process groups, and an id past the kernel's range no process.
    from warehouse.crashed_runs import pid_alive
    from warehouse.leftovers import alive

    for probe in (alive, pid_alive):
        assert probe(os.getpid())
        assert not probe(0) and not probe(-1) and not probe(2**80)
        assert not probe(_dead_pid())


@pytest.mark.skipif(not strace_works(), reason="needs a working strace")
def test_a_killed_report_leaves_nothing_after_the_next(db: Path, cli: CliRunner) -> None:
    """``report`` killed on entry to its rename (the page written, not yet in place) left
    ``<out>.tmp-<pid>`` for good; the next report removes it, and an earlier release's
    ``<out>.tmp-<pid>`` of a dead process, but keeps a running process's."""
    out = db.parent / "site" / "report.html"
    args = ["report", "--db", str(db), "--out", str(out)]
    assert _killed(args, 1) != 0
    left = _scratch(out.parent, out.name)
    assert len(left) == 1 and left[0].startswith("report.html.tmp-"), left
    assert not out.exists()
    older_release = out.with_name(f"{out.name}.tmp-{_dead_pid()}")
    older_release.write_text("half a page")
    mine = scratch_path(out, ".tmp-")  # this test process: running
    mine.write_text("a page being written")
    proc = cli(*args)
    assert proc.returncode == 0, proc.stderr
    assert _scratch(out.parent, out.name) == [mine.name]
    assert "<title>Pressroom report" in out.read_text(encoding="utf-8")


def _immutable(path: Path, on: bool) -> bool:
    """``chattr [+-]i path``: True when it worked (root on a filesystem with attributes)."""
    flag = "+i" if on else "-i"
    done = subprocess.run(["chattr", flag, str(path)], capture_output=True, check=False)
    return done.returncode == 0


def test_a_dead_scratch_file_this_user_cannot_remove_is_left(db: Path, cli: CliRunner) -> None:
    """Another user's dead report scratch in a shared sticky folder (``/tmp``, a team's
    folder): unlinking it is refused (EPERM, made here by ``chattr +i`` as root). Before
    k37b ``report`` (and ``index``) failed on it with a PermissionError traceback and
    wrote no page, every time; now it is left, and the page written."""
    out = db.parent / "site" / "report.html"
    out.parent.mkdir()
    theirs = scratch_path(out, ".tmp-").with_name(f"{out.name}.tmp-{_dead_pid()}")
    theirs.write_text("another user's half page")
    if not _immutable(theirs, True):
        pytest.skip("needs chattr +i (root, a filesystem with attributes)")
    try:
        proc = cli("report", "--db", str(db), "--out", str(out))
    finally:
        _immutable(theirs, False)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "<title>Pressroom report" in out.read_text(encoding="utf-8")
    assert theirs.exists()
