"""A DuckLake catalog server for the multi-host tests: PostgreSQL over TCP on the bridge.

tests/lakepg.py starts a throwaway PostgreSQL (pgserver) listening on a Unix
socket only, which a worker in another network namespace could still reach
through the shared filesystem. Here it is restarted listening on TCP at the
bridge address (127.0.0.1 without namespaces), and TCP logins need a password,
as on a real catalog host: the workers get it from ``PGPASSWORD``, never from
``--db``. The Unix socket stays, with trust, for the test's own ``psql``.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.hosts.cluster import free_port
from tests.lakepg import running_postgres

PASSWORD = "lake-secret"  # a throwaway server's; only ever in PGPASSWORD


@dataclass
class TcpCatalog:
    """The server's TCP address and its Unix socket (for the test's ``psql``)."""

    address: str
    port: int
    socket_dir: str
    bin_dir: Path

    def psql(self, sql: str) -> str:
        out = subprocess.run([str(self.bin_dir / "psql"), "-h", self.socket_dir, "-p",
                              str(self.port), "-U", "postgres", "-d", "postgres", "-v",
                              "ON_ERROR_STOP=1", "-At", "-c", sql],
                             capture_output=True, text=True, timeout=60, check=True)
        return out.stdout

    def new_catalog(self, name: str) -> str:
        """A fresh database, as the ``--db`` of a lake reached over TCP (no password)."""
        self.psql(f"CREATE DATABASE {name};")
        return (f"ducklake:postgres:dbname={name} host={self.address} port={self.port} "
                "user=postgres")


@contextmanager
def tcp_catalog(address: str) -> Iterator[TcpCatalog]:
    """PostgreSQL listening on ``address`` (a free port), password logins over TCP."""
    from pgserver._commands import POSTGRES_BIN_PATH, pg_ctl

    with running_postgres() as pg:
        server = pg.server
        pgdata = Path(server.pgdata)
        # Passwords over TCP (scram), trust on the socket: the test's psql needs none.
        pg.server.psql(f"ALTER USER postgres PASSWORD '{PASSWORD}';")
        (pgdata / "pg_hba.conf").write_text(
            "local all all trust\nhost all all 0.0.0.0/0 scram-sha-256\n", encoding="utf-8")
        port = free_port(address)
        options = ["-o", f"-h {address}", "-o", f"-p {port}", "-o", f"-k {pg.socket_dir}"]
        pg_ctl(["-w", *options, "-l", str(pgdata / "log"), "restart"], pgdata=pgdata,
               user=server.system_user, timeout=60)
        try:
            yield TcpCatalog(address, port, pg.socket_dir, POSTGRES_BIN_PATH)
        finally:
            # pgserver's own stop looks for the process it started, gone since the restart.
            pg_ctl(["-w", "stop"], pgdata=pgdata, user=server.system_user, timeout=60)
