"""SIGKILL of an ingest takes its parse workers and resource tracker with it.

The descendants of a real ``pressroom ingest`` process are read from /proc
once its parse worker is up; pidfds are opened on each before the kill, so
the wait afterwards is exact (a pidfd turns readable when its process ends)
and bounded, with no sleeping.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.crash.bulk_site import BulkSite
from tests.crash.campaign import ingest_cmd

# Workers exit on their parent's death at once; the bound covers a loaded machine.
GONE_WITHIN = 30.0


def _parents() -> dict[int, int]:
    """pid -> parent pid of every process visible in /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue  # it ended while we looked
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        parents[int(entry)] = int(stat[stat.rindex(")") + 2:].split()[1])
    return parents


def descendants(pid: int) -> set[int]:
    """Children, grandchildren, ... of ``pid``."""
    parents = _parents()
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {p for p, pp in parents.items() if pp in frontier} - found
        found |= frontier
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "(gone)"


@pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="needs Linux pidfds")
def test_sigkill_of_ingest_leaves_no_worker_or_tracker_running(tmp_path: Path) -> None:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PRESSROOM_PARSE_WORKERS": "1"}
    # Articles after the first 5 are held until the site closes: the run stays busy.
    with BulkSite(60, gate_after=5) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        proc = subprocess.Popen(ingest_cmd(sources, tmp_path / "orphans.duckdb"), env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        pidfds: dict[int, int] = {}
        try:
            assert site.wait_served(5)
            deadline = time.monotonic() + 120
            kids: set[int] = set()
            # The parse worker and the multiprocessing resource tracker.
            while len(kids) < 2:
                assert time.monotonic() < deadline, f"no parse worker started: {kids}"
                try:
                    proc.wait(timeout=0.05)
                    pytest.fail(f"ingest ended before it was killed (exit {proc.returncode})")
                except subprocess.TimeoutExpired:
                    kids = descendants(proc.pid)
            for pid in kids:
                try:
                    pidfds[pid] = os.pidfd_open(pid)
                except ProcessLookupError:
                    continue  # already gone: nothing to wait for
            names = {pid: _cmdline(pid) for pid in pidfds}
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            alive = dict(pidfds)
            deadline = time.monotonic() + GONE_WITHIN
            while alive and time.monotonic() < deadline:
                ready, _, _ = select.select(list(alive.values()), [], [],
                                            deadline - time.monotonic())
                alive = {pid: fd for pid, fd in alive.items() if fd not in ready}
            assert not alive, {pid: names[pid] for pid in alive}
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            for fd in pidfds.values():
                with contextlib.suppress(ProcessLookupError):
                    signal.pidfd_send_signal(fd, signal.SIGKILL)  # clean up survivors
                os.close(fd)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="needs Linux pidfds")
def test_sigkill_of_a_prefect_ingest_leaves_no_temporary_prefect_server(tmp_path: Path) -> None:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PRESSROOM_PARSE_WORKERS": "1", "PREFECT_HOME": str(tmp_path / "prefect"),
           "PRESSROOM_PREFECT_SERVER": "off"}  # no long-lived server: Prefect starts its own
    env.pop("PREFECT_API_URL", None)
    with BulkSite(60, gate_after=5) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        cmd = [arg for arg in ingest_cmd(sources, tmp_path / "p.duckdb") if arg != "--no-prefect"]
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        pidfds: dict[int, int] = {}
        try:
            assert site.wait_served(5, timeout=400)  # the temporary server starts first
            kids = descendants(proc.pid)
            server = [pid for pid in kids if "prefect.server.api.server" in _cmdline(pid)]
            assert server, {pid: _cmdline(pid) for pid in kids}
            for pid in kids:
                with contextlib.suppress(ProcessLookupError):
                    pidfds[pid] = os.pidfd_open(pid)
            names = {pid: _cmdline(pid) for pid in pidfds}
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            alive = dict(pidfds)
            deadline = time.monotonic() + GONE_WITHIN
            while alive and time.monotonic() < deadline:
                ready, _, _ = select.select(list(alive.values()), [], [],
                                            deadline - time.monotonic())
                alive = {pid: fd for pid, fd in alive.items() if fd not in ready}
            # Before: the server (python -m uvicorn ... prefect.server.api.server) stayed.
            assert not alive, {pid: names[pid] for pid in alive}
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            for fd in pidfds.values():
                with contextlib.suppress(ProcessLookupError):
                    signal.pidfd_send_signal(fd, signal.SIGKILL)  # clean up survivors
                os.close(fd)
