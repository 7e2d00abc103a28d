"""``pressroom serve``: starts its own Prefect server, serves deployments, stops cleanly.

This is the slowest test (a real Prefect server starts): about a minute.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

import duckdb
import httpx
import pytest

from tests.site import PressSite
from tests.site import manifest as m
from tests.site.sources import write_sources_toml

STARTUP = 150.0


def _pump(stream: IO[str], lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line)



def stop_serve(proc: subprocess.Popen[str]) -> None:
    """SIGTERM, as a service manager stops it: serve must end within 90 s."""
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=90)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("serve did not stop on SIGTERM")

def _wait_for(lines: queue.Queue[str], needle: str, seen: list[str]) -> str:
    """Block until a line containing ``needle`` arrives (or fail after STARTUP s)."""
    while True:
        try:
            line = lines.get(timeout=STARTUP)
        except queue.Empty:
            pytest.fail(f"no {needle!r} in serve output:\n{''.join(seen[-40:])}")
        seen.append(line)
        if needle in line:
            return line


@pytest.mark.slow
def test_serve_starts_server_and_runs_a_triggered_deployment(tmp_path: Path) -> None:
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
        try:
            _wait_for(lines, "started a local Prefect server at", seen)
            # The trigger below uses exactly what serve tells the user to export.
            export = _wait_for(lines, "export PREFECT_API_URL=", seen)
            api = export.split("export PREFECT_API_URL=", 1)[1].strip()
            _wait_for(lines, "ingest/belta", seen)
            run = subprocess.run(
                [sys.executable, "-m", "prefect", "deployment", "run", "ingest/belta",
                 "--watch", "--watch-timeout", "120"],
                env={**env, "PREFECT_API_URL": api}, capture_output=True, text=True,
                timeout=180, check=False,
            )
            assert run.returncode == 0, run.stdout + run.stderr
            assert "Completed" in run.stdout + run.stderr
        finally:
            stop_serve(proc)
    assert proc.returncode == 0
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{api}/health", timeout=2.0)  # the server it started is gone
    con = duckdb.connect(str(db), read_only=True)
    try:
        (count,) = con.execute("SELECT count(*) FROM articles WHERE source = 'belta'").fetchone()
    finally:
        con.close()
    assert count == len(m.storable("belta"))


@pytest.mark.slow
def test_a_sources_file_edited_while_serve_runs_is_read_at_each_run(tmp_path: Path) -> None:
    """Review r24: each run reads the sources file again; a broken edit fails that run
    with one line naming the file, serve keeps serving, and the next run after the
    file is mended stores the articles."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    db = tmp_path / "serve.duckdb"
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                     schedule="0 0 1 1 *")
        good = sources.read_text(encoding="utf-8")
        proc = subprocess.Popen(
            [sys.executable, "-m", "pressroom", "serve", "--sources", str(sources),
             "--db", str(db)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        lines: queue.Queue[str] = queue.Queue()
        seen: list[str] = []
        assert proc.stdout is not None
        threading.Thread(target=_pump, args=(proc.stdout, lines), daemon=True).start()

        def trigger() -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [sys.executable, "-m", "prefect", "deployment", "run", "ingest/belta",
                 "--watch", "--watch-timeout", "120"],
                env={**env, "PREFECT_API_URL": api}, capture_output=True, text=True,
                timeout=180, check=False,
            )

        try:
            export = _wait_for(lines, "export PREFECT_API_URL=", seen)
            api = export.split("export PREFECT_API_URL=", 1)[1].strip()
            _wait_for(lines, "ingest/belta", seen)
            sources.write_text(good[: len(good) // 2], encoding="utf-8")  # a save cut short
            broken = trigger()
            assert broken.returncode != 0, broken.stdout + broken.stderr
            assert "Failed" in broken.stdout + broken.stderr
            error = _wait_for(lines, "ConfigError", seen)
            assert "is not valid TOML" in error and str(sources) in error, error
            assert "Traceback" not in "".join(seen)
            sources.write_text(good, encoding="utf-8")
            mended = trigger()
            assert mended.returncode == 0, mended.stdout + mended.stderr
            assert "Completed" in mended.stdout + mended.stderr
        finally:
            stop_serve(proc)
    assert proc.returncode == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        (count,) = con.execute("SELECT count(*) FROM articles WHERE source = 'belta'").fetchone()
    finally:
        con.close()
    assert count == len(m.storable("belta"))
