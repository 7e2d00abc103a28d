"""g55: `sql`, `export`, `index` and `search` stopped by Ctrl-C or SIGTERM whose
KeyboardInterrupt lands in a garbage collection: one line, exit 130 (README, "Exit codes"),
no traceback, and no output left looking complete.

Before, Ctrl-C was Python's own handler in the CLI: raised in a callback of the garbage
collector its KeyboardInterrupt was dropped (Python reports it as unraisable, and the CLI's
hook kept quiet) and the command ran to its end, exit 0, as if no key had been pressed.
Here the command's main thread is held in its first collection after the CLI's handlers
are in place until the signal comes (tests/gc_hold.py). Real
parts: a warehouse written through the warehouse's own write path, CLI subprocesses, real
signals.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gc_hold import gc_hold_script, signal_when_held
from tests.output_lines import OutputLines

HELD = "g55: main thread held in a garbage collection"

COMMANDS = {
    "sql": ["sql", "SELECT count(*) FROM articles", "--format", "csv"],
    "export": ["export", "--out", "{out}", "--format", "jsonl"],
    "index": ["index", "--index", "{index}"],
    "search": ["search", "trafficking", "--reindex", "--index", "{index}"],
}


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_command_stopped_in_a_garbage_collection_says_one_line_and_leaves_nothing(
        db: Path, tmp_path: Path, command: str, sig: signal.Signals) -> None:
    out, index = tmp_path / "out", tmp_path / "x.search.duckdb"
    args = [a.format(out=out, index=index) for a in COMMANDS[command]] + ["--db", str(db)]
    hold = gc_hold_script(HELD, handler_from="pressroom")
    proc = subprocess.Popen([sys.executable, "-c", hold, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PRESSROOM_INDEX": ""})
    lines, printed = OutputLines(proc.stderr), OutputLines(proc.stdout)
    before: list[str] = []
    code = signal_when_held(proc, lines, HELD, sig, 120, seen=before)
    err, stdout = "".join(before + lines.rest()), "".join(printed.rest())
    # Before: the dropped KeyboardInterrupt let the command finish, exit 0 (every Ctrl-C;
    # SIGTERM, sent again 0.5 s later, came after `index` had finished).
    assert code == 130, err + stdout
    assert [line for line in err.splitlines() if line.strip()] == [
        "pressroom: error: interrupted"], err
    assert stdout == "", stdout  # no result printed as if complete
    # Nothing written looks like a finished export or index.
    assert not out.exists() or not [p for p in out.rglob("*") if p.is_file()]
    assert not index.exists()
