"""The lines that say how a run ended that the CLI prints itself: a source's work not
done (a scheduled run a backfill held, a backfill another run turned away), and an
expected failure (``flows.ingest._failed``: the run's one error line). Logged by the
flow, printed once by the CLI.

A flow's warning goes to its Prefect run's log (the UI, a deployment's worker) and, in
the process that runs it, through the root logger's console handler to stderr; the
engine's last line, ``Finished in state Skipped('<the same lines>')``, goes both ways
too. A manual run through the CLI prints the run's outcome itself
(:mod:`pressroom.run_summary`: ``pressroom: warning: source ...``; a failed state's
message as ``pressroom: error: ...``), so on its console the line came three times.
:func:`said_by_the_cli` keeps the console to the CLI's one line while the flow runs:
the flow's outcome lines (:func:`log_outcome`) and any later record repeating one are
left out of the console handlers; Prefect's API handler, on the flow-run logger
itself, still gets them all.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from flows.prefect_api import sent_by_prefect
from pressroom.errors import interrupted

OUTCOME = "pressroom_outcome"  # a log record attribute: this line is a run's outcome


def log_outcome(logger: Any, line: str, level: int = logging.WARNING) -> None:
    """Log ``line`` as an outcome of the run, a warning unless ``level`` says otherwise
    (``logger``: Prefect's run logger)."""
    logger.log(level, "%s", line, extra={OUTCOME: True})


class _SaidOnce(logging.Filter):
    """Drops outcome lines, and records that repeat one (the final state's message)."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if getattr(record, OUTCOME, False):
            self.lines += [message, repr(message)[1:-1]]  # as said, as a state's repr says
            return False
        return not any(line in message for line in self.lines)


class _NoApiTraceback(logging.Filter):
    """Keeps the line but not the traceback of a record about the Prefect API gone
    (the server stopped mid-run): the CLI says it in one line (:mod:`flows.prefect_api`).
    The API handler, on the flow-run logger, has seen the record before the console."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, httpx.TransportError) and sent_by_prefect(error):
            record.exc_info = None
            record.exc_text = None
        return True


# Prefect's words for a run or task it saw end by an exception it did not expect
# (Ctrl-C's cancellation included): "Crash detected! ...", "Finished in state Crashed(...)".
_CRASH_WORDS = ("Crash detected!", "Finished in state Crashed(")
_REPLAYED = "pressroom_replayed"  # a record :class:`_CrashesHeld` let through afterwards


class _CrashesHeld(logging.Filter):
    """Holds Prefect's crash lines back from ``handler`` (the console) while the flow
    runs (u54): on Ctrl-C they were four ERROR lines (the task's and the flow's "Crash
    detected!" and "Finished in state Crashed") above the CLI's one line saying it was
    interrupted. Dropped when the run was interrupted, else handled when it ends (a real
    crash). The API handler, on the run's logger, has them all in either case."""

    def __init__(self, handler: logging.Handler) -> None:
        super().__init__()
        self.handler = handler
        self.held: list[logging.LogRecord] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, _REPLAYED, False) or not any(
                word in record.getMessage() for word in _CRASH_WORDS):
            return True
        self.held.append(record)
        return False

    def replay(self) -> None:
        for record in self.held:
            setattr(record, _REPLAYED, True)
            self.handler.handle(record)


@contextmanager
def said_by_the_cli() -> Iterator[None]:
    """While a flow runs for the CLI, its outcome lines stay off the console, and so
    do the tracebacks of a Prefect API that went away, and Prefect's crash lines of a
    run stopped by Ctrl-C (the CLI says it in one line: :mod:`pressroom.run_interrupt`)."""
    handlers = list(logging.getLogger().handlers)
    said, quiet = _SaidOnce(), _NoApiTraceback()
    crashes = [_CrashesHeld(handler) for handler in handlers]
    for handler, held in zip(handlers, crashes, strict=True):
        handler.addFilter(said)
        handler.addFilter(quiet)
        handler.addFilter(held)
    stopped = False
    try:
        yield
    except BaseException as exc:
        stopped = interrupted(exc)
        raise
    finally:
        for handler, held in zip(handlers, crashes, strict=True):
            handler.removeFilter(said)
            handler.removeFilter(quiet)
            handler.removeFilter(held)
            if not stopped:
                held.replay()

