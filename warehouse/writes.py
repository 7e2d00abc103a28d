"""Write paths: batches of articles and pages, seen URLs.

Every function takes a plain DuckDB connection; :class:`warehouse.Warehouse`
adds locking and error translation on top. Articles are written by
:mod:`warehouse.article_writes`, runs and sources by :mod:`warehouse.runs`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from parsers.article import Article
from warehouse import arrow, article_writes, cache, keys, retries, rowranges
from warehouse.keys import key
from warehouse.records import Batch, BatchResult, SeenURL
from warehouse.story_lookup import Lookup
from warehouse.txn import registered, transaction

__all__ = ["registered", "transaction"]  # importers of the write path keep these names


def _seen_entries(batch: Batch, articles: Sequence[Article], ids: Sequence[str],
                  remap: Mapping[str, str]) -> list[SeenURL]:
    """Seen URLs implied by the batch, then the batch's own (which win on conflict).

    The batch's own entries name the id an article came with; ``remap`` turns it
    into the id it is stored under (see :mod:`warehouse.identity`).
    """
    implied: list[SeenURL] = []
    for a, article_id in zip(articles, ids, strict=True):
        implied.append(SeenURL(a.url, "article", article_id))
        if a.canonical_url != a.url:
            implied.append(SeenURL(a.canonical_url, "article", article_id))
    # Listings and empty pages are not stored as articles, but discovery must
    # still skip them next time.
    implied.extend(SeenURL(a.url, "not_article") for a in batch.articles if a.kind != "article")
    own = [s if s.article_id is None or s.article_id not in remap
           else SeenURL(s.url, s.kind, remap[s.article_id]) for s in batch.seen]
    return implied + own


# Known URLs of the batch: their positions from the key column alone (see
# warehouse/keys.py), then their rows read by position (warehouse/rowranges.py):
# reading `source` of every row grew with the archive.
_PROBE_SEEN_SQL = """
SELECT s.rowid FROM seen_urls AS s WHERE s.url_key IN (SELECT url_key FROM _pr_seen)
"""

_SEEN_ROWS_SELECT = """
SELECT s.url_key, s.source, s.last_seen_at FROM seen_urls AS s
WHERE s.rowid IN (SELECT r FROM _pr_seen_rows)"""

_INSERT_SEEN_SQL = """
INSERT INTO seen_urls (url, source, kind, article_id, first_seen_at, last_seen_at, url_key)
SELECT url, source, kind, article_id, seen_at, seen_at, url_key FROM _pr_seen_new
"""

_UPDATE_SEEN_SQL = """
UPDATE seen_urls AS s SET kind = u.kind, last_seen_at = u.last_seen_at
FROM _pr_seen_known AS u WHERE s.url_key = u.url_key
"""

# Another source's sighting of a URL never re-points its article id.
_REPOINT_SEEN_SQL = """
UPDATE seen_urls AS s SET article_id = u.article_id
FROM _pr_seen_known AS u WHERE s.url_key = u.url_key AND u.repoint
"""

# The anti-joins below look only at rows whose time lies in the batch's span
# (the parameters, min and max of the batch): a page's fetched_at is part of
# its page_id, an attempt's started_at part of its identity, so an earlier
# copy of the batch can only be there. The constant range lets DuckDB skip row
# groups on their min/max statistics instead of reading the key column of the
# whole archive (one block per row group: the session's memory grew with the
# archive; see docs/BENCHMARKS.md, "Memory over a long run").
_INSERT_PAGES_SQL = """
INSERT INTO pages BY NAME
SELECT x.* FROM _pr_pages AS x
WHERE NOT EXISTS (
    SELECT 1 FROM pages AS p
    WHERE p.page_id = x.page_id AND p.fetched_at BETWEEN $lo AND $hi
)
"""

# fetch_log has no key; the anti-join on the attempt's identity keeps a
# re-written batch from doubling it.
_INSERT_FETCH_SQL = """
INSERT INTO fetch_log BY NAME
SELECT f.* FROM _pr_fetch AS f
WHERE NOT EXISTS (
    SELECT 1 FROM fetch_log AS l
    WHERE l.run_id = f.run_id AND l.url = f.url
      AND l.started_at = f.started_at AND l.attempt = f.attempt
      AND l.started_at BETWEEN $lo AND $hi
)
"""


def _span(table: pa.Table, column: str) -> dict[str, object]:
    """``{"lo": min, "hi": max}`` of a non-empty table's timestamp column."""
    span = pc.min_max(table.column(column)).as_py()  # not to_pylist: ~12 ms per 1,000 rows
    return {"lo": span["min"], "hi": span["max"]}

_KNOWN_SCHEMA = pa.schema([("url_key", pa.int64()), ("kind", pa.string()),
                           ("last_seen_at", arrow.TS), ("article_id", pa.string()),
                           ("repoint", pa.bool_())])


