"""Two PostgreSQL servers on one host's two loopbacks are two owners (k56a, attacking o56).

o56 made ``localhost``, ``127.0.0.1`` and ``::1`` one host (RFC 6761) and so one owner.
One host is not one server: a server on ``127.0.0.1:5432`` (a container's published port)
and another on ``[::1]:5432`` (PostgreSQL's own, which binds ``::1`` and warns when the
IPv4 port is taken) is a common pair, and ``localhost`` reaches whichever the resolver
lists first and accepts. With the three one owner, a project's deploy to the second
server took its deployments from the first with no word, and the first's runs not yet
started were kept (made for the same owner) and wrote the first server. Now only the
spellings of one address are one (``127.0.0.1`` and ``::ffff:127.0.0.1``; ``::1`` and
``0:0:0:0:0:0:0:1``); ``localhost`` is a name like any other. Two other spellings the
wrong way: a name with and without its trailing dot (``db`` goes through the resolver's
search domains, ``db.`` does not) and an abstract socket (``host=@name``: its name is
case-sensitive) were one owner.

Real parts: two throwaway PostgreSQL servers (tests/lakepg.py), one reached on
``127.0.0.1:P`` and one on ``[::1]:P`` (same port) through forwarders to their sockets,
a real Prefect server and real ``deploy`` subprocesses.
"""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from flows.owners import owner
from tests.cli_run import run_cli
from tests.lakepg import Postgres, running_postgres
from tests.site import PressSite
from tests.site.sources import write_sources_toml


def _lake(catalog: str) -> tuple[str | None, ...]:
    return owner({"sources_file": "/p/sources.toml", "db_path": "ducklake:" + catalog})


@pytest.mark.parametrize(("one", "other"), [
    ("host=127.0.0.1", "host=::1"),
    ("host=localhost", "host=::1"),
    ("host=localhost", "host=127.0.0.1"),
    ("host=db", "host=db."),
    ("host=@pg", "host=@PG"),
    ("hostaddr=127.0.0.1", "hostaddr=::1"),
    # held on main too: kept
    ("host=fe80::1%eth0", "host=fe80::1%eth1"),
    ("host=127.1", "host=127.0.0.1"),  # not an address to Python: a name of its own
    ("host=db options='-c search_path=a'", "host=db options='-c search_path=b'"),
    ("service=a", "service=b"),
    ("host=db hostaddr=10.0.0.1", "host=db hostaddr=10.0.0.2"),
])
def test_two_servers_a_host_may_hold_are_two_owners(one: str, other: str) -> None:
    assert _lake(f"postgres:dbname=news {one} user=u") != _lake(
        f"postgres:dbname=news {other} user=u")


@pytest.mark.parametrize(("one", "other"), [
    ("host=127.0.0.1", "host=::ffff:127.0.0.1"),
    ("host=::1", "host=0:0:0:0:0:0:0:1"),
    ("host=LocalHost", "host='localhost'"),
    ("host=DB.example.org", "host=db.EXAMPLE.org"),
])
def test_spellings_of_one_address_or_name_stay_one_owner(one: str, other: str) -> None:
    assert _lake(f"postgres:dbname=news {one} user=u") == _lake(
        f"postgres:dbname=news {other} user=u")


@contextmanager
def _forwarders(socket_dirs: tuple[str, str]) -> Iterator[int]:
    """One port P, ``127.0.0.1:P`` carried to the first server's socket and ``[::1]:P`` to
    the second's."""
    first = socket.create_server(("127.0.0.1", 0))
    port = first.getsockname()[1]
    second = socket.create_server(("::1", port), family=socket.AF_INET6)
    listeners = (first, second)

    def pump(source: socket.socket, sink: socket.socket) -> None:
        with suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    def serve(listener: socket.socket, target: str) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # closed: the test is over
                return
            server = socket.socket(socket.AF_UNIX)
            server.connect(f"{target}/.s.PGSQL.5432")
            for ends in ((client, server), (server, client)):
                threading.Thread(target=pump, args=ends, daemon=True).start()

    for listener, target in zip(listeners, socket_dirs, strict=True):
        threading.Thread(target=serve, args=(listener, target), daemon=True).start()
    try:
        yield port
    finally:
        for listener in listeners:
            listener.close()


def _has_lake(pg: Postgres) -> bool:
    said = pg.server.psql("\\c news\nSELECT 'tables:' || count(*) FROM pg_tables "
                          "WHERE tablename LIKE 'ducklake%';")
    found = re.search(r"tables:(\d+)", said)
    assert found, said
    return int(found[1]) > 0


def _deploy(sources: Path, host: str, port: int, data: Path, api: str,
            tmp_path: Path) -> tuple[int, str]:
    done = run_cli("deploy", "--pool", "k56apool", "--sources", str(sources), "--db",
                   f"ducklake:postgres:dbname=news host={host} port={port} user=postgres",
                   "--data-path", str(data), api=api, timeout=300,
                   env={"PRESSROOM_STATE_DIR": str(tmp_path / "state")}, unset=["PRESSROOM_DB"])
    said = done.stdout + done.stderr
    assert "Traceback" not in said, said[-3000:]
    return done.returncode, done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("first", ["127.0.0.1", "localhost"])
def test_a_deploy_to_the_server_on_the_other_loopback_is_refused(
        first: str, prefect_api: str, tmp_path: Path) -> None:
    with running_postgres() as one, running_postgres() as two:
        for pg in (one, two):
            pg.server.psql("CREATE DATABASE news;")
        with PressSite() as site, _forwarders((one.socket_dir, two.socket_dir)) as port:
            sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                         schedule="0 0 1 1 *")
            code, said = _deploy(sources, first, port, tmp_path / "one", prefect_api,
                                 tmp_path)
            assert code == 0, said
            assert _has_lake(one) and not _has_lake(two)  # this host's localhost: 127.0.0.1
            code, said = _deploy(sources, "::1", port, tmp_path / "two", prefect_api,
                                 tmp_path)
    assert code == 1 and said.count("\n") == 1 and "belong(s) to" in said, said
