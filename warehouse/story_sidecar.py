"""Where a batch finds its story candidates: an index beside the warehouse.

DuckDB keeps no usable index on ``story_bands`` and ``story_paragraphs``, so
looking a batch's band keys and paragraph hashes up there scans tables that
grow with the warehouse (32 and 6 rows per article: 2.0 s and 0.4 s per batch
at 1M articles, see docs/BENCHMARKS.md). :class:`Sidecar` keeps the same
rows in SQLite B-trees in ``<stem>.stories.sqlite`` beside ``<stem>.duckdb``,
so a lookup costs a few index probes whatever the size.

It is a derived cache; DuckDB stays the source of truth:

- **Only committed rows.** A batch's story rows are held in memory
  (:meth:`Sidecar.wrote`) and absorbed once its DuckDB transaction has
  committed (:meth:`Sidecar.committed`, called by
  :func:`warehouse.writes.write_batch`); a batch that rolls back drops them.
  Before a batch's lookups (inside its write transaction, before it writes any
  story row), the sidecar also absorbs any DuckDB rows with ``seq`` above its
  high-water mark: rows committed without it (a writer killed between the two
  commits, a batch clustered by scans, a warehouse written without the
  sidecar). It never holds what DuckDB has not committed, so a crash or a
  rollback cannot leave it ahead. ``seq`` only grows (each batch numbers its
  articles after the committed maximum, read before any take-out), so that
  read touches only the newest row groups (zone maps on ``seq``); when nothing
  is new it is one query, which on opening also serves the check below.
- **Checked.** It records the id key and ``assigned_at`` of the member at its
  high-water mark. The warehouse must hold that member at that ``seq``, or (it
  was re-clustered since) hold it at a higher ``seq`` with other content; else
  the file is not one of this warehouse's states (a restored backup, a rebuild
  by another program, another warehouse's sidecar copied or symlinked in) and
  it is rebuilt. So is a missing, truncated or unreadable file (one line on
  stderr). A path that cannot be used or removed (a directory) leaves batches
  clustered by DuckDB scans, one line each.
- **Harmless when stale.** A re-clustered article's old band rows stay in the
  sidecar; candidates are always confirmed against their signatures read
  from DuckDB by ``seq``, and a ``seq`` no longer there is no candidate.
- **One writer.** It is written only inside a write transaction of the
  read-write DuckDB connection, which one process holds at a time.
- **Built in steps.** A missing or rejected sidecar is built over several
  batches, a bounded share per batch (:mod:`warehouse.story_build`); until it
  is finished those batches look up by DuckDB scans.

:class:`warehouse.story_lookup.ScanLookup` is the same interface over DuckDB
scans (a warehouse in memory, or a sidecar that cannot be created). ``pressroom
stories --rebuild`` fills a fresh sidecar as it replays and puts it in place after
the commit; when that one fails, the rebuild rolls back and runs again by scans
(one line).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb

from warehouse import story_build
from warehouse.connection import real_file
from warehouse.leftovers import scratch_path
from warehouse.story_lookup import Member, ScanLookup

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS members (
    seq INTEGER PRIMARY KEY, id_key INTEGER NOT NULL, content_key INTEGER NOT NULL,
    source TEXT NOT NULL, paras BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS bands (
    band_key INTEGER NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY (band_key, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS paras (
    source TEXT NOT NULL, para_hash INTEGER NOT NULL, docs INTEGER NOT NULL,
    PRIMARY KEY (source, para_hash)) WITHOUT ROWID;
"""
_INDEXES = (story_build.MEMBERS_INDEX,)
# A member as read from DuckDB: seq, id key, content key, source, paragraphs, assigned_at (µs).
_Row = tuple[int, int, int, str, list[int], int]
_IN_CHUNK = 500


def sidecar_path(db_path: str | Path) -> Path:
    """``x.duckdb`` → ``x.stories.sqlite`` (beside a symlink's file, not the link)."""
    db = real_file(db_path)
    return db.with_name(f"{db.stem}.stories.sqlite")


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), _IN_CHUNK):
        yield values[i : i + _IN_CHUNK]


def _pack(paras: Sequence[int]) -> bytes:
    return struct.pack(f"<{len(paras)}q", *paras)