def _write_seen(con: duckdb.DuckDBPyConnection, seen: pa.Table, at: datetime) -> None:
    """Insert the batch's new seen URLs and update the known ones (``seen`` is ``_pr_seen``)."""
    known: dict[int, tuple[str, datetime]] = {}
    rows = [int(r) for r, in con.execute(_PROBE_SEEN_SQL).fetchall()]
    if rows:
        with registered(con, {"_pr_seen_rows": pa.table({"r": pa.array(rows, pa.int64())})}):
            sql = rowranges.union(_SEEN_ROWS_SELECT, "s.rowid", rows)
            known = {int(k): (str(src), last) for k, src, last in con.execute(sql).fetchall()}
    new_rows: list[int] = []
    updates: list[dict[str, object]] = []
    for i, row in enumerate(seen.select(["url_key", "source", "kind", "article_id"]).to_pylist()):
        hit = known.get(row["url_key"])
        if hit is None:
            new_rows.append(i)
            continue
        repoint = hit[0] == row["source"] and row["article_id"] is not None
        updates.append({"url_key": row["url_key"], "kind": row["kind"],
                        "last_seen_at": max(hit[1], at), "article_id": row["article_id"],
                        "repoint": repoint})
    if new_rows:
        with registered(con, {"_pr_seen_new": seen.take(new_rows)}):
            con.execute(_INSERT_SEEN_SQL)
    if updates:
        with registered(con, {"_pr_seen_known": pa.Table.from_pylist(updates,
                                                                      schema=_KNOWN_SCHEMA)}):
            con.execute(_UPDATE_SEEN_SQL)
            if any(u["repoint"] for u in updates):
                con.execute(_REPOINT_SEEN_SQL)


def write_batch(con: duckdb.DuckDBPyConnection, batch: Batch, *,
                stories: bool = True, lookup: Lookup | None = None) -> BatchResult:
    """Store a batch in one transaction; see :meth:`warehouse.Warehouse.write_batch`.

    ``lookup`` (the story sidecar) takes the batch's story rows once the
    transaction has committed, never before."""
    if lookup is not None:
        lookup.forget()  # nothing held from a transaction that did not commit
    with transaction(con):
        keys.fill_missing(con)  # rows put back without keys are found again
        # Ids are resolved inside the transaction: a source writes only its own rows.
        written = article_writes.write_articles(con, batch, stories=stories,
                                                 lookup=lookup)
        seen = arrow.seen_table(_seen_entries(batch, written.articles, written.ids,
                                              written.remap),
                                source=batch.source, seen_at=batch.fetched_at)
        seen = seen.append_column("url_key", pa.array(
            [key(u) for u in seen.column("url").to_pylist()], pa.int64()))
        tables = {
            "_pr_seen": seen,
            "_pr_cache": arrow.cache_table(batch.cache, source=batch.source,
                                          fetched_at=batch.fetched_at),
            "_pr_pages": arrow.pages_table(batch.pages, source=batch.source,
                                           run_id=batch.run_id),
            "_pr_fetch": arrow.fetch_table(batch.fetch_log, source=batch.source,
                                           run_id=batch.run_id),
            "_pr_retries": retries.marks_table(batch.retries, source=batch.source,
                                               run_id=batch.run_id),
        }
        # Only non-empty tables are registered (each registration costs ~0.5 ms);
        # every statement below is guarded by the same emptiness test.
        present = {name: t for name, t in tables.items() if t.num_rows}
        with registered(con, present):
            if "_pr_seen" in present:
                _write_seen(con, seen, batch.fetched_at)
                retries.resolve(con)  # fetched at last: off the retry schedule
            if "_pr_retries" in present:
                retries.record(con)
            if "_pr_cache" in present:
                cache.upsert(con, present["_pr_cache"])
            if "_pr_pages" in present:
                con.execute(_INSERT_PAGES_SQL, _span(present["_pr_pages"], "fetched_at"))
            if "_pr_fetch" in present:
                con.execute(_INSERT_FETCH_SQL, _span(present["_pr_fetch"], "started_at"))
    if lookup is not None:
        lookup.committed()
    return written.result


def touch_seen(con: duckdb.DuckDBPyConnection, urls: Sequence[str], when: datetime) -> None:
    """Bump ``last_seen_at`` of known URLs and of the articles they resolve to."""
    if not urls:
        return
    table = arrow.url_list_table(list(dict.fromkeys(urls)))
    with registered(con, {"_pr_urls": table}), transaction(con):
        con.execute(
            "UPDATE seen_urls SET last_seen_at = greatest(last_seen_at, ?) "
            "WHERE url IN (SELECT url FROM _pr_urls)",
            [when],
        )
        con.execute(
            """
            UPDATE article_state SET last_seen_at = greatest(last_seen_at, ?)
            WHERE article_id IN (
                SELECT a.article_id FROM article_state AS a
                JOIN _pr_urls AS u ON u.url = a.url
                UNION
                SELECT a.article_id FROM article_state AS a
                JOIN _pr_urls AS u ON u.url = a.canonical_url
                UNION
                SELECT s.article_id FROM seen_urls AS s
                JOIN _pr_urls AS u ON u.url = s.url
                WHERE s.article_id IS NOT NULL
            )
            """,
            [when],
        )
