"""A signal dropped in a garbage collection once the command has ended is not sent again
into the exiting process (k55b, attacking g55's re-send).

g55 (pressroom.interrupts.Interrupts) sends a signal whose KeyboardInterrupt a collection
dropped again 0.01 s later, so that the command still stops. Dropped once ``main`` has
returned (the console script's ``sys.exit(main())``, the interpreter's shutdown: the
command's output written, its exit code chosen), the signal sent again landed outside
anything that catches it: KeyboardInterrupt's traceback, exit -2, after a finished
command. The child here holds its main thread in the first collection after ``main``
returned, until the signal comes (tests/gc_hold.py's way); the command's own result
stands, quiet.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.output_lines import OutputLines

HELD = "k55b: held in a collection after main returned"

SCRIPT = f"""
import gc, sys, threading, time

armed = []

def hold(phase, info):
    if armed and phase == "start":
        armed.clear()
        print({HELD!r}, file=sys.stderr, flush=True)
        time.sleep(120)  # ended by the signal: its handler runs in here

gc.callbacks.append(hold)
from pressroom.cli import main
code = main(sys.argv[1:])
armed.append(True)
gc.collect()
for timer in [t for t in threading.enumerate() if isinstance(t, threading.Timer)]:
    timer.join()  # a signal sent again has been sent: its handler runs on the next line
print("after the collection", file=sys.stderr, flush=True)
sys.exit(code)
"""


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_signal_dropped_after_the_command_ended_is_not_sent_again(
    tmp_path: Path, signum: signal.Signals
) -> None:
    from warehouse import open_warehouse

    db = tmp_path / "w.duckdb"
    with open_warehouse(db):
        pass
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, "sql", "select 42", "--db", str(db),
                             "--format", "csv"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    try:
        lines = OutputLines(proc.stderr)
        assert lines.get(timeout=120) == HELD + "\n"
        proc.send_signal(signum)
        proc.wait(timeout=120)
        err = "".join(lines.rest())
    finally:
        proc.kill()
    assert proc.stdout is not None
    assert proc.stdout.read() == "42\n42\n"
    assert "Traceback" not in err, err
    assert err == "after the collection\n", err
    assert proc.returncode == 0, err
