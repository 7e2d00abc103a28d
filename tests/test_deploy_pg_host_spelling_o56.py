"""One PostgreSQL catalog reached by two spellings of its host is one owner (o56).

v55 made a catalog's keywords compare in any order. Its host did not: a project deployed
with ``host=localhost`` and deployed again (or served, beside it) with ``host=127.0.0.1``,
or with its socket folder through a link (``/run/postgresql`` and ``/var/run/postgresql``
on most systems), was refused as another project's ('DeploymentTaken: ingest/belta,
ingest/all ... belong(s) to ...'), and ``--take-over``, the way on it advises, stops the
same project's ``serve``. Now addresses (k56a: ``127.0.0.1`` and ``::ffff:127.0.0.1``;
``localhost`` and ``::1`` may be other servers) and socket folders compare as
flows/owners.py says (tests/test_owner_identity_o56.py); another server is still
another owner. And ``ducklake:postgresql:`` (PostgreSQL's own name) failed every command's
attach ('Extension ".../postgresql.duckdb_extension" not found', or a URI taken for a file
path): it is the ``postgres:`` catalog now. Real Prefect server, a throwaway PostgreSQL
(tests/lakepg.py) reached over loopback TCP through a forwarder to its socket, real
``deploy`` and ``ingest`` subprocesses.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from tests.cli_run import run_cli
from tests.lakepg import Postgres, running_postgres
from tests.site import PressSite
from tests.site.sources import write_sources_toml

POOL = "o56pool"


@contextmanager
def loopback_port(socket_dir: str) -> Iterator[int]:
    """A TCP port on 127.0.0.1 whose every connection is carried to the server's Unix
    socket (pgserver listens on no TCP port)."""
    listener = socket.create_server(("127.0.0.1", 0))
    target = f"{socket_dir}/.s.PGSQL.5432"

    def pump(source: socket.socket, sink: socket.socket) -> None:
        with suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    def serve() -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # closed: the test is over
                return
            server = socket.socket(socket.AF_UNIX)
            server.connect(target)
            for ends in ((client, server), (server, client)):
                threading.Thread(target=pump, args=ends, daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    with running_postgres() as pg:
        yield pg


def _catalog(pg: Postgres) -> tuple[str, str]:
    """A new catalog's database name, and its ``ducklake:postgres:`` string on the socket."""
    lake = pg.new_catalog()
    return lake.split("dbname=", 1)[1].split()[0], lake


def _deploy(sources: Path, db: str, data: Path, api: str, tmp_path: Path) -> str:
    done = run_cli("deploy", "--pool", POOL, "--sources", str(sources), "--db", db,
                   "--data-path", str(data), api=api,
                   env={"PRESSROOM_STATE_DIR": str(tmp_path / "state")}, unset=["PRESSROOM_DB"])
    said = done.stdout + done.stderr
    assert "Traceback" not in said, said[-3000:]
    assert done.returncode == 0, said[-3000:]
    return said


@pytest.mark.slow
@pytest.mark.parametrize("spelling", ["loopback", "socket-link", "uri"])
def test_a_deploy_of_one_catalog_spelt_by_another_host_name_is_the_same_project(
        spelling: str, postgres: Postgres, prefect_api: str, tmp_path: Path) -> None:
    name, lake = _catalog(postgres)
    data = tmp_path / "lake-data"
    with PressSite() as site, loopback_port(postgres.socket_dir) as port:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                     schedule="0 0 1 1 *")
        if spelling == "loopback":
            first, second = (f"ducklake:postgres:dbname={name} host={host} port={port} "
                             "user=postgres" for host in ("127.0.0.1", "::ffff:127.0.0.1"))
        elif spelling == "uri":
            first, second = lake, (f"ducklake:postgresql://postgres@/{name}"
                                   f"?host={postgres.socket_dir}")
        else:
            link = tmp_path / "pg-socket"
            link.symlink_to(postgres.socket_dir)
            first, second = lake, lake.replace(postgres.socket_dir, str(link))
        _deploy(sources, first, data, prefect_api, tmp_path)
        said = _deploy(sources, second, data, prefect_api, tmp_path)
    assert "taking over" not in said and "belong(s) to" not in said, said


@pytest.mark.slow
def test_a_deploy_of_another_catalog_on_the_same_server_is_still_refused(
        postgres: Postgres, prefect_api: str, tmp_path: Path) -> None:
    (one, _), (two, _) = _catalog(postgres), _catalog(postgres)
    with PressSite() as site, loopback_port(postgres.socket_dir) as port:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                     schedule="0 0 1 1 *")
        _deploy(sources, f"ducklake:postgres:dbname={one} host=localhost port={port} "
                "user=postgres", tmp_path / "one", prefect_api, tmp_path)
        done = run_cli("deploy", "--pool", POOL, "--sources", str(sources), "--db",
                       f"ducklake:postgres:dbname={two} host=127.0.0.1 port={port} "
                       "user=postgres", "--data-path", str(tmp_path / "two"),
                       api=prefect_api, env={"PRESSROOM_STATE_DIR": str(tmp_path / "state")})
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr.count("\n") == 1 and "belong(s) to" in done.stderr, done.stderr


@pytest.mark.parametrize("form", ["conninfo", "uri"])
def test_a_catalog_spelt_postgresql_is_the_postgres_catalog(
        form: str, postgres: Postgres, tmp_path: Path) -> None:
    name, _ = _catalog(postgres)
    lake = (f"ducklake:postgresql:dbname={name} host={postgres.socket_dir} user=postgres"
            if form == "conninfo" else
            f"ducklake:postgresql://postgres@/{name}?host={postgres.socket_dir}")
    data = str(tmp_path / "lake-data")
    env = {"PRESSROOM_STATE_DIR": str(tmp_path / "state")}
    with PressSite() as site:
        sources = str(write_sources_toml(site, tmp_path / "s.toml", names=("belta",)))
        done = run_cli("ingest", "--sources", sources, "--db", lake, "--data-path", data,
                       "--no-prefect", env=env, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 0, done.stderr[-3000:]
    counted = run_cli("sql", "SELECT count(*) FROM articles", "--db",
                      f"ducklake:postgres:dbname={name} host={postgres.socket_dir} "
                      "user=postgres", "--data-path", data, "--format", "csv", env=env)
    assert counted.returncode == 0 and int(counted.stdout.split()[-1]) > 0, counted.stderr
