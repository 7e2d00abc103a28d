"""f55 (u55): ``uv run pressroom serve`` stopped by SIGTERM to its whole process group, as
`timeout` and systemd's control-group kill stop it: "pressroom: serve stopped", exit 0, no
traceback, and its local Prefect server gone, within serve's ``STOP_LIMIT``.

Before, the local Prefect server serve started was in serve's process group, so the same
signal stopped it at once, under Prefect's runner still stopping: one stop in two printed a
websocket traceback (``ConnectionClosedError: received 1012``), one in five hung for minutes
with no stop line; and `uv run` passes the signal on, so the runner took two, the second
making it ``sys.exit`` in its event loop. Real parts: `uv run pressroom serve` (its own local
server), the loopback press site, a real SIGTERM to the group.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.output_lines import OutputLines
from tests.serve_run import Serve, serve_env
from tests.site import PressSite
from tests.site.sources import write_sources_toml

ROOT = Path(__file__).resolve().parent.parent
SERVING = "being served"  # Prefect's runner has started: its SIGTERM handler is in
DEADLINE = 90.0  # serve's STOP_LIMIT is 60 s after the signal; systemd kills at 90 s


def _server_pid(port: str) -> int:
    """The process of `prefect server start ... --port PORT`."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            words = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"server" in words and b"start" in words and port.encode() in words:
            return int(entry.name)
    raise AssertionError(f"no `prefect server start --port {port}` process")


def _gone_within(pid: int, timeout: float) -> bool:
    """True once ``pid`` has ended (its pidfd readable), within ``timeout`` s."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        readable, _, _ = select.select([fd], [], [], timeout)
        return bool(readable)
    finally:
        os.close(fd)


@pytest.mark.slow
def test_serve_under_uv_stops_on_sigterm_to_its_process_group(tmp_path: Path) -> None:
    uv = shutil.which("uv")
    assert uv is not None, "uv is not on PATH"
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                     schedule="0 0 1 1 *")
        proc = subprocess.Popen(
            [uv, "run", "--frozen", "pressroom", "serve", "--sources", str(sources),
             "--db", str(tmp_path / "w.duckdb")],
            env=serve_env(tmp_path), cwd=ROOT, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, start_new_session=True)
        serve = Serve(proc, {}, OutputLines(proc.stdout))
        seen = serve.seen
        try:
            port = serve.wait_for_api().rsplit(":", 1)[1].split("/")[0]
            server = _server_pid(port)
            serve.wait_for(SERVING)
            # Its own session: the group's signal is serve's alone, which stops it last.
            assert os.getpgid(server) != proc.pid, "the local server is in serve's group"
            os.killpg(proc.pid, signal.SIGTERM)  # as `timeout` and systemd send it
            try:
                code = proc.wait(timeout=DEADLINE)
            except subprocess.TimeoutExpired:
                pytest.fail(f"serve did not stop within {DEADLINE:.0f} s of the group's "
                            f"SIGTERM:\n{''.join(seen[-30:])}")
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    seen += serve.lines.rest()
    out = "".join(seen)
    assert code == 0, out
    assert [line for line in seen if line.startswith("pressroom: serve stopped")], out
    assert "Traceback" not in out, out
    assert _gone_within(server, 20.0), f"the local Prefect server (pid {server}) outlived serve"


@pytest.mark.slow
def test_the_local_server_ends_when_serve_is_killed(tmp_path: Path) -> None:
    """In its own session, the local server is still tied to serve: a SIGKILL of serve (no
    cleanup runs) ends it too, rather than leaving it serving on its port."""
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                     schedule="0 0 1 1 *")
        proc = subprocess.Popen(
            [sys.executable, "-m", "pressroom", "serve", "--sources", str(sources),
             "--db", str(tmp_path / "w.duckdb")],
            env=serve_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, start_new_session=True)
        serve = Serve(proc, {}, OutputLines(proc.stdout))
        try:
            server = _server_pid(serve.wait_for_api().rsplit(":", 1)[1].split("/")[0])
            proc.kill()
            proc.wait()
            gone = _gone_within(server, 30.0)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    if not gone:
        os.kill(server, signal.SIGKILL)
    assert gone, f"the local Prefect server (pid {server}) outlived a killed serve"
