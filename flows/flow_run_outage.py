"""A flow run's own process through an outage of its Prefect server (o57).

``pressroom worker`` and ``serve`` bear an outage in one line each way
(:mod:`flows.prefect_outage`), but the process each starts for a flow run (Prefect's
engine, ``python -m prefect.engine``) printed about eleven of Prefect's ERROR lines and
tracebacks into the worker's output while its server was away (k56b): its observers'
websockets cut ('The FlowRunCancellingObserver websocket failed with an exception' and
the ConnectionClosedError), their polling's 'Failed the last 3 attempts' with httpx
tracebacks and then 'Cancellation polling task failed' (``RuntimeError: Service exceeded
error threshold``: cancellation was off for the rest of the run), the events client's
lines, the log shipper's '--- Error logging to API ---', and at the run's end the failed
report of its state: 'Encountered exception during execution: ConnectError(...)',
'Finished in state Running()' and 'Execution of flow run ... exited with unexpected
exception', each with a traceback.

:func:`bear_outages_in_flow_run` (called at the flow's entry in a flow run's own
process) says it as the worker does: one line when the server stops answering, one when
it answers again, or one when the run ends before it does. Only the outage's forms are
dropped, each named where it is; a server that answers with a refusal, and a failure of
the run's own work, are said as before. The process still exits 1 when its end could not
be reported (its worker then reports the flow run Crashed once the server answers); what
the run stored is untouched.
"""

from __future__ import annotations

import logging
import os
import sys
from types import TracebackType
from typing import Any

from flows.prefect_outage import _api_url, _EventsAway, _Outage

# The observers of a flow run (cancelling, suspending) log through these loggers.
OBSERVERS = ("prefect.FlowRunCancellingObserver", "prefect.FlowRunSuspendingObserver")


def bear_outages_in_flow_run() -> None:
    """In a flow run's own process (``PREFECT__FLOW_RUN_ID``, set by the worker or
    runner that started it): bear an outage of the Prefect server in one line each way.
    Elsewhere (the CLI's process, a flow called in another program) nothing changes."""
    run_id = os.environ.get("PREFECT__FLOW_RUN_ID")
    if not run_id:
        return
    from prefect._internal import _observation_delivery

    loop = getattr(_observation_delivery, "critical_service_loop")  # noqa: B009
    if isinstance(getattr(loop, "__self__", None), _Outage):
        return  # taken over already (a second flow in this process)
    outage = _Outage(f"flow run {run_id}", "running")
    # The observers poll when their websocket is cut; Prefect's loop printed every error's
    # traceback after three failed polls and then gave up (cancellation off for the run).
    setattr(_observation_delivery, "critical_service_loop", outage.loop)  # noqa: B010
    observers = _ObserversCut(outage)
    for name in OBSERVERS:
        logging.getLogger(name).addFilter(observers)
    events_away = _EventsAway()
    for name in ("prefect.events.clients", "prefect._internal.concurrency", "EventsWorker"):
        logging.getLogger(name).addFilter(events_away)
    logging.getLogger("prefect.concurrency").addFilter(_renewal_retry_unanswered)
    end = _EndUnreported(run_id)
    logging.getLogger("prefect.flow_runs").addFilter(end)
    logging.getLogger("prefect.engine").addFilter(end)
    _quiet_log_shipping()


def prefect_unreachable(error: BaseException | None) -> bool:
    """``error`` is Prefect's API client failing to reach its server (a transport
    error raised through ``prefect/client``), not a failure of the run's own HTTP."""
    import httpx

    if not isinstance(error, httpx.TransportError):
        return False
    tb: TracebackType | None = error.__traceback__
    while tb is not None:
        if f"{os.sep}prefect{os.sep}client{os.sep}" in tb.tb_frame.f_code.co_filename:
            return True
        tb = tb.tb_next
    return False


