"""The DuckDB warehouse: schema, batch writes and queries.

Open it with :func:`open_warehouse`; everything goes through the returned
:class:`Warehouse`. Article text is append-only (``article_versions``); only
narrow tables are updated in place. Nothing touches the disk at import time.

The names below load on first use, so a command that needs one submodule
(``sql`` needs the sandbox, not the write path with pyarrow and the story index)
does not pay for the rest.
"""

from __future__ import annotations

import importlib
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from warehouse.format import render, render_csv, render_json, render_table
    from warehouse.opening import open_warehouse
    from warehouse.records import (
        ArchivedPage,
        Batch,
        BatchResult,
        CacheEntry,
        FetchRecord,
        PageRecord,
        QueryResult,
        RunCounts,
        SeenURL,
        SourceStatus,
    )
    from warehouse.store import Warehouse

_HOMES = MappingProxyType({
    "ArchivedPage": "warehouse.records",
    "Batch": "warehouse.records",
    "BatchResult": "warehouse.records",
    "CacheEntry": "warehouse.records",
    "FetchRecord": "warehouse.records",
    "PageRecord": "warehouse.records",
    "QueryResult": "warehouse.records",
    "RunCounts": "warehouse.records",
    "SeenURL": "warehouse.records",
    "SourceStatus": "warehouse.records",
    "Warehouse": "warehouse.store",
    "open_warehouse": "warehouse.opening",
    "render": "warehouse.format",
    "render_csv": "warehouse.format",
    "render_json": "warehouse.format",
    "render_table": "warehouse.format",
})


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'warehouse' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)


__all__ = [
    "ArchivedPage",
    "Batch",
    "BatchResult",
    "CacheEntry",
    "FetchRecord",
    "PageRecord",
    "QueryResult",
    "RunCounts",
    "SeenURL",
    "SourceStatus",
    "Warehouse",
    "open_warehouse",
    "render",
    "render_csv",
    "render_json",
    "render_table",
]
