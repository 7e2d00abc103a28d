"""Parts of the multi-host tests: a gated, timed press site, a Prefect server, workers."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from tests.hosts.netns import Hosts
from tests.site.responses import Response
from tests.site.server import PressSite

SERVER_START = 240.0  # a loaded two-core machine needs well over a minute


class TimedSite(PressSite):
    """The press site, recording when each request arrived; ``robots.txt`` answers can
    be held at a gate (arrival is recorded before the gate) so runs overlap for sure."""

    def __init__(self, host: str) -> None:
        self.arrivals: list[tuple[float, str]] = []
        self.gate = threading.Event()
        self.gate.set()
        self._held: list[str] = []  # User-Agent of each request waiting at the gate
        self._count = threading.Lock()
        super().__init__(host=host)

    @property
    def held(self) -> list[str]:
        """The User-Agents of the requests now waiting at the gate."""
        with self._count:
            return list(self._held)

    def _handle(self, method: str, raw_path: str, headers: dict[str, str]) -> Response:
        agent = headers.get("user-agent", "")
        with self._count:
            self.arrivals.append((time.monotonic(), raw_path))
            held = raw_path == "/robots.txt" and not self.gate.is_set()
            if held:
                self._held.append(agent)
        if held:
            self.gate.wait(SERVER_START)
            with self._count:
                self._held.remove(agent)
        return super()._handle(method, raw_path, headers)


def free_port(address: str) -> int:
    with socket.socket() as sock:
        sock.bind((address, 0))
        return int(sock.getsockname()[1])


def poll(check: Callable[[], bool], what: str, deadline: float) -> None:
    """Return once ``check()`` holds; fail with ``what`` after ``deadline`` seconds."""
    end = time.monotonic() + deadline
    while not check():
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {deadline:.0f} s waiting for {what}")
        time.sleep(0.2)


class Process:
    """A child process in its own session (so its children stop with it), output to a file."""

    def __init__(self, argv: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("wb") as out:
            self.proc = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True)

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.proc.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue


def deploy_then_worker(env: dict[str, str], pool: str, sources: Path, db: Path,
                       worker: list[str], log: Path,
                       worker_env: dict[str, str] | None = None) -> Process:
    """``pressroom deploy`` of ``sources`` (into ``db``) on ``pool``, asserted to succeed,
    then ``worker`` (the words after ``python -m``: ``["pressroom", "worker"]``,
    ``["prefect", "worker", "start"]``) polling that pool in ``env`` with ``worker_env``
    on top, its output in ``log``."""
    deployed = subprocess.run(
        [sys.executable, "-m", "pressroom", "deploy", "--pool", pool, "--sources",
         str(sources), "--db", str(db)], env=env, capture_output=True, text=True,
        timeout=300, check=False)
    assert deployed.returncode == 0, deployed.stderr
    return Process([sys.executable, "-m", *worker, "--pool", pool],
                   {**env, **(worker_env or {})}, log)


def base_env(home: Path, api: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_WORKER_QUERY_SECONDS="1", NO_PROXY="*")
    if api:
        env["PREFECT_API_URL"] = api
    return env


def start_server(hosts: Hosts, tmp: Path) -> tuple[Process, str]:
    """A real ``prefect server start`` on the bridge address; returns it and its API URL."""
    address = hosts.server_address
    port = free_port(address)
    prefect = str(Path(sys.executable).parent / "prefect")
    server = Process([prefect, "server", "start", "--host", address, "--port", str(port)],
                     base_env(tmp / "server-home"), tmp / "server.log")
    api = f"http://{address}:{port}/api"

    def healthy() -> bool:
        if server.proc.poll() is not None:
            raise AssertionError(f"prefect server exited:\n{server.output()[-3000:]}")
        try:
            return httpx.get(f"{api}/health", timeout=2.0, trust_env=False).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        poll(healthy, "the Prefect server to answer", SERVER_START)
    except BaseException:
        server.stop()
        raise
    return server, api


def worker_argv(hosts: Hosts, i: int, pool: str, private_dir: Path | None,
                shared_dir: Path) -> list[str]:
    """``pressroom worker`` on host ``i``; with namespaces, the warehouse's lock folder is
    this host's own (a bind mount), as on separate machines: only the cluster limits
    can keep two hosts from running one source."""
    cmd = [sys.executable, "-m", "pressroom", "worker", "--pool", pool, "--name", f"host{i}",
           "--limit", "1"]
    if private_dir is None or not hosts.namespaced:
        return hosts.command(i, cmd)
    script = 'mount --bind "$1" "$2" && shift 2 && exec "$@"'
    return hosts.command(i, ["sh", "-c", script, "sh", str(private_dir), str(shared_dir), *cmd])


def api_call(method: str, url: str, body: dict[str, Any] | None = None) -> Any:
    """One Prefect REST call, retried while a loaded server answers 503/429 (as its
    own client does); returns the decoded JSON."""
    end = time.monotonic() + 120.0
    while True:
        try:
            response = httpx.request(method, url, json=body, timeout=30.0, trust_env=False)
            if response.status_code not in (429, 503):
                response.raise_for_status()
                return response.json()
        except httpx.TransportError:
            pass
        if time.monotonic() > end:
            raise AssertionError(f"the Prefect server kept failing {method} {url}")
        time.sleep(0.5)


def flow_states(api: str, ids: list[str]) -> list[str]:
    """The state types of these flow runs (RUNNING, COMPLETED...)."""
    return [str(api_call("GET", f"{api}/flow_runs/{run_id}")["state"]["type"]) for run_id in ids]


def trigger(api: str, deployment: str, parameters: dict[str, Any] | None = None) -> str:
    """Create a flow run of ``deployment`` (``ingest/belta``) now; return its id."""
    found = api_call("GET", f"{api}/deployments/name/{deployment}")
    made = api_call("POST", f"{api}/deployments/{found['id']}/create_flow_run",
                    {"parameters": parameters or {}})
    return str(made["id"])
