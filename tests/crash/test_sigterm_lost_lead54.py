"""lead54: a SIGTERM that lands in a garbage collection still stops a run; g55: a Ctrl-C too.

r54 made SIGTERM stop `pressroom ingest` as Ctrl-C does: its handler raises
KeyboardInterrupt wherever the main thread stands, and ignores the SIGTERMs after the first
(a process group's reaches `uv run` too, which passes it on). When the main thread stood in
a callback of the garbage collector (a weakref callback, a finaliser, ``gc.callbacks``),
Python cannot raise there and drops the exception (f54 found it in `serve`), and with the
next SIGTERMs ignored the run went on to its end: `timeout` and systemd then had to kill it.

Here the collection is made to last until the signal comes: the run holds the first
collection of its main thread after its SIGTERM handler is in place, until a signal
arrives. Real parts: a generated press site on loopback, a `pressroom ingest` subprocess,
a real SIGTERM, a DuckDB file; the re-run stores each article exactly once.

g55: Ctrl-C (SIGINT, as a terminal sends it) stayed Python's own handler in the CLI, and
its KeyboardInterrupt was dropped the same way: one Ctrl-C was lost, the run fetched all
200 and exited 0, and the user had to press again.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.crash.bulk_site import BulkSite
from tests.crash.test_sigterm_r54 import LINE
from tests.gc_hold import gc_hold_script, signal_when_held
from tests.output_lines import OutputLines

ARTICLES = 200
BEFORE = "pressroom: interrupted before the run began; nothing fetched"
HELD = "lead54: main thread held in a garbage collection"


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_a_sigterm_that_lands_in_a_garbage_collection_still_stops_the_run(
        tmp_path: Path, sig: signal.Signals) -> None:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    db = tmp_path / "w.duckdb"
    with BulkSite(ARTICLES, delay=0.01) as site:
        sources = tmp_path / "s.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        args = ["ingest", "--no-prefect", "--sources", str(sources), "--db", str(db),
                "--parse-workers", "1"]
        hold = gc_hold_script(HELD, handler_from="pressroom")
        proc = subprocess.Popen([sys.executable, "-c", hold, *args], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        lines = OutputLines(proc.stderr)
        before: list[str] = []
        code = signal_when_held(proc, lines, HELD, sig, 300, seen=before)
        err = "".join(before + lines.rest())
        # Before: the dropped KeyboardInterrupt let the run fetch all 200 and exit 0.
        assert code == 130, err
        ours = [line for line in err.splitlines() if line.startswith("pressroom:")]
        # Held at its first collection, the run may not have begun: either line is u54's.
        assert len(ours) == 1, err
        assert LINE.fullmatch(ours[0]) or ours[0] == BEFORE, err
        assert "Traceback" not in err, err
        again = subprocess.run([sys.executable, "-m", "pressroom", *args], capture_output=True,
                               text=True, env=env, timeout=600, check=False)
    assert again.returncode == 0, again.stderr[-3000:]
    with duckdb.connect(str(db), read_only=True) as con:
        counts = con.execute(
            "SELECT count(*), count(DISTINCT url), (SELECT count(*) FROM article_versions) "
            "FROM articles").fetchone()
    assert counts == (ARTICLES, ARTICLES, ARTICLES), counts  # nothing lost or doubled
