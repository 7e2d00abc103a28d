"""Ranked full-text search: BM25 over the sidecar index plus the unindexed tail.

The index (:mod:`warehouse.search_index`) covers ``article_versions`` up to
its watermark and is ranked by :mod:`warehouse.search_ranked`. Rows written
since are scanned directly and scored with the same BM25 formula and the
index's statistics (:mod:`warehouse.search_tail`), so an article ingested a
moment ago is found at once, ranked alongside the rest. Only the newest
version of each article is ever returned. Every user value is a bound
parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from pressroom.errors import WarehouseError
from warehouse.fts import load_fts
from warehouse.lake import LakeTarget
from warehouse.lake_read import connect_read_only
from warehouse.search_index import (
    LAST_RUN_TABLE,
    IndexInfo,
    attached_index_info,
    index_path_for,
    position_column,
)
from warehouse.search_query import parse_query
from warehouse.search_ranked import Ranking
from warehouse.search_stories import StoryLookup
from warehouse.search_stories import collapse as collapse_stories
from warehouse.search_tail import scan_tail
from warehouse.search_terms import Filters, Hit, Stemmer, Terms
from warehouse.txn import one_snapshot

__all__ = ["Hit", "SearchResult", "SearchSession", "search"]


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Hits plus how fresh the index was."""

    hits: list[Hit]
    index: IndexInfo | None
    tail_rows: int
    warning: str | None = None
    # False when nothing matched and the ``source`` filter names no source of
    # this warehouse; None when not checked.
    source_known: bool | None = None


def _attach_index(
    con: duckdb.DuckDBPyConnection, index_path: Path, position: str, named_by: str = "--index"
) -> tuple[IndexInfo | None, str | None]:
    """Attach a valid index as ``ix``; return its info or a warning why it is ignored
    (naming ``named_by``, what chose the path: k52c, a folder in PRESSROOM_INDEX was
    answered "give --index a file path" though no --index was given).

    The index is read through the ATTACH alone: opening it as a database of its
    own first started a second DuckDB instance (0.15-1 s of a CLI call, loaded).
    """
    if not index_path.exists():
        return None, "no search index yet: scanning every article (run `pressroom index`)"
    if not index_path.is_file():  # a pipe's ATTACH waited for a writer for ever (k42)
        return None, (f"search index {index_path} is not a regular file; scanning every "
                      f"article (give {named_by} a file path)")
    literal = "'" + str(index_path).replace("'", "''") + "'"
    try:
        con.execute(f"ATTACH {literal} AS ix (READ_ONLY)")
    except duckdb.Error as exc:
        return None, (f"cannot open search index {index_path}: {exc}; scanning every "
                      "article (run `pressroom index`)")
    try:
        info = attached_index_info(con, "ix", index_path)
        row = con.execute(f"SELECT count(*) FROM article_versions WHERE {position} <= $wm",
                          {"wm": info.watermark}).fetchone()
        # article_versions is append-only; if rows at or below the watermark
        # changed, positions no longer mean what the index recorded. The count
        # alone misses a warehouse put back from a backup older than the index and
        # written to since (as many rows again, other articles): the row at the
        # watermark must be the one the index last read, else its articles are
        # found (gone from the warehouse) and the new ones not (review r26).
        if row is None or int(row[0]) != info.indexed_rows or not _same_last_row(
                con, position, info):
            con.execute("DETACH ix")
            return None, "search index does not match the warehouse; run `pressroom index`"
    except WarehouseError as exc:
        con.execute("DETACH ix")
        return None, f"{exc}; scanning every article"
    except duckdb.Error as exc:  # a table the check reads is gone: a damaged index
        con.execute("DETACH ix")
        return None, (f"search index {index_path} is unreadable ({str(exc).splitlines()[0]}); "
                      "scanning every article (run `pressroom index`)")
    return info, None


def _same_last_row(con: duckdb.DuckDBPyConnection, position: str, info: IndexInfo) -> bool:
    """True if the warehouse's row at the index's watermark is the article version the
    index read there, written by the same run (an empty index has none). An index built
    before k39 has no record of the run (``LAST_RUN_TABLE``): article and version only."""
    if info.indexed_rows == 0:
        return True
    known = con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = 'ix' "
                        "AND table_name = $t", {"t": LAST_RUN_TABLE}).fetchone()
    same_run = (f" AND v.run_id IN (SELECT run_id FROM ix.{LAST_RUN_TABLE})"
                if known and known[0] else "")
    row = con.execute(
        f"SELECT count(*) FROM article_versions AS v JOIN ix.docs AS d "
        f"ON d.article_id = v.article_id AND d.version = v.version "
        f"WHERE v.{position} = $wm AND d.rid = $wm{same_run}", {"wm": info.watermark}
    ).fetchone()
    return bool(row and row[0] == 1)


