"""Signals that stop a command: Ctrl-C and SIGTERM, each one KeyboardInterrupt, never lost."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from contextvars import ContextVar


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
        self.raise_interrupt(raised)

    def sigterm(self, signum: int, frame: object) -> None:
        if self.stopping is None:
            self.interrupted = True
            self.stopping, self.signum = KeyboardInterrupt(), signal.SIGTERM
            self.raise_interrupt(self.stopping)

    def raise_interrupt(self, raised: KeyboardInterrupt) -> None:
        """Raise the interrupt where the main thread stands."""
        raise raised

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
