"""w56: how ``pressroom serve`` stops once Prefect's runner has started, two ways no test
drove: a terminal's Ctrl-C, and its ``STOP_LIMIT`` bound firing.

README: Ctrl-C or SIGTERM stops serve, one line ``pressroom: serve stopped``, exit 0,
within 60 s of the signal, else ``pressroom: serve did not stop within 60 s of the signal;
exiting``, exit 1. SIGTERM was driven (f54, f55); Ctrl-C was driven only before the runner
started, and once it has, it lands in the runner's event loop (asyncio), not in the
runner's SIGTERM handler. The bound: a serve whose user's Prefect server hangs (frozen,
SIGSTOP: a paused VM, a wedged database) when the signal comes waits on it.

Real parts: ``pressroom serve`` subprocesses (their own local server, or the test's own
``prefect server start``), the loopback press site, real signals.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from flows.serve import STOP_LIMIT, _free_port
from tests.output_lines import OutputLines
from tests.own_prefect_server import start_prefect_server, stop_prefect_server
from tests.serve_run import Serve, serve_env
from tests.site import PressSite
from tests.site.sources import write_sources_toml

SERVING = "being served"  # Prefect's runner has started
DEADLINE = 90.0  # serve's STOP_LIMIT is 60 s after the signal; systemd kills at 90 s


def _serve(sources: Path, db: Path, env: dict[str, str]) -> Serve:
    """``pressroom serve`` in a session of its own (its group is a terminal's)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "pressroom", "serve", "--sources", str(sources), "--db",
         str(db)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True)
    return Serve(proc, env, OutputLines(proc.stdout))


def _ended(serve: Serve, timeout: float) -> tuple[int, str]:
    """Its exit status and whole output, once it ends within ``timeout`` s."""
    try:
        code = serve.proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(serve.proc.pid, signal.SIGKILL)
        serve.proc.wait()
        pytest.fail(f"serve did not end within {timeout:.0f} s of the signal:\n"
                    f"{''.join(serve.seen + serve.lines.rest())}")
    return code, "".join(serve.seen + serve.lines.rest())


@pytest.mark.slow
@pytest.mark.parametrize("to_group", [False, True], ids=["process", "group"])
def test_ctrl_c_once_the_runner_has_started(tmp_path: Path, to_group: bool) -> None:
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                     schedule="0 0 1 1 *")
        serve = _serve(sources, tmp_path / "w.duckdb", serve_env(tmp_path))
        try:
            serve.wait_for(SERVING)
            if to_group:  # a terminal's Ctrl-C
                os.killpg(serve.proc.pid, signal.SIGINT)
            else:
                serve.proc.send_signal(signal.SIGINT)
            code, said = _ended(serve, DEADLINE)
        finally:
            if serve.proc.poll() is None:
                os.killpg(serve.proc.pid, signal.SIGKILL)
                serve.proc.wait()
    assert "Traceback" not in said, said
    ours = [line for line in said.splitlines() if line.startswith("pressroom: ")]
    assert ours[-1] == "pressroom: serve stopped", said
    assert code in (0, 130), said


@pytest.mark.slow
def test_serve_ends_at_its_stop_limit_when_its_server_hangs(tmp_path: Path) -> None:
    port = _free_port()
    env = {**serve_env(tmp_path), "PREFECT_API_URL": f"http://127.0.0.1:{port}/api"}
    server = start_prefect_server(port, env)
    try:
        with PressSite() as site:
            sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                         schedule="0 0 1 1 *")
            serve = _serve(sources, tmp_path / "w.duckdb", env)
            try:
                serve.wait_for(SERVING)
                os.killpg(server.pid, signal.SIGSTOP)  # it hangs: takes, never answers
                serve.proc.send_signal(signal.SIGTERM)
                code, said = _ended(serve, STOP_LIMIT + 60)
            finally:
                if serve.proc.poll() is None:
                    os.killpg(serve.proc.pid, signal.SIGKILL)
                    serve.proc.wait()
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGCONT)
        stop_prefect_server(server)
    assert "Traceback" not in said, said
    ours = [line for line in said.splitlines() if line.startswith("pressroom: ")]
    assert ours[-1] == (f"pressroom: serve did not stop within {STOP_LIMIT:.0f} s of the "
                        "signal; exiting"), said
    assert code == 1, said
