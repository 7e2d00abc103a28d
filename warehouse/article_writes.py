"""A batch's articles into ``article_versions`` and ``article_state``, then its stories.

The stored rows of the batch's candidate ids come from one probe on 64-bit
keys (:mod:`warehouse.identity`, :mod:`warehouse.keys`), so what is new,
changed or unchanged, and each new version number, is decided here rather
than by joins against the whole table:

- new and changed articles are appended to ``article_versions`` (never
  updated: article text is immutable), each with the next write sequence;
- new ``article_state`` rows are appended, known ones updated at the position
  the probe read them at (their text id compared there, so two texts sharing
  a key are never confused) and by their key, with values computed from the
  probe;
- the post-write step (:func:`post_write`) clusters the new and changed
  articles into stories, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

import duckdb
import pyarrow as pa

from parsers.article import Article
from parsers.story_text import StoryText
from warehouse import arrow, identity, keys, rowranges, story_index
from warehouse.keys import key
from warehouse.records import Batch, BatchResult
from warehouse.story_lookup import Lookup
from warehouse.txn import registered

_STATE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("source", pa.string()), ("url", pa.string()),
    ("canonical_url", pa.string()), ("first_seen_at", arrow.TS), ("last_seen_at", arrow.TS),
    ("last_fetched_at", arrow.TS), ("latest_version", pa.int32()),
    ("content_hash", pa.string()),
])

# New rows get their keys from DuckDB, over the batch, from the text stored.
_INSERT_STATE_SQL = f"""
INSERT INTO article_state BY NAME
SELECT *, {keys.sql('article_id')} AS id_key, {keys.sql('url')} AS url_key,
       {keys.sql('canonical_url')} AS canon_key, {keys.sql('content_hash')} AS content_key
FROM _pr_state
"""

_CHANGED_SCHEMA = pa.schema([
    ("rid", pa.int64()), ("id_key", pa.int64()), ("article_id", pa.string()),
    ("last_seen_at", arrow.TS), ("last_fetched_at", arrow.TS),
    ("latest_version", pa.int32()), ("url", pa.string()), ("url_key", pa.int64()),
    ("content_hash", pa.string()), ("content_key", pa.int64()),
])
_SEEN_AT_SCHEMA = pa.schema([
    ("rid", pa.int64()), ("id_key", pa.int64()), ("article_id", pa.string()),
    ("last_seen_at", arrow.TS), ("last_fetched_at", arrow.TS),
])

# The write sequence of new version rows (migration 011): one higher than any
# stored row's, in the batch's order. Writers take their transactions in turn
# (write_token), so it follows the commit order, as the search index's watermark
# needs; unlike a rowid it moves with the row when compaction rewrites it.
NEXT_SEQ_SQL = "(SELECT coalesce(max(seq), -1) FROM article_versions) + row_number() OVER ()"

# Known rows are updated at the position the probe read them at, in this
# transaction, where their text id was compared (warehouse/identity.py), and by
# their key; one statement per span of positions (warehouse/rowranges.py), so
# DuckDB reads only the row groups holding them.
_UPDATE_CHANGED_SQL = """
UPDATE article_state AS s SET
    latest_version = u.latest_version, url = u.url, url_key = u.url_key,
    content_hash = u.content_hash, content_key = u.content_key,
    last_seen_at = u.last_seen_at, last_fetched_at = u.last_fetched_at
FROM _pr_state AS u
WHERE s.rowid = u.rid AND s.id_key = u.id_key
"""

_UPDATE_SEEN_AT_SQL = """
UPDATE article_state AS s SET last_seen_at = u.last_seen_at, last_fetched_at = u.last_fetched_at
FROM _pr_state AS u
WHERE s.rowid = u.rid AND s.id_key = u.id_key
"""

# An unchanged article (same text) written again, as `pressroom reparse` does,
# refreshes in place the day and offset derived from its publication date, when
# the date is the same instant as the stored one: they describe how the page
# printed that instant (see 005_published_local_date.sql). Narrow columns, no
# new version; the text and the stored instant are never rewritten.
_REFRESH_DATES_SQL = """
UPDATE article_versions AS v SET
    published_local_date = r.published_local_date,
    published_utc_offset_minutes = r.published_utc_offset_minutes
FROM _pr_refresh AS r
WHERE v.article_id = r.article_id
  AND v.version = r.version
  AND v.published_at = r.published_at
  AND (v.published_local_date IS DISTINCT FROM r.published_local_date
       OR v.published_utc_offset_minutes IS DISTINCT FROM r.published_utc_offset_minutes)
