"""Durable staging for writes that find the database locked.

When another process holds the DuckDB file (a user's DuckDB shell, another
run), a batch is written here instead, atomically (temp file, fsync, rename),
and merged by this run once the lock frees, or by the next run. Merging is
safe to repeat: ``write_batch`` is idempotent, so a crash between the merge's
commit and the file's removal only replays a batch that changes nothing.

Files are gzip'd JSON, not pickle, so a spool directory can never run code.

The spool is trusted only as far as the pipeline wrote it. Each file starts
with an integrity line: the SHA-256 of the payload and its HMAC-SHA256 under a
per-warehouse key kept in ``<db>.spool-key/key``, created by the pipeline with
random bytes, file mode 0400 in a directory of mode 0500. A process that can
only write files as this user (analyst SQL's ``COPY ... TO``) can drop a file
into the spool, but cannot sign it: it cannot read the key, and it cannot
replace it either, since it can neither write into that directory nor change
modes. A key store in any other state (missing, writable, wrong size: for
instance created by such a writer before the pipeline) is not trusted: every
pending batch then fails its check, and a fresh key is made.
Reading the key needs file reads, which the SQL sandbox refuses.

A file that fails its check (no integrity line, truncated or corrupt, forged)
is moved to ``<db>.spool/quarantine/`` with one line on stderr and never
merged. Its articles' seen-URL marks travel in the same file, so they are
lost with it; and because the feeds' conditional-GET validators may already
be stored, they are dropped, so the next discovery reads every feed in full
and fetches those articles again.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import hmac
import json
import os
import secrets
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from parsers.article import Article
from pressroom.errors import WarehouseError
from warehouse import Warehouse
from warehouse.records import (
    Batch,
    BatchResult,
    CacheEntry,
    FetchRecord,
    PageRecord,
    RetryMark,
    RunCounts,
    RunFinish,
    SeenURL,
)

SUFFIX = ".batch"
ORDER_MARK = "q"  # staged files are named q<place>-..., see Spool._next_place
PLACE_DIGITS_MAX = 18  # a place is 12 digits; a file waits for one run, so never more
MAGIC = b"pressroom-spool/1"
KEY_BYTES = 32
KEY_DIR_MODE = 0o500
KEY_FILE_MODE = 0o400
RECORD_TYPES: MappingProxyType[str, type] = MappingProxyType({
    cls.__name__: cls
    for cls in (Batch, Article, PageRecord, FetchRecord, CacheEntry, SeenURL, RunCounts,
                RetryMark, RunFinish)
})


# Fields newer than the file format, left out when unset: a batch without a staged
# runs row (every batch but a run's last, z40c), or a row without a vote on this
# host's clock (o45), is the same file as before.
_OMIT_WHEN_NONE = frozenset({"run", "vote"})


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, bytes):
        return {"$b64": base64.b64encode(value).decode("ascii")}
    if is_dataclass(value) and not isinstance(value, type):
        body = {f.name: _encode(getattr(value, f.name)) for f in fields(value)
                if f.init and not (f.name in _OMIT_WHEN_NONE and getattr(value, f.name) is None)}
        return {"$t": type(value).__name__, **body}
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    if not isinstance(value, dict):
        return value
    if "$dt" in value:
        return datetime.fromisoformat(value["$dt"])
    if "$b64" in value:
        return base64.b64decode(value["$b64"])
    kind = value.get("$t")
    cls = RECORD_TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise ValueError(f"unknown record type {kind!r} in spool file")
    return cls(**{k: _decode(v) for k, v in value.items() if k != "$t"})


def encode_batch(batch: Batch) -> bytes:
    """Serialise a batch (gzip'd JSON). Its story texts are left out: the merge
    normalises the bodies itself, and the files keep their format."""
    plain = replace(batch, story_texts=())
    return gzip.compress(json.dumps(_encode(plain)).encode("utf-8"), compresslevel=5)


def decode_batch(data: bytes) -> Batch:
    """Inverse of :func:`encode_batch`; ``ValueError`` on anything malformed."""
    try:
        batch = _decode(json.loads(gzip.decompress(data)))
    except (OSError, EOFError, json.JSONDecodeError, TypeError, KeyError) as exc:
        raise ValueError(f"unreadable: {exc}") from exc
    if not isinstance(batch, Batch):
        raise ValueError("it does not hold a batch")
    return batch


def sign(payload: bytes, key: bytes) -> bytes:
    """A spool file: the integrity line, then ``payload``."""
    digest = hashlib.sha256(payload).hexdigest()
    mac = hmac.new(key, payload, hashlib.sha256).hexdigest()
    return b"%s %s %s\n" % (MAGIC, digest.encode(), mac.encode()) + payload


def verify(data: bytes, key: bytes | None) -> Batch:
    """The batch in a spool file written by :func:`sign`; ``ValueError`` saying why not."""
    line, newline, payload = data.partition(b"\n")
    parts = line.split(b" ")
    if not newline or len(parts) != 3 or parts[0] != MAGIC:
        raise ValueError("it has no integrity record (not written by the pipeline)")
    if not hmac.compare_digest(hashlib.sha256(payload).hexdigest().encode(), parts[1]):
        raise ValueError("it is truncated or corrupt (SHA-256 mismatch)")
    if key is None:
        raise ValueError("the spool key is missing or was tampered with, so nothing "
                         "staged can be trusted")
    if not hmac.compare_digest(hmac.new(key, payload, hashlib.sha256).hexdigest().encode(),
                               parts[2]):
        raise ValueError("its HMAC does not match (not written by this pipeline)")
    return decode_batch(payload)


def _finish_run(wh: Warehouse, batch: Batch, merged: RunCounts) -> None:
    """Write the staged ``runs`` row of ``batch``'s run and source, its counters plus
    what the batches merged just before it were (z40c), ``merged_at`` now (o41); ``new``
    and ``updated`` are then read from the versions the run stored (k41c: a merge cut
    before the row stored some of its batches, see warehouse.runs.finish_run).

    Written once: merged again (a crash after the row's commit left its file here,
    and the run's batches are gone), it changes nothing, where it used to rewrite the
    counters with only what that merge found (migration 016)."""
    row = batch.run
    if row is None:
        return
    c = row.counts
    counts = replace(c, new=c.new + merged.new, updated=c.updated + merged.updated,
                     unchanged=c.unchanged + merged.unchanged)
    wh.finish_run(batch.run_id, batch.source, counts, row.status, row.error, row.finished_at,
                  row.kind, started_at=row.started_at, merged_at=datetime.now(UTC),
                  vote=row.vote)


def _warn(message: str) -> None:
    print(f"pressroom: warning: {message}", file=sys.stderr, flush=True)


def _place(name: str) -> int | None:
    """The place in the staging order that leads a staged file's name, if any.

    Only ASCII digits, as many as a place can take: a name renamed by hand ('q²-…',
    which str.isdigit() takes and int() refuses, or hundreds of digits) is no place,
    listed first like an earlier release's file and quarantined unless it verifies
    (k38b: it raised, and every run on the warehouse failed before merging).
    """
    head = name.split("-", 1)[0]
    digits = head[1:]
    if head[:1] != ORDER_MARK or not (0 < len(digits) <= PLACE_DIGITS_MAX):
        return None
    return int(digits) if digits.isascii() and digits.isdigit() else None


def _fsync_dir(path: Path) -> None:
    dir_fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


class Spool:
    """The staging directory beside one database file (``<db>.spool/``)."""

    def __init__(self, db_path: Path, warn: Callable[[str], None] = _warn) -> None:
        self.dir = db_path.with_name(db_path.name + ".spool")
        self.quarantine = self.dir / "quarantine"
        self.key_dir = db_path.with_name(db_path.name + ".spool-key")
        self._warn = warn

    # -- the key -----------------------------------------------------------

    def key(self) -> bytes | None:
        """The spool key, or None when there is none or it is not as the pipeline left it."""
        path = self.key_dir / "key"
        try:
            dir_st = os.lstat(self.key_dir)
            key_st = os.lstat(path)
        except OSError:  # missing, or a folder this user cannot search (another user's, k49a)
            return None
        uid = os.getuid()
        if not (stat.S_ISDIR(dir_st.st_mode) and stat.S_IMODE(dir_st.st_mode) == KEY_DIR_MODE
                and stat.S_ISREG(key_st.st_mode)
                and stat.S_IMODE(key_st.st_mode) == KEY_FILE_MODE
                and key_st.st_size == KEY_BYTES and dir_st.st_uid == key_st.st_uid == uid):
            return None
        try:
            key = path.read_bytes()
        except OSError:
            return None
        return key if len(key) == KEY_BYTES else None

    def _make_key(self) -> bytes:
        """Replace whatever is at the key path by a fresh random key (0400 in a 0500 dir)."""
        try:
            return self._write_key()
        except OSError as exc:
            raise WarehouseError(f"cannot make the spool key in {self.key_dir}: {exc}") from exc

    def _write_key(self) -> bytes:
        if os.path.lexists(self.key_dir):
            if self.key_dir.is_symlink() or not self.key_dir.is_dir():
                self.key_dir.unlink()
            else:
                self.key_dir.chmod(0o700)
                shutil.rmtree(self.key_dir)  # does not follow symlinks inside
        self.key_dir.mkdir(mode=0o700)
        key = secrets.token_bytes(KEY_BYTES)
        path = self.key_dir / "key"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(key)
            out.flush()
            os.fsync(out.fileno())
        path.chmod(KEY_FILE_MODE)
        self.key_dir.chmod(KEY_DIR_MODE)
        _fsync_dir(self.key_dir.parent)
        return key

    # -- staging and merging ----------------------------------------------

    def stage(self, batch: Batch, seq: int) -> Path:
        """Write ``batch`` durably and signed; it becomes visible only once complete.

        A batch that cannot be written (disk full, I/O error, a spool path that
        is not a directory) is a :class:`WarehouseError`: nothing of it was
        stored or marked seen, so the next run fetches its articles again.
        """
        key = self.key() or self._make_key()
        try:
            return self._stage(batch, seq, key)
        except OSError as exc:
            raise WarehouseError(f"cannot stage a batch in {self.dir}: {exc}") from exc

    def _stage(self, batch: Batch, seq: int, key: bytes) -> Path:
        self.dir.mkdir(parents=True, exist_ok=True)
        stamp = batch.fetched_at.strftime("%Y%m%dT%H%M%S%f")
        final = self.dir / (f"{ORDER_MARK}{self._next_place():012d}-{stamp}-{batch.run_id}-"
                            f"{batch.source}-{seq:05d}{SUFFIX}")
        fd, tmp = tempfile.mkstemp(dir=self.dir, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(sign(encode_batch(batch), key))
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, final)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_dir(self.dir)  # the rename itself must survive a power cut
        return final

    def _next_place(self) -> int:
        """One past the highest place among the waiting files (o38).

        Files are merged in the order of their places, so in the order they were
        staged. They were merged in the order of the fetch time that led their names,
        the host's clock, which a clock set back between two blind runs reverses: the
        older batch went in last and its older text became current.
        """
        return max((_place(p.name) or 0 for p in self.pending()), default=0) + 1

    def pending(self) -> list[Path]:
        """Files waiting to be merged, oldest first (half-written temp files are ignored).

        Every other regular file counts, whatever its name, so that a file
        that was not staged by the pipeline is quarantined and reported.
        """
        if not self.dir.is_dir():
            return []
        try:
            files = [p for p in self.dir.iterdir()
                     if not p.name.startswith(".tmp-") and p.is_file() and not p.is_symlink()]
        except OSError as exc:  # another user's folder (a run under sudo made it, k49a)
            raise WarehouseError(f"cannot read the spool {self.dir}: {exc.strerror or exc}; "
                                 f"give it to the user running pressroom (uid "
                                 f"{os.getuid()}) and run again") from exc
        # Files a release before o38 named (by fetch time) first, then by place.
        return sorted(files, key=lambda p: (_place(p.name) or 0, p.name))

    def _clear_quarantine_name(self) -> None:
        """Rename aside whatever holds the quarantine's name but is not a real directory.

        A file there would make every quarantine fail; a symlink would be
        followed, moving bad batches over files elsewhere. Renaming never
        follows a link; a file renamed aside is then quarantined like any other.
        """
        try:
            if stat.S_ISDIR(os.lstat(self.quarantine).st_mode):
                return
        except FileNotFoundError:
            return
        os.replace(self.quarantine, self.dir / f"quarantine-{secrets.token_hex(4)}.misplaced")

    def _quarantine(self, path: Path, why: str) -> None:
        self._clear_quarantine_name()
        self.quarantine.mkdir(exist_ok=True)
        os.replace(path, self.quarantine / path.name)  # kept for inspection, never merged
        self._warn(f"spool file {path.name} not merged: {why}; moved to {self.quarantine}")

    def merge_into(self, wh: Warehouse) -> Iterator[tuple[Batch, BatchResult]]:
        """Write every verified batch into ``wh``, removing each file after its commit.

        A file that fails verification is quarantined; then the stored feed
        validators are dropped so the next discovery reads every feed in full
        and fetches that file's articles again (their seen marks were in it).
        A spool this user cannot read or change (another user's: a run under sudo
        staged there, k49a) is one WarehouseError line; the batches wait, in order.
        """
        try:
            yield from self._merge_into(wh)
        except OSError as exc:
            where = exc.filename or self.dir
            raise WarehouseError(f"cannot merge the spool {self.dir}: {exc.strerror or exc}: "
                                 f"{where}; give it to the user running pressroom (uid "
                                 f"{os.getuid()}) and run again") from exc

    def _merge_into(self, wh: Warehouse) -> Iterator[tuple[Batch, BatchResult]]:
        key = self.key()
        if key is None:  # first use, or a store someone else made: batches under it fail below
            self._make_key()
        quarantined = 0
        written: dict[tuple[str, str], RunCounts] = {}  # what each run's merged batches were
        if self.dir.is_dir():
            self._clear_quarantine_name()
        for path in self.pending():
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                continue  # another run merged it meanwhile
            # Any other OSError (merge_into): not quarantined, since a batch another user
            # staged is the pipeline's own, and merging the files after it first would
            # put older text over newer. The run stops before fetching.
            try:
                batch = verify(data, key)
            except ValueError as exc:
                self._quarantine(path, str(exc))
                quarantined += 1
                continue
            result = wh.write_batch(batch)
            c = written.get((batch.run_id, batch.source), RunCounts())
            written[(batch.run_id, batch.source)] = replace(
                c, new=c.new + result.new, updated=c.updated + result.updated,
                unchanged=c.unchanged + result.unchanged_urls)
            if batch.run is not None:  # staged after the run's batches, so merged after them
                _finish_run(wh, batch, written.pop((batch.run_id, batch.source)))
            path.unlink(missing_ok=True)
            yield batch, result
        if quarantined:
            wh.forget_http_cache()
