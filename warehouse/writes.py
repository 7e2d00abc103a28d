"""Write paths: batches of articles and pages, seen URLs, runs and sources.

Every function takes a plain DuckDB connection; :class:`warehouse.Warehouse`
adds locking and error translation on top.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import duckdb
import pyarrow as pa

from parsers.article import Article
from warehouse import arrow, identity, retries, story_index
from warehouse.records import (
    RUN_STATUSES,
    Batch,
    BatchResult,
    RunCounts,
    SeenURL,
)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN … COMMIT as the only writer, rolled back on any exception.

    Bumping ``write_token`` first makes a concurrent writer on another
    connection of this process fail fast with a conflict (see 001_init.sql)
    instead of interleaving upserts.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("UPDATE write_token SET n = n + 1")
        yield
        con.execute("COMMIT")
    except BaseException:
        # A failed statement (or COMMIT) can leave nothing to roll back.
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, tables: Mapping[str, pa.Table]) -> Iterator[None]:
    """Expose Arrow tables to SQL under the given names for the block's duration."""
    names: list[str] = []
    try:
        for name, table in tables.items():
            con.register(name, table)
            names.append(name)
        yield
    finally:
        for name in names:
            con.unregister(name)


def _collapse(articles: Sequence[Article], ids: Sequence[str]) -> tuple[list[Article], list[str]]:
    """One article per id, the last one in the batch winning, first-seen order kept."""
    latest: dict[str, Article] = {}
    for article, article_id in zip(articles, ids, strict=True):
        latest[article_id] = article
    return list(latest.values()), list(latest)


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


_COUNT_SQL = """
SELECT
    count(*) FILTER (WHERE s.article_id IS NULL),
    count(*) FILTER (WHERE s.article_id IS NOT NULL AND s.content_hash <> b.content_hash),
    count(*) FILTER (WHERE s.content_hash = b.content_hash)
FROM _pr_articles AS b
LEFT JOIN article_state AS s ON s.article_id = b.article_id
"""

# Must run before article_state is touched: the version number comes from it.
_INSERT_VERSIONS_SQL = """
INSERT INTO article_versions BY NAME
SELECT b.*, coalesce(s.latest_version, 0) + 1 AS version
FROM _pr_articles AS b
LEFT JOIN article_state AS s ON s.article_id = b.article_id
WHERE s.article_id IS NULL OR s.content_hash <> b.content_hash
"""

# An unchanged article (same text) written again, as `pressroom reparse` does,
# refreshes in place the day and offset derived from its publication date, when
# the date is the same instant as the stored one: they describe how the page
# printed that instant (see 005_published_local_date.sql). Narrow columns, no
# new version; the text and the stored instant are never rewritten.
_REFRESH_DATES_SQL = """
UPDATE article_versions AS v SET
    published_local_date = b.published_local_date,
    published_utc_offset_minutes = b.published_utc_offset_minutes
FROM _pr_articles AS b, article_state AS s
WHERE s.article_id = b.article_id
  AND s.content_hash = b.content_hash
  AND v.article_id = b.article_id
  AND v.version = s.latest_version
  AND v.published_at = b.published_at
  AND (v.published_local_date IS DISTINCT FROM b.published_local_date
       OR v.published_utc_offset_minutes IS DISTINCT FROM b.published_utc_offset_minutes)
"""

_UPDATE_STATE_SQL = """
UPDATE article_state AS s SET
    latest_version = CASE WHEN s.content_hash <> b.content_hash
                          THEN s.latest_version + 1 ELSE s.latest_version END,
    url = CASE WHEN s.content_hash <> b.content_hash THEN b.url ELSE s.url END,
    content_hash = b.content_hash,
    last_seen_at = greatest(s.last_seen_at, b.fetched_at),
    last_fetched_at = greatest(s.last_fetched_at, b.fetched_at)
FROM _pr_articles AS b
WHERE s.article_id = b.article_id
"""

# No ON CONFLICT: these tables carry no index (see 001_init.sql), so upserts
# are an UPDATE of the existing keys followed by an anti-joined INSERT.
_INSERT_STATE_SQL = """
INSERT INTO article_state
    (article_id, source, url, canonical_url, first_seen_at, last_seen_at,
     last_fetched_at, latest_version, content_hash)
SELECT b.article_id, b.source, b.url, b.canonical_url, b.fetched_at, b.fetched_at,
       b.fetched_at, 1, b.content_hash
FROM _pr_articles AS b
WHERE NOT EXISTS (SELECT 1 FROM article_state AS s WHERE s.article_id = b.article_id)
"""

# Another source's sighting of a URL never re-points its article id.
_UPDATE_SEEN_SQL = """
UPDATE seen_urls AS s SET
    kind = x.kind,
    article_id = CASE WHEN s.source = x.source THEN coalesce(x.article_id, s.article_id)
                      ELSE s.article_id END,
    last_seen_at = greatest(s.last_seen_at, x.seen_at)
FROM _pr_seen AS x
WHERE s.url = x.url
"""

