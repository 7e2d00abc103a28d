"""o57's filters in a flow run's own process drop only the outage's forms: what a user
must see (a failure of the run's own HTTP, a websocket closed by a server that answers,
a lease renewal the server refused) is still said. The whole night is driven by
tests/crash/test_outage_mid_run_k56b.py (a real server stopped under a worker's run);
here each form goes through the logger Prefect uses, with the filter on it, and the
Prefect-client error is a real one (its client against a port nothing listens on)."""

from __future__ import annotations

import asyncio
import http.server
import logging
import threading
from types import SimpleNamespace

import httpx
import pytest
from prefect.client.orchestration import PrefectClient
from prefect.logging.handlers import APILogWorker
from prefect.settings import (
    PREFECT_API_URL,
    PREFECT_CLIENT_MAX_RETRIES,
    PREFECT_LOGGING_INTERNAL_LEVEL,
    PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW,
    temporary_settings,
)
from websockets.exceptions import ConnectionClosedError
from websockets.frames import Close

from flows.flow_run_outage import _EndUnreported, prefect_unreachable
from flows.ingest import publish_artifact
from flows.prefect_outage import (
    _ObserversCut,
    _Outage,
    _quiet_log_shipping,
    _renewal_retry_unanswered,
)
from flows.serve import _free_port
from tests.test_events_away_lead56 import Said


def _prefect_client_error() -> httpx.TransportError:
    """The error Prefect's own client raises with no server at its URL."""

    async def read() -> None:
        async with PrefectClient(f"http://127.0.0.1:{_free_port()}/api") as client:
            await client.read_flow_runs()

    with temporary_settings({PREFECT_CLIENT_MAX_RETRIES: 0}):
        try:
            asyncio.run(read())
        except httpx.TransportError as exc:
            return exc
    raise AssertionError("Prefect's client reached a port nothing listens on")


def _own_http_error() -> httpx.TransportError:
    try:
        httpx.get(f"http://127.0.0.1:{_free_port()}/", timeout=5)
    except httpx.TransportError as exc:
        return exc
    raise AssertionError("reached a port nothing listens on")


def test_the_end_unreported_is_one_line_a_runs_own_failure_is_not_hidden(
    capsys: pytest.CaptureFixture[str],
) -> None:
    prefect_error, own_error = _prefect_client_error(), _own_http_error()
    assert prefect_unreachable(prefect_error)
    assert not prefect_unreachable(own_error)
    end, said = _EndUnreported("RUN"), Said()
    runs, engine = logging.getLogger("prefect.flow_runs"), logging.getLogger("prefect.engine")
    for logger in (runs, engine):
        logger.addFilter(end)
        logger.addHandler(said)
    # Outside a flow run: Prefect's API log handler would warn of each record's missing id.
    with temporary_settings({PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW: "ignore"}):
        try:
            # A run's own failure (its HTTP, not Prefect's client) stays as Prefect says it.
            runs.error("Encountered exception during execution: %r", own_error,
                       exc_info=(type(own_error), own_error, own_error.__traceback__))
            runs.error("Finished in state Running()")  # no outage seen yet: kept
            # The engine's report of the end, the server away: one line of ours.
            runs.error("Encountered exception during execution: %r", prefect_error,
                       exc_info=(type(prefect_error), prefect_error, prefect_error.__traceback__))
            runs.error("Finished in state Running()")
            engine.error("Execution of flow run 'RUN' exited with unexpected exception",
                         exc_info=(type(prefect_error), prefect_error, prefect_error.__traceback__))
        finally:
            for logger in (runs, engine):
                logger.removeFilter(end)
                logger.removeHandler(said)
    assert said.lines == [f"Encountered exception during execution: {own_error!r}",
                          "Finished in state Running()"], said.lines
    err = capsys.readouterr().err
    assert err.count("pressroom: flow run RUN ended while the Prefect server at ") == 1, err
    assert "(ConnectError); it could not report its end there" in err, err


def test_a_cut_websocket_and_unanswered_renewals_are_dropped_refusals_are_said(
    capsys: pytest.CaptureFixture[str],
) -> None:
    outage, said = _Outage("flow run RUN", "running"), Said()
    outage.away = True  # its polling said the server does not answer
    cut = _ObserversCut(outage)
    observer = logging.getLogger("prefect.FlowRunCancellingObserver")
    leases = logging.getLogger("prefect.concurrency")
    level = observer.level
    observer.setLevel(logging.INFO)  # as in a flow run's process (Prefect's default)
    observer.addFilter(cut)
    leases.addFilter(_renewal_retry_unanswered)
    for logger in (observer, leases):
        logger.addHandler(said)
    failed = "The %s websocket failed with an exception. Switching to polling mode until it " \
        "reconnects."
    try:
        lost = ConnectionClosedError(None, None)  # no close frame: the connection cut
        observer.warning(failed, "FlowRunCancellingObserver", exc_info=(type(lost), lost, None))
        closed = ConnectionClosedError(Close(1011, "internal error"), None)  # the server's
        observer.warning(failed, "FlowRunSuspendingObserver",
                         exc_info=(type(closed), closed, None))
        observer.info("%s reconnected to the events stream and stopped polling.",
                      "FlowRunCancellingObserver")
        retry = ("Attempt %s of function 'concurrency lease renewal' failed with %s: %s. "
                 "Retrying in %.2f seconds...")
        unanswered = _prefect_client_error()
        leases.warning(retry, 1, type(unanswered).__name__, unanswered, 1.0)
        refused = httpx.HTTPStatusError(
            "403", request=httpx.Request("POST", "http://x/"),
            response=httpx.Response(403, request=httpx.Request("POST", "http://x/")))
        leases.warning(retry, 1, "HTTPStatusError", refused, 1.0)
    finally:
        observer.setLevel(level)
        observer.removeFilter(cut)
        leases.removeFilter(_renewal_retry_unanswered)
        for logger in (observer, leases):
            logger.removeHandler(said)
    assert said.lines == [
        "The FlowRunSuspendingObserver websocket failed with an exception. Switching to "
        "polling mode until it reconnects.",
        "Attempt 1 of function 'concurrency lease renewal' failed with HTTPStatusError: "
        "403. Retrying in 1.00 seconds...",
    ], said.lines
    err = capsys.readouterr().err
    assert err.count("answers again; running") == 1, err  # the reconnection, in our words


