"""A batch's story rows in DuckDB: storing them, taking out the re-clustered.

:mod:`warehouse.story_index` decides which story each article joins; this
module writes what it decided into ``story_members``, ``story_bands`` and
``story_paragraphs`` (007_stories.sql), inside the batch's transaction, with
as few statements as the rows need (a registration and a statement per table
that has rows).

``story_paragraphs`` is written by appending only: a row carries a change of
a paragraph's document count (+n for the documents a batch adds, -n for those
a re-clustered article takes away), and a paragraph's count is the sum of its
rows (a warehouse written before holds one row per paragraph: the same sums).
Updating a count in place was an ``UPDATE ... FROM`` joined with every row of
the table (no index): 150-900 ms per batch at 1M articles (6M rows), paid by
nearly every batch of real pages, whose boilerplate paragraphs recur.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import duckdb
import pyarrow as pa

from warehouse.keys import key
from warehouse.story_lookup import registered
from warehouse.txn import registered as registered_tables

_TS = pa.timestamp("us", tz="UTC")


def epoch_us(at: datetime) -> int:
    """``at`` as ``assigned_at`` stores it (``epoch_us(assigned_at)`` in DuckDB)."""
    return int(pa.array([at], _TS).cast(pa.int64())[0].as_py())


def taken_out_paragraphs(con: duckdb.DuckDBPyConnection, ids: Sequence[int]
                         ) -> Counter[tuple[str, int]]:
    """Paragraph counts the stored members with id keys ``ids`` contribute (they are
    re-clustered)."""
    out: Counter[tuple[str, int]] = Counter()
    for source, paras in registered(
            con, "_pr_story_redo", "id_key", ids,
            "SELECT source, paragraphs FROM story_members WHERE id_key IN "
            "(SELECT id_key FROM _pr_story_redo)"):
        out.update((str(source), int(h)) for h in paras)
    return out


def take_out(con: duckdb.DuckDBPyConnection, ids: Sequence[int]) -> dict[str, str]:
    """Remove the stored rows of the members with id keys ``ids``; the story each of
    them was in (a story's first copy is in the story of its own id)."""
    redo = {"_pr_story_redo": pa.table({"id_key": pa.array(ids, pa.int64())})}
    with registered_tables(con, redo):
        before = {str(a): str(s) for a, s in con.execute(
            "SELECT article_id, story_id FROM story_members WHERE id_key IN "
            "(SELECT id_key FROM _pr_story_redo)").fetchall()}
        # A re-clustered article no longer counts towards its old paragraphs.
        con.execute(
            "INSERT INTO story_paragraphs (source, para_hash, docs) "
            "SELECT source, para_hash, -count(*) FROM ("
            "  SELECT source, unnest(paragraphs) AS para_hash FROM story_members"
            "  WHERE id_key IN (SELECT id_key FROM _pr_story_redo)) GROUP BY ALL")
        con.execute("DELETE FROM story_bands WHERE seq IN (SELECT seq FROM story_members "
                    "WHERE id_key IN (SELECT id_key FROM _pr_story_redo))")
        con.execute("DELETE FROM story_members WHERE id_key IN "
                    "(SELECT id_key FROM _pr_story_redo)")
    return before


def rename_left(con: duckdb.DuckDBPyConnection, root: str) -> None:
    """``root``, a story's first copy, left the story: the story takes the id of its
    earliest remaining copy, as a rebuild names it (else ``root``, re-clustered as a
    story of its own under its own id, would stay in the story it left)."""
    con.execute("UPDATE story_members SET story_id = (SELECT article_id FROM story_members "
                "WHERE story_id = $r AND article_id <> $r ORDER BY seq LIMIT 1) "
                "WHERE story_id = $r AND article_id <> $r", {"r": root})


def store(con: duckdb.DuckDBPyConnection, members: list[tuple[Any, ...]],
          bands: list[tuple[int, str, int]], counts: dict[tuple[str, int], int],
          before: dict[tuple[str, int], int]) -> None:
    """Insert the batch's members, band rows and the changes of the paragraph counts
    (``counts`` against ``before``, the counts it read)."""
    cols = list(zip(*members, strict=True))
    tables = {"_pr_sm": pa.table(
        {"article_id": pa.array(cols[0], pa.string()), "story_id": pa.array(cols[1], pa.string()),
         "seq": pa.array(cols[2], pa.int64()), "source": pa.array(cols[3], pa.string()),
         "content_hash": pa.array(cols[4], pa.string()),
         "n_shingles": pa.array(cols[5], pa.int32()), "minhash": pa.array(cols[6], pa.binary()),
         "paragraphs": pa.array(cols[7], pa.list_(pa.int64())),
         "assigned_at": pa.array(cols[8], _TS),
         "id_key": pa.array([key(a) for a in cols[0]], pa.int64()),
         "content_key": pa.array([key(h) for h in cols[4]], pa.int64())})}
    if bands:
        tables["_pr_sb"] = pa.table({"band_key": pa.array([b[0] for b in bands], pa.int64()),
                                     "article_id": pa.array([b[1] for b in bands], pa.string()),
                                     "seq": pa.array([b[2] for b in bands], pa.int64())})
    changes = {k: v - before.get(k, 0) for k, v in counts.items() if v != before.get(k, 0)}
    if changes:
        tables["_pr_sp"] = pa.table(
            {"source": pa.array([k[0] for k in changes], pa.string()),
             "para_hash": pa.array([k[1] for k in changes], pa.int64()),
             "docs": pa.array(list(changes.values()), pa.int32())})
    with registered_tables(con, tables):  # only the tables with rows (~1 ms each)
        con.execute("INSERT INTO story_members BY NAME SELECT * FROM _pr_sm")
        if bands:
            con.execute("INSERT INTO story_bands BY NAME SELECT * FROM _pr_sb")
        if changes:
            con.execute("INSERT INTO story_paragraphs BY NAME SELECT * FROM _pr_sp")