_INSERT_SEEN_SQL = """
INSERT INTO seen_urls (url, source, kind, article_id, first_seen_at, last_seen_at)
SELECT x.url, x.source, x.kind, x.article_id, x.seen_at, x.seen_at
FROM _pr_seen AS x
WHERE NOT EXISTS (SELECT 1 FROM seen_urls AS s WHERE s.url = x.url)
"""

_UPSERT_CACHE_SQL = """
INSERT INTO http_cache BY NAME SELECT * FROM _pr_cache
ON CONFLICT (url) DO UPDATE SET
    etag = excluded.etag,
    last_modified = excluded.last_modified,
    body_sha256 = excluded.body_sha256,
    fetched_at = excluded.fetched_at
"""

_INSERT_PAGES_SQL = """
INSERT INTO pages BY NAME
SELECT x.* FROM _pr_pages AS x
WHERE NOT EXISTS (SELECT 1 FROM pages AS p WHERE p.page_id = x.page_id)
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
)
"""


def write_batch(con: duckdb.DuckDBPyConnection, batch: Batch) -> BatchResult:
    """Store a batch in one transaction; see :meth:`warehouse.Warehouse.write_batch`."""
    result = BatchResult()
    with transaction(con):
        # Ids are resolved inside the transaction: a source writes only its own rows.
        resolved = identity.resolve(con, batch.source,
                                    [a for a in batch.articles if a.kind == "article"])
        articles, ids = _collapse(resolved.articles, resolved.ids)
        table = arrow.articles_table(
            articles, source=batch.source, run_id=batch.run_id, fetched_at=batch.fetched_at
        )
        table = table.set_column(table.schema.get_field_index("article_id"), "article_id",
                                 pa.array(ids, pa.string()))
        tables = {
            "_pr_articles": table,
            "_pr_seen": arrow.seen_table(_seen_entries(batch, articles, ids, resolved.remap),
                                         source=batch.source, seen_at=batch.fetched_at),
            "_pr_cache": arrow.cache_table(batch.cache, fetched_at=batch.fetched_at),
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
            if "_pr_articles" in present:
                row = con.execute(_COUNT_SQL).fetchone()
                assert row is not None  # an aggregate always yields one row
                result = BatchResult(new=int(row[0]), updated=int(row[1]),
                                     unchanged=int(row[2]))
                if result.unchanged:
                    # Before article_state moves on: it names the stored latest version.
                    refreshed = con.execute(_REFRESH_DATES_SQL).fetchone()
                    result = replace(result,
                                     dates_refreshed=int(refreshed[0]) if refreshed else 0)
                con.execute(_INSERT_VERSIONS_SQL)
                con.execute(_UPDATE_STATE_SQL)
                con.execute(_INSERT_STATE_SQL)
                # Story clusters of the new and changed articles, same transaction.
                story_index.assign_written(con, batch.fetched_at)
            if "_pr_seen" in present:
                con.execute(_UPDATE_SEEN_SQL)
                con.execute(_INSERT_SEEN_SQL)
                retries.resolve(con)  # fetched at last: off the retry schedule
            if "_pr_retries" in present:
                retries.record(con)
            if "_pr_cache" in present:
                con.execute(_UPSERT_CACHE_SQL)
            if "_pr_pages" in present:
                con.execute(_INSERT_PAGES_SQL)
            if "_pr_fetch" in present:
                con.execute(_INSERT_FETCH_SQL)
    return result


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


def start_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    sources: Sequence[str],
    started_at: datetime,
    pid: int,
    host: str | None = None,
) -> None:
    """Record a run as 'running' for each source (restarting resets the row)."""
    if not sources:
        return
    table = pa.Table.from_pydict(
        {"source": list(dict.fromkeys(sources))}, schema=pa.schema([("source", pa.string())])
    )
    with registered(con, {"_pr_sources": table}), transaction(con):
        con.execute(
            """
            INSERT INTO runs (run_id, source, started_at, status, pid, host)
            SELECT ?, source, ?, 'running', ?, ? FROM _pr_sources
            ON CONFLICT (run_id, source) DO UPDATE SET
                started_at = excluded.started_at, finished_at = NULL,
                status = 'running', pid = excluded.pid, host = excluded.host,
                discovered = 0, fetched = 0, new = 0, updated = 0, unchanged = 0,
                failed = 0, error = NULL
            """,
            [run_id, started_at, pid, host or socket.gethostname()],
        )


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    source: str,
    counts: RunCounts,
    status: str,
    error: str | None,
    finished_at: datetime,
) -> None:
    """Close a run row with its counters; creates the row if start_run was skipped."""
    if status not in RUN_STATUSES - {"running"}:
        raise ValueError(f"finish_run status must be ok, failed or crashed: {status!r}")
    with transaction(con):
        con.execute(
            """
            INSERT INTO runs (run_id, source, started_at, finished_at, status, discovered,
                              fetched, new, updated, unchanged, failed, error)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (run_id, source) DO UPDATE SET
                finished_at = excluded.finished_at, status = excluded.status,
                discovered = excluded.discovered, fetched = excluded.fetched,
                new = excluded.new, updated = excluded.updated,
                unchanged = excluded.unchanged, failed = excluded.failed,
                error = excluded.error
            """,
            [
                run_id,
                source,
                finished_at,
                finished_at,
                status,
                counts.discovered,
                counts.fetched,
                counts.new,
                counts.updated,
                counts.unchanged,
                counts.failed,
                error,
            ],
        )


