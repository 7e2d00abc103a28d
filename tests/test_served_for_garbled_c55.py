"""c55 (k55a's leftover): a garbled ``PRESSROOM_SERVED_FOR`` fails a run in one clear line.

``serve`` writes its owner into ``PRESSROOM_SERVED_FOR`` for the runs it starts (o55), and
each deployment run reads it back. One garbled (typed or copied into a worker's
environment: not JSON, or JSON of another shape) failed every run of that worker with
``JSONDecodeError: Expecting value: line 1 column 1 (char 0)`` (or an AttributeError for a
list), words that name neither the variable nor what to do. Now the run fails with one
line naming the variable and the fix, before anything is read or written. Real Prefect
server, real ``pressroom deploy`` and ``prefect worker start`` subprocesses (``pressroom
worker`` drops the variable, v55), a real run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pressroom.errors import ConfigError
from tests.hosts.cluster import api_call, base_env, deploy_then_worker, poll, trigger
from tests.site import PressSite
from tests.site.sources import write_sources_toml

POOL = "c55-served-for"
FIX = ("PRESSROOM_SERVED_FOR is not what `pressroom serve` writes (a JSON object of "
       "sources_file, db_path, data_path), but ")


@pytest.mark.parametrize("text", [
    "not json", "", "[1, 2]", "{}", '{"sources_file": "s", "db_path": 3, "data_path": null}',
    '{"sources_file": "s", "db_path": "w", "data_path": null, "x": 1}', "\x1b[2J",
])
def test_what_serve_did_not_write_is_refused_in_one_line(text: str) -> None:
    from flows.serve_guard import served_owner

    with pytest.raises(ConfigError) as refused:
        served_owner(text)
    assert str(refused.value).startswith(FIX) and "\x1b" not in str(refused.value)
    assert "\n" not in str(refused.value)


def test_what_serve_writes_is_read() -> None:
    import json

    from flows.serve_guard import served_owner

    ours = {"sources_file": "/p/s.toml", "db_path": "/p/w.duckdb", "data_path": None}

    assert served_owner(json.dumps(ours)) == ours


@pytest.mark.slow
def test_a_worker_with_a_garbled_served_for_fails_its_run_in_one_line(
        prefect_api: str, tmp_path: Path) -> None:
    env = base_env(tmp_path / "home", prefect_api)
    db = tmp_path / "w.duckdb"
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                     schedule="0 0 1 1 *")
        log = tmp_path / "worker.log"
        # Prefect's own worker: `pressroom worker` drops the variable (v55)
        worker = deploy_then_worker(env, POOL, sources, db, ["prefect", "worker", "start"], log,
                                    {"PRESSROOM_SERVED_FOR": "not json"})
        try:
            run_id = trigger(prefect_api, "ingest/belta")
            state: dict[str, str] = {}

            def ended() -> bool:
                state.update(api_call("GET", f"{prefect_api}/flow_runs/{run_id}")["state"])
                return state["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED")

            poll(ended, "the run to end", 300)
        finally:
            # Prefect's worker is not under test: SIGTERM to its group (the run's process
            # too), SIGKILL after 30 s (w58: was SIGTERM to the worker alone, waited for up
            # to 120 s; Prefect's `worker start` turns it into a SIGINT to itself and then
            # waits for its runs' processes). It takes 1-2 s here, idle or under load 10.
            worker.stop()
    said = log.read_text(errors="replace")
    assert state["type"] == "FAILED", (state, said[-3000:])
    message = state["message"]
    assert message.count("\n") == 0 and "Traceback" not in message, message
    assert message.endswith("ConfigError: " + FIX + "'not json'; unset it in this process's "
                            "environment (serve sets it for the runs it starts); nothing read "
                            "or written"), message
    assert "JSONDecodeError" not in said, said[-3000:]
    assert not db.exists(), "the run wrote its warehouse"
