"""Building the story sidecar from DuckDB in bounded steps (see :mod:`warehouse.story_sidecar`).

A first build at 1M articles copies 32M band rows, 6M paragraph rows and 1M
members, and it runs inside a write batch: done in one go it held the
warehouse for minutes. So it is spread over batches, and no step copies a
share that grows with the warehouse:

- **Start.** ``S``, the highest committed seq, and the id key of the member
  there are recorded, with the number of ranges ``K`` that makes each band-key
  range about :data:`BAND_ROWS` rows and each seq range at most
  :data:`MEMBER_ROWS` seqs.
- **One range per batch.** The band rows with ``seq <= S`` and a key in the
  next band-key range are copied in key order, and the members in the next
  seq range of ``(0, S]``, as committed then, with the paragraph counts they
  make; the range counter moves on in the same SQLite transaction (WAL): a
  killed writer loses at most that step, and the next batch does it again.
  Rows with ``seq <= S`` are never added later (new rows get higher seqs), so
  no range misses a row; one taken out after it was copied is a stale row,
  which lookups ignore (bands) or the catch-up replaces (members, below).
- **Paragraph counts are the members'**: each count is the number of the
  sidecar's members carrying the paragraph, as in DuckDB (and as a rebuild
  fills the sidecar), so they never need a snapshot of ``story_paragraphs``
  (whose rows are count changes, appended: :mod:`warehouse.story_rows`).
- **Finish** (in the batch of the last range): the high-water mark is set to
  ``S``; the sidecar then catches up as usual on the rows above ``S``
  (committed during the build), which also drops the copied members
  re-clustered since and their paragraphs.

Until it is finished, the sidecar answers no lookup: the batch uses DuckDB
scans (correct, slower at scale). Rows are streamed from DuckDB in Arrow
batches.
"""

from __future__ import annotations

import sqlite3
import struct
from collections import Counter
from collections.abc import Iterator
from typing import Any

import duckdb

BAND_ROWS = 2_000_000  # band rows per range: one range per batch
MEMBER_ROWS = 100_000  # at most this many seqs (members) per range
_ARROW_ROWS = 100_000
_LOW = -(2**63)
_SPAN = 2**64
# "bm": members are copied with the ranges (an unfinished build without it is of
# the older format, which copied them at the end: it is started again).
_KEYS = ("bseq", "bfp", "bat", "bnext", "bk", "bm")
MEMBERS_INDEX = "CREATE INDEX IF NOT EXISTS members_id ON members (id_key)"


def _stream(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> Iterator[list[Any]]:
    """The rows of ``sql`` as lists of column values, a record batch at a time."""
    reader = con.execute(sql, params).to_arrow_reader(_ARROW_ROWS)
    for batch in reader:
        yield [col.to_pylist() for col in batch.columns]


def state(db: sqlite3.Connection) -> dict[str, int] | None:
    """The build in progress (S; id key and assignment time of the member there;
    next range; ranges), or None. KeyError: an unfinished build of another format."""
    marks = ", ".join("?" * len(_KEYS))
    rows = dict(db.execute(f"SELECT k, v FROM meta WHERE k IN ({marks})", _KEYS).fetchall())
    if rows and len(rows) != len(_KEYS):
        raise KeyError("an unfinished build of another format")
    return {k: int(v) for k, v in rows.items()} if rows else None


def start(db: sqlite3.Connection, con: duckdb.DuckDBPyConnection) -> None:
    """Record a new build in the (empty, schema-only) sidecar."""
    row = con.execute("SELECT seq, id_key, epoch_us(assigned_at) FROM story_members "
                      "ORDER BY seq DESC LIMIT 1").fetchone()
    seq, fp, at = (int(row[0]), int(row[1]), int(row[2])) if row else (0, 0, 0)
    count = con.execute("SELECT count(*) FROM story_bands").fetchone()
    ranges = max(1, -(-int(count[0] if count else 0) // BAND_ROWS), -(-seq // MEMBER_ROWS))
    db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                   [("hw", 0), ("fp", 0), ("at", 0), ("bseq", seq), ("bfp", fp), ("bat", at),
                    ("bnext", 0), ("bk", ranges), ("bm", 1)])


def step(db: sqlite3.Connection, con: duckdb.DuckDBPyConnection) -> bool:
    """Copy the next band-key range and seq range; finish after the last. True when finished."""
    st = state(db)
    assert st is not None, "no build in progress"
    i, k, seq = st["bnext"], st["bk"], st["bseq"]
    lo = _LOW + i * _SPAN // k
    upper = "" if i == k - 1 else f" AND band_key < {_LOW + (i + 1) * _SPAN // k}"
    db.execute("BEGIN")
    try:
        for keys, seqs in _stream(con, "SELECT band_key, seq FROM story_bands WHERE seq <= ? "
                                  f"AND band_key >= {lo}{upper} ORDER BY band_key, seq",
                                  [st["bseq"]]):
            db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)",
                           zip(keys, seqs, strict=True))
        _members(db, con, i * seq // k, (i + 1) * seq // k)
        db.execute("UPDATE meta SET v = ? WHERE k = 'bnext'", (i + 1,))
        if i + 1 == k:
            _finish(db, st)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return i + 1 == k


def _members(db: sqlite3.Connection, con: duckdb.DuckDBPyConnection, after: int,
             upto: int) -> None:
    """The members with ``after < seq <= upto`` as committed now, and their paragraphs
    added to the counts (in key order: one pass over the B-tree)."""
    counts: Counter[tuple[str, int]] = Counter()
    for seqs, ids, contents, sources, paras in _stream(
            con, "SELECT seq, id_key, content_key, source, paragraphs FROM story_members "
            "WHERE seq > ? AND seq <= ? ORDER BY seq", [after, upto]):
        db.executemany("INSERT INTO members VALUES (?, ?, ?, ?, ?)",
                       zip(seqs, ids, contents, sources,
                           [struct.pack(f"<{len(p)}q", *p) for p in paras], strict=True))
        for source, hashes in zip(sources, paras, strict=True):
            counts.update((source, h) for h in hashes)
    db.executemany("INSERT INTO paras VALUES (?, ?, ?) ON CONFLICT DO UPDATE "
                   "SET docs = docs + excluded.docs",
                   sorted((s, h, n) for (s, h), n in counts.items()))


def _finish(db: sqlite3.Connection, st: dict[str, int]) -> None:
    """The high-water mark at S (the caller catches up)."""
    db.executemany("DELETE FROM meta WHERE k = ?", [(k,) for k in _KEYS])
    db.executemany("UPDATE meta SET v = ? WHERE k = ?",
                   [(st["bseq"], "hw"), (st["bfp"], "fp"), (st["bat"], "at")])