def _check_warehouse(con: duckdb.DuckDBPyConnection, db_path: object) -> None:
    """Refuse a DuckDB file that is not a Pressroom warehouse, in one line."""
    try:
        con.execute("SELECT 1 FROM article_versions LIMIT 0").fetchall()
    except duckdb.CatalogException as exc:
        raise WarehouseError(f"{db_path} is not a Pressroom warehouse (no article_versions "
                             "table)") from exc


def source_known(con: duckdb.DuckDBPyConnection, source: str) -> bool:
    """True if the warehouse has heard of ``source`` (its config or an article)."""
    row = con.execute(
        "SELECT EXISTS (SELECT 1 FROM sources WHERE name = $s) "
        "OR EXISTS (SELECT 1 FROM article_state WHERE source = $s)", {"s": source}).fetchone()
    return bool(row and row[0])


class SearchSession:
    """A read-only connection with the fts extension loaded and the index attached.

    Reuse one session for many queries (benchmarks, a long-lived service):
    opening costs ~0.1 s, mostly loading the extension.
    """

    def __init__(
        self, db_path: str | Path | LakeTarget, *, index_path: str | Path | None = None,
        lock_timeout: float = 10.0, named_by: str = "--index",
    ) -> None:
        ix_path = Path(index_path) if index_path is not None else index_path_for(db_path)
        self._con = connect_read_only(db_path, lock_timeout=lock_timeout)
        try:
            _check_warehouse(self._con, db_path)
            load_fts(self._con)
            database = self._con.execute("SELECT current_database()").fetchone()
            self._position = position_column(self._con, db_path,
                                             str(database[0]) if database else "")
            self.index, self.warning = _attach_index(self._con, ix_path, self._position,
                                                     named_by)
            self._stopwords = (
                frozenset(str(r[0]) for r in self._con.execute(
                    "SELECT sw FROM ix.stopwords").fetchall())
                if self.index else frozenset()
            )
            self._stemmer = Stemmer(self._con)
            self._stories = StoryLookup(self._con, indexed=self.index is not None)
        except duckdb.Error as exc:
            self._con.close()
            raise WarehouseError(f"cannot open search: {exc}") from exc
        except BaseException:
            self._con.close()
            raise

    def __enter__(self) -> SearchSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the read-only connection."""
        self._con.close()

    def search(
        self, query: str, *, source: str | None = None, since: datetime | None = None,
        until: datetime | None = None, limit: int = 20, collapse: bool = False,
    ) -> SearchResult:
        """Newest version of each matching article, best BM25 score first.

        ``collapse``: one hit per story (its best-ranked copy), as ``--collapse``.
        """
        if limit < 1:
            raise WarehouseError("search limit must be at least 1")
        parsed = parse_query(query)
        filters = Filters(source, since, until)
        try:
            # One snapshot for all the search's statements: on a lake, one read of
            # the catalog instead of one per statement (the tail, the hits' rows,
            # stories), and the tail and the hits agree with each other.
            with one_snapshot(self._con):
                terms = Terms(self._stemmer, parsed, self._stopwords)
                ranking = Ranking(self._con, terms, filters, indexed=self.index is not None,
                                  stories=self._stories)
                tail = scan_tail(self._con, terms, filters, self.index, ranking.df,
                                 self._position)
                hits = ranking.hits(limit, tail.superseded, collapse=collapse) + tail.hits
                hits.sort(key=lambda h: (-h.score, h.url))
                if collapse:  # a tail hit may be a copy of an indexed one's story
                    ids = [h.article_id for h in hits]
                    hits = ranking.with_story(
                        collapse_stories(hits, ids, ranking.stories(ids))[:limit])
                # Checked only when nothing was found, so a hit costs no lookup.
                known = (source_known(self._con, source)
                         if source is not None and not hits else None)
        except duckdb.Error as exc:
            raise WarehouseError(f"search failed: {exc}") from exc
        return SearchResult(hits=hits[:limit], index=self.index, tail_rows=tail.rows,
                            warning=self.warning, source_known=known)


def search(
    db_path: str | Path | LakeTarget,
    query: str,
    *,
    source: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 20,
    index_path: str | Path | None = None,
    lock_timeout: float = 10.0,
    collapse: bool = False,
    named_by: str = "--index",
) -> SearchResult:
    """Search the warehouse read-only in a one-off session (see :class:`SearchSession`);
    ``named_by`` is what chose ``index_path`` (``--index``, ``PRESSROOM_INDEX``)."""
    with SearchSession(db_path, index_path=index_path, lock_timeout=lock_timeout,
                       named_by=named_by) as session:
        return session.search(query, source=source, since=since, until=until, limit=limit,
                              collapse=collapse)
