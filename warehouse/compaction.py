"""Few row groups in the tables that every run appends to.

DuckDB 1.5 gives each session's append to a checkpointed table a row group of
its own, and merges such groups only when a checkpoint vacuums, which our
writers turn off (:data:`warehouse.connection.WRITER_SETTINGS`: vacuum rewrote
the page archive whole). A run every 15 minutes therefore added row groups
without end, each in blocks of its own, and every lookup and every closing
checkpoint walks them: over 120 soak runs (3 new articles each) the file grew to
283 MB for 417 articles and a run's CPU in the ingest process from 0.67 to
1.12 s (docs/BENCHMARKS.md, "Row groups over months").

:func:`compact_tails` rewrites the small row groups at the end of a table as
one group, in one transaction: the same rows in the same order, fewer groups;
the emptied groups are dropped by the checkpoint that closes the session. It
merges only once :data:`MAX_TAIL` groups under a level's size have built up,
and the levels grow geometrically, so a merge rewrites at most :data:`MAX_TAIL`
times a level's size, newest groups first. The page archive, whose rows are
large, has one small level, so no merge rewrites more than :data:`MAX_TAIL` x 32
pages (with 256 it rewrote 6,000 pages at the end of a 6,000-page run, and the
uncapped retry's peak RSS was 1.4 GB).

Rewritten rows get other ``rowid`` values (higher, or lower past deleted rows,
as a vacuum moves them). No one keeps those beyond a transaction (``rowranges``):
the search index's watermark is ``article_versions.seq``, a write sequence that
moves with its row (migration 011; it was a rowid, and the table was left out,
gaining a row group per session that stored articles). Article rows are a few
KB of text, so their levels stop at 512 rows, and one rewrite holds
:data:`MAX_BYTES` of their text at most: the newest groups that fit, merged only
if :data:`MAX_TAIL` of them do. A rewrite holds its rows several times over in
the process (read, the new group, the deleted copies): 4,050 rows of 6 KB added
96 MB to the ingest's peak RSS at the end of a 6,000-page run, its highest point
(issue 15). Tables with a primary key are not listed: DuckDB adds their appends
to their last row group.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from warehouse.connection import is_out_of_memory
from warehouse.txn import transaction

# Small groups at a table's end before they are merged into one. Each group takes
# a 256 KB block of its own in each table, so fewer groups is a smaller file too.
MAX_TAIL = 8
SMALL_ROWS = (64, 4_096, 32_768)  # the levels: a group under this many rows is small
TEXT_ROWS = (64, 512)  # article versions, a few KB each: a rewrite holds 4,096 at most
LARGE_ROWS = (32,)  # stored pages: a rewrite holds 256 at most
LEVELS: dict[str, tuple[int, ...]] = {
    "fetch_log": SMALL_ROWS, "seen_urls": SMALL_ROWS, "article_state": SMALL_ROWS,
    "story_members": SMALL_ROWS, "story_paragraphs": SMALL_ROWS,
    "article_versions": TEXT_ROWS, "pages": LARGE_ROWS,
}
TABLES = tuple(LEVELS)
# Text one rewrite may hold, by the column that carries it. The RSS a merge adds
# was ~27 MB + 5 x its text, up to ~97 MB (bench/merge_memory.py: 1.8 MB of text
# +36 MB, 3.7 MB +46, 7.4 MB +66, 25 MB +97). 4 MB keeps the merges of small runs
# (8 groups of 64-100 rows of 5 KB); a bulk run's batches of 100-200 articles
# (0.5-1 MB each) stay as they are written, as before compaction took this table.
MAX_BYTES: dict[str, tuple[str, int]] = {"article_versions": ("body", 4 * 2**20)}

_GROUPS_SQL = """
SELECT row_group_id, sum(count) FROM pragma_storage_info(?)
WHERE column_id = 0 AND column_path = '[0]' GROUP BY row_group_id ORDER BY row_group_id
"""


def tail(con: duckdb.DuckDBPyConnection, table: str, small: int) -> tuple[int, int]:
    """``(first row id, number of groups)`` of the groups under ``small`` rows that
    end ``table``, holding :data:`MAX_TAIL` x ``small`` rows at most.

    Row ids are positions: a group starts where the groups before it end,
    deleted rows included.
    """
    counts = [int(n) for _, n in con.execute(_GROUPS_SQL, [table]).fetchall()]
    start = sum(counts)
    groups = rows = 0
    for n in reversed(counts):
        # A run that stored thousands of pages left many groups under ``small``:
        # the rewrite takes the newest of them, MAX_TAIL x ``small`` rows at most.
        if n >= small or rows + n > MAX_TAIL * small:
            break
        start -= n
        groups += 1
        rows += n
    if table in MAX_BYTES and groups >= MAX_TAIL:
        return _within_bytes(con, table, counts[len(counts) - groups:], start)
    return start, groups


def _within_bytes(con: duckdb.DuckDBPyConnection, table: str, counts: list[int],
                  start: int) -> tuple[int, int]:
    """The newest of the tail's groups (``counts``, from row id ``start``) whose
    text holds :data:`MAX_BYTES` at most: ``(first row id, number of groups)``."""
    column, budget = MAX_BYTES[table]
    end, held, groups = start + sum(counts), 0, 0
    for n in reversed(counts):
        # Newest first, and no further than the budget: the rewrite reads these rows
        # again (cached), a length of them all would read 4,096 rows (+47 MB of RSS).
        row = con.execute(f"SELECT coalesce(sum(strlen({column})), 0) FROM {table} "
                          "WHERE rowid >= ? AND rowid < ?", [end - n, end]).fetchone()
        size = int(row[0]) if row else 0
        if held + size > budget:
            break
        held, groups, end = held + size, groups + 1, end - n
    return end, groups


def _merge(con: duckdb.DuckDBPyConnection, table: str, start: int) -> None:
    """Rewrite ``table``'s rows from ``start`` on as one group, in one transaction."""
    with transaction(con):
        con.execute(f"CREATE TEMP TABLE _pr_tail AS SELECT * FROM {table} "
                    "WHERE rowid >= ? ORDER BY rowid", [start])  # keep time order
        con.execute(f"DELETE FROM {table} WHERE rowid >= ?", [start])
        con.execute(f"INSERT INTO {table} SELECT * FROM _pr_tail")
        con.execute("DROP TABLE _pr_tail")


