"""``http_cache`` (conditional-GET validators): looked up and upserted by key.

The table has a row per source and URL that source fetched with validators, articles
included, so it grows with the archive. A source reads and writes only its own rows:
its validators describe its own stored copy, the last answer it handled in full;
another source's newer ETag earned it a 304 and its own older copy back (v53,
migration 021). Rows are found by the 64-bit key of their url
(``url_key``, :mod:`warehouse.keys`; a BIGINT scan), then read by position
(:mod:`warehouse.rowranges`) and their url text compared: two URLs sharing a
key are never taken for one another. Known rows are updated at that position;
the others are inserted (the file's PRIMARY KEY on ``(source, url)`` still refuses
a second row for a source's url).
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pyarrow as pa

from warehouse import rowranges
from warehouse.keys import key
from warehouse.records import CacheEntry
from warehouse.txn import registered

_POSITIONS_SQL = (
    "SELECT c.rowid FROM http_cache AS c WHERE c.url_key IN (SELECT k FROM _pr_cache_keys) "
    "AND c.source = $source")

_ROWS_SELECT = """
SELECT c.rowid, c.url, c.etag, c.last_modified, c.body_sha256, c.fetched_at
FROM http_cache AS c
WHERE c.rowid IN (SELECT r FROM _pr_cache_rows) AND c.source = $source"""

_UPDATE_SQL = """
UPDATE http_cache AS c SET
    etag = x.etag,
    last_modified = x.last_modified,
    body_sha256 = x.body_sha256,
    fetched_at = x.fetched_at
FROM _pr_cache_known AS x
WHERE c.rowid = x.rid"""

_INSERT_SQL = "INSERT INTO http_cache BY NAME SELECT * FROM _pr_cache_new"


def _rows(con: duckdb.DuckDBPyConnection, source: str, url_keys: pa.Array | pa.ChunkedArray,
          ) -> dict[str, tuple[int, CacheEntry]]:
    """``source``'s stored rows whose key is one of ``url_keys``, by url: their position
    and validators."""
    with registered(con, {"_pr_cache_keys": pa.table({"k": url_keys})}):
        positions = [int(r) for r, in con.execute(_POSITIONS_SQL,
                                                   {"source": source}).fetchall()]
    if not positions:
        return {}
    with registered(con, {"_pr_cache_rows": pa.table({"r": pa.array(positions, pa.int64())})}):
        found = con.execute(rowranges.union(_ROWS_SELECT, "c.rowid", positions),
                            {"source": source}).fetchall()
    return {str(url): (int(rid), CacheEntry(etag=etag, last_modified=lm, body_sha256=sha,
                                            fetched_at=at))
            for rid, url, etag, lm, sha, at in found}


def lookup(con: duckdb.DuckDBPyConnection, source: str,
           urls: Sequence[str]) -> dict[str, CacheEntry]:
    """``source``'s stored validators for those of ``urls`` that have any, in the order
    given."""
    unique = list(dict.fromkeys(urls))
    if not unique:
        return {}
    stored = _rows(con, source, pa.array([key(u) for u in unique], pa.int64()))
    return {url: stored[url][1] for url in unique if url in stored}


def upsert(con: duckdb.DuckDBPyConnection, table: pa.Table) -> None:
    """Store the validators of ``table`` (:func:`warehouse.arrow.cache_table`: one
    source's rows), inside the caller's transaction."""
    urls = table.column("url").to_pylist()
    sources = set(table.column("source").to_pylist())
    if len(sources) != 1:
        raise ValueError(f"http_cache rows of one source expected, got {sorted(sources)}")
    source = str(sources.pop())
    table = table.append_column("url_key", pa.array([key(u) for u in urls], pa.int64()))
    stored = _rows(con, source, table.column("url_key"))
    known = [i for i, u in enumerate(urls) if u in stored]
    new = [i for i, u in enumerate(urls) if u not in stored]
    if known:
        rids = [stored[urls[i]][0] for i in known]
        rows = table.take(known).append_column("rid", pa.array(rids, pa.int64()))
        with registered(con, {"_pr_cache_known": rows}):
            for lo, hi in rowranges.spans(rids):
                con.execute(f"{_UPDATE_SQL} AND c.rowid BETWEEN {int(lo)} AND {int(hi)}")
    if new:
        with registered(con, {"_pr_cache_new": table.take(new)}):
            con.execute(_INSERT_SQL)