class _ObserversCut(logging.Filter):
    """The observers' websocket cut by the server going away, and its reconnection."""

    def __init__(self, outage: _Outage) -> None:
        super().__init__()
        self.outage = outage
        self.cut: set[str] = set()  # observers whose cut was the server's absence

    def filter(self, record: logging.LogRecord) -> bool:
        said = str(record.msg)
        name = str(record.args[0]) if isinstance(record.args, tuple) and record.args else ""
        # 'The %s websocket failed with an exception. Switching to polling mode ...' with
        # a ConnectionClosedError no close frame came with (the connection cut: the
        # server gone) or an OSError: the polling's own line says the outage, if it lasts.
        if said.startswith("The %s websocket failed with an exception."):
            error = record.exc_info[1] if record.exc_info else None
            if _connection_lost(error):
                self.cut.add(name)
                return False
            return True
        # '%s reconnected to the events stream and stopped polling.': the pair of the
        # line dropped above; the server answers again (the polling, cancelled now,
        # would have said so at its next success).
        if said.startswith("%s reconnected to the events stream") and name in self.cut:
            self.cut.discard(name)
            self.outage.back()
            return False
        return True


def _renewal_retry_unanswered(record: logging.LogRecord) -> bool:
    """Prefect's WARNING 'Attempt N of function 'concurrency lease renewal' failed with
    ConnectError: ... Retrying in S seconds...' (the deployment's lease, renewed in a
    thread of the engine, also after the run's end while the process lingers): the
    server away, which the outage's line says. Its end ('failed after 3 attempts',
    'Concurrency lease renewal failed - ... Terminating execution') stops the run: said."""
    args = record.args if isinstance(record.args, tuple) else ()
    import httpx

    return not (str(record.msg).startswith("Attempt %s of function 'concurrency lease renewal'")
                and len(args) > 2 and isinstance(args[2], httpx.TransportError))


def _connection_lost(error: BaseException | None) -> bool:
    from websockets.exceptions import ConnectionClosedError

    if isinstance(error, ConnectionClosedError):
        return error.rcvd is None  # no close frame from the server: the connection cut
    return isinstance(error, OSError)


class _EndUnreported(logging.Filter):
    """The engine's report of the run's end, failed with the server away: Prefect's
    three ERROR records (two with tracebacks) as one line of ours."""

    def __init__(self, run_id: str) -> None:
        super().__init__()
        self.run_id = run_id
        self.unreported = False  # a Prefect API call of the engine failed so, this run

    def filter(self, record: logging.LogRecord) -> bool:
        said = str(record.msg)
        error = record.exc_info[1] if record.exc_info else None
        # 'Encountered exception during execution: ConnectError(...)': the flow's end
        # (or the summary artifact) could not reach the server; the engine then proposes
        # Failed, which says the error where the server answers by then, and fails again
        # where it does not (below). A run's own failure is said as before.
        if said.startswith("Encountered exception during execution"):
            if prefect_unreachable(error):
                self.unreported = True
                return False
            return True
        # 'Finished in state Running()': no final state could be proposed.
        if said.startswith("Finished in state Running(") and self.unreported:
            return False
        # "Execution of flow run '...' exited with unexpected exception": the engine's
        # last word, its report failed: one line, the process still exits 1.
        if said.startswith("Execution of flow run") and prefect_unreachable(error):
            print(f"pressroom: flow run {self.run_id} ended while the Prefect server at "
                  f"{_api_url()} did not answer ({type(error).__name__}); it could not "
                  "report its end there", file=sys.stderr, flush=True)
            return False
        return True


def _quiet_log_shipping() -> None:
    """Prefect's log shipper wrote '--- Error logging to API ---' and the error's text
    (no newline) to stderr for every batch it could not send; the server away, the batch
    is dropped unsaid (the outage's line says it). Any other failure is written as
    Prefect writes it."""
    import httpx
    from prefect.logging.handlers import APILogWorker

    async def handle_batch(self: Any, items: list[bytes]) -> None:
        try:  # Prefect 3's APILogWorker._handle_batch, less its message for an outage
            await self._client.request(
                "POST", "/logs/", content=b"[" + b",".join(items) + b"]",
                headers={"Content-Type": "application/json"})
        except httpx.TransportError:
            return
        except Exception as exc:
            if logging.raiseExceptions and sys.stderr:
                sys.stderr.write("--- Error logging to API ---\n")
                sys.stderr.write(str(exc))

    APILogWorker._handle_batch = handle_batch  # type: ignore[method-assign]
