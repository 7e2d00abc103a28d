"""A throwaway PostgreSQL for DuckLake catalogs, started and stopped by the tests.

pgserver ships PostgreSQL binaries in its wheel (a dev dependency); the server
listens on a Unix socket in the test's folder. When it cannot start, the test
fails with the reason: a lake test never skips silently.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from tests import cli_run


class Postgres:
    """A running server: make catalog databases and their ``ducklake:postgres:`` strings."""

    def __init__(self, server: Any, socket_dir: str) -> None:
        self.server = server
        self.socket_dir = socket_dir
        self._names = itertools.count(1)

    def new_catalog(self) -> str:
        """A fresh, empty database, as the ``--db`` value of a lake on it."""
        name = f"lake{next(self._names)}"
        self.server.psql(f"CREATE DATABASE {name};")
        return f"ducklake:postgres:dbname={name} host={self.socket_dir} user=postgres"

    def stop(self) -> None:
        self.server.cleanup()


@contextmanager
def running_postgres() -> Iterator[Postgres]:
    """Start PostgreSQL in a fresh folder, stop it and remove the folder afterwards.

    The folder is made under the system temp directory, readable by others: as
    root, pgserver runs the server as its own user, which cannot enter pytest's
    private tmp_path (``pg_ctl stop`` then fails and the server is killed).
    """
    folder = Path(tempfile.mkdtemp(prefix="pressroom-pg-"))
    folder.chmod(0o755)
    try:
        with _server(folder / "data") as pg:
            yield pg
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _server(folder: Path) -> Iterator[Postgres]:
    try:
        import pgserver

        server = pgserver.get_server(folder, cleanup_mode="stop")
        uri = server.get_uri()
    except Exception as exc:  # any reason at all is reported, never skipped
        pytest.fail(f"pgserver could not start a PostgreSQL for the DuckLake tests: {exc!r}")
    socket_dir = parse_qs(urlparse(uri).query).get("host", [""])[0]
    if not socket_dir:
        server.cleanup()
        pytest.fail(f"pgserver gave no socket folder in {uri!r}")
    pg = Postgres(server, socket_dir)
    try:
        yield pg
    finally:
        pg.stop()


CLI_TIMEOUT = 300


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """:func:`tests.cli_run.run_cli` with the lake tests' longer timeout."""
    return cli_run.run_cli(*args, env=env, timeout=CLI_TIMEOUT)