def _unpack(data: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{len(data) // 8}q", data)


class Sidecar:
    """The SQLite index of one warehouse file (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._inode = 0
        self._scan: ScanLookup | None = None  # while a build is unfinished
        # Rows the open write transaction stored: taken once it commits.
        self._staged: tuple[list[Member], list[tuple[int, int]], int] | None = None

    # -- file ---------------------------------------------------------------

    def _connect(self, *, journal: str = "WAL") -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        db.execute(f"PRAGMA journal_mode = {journal}")
        # A cache: a write lost to a power cut is caught up again (or the file
        # rebuilt); WAL survives a killed process and spares a journal file per batch.
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -65536")
        self._inode = self.path.stat().st_ino
        return db

    def close(self) -> None:
        """Close the SQLite connection (the file stays)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def discard(self) -> None:
        """Close and delete the file (a path that cannot be removed, such as a
        directory, is left as it is)."""
        self.close()
        for p in [self.path] + [self.path.with_name(self.path.name + x)
                                for x in ("-journal", "-wal", "-shm")]:
            with contextlib.suppress(OSError):
                p.unlink(missing_ok=True)

    @staticmethod
    def _meta(db: sqlite3.Connection) -> tuple[int, int, int]:
        """(high-water seq, id key and assignment time (epoch µs) of the member there)."""
        rows = dict(db.execute("SELECT k, v FROM meta").fetchall())
        return int(rows["hw"]), int(rows["fp"]), int(rows["at"])

    # -- catching up ----------------------------------------------------------

    def prepare(self, con: duckdb.DuckDBPyConnection) -> int:
        """Open (building it from DuckDB if needed, a step per batch) and absorb newly
        committed rows; while the build is unfinished, lookups are DuckDB scans."""
        try:
            return self._catch_up(con)
        except (sqlite3.Error, OSError) as exc:
            self.discard()
            if os.path.lexists(self.path):
                raise OSError(f"{self.path} can be neither used nor removed ({exc})") from exc
            print(f"story index {self.path}: {exc}; rebuilding it from the warehouse",
                  file=sys.stderr)
            return self._catch_up(con)

    def _catch_up(self, con: duckdb.DuckDBPyConnection) -> int:
        self._staged = None
        if self._db is not None and not self._same_file():
            self.close()  # replaced by a rebuild through another Warehouse
        opened = self._open(con) if self._db is None else None
        assert self._db is not None
        self._scan = None
        if story_build.state(self._db) is not None and not story_build.step(self._db, con):
            self._scan = ScanLookup()  # unfinished: this batch looks up by scans
            return self._scan.prepare(con)
        hw, _, _ = self._meta(self._db)
        if opened is not None and opened[0] == hw:  # read by the check on opening
            new = [r for r in opened[1] if r[0] > hw]
        else:
            new = _members_from(con, hw + 1)
        if new:
            bands = [(int(k), int(q)) for k, q in con.execute(
                "SELECT band_key, seq FROM story_bands WHERE seq > ?", [hw]).fetchall()]
            self.absorb([r[:5] for r in new], bands, stamp=new[-1][5])
            return new[-1][0]
        return hw

    def _open(self, con: duckdb.DuckDBPyConnection) -> tuple[int, list[_Row]] | None:
        """Open the file, or start a build of a new one when it is missing, incomplete or
        of another state of the warehouse. When a complete file is kept: its high-water
        mark and the members from there on that the check read (the catch-up's rows)."""
        fresh = not self.path.exists()
        self._db = self._connect()
        meta = None if fresh else self._open_meta(self._db)
        if meta is None:
            if not fresh:
                print(f"story index {self.path} is incomplete; rebuilding it", file=sys.stderr)
            self._build(con)
            return None
        if not meta[0]:
            return None
        rows = self._matches(con, *meta)
        if rows is None:
            print(f"story index {self.path} does not match the warehouse; rebuilding it",
                  file=sys.stderr)
            self._build(con)
            return None
        return meta[0], rows

    def _matches(self, con: duckdb.DuckDBPyConnection, hw: int, fp: int, at: int
                 ) -> list[_Row] | None:
        """Whether the warehouse is in a state this file was caught up to: its member
        at ``hw`` is there (same id, same assignment time), or was re-clustered since
        (the id at a higher seq with other content, nothing left at ``hw``). Mid-build:
        the member that was last when the build began; if it moved, the build restarts.
        None when it does not match, else the members from ``hw`` on: one read for
        the check and the catch-up (mid-build, the rows committed during the build)."""
        rows = _members_from(con, hw)
        if rows and rows[0][0] == hw:
            return rows if (rows[0][1], rows[0][5]) == (fp, at) else None
        assert self._db is not None
        mine = self._db.execute("SELECT content_key FROM members WHERE seq = ?",
                                (hw,)).fetchone()
        moved = next((r[2] for r in rows if r[1] == fp), None)
        return rows if mine is not None and moved not in (None, int(mine[0])) else None

    def stamp(self, con: duckdb.DuckDBPyConnection) -> None:
        """Record the assignment time of the member at the high-water mark (after a
        rebuild filled this file through :meth:`absorb`)."""
        assert self._db is not None
        hw, _, _ = self._meta(self._db)
        self._db.execute("INSERT OR REPLACE INTO meta VALUES ('at', ?)",
                         (_assigned_at(con, hw),))

    def _same_file(self) -> bool:
        try:
            return self.path.stat().st_ino == self._inode
        except FileNotFoundError:
            return False

    def _open_meta(self, db: sqlite3.Connection) -> tuple[int, int, int] | None:
        """The meta of a complete, untruncated file, else None."""
        try:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the file holds every page
            pages = db.execute("PRAGMA page_count").fetchone()[0]
            size = db.execute("PRAGMA page_size").fetchone()[0]
            if self.path.stat().st_size < pages * size:
                return None
            db.execute("SELECT count(*) FROM (SELECT 1 FROM bands LIMIT 1)").fetchone()
            build = story_build.state(db)
            return (build["bseq"], build["bfp"], build["bat"]) if build else self._meta(db)
        except (sqlite3.Error, KeyError):
            return None

    def _build(self, con: duckdb.DuckDBPyConnection) -> None:
        """Start a new file and a build of it from DuckDB (steps: :mod:`story_build`)."""
        self.discard()
        self._db = db = self._connect()
        db.executescript(_SCHEMA)
        for sql in _INDEXES:  # members come a range per step: the index grows with them
            db.execute(sql)
        story_build.start(db, con)

    def start_empty(self) -> None:
        """A new, empty sidecar (for a rebuild that fills it as it goes)."""
        self.discard()
        self._db = db = self._connect()
        db.executescript(_SCHEMA)
        for sql in _INDEXES:
            db.execute(sql)
        db.executemany("INSERT INTO meta VALUES (?, ?)", [("hw", 0), ("fp", 0), ("at", 0)])

    def absorb(self, members: Sequence[Member], bands: Sequence[tuple[int, int]],
               stamp: int = 0) -> None:
        """Add members (in seq order) and their bands; an earlier member with the
        same id (re-clustered since) stops counting towards its paragraphs.
        ``stamp``: the last member's assignment time (epoch µs), when known."""
        db = self._db
        if db is None or not members:
            return
        delta: Counter[tuple[str, int]] = Counter()
        with self._transaction(db):
            old = self._rows("SELECT seq, source, paras FROM members WHERE id_key IN ({marks})",
                             [m[1] for m in members])
            for _, source, paras in old:
                delta.subtract((source, h) for h in _unpack(paras))
            db.executemany("DELETE FROM members WHERE seq = ?", [(q,) for q, _, _ in old])
            db.executemany("INSERT INTO members VALUES (?, ?, ?, ?, ?)",
                           [(q, i, c, s, _pack(p)) for q, i, c, s, p in members])
            for _, _, _, source, paras in members:
                delta.update((source, h) for h in paras)
            db.executemany("INSERT INTO paras VALUES (?, ?, ?) ON CONFLICT DO UPDATE "
                           "SET docs = docs + excluded.docs",
                           [(s, h, n) for (s, h), n in delta.items() if n])
            db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)", bands)
            db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                           [("hw", members[-1][0]), ("fp", members[-1][1]), ("at", stamp)])

    def wrote(self, members: Sequence[Member], bands: Sequence[tuple[int, int]],
              stamp: int) -> None:
        """Hold the batch's rows until its transaction commits (not while a build is
        unfinished: the build and the catch-up after it take them)."""
        if self._db is None or self._scan is not None or not members:
            return
        held = self._staged or ([], [], 0)
        self._staged = (held[0] + list(members), held[1] + list(bands), stamp)

    def committed(self) -> None:
        """Absorb the rows held for the transaction that just committed, so the next batch
        finds nothing to catch up on. A failure leaves the file behind DuckDB, never
        ahead: one line on stderr, and the next batch catches up."""
        staged, self._staged = self._staged, None
        if staged is None or self._db is None:
            return
        try:
            self.absorb(*staged)
        except (sqlite3.Error, OSError) as exc:
            print(f"story index {self.path}: {exc}; the next batch catches up",
                  file=sys.stderr)
            self.close()

    def forget(self) -> None:
        """Drop rows held for a transaction that did not commit."""
        self._staged = None

    @staticmethod
    @contextlib.contextmanager
    def _transaction(db: sqlite3.Connection) -> Iterator[None]:
        db.execute("BEGIN")
        try:
            yield
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    # -- lookups --------------------------------------------------------------

    def _rows(self, sql: str, values: Sequence[Any], *first: Any) -> list[tuple[Any, ...]]:
        """``sql`` run per chunk of ``values`` (its ``{marks}``), after the ``first`` values."""
        if self._db is None:  # discarded after a failure: the caller's SidecarFailed
            raise sqlite3.ProgrammingError(f"{self.path} is closed")
        out: list[tuple[Any, ...]] = []
        for part in _chunks(values):
            marks = ", ".join("?" * len(part))
            out.extend(self._db.execute(sql.format(marks=marks), [*first, *part]).fetchall())
        return out

    def stored(self, con: duckdb.DuckDBPyConnection, ids: Sequence[int]) -> dict[int, int]:
        if self._scan is not None:
            return self._scan.stored(con, ids)
        return {int(i): int(c) for i, c in self._rows(
            "SELECT id_key, content_key FROM members WHERE id_key IN ({marks})",
            sorted(set(ids)))}

    def seqs(self, con: duckdb.DuckDBPyConnection, ids: Sequence[int]) -> list[int]:
        if self._scan is not None:
            return self._scan.seqs(con, ids)
        return [int(q) for (q,) in self._rows(  # the members_id B-tree
            "SELECT seq FROM members WHERE id_key IN ({marks})", sorted(set(ids)))]

    def bands(self, con: duckdb.DuckDBPyConnection, keys: set[int]) -> list[tuple[int, int]]:
        if self._scan is not None:
            return self._scan.bands(con, keys)
        return [(int(k), int(q)) for k, q in self._rows(
            "SELECT band_key, seq FROM bands WHERE band_key IN ({marks})", sorted(keys))]

    def paragraph_counts(self, con: duckdb.DuckDBPyConnection, pairs: set[tuple[str, int]]
                         ) -> dict[tuple[str, int], int]:
        if self._scan is not None:
            return self._scan.paragraph_counts(con, pairs)
        by_source: dict[str, list[int]] = {}
        for source, h in pairs:
            by_source.setdefault(source, []).append(h)
        out: dict[tuple[str, int], int] = {}
        for source, hashes in by_source.items():  # a query per 500 hashes, not per pair
            for h, n in self._rows("SELECT para_hash, docs FROM paras WHERE source = ? "
                                   "AND para_hash IN ({marks})", sorted(hashes), source):
                out[(source, int(h))] = int(n)
        return out


def _members_from(con: duckdb.DuckDBPyConnection, seq: int) -> list[_Row]:
    """The members with ``seq`` or above, in seq order, with their assignment time
    (zone maps on ``seq``: only the newest row groups are read)."""
    return [(int(q), int(i), int(c), str(s), list(p), int(t)) for q, i, c, s, p, t in con.execute(
        "SELECT seq, id_key, content_key, source, paragraphs, epoch_us(assigned_at) "
        "FROM story_members WHERE seq >= ? ORDER BY seq", [seq]).fetchall()]


def _assigned_at(con: duckdb.DuckDBPyConnection, seq: int) -> int:
    """``assigned_at`` (epoch µs) of the member at ``seq``; 0 when there is none."""
    row = con.execute("SELECT epoch_us(assigned_at) FROM story_members WHERE seq = ?",
                      [seq]).fetchone()
    return int(row[0]) if row else 0


def staged_path(path: Path) -> Path:
    """Where a rebuild fills its new sidecar before putting it in place."""
    return scratch_path(path, ".rebuild-")
