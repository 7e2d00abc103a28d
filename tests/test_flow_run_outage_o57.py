"""o57's filters in a flow run's own process drop only the outage's forms: what a user
must see (a failure of the run's own HTTP, a websocket closed by a server that answers,
a lease renewal the server refused) is still said. The whole night is driven by
tests/crash/test_outage_mid_run_k56b.py (a real server stopped under a worker's run);
here each form goes through the logger Prefect uses, with the filter on it, and the
Prefect-client error is a real one (its client against a port nothing listens on)."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest
from prefect.client.orchestration import PrefectClient
from prefect.settings import (
    PREFECT_CLIENT_MAX_RETRIES,
    PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW,
    temporary_settings,
)
from websockets.exceptions import ConnectionClosedError
from websockets.frames import Close

from flows.flow_run_outage import _EndUnreported, prefect_unreachable
from flows.prefect_outage import _ObserversCut, _Outage, _renewal_retry_unanswered
from flows.serve import _free_port


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


class Said(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())
