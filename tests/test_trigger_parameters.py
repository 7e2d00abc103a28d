"""Review k37: a manual trigger through Prefect with parameters the CLI would refuse.

``prefect deployment run 'ingest/belta' -p parse_workers=0`` (or 500, or
``-p lock_timeout=-1``) reached the pipeline as given: 0 parsed pages in a thread of
the run (no parse timeout, no crash isolation: README "A dying parser costs no page"),
500 started up to 500 parser processes, and a negative lock timeout was taken as it
came (``Infinity`` is refused by Prefect's own schema: JSON has no such number). The
flow now checks them as the CLI and the sources file do: the run fails in one line
naming the parameter, nothing fetched, and ``serve`` goes on.
Slow: a real Prefect server starts (about a minute).
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from tests.site import PressSite
from tests.site import manifest as m
from tests.site.sources import write_sources_toml
from tests.test_serve import _pump, _wait_for, stop_serve

BAD = (
    ("parse_workers=0", "parse_workers"),
    ("parse_workers=65", "parse_workers"),
    ("lock_timeout=-1", "lock_timeout"),
)


@pytest.mark.slow
def test_a_trigger_with_parameters_the_cli_refuses_fails_in_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    db = tmp_path / "serve.duckdb"
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                     schedule="0 0 1 1 *")
        proc = subprocess.Popen(
            [sys.executable, "-m", "pressroom", "serve", "--sources", str(sources),
             "--db", str(db)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        lines: queue.Queue[str] = queue.Queue()
        seen: list[str] = []
        assert proc.stdout is not None
        threading.Thread(target=_pump, args=(proc.stdout, lines), daemon=True).start()

        def trigger(*params: str) -> subprocess.CompletedProcess[str]:
            args = [sys.executable, "-m", "prefect", "deployment", "run", "ingest/belta",
                    "--watch", "--watch-timeout", "120"]
            for p in params:
                args += ["-p", p]
            return subprocess.run(args, env={**env, "PREFECT_API_URL": api},
                                  capture_output=True, text=True, timeout=180, check=False)

        try:
            export = _wait_for(lines, "export PREFECT_API_URL=", seen)
            api = export.split("export PREFECT_API_URL=", 1)[1].strip()
            _wait_for(lines, "ingest/belta", seen)
            for param, name in BAD:
                run = trigger(param)
                out = run.stdout + run.stderr
                assert run.returncode != 0 and "Failed" in out, (param, out)
                error = _wait_for(lines, "Finished in state Failed(", seen)
                assert "ConfigError" in error and name in error, (param, error)
            assert "Traceback" not in "".join(seen)
            good = trigger("parse_workers=1", "lock_timeout=5")
            assert good.returncode == 0, good.stdout + good.stderr
        finally:
            stop_serve(proc)
    assert proc.returncode == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        (count,) = con.execute("SELECT count(*) FROM articles WHERE source = 'belta'").fetchone()
        (runs,) = con.execute("SELECT count(DISTINCT run_id) FROM runs").fetchone()
    finally:
        con.close()
    assert count == len(m.storable("belta"))
    assert runs == 1  # the refused triggers ran nothing
