"""``export`` and the ``sql`` sandbox leave a library user's Warehouse its own settings (o44).

DuckDB shares one instance per file among a process's connections, and ``threads``,
``enable_external_access``, ``lock_configuration`` are the instance's (o43). o43 gave
back a batch session's settings; ``export`` (``SET threads = 1``,
``preserve_insertion_order``) and the sandbox (external access off, configuration locked)
still set theirs by plain ``SET``: a script holding a Warehouse on the file was left with
one thread after an export, and after a sandbox with no file access and a configuration
it could never change again (``lock_configuration`` cannot be undone). Now the export's
settings go through ``warehouse.instance_settings`` (given back at close), and the
sandbox opens the file in an instance of its own (a configuration of its own: DuckDB will
not share an instance between two configurations), so its lockdown never reaches another
connection; while one is open the other cannot be, and says why. Real DuckDB files.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pressroom.errors import WarehouseError
from warehouse import open_warehouse
from warehouse.export import export_articles
from warehouse.sandbox import open_session


def _setting(con: duckdb.DuckDBPyConnection, name: str) -> object:
    row = con.execute(f"SELECT current_setting('{name}')").fetchone()
    assert row is not None
    return row[0]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    with open_warehouse(path):
        pass
    return path


def test_an_export_gives_back_the_users_threads(db: Path, tmp_path: Path) -> None:
    with open_warehouse(db, read_only=True) as user:
        user.connection.execute("SET threads = 3")
        export_articles(db, tmp_path / "out")
        assert _setting(user.connection, "threads") == 3


def test_the_sandbox_never_locks_a_users_open_warehouse(db: Path, tmp_path: Path) -> None:
    with open_warehouse(db, read_only=True) as user:
        with pytest.raises(WarehouseError, match="another connection of this process"):
            open_session(db)
        assert _setting(user.connection, "lock_configuration") is False
        assert _setting(user.connection, "enable_external_access") is True
        user.connection.execute("SET threads = 2")  # not locked
        out = str(tmp_path / "x.csv").replace("'", "''")
        user.connection.execute(f"COPY (SELECT 1 AS a) TO '{out}'")  # files still reachable
    assert (tmp_path / "x.csv").exists()


def test_a_warehouse_opened_after_a_sandbox_closed_is_not_locked(db: Path) -> None:
    with open_session(db) as session:
        assert _setting(session.connection, "lock_configuration") is True
        with pytest.raises(WarehouseError, match="another connection of this process"):
            open_warehouse(db, read_only=True)
    with open_warehouse(db, read_only=True) as user:
        assert _setting(user.connection, "lock_configuration") is False
        assert _setting(user.connection, "enable_external_access") is True
