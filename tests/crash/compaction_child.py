"""A process that compacts a warehouse and stops, alive, at a chosen point of the
``article_versions`` merge, for ``test_compaction_kill`` to SIGKILL it there.

``python -m tests.crash.compaction_child DB POINT``: POINT is the first word of
the merge's statement to stop before (CREATE, DELETE, INSERT, DROP, COMMIT), or
``after``: the compaction returned, the session's closing checkpoint not yet run.
At the point it prints ``stopped`` and waits on stdin, which the test never writes.
"""

from __future__ import annotations

import sys
from typing import Any

import duckdb

from warehouse import open_warehouse
from warehouse.compaction import compact_tails
from warehouse.connection import BATCH_SETTINGS


def _stop() -> None:
    print("stopped", flush=True)
    sys.stdin.readline()
    raise SystemExit("stdin closed: not killed")


class _StopsAt:
    """The session, stopping before ``point`` in the merge of article_versions."""

    def __init__(self, con: duckdb.DuckDBPyConnection, point: str) -> None:
        self._con, self._point, self._merging = con, point, False

    def execute(self, sql: str, *args: Any) -> Any:
        text = sql.lstrip().upper()
        if text.startswith("CREATE TEMP") and "FROM ARTICLE_VERSIONS" in text:
            self._merging = True
        if self._merging and text.startswith(self._point):
            _stop()
        if self._merging and text.startswith("COMMIT"):
            self._merging = False
        return self._con.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def main(db: str, point: str) -> None:
    with open_warehouse(db, settings=BATCH_SETTINGS) as wh:
        merged = compact_tails(_StopsAt(wh.connection, point))  # type: ignore[arg-type]
        if "article_versions" not in merged:
            raise SystemExit(f"article_versions was not merged: {merged}")
        if point == "after":
            _stop()
    raise SystemExit(f"never reached {point}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