def _process_start(pid: int) -> datetime | None:
    """Start time of ``pid`` from /proc (Linux), or None when it cannot be read."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            stat = fh.read()
        with open("/proc/stat", encoding="ascii") as fh:
            btime = next(int(line.split()[1]) for line in fh if line.startswith("btime "))
        # Field 22 (starttime, in clock ticks since boot) follows the
        # parenthesised command name, which may itself contain spaces.
        ticks = int(stat.rsplit(")", 1)[1].split()[19])
        hz = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None
    return datetime.fromtimestamp(btime + ticks / hz, tz=UTC)


def pid_alive(pid: int, since: datetime | None = None) -> bool:
    """True if ``pid`` runs on this host (and, when known, started before ``since``).

    The start-time check catches a recycled pid: a process that began after the
    run started cannot be the one that owns it.
    """
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, owned by someone else
    if since is not None:
        started = _process_start(pid)
        # Two seconds of slack: btime and clock ticks are coarse.
        if started is not None and started.timestamp() > since.timestamp() + 2:
            return False
    return True


# A run of another host (or without a pid) cannot be checked by pid; after
# this long it is presumed dead. Containers get a new hostname per start, so
# without this such rows would stay 'running' forever.
FOREIGN_RUN_STALE_AFTER = timedelta(hours=24)


def mark_crashed_runs(
    con: duckdb.DuckDBPyConnection,
    now: datetime,
    host: str | None = None,
    stale_after: timedelta | None = FOREIGN_RUN_STALE_AFTER,
) -> int:
    """Mark 'running' runs whose process is gone as 'crashed'; returns how many.

    Runs of this host are judged by their pid (and its start time, against
    pid reuse). Runs of other hosts, or without a pid, are crashed once they
    started more than ``stale_after`` before ``now`` (never, if None).
    """
    this_host = host or socket.gethostname()
    rows = con.execute(
        "SELECT run_id, source, pid, host, started_at FROM runs WHERE status = 'running'"
    ).fetchall()
    dead: list[tuple[str, str, str]] = []
    for run_id, source, pid, run_host, started_at in rows:
        if pid is not None and run_host in (None, this_host):
            if not pid_alive(int(pid), started_at):
                dead.append((run_id, source, f"process {pid} ended without finishing the run"))
        elif stale_after is not None and started_at < now - stale_after:
            dead.append(
                (
                    run_id,
                    source,
                    f"still running on {run_host or 'an unknown host'} "
                    f"after {stale_after}; presumed crashed",
                )
            )
    if not dead:
        return 0
    marked = 0
    with transaction(con):
        for run_id, source, reason in dead:
            result = con.execute(
                "UPDATE runs SET status = 'crashed', finished_at = ?, "
                "error = coalesce(error, ?) "
                "WHERE run_id = ? AND source = ? AND status = 'running'",
                [now, reason, run_id, source],
            ).fetchone()
            marked += int(result[0]) if result else 0
    return marked


def upsert_sources(
    con: duckdb.DuckDBPyConnection, configs: Mapping[str, Mapping[str, Any]], now: datetime
) -> None:
    """Store each source's config; ``updated_at`` moves only when the config changed."""
    if not configs:
        return
    table = pa.Table.from_pydict(
        {
            "name": list(configs),
            "config": [
                json.dumps(dict(cfg), sort_keys=True, default=str) for cfg in configs.values()
            ],
        },
        schema=pa.schema([("name", pa.string()), ("config", pa.string())]),
    )
    with registered(con, {"_pr_sources": table}), transaction(con):
        con.execute(
            """
            INSERT INTO sources (name, config, updated_at)
            SELECT name, config, ? FROM _pr_sources
            ON CONFLICT (name) DO UPDATE SET
                updated_at = CASE WHEN sources.config::VARCHAR <> excluded.config::VARCHAR
                                  THEN excluded.updated_at ELSE sources.updated_at END,
                config = excluded.config
            """,
            [now],
        )
