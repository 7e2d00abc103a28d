"""Signals that stop a command: Ctrl-C and SIGTERM, each one KeyboardInterrupt, never lost."""

from __future__ import annotations

import atexit
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable
from contextvars import ContextVar
from types import TracebackType


def quiet_interrupts(unraisable: sys.UnraisableHookArgs) -> None:
    """Python's hook for errors it cannot raise (in a finaliser, a weakref callback), less
    Ctrl-C: a terminal's Ctrl-C reaches `uv run` too, which passes it on, and that second
    one lands in Prefect's teardown as "Exception ignored in ... KeyboardInterrupt" with
    a traceback, after the one line the first already earned."""
    if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
        return
    sys.__unraisablehook__(unraisable)


class Interrupts:
    """Ctrl-C and SIGTERM: KeyboardInterrupt in the main thread, never lost (lead54, g55).

    SIGTERM is Ctrl-C (r54), taken once: a process group's SIGTERM (systemd's, `timeout`'s)
    also reaches `uv run`, which passes it on, and a second one would cut the shutdown
    short. Ctrl-C is taken each time, as Python's own handler takes it (a second Ctrl-C
    still cuts a slow shutdown short).

    Never lost: a handler raises KeyboardInterrupt wherever the main thread stands, and in
    a callback of the garbage collector (a weakref callback, a finaliser) Python cannot
    raise it and drops it (f54 found it in `serve`); the run went on to its end (lead54:
    SIGTERM; g55: Ctrl-C, under Python's own handler too). The dropped exception reaches
    ``sys.unraisablehook``: :meth:`unraisable` sends the same signal again from a thread,
    ``AGAIN_AFTER`` s later, so that its handler does not run in the hook (should it still,
    or in the same collection, it is dropped and sent again), unless another interrupt was
    raised meanwhile. Soon: 0.5 s later (lead54), a command with less than that left (an
    `index` or `export` of a small warehouse) finished instead, exit 0 (g55). Only the
    interrupt that is stopping the command is sent again: one that lands while an earlier
    one is on its way out (a second Ctrl-C in Prefect's teardown) stays dropped, and quiet.
    """

    AGAIN_AFTER = 0.01

    def __init__(self) -> None:
        # The interrupt stopping the command, once raised; None again when it was dropped.
        self.stopping: KeyboardInterrupt | None = None
        self.signum = signal.SIGINT
        self.interrupted = False  # a handler raised: this process was told to stop
        # The command has ended (``finish``): a dropped signal is not sent again (k55b).
        self.finished = False
        self._sending = threading.Lock()

    def install(self) -> None:
        """Ctrl-C and SIGTERM to these handlers (in the main thread; elsewhere Python
        allows none). Also when a parent handed SIGINT ignored (a background job of a
        script, a test runner's child): Ctrl-C must still stop any command, exit 130."""
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, self.ctrl_c)
            signal.signal(signal.SIGTERM, self.sigterm)
        if self.after_interrupt not in _ASYNCIO_LOG.filters:
            _ASYNCIO_LOG.addFilter(self.after_interrupt)

    def after_interrupt(self, record: logging.LogRecord) -> bool:
        """asyncio's log, quiet once a signal stopped the command: a KeyboardInterrupt raised
        in the event loop leaves its tasks to be cancelled at ``asyncio.run``'s end, and one
        that went on to a request the closed HTTP client refused was logged as "unhandled
        exception during asyncio.run() shutdown" with its traceback, after the one line
        (g55: tests/crash/test_sigterm_r54.py's Ctrl-C case, once in two runs)."""
        return not self.interrupted

    def ctrl_c(self, signum: int, frame: object) -> None:
        self.interrupted = True
        raised = KeyboardInterrupt()
        if self.stopping is None:
            self.stopping, self.signum = raised, signal.SIGINT
        raise raised

    def sigterm(self, signum: int, frame: object) -> None:
        if self.stopping is None:
            self.interrupted = True
            self.stopping, self.signum = KeyboardInterrupt(), signal.SIGTERM
            raise self.stopping

    def unraisable(self, unraisable: sys.UnraisableHookArgs) -> None:
        try:
            if self.stopping is not None and unraisable.exc_value is self.stopping:
                self._again()
            else:
                quiet_interrupts(unraisable)
        except KeyboardInterrupt as exc:  # a signal's handler ran in here: not lost either
            if exc is self.stopping:
                self._again()

    def finish(self) -> None:
        """The command has ended, its exit code chosen: a signal dropped from now on is not
        sent again (k55b: sent into the exiting process, after ``main`` returned, it was
        KeyboardInterrupt's traceback and exit -2 after a finished command). One already
        sent is pending when this returns: its handler runs in the caller, which catches
        it as any interrupt of the command."""
        with self._sending:
            self.finished = True

    def _again(self) -> None:
        """The signal whose KeyboardInterrupt was dropped, once more."""
        self.stopping = None
        if self.finished:
            return
        timer = threading.Timer(self.AGAIN_AFTER, self._send, args=(self.signum,))
        timer.daemon = True
        timer.start()

    def _send(self, signum: int) -> None:
        with self._sending:
            if self.stopping is None and not self.finished:  # no other interrupt meanwhile
                os.kill(os.getpid(), signum)


