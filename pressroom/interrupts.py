"""Signals that stop a command: Ctrl-C and SIGTERM, each one KeyboardInterrupt, never lost."""

from __future__ import annotations

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


class Sigterm:
    """SIGTERM is Ctrl-C (r54), taken once and never lost (lead54).

    Once: a process group's SIGTERM (systemd's, `timeout`'s) also reaches `uv run`, which
    passes it on, and a second one would cut the shutdown short. Never lost: the handler
    raises KeyboardInterrupt wherever the main thread stands, and in a callback of the
    garbage collector (a weakref callback, a finaliser) Python cannot raise it and drops it
    (f54 found it in `serve`); with the next SIGTERMs ignored, the run went on to its end.
    The dropped exception reaches ``sys.unraisablehook``: this one sends the signal again,
    ``AGAIN_AFTER`` s later, from a thread, so that its handler does not run in the hook.
    """

    AGAIN_AFTER = 0.5

    def __init__(self) -> None:
        self.raised: KeyboardInterrupt | None = None

    def handle(self, signum: int, frame: object) -> None:
        if self.raised is None:
            self.raised = KeyboardInterrupt()
            raise self.raised

    def unraisable(self, unraisable: sys.UnraisableHookArgs) -> None:
        try:
            if self.raised is not None and unraisable.exc_value is self.raised:
                self._again()
            else:
                quiet_interrupts(unraisable)
        except KeyboardInterrupt as exc:  # a signal's handler ran in here: not lost either
            if exc is self.raised:
                self._again()

    def _again(self) -> None:
        """The SIGTERM whose KeyboardInterrupt was dropped, once more."""
        timer = threading.Timer(self.AGAIN_AFTER, self._send)
        timer.daemon = True
        timer.start()

    def _send(self) -> None:
        self.raised = None
        os.kill(os.getpid(), signal.SIGTERM)


# The CLI's handler, for flows it runs in this process (a context's value, not a global).
CLI_SIGTERM: ContextVar[Sigterm | None] = ContextVar("pressroom_cli_sigterm", default=None)


def sigterm_as_ctrl_c() -> None:
    """In a flow the CLI runs in this process: its SIGTERM handler again, over Prefect's.

    Prefect's flow engine puts in its own for the run, which raises ``TerminationSignal``;
    raised in a callback of asyncio's transports (the async flows' HTTP), asyncio logs it
    as "Fatal read error on socket transport" and drops it, and the run went on to its end
    (lead54: tests/crash/test_sigterm_r54.py failed so in my one run of it before).
    KeyboardInterrupt asyncio passes on. Flow runs a Prefect runner or worker starts keep
    Prefect's (no CLI here).
    """
    sigterm = CLI_SIGTERM.get()
    if sigterm is not None and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, sigterm.handle)
