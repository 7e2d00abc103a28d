"""Prefect's events service says its failure in two forms after the server went away:
'failed with N pending items' (k56b's filter) and 'failed to process item' (one event's
send raising). The second came after 'pressroom: worker stopped' once in a suite run of
tests/test_worker_outage_stop_k56b.py (flaky there: which form comes depends on timing),
so the form is driven here through the logger Prefect uses, with k56b's filter on it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from flows.prefect_outage import _EventsAway, _Outage

UNREACHABLE = ("Unable to connect to %r. Please check your network settings to ensure "
               "websocket connections to the API are allowed. Otherwise event data "
               "(including task run data) may be lost. Reason: %s. Set "
               "PREFECT_DEBUG_MODE=1 to see the full error.")


@pytest.mark.parametrize("form, args", [
    ("Service %r failed with %s pending items.", ("EventsWorker", 2)),
    ("Service %r failed to process item %r", ("EventsWorker", "Event(...)")),
])
def test_the_events_service_failure_after_the_server_went_is_not_printed(
    form: str, args: tuple[object, ...]
) -> None:
    # The filter bear_outages puts on these loggers (not bear_outages itself: it also
    # swaps Prefect's poll loops, for the rest of pytest's process). A handler on the
    # loggers themselves: their filters run before it, and Prefect's logging set-up may
    # keep their records from the root.
    with _filtered(_EventsAway()) as (events, service, said):
        events.warning(UNREACHABLE, "ws://127.0.0.1:9/api/events/in",
                       "[Errno 111] Connect call failed ('127.0.0.1', 9)")
        service.error(form, *args)
        service.error("Service %r failed to process item %r", "OtherService", "x")
    assert said.lines == ["Service 'OtherService' failed to process item 'x'"], said.lines


@pytest.mark.parametrize("form, args", [
    ("Service %r failed with %s pending items.", ("EventsWorker", 2)),
    ("Service %r failed to process item %r", ("EventsWorker", "Event(...)")),
])
def test_a_later_events_failure_once_the_server_answered_again_is_said(
    form: str, args: tuple[object, ...]
) -> None:
    """k57b: the filter's mark of the server away stayed for the rest of the process: once
    the server had answered again (a poll, a log batch), a later failure of the events
    service, of another cause, was still dropped. The filter as bear_services builds it,
    with the process's outage."""
    outage = _Outage("the worker", "working")
    with _filtered(_EventsAway(outage)) as (events, service, said):
        events.warning(UNREACHABLE, "ws://127.0.0.1:9/api/events/in",
                       "[Errno 111] Connect call failed ('127.0.0.1', 9)")
        service.error(form, *args)  # the server away: dropped
        outage.back()  # a poll answered (no line: none was said)
        service.error(form, *args)  # another cause: said
    assert said.lines == [form % args], said.lines


class Said(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@contextmanager
def _filtered(away: _EventsAway) -> Iterator[tuple[logging.Logger, logging.Logger, Said]]:
    """The events client's and Prefect's service loggers with ``away`` on them, said."""
    said = Said()
    events = logging.getLogger("prefect.events.clients")
    service = logging.getLogger("prefect._internal.concurrency")
    for logger in (events, service):
        logger.addFilter(away)
        logger.addHandler(said)
    try:
        yield events, service, said
    finally:
        for logger in (events, service):
            logger.removeFilter(away)
            logger.removeHandler(said)
