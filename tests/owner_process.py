"""Processes for the tests of who holds a run or a lock: a live owner, pid namespaces."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def live_process() -> Iterator[int]:
    """The pid of a live process, an owner; it ends when its stdin closes, on leaving."""
    proc = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"],
                            stdin=subprocess.PIPE)
    try:
        yield proc.pid
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=60)


def can_unshare() -> bool:
    """Whether this host lets the tests make pid namespaces (``unshare --pid``)."""
    if shutil.which("unshare") is None or not Path("/proc/self/ns/pid").exists():
        return False
    done = subprocess.run(["unshare", "--pid", "--fork", "--mount-proc", "true"],
                          capture_output=True, check=False)
    return done.returncode == 0
