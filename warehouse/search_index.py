"""The BM25 search index: a sidecar DuckDB file built from ``article_versions``.

Why a sidecar and not an index inside the warehouse: DuckDB's FTS index does
not update incrementally, and a rebuild takes about 50 s per 100k articles.
Inside the warehouse it would hold the single write lock that whole time and
starve ``ingest``. Here the warehouse is attached read-only only while the
text is copied; tokenising, stemming and writing the postings happen in a
scratch in-memory database (spilling to disk past ``memory_limit``), and the
finished index replaces ``<db>.search.duckdb`` atomically, so searches keep
reading the old one meanwhile.

What is indexed is recorded as a watermark: the highest write position of
``article_versions`` copied, and how many rows were at or below it.
``article_versions`` is append-only, so rows above the watermark are exactly
the not-yet-indexed tail, which :mod:`warehouse.search` scans directly. The
position (:func:`position_column`) is a file's ``seq`` column (migration 011),
not its ``rowid``: compaction rewrites the table's newest rows at other rowids,
and rows it moved up would look unindexed, rows moved down past deleted ones
indexed. A lake's is its ``rowid`` (:mod:`warehouse.lake_read`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from pressroom.errors import DatabaseLocked, WarehouseError
from warehouse.connection import is_lock_error, real_file
from warehouse.fts import load_fts
from warehouse.index_target import choose_another, clear_target
from warehouse.lake import LakeTarget, attach_lake
from warehouse.leftovers import remove_dead, scratch_path
from warehouse.search_postings import write_postings
from warehouse.search_stories import EMPTY_SNAPSHOT_SQL, MEMBERS_COPY_SQL, SNAPSHOT_SQL

# 5 (z40c): ``ix.hits.published_at`` is the page's own date, NULL for an undated
# article (format 4 held its fetch time there, which search showed as "published").
INDEX_FORMAT = 5

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IndexInfo:
    """What an index covers and what it cost to build."""

    path: Path
    watermark: int
    indexed_rows: int
    num_docs: int
    avgdl: float
    built_at: datetime
    seconds: float = 0.0


def index_path_for(db_path: str | Path | LakeTarget) -> Path:
    """The sidecar index file of a warehouse: ``x.duckdb`` → ``x.search.duckdb``
    (a lake's: :func:`warehouse.lake_read.index_path`)."""
    if isinstance(db_path, LakeTarget):
        from warehouse.lake_read import index_path

        return index_path(db_path)
    db = real_file(db_path)  # beside a symlink's file, where `index` given either name builds it
    return db.with_name(f"{db.stem}.search.duckdb")


def _sql_literal(path: Path) -> str:
    # ATTACH takes no bound parameters; paths are ours, quoted as literals.
    return "'" + str(path).replace("'", "''") + "'"


def _attach_read_only(
    con: duckdb.DuckDBPyConnection, db: Path, alias: str, lock_timeout: float
) -> None:
    """ATTACH ``db`` read-only, waiting out a writer for up to ``lock_timeout`` seconds."""
    deadline = time.monotonic() + max(lock_timeout, 0.0)
    delay = 0.05
    while True:
        try:
            con.execute(f"ATTACH {_sql_literal(db)} AS {alias} (READ_ONLY)")
            return
        except duckdb.Error as exc:
            if not is_lock_error(exc):
                raise WarehouseError(f"cannot attach {db}: {exc}") from exc
            if time.monotonic() >= deadline:
                raise DatabaseLocked(f"database {db} is locked by another process") from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


def position_column(con: duckdb.DuckDBPyConnection, target: str | Path | LakeTarget,
                    database: str) -> str:
    """The ``article_versions`` column of ``database`` the watermark is read from.

    A file's ``seq``; ``rowid`` on a lake, where DuckLake keeps a row's id when it
    rewrites files and a later commit gets higher ids (its writers on several hosts
    fill ``seq`` in no common order), and in a file that predates migration 011,
    whose article_versions no compaction has touched (compaction runs after the
    migrations, in the writer).
    """
    if isinstance(target, LakeTarget):
        return "rowid"
    row = con.execute("SELECT count(*) FROM duckdb_columns() WHERE database_name = ? "
                      "AND table_name = 'article_versions' AND column_name = 'seq'",
                      [database]).fetchone()
    return "seq" if row and row[0] else "rowid"


# A row without a write sequence (put back by hand: health counts them) is left out, as
# search leaves it: indexed, it counted below no watermark, and every search rejected
# the index ("does not match the warehouse; run `pressroom index`", which rebuilt the same).
# ``published_at`` is what --since/--until test (an undated article: its fetch time);
# ``dated`` is what a hit shows as published (NULL: the page gave no date).
_COPY_SQL = """
CREATE TABLE src AS
SELECT v.{position} AS rid, v.article_id, v.version, v.source, v.url,
       coalesce(v.published_at, v.fetched_at) AS published_at,
       coalesce(v.title, '') AS title, v.body, v.published_at AS dated
FROM wh.article_versions AS v
WHERE v.{position} IS NOT NULL
ORDER BY rid
"""

# Superseded versions are flagged at build time; versions superseded later
# show up in the tail and are excluded by the search query.
_LATEST_SQL = """
CREATE TABLE latest AS
SELECT article_id, max(version) AS version FROM src GROUP BY article_id
"""

# The run that wrote the row at the watermark (k39): after a warehouse is put back from
# a backup older than the index and the same article is written again, the row there is
# the same article and version, written by another run; the run tells them apart
# (warehouse.search._same_last_row). Read in the copy's transaction, so from its snapshot.
_LAST_RUN_SQL = """
CREATE TABLE last_run AS
SELECT v.run_id FROM wh.article_versions AS v
WHERE v.{position} = (SELECT max(rid) FROM src)
"""
LAST_RUN_TABLE = "last_run"

_META_SQL = """
CREATE TABLE ix.meta AS
SELECT $format::INTEGER AS format, $watermark::BIGINT AS watermark,
       $indexed::BIGINT AS indexed_rows, coalesce(s.num_docs, 0)::BIGINT AS num_docs,
       coalesce(s.avgdl, 0)::DOUBLE AS avgdl, $built_at::TIMESTAMPTZ AS built_at
FROM fts_main_src.stats AS s
"""

_WRITE_SQL = """
CREATE TABLE ix.docs AS
SELECT d.docid::INTEGER AS docid, src.rid, src.article_id, src.version, src.source,
       src.published_at, d.len::INTEGER AS len,
       (l.article_id IS NOT NULL) AS is_latest
FROM fts_main_src.docs AS d
JOIN src ON src.rid = d.name
LEFT JOIN latest AS l ON l.article_id = src.article_id AND l.version = src.version
ORDER BY docid;

CREATE TABLE terms AS
SELECT termid::INTEGER AS termid, term, df::INTEGER AS df FROM fts_main_src.dict;

CREATE TABLE raw_postings AS
SELECT t.termid::INTEGER AS termid, t.docid::INTEGER AS docid, count(*)::INTEGER AS tf,
       any_value(d.len)::INTEGER AS len
FROM fts_main_src.terms AS t
JOIN ix.docs AS d ON d.docid = t.docid AND d.is_latest
GROUP BY t.termid, t.docid;

-- What a hit shows, for latest versions only, keyed by an ART index: a page of
-- winners is a few index probes, where reading article_versions by rowid
-- decodes a whole vector of bodies per hit (~5-25 ms each at 1M articles).
CREATE TABLE ix.hits AS
SELECT d.docid, src.rid, src.article_id, src.version, src.source, src.url, src.title,
       src.body, src.dated AS published_at
FROM ix.docs AS d JOIN src ON src.rid = d.rid
WHERE d.is_latest ORDER BY d.docid;
CREATE UNIQUE INDEX hits_docid ON ix.hits (docid);

CREATE TABLE ix.stopwords AS SELECT sw FROM fts_main_src.stopwords;
"""

# What --source/--since/--until test, for latest versions, narrow: a filtered page
# reads this table whole (a source as a small number, not text: ~3 ms at 1M
# documents where ix.docs' source column took 20-30 ms). ``ix.sources`` names the codes.
FILTERS_SQL = """
CREATE TABLE ix.sources AS
SELECT (row_number() OVER (ORDER BY source))::INTEGER AS code, source
FROM (SELECT DISTINCT source FROM ix.docs WHERE is_latest);

CREATE TABLE ix.filters AS
SELECT d.docid, s.code AS src, d.published_at
FROM ix.docs AS d JOIN ix.sources AS s ON s.source = d.source
WHERE d.is_latest ORDER BY d.docid;
"""

def build_index(
    db_path: str | Path | LakeTarget,
    index_path: str | Path | None = None,
    *,
    lock_timeout: float = 60.0,
    threads: int | None = None,
    memory_limit: str | None = None,
    warn: Callable[[str], None] = _log.warning,
    named_by: str = "--index",
) -> IndexInfo:
    """Rebuild the sidecar search index of the warehouse at ``db_path``.

    Holds the warehouse (read-only) only while copying its text; the old
    index stays readable until the new one replaces it. ``memory_limit``
    (e.g. ``"4GB"``) bounds DuckDB's memory; the build spills beyond it. A
    lake is attached ``READ_ONLY`` for the copy (a snapshot: rows committed
    meanwhile are the next search's tail). An unreadable file at the default path is
    moved aside, said in one line to ``warn`` (:func:`warehouse.index_target.clear_target`);
    a refusal of a given ``index_path`` names what chose it, ``named_by`` (an option or
    ``PRESSROOM_INDEX``).
    """
    db = db_path if isinstance(db_path, LakeTarget) else Path(db_path)
    if isinstance(db, Path) and not db.exists():
        raise WarehouseError(f"no warehouse at {db}")
    target = Path(index_path) if index_path is not None else index_path_for(db)
    if target.exists() and not target.is_file():  # renaming over it would replace it
        raise WarehouseError(f"cannot write search index {target}: not a regular file "
                             f"(give {named_by} a file path)")
    if isinstance(db, Path) and target.exists() and os.path.samefile(target, db):
        raise WarehouseError(f"cannot write search index {target}: it is the warehouse; "
                             f"{choose_another(named_by)}")
    clear_target(target, named_by=named_by if index_path is not None else None, warn=warn)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WarehouseError(f"cannot create directory for {target}: {exc}") from exc
    scratch = scratch_path(target, ".build-")
    staged = scratch_path(target, ".new-")
    try:
        for leftover in (scratch, staged):
            _remove(leftover)
        for marker in (".build-", ".new-"):  # of builds killed before their rename
            remove_dead(target, marker)
    except OSError as exc:  # a read-only folder: EROFS even for a file that is not there
        raise WarehouseError(f"cannot write search index {target}: {exc}") from exc
    started = time.perf_counter()
    built_at = datetime.now(UTC)
    try:
        # The scratch database is in memory: a file would first write every
        # token occurrence to its WAL (~7 GB at 1M articles). Past
        # memory_limit DuckDB spills to the temp directory instead.
        con = duckdb.connect(":memory:")
        try:
            con.execute("SET temp_directory = $t", {"t": str(scratch) + ".tmp"})
            if threads:
                con.execute(f"SET threads = {int(threads)}")
            if memory_limit:
                con.execute("SET memory_limit = $m", {"m": memory_limit})
            con.execute("SET preserve_insertion_order = false")
            load_fts(con)
            if isinstance(db, LakeTarget):
                attach_lake(con, db, alias="wh", read_only=True)
            else:
                _attach_read_only(con, db, "wh", lock_timeout)
            try:
                # One read of the warehouse: the text and the stories it had then.
                con.execute("BEGIN")
                try:
                    position = position_column(con, db, "wh")
                    con.execute(_COPY_SQL.format(position=position))
                    con.execute(_LAST_RUN_SQL.format(position=position))
                    has_members = _has_story_members(con)
                    if has_members:
                        con.execute(MEMBERS_COPY_SQL)
                    con.execute("COMMIT")
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
            finally:
                con.execute("DETACH wh")
            row = con.execute("SELECT coalesce(max(rid), -1), count(*) FROM src").fetchone()
            assert row is not None
            watermark, indexed = int(row[0]), int(row[1])
            con.execute(_LATEST_SQL)
            con.execute("PRAGMA create_fts_index('src', 'rid', 'title', 'body', overwrite=1)")
            con.execute(f"ATTACH {_sql_literal(staged)} AS ix")
            con.execute(
                _META_SQL,
                {
                    "format": INDEX_FORMAT,
                    "watermark": watermark,
                    "indexed": indexed,
                    "built_at": built_at,
                },
            )
            con.execute(_WRITE_SQL)
            con.execute(f"CREATE TABLE ix.{LAST_RUN_TABLE} AS SELECT run_id FROM last_run")
            con.execute(FILTERS_SQL)
            con.execute(SNAPSHOT_SQL if has_members else EMPTY_SNAPSHOT_SQL)
            write_postings(con, "raw_postings", "terms")
            con.execute("DETACH ix")
        finally:
            con.close()
        os.replace(staged, target)
    except (duckdb.Error, OSError) as exc:
        raise WarehouseError(f"building search index {target} failed: {exc}") from exc
    finally:
        with contextlib.suppress(OSError):  # cleanup must not hide the error above
            _remove(scratch)
            _remove(staged)
    info = read_index_info(target)
    return IndexInfo(
        path=info.path,
        watermark=info.watermark,
        indexed_rows=info.indexed_rows,
        num_docs=info.num_docs,
        avgdl=info.avgdl,
        built_at=info.built_at,
        seconds=time.perf_counter() - started,
    )


def _has_story_members(con: duckdb.DuckDBPyConnection) -> bool:
    """True if the attached warehouse ``wh`` has stories (migration 007 ran)."""
    row = con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = 'wh' "
                      "AND table_name = 'story_members'").fetchone()
    return bool(row and row[0])


