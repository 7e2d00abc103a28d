"""``pressroom serve``: every source on its own cron schedule.

Prefect schedules need an API server. When ``PREFECT_API_URL`` is unset we
start ``prefect server start`` on a free loopback port, point this process at
it, and stop it on exit.

SIGTERM (what service managers send) and Ctrl-C stop it: each raises KeyboardInterrupt
wherever the main thread stands. Where that is a callback of the garbage collector (a
weakref callback, a finaliser), Python cannot raise it and drops it, and ``serve`` went
on serving until the service manager killed it (f54: one stop in three on a loaded
machine, the signal landing in a collection while Prefect's runner imported its web
server). So the first SIGTERM is sent again every ``STOP_RETRY`` s until ``serve`` is on
its way out, and ``STOP_LIMIT`` s after it the process ends regardless. Once Prefect's
runner has started, its own SIGTERM handler stops it (it raises nothing to lose), on the
first signal it takes only (f55: `uv run` passes a group's SIGTERM on, and the second made
the runner ``sys.exit`` in its event loop), and the ``STOP_LIMIT`` bound holds there too.
The local server runs in a session of its own (f55: a group's SIGTERM stopped it under the
runner still stopping) and is stopped after the runner.
"""

from __future__ import annotations

import asyncio
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from flows.config import check_selectors, load_sources
from flows.runtime import check_secrets
from pressroom.errors import ConfigError
from pressroom.interrupts import interrupt_taken, stop_on_ctrl_c
from warehouse.lake import Target, deployment_parameters, prepare_for_workers

SERVER_START_TIMEOUT = 180.0  # a loaded two-core machine needs well over a minute
STOP_RETRY = 5.0  # a SIGTERM not yet acted on is sent again this often
STOP_LIMIT = 60.0  # and this long after it serve exits regardless (systemd kills at 90 s)
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


