"""Building the story sidecar from DuckDB in bounded steps (see :mod:`warehouse.story_sidecar`).

A first build at 1M articles copies 32M band rows, 6M paragraph rows and 1M
members, and it runs inside a write batch: done in one go it held the
warehouse for minutes. So it is spread over batches:

- **Start.** ``S``, the highest committed seq, and the id key of the member
  there are recorded, with the number of band-key ranges ``K`` that makes
  each range about :data:`BAND_ROWS` rows.
- **One range per batch.** The band rows with ``seq <= S`` and a key in the
  next range are copied in key order, so the SQLite B-tree is appended to,
  and the range counter moves on in the same SQLite transaction (WAL): a
  killed writer loses at most that range, and the next batch copies it again
  (``INSERT OR IGNORE``). Band rows with ``seq <= S`` are never added later
  (new rows get higher seqs), so no range misses a row; one taken out after
  it was copied is a stale row, which lookups already ignore.
- **Finish** (in the batch of the last range): the members and paragraph
  counts as committed now, and the band rows above ``S``, in one transaction,
  then the high-water mark: from there on the sidecar is caught up as before.

Until it is finished, the sidecar answers no lookup: the batch uses DuckDB
scans (correct, slower at scale). Rows are streamed from DuckDB in Arrow
batches.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Iterator
from typing import Any

import duckdb

BAND_ROWS = 2_000_000  # band rows per range: one range per batch
_ARROW_ROWS = 100_000
_LOW = -(2**63)
_SPAN = 2**64
_KEYS = ("bseq", "bfp", "bat", "bnext", "bk")
MEMBERS_INDEX = "CREATE INDEX IF NOT EXISTS members_id ON members (id_key)"


def _stream(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> Iterator[list[Any]]:
    """The rows of ``sql`` as lists of column values, a record batch at a time."""
    reader = con.execute(sql, params).to_arrow_reader(_ARROW_ROWS)
    for batch in reader:
        yield [col.to_pylist() for col in batch.columns]


def state(db: sqlite3.Connection) -> dict[str, int] | None:
    """The build in progress (S; id key and assignment time of the member there;
    next range; ranges), or None."""
    rows = dict(db.execute("SELECT k, v FROM meta WHERE k IN (?, ?, ?, ?, ?)", _KEYS
                           ).fetchall())
    return {k: int(v) for k, v in rows.items()} if len(rows) == len(_KEYS) else None


def start(db: sqlite3.Connection, con: duckdb.DuckDBPyConnection) -> None:
    """Record a new build in the (empty, schema-only) sidecar."""
    row = con.execute("SELECT seq, id_key, epoch_us(assigned_at) FROM story_members "
                      "ORDER BY seq DESC LIMIT 1").fetchone()
    seq, fp, at = (int(row[0]), int(row[1]), int(row[2])) if row else (0, 0, 0)
    count = con.execute("SELECT count(*) FROM story_bands").fetchone()
    ranges = max(1, -(-int(count[0] if count else 0) // BAND_ROWS))
    db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                   [("hw", 0), ("fp", 0), ("at", 0), ("bseq", seq), ("bfp", fp), ("bat", at),
                    ("bnext", 0), ("bk", ranges)])


def step(db: sqlite3.Connection, con: duckdb.DuckDBPyConnection) -> bool:
    """Copy the next band-key range; finish after the last. True when finished."""
    st = state(db)
    assert st is not None, "no build in progress"
    i, k = st["bnext"], st["bk"]
    lo = _LOW + i * _SPAN // k
    upper = "" if i == k - 1 else f" AND band_key < {_LOW + (i + 1) * _SPAN // k}"
    db.execute("BEGIN")
    try:
        for keys, seqs in _stream(con, "SELECT band_key, seq FROM story_bands WHERE seq <= ? "
                                  f"AND band_key >= {lo}{upper} ORDER BY band_key, seq",
                                  [st["bseq"]]):
            db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)",
                           zip(keys, seqs, strict=True))
        db.execute("UPDATE meta SET v = ? WHERE k = 'bnext'", (i + 1,))
        if i + 1 == k:
            _finish(db, con, st["bseq"])
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return i + 1 == k


def _finish(db: sqlite3.Connection, con: duckdb.DuckDBPyConnection, seq: int) -> None:
    """Members, paragraph counts and late band rows as committed now; the high-water mark."""
    hw = fp = 0
    for seqs, ids, contents, sources, paras in _stream(
            con, "SELECT seq, id_key, content_key, source, paragraphs FROM story_members "
            "ORDER BY seq", []):
        db.executemany("INSERT INTO members VALUES (?, ?, ?, ?, ?)",
                       zip(seqs, ids, contents, sources,
                           [struct.pack(f"<{len(p)}q", *p) for p in paras], strict=True))
        hw, fp = int(seqs[-1]), int(ids[-1])
    db.execute(MEMBERS_INDEX)  # after the rows: one sort, not a random insert per row
    for sources, hashes, docs in _stream(
            con, "SELECT source, para_hash, docs FROM story_paragraphs "
            "ORDER BY source, para_hash", []):
        db.executemany("INSERT OR REPLACE INTO paras VALUES (?, ?, ?)",
                       zip(sources, hashes, docs, strict=True))
    for keys, seqs in _stream(con, "SELECT band_key, seq FROM story_bands WHERE seq > ? "
                              "ORDER BY band_key, seq", [seq]):
        db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)", zip(keys, seqs, strict=True))
    db.executemany("DELETE FROM meta WHERE k = ?", [(k,) for k in _KEYS])
    row = con.execute("SELECT epoch_us(assigned_at) FROM story_members WHERE seq = ?",
                      [hw]).fetchone()
    db.executemany("UPDATE meta SET v = ? WHERE k = ?",
                   [(hw, "hw"), (fp, "fp"), (int(row[0]) if row else 0, "at")])
