"""A pressroom CLI child whose main thread is held in a garbage collection until a signal.

A SIGTERM handler that raises (KeyboardInterrupt, as pressroom's do) cannot raise inside a
callback of the garbage collector (a weakref callback, a finaliser, ``gc.callbacks``):
Python reports the exception as unraisable and drops it (f54 in ``serve``, lead54 in
``ingest``). The child made here lands the signal there every time: once the SIGTERM handler
in force is one ``handler_from`` defines, the first collection of the main thread prints
``held`` to stderr and blocks until a signal's handler ends the wait (120 s at most).

Use::

    proc = subprocess.Popen([sys.executable, "-c", gc_hold_script(HELD, "pressroom"),
                             "ingest", ...], stderr=subprocess.PIPE, text=True)
    code = signal_when_held(proc, OutputLines(proc.stderr), HELD, signal.SIGTERM, 120)
"""

from __future__ import annotations

import subprocess

from tests.output_lines import OutputLines


def gc_hold_script(held: str, handler_from: str) -> str:
    """Source for ``python -c SCRIPT ARGS...``: ``pressroom ARGS...``, held as above.

    ``handler_from``: the module or package (``"flows.serve"``, ``"pressroom"``) whose SIGTERM
    handler arms the hold.
    """
    return f"""
import gc, signal, sys, threading, time

holding = []

def hold(phase, info):
    module = str(getattr(signal.getsignal(signal.SIGTERM), "__module__", ""))
    if (holding or phase != "start" or threading.current_thread() is not threading.main_thread()
            or not (module == {handler_from!r} or module.startswith({handler_from + "."!r}))):
        return
    holding.append(True)
    print({held!r}, file=sys.stderr, flush=True)
    time.sleep(120)  # ended by the signal: its handler runs in here

gc.callbacks.append(hold)
from pressroom.cli import main
sys.exit(main(sys.argv[1:]))
"""


def signal_when_held(proc: subprocess.Popen[str], lines: OutputLines, held: str, sig: int,
                     wait: float, *, seen: list[str] | None = None,
                     hold_wait: float = 120) -> int:
    """Wait for the line ``held`` among ``lines`` (``proc``'s output; the lines before it
    go to ``seen``), send ``sig`` as ``kill``, a service manager or a terminal does, and
    return ``proc``'s exit code within ``wait`` s (else ``subprocess.TimeoutExpired``).
    ``proc`` is killed if it has not ended when this returns or raises."""
    try:
        while held not in (line := lines.get(timeout=hold_wait)):
            if seen is not None:
                seen.append(line)
        proc.send_signal(sig)
        return proc.wait(timeout=wait)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
