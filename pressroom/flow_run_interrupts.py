"""Ctrl-C and SIGTERM in a flow's process: the CLI's handlers, or a flow run's own.

A flow run's own process is one a Prefect worker or runner started (``PREFECT__FLOW_RUN_ID``
is set there; no CLI): the flow run's entry takes :class:`FlowRunInterrupts` and passes them
down (:func:`close_rows_if_interrupted`), nothing kept at module level (i56).
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable
from types import TracebackType

from pressroom.interrupts import CLI_INTERRUPTS, Interrupts

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class FlowRunInterrupts(Interrupts):
    """A flow run's own process's handlers: KeyboardInterrupt never lost, as the CLI's, and
    in an asyncio flow raised between the event loop's steps, never inside a task's.

    Raised inside a task's step (an HTTP write of the fetch pool, i56), the interrupt left
    the loop with that task; at ``asyncio.run``'s end the cancellation of the rest handed it
    to the task awaiting the first (Prefect's task engine: "Crash detected"), which raised it
    out of the loop again, cutting that cancellation short: the flow's own coroutine was
    never unwound, and its source's cluster lease (``flows.concurrency.clustered``) stayed
    held until it lapsed (60 s), so a run of the source triggered in that minute skipped it
    (g55: 2 of 4 worker stops; tests/crash/test_lease_after_ctrl_c_i56.py). Raised by a
    callback of the loop's own, it leaves the loop with no task, and ``asyncio.run`` cancels
    every task, the flow's included, which unwinds as a cancellation (the lease given back).
    """

    @classmethod
    def take_over(cls) -> FlowRunInterrupts:
        """This flow run's handlers for both signals, over Prefect's; the process's hooks
        for a dropped interrupt and for the traceback of one, theirs."""
        interrupts = cls()
        hook = sys.unraisablehook
        if hook is sys.__unraisablehook__ or isinstance(getattr(hook, "__self__", None), cls):
            sys.unraisablehook = interrupts.unraisable
        # Prefect's engine logs the KeyboardInterrupt with its traceback ("interrupted by
        # base exception") and raises it on, which Python prints again: the run's one
        # line (close_rows_if_interrupted) and Prefect's "Crash detected" say it.
        engine = logging.getLogger("prefect.engine")
        if no_interrupt_traceback not in engine.filters:
            engine.addFilter(no_interrupt_traceback)
        if not isinstance(sys.excepthook, QuietInterrupts):
            sys.excepthook = QuietInterrupts(sys.excepthook)
        interrupts.install()
        return interrupts

    def raise_interrupt(self, raised: KeyboardInterrupt) -> None:
        try:
            loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:  # no loop in the main thread: where it stands
            loop = None
        if loop is None or asyncio.current_task(loop) is None:
            raise raised
        loop.call_soon(_raise, raised)  # before the loop's next step of any task


def _raise(raised: KeyboardInterrupt) -> None:
    raise raised


def no_interrupt_traceback(record: logging.LogRecord) -> bool:
    """A log filter: no record carrying a KeyboardInterrupt."""
    exc = record.exc_info[0] if record.exc_info else None
    return not (exc is not None and issubclass(exc, KeyboardInterrupt))


class QuietInterrupts:
    """``sys.excepthook`` less KeyboardInterrupt's traceback."""

    def __init__(self, hook: ExceptHook) -> None:
        self.hook = hook

    def __call__(self, kind: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            self.hook(kind, exc, tb)


def sigterm_as_ctrl_c() -> FlowRunInterrupts | None:
    """In a flow: SIGTERM as Ctrl-C, never lost, over Prefect's handler, which raises
    ``TerminationSignal``: raised in a callback of asyncio's transports (the async flows'
    HTTP), asyncio logged it as "Fatal read error on socket transport" and dropped it, and
    the run went on to its end (lead54); KeyboardInterrupt asyncio passes on. In a flow the
    CLI runs in this process: the CLI's handler, and None. In a flow run's own process
    (``PREFECT__FLOW_RUN_ID``; g55: a worker passes its stop on to its runs): handlers of its
    own for both signals, returned for the flow to pass down (it closes its rows itself).
    Elsewhere (a flow called in some other program) None: its signals are its own."""
    if threading.current_thread() is not threading.main_thread():
        return None
    interrupts = CLI_INTERRUPTS.get()
    if interrupts is not None:
        signal.signal(signal.SIGTERM, interrupts.sigterm)
        return None
    if not os.environ.get("PREFECT__FLOW_RUN_ID"):
        return None  # a flow called in some other program: its signals are its own
    return FlowRunInterrupts.take_over()


def close_rows_if_interrupted(interrupts: Interrupts, db_path: str, data_path: str | None, *,
                              backfill: bool) -> None:
    """In a flow run's own process: when it ends after a Ctrl-C or SIGTERM (a worker's stop
    passed on, g55), close its rows as interrupted and say what it stored, in one line, as
    an interrupted ``ingest`` does. At the process's exit: where the KeyboardInterrupt
    surfaces (the flow, Prefect's engine, the event loop) is not ours to know."""

    def close() -> None:
        if not interrupts.interrupted:
            return
        from pressroom.errors import PressroomError
        from pressroom.run_interrupt import interrupted_line
        from warehouse.lake import parse_target

        try:
            line = interrupted_line(parse_target(db_path, data_path), backfill=backfill)
        except PressroomError:
            return
        print(line, file=sys.stderr, flush=True)

    atexit.register(close)
