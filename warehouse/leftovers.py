"""Scratch files beside a file being rebuilt, and the removal of those whose maker died.

``pressroom index`` builds the new search index in ``<index>.new-<tag>`` (spilling
into ``<index>.build-<tag>.tmp``) and ``stories --rebuild`` the new story sidecar in
``<sidecar>.rebuild-<tag>`` before renaming it into place, and ``report`` its page
in ``<out>.tmp-<tag>``. A process killed before
the rename (SIGKILL, out of memory, a job's time limit) left that copy behind, the
size of the whole index (about 1.9 GB at a million articles), and no later run
removed it. The tag is ``<host>-<pid>``: a later rebuild removes the scratch files
of processes of its own host that no longer run, and never another host's (an
index on a shared folder is built by one host while others read it).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
from pathlib import Path

_HOST = re.sub(r"[^A-Za-z0-9.]", "_", socket.gethostname()) or "host"


def scratch_path(target: Path, marker: str) -> Path:
    """``target``'s scratch sibling for this process: ``<name><marker><host>-<pid>``."""
    return target.with_name(f"{target.name}{marker}{_HOST}-{os.getpid()}")


def remove_dead(target: Path, marker: str) -> list[Path]:
    """Remove the scratch siblings of ``target`` (``scratch_path`` names, with any
    suffix such as ``.wal``, ``.tmp`` or ``-journal``; and the ``<marker><pid>`` names
    of earlier releases, read as this host's) whose process is not running on this
    host. Returns what was removed."""
    pattern = re.compile(re.escape(target.name + marker)
                         + r"(?:(?P<host>[A-Za-z0-9._]+)-)?(?P<pid>\d+)(?P<rest>.*)", re.DOTALL)
    removed = []
    for path in target.parent.glob(glob_escape(target.name + marker) + "*"):
        match = pattern.fullmatch(path.name)
        if match is None or match["host"] not in (None, _HOST):
            continue
        pid = int(match["pid"])
        if pid == os.getpid() or alive(pid):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError:  # another user's, in a shared sticky folder (k37b): left
                continue
        removed.append(path)
    return removed


def glob_escape(text: str) -> str:
    """``text`` with glob's special characters taken literally."""
    return re.sub(r"([*?\[])", r"[\1]", text)


def alive(pid: int) -> bool:
    """True if a process ``pid`` runs on this host (one of another user's included; the
    one probe of a pid, :func:`warehouse.crashed_runs.pid_alive` adds its start time)."""
    if pid <= 0:  # 0 and negative ids name process groups, not a process
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OverflowError:  # not a pid at all
        return False
    return True