@contextmanager
def _uncapped(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """DuckDB's own memory limit for the block, the session's again after it."""
    row = con.execute("SELECT current_setting('memory_limit')").fetchone()
    # RESET alone changes the setting's value but not the buffer pool's limit
    # (DuckDB 1.5): set the default it reports explicitly.
    con.execute("RESET memory_limit")
    default = con.execute("SELECT current_setting('memory_limit')").fetchone()
    if default is not None:
        con.execute("SET memory_limit = ?", [str(default[0])])
    try:
        yield
    finally:
        if row is not None:
            con.execute("SET memory_limit = ?", [str(row[0])])


def compact_tails(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Merge each table's small trailing row groups at the first level where
    :data:`MAX_TAIL` have built up (one merge per table and call); returns the
    groups merged per table."""
    merged: dict[str, int] = {}
    for table, levels in LEVELS.items():
        for small in levels:
            start, groups = tail(con, table, small)
            if groups < MAX_TAIL:
                continue
            try:
                _merge(con, table, start)
            except duckdb.Error as exc:
                if not is_out_of_memory(exc):
                    raise
                # A tail of large pages can outgrow a batch session's capped buffer
                # pool (BATCH_SETTINGS); it only grows, so failing here would fail
                # every later run too. Rolled back: once more as the gateway retries
                # a big batch, with DuckDB's own limit.
                with _uncapped(con):
                    _merge(con, table, start)
                    # Under the cap again, the closing checkpoint failed on these
                    # rows (silently) and left them all in the WAL, replayed at
                    # every later open.
                    con.execute("CHECKPOINT")
            merged[table] = merged.get(table, 0) + groups
            # The emptied groups stay until the session's checkpoint, and a
            # larger level would count them and rewrite the same rows again
            # (each rewrite leaving its deleted copies in the new group).
            break
    return merged
