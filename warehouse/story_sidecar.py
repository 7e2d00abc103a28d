"""Where a batch finds its story candidates: an index beside the warehouse.

DuckDB keeps no usable index on ``story_bands`` and ``story_paragraphs``, so
looking a batch's band keys and paragraph hashes up there scans tables that
grow with the warehouse (32 and 6 rows per article: 2.0 s and 0.4 s per batch
at 1M articles, see docs/BENCHMARKS.md). :class:`Sidecar` keeps the same
rows in SQLite B-trees in ``<stem>.stories.sqlite`` beside ``<stem>.duckdb``,
so a lookup costs a few index probes whatever the size.

It is a derived cache; DuckDB stays the source of truth:

- **Only committed rows.** Before a batch's lookups (inside its write
  transaction, before the batch writes any story row), the sidecar absorbs the
  DuckDB rows with ``seq`` above its high-water mark: rows committed by earlier
  transactions. It never holds what DuckDB has not committed, so a crash or a
  rollback cannot leave it ahead. ``seq`` only grows (each batch numbers its
  articles after the committed maximum, read before any take-out), so that
  read touches only the newest row groups (zone maps on ``seq``).
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

:class:`ScanLookup` is the same interface over DuckDB scans (a warehouse in
memory, or a sidecar that cannot be created). ``pressroom stories --rebuild``
fills a fresh sidecar as it replays and puts it in place after the commit; when
that one fails, the rebuild rolls back and runs again by scans (one line).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import duckdb
import pyarrow as pa

from warehouse import story_build

# A member as the sidecar keeps it: seq, id key, content key, source, paragraph hashes.
Member = tuple[int, int, int, str, Sequence[int]]

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
_IN_CHUNK = 500


def sidecar_path(db_path: str | Path) -> Path:
    """``x.duckdb`` → ``x.stories.sqlite``."""
    db = Path(db_path)
    return db.with_name(f"{db.stem}.stories.sqlite")


def _registered(con: duckdb.DuckDBPyConnection, name: str, column: str,
                values: Iterable[int], sql: str) -> list[tuple[Any, ...]]:
    con.register(name, pa.table({column: pa.array(sorted(set(values)), pa.int64())}))
    try:
        return con.execute(sql).fetchall()
    finally:
        con.unregister(name)


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), _IN_CHUNK):
        yield values[i : i + _IN_CHUNK]


class Lookup(Protocol):
    """What clustering asks of the stored story rows."""

    def prepare(self, con: duckdb.DuckDBPyConnection) -> int:
        """Get ready for a batch; the highest committed seq."""
        ...

    def stored(self, con: duckdb.DuckDBPyConnection, ids: Sequence[int]) -> dict[int, int]:
        """Content key of each clustered article among ``ids`` (id keys)."""
        ...

    def seqs(self, con: duckdb.DuckDBPyConnection, ids: Sequence[int]) -> list[int]:
        """Seqs of the stored members with one of ``ids`` (id keys; a stale seq may be
        among them: the caller reads the members by seq)."""
        ...

    def bands(self, con: duckdb.DuckDBPyConnection, keys: set[int]) -> list[tuple[int, int]]:
        """(band key, seq) of the stored rows with one of ``keys``."""
        ...

    def paragraph_counts(self, con: duckdb.DuckDBPyConnection, pairs: set[tuple[str, int]]
                         ) -> dict[tuple[str, int], int]:
        """Stored document counts of the given (source, paragraph hash) pairs."""
        ...

    def absorb(self, members: Sequence[Member], bands: Sequence[tuple[int, int]]) -> None:
        """Rows just written by the caller (only a rebuild's private sidecar takes them)."""
        ...


class ScanLookup:
    """The lookups as DuckDB scans (no index: cost grows with the warehouse)."""

    def prepare(self, con: duckdb.DuckDBPyConnection) -> int:
        row = con.execute("SELECT coalesce(max(seq), 0) FROM story_members").fetchone()
        return int(row[0]) if row else 0

    def stored(self, con: duckdb.DuckDBPyConnection, ids: Sequence[int]) -> dict[int, int]:
        return {int(k): int(c) for k, c in _registered(
            con, "_pr_story_ids", "k", ids,
            "SELECT id_key, content_key FROM story_members WHERE id_key IN "
            "(SELECT k FROM _pr_story_ids)")}

    def seqs(self, con: duckdb.DuckDBPyConnection, ids: Sequence[int]) -> list[int]:
        return [int(q) for (q,) in _registered(
            con, "_pr_story_ids", "k", ids,
            "SELECT seq FROM story_members WHERE id_key IN (SELECT k FROM _pr_story_ids)")]

    def bands(self, con: duckdb.DuckDBPyConnection, keys: set[int]) -> list[tuple[int, int]]:
        return [(int(k), int(q)) for k, q in _registered(
            con, "_pr_story_keys", "band_key", keys,
            "SELECT band_key, seq FROM story_bands "
            "WHERE band_key IN (SELECT band_key FROM _pr_story_keys)")]

    def paragraph_counts(self, con: duckdb.DuckDBPyConnection, pairs: set[tuple[str, int]]
                         ) -> dict[tuple[str, int], int]:
        rows = _registered(con, "_pr_story_paras", "para_hash", [h for _, h in pairs],
                           "SELECT source, para_hash, docs FROM story_paragraphs "
                           "WHERE para_hash IN (SELECT para_hash FROM _pr_story_paras)")
        return {(str(s), int(h)): int(n) for s, h, n in rows if (s, h) in pairs}

    def absorb(self, members: Sequence[Member], bands: Sequence[tuple[int, int]]) -> None:
        return None


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
        if self._db is not None and not self._same_file():
            self.close()  # replaced by a rebuild through another Warehouse
        if self._db is None:
            fresh = not self.path.exists()
            self._db = self._connect()
            meta = None if fresh else self._open_meta(self._db)
            if meta is None:
                if not fresh:
                    print(f"story index {self.path} is incomplete; rebuilding it",
                          file=sys.stderr)
                self._build(con)
            elif meta[0] and not self._matches(con, *meta):
                print(f"story index {self.path} does not match the warehouse; rebuilding it",
                      file=sys.stderr)
                self._build(con)
        assert self._db is not None
        self._scan = None
        if story_build.state(self._db) is not None and not story_build.step(self._db, con):
            self._scan = ScanLookup()  # unfinished: this batch looks up by scans
            return self._scan.prepare(con)
        hw, _, _ = self._meta(self._db)
        new = [(int(q), int(i), int(c), str(s), list(p)) for q, i, c, s, p in con.execute(
            "SELECT seq, id_key, content_key, source, paragraphs FROM story_members "
            "WHERE seq > ? ORDER BY seq", [hw]).fetchall()]
        if new:
            bands = [(int(k), int(q)) for k, q in con.execute(
                "SELECT band_key, seq FROM story_bands WHERE seq > ?", [hw]).fetchall()]
            self.absorb(new, bands, stamp=_assigned_at(con, new[-1][0]))
            return new[-1][0]
        return hw

    def _matches(self, con: duckdb.DuckDBPyConnection, hw: int, fp: int, at: int) -> bool:
        """Whether the warehouse is in a state this file was caught up to: its member
        at ``hw`` is there (same id, same assignment time), or was re-clustered since
        (the id at a higher seq with other content, nothing left at ``hw``). Mid-build:
        the member that was last when the build began; if it moved, the build restarts."""
        row = con.execute("SELECT id_key, epoch_us(assigned_at) FROM story_members "
                          "WHERE seq = ?", [hw]).fetchone()
        if row is not None:
            return (int(row[0]), int(row[1])) == (fp, at)
        assert self._db is not None
        mine = self._db.execute("SELECT content_key FROM members WHERE seq = ?",
                                (hw,)).fetchone()
        moved = con.execute("SELECT content_key FROM story_members WHERE seq > ? "
                            "AND id_key = ? LIMIT 1", [hw, fp]).fetchone()
        return mine is not None and moved is not None and int(moved[0]) != int(mine[0])

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


def _assigned_at(con: duckdb.DuckDBPyConnection, seq: int) -> int:
    """``assigned_at`` (epoch µs) of the member at ``seq``; 0 when there is none."""
    row = con.execute("SELECT epoch_us(assigned_at) FROM story_members WHERE seq = ?",
                      [seq]).fetchone()
    return int(row[0]) if row else 0


def staged_path(path: Path) -> Path:
    """Where a rebuild fills its new sidecar before putting it in place."""
    return path.with_name(path.name + f".rebuild-{os.getpid()}")
