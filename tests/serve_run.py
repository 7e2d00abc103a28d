"""``pressroom serve`` as a service manager runs it: a real subprocess of this
interpreter, its output read line by line, stopped with SIGTERM; and a deployment
triggered as the user would, with ``prefect deployment run``."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.output_lines import OutputLines
from tests.reliability.test_retry_schedule import rows
from tests.site import PressSite
from tests.site.sources import write_sources_toml

STARTUP = 150.0
EXPORT = "export PREFECT_API_URL="


def serve_env(tmp_path: Path) -> dict[str, str]:
    """Ours without a Prefect API (serve starts its own), a Prefect home in ``tmp_path``."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    return env


def stop_serve(proc: subprocess.Popen[str]) -> None:
    """SIGTERM, as a service manager stops it: serve must end within 90 s."""
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=90)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("serve did not stop on SIGTERM")


def _wait_for(lines: OutputLines, needle: str, seen: list[str]) -> str:
    """Block until a line containing ``needle`` arrives (or fail after STARTUP s)."""
    while True:
        try:
            line = lines.get(STARTUP)
        except queue.Empty:
            pytest.fail(f"no {needle!r} in serve output:\n{''.join(seen[-40:])}")
        seen.append(line)
        if needle in line:
            return line


@dataclass
class Serve:
    """A running ``serve``: ``seen`` holds every line of its output read so far."""

    proc: subprocess.Popen[str]
    env: dict[str, str]
    lines: OutputLines
    seen: list[str] = field(default_factory=list)
    api: str = ""

    def wait_for(self, needle: str) -> str:
        return _wait_for(self.lines, needle, self.seen)

    def wait_for_api(self) -> str:
        """The API URL serve tells the user to export (the trigger uses exactly that)."""
        export = self.wait_for(EXPORT)
        self.api = export.split(EXPORT, 1)[1].strip()
        return self.api

    def trigger(self, deployment: str, *params: str, watch: int = 120,
                timeout: float = 180) -> subprocess.CompletedProcess[str]:
        """``prefect deployment run DEPLOYMENT --watch [-p PARAM ...]`` against serve's API."""
        args = [sys.executable, "-m", "prefect", "deployment", "run", deployment,
                "--watch", "--watch-timeout", str(watch)]
        for p in params:
            args += ["-p", p]
        return subprocess.run(args, env={**self.env, "PREFECT_API_URL": self.api},
                              capture_output=True, text=True, timeout=timeout, check=False)


@contextmanager
def serving(sources: Path, env: dict[str, str], *extra: str,
            cwd: Path | None = None) -> Iterator[Serve]:
    """``pressroom serve --sources SOURCES [EXTRA ...]``, stopped on the way out."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "pressroom", "serve", "--sources", str(sources), *extra],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=cwd,
    )
    serve = Serve(proc, env, OutputLines(proc.stdout))
    try:
        yield serve
    finally:
        stop_serve(proc)


@contextmanager
def serving_belta(tmp_path: Path) -> Iterator[tuple[Serve, Path, Path]]:
    """``serve`` of the press site's belta on a DuckDB file in ``tmp_path``; its schedule
    (1 January) does not fire during a test: it runs when triggered. Yields (serve, the
    sources file, the DuckDB file)."""
    db = tmp_path / "serve.duckdb"
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                     schedule="0 0 1 1 *")
        with serving(sources, serve_env(tmp_path), "--db", str(db)) as serve:
            yield serve, sources, db


def belta_articles(db: Path) -> int:
    """How many articles of belta the DuckDB file holds."""
    ((count,),) = rows(db, "SELECT count(*) FROM articles WHERE source = 'belta'")
    assert isinstance(count, int)
    return count
