"""A ``prefect server start`` of the test's own, which it can stop and start again on its
port and database (a user's server restarted: v55's serve, w56's worker)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from tests.hosts.cluster import poll

PREFECT = str(Path(sys.executable).parent / "prefect")


def start_prefect_server(port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """The server on 127.0.0.1:``port`` (its database in ``env``'s PREFECT_HOME), once it
    answers; in a session of its own."""
    server = subprocess.Popen([PREFECT, "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)

    def healthy() -> bool:
        try:
            return httpx.get(f"http://127.0.0.1:{port}/api/health",
                             timeout=2.0).status_code == 200
        except httpx.HTTPError:
            return False

    poll(healthy, "the Prefect server to answer", 240.0)
    return server


def stop_prefect_server(server: subprocess.Popen[bytes]) -> None:
    """Gone at once (SIGKILL to its session), as a host's crash or a restart's kill."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