_ASYNCIO_LOG = logging.getLogger("asyncio")

# The CLI's handlers, for the commands and flows it runs in this process (a context's
# value, not a global).
CLI_INTERRUPTS: ContextVar[Interrupts | None] = ContextVar("pressroom_cli_interrupts",
                                                           default=None)


def interrupt_taken() -> bool:
    """True once a handler of the CLI's raised: the process was told to stop, and an error
    escaping now is that stop's (f55: a KeyboardInterrupt raised inside pydantic-core's
    serializer surfaces as ``PydanticSerializationError``, its cause lost)."""
    interrupts = CLI_INTERRUPTS.get()
    return interrupts is not None and interrupts.interrupted


def stop_on_interrupts() -> None:
    """A command that stops on Ctrl-C and SIGTERM (``worker``): the CLI's handlers for both,
    put in again over anything that replaced them; outside the CLI, Python's Ctrl-C and
    SIGTERM as Ctrl-C."""
    if threading.current_thread() is not threading.main_thread():
        return
    interrupts = CLI_INTERRUPTS.get()
    if interrupts is not None:
        interrupts.install()
    else:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.default_int_handler)


def stop_on_ctrl_c() -> None:
    """Ctrl-C alone (``serve``, whose SIGTERM is its own): the CLI's handler, else
    Python's."""
    if threading.current_thread() is not threading.main_thread():
        return
    interrupts = CLI_INTERRUPTS.get()
    signal.signal(signal.SIGINT,
                  signal.default_int_handler if interrupts is None else interrupts.ctrl_c)


def sigterm_as_ctrl_c() -> bool:
    """In a flow: SIGTERM as Ctrl-C, never lost, over Prefect's handler. True when the flow
    must close its own rows on an interrupt (no CLI here to do it).

    Prefect's flow engine puts in its own for the run, which raises ``TerminationSignal``;
    raised in a callback of asyncio's transports (the async flows' HTTP), asyncio logs it
    as "Fatal read error on socket transport" and drops it, and the run went on to its end
    (lead54: tests/crash/test_sigterm_r54.py failed so in my one run of it before).
    KeyboardInterrupt asyncio passes on. In a flow the CLI runs in this process: the CLI's
    handler. In a flow run's own process, which a Prefect worker or runner started
    (``PREFECT__FLOW_RUN_ID`` is set there): handlers of its own for both signals (g55: a
    worker passes its stop on to its runs), and the flow closes its rows itself.
    """
    if threading.current_thread() is not threading.main_thread():
        return False
    interrupts = CLI_INTERRUPTS.get()
    if interrupts is not None:
        signal.signal(signal.SIGTERM, interrupts.sigterm)
        return False
    if not os.environ.get("PREFECT__FLOW_RUN_ID"):
        return False  # a flow called in some other program: its signals are its own
    global _FLOW_RUN_INTERRUPTS
    if _FLOW_RUN_INTERRUPTS is None:
        _FLOW_RUN_INTERRUPTS = Interrupts()
        if sys.unraisablehook is sys.__unraisablehook__:
            sys.unraisablehook = _FLOW_RUN_INTERRUPTS.unraisable
        # Prefect's engine logs the KeyboardInterrupt with its traceback ("interrupted by
        # base exception") and raises it on, which Python prints again: the run's one
        # line (close_rows_if_interrupted) and Prefect's "Crash detected" say it.
        logging.getLogger("prefect.engine").addFilter(_no_interrupt_traceback)
        sys.excepthook = _quiet_interrupt_hook(sys.excepthook)
    _FLOW_RUN_INTERRUPTS.install()
    return True


def _no_interrupt_traceback(record: logging.LogRecord) -> bool:
    exc = record.exc_info[0] if record.exc_info else None
    return not (exc is not None and issubclass(exc, KeyboardInterrupt))


def _quiet_interrupt_hook(
    hook: Callable[[type[BaseException], BaseException, TracebackType | None], object],
) -> Callable[[type[BaseException], BaseException, TracebackType | None], None]:
    def quiet(kind: type[BaseException], exc: BaseException,
              tb: TracebackType | None) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            hook(kind, exc, tb)

    return quiet


# A flow run's own process (no CLI): one set of handlers for the process.
_FLOW_RUN_INTERRUPTS: Interrupts | None = None


def close_rows_if_interrupted(db_path: str, data_path: str | None, *, backfill: bool) -> None:
    """In a flow run's own process: when it ends after a Ctrl-C or SIGTERM (a worker's stop
    passed on, g55), close its rows as interrupted and say what it stored, in one line, as
    an interrupted ``ingest`` does. At the process's exit: where the KeyboardInterrupt
    surfaces (the flow, Prefect's engine, the event loop) is not ours to know."""

    def close() -> None:
        if _FLOW_RUN_INTERRUPTS is None or not _FLOW_RUN_INTERRUPTS.interrupted:
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
