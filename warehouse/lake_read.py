"""The read side on a DuckLake: the read-only session of ``export`` and ``search``,
and where a lake's search index lives.

``export``, ``search``, ``report`` and ``health`` run the same SQL on a lake as
on a file; only the session differs. :func:`connect_read_only` opens either: a
DuckDB file read-only (waiting out a writer), or an in-memory DuckDB with the
lake attached ``READ_ONLY`` and in use (:func:`warehouse.lake.connect_lake`).

**The search index of a lake** is a local DuckDB file like a file's
(:mod:`warehouse.search_index`), built from the lake by whoever runs
``pressroom index`` and read by every ``search`` along with the lake's rows
written since (the unindexed tail). A lake's watermark is the ``rowid``
(a file's is the ``seq`` column, which its compaction keeps and its rowids do
not): DuckLake gives every row a unique id when it is first inserted, kept
when files are merged or rewritten (DuckLake "row lineage"), and a later commit
gets higher ids, where writers on several hosts fill ``seq`` in no common order.
Pressroom never compacts a lake's tables itself (``warehouse.compaction`` runs
on files only). Where it lives (:func:`index_path`), unless ``--index PATH``
(``$PRESSROOM_INDEX``) says otherwise:

* beside the lake's data folder when ``--data-path`` is a local (or mounted
  shared) folder: ``/shared/lake`` → ``/shared/lake.search.duckdb``, so every
  host that mounts the folder reads the index one host built. Not inside it:
  DuckLake's ``ducklake_delete_orphaned_files`` deletes every file in the data
  path that its catalog does not list.
* in this host's state folder (``LakeTarget.local_path`` + ``.search.duckdb``)
  when the data path is an object store URL (DuckDB cannot write a database
  file there) or not given: each host that searches builds its own.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pressroom.errors import WarehouseError
from warehouse.connection import connect
from warehouse.instance_settings import Settings
from warehouse.lake import ALIAS, LakeTarget, connect_lake
from warehouse.lake_errors import one_line

INDEX_SUFFIX = ".search.duckdb"


def connect_read_only(target: str | Path | LakeTarget, *, lock_timeout: float = 0.0,
                      settings: Settings = ()) -> duckdb.DuckDBPyConnection:
    """A read-only session of the warehouse whose default database is the warehouse;
    ``settings`` given back at :func:`warehouse.instance_settings.close` (o43)."""
    if isinstance(target, LakeTarget):
        return connect_lake(target, read_only=True, settings=settings)
    return connect(target, read_only=True, lock_timeout=lock_timeout, settings=settings)


def index_path(target: LakeTarget) -> Path:
    """Where the lake's search index lives by default (see the module doc)."""
    data = target.data_path
    if data and "://" not in data:
        folder = Path(data).expanduser().resolve()
        return folder.with_name(folder.name + INDEX_SUFFIX)
    state = target.local_path
    return state.with_name(state.name + INDEX_SUFFIX)


# The statement types a read-only ``pressroom sql`` session of a lake runs; every
# other type is refused before it runs. With external access off, DuckDB reads a
# file only on its allowed lists, and DuckLake does not put its own data files
# there: the session allows the lake's data folder (:func:`data_directory`), which
# would also let a COPY write into it (overwrite or delete a Parquet file of the
# lake). A list of refused types was not enough: PREPARE/EXECUTE and EXPLAIN
# ANALYZE run a COPY inside them, CALL ducklake_flush_inlined_data and CHECKPOINT
# write files (review r18b). Queries (SHOW, DESCRIBE, PRAGMA show_tables and
# VALUES are SELECTs), SET/USE and BEGIN/COMMIT remain.
READ_STATEMENTS = frozenset({"SELECT", "SET", "TRANSACTION"})


def data_directory(con: duckdb.DuckDBPyConnection, alias: str = ALIAS) -> str | None:
    """The local folder of the lake ``alias``'s data files, as its catalog records it
    (None for an object store URL)."""
    try:
        row = con.execute("SELECT data_path FROM ducklake_settings(?)", [alias]).fetchone()
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot read the lake's data path: {one_line(exc)}") from exc
    path = str(row[0]) if row and row[0] else None
    return None if path is None or "://" in path else path
