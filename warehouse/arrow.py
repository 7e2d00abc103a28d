"""Record → Arrow table builders with explicit schemas.

All batch writes go through Arrow (~20k rows/s against ~1.4k for
executemany). Schemas are explicit so an all-NULL column never gets Arrow's
``null`` type and every timestamp lands as a UTC instant.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import pyarrow as pa

from parsers.article import Article
from warehouse.records import CacheEntry, FetchRecord, PageRecord, SeenURL

TS = pa.timestamp("us", tz="UTC")
STR = pa.string()
STR_LIST = pa.list_(pa.string())

# How page bodies are stored; recorded per row so the codec can change later
# (rows written as "zlib", "gzip" or "none" read back unchanged).
PAGE_COMPRESSION = "zstd"
# zstd level 1 through pyarrow (already a dependency): on the 711 WCXB dev pages
# (median 121 KB once self-references are cut) 0.47 ms of CPU a page against 1.42
# for zlib level 1, and 0.194 of the raw size against 0.229; reading back 0.26 ms
# against 0.67. The main process compresses every fetched page on the cores the
# parse workers need (issue 15, docs/BENCHMARKS.md).
_ZSTD_LEVEL = 1

ARTICLE_SCHEMA = pa.schema(
    [
        ("article_id", STR),
        ("source", STR),
        ("url", STR),
        ("canonical_url", STR),
        ("title", STR),
        ("body", STR),
        ("published_at", TS),
        ("published_local_date", pa.date32()),
        ("published_utc_offset_minutes", pa.int32()),
        ("modified_at", TS),
        ("authors", STR_LIST),
        ("language", STR),
        ("description", STR),
        ("image_url", STR),
        ("tags", STR_LIST),
        ("section", STR),
        ("dateline_place", STR),
        ("dateline_agency", STR),
        ("content_hash", STR),
        ("fetched_at", TS),
        ("run_id", STR),
    ]
)

PAGE_SCHEMA = pa.schema(
    [
        ("page_id", STR),
        ("run_id", STR),
        ("source", STR),
        ("url", STR),
        ("final_url", STR),
        ("fetched_at", TS),
        ("status", pa.int32()),
        ("kind", STR),
        ("headers", STR),
        ("content_type", STR),
        ("encoding", STR),
        ("body_sha256", STR),
        ("body_size", pa.int64()),
        ("compression", STR),
        ("body", pa.large_binary()),
    ]
)

FETCH_SCHEMA = pa.schema(
    [
        ("run_id", STR),
        ("source", STR),
        ("url", STR),
        ("started_at", TS),
        ("status", pa.int32()),
        ("bytes", pa.int64()),
        ("elapsed_ms", pa.float64()),
        ("attempt", pa.int32()),
        ("error_class", STR),
        ("error", STR),
        ("older_page", pa.bool_()),
    ]
)

CACHE_SCHEMA = pa.schema(
    [
        ("url", STR),
        ("etag", STR),
        ("last_modified", STR),
        ("body_sha256", STR),
        ("fetched_at", TS),
        ("source", STR),
    ]
)

SEEN_SCHEMA = pa.schema(
    [
        ("url", STR),
        ("source", STR),
        ("kind", STR),
        ("article_id", STR),
        ("seen_at", TS),
    ]
)

URL_LIST_SCHEMA = pa.schema([("pos", pa.int64()), ("url", STR)])


_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(value: Any) -> Any:
    """``value`` with lone surrogates in its strings replaced by U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def table_from_rows(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """Arrow table of ``rows``; text that is not valid Unicode is repaired, not fatal.

    Lone surrogates (from ``surrogateescape`` decoding somewhere upstream)
    cannot be encoded as UTF-8; one bad author name must not lose a batch.
    The repair pass only runs when the fast path fails.
    """
    try:
        return pa.Table.from_pylist(rows, schema=schema)
    except UnicodeError:
        cleaned = [{k: _clean(v) for k, v in row.items()} for row in rows]
        return pa.Table.from_pylist(cleaned, schema=schema)


URL_TIME_SCHEMA = pa.schema([("pos", pa.int64()), ("url", STR), ("modified_at", TS)])


def articles_table(
    articles: Sequence[Article], *, source: str, run_id: str, fetched_at: datetime
) -> pa.Table:
    """Arrow rows for ``article_versions`` (without ``version``)."""
    rows = [
        {
            "article_id": a.article_id,
            "source": a.source or source,
            "url": a.url,
            "canonical_url": a.canonical_url,
            "title": a.title,
            "body": a.body,
            "published_at": a.published_at,
            # The page's own day and offset: TIMESTAMPTZ keeps only the instant.
            "published_local_date": a.published_local_date,
            "published_utc_offset_minutes": a.published_utc_offset_minutes,
            "modified_at": a.modified_at,
            "authors": list(a.authors),
            "language": a.language,
            "description": a.description,
            "image_url": a.image_url,
            "tags": list(a.tags),
            "section": a.section,
            "dateline_place": a.dateline_place,
            "dateline_agency": a.dateline_agency,
            "content_hash": a.content_hash,
            "fetched_at": fetched_at,
            "run_id": run_id,
        }
        for a in articles
    ]
    return table_from_rows(rows, ARTICLE_SCHEMA)


def headers_json(headers: Iterable[tuple[str, str]]) -> str:
    """Headers as a JSON object; repeated names are joined with ', ' as HTTP allows."""
    merged: dict[str, str] = {}
    for name, value in headers:
        key = name.lower()
        merged[key] = f"{merged[key]}, {value}" if key in merged else value
    return json.dumps(merged, ensure_ascii=False)


def pages_table(pages: Sequence[PageRecord], *, source: str, run_id: str) -> pa.Table:
    """Arrow rows for ``pages``, bodies compressed, one per page_id."""
    unique = {p.page_id(run_id): p for p in pages}
    codec = pa.Codec("zstd", compression_level=_ZSTD_LEVEL)
    rows = [
        {
            "page_id": page_id,
            "run_id": p.run_id or run_id,
            "source": source,
            "url": p.url,
            "final_url": p.final_url,
            "fetched_at": p.fetched_at,
            "status": p.status,
            "kind": p.kind,
            "headers": headers_json(p.headers),
            "content_type": p.content_type,
            "encoding": p.encoding,
            "body_sha256": p.body_sha256,
            "body_size": len(p.body),
            "compression": PAGE_COMPRESSION,
            "body": codec.compress(p.body, asbytes=True),
        }
        for page_id, p in unique.items()
    ]
    return table_from_rows(rows, PAGE_SCHEMA)


def decompress_body(body: bytes | None, compression: str | None,
                    size: int | None = None) -> bytes:
    """Inverse of the compression ``pages_table`` applied; ``size`` is the row's
    ``body_size`` (a zstd body needs it, and must come out exactly that long)."""
    if body is None:
        return b""
    if compression in (None, "", "none"):
        return bytes(body)
    if compression == "zstd":
        if size is None:
            raise ValueError("a zstd page body needs its body_size to be read back")
        out: bytes = pa.Codec("zstd").decompress(body, decompressed_size=size, asbytes=True)
        return out
    if compression == "zlib":
        return zlib.decompress(body)
    if compression == "gzip":
        return zlib.decompress(body, wbits=31)
    raise ValueError(f"unknown page compression {compression!r}")


def fetch_table(records: Sequence[FetchRecord], *, source: str, run_id: str) -> pa.Table:
    """Arrow rows for ``fetch_log``."""
    rows = [
        {
            "run_id": run_id,
            "source": source,
            "url": r.url,
            "started_at": r.started_at,
            "status": r.status,
            "bytes": r.bytes,
            "elapsed_ms": r.elapsed_ms,
            "attempt": r.attempt,
            "error_class": r.error_class,
            "error": r.error,
            "older_page": r.older_page,
        }
        for r in records
    ]
    return table_from_rows(rows, FETCH_SCHEMA)


def cache_table(entries: Sequence[tuple[str, CacheEntry]], *, source: str,
                fetched_at: datetime) -> pa.Table:
    """Arrow rows for ``http_cache``, one per URL of ``source`` (the last entry wins)."""
    latest = dict(entries)
    rows = [
        {
            "url": url,
            "etag": e.etag,
            "last_modified": e.last_modified,
            "body_sha256": e.body_sha256,
            "fetched_at": e.fetched_at or fetched_at,
            "source": source,
        }
        for url, e in latest.items()
    ]
    return table_from_rows(rows, CACHE_SCHEMA)


def seen_table(seen: Sequence[SeenURL], *, source: str, seen_at: datetime) -> pa.Table:
    """Arrow rows for ``seen_urls``, one per URL (the last entry wins).

    URLs are compared as stored: two spellings differing only in lone
    surrogates are one URL once repaired (see :func:`table_from_rows`).
    """
    latest = {_clean(s.url): s for s in seen}
    rows = [
        {
            "url": url,
            "source": source,
            "kind": s.kind,
            "article_id": s.article_id,
            "seen_at": seen_at,
        }
        for url, s in latest.items()
    ]
    return table_from_rows(rows, SEEN_SCHEMA)


def url_list_table(urls: Sequence[str]) -> pa.Table:
    """URLs with their input position, for order-keeping set queries."""
    rows = [{"pos": pos, "url": url} for pos, url in enumerate(urls)]
    return table_from_rows(rows, URL_LIST_SCHEMA)


def url_time_table(candidates: Sequence[tuple[str, datetime]]) -> pa.Table:
    """(url, modified_at) pairs with their input position."""
    rows = [{"pos": pos, "url": u, "modified_at": t} for pos, (u, t) in enumerate(candidates)]
    return table_from_rows(rows, URL_TIME_SCHEMA)
