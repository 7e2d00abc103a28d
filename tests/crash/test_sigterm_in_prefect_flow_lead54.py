"""lead54: inside a flow the CLI runs, SIGTERM is still the CLI's Ctrl-C.

Prefect's flow engine puts in its own SIGTERM handler for the run, which raises
``TerminationSignal``. The ingest flow is async: raised in a callback of asyncio's
transports, asyncio logs it ("Fatal read error on socket transport") and drops it, and the
run went on to its end, exit 0 (tests/crash/test_sigterm_r54.py's run through Prefect failed
so in the lead's one run of it before this change). KeyboardInterrupt, which asyncio
passes on, is what the CLI's handler raises; the flows now put it back for their run when
the CLI runs them in this process. Where the signal lands is luck, so this asks the handler
in force inside a real flow run (a real Prefect server, the CLI in a subprocess).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SEEN = "lead54 handler in the flow:"
# Run as ``python -c``: the CLI, with load_sources (called inside the flow) telling which
# SIGTERM handler is in force there.
PROBE = f"""
import signal, sys
import flows.ingest as ingest

load = ingest.load_sources

def told(*args, **kwargs):
    handler = signal.getsignal(signal.SIGTERM)
    print({SEEN!r}, getattr(handler, "__module__", None), file=sys.stderr, flush=True)
    return load(*args, **kwargs)

ingest.load_sources = told
from pressroom.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow
def test_the_cli_s_sigterm_handler_is_in_force_inside_its_flow(
        tmp_path: Path, prefect_api: str) -> None:
    sources = tmp_path / "s.toml"
    sources.write_text('[[source]]\nname = "dead"\nfeeds = ["http://127.0.0.1:9/rss.xml"]\n',
                       encoding="utf-8")
    env = {**os.environ, "PREFECT_API_URL": prefect_api,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    done = subprocess.run([sys.executable, "-c", PROBE, "ingest", "--sources", str(sources),
                           "--db", str(tmp_path / "w.duckdb")],
                          capture_output=True, text=True, env=env, timeout=300, check=False)
    seen = [line for line in done.stderr.splitlines() if line.startswith(SEEN)]
    # Before: "prefect.utilities.engine", whose TerminationSignal asyncio may drop.
    assert seen == [f"{SEEN} pressroom.interrupts"], done.stderr[-3000:]
