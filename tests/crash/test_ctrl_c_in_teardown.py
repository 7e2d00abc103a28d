"""Ctrl-C that lands in a finaliser while the CLI winds down (n47: a terminal's Ctrl-C
reaches `uv run` too, which passes it on; the second one fell in Prefect's teardown and
Python printed "Exception ignored in <WeakValueDictionary...>" with a traceback under the
one line "interrupted"). README: an expected failure is one line, never a traceback. The
second signal's moment cannot be placed from outside, so the finaliser raises it here, in
a real interpreter running the CLI's entry point."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# A command through main() (`pressroom sources` on a missing file: one line, exit 1),
# then a finaliser raising what a signal there would raise (or another error, which
# must still be told).
PROGRAM = """
import sys
from pressroom.cli import main

class Teardown:
    def __del__(self):
        raise {error}("in a finaliser")

code = main(["sources", "--sources", sys.argv[1]])
holder = Teardown()
del holder
print("exit", code)
"""


def _run(error: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    missing = str(tmp_path / "missing.toml")
    return subprocess.run([sys.executable, "-c", PROGRAM.format(error=error), missing],
                          capture_output=True, text=True, timeout=120, check=False)


def test_a_ctrl_c_in_a_finaliser_after_main_prints_nothing(tmp_path: Path) -> None:
    done = _run("KeyboardInterrupt", tmp_path)
    assert "exit 1" in done.stdout, done.stdout + done.stderr
    assert "Exception ignored" not in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_another_error_in_a_finaliser_is_still_told(tmp_path: Path) -> None:
    done = _run("ValueError", tmp_path)  # a guard: only Ctrl-C is quiet
    assert "Exception ignored" in done.stderr and "ValueError" in done.stderr, done.stderr
