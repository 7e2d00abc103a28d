"""w56b (k56b's left): a run whose work is done is not failed because the Prefect server
did not answer the give-back of its source's cluster lease.

k56b: a flow run through a long outage stored its articles (runs row ``ok``), then leaving
``flows.concurrency.clustered`` raised the ConnectError of the lease's release: the run
ended Crashed, its process exited 1, though the lease lapses by itself within
``LEASE_SECONDS``. Now the release that gets no answer is said in one line and the block
ends as its work did. Real parts: a ``prefect server start`` of the test's own, the lease
taken against it by ``clustered`` in a child process (inside Prefect's ConcurrencyContext,
as a flow run is), the server killed while it is held.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from flows.serve import _free_port
from tests.hosts.cluster import base_env
from tests.own_prefect_server import start_prefect_server, stop_prefect_server
from tests.site.sources import write_sources_toml

ROOT = Path(__file__).resolve().parents[2]
HOLDER = """
import asyncio, sys
from prefect.concurrency.context import ConcurrencyContext
from flows.concurrency import clustered
from flows.config import load_sources

every = load_sources(sys.argv[1])

async def main() -> None:
    async with clustered(every, every) as (owned, elsewhere, _pacer):
        print("held", *[s.name for s in owned], flush=True)
        await asyncio.to_thread(sys.stdin.readline)  # the test kills the server meanwhile
    print("work done, left clustered", flush=True)

with ConcurrencyContext():  # as Prefect's flow engine holds one around a flow run
    asyncio.run(main())
"""


@pytest.mark.slow
def test_leaving_clustered_while_the_server_is_away_ends_as_the_work_did(
    tmp_path: Path,
) -> None:
    port = _free_port()
    env = base_env(tmp_path / "prefect", f"http://127.0.0.1:{port}/api")
    env["PREFECT_CLIENT_MAX_RETRIES"] = "0"  # an unanswered call fails at once
    sources = write_sources_toml("http://127.0.0.1:9", tmp_path / "s.toml", names=("belta",))
    server = start_prefect_server(port, env)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(sources)], cwd=ROOT, env=env,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdin is not None
        first = holder.stdout.readline()  # blocks until held, or '' if the child ended
        assert first.split() == ["held", "belta"], (first, holder.communicate(timeout=60))
        stop_prefect_server(server)
        out, err = holder.communicate("\n", timeout=120)
    finally:
        stop_prefect_server(server)
        if holder.poll() is None:
            holder.kill()
            holder.wait()
    # Before: Traceback (httpx.ConnectError out of the lease's release), exit 1.
    assert holder.returncode == 0, err[-4000:]
    assert "work done, left clustered" in out, (out, err[-4000:])
    assert "Traceback" not in err, err[-4000:]
    said = [line for line in err.splitlines() if "pressroom-source-belta" in line]
    assert len(said) == 1, err[-4000:]
    assert "lapses within 60 s" in said[0], said
    # Prefect's retry of the give-back at the context's end: a WARNING and its traceback.
    assert "during cleanup" not in err, err[-4000:]
