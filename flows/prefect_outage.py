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
"""

from __future__ import annotations

import logging
import sys
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

    def back(self) -> None:
        """The server answered: one line if it had been said not to."""
        if self.away:
            self.away = False
            print(f"pressroom: the Prefect server at {_api_url()} answers again; "
                  f"{self.going_on}", file=sys.stderr, flush=True)

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
                if failed >= OUTAGE_POLLS and not self.away:
                    self.away = True
                    print(f"pressroom: the Prefect server at {_api_url()} does not answer "
                          f"({type(exc).__name__}); {self.who} goes on trying",
                          file=sys.stderr, flush=True)
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

    loop = _Outage(who, going_on).loop
    for module in (_scheduled_run_poller, base):
        setattr(module, "critical_service_loop", loop)  # noqa: B010
    logging.getLogger("prefect.runner.state_proposer").addFilter(_state_unreported)
    events_away = _EventsAway()
    for logger in ("prefect.events.clients", "prefect._internal.concurrency", "EventsWorker"):
        logging.getLogger(logger).addFilter(events_away)


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
    events service's failure after each: the outage's own line says it once."""

    def __init__(self) -> None:
        super().__init__()
        self.away = False  # the last connection failure was the server's absence

    def filter(self, record: logging.LogRecord) -> bool:
        said = str(record.msg)
        if said.startswith("Unable to connect to %r. "):
            reason = str(record.args[-1]) if isinstance(record.args, tuple) else ""
            self.away = not reason or reason.startswith("[Errno") or "timed out" in reason
            return not self.away
        # After the process's queue ends ('failed with N pending items') or while it runs
        # (an event's send raising: 'failed to process item', seen once in a suite run).
        if (said.startswith(("Service %r failed with", "Service %r failed to process item"))
                and isinstance(record.args, tuple)):
            return not (self.away and record.args[:1] == ("EventsWorker",))
        # At the process's end, events not yet sent (the client reconnecting after an
        # outage): Prefect's note came after the process's own last line.
        return not said.startswith("Still processing items: ")


def _api_url() -> str:
    from prefect.settings import get_current_settings

    return str(get_current_settings().api.url)