"""


@dataclass(frozen=True, slots=True)
class Written:
    """What :func:`write_articles` stored: the counts, and the id each article got."""

    result: BatchResult
    articles: list[Article]
    ids: list[str]
    remap: dict[str, str]  # the id an article came with -> the id it is stored under


def _collapse(articles: Sequence[Article], ids: Sequence[str]) -> tuple[list[Article], list[str]]:
    """One article per id, the last one in the batch winning, first-seen order kept."""
    latest: dict[str, Article] = {}
    for article, article_id in zip(articles, ids, strict=True):
        latest[article_id] = article
    return list(latest.values()), list(latest)


def _execute_with(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table, sql: str) -> int:
    """Run ``sql`` with ``table`` registered as ``name``; the affected row count."""
    with registered(con, {name: table}):
        row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def write_articles(con: duckdb.DuckDBPyConnection, batch: Batch, *,
                   stories: bool = True, lookup: Lookup | None = None) -> Written:
    """Store the batch's articles (inside the caller's transaction)."""
    resolved = identity.resolve(con, batch.source,
                                [a for a in batch.articles if a.kind == "article"])
    articles, ids = _collapse(resolved.articles, resolved.ids)
    folded = len(resolved.articles) - len(articles)  # BatchResult.folded
    if not articles:
        return Written(BatchResult(), [], [], resolved.remap)
    table = arrow.articles_table(articles, source=batch.source, run_id=batch.run_id,
                                 fetched_at=batch.fetched_at)
    table = table.set_column(table.schema.get_field_index("article_id"), "article_id",
                             pa.array(ids, pa.string()))
    at = batch.fetched_at
    versioned: list[int] = []
    versions: list[int] = []
    new_rows: list[int] = []
    changed: list[dict[str, object]] = []
    unchanged: list[dict[str, object]] = []
    refresh: list[int] = []
    refresh_versions: list[int] = []
    for i, (a, id_) in enumerate(zip(articles, ids, strict=True)):
        stored = resolved.stored.get(id_)
        if stored is None:
            versioned.append(i)
            versions.append(1)
            new_rows.append(i)
            continue
        times = {"rid": stored.row, "id_key": stored.id_key, "article_id": id_,
                 "last_seen_at": max(stored.last_seen_at, at),
                 "last_fetched_at": max(stored.last_fetched_at, at)}
        if stored.content_key != key(a.content_hash):
            versioned.append(i)
            versions.append(stored.latest_version + 1)
            changed.append({**times, "latest_version": stored.latest_version + 1, "url": a.url,
                            "url_key": key(a.url), "content_hash": a.content_hash,
                            "content_key": key(a.content_hash)})
        else:
            unchanged.append(times)
            refresh.append(i)
            refresh_versions.append(stored.latest_version)
    result = BatchResult(new=len(new_rows), updated=len(changed), unchanged=len(unchanged),
                         folded=folded)
    if refresh:
        # Before anything else: the stored latest version is the one refreshed.
        dates = table.take(refresh).append_column("version", pa.array(refresh_versions,
                                                                      pa.int32()))
        refreshed = _execute_with(con, "_pr_refresh", dates, _REFRESH_DATES_SQL)
        result = replace(result, dates_refreshed=refreshed)
    if versioned:
        rows = table.take(versioned).append_column("version", pa.array(versions, pa.int32()))
        _execute_with(con, "_pr_versions", rows,
                      "INSERT INTO article_versions BY NAME "
                      f"SELECT *, {NEXT_SEQ_SQL} AS seq FROM _pr_versions")
    if new_rows:
        _execute_with(con, "_pr_state", _new_state(articles, ids, new_rows, at),
                      _INSERT_STATE_SQL)
    if changed:
        _update(con, pa.Table.from_pylist(changed, schema=_CHANGED_SCHEMA), _UPDATE_CHANGED_SQL)
    if unchanged:
        _update(con, pa.Table.from_pylist(unchanged, schema=_SEEN_AT_SCHEMA),
                _UPDATE_SEEN_AT_SQL)
    if stories:
        assigned = post_write(con, table, at, lookup, dict(batch.story_texts))
        result = replace(result, new_stories=assigned.new_stories,
                         new_copies=assigned.new_copies)
    return Written(result, articles, ids, resolved.remap)


def _update(con: duckdb.DuckDBPyConnection, rows: pa.Table, sql: str) -> None:
    """``sql`` with ``rows`` as ``_pr_state``, once per span of their positions."""
    with registered(con, {"_pr_state": rows}):
        for lo, hi in rowranges.spans(rows.column("rid").to_pylist()):
            con.execute(f"{sql} AND s.rowid BETWEEN {int(lo)} AND {int(hi)}")


def _new_state(articles: Sequence[Article], ids: Sequence[str], rows: Sequence[int],
               at: datetime) -> pa.Table:
    picked = [(articles[i], ids[i]) for i in rows]
    return arrow.table_from_rows([
        {"article_id": id_, "source": a.source, "url": a.url, "canonical_url": a.canonical_url,
         "first_seen_at": at, "last_seen_at": at, "last_fetched_at": at, "latest_version": 1,
         "content_hash": a.content_hash}
        for a, id_ in picked], _STATE_SCHEMA)


def post_write(con: duckdb.DuckDBPyConnection, written: pa.Table, now: datetime,
               lookup: Lookup | None = None,
               texts: Mapping[str, StoryText] | None = None) -> story_index.AssignResult:
    """What follows storing a batch's articles: the story clusters of those not
    clustered with their current text yet (new, changed, or stored before 007).
    ``texts``: bodies already normalised for clustering, by content hash."""
    return story_index.assign_written(con, written, now, lookup, texts)
