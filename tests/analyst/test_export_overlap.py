"""Two exports into one folder at once (two cron jobs, a person and a job).

README: an export "replaces only its own format's files in the months it writes".
Each export renames a month away then its new month in; one that came between those two
renames of another found no month there, so carried none of the other format's files,
and put its own month in place; the first then failed on its rename (the place taken)
and deleted the month it had renamed away: the month's Parquet files were gone (k36c).
Real processes: ``strace`` stops the first export (SIGSTOP) right after its first
rename, and the second on its first ``flock`` of ``articles/`` if it takes one, so the
order is the same on every run without a sleep.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.analyst.conftest import CliRunner
from tests.analyst.test_export_kill import _jsonl_ids, _layout, _parquet_ids
from tests.strace_kill import STRACE, strace_works

pytestmark = pytest.mark.skipif(not strace_works(), reason="needs a working strace")


def _stopped_export(db: Path, out: Path, *strace_args: str) -> subprocess.Popen[str]:
    assert STRACE is not None
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    return subprocess.Popen(
        [STRACE, "-f", "-qq", *strace_args, sys.executable, "-m", "pressroom", "export",
         "--db", str(db), "--out", str(out), "--format", "jsonl"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)


def _stopped_pid(proc: subprocess.Popen[str]) -> int | None:
    """The pid strace reports stopped, or None when the process ran to its end."""
    assert proc.stderr is not None
    for line in proc.stderr:
        if "--- SIGSTOP" in line:
            return int(line.split("]")[0].removeprefix("[pid").strip()) if line.startswith(
                "[pid") else proc.pid
    return None


def test_an_export_between_the_renames_of_another_costs_no_file(
        db: Path, tmp_path: Path, cli: CliRunner) -> None:
    out = tmp_path / "out"
    assert cli("export", "--db", str(db), "--out", str(out)).returncode == 0
    assert cli("export", "--db", str(db), "--out", str(out), "--format", "jsonl").returncode == 0
    expected, ids = _layout(out), _parquet_ids(out)
    renames = "rename,renameat,renameat2"
    first = _stopped_export(db, out, "-e", f"trace={renames}",
                            "-e", f"inject={renames}:signal=STOP:when=1")
    first_pid = _stopped_pid(first)
    assert first_pid is not None  # stopped with its first month renamed away
    second = _stopped_export(db, out, "-P", str(out / "articles"), "-e", "trace=flock",
                             "-e", "inject=flock:signal=STOP:when=1")
    second_pid = _stopped_pid(second)  # None: it never waited, and ran to its end
    os.kill(first_pid, signal.SIGCONT)
    first.communicate(timeout=120)
    assert first.returncode == 0
    if second_pid is not None:
        os.kill(second_pid, signal.SIGCONT)
    second.communicate(timeout=120)
    assert second.returncode == 0
    assert _layout(out) == expected
    assert _parquet_ids(out) == ids and _jsonl_ids(out) == ids
    assert sorted(p.name for p in out.iterdir()) == ["articles"]
    shutil.rmtree(out)
