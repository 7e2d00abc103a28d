"""A killed ``pressroom index`` or ``stories --rebuild`` leaves its half-built copy
beside the real file (``<index>.new-...``, ``<sidecar>.rebuild-...``): the size of the
whole index. The next rebuild removes those of dead processes of this host, and keeps
those of a process still running and of another host (a shared folder).
The kills are real: ``strace`` sends SIGKILL on entry to the Nth rename.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.analyst.conftest import CliRunner
from warehouse.leftovers import scratch_path

STRACE = shutil.which("strace")
CALLS = "rename,renameat,renameat2"


def _strace_works() -> bool:
    if STRACE is None:
        return False
    probe = subprocess.run([STRACE, "-f", "-qq", "-o", os.devnull, "true"],
                           capture_output=True, check=False)
    return probe.returncode == 0


def _killed(args: list[str], nth: int) -> int:
    """``python -m pressroom ARGS`` SIGKILLed on entry to its ``nth`` rename; exit code."""
    assert STRACE is not None
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    return subprocess.run(
        [STRACE, "-f", "-qq", "-o", os.devnull, "-e", f"trace={CALLS}",
         "-e", f"inject={CALLS}:signal=KILL:when={nth}",
         sys.executable, "-m", "pressroom", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False).returncode


def _dead_pid() -> int:
    """The id of a process that has ended."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _scratch(folder: Path, name: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(name + "."))


@pytest.mark.skipif(not _strace_works(), reason="needs a working strace")
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