class _Logs(http.server.BaseHTTPRequestHandler):
    """A loopback Prefect API's /logs/ answering the status the test sets."""

    status = 201

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = b'{"detail": "refused"}' if self.status >= 400 else b"null"
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # the client asks a CSRF token: 404, an older server
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_log_batch_is_never_dropped_unsaid_and_a_refused_one_is_written(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """k57b: o57's log shipper dropped a batch lost to a transport error with nothing said,
    trusting the outage's line, which a short outage (fewer than three failed polls) or a
    run's process whose observers never polled (o57's own night) never printed: the run's
    logs were missing from the Prefect server unsaid. And with
    PREFECT_LOGGING_INTERNAL_LEVEL=DEBUG Prefect's own shipper prints a refusal's
    traceback; o57's did not. Prefect's own APILogWorker._handle_batch is replaced; the
    batch goes through a real PrefectClient to a closed port and to a loopback server."""
    outage = _Outage("flow run RUN", "running")
    original = APILogWorker._handle_batch
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Logs)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    answering, away = f"http://127.0.0.1:{server.server_port}/api", \
        f"http://127.0.0.1:{_free_port()}/api"

    def ship(url: str, lines: int, status: int = 201) -> str:
        _Logs.status = status

        async def send() -> None:
            async with PrefectClient(url) as client:
                await APILogWorker._handle_batch(SimpleNamespace(_client=client),
                                                 [b'{"message": "x"}'] * lines)

        asyncio.run(send())
        return capsys.readouterr().err

    _quiet_log_shipping(outage)
    try:
        with temporary_settings({PREFECT_CLIENT_MAX_RETRIES: 0}):
            said = ship(away, 2)
            assert said.count("does not answer (ConnectError); flow run RUN goes on "
                              "trying") == 1, said
            assert "--- Error logging to API ---" not in said, said
            assert ship(away, 1) == ""  # said once for the outage
            said = ship(answering, 1)
            assert "answers again; running (3 log lines of this process were not sent " \
                "to it)" in said, said
            assert ship(answering, 1) == ""
            said = ship(answering, 1, 422)  # a batch refused by a server that answers
            assert said.startswith("--- Error logging to API ---\n"), said
            assert "422" in said and "Traceback" not in said, said
            with temporary_settings({PREFECT_LOGGING_INTERNAL_LEVEL: "DEBUG"}):
                said = ship(answering, 1, 500)
            assert said.startswith("--- Error logging to API ---\nTraceback"), said
    finally:
        APILogWorker._handle_batch = original  # type: ignore[method-assign]
        server.shutdown()
        server.server_close()


@pytest.mark.filterwarnings("ignore:Artifact creation outside:FutureWarning")
def test_a_flow_stopped_by_the_outage_is_said_failed_not_only_unreported(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """k57b: the engine's 'Encountered exception during execution: ConnectError' was
    dropped whenever the error came through Prefect's client, also when the flow's own
    code stopped on it (its cluster lease, its summary artifact): the one line left said
    only that the run could not report its end, as for a run that did all its work. Now
    it says the flow failed, and where. The error is a real one: the ingest flow's
    summary artifact (flows.ingest.publish_artifact) against a port nothing listens on."""

    async def publish() -> None:
        await publish_artifact("RUN", [])

    with temporary_settings({PREFECT_API_URL: f"http://127.0.0.1:{_free_port()}/api",
                             PREFECT_CLIENT_MAX_RETRIES: 0}):
        try:
            asyncio.run(publish())
        except httpx.TransportError as exc:
            stopped = exc
        else:
            raise AssertionError("the artifact reached a port nothing listens on")
    end, engine_error = _EndUnreported("RUN"), _prefect_client_error()  # the engine's own
    runs, engine = logging.getLogger("prefect.flow_runs"), logging.getLogger("prefect.engine")
    for logger in (runs, engine):
        logger.addFilter(end)
    try:
        with temporary_settings({PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW: "ignore"}):
            runs.error("Encountered exception during execution: %r", stopped,
                       exc_info=(type(stopped), stopped, stopped.__traceback__))
            engine.error("Execution of flow run 'RUN' exited with unexpected exception",
                         exc_info=(type(engine_error), engine_error,
                                   engine_error.__traceback__))
    finally:
        for logger in (runs, engine):
            logger.removeFilter(end)
    err = capsys.readouterr().err
    assert err.count("pressroom: flow run RUN ended while the Prefect server at ") == 1, err
    assert "it could not report its end there (and the flow failed before its end: its " \
        "call at flows/ingest.py:" in err, err
    assert "(publish_artifact) to the server was not answered)" in err, err
