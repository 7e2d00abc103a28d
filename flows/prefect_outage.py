"""``serve`` and ``worker`` poll through an outage of their Prefect server (v55, w56).

Prefect's poll loops (``critical_service_loop``: the runner's in ``serve``, the worker's
two, for runs and for its heartbeat) printed every error's traceback after three failed
polls in a row ('Failed the last 3 attempts'), and raised
``RuntimeError('Service exceeded error threshold.')`` at the first (the runner's) or the
fourth such round (the worker's, polling less often each): a restart of the user's
``prefect server start`` ended ``serve`` (v55) and filled the worker's output with
tracebacks, then ended it too (w56). :func:`bear_outages` puts a loop of the same shape
in their place in this process: one line when the server does not answer, polls on at
the loop's interval, one line when it answers again.

Prefect's events client, in the same outage, said it too in its own words: a WARNING
('Unable to connect to ws://.../events/in ... Reason: [Errno 111] Connect call failed')
and an ERROR ("Service 'EventsWorker' failed with N pending items", or "... failed to
process item ..." for one event), once as the server
went and again as the process ended: a worker stopped in the outage ended its output on
that ERROR, after 'pressroom: worker stopped' (k56b). :class:`_EventsAway` drops those
two when the websocket could not be reached at all (refused, unreachable, timed out: the
server away, which the loop's line says); a refusal by a server that answers (a proxy's
403, a wrong path's 404) is still Prefect's to say. Its note at the process's end on the
events not yet sent ('Still processing items: 1 items remaining...', the client still
reconnecting after an outage) is dropped too.

The same outage in a worker's run, under way (o57), filled the worker's output with more
of Prefect's tracebacks, from the worker's process and from the run's (Prefect's engine,
whose output is the worker's): the flow run observers' websockets cut ('The
FlowRunCancellingObserver websocket failed with an exception' and its
ConnectionClosedError), their polling's 'Failed the last 3 attempts' and then
'Cancellation polling task failed' (cancellation off for the rest of the process), the
log shipper's '--- Error logging to API ---', the lease renewal's 'Attempt 1 of function
'concurrency lease renewal' failed with ConnectError'. :func:`bear_services` takes those
in whichever process it is called: the observers poll through the outage's loop, and each
form is dropped by a filter that names it; a refusal by a server that answers is still
said. A flow run's own process calls it from :mod:`flows.flow_run_outage`.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Awaitable, Callable
from typing import Any

OUTAGE_POLLS = 3  # failed polls in a row before the server is said not to answer


class _Outage:
    """One process's loops and what they said: one line for the whole process when the
    server is away, one when it is back (a worker has two loops)."""

    def __init__(self, who: str, going_on: str) -> None:
        self.who = who  # "serve", "the worker"
        self.going_on = going_on  # "serving", "working"
        self.away = False
        self.unsent = 0  # log lines of this process its log shipper dropped, the server away
        self.answers = 0  # the server's answers to a poll or a log batch, so far
        self._said = threading.Lock()  # the log shipper says it from its own thread

    def unanswered(self, error: BaseException, unsent: int = 0) -> None:
        """The server does not answer (``unsent`` log lines dropped for it): one line,
        if not said already."""
        with self._said:
            self.unsent += unsent
            if self.away:
                return
            self.away = True
        print(f"pressroom: the Prefect server at {_api_url()} does not answer "
              f"({type(error).__name__}); {self.who} goes on trying",
              file=sys.stderr, flush=True)

    def back(self) -> None:
        """The server answered: one line if it had been said not to (with the log lines
        of this process not sent to it meanwhile)."""
        with self._said:
            self.answers += 1
            if not self.away:
                return
            self.away, unsent, self.unsent = False, self.unsent, 0
        lost = f" ({unsent} log lines of this process were not sent to it)" if unsent else ""
        print(f"pressroom: the Prefect server at {_api_url()} answers again; "
              f"{self.going_on}{lost}", file=sys.stderr, flush=True)

    async def loop(self, workload: Callable[[], Awaitable[Any]], interval: float,
                   *args: Any, run_once: bool = False, jitter_range: float | None = None,
                   **kwargs: Any) -> None:
        """Prefect's ``critical_service_loop`` without its end: a transport error or a 5xx
        answer counts as the server away; anything else is raised, as there."""
        import anyio
        import httpx
        from prefect.utilities.math import clamped_poisson_interval

        failed = 0
        while True:
            try:
                await workload()
            except (httpx.TransportError, httpx.HTTPStatusError) as exc:
                if isinstance(exc, httpx.HTTPStatusError) and exc.response.status_code < 500:
                    raise
                failed += 1
                if failed >= OUTAGE_POLLS:
                    self.unanswered(exc)
            else:
                failed = 0
                self.back()
            if run_once:
                return
            await anyio.sleep(interval if jitter_range is None
                              else clamped_poisson_interval(interval,
                                                            clamping_factor=jitter_range))


def bear_outages(who: str, going_on: str) -> None:
    """Let Prefect's runner (``serve``) and worker in this process poll through an outage
    of their server; ``who`` goes on trying, and is ``going_on`` when it is back."""
    from prefect.runner import _scheduled_run_poller
    from prefect.workers import base

    outage = _Outage(who, going_on)
    for module in (_scheduled_run_poller, base):
        setattr(module, "critical_service_loop", outage.loop)  # noqa: B010
    logging.getLogger("prefect.runner.state_proposer").addFilter(_state_unreported)
    bear_services(outage)


# Where the flow run observers (cancelling, suspending) log: the worker's and the
# runner's executor watch for cancellations, a flow run's engine for suspensions.
OBSERVERS = ("prefect.FlowRunCancellingObserver", "prefect.FlowRunSuspendingObserver")


def bear_services(outage: _Outage) -> None:
    """The outage's noise from Prefect's services in any of its processes (a worker, a
    runner, a flow run's engine): the observers' polling through ``outage``'s loop, and
    the forms each filter below names dropped."""
    from prefect._internal import _observation_delivery

    # The observers poll when their websocket is cut; Prefect's loop printed every error's
    # traceback after three failed polls ('Failed the last 3 attempts'), then gave up
    # ('Cancellation polling task failed': cancellation off for the rest of the process).
    setattr(_observation_delivery, "critical_service_loop", outage.loop)  # noqa: B010
    observers = _ObserversCut(outage)
    for name in OBSERVERS:
        logging.getLogger(name).addFilter(observers)
    events_away = _EventsAway(outage)
    for name in ("prefect.events.clients", "prefect._internal.concurrency", "EventsWorker"):
        logging.getLogger(name).addFilter(events_away)
    logging.getLogger("prefect.concurrency").addFilter(_renewal_retry_unanswered)
    _quiet_log_shipping(outage)


def borne(module: object) -> bool:
    """``module``'s poll loop is an outage's already (this process bears outages)."""
    loop = getattr(module, "critical_service_loop", None)
    return isinstance(getattr(loop, "__self__", None), _Outage)


def _state_unreported(record: logging.LogRecord) -> bool:
    """Prefect's ERROR and traceback on a run's end it could not report, the server away
    (a run in flight through an outage longer than the client's retries, k56b): one line
    instead."""
    import httpx

    error = record.exc_info[1] if record.exc_info else None
    if not (str(record.msg).startswith("Failed to update state of flow run")
            and isinstance(error, httpx.TransportError)):
        return True
    run = record.args[0] if isinstance(record.args, tuple) and record.args else "?"
    print(f"pressroom: flow run {run} ended while the Prefect server at {_api_url()} did "
          f"not answer ({type(error).__name__}); its state there is not updated yet",
          file=sys.stderr, flush=True)
    return False


class _EventsAway(logging.Filter):
    """Prefect's events client's lines on a server that cannot be reached, and the
    events service's failure after each: the outage's own line says it once. Only until
    the server answers ``outage``'s loops or log shipper again (k57b: the mark stayed for
    the rest of the process, and a later failure of another cause went unsaid)."""

    def __init__(self, outage: _Outage | None = None) -> None:
        super().__init__()
        self.outage = outage
        self.away = False  # the last connection failure was the server's absence
        self.answers = 0  # the outage's answers when it was

    def filter(self, record: logging.LogRecord) -> bool:
        said = str(record.msg)
        if said.startswith("Unable to connect to %r. "):
            reason = str(record.args[-1]) if isinstance(record.args, tuple) else ""
            self.away = not reason or reason.startswith("[Errno") or "timed out" in reason
            self.answers = self.outage.answers if self.outage is not None else 0
            return not self.away
        # After the process's queue ends ('failed with N pending items') or while it runs
        # (an event's send raising: 'failed to process item', seen once in a suite run).
        if (said.startswith(("Service %r failed with", "Service %r failed to process item"))
                and isinstance(record.args, tuple)):
            if self.outage is not None and self.outage.answers != self.answers:
                self.away = False  # the server has answered since
            return not (self.away and record.args[:1] == ("EventsWorker",))
        # At the process's end, events not yet sent (the client reconnecting after an
        # outage): Prefect's note came after the process's own last line.
        return not said.startswith("Still processing items: ")


def _api_url() -> str:
    from prefect.settings import get_current_settings

    return str(get_current_settings().api.url)


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
    import httpx

    args = record.args if isinstance(record.args, tuple) else ()
    return not (str(record.msg).startswith("Attempt %s of function 'concurrency lease renewal'")
                and len(args) > 2 and isinstance(args[2], httpx.TransportError))


def _connection_lost(error: BaseException | None) -> bool:
    from websockets.exceptions import ConnectionClosedError

    if isinstance(error, ConnectionClosedError):
        return error.rcvd is None  # no close frame from the server: the connection cut
    return isinstance(error, OSError)


def _quiet_log_shipping(outage: _Outage) -> None:
    """Prefect's log shipper wrote '--- Error logging to API ---' and the error's text
    (no newline) to stderr for every batch it could not send. The server away (a
    transport error, its client's retries spent), the batch is dropped, but never unsaid
    (k57b): ``outage``'s line is said then if its loops have not said it yet (a short
    outage, or a run's process whose observers never polled), and the lines not sent are
    counted in its line when the server answers again (a batch sent says so too). Any
    other failure (a refused batch, a 500) is written as Prefect writes it, with its
    traceback where PREFECT_LOGGING_INTERNAL_LEVEL is DEBUG."""
    import traceback

    import httpx
    from prefect.logging.handlers import APILogWorker
    from prefect.settings import PREFECT_LOGGING_INTERNAL_LEVEL

    async def handle_batch(self: Any, items: list[bytes]) -> None:
        try:  # Prefect 3's APILogWorker._handle_batch, but for an outage
            await self._client.request(
                "POST", "/logs/", content=b"[" + b",".join(items) + b"]",
                headers={"Content-Type": "application/json"})
        except httpx.TransportError as exc:
            outage.unanswered(exc, unsent=len(items))
        except Exception as exc:
            if logging.raiseExceptions and sys.stderr:
                sys.stderr.write("--- Error logging to API ---\n")
                if PREFECT_LOGGING_INTERNAL_LEVEL.value() == "DEBUG":
                    traceback.print_exc(file=sys.stderr)
                else:
                    sys.stderr.write(str(exc))
        else:
            outage.back()

    APILogWorker._handle_batch = handle_batch  # type: ignore[method-assign]
