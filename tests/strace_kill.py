"""Real kills at a chosen system call: ``strace`` sends a signal on entry to the Nth
call of a kind, to a real ``python -m pressroom`` process (the tests that use it are
skipped where strace is missing or may not trace, and say so)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

STRACE = shutil.which("strace")


def strace_works() -> bool:
    """Whether strace is here and may trace a child (not in every container)."""
    if STRACE is None:
        return False
    probe = subprocess.run([STRACE, "-f", "-qq", "-o", os.devnull, "true"],
                           capture_output=True, check=False)
    return probe.returncode == 0


def signalled_at(args: list[str], calls: str, nth: int, signal: str = "KILL") -> int:
    """``python -m pressroom ARGS`` sent ``signal`` on entry to its ``nth`` call among
    ``calls`` (strace's comma-separated names); its exit code."""
    assert STRACE is not None
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    return subprocess.run(
        [STRACE, "-f", "-qq", "-o", os.devnull, "-e", f"trace={calls}",
         "-e", f"inject={calls}:signal={signal}:when={nth}",
         sys.executable, "-m", "pressroom", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False).returncode