class _Stop:
    """SIGTERM: KeyboardInterrupt in the main thread, until one takes."""

    def __init__(self) -> None:
        self.requested = threading.Event()  # a SIGTERM arrived
        self.leaving = threading.Event()  # serve is on its way out: no more signals
        self.done = threading.Event()  # serve returned: nothing left to bound
        self.taken = threading.Event()  # its deployments were taken over (flows/serve_guard.py)

    def install(self) -> None:
        # Ctrl-C too, also when started in the background, where SIGINT arrives ignored;
        # the CLI's handler, which a garbage collection does not lose (g55).
        stop_on_ctrl_c()
        signal.signal(signal.SIGTERM, self.interrupt)

    def interrupt(self, signum: int, frame: object) -> None:
        self.bound()
        raise KeyboardInterrupt

    def note(self, signum: int, frame: object) -> None:
        """From just before Prefect's runner starts until its handler is in: the SIGTERM
        noted, not raised (f55: raised in ``asyncio.run`` making its loop, it left a half-made
        loop whose ``__del__`` printed a traceback); sent again every ``STOP_RETRY`` s, the
        runner's handler takes it once the runner has started."""
        self.bound()

    def bound(self) -> None:
        """The first SIGTERM: sent again until serve is leaving; ``STOP_LIMIT`` from now."""
        if not self.requested.is_set():
            self.requested.set()
            threading.Thread(target=self._resend, args=(threading.main_thread().ident,),
                             name="pressroom-stop", daemon=True).start()

    def _resend(self, main: int) -> None:
        """Until serve is leaving, SIGTERM again (ours raises again; Prefect's runner, once
        started, has its own handler, which stops it); at ``STOP_LIMIT``, exit."""
        deadline = time.monotonic() + STOP_LIMIT
        while not self.leaving.wait(STOP_RETRY) and time.monotonic() < deadline:
            signal.pthread_kill(main, signal.SIGTERM)
        if self.done.wait(max(0.0, deadline - time.monotonic())):
            return
        print(f"pressroom: serve did not stop within {STOP_LIMIT:.0f} s of the signal; "
              "exiting", file=sys.stderr, flush=True)
        os._exit(1)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def local_prefect_server(leaving: threading.Event | None = None) -> Iterator[str]:
    """Start a Prefect server on loopback for the duration of the block (``leaving`` is
    set first thing on the way out)."""
    prefect = shutil.which("prefect") or str(Path(sys.executable).parent / "prefect")
    if not Path(prefect).exists():
        raise ConfigError("PREFECT_API_URL is not set and `prefect` is not installed; "
                          "run `prefect server start` and set PREFECT_API_URL")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    # In a session of its own: a signal to serve's process group (`timeout`, systemd, a
    # terminal's Ctrl-C) stopped the server at once, under the runner still stopping (u55:
    # a websocket traceback; one stop in five hung for minutes). serve stops it last, and
    # the kernel stops it should serve die without its cleanup (os._exit, SIGKILL).
    proc = subprocess.Popen(
        [prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True, preexec_fn=_dies_with(os.getpid()),
    )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if proc.poll() is not None:
                raise ConfigError("the local Prefect server exited at start-up; "
                                  "run `prefect server start` yourself and set PREFECT_API_URL")
            try:
                if httpx.get(f"{url}/health", timeout=1.0).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise ConfigError("the local Prefect server did not start in time")
            time.sleep(0.5)
        print(f"pressroom: started a local Prefect server at {url} (UI: {url[:-4]})\n"
              f"pressroom: to trigger runs from another shell: export PREFECT_API_URL={url}",
              file=sys.stderr, flush=True)
        yield url
    finally:
        if leaving is not None:
            leaving.set()
        _stop_group(proc)


def _dies_with(parent: int) -> Callable[[], None]:
    """In the child before it runs the server: SIGTERM when ``parent`` ends (Linux's
    PR_SET_PDEATHSIG; elsewhere nothing), or at once if it already has."""

    def tie() -> None:
        if sys.platform.startswith("linux"):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
            if os.getppid() != parent:
                os._exit(1)

    return tie


def _stop_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's session (it and anything it started), SIGKILL after 15 s."""
    for sig, wait in ((signal.SIGTERM, 15.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def serve(sources_file: Path, db: Target, *, take_over: bool = False) -> int:
    """Create one scheduled deployment per source plus a manual one, and serve them; one
    registered for another sources file or warehouse is refused unless ``take_over``."""
    sources = load_sources(sources_file)
    check_selectors(sources, sources_file)  # bad config: before anything
    check_secrets(sources)  # its runs read this environment: as `ingest` checks them
    deployment_parameters(db)  # and on a --db with a password
    prepare_for_workers(db)  # runs of several sources at once must not race to make a lake
    stop = _Stop()
    stop.install()
    served = False
    try:
        if os.environ.get("PREFECT_API_URL"):
            from flows.prefect_api import check_api, configured_api_url

            check_api(configured_api_url())  # a server that is down: one line, not a traceback
            served = _serve(sources_file, db, take_over, stop)
        else:
            with local_prefect_server(stop.leaving) as url:
                from prefect.settings import PREFECT_API_URL, temporary_settings

                with temporary_settings(updates={PREFECT_API_URL: url}):
                    served = _serve(sources_file, db, take_over, stop)
    except KeyboardInterrupt:
        stop.requested.set()
    except SystemExit:  # Prefect's runner's handler, on a signal sent again as it starts
        if not (stop.requested.is_set() or stop.taken.is_set()):
            raise
    except Exception:
        # The signal's KeyboardInterrupt raised inside pydantic-core's serializer (Prefect's
        # settings dumped at `from prefect import serve`) comes out as its error (f55, h55).
        if not (stop.requested.is_set() or interrupt_taken()):
            raise
        stop.requested.set()
    finally:
        stop.leaving.set()
    # Prefect's runner, once started, stops on SIGTERM with its own handler and returns.
    if served or stop.requested.is_set():
        print("pressroom: serve stopped", file=sys.stderr, flush=True)
    stop.done.set()
    return 1 if stop.taken.is_set() else 0


def _serve(sources_file: Path, db: Target, take_over: bool, stop: _Stop) -> bool:
    try:
        return _serve_deployments(sources_file, db, take_over, stop)
    finally:
        stop.leaving.set()  # before the local server's cleanup: no signal into that


def _serve_deployments(sources_file: Path, db: Target, take_over: bool, stop: _Stop) -> bool:
    """Serve until stopped (True), or say there is nothing to serve (False). The runs it
    starts refuse another project's parameters, and it stops when its deployments are
    taken over (flows/serve_guard.py)."""
    from flows.deploy import build_deployments, retire
    from flows.owners import claim
    from flows.prefect_outage import bear_outages
    from flows.serve_guard import TakeOverWatch, serve_for
    from flows.stale_runs import drop_stale_runs

    sources = load_sources(sources_file)
    if not any(s.enabled for s in sources):  # d53: served ingest/all alone, forever
        asyncio.run(retire(sources, sources_file, db))
        print(f"pressroom: no enabled source in {sources_file}: nothing to serve",
              file=sys.stderr, flush=True)
        return False
    deployments = build_deployments(sources_file, db)
    # Another project's deployment of the same name: refused before the server changes.
    asyncio.run(claim(deployments, "serve", take_over=take_over))
    # Runs made for an earlier --db or --sources (k52), taken over (n54).
    asyncio.run(drop_stale_runs(deployments, take_over=take_over))
    asyncio.run(retire(sources, sources_file, db))  # sources disabled or taken out
    serve_for(deployments[0].parameters)  # handed to each run it starts
    TakeOverWatch(deployments, leaving=stop.leaving, taken=stop.taken).start()
    bear_outages("serve", "serving")  # a restart of the Prefect server: serve goes on (v55)
    _run(deployments, stop)
    return True


def _run(deployments: list[Any], stop: _Stop) -> None:
    """``prefect.serve`` with a runner whose SIGTERM handler answers to ``stop``."""
    from prefect.exceptions import TerminationSignal
    from prefect.flows import _display_serve_start_message
    from prefect.runner import Runner

    class StoppingRunner(Runner):
        def handle_sigterm(self, *args: Any, **kwargs: Any) -> None:
            """Prefect's stop on the first SIGTERM once started, the ``STOP_LIMIT`` bound from
            the first; any other ignored (f55: `uv run` passes a group's signal on, and a
            second made the runner ``sys.exit`` in its event loop, as one before it started
            did: sent again every ``STOP_RETRY`` s, it comes back)."""
            stop.bound()
            if self.started and not self.stopping and self._loop is not None:
                super().handle_sigterm(*args, **kwargs)

    # Not pausing schedules on shutdown: a restart simply picks them up again.
    runner = StoppingRunner(pause_on_shutdown=False)
    for deployment in deployments:
        runner.add_deployment(deployment)
    signal.signal(signal.SIGTERM, stop.note)  # until the runner's own handler is in
    _display_serve_start_message(*deployments)
    try:
        asyncio.run(runner.start())
    except TerminationSignal:
        stop.requested.set()
