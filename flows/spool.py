"""Durable staging for writes that find the database locked.

When another process holds the DuckDB file (a user's DuckDB shell, another
run), a batch is written here instead, atomically (temp file, fsync, rename),
and merged by this run once the lock frees, or by the next run. Merging is
safe to repeat: ``write_batch`` is idempotent, so a crash between the merge's
commit and the file's removal only replays a batch that changes nothing.

Files are gzip'd JSON, not pickle, so a spool directory can never run code.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from datetime import datetime
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
    RunCounts,
    SeenURL,
)

SUFFIX = ".batch.json.gz"
RECORD_TYPES: MappingProxyType[str, type] = MappingProxyType({
    cls.__name__: cls
    for cls in (Batch, Article, PageRecord, FetchRecord, CacheEntry, SeenURL, RunCounts)
})


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, bytes):
        return {"$b64": base64.b64encode(value).decode("ascii")}
    if is_dataclass(value) and not isinstance(value, type):
        body = {f.name: _encode(getattr(value, f.name)) for f in fields(value) if f.init}
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
    """Serialise a batch (gzip'd JSON)."""
    return gzip.compress(json.dumps(_encode(batch)).encode("utf-8"), compresslevel=5)


def decode_batch(data: bytes) -> Batch:
    """Inverse of :func:`encode_batch`; ``ValueError`` on anything malformed."""
    try:
        batch = _decode(json.loads(gzip.decompress(data)))
    except (OSError, EOFError, json.JSONDecodeError, TypeError, KeyError) as exc:
        raise ValueError(f"unreadable spool file: {exc}") from exc
    if not isinstance(batch, Batch):
        raise ValueError("spool file does not hold a batch")
    return batch


class Spool:
    """The staging directory beside one database file (``<db>.spool/``)."""

    def __init__(self, db_path: Path) -> None:
        self.dir = db_path.with_name(db_path.name + ".spool")

    def stage(self, batch: Batch, seq: int) -> Path:
        """Write ``batch`` durably; it becomes visible only once complete."""
        self.dir.mkdir(parents=True, exist_ok=True)
        stamp = batch.fetched_at.strftime("%Y%m%dT%H%M%S%f")
        final = self.dir / f"{stamp}-{batch.run_id}-{batch.source}-{seq:05d}{SUFFIX}"
        fd, tmp = tempfile.mkstemp(dir=self.dir, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(encode_batch(batch))
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, final)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        dir_fd = os.open(self.dir, os.O_RDONLY)
        try:
            os.fsync(dir_fd)  # the rename itself must survive a power cut
        finally:
            os.close(dir_fd)
        return final

    def pending(self) -> list[Path]:
        """Staged batch files, oldest first (half-written temp files are ignored)."""
        if not self.dir.is_dir():
            return []
        return sorted(self.dir.glob(f"*{SUFFIX}"))

    def merge_into(self, wh: Warehouse) -> Iterator[tuple[Batch, BatchResult]]:
        """Write every staged batch into ``wh``, removing each file after its commit."""
        for path in self.pending():
            try:
                batch = decode_batch(path.read_bytes())
            except (OSError, ValueError) as exc:
                bad = self.dir / "bad"
                bad.mkdir(exist_ok=True)
                os.replace(path, bad / path.name)  # keep it for inspection, never drop it
                raise WarehouseError(f"spool file {path.name} is unreadable ({exc}); "
                                     f"moved to {bad}") from exc
            result = wh.write_batch(batch)
            path.unlink(missing_ok=True)
            yield batch, result
