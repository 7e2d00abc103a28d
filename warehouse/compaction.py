"""Few row groups in the small-row tables that every run appends to.

DuckDB 1.5 gives each session's append to a checkpointed table a row group of
its own, and merges such groups only when a checkpoint vacuums, which our
writers turn off (:data:`warehouse.connection.WRITER_SETTINGS`: vacuum rewrote
the page archive whole). A run every 15 minutes therefore added row groups
without end, and every lookup and every closing checkpoint walks them: over
120 soak runs a run's CPU in the ingest process grew from 0.67 to 1.04 s
(docs/BENCHMARKS.md, "Row groups over months").

:func:`compact_tails` rewrites the run of small row groups at the end of each
table below as one group, in one transaction: the same rows, fewer groups; the
emptied groups are dropped by the checkpoint that closes the session. A table
is rewritten only once it has :data:`MAX_TAIL` small groups, and only its tail
(groups under :data:`SMALL_GROUP` rows), so the cost per run stays bounded.

Left alone: ``pages`` and ``article_versions`` (large rows, whose rewrite would
cost what vacuum did; article text is never rewritten), and the tables with a
primary key, whose appends DuckDB already adds to their last row group.
"""

from __future__ import annotations

import duckdb

from warehouse.txn import transaction

TABLES = ("fetch_log", "seen_urls", "article_state", "story_members", "story_paragraphs")
SMALL_GROUP = 16_384  # rows: a group at least this big ends a table's tail
MAX_TAIL = 32  # small groups at a table's end before they are merged into one

_GROUPS_SQL = """
SELECT row_group_id, sum(count) FROM pragma_storage_info(?)
WHERE column_id = 0 AND column_path = '[0]' GROUP BY row_group_id ORDER BY row_group_id
"""


def tail(con: duckdb.DuckDBPyConnection, table: str) -> tuple[int, int]:
    """``(first row id, number of groups)`` of the small row groups ending ``table``.

    Row ids are positions: a group starts where the groups before it end,
    deleted rows included.
    """
    counts = [int(n) for _, n in con.execute(_GROUPS_SQL, [table]).fetchall()]
    start = sum(counts)
    groups = 0
    for n in reversed(counts):
        if n >= SMALL_GROUP:
            break
        start -= n
        groups += 1
    return start, groups


def compact_tails(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Merge each table's small trailing row groups once there are :data:`MAX_TAIL`
    of them; returns the groups merged per table (none: an empty dict)."""
    merged: dict[str, int] = {}
    for table in TABLES:
        start, groups = tail(con, table)
        if groups < MAX_TAIL:
            continue
        with transaction(con):
            con.execute(f"CREATE TEMP TABLE _pr_tail AS SELECT * FROM {table} WHERE rowid >= ? "
                        "ORDER BY rowid", [start])  # appended in time order: keep it
            con.execute(f"DELETE FROM {table} WHERE rowid >= ?", [start])
            con.execute(f"INSERT INTO {table} SELECT * FROM _pr_tail")
            con.execute("DROP TABLE _pr_tail")
        merged[table] = groups
    return merged
