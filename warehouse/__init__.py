"""The DuckDB warehouse: schema, batch writes and queries.

Open it with :func:`open_warehouse`; everything goes through the returned
:class:`Warehouse`. Article text is append-only (``article_versions``); only
narrow tables are updated in place. Nothing touches the disk at import time.
"""

from warehouse.format import render, render_csv, render_json, render_table
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
from warehouse.store import Warehouse, open_warehouse

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
