"""How the fixture press site shapes an answer: content types, validators, 304s, gzip.

``finish`` turns a routed ``Response`` into what goes on the wire: ``ETag`` and
``Last-Modified`` validators, ``304 Not Modified`` for a matching conditional GET
(``If-None-Match`` first, then ``If-Modified-Since``), and gzip when the client accepts it.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

XML_TYPES = {  # Content-Type of each feed kind
    "rss2": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "rdf": "application/rdf+xml; charset=utf-8",
    "sitemap-index": "application/xml; charset=utf-8",
    "sitemap-news": "application/xml; charset=utf-8",
    "sitemap": "application/xml; charset=utf-8",
}


@dataclass(slots=True)
class Response:
    """An answer being built: status, body, its type and lastmod, headers, a delay."""

    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    lastmod: datetime | None = None
    delay: float = 0.0


def http_date(value: datetime) -> str:
    """``value`` as an HTTP date (whole seconds, GMT)."""
    return format_datetime(value.astimezone(UTC).replace(microsecond=0), usegmt=True)


def etag(body: bytes) -> str:
    """A strong ETag of ``body``."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def accepts_gzip(header: str) -> bool:
    """Whether an ``Accept-Encoding`` value accepts gzip (``q=0`` refuses it)."""
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() not in ("gzip", "*"):
            continue
        quality = params.strip().lower()
        if quality.startswith("q="):
            try:
                return float(quality[2:]) > 0
            except ValueError:
                return False
        return True
    return False


def compressible(content_type: str | None) -> bool:
    """Whether the site gzips answers of ``content_type`` (text and XML)."""
    if not content_type:
        return False
    return content_type.startswith("text/") or "xml" in content_type


def finish(response: Response, headers: dict[str, str]) -> Response:
    """Add headers and validators; a 304 for a matching conditional GET; gzip when asked."""
    if response.content_type:
        response.headers.append(("Content-Type", response.content_type))
    if response.status != 200:
        return response
    tag = etag(response.body)
    gzip_etag = tag[:-1] + '-gzip"'
    compress = compressible(response.content_type)
    use_gzip = compress and accepts_gzip(headers.get("accept-encoding", ""))
    validators = [("ETag", gzip_etag if use_gzip else tag)]
    if response.lastmod is not None:
        validators.append(("Last-Modified", http_date(response.lastmod)))
    if compress:
        validators.append(("Vary", "Accept-Encoding"))
    if not_modified(headers, {tag, gzip_etag}, response.lastmod):
        return Response(304, headers=validators)
    response.headers.extend(validators)
    if use_gzip:
        response.body = gzip.compress(response.body, mtime=0)
        response.headers.append(("Content-Encoding", "gzip"))
    return response


def not_modified(headers: dict[str, str], etags: set[str], lastmod: datetime | None) -> bool:
    """Whether the request's If-None-Match (else If-Modified-Since) says the client has it."""
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or bool(tags & etags)
    since = headers.get("if-modified-since")
    if since and lastmod is not None:
        try:
            when = parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return lastmod.replace(microsecond=0) <= when
    return False
