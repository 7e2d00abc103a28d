"""v55 (review of o55): ``serve`` lives through its Prefect server's restart.

README lets a user run their own ``prefect server start`` and export ``PREFECT_API_URL``;
such a server is restarted now and then (an upgrade, a reboot of its host). Prefect's
runner in ``serve`` polls it for scheduled runs in ``critical_service_loop``, which after
three failed polls in a row printed 'Failed the last 3 attempts', every error's traceback,
and raised ``RuntimeError('Service exceeded error threshold.')``: ``serve`` ended in
tracebacks some 30 s into the outage (10 s polls), and the schedules stopped until someone
started it again. Now ``serve`` says once that the server does not answer, goes on
polling, says when it answers again, and serves on: a run triggered after the restart is
done. o55's take-over watch, reading the server every 5 s, reports nothing meanwhile.
Real ``prefect server start`` (stopped and started again on its port and database), real
``serve`` subprocess, real run.
"""

from __future__ import annotations

import os
import queue
from pathlib import Path

import pytest

from flows.serve import _free_port
from tests.own_prefect_server import start_prefect_server, stop_prefect_server
from tests.serve_run import Serve, serving
from tests.site import PressSite
from tests.site.sources import write_sources_toml

DOWN = "does not answer"


def _next_of(serve: Serve, needles: tuple[str, ...], timeout: float) -> str:
    """The first line holding one of ``needles``; '' when serve's output ends first."""
    while True:
        try:
            line = serve.lines.get(timeout)
        except queue.Empty:
            pytest.fail(f"none of {needles} in serve output:\n{''.join(serve.seen[-40:])}")
        serve.seen.append(line)
        if any(needle in line for needle in needles):
            return line
        if serve.proc.poll() is not None and serve.lines.lines.empty():
            return ""


@pytest.mark.slow
def test_serve_lives_through_its_prefect_servers_restart(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               # a failed poll fails within seconds (5 retries: a minute each); a busy
               # server's 503 at serve's start is still retried
               PREFECT_CLIENT_MAX_RETRIES="2",
               PREFECT_RUNNER_POLL_FREQUENCY="2")  # three of them in seconds, not 30
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    db = tmp_path / "w.duckdb"
    server = start_prefect_server(port, env)
    try:
        with PressSite() as site:
            sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                         schedule="0 0 1 1 *")
            with serving(sources, {**env, "PREFECT_API_URL": api}, "--db", str(db)) as serve:
                serve.api = api
                serve.wait_for("ingest/belta")  # Prefect's table of what it serves
                stop_prefect_server(server)
                down = _next_of(serve, (DOWN, "Failed the last"), 120.0)
                assert down.startswith("pressroom: ") and DOWN in down, "".join(serve.seen)
                server = start_prefect_server(port, env)
                back = _next_of(serve, ("answers again",), 120.0)
                assert back.startswith("pressroom: "), "".join(serve.seen)
                done = serve.trigger("ingest/belta")
                assert serve.proc.poll() is None, "".join(serve.seen)
    finally:
        stop_prefect_server(server)
    said = "".join(serve.seen)
    assert "Traceback" not in said and "taken over" not in said, said
    assert done.returncode == 0, (done.stdout[-2000:], done.stderr[-2000:])
    assert "Completed" in done.stdout, done.stdout[-2000:]
    assert db.exists()
