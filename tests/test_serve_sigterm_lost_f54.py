"""f54: ``serve`` stops on a SIGTERM that lands in a garbage collection.

``serve`` turned SIGTERM into KeyboardInterrupt, raised wherever the main thread stood
when the signal arrived. When that was a callback the garbage collector runs (a weakref
callback, a finaliser, ``gc.callbacks``), Python cannot raise there: the exception is
reported as unraisable (``pressroom.interrupts.quiet_interrupts`` hides a KeyboardInterrupt)
and dropped, and ``serve`` went on serving until the service manager killed it. Seen
as ``tests/test_deploy_removed_source_d52.py``'s serve test failing about one run in
three after ``tests/test_deploy_orders_k53s.py``: the SIGTERM landed in a weakref
callback of a collection while Prefect's runner imported its web server (py-spy and a
stack of the handler's frame), before the runner put in its own handler.

Here the collection is made to last until the SIGTERM comes: ``serve`` runs with a
``gc.callbacks`` entry that, once ``serve`` has put in its SIGTERM handler, holds the
first collection of the main thread until a signal arrives. Real Prefect server, real
``serve`` subprocess, a real SIGTERM.
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
from tests.site import PressSite
from tests.site.sources import write_sources_toml

HELD = "f54: main thread held in a garbage collection"
STOP_LIMIT = 75.0  # serve's own bound is 60 s after the signal


@pytest.mark.slow
def test_serve_stops_on_a_sigterm_that_lands_in_a_garbage_collection(
        prefect_api: str, tmp_path: Path) -> None:
    env = {**os.environ, "PREFECT_API_URL": prefect_api,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    seen: list[str] = []
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                     schedule="0 0 1 1 *")
        hold = gc_hold_script(HELD, handler_from="flows.serve")
        proc = subprocess.Popen(
            [sys.executable, "-c", hold, "serve", "--sources", str(sources),
             "--db", str(tmp_path / "w.duckdb")],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        lines = OutputLines(proc.stdout)
        try:  # SIGTERM, as a service manager stops it
            code = signal_when_held(proc, lines, HELD, signal.SIGTERM, STOP_LIMIT, seen=seen,
                                    hold_wait=150)
        except subprocess.TimeoutExpired:
            pytest.fail("serve did not stop on a SIGTERM that landed in a garbage "
                        f"collection:\n{''.join(seen[-20:])}")
    seen += lines.rest()  # the rest of serve's output, to its end
    out = "".join(seen)
    assert code == 0, out
    assert [line for line in seen if line.startswith("pressroom: serve stopped")], out
    assert "Traceback" not in out, out
