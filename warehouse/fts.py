"""Loading DuckDB's ``fts`` extension, offline when need be."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import duckdb

from pressroom.errors import WarehouseError


def bundled_extension_path(version: str | None = None) -> Path | None:
    """The extension file shipped by ``duckdb-extension-fts`` for this DuckDB, if installed."""
    wanted = version or duckdb.__version__
    try:
        root = resources.files("duckdb_extension_fts")
    except ModuleNotFoundError:
        return None
    candidate = Path(str(root)) / "extensions" / f"v{wanted}" / "fts.duckdb_extension"
    return candidate if candidate.is_file() else None


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    """Make ``stem()`` and ``create_fts_index`` available on ``con``.

    A plain ``LOAD fts`` comes first so a user with a newer DuckDB (and its own
    extension cache or internet) is not tied to the pinned wheel; offline it
    fails, and the file bundled for the pinned version is loaded instead.
    """
    try:
        con.execute("LOAD fts")
        return
    except duckdb.Error as first:
        bundled = bundled_extension_path()
        if bundled is None:
            raise WarehouseError(
                f"DuckDB fts extension unavailable ({first}); "
                f"install duckdb-extension-fts=={duckdb.__version__}"
            ) from first
    try:
        # LOAD takes no bound parameters; the path comes from the installed
        # package, never from the user, and is quoted as a SQL literal.
        literal = str(bundled).replace("'", "''")
        con.execute(f"LOAD '{literal}'")
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot load fts extension from {bundled}: {exc}") from exc