def _remove(path: Path) -> None:
    """Delete a DuckDB file with its WAL and its spill directory, if present."""
    for candidate in (path, path.with_name(path.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()
    shutil.rmtree(path.with_name(path.name + ".tmp"), ignore_errors=True)


_INFO_SQL = "SELECT format, watermark, indexed_rows, num_docs, avgdl, built_at FROM {meta}"


def read_index_info(index_path: str | Path) -> IndexInfo:
    """The meta row of an index file (raises WarehouseError if unreadable)."""
    path = Path(index_path)
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot open search index {path}: {exc}") from exc
    try:
        return attached_index_info(con, "main", path)
    finally:
        con.close()


def attached_index_info(con: duckdb.DuckDBPyConnection, alias: str, path: Path) -> IndexInfo:
    """The meta row of the index attached to ``con`` as ``alias`` (see read_index_info)."""
    try:
        row = con.execute(_INFO_SQL.format(meta=f"{alias}.meta")).fetchone()
    except duckdb.Error as exc:
        raise WarehouseError(f"search index {path} is unreadable: {exc}") from exc
    if row is None or int(row[0]) != INDEX_FORMAT:
        raise WarehouseError(f"search index {path} has an unknown format; run `pressroom index`")
    return IndexInfo(
        path=path,
        watermark=int(row[1]),
        indexed_rows=int(row[2]),
        num_docs=int(row[3] or 0),
        avgdl=float(row[4] or 0.0),  # an index of an empty warehouse has no average
        built_at=row[5],
    )
