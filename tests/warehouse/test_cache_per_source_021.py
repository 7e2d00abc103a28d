"""Migration 021: http_cache per (source, url), on a warehouse at 020 holding rows (v53).

A row is kept for the one source that ever asked or stored its URL (fetch_log, pages):
its conditional GETs go on. A URL several sources asked is kept for none (whose answer
the row holds is unknown), nor one no source is known to have asked: read once in full.
Checked on the DuckDB file and on a local lake (the table is rebuilt and renamed).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from warehouse import open_warehouse
from warehouse.lake import LakeTarget, connect_lake, parse_target
from warehouse.lake_schema import apply_lake_migrations
from warehouse.records import CacheEntry
from warehouse.schema import apply_migrations, load_migrations

T0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
UP_TO_020 = [m for m in load_migrations() if m.version <= 20]
OWN, SHARED, ARTICLE, UNKNOWN = (f"https://example.org/{p}" for p in
                                 ("own.xml", "shared.xml", "news/1", "gone.xml"))


def _at_020(where: Path | LakeTarget) -> None:
    lake = isinstance(where, LakeTarget)
    con = connect_lake(where) if lake else duckdb.connect(str(where))
    try:
        (apply_lake_migrations if lake else apply_migrations)(con, UP_TO_020)
        for url, etag in ((OWN, '"own"'), (SHARED, '"beta-newer"'), (ARTICLE, '"art"'),
                          (UNKNOWN, '"gone"')):
            con.execute("INSERT INTO http_cache (url, etag, body_sha256, fetched_at, url_key) "
                        "VALUES (?, ?, 'sha', ?, (md5_number_lower(?) >> 1)::BIGINT)",
                        [url, etag, T0, url])
        for source, url in (("alpha", OWN), ("alpha", SHARED), ("beta", SHARED),
                            ("alpha", ARTICLE), ("alpha", ARTICLE)):
            con.execute("INSERT INTO fetch_log (run_id, source, url, started_at, status, "
                        "attempt) VALUES ('r', ?, ?, ?, 200, 1)", [source, url, T0])
        # gamma stored the shared feed, its asks not in the log (pruned by hand): a third.
        con.execute("INSERT INTO pages (page_id, run_id, source, url, fetched_at, status, "
                    "kind, compression) VALUES ('p', 'r', 'gamma', ?, ?, 200, 'feed', 'none')",
                    [SHARED, T0])
    finally:
        con.close()


@pytest.mark.parametrize("backend", ["file", "lake"])
def test_rows_are_kept_for_the_one_source_that_asked_them(tmp_path: Path,
                                                          backend: str) -> None:
    where: Path | LakeTarget
    if backend == "file":
        where = tmp_path / "w.duckdb"
    else:
        target = parse_target(f"ducklake:{tmp_path / 'meta.ducklake'}", str(tmp_path / "data"))
        assert isinstance(target, LakeTarget)
        where = target
    _at_020(where)
    with open_warehouse(where) as wh:  # migrates
        assert wh.schema_version() >= 21
        assert wh.http_cache("alpha", [OWN, SHARED, ARTICLE, UNKNOWN]) == {
            OWN: CacheEntry(etag='"own"', body_sha256="sha", fetched_at=T0),
            ARTICLE: CacheEntry(etag='"art"', body_sha256="sha", fetched_at=T0)}
        assert wh.http_cache("beta", [OWN, SHARED, ARTICLE, UNKNOWN]) == {}
        assert wh.http_cache("gamma", [SHARED]) == {}
        assert wh.query("SELECT source, url FROM http_cache ORDER BY url").rows == [
            ("alpha", ARTICLE), ("alpha", OWN)]
        if backend == "file":
            assert wh.integrity_problems() == []
