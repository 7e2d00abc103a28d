"""What a fetch takes and gives (policy, validators, responses, attempts) and the
header rules they use: the charset a response declares and its bytes bear out,
Retry-After, and backoff. Kept apart from :mod:`flows.fetch` so the records can be
read without the fetcher's machinery."""

from __future__ import annotations

import codecs
import email.utils
import hashlib
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from parsers.decode import codec_for, confirmed

RETRY_AFTER_CAP = 120.0


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Per-source limits and manners for requests."""

    timeout: float = 20.0
    max_bytes: int = 10_000_000
    min_delay: float = 1.0
    concurrency: int = 4
    user_agent: str = "Pressroom/0.1"
    allowed_hosts: frozenset[str] = frozenset()
    respect_robots: bool = True
    max_attempts: int = 4
    backoff_base: float = 0.5
    backoff_cap: float = 30.0
    max_redirects: int = 5
    headers: tuple[tuple[str, str], ...] = ()  # resolved secrets; never logged
    # Hosts this source may reach on private addresses (allow_private_network);
    # None leaves it to the client's own list (direct callers, tests).
    private_hosts: frozenset[str] | None = None
    # Keep the first max_bytes of a larger body instead of refusing it (robots.txt:
    # RFC 9309 2.5 has crawlers parse at least the first 500 KiB, not give up).
    truncate: bool = False
    # An article fetch: an answer whose media type is clearly no page (a PDF, JSON, an
    # image) is refused, MediaTypeRefused (flows/media.py); feeds and robots.txt never are.
    pages_only: bool = False
    # A 4xx answer says the document is absent, which is no failure (robots.txt: crawl
    # freely, RFC 9309 2.3.1.3): still raised, but logged with its status and no error.
    absent_ok: bool = False


@dataclass(frozen=True, slots=True)
class Validators:
    """What a conditional GET sends: the last ETag, Last-Modified and body hash."""

    etag: str | None = None
    last_modified: str | None = None
    body_sha256: str | None = None


@dataclass(frozen=True, slots=True)
class Fetched:
    """A completed response (2xx, or 304 when ``not_modified``)."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    elapsed_ms: float
    not_modified: bool = False
    # Hash of the decompressed body, for change detection and the page archive:
    # computed once here (pass it along, never a different body's) and reused by
    # the cache row, the archived page and the unchanged-body check.
    body_sha256: str = ""
    # A redirect to a URL the caller read before in this run (``Fetcher.get``'s
    # ``read``): not followed; ``final_url`` is that URL, ``status`` the 3xx, no body.
    read_before: bool = False

    def __post_init__(self) -> None:
        if not self.body_sha256:
            object.__setattr__(self, "body_sha256", hashlib.sha256(self.body).hexdigest())

    @property
    def charset(self) -> str | None:
        """Charset of the body: its BOM, else a plausible Content-Type ``charset=``."""
        return plausible_charset(header_charset(self.headers.get("content-type", "")), self.body)


@dataclass(frozen=True, slots=True)
class Attempt:
    """One request on the wire, as written to ``fetch_log``."""

    url: str
    started_at: datetime
    status: int | None
    bytes: int
    elapsed_ms: float
    attempt: int
    error_class: str | None = None
    error: str | None = None
    # The response's Date header (flows.clock_witness), not written to fetch_log.
    server_date: datetime | None = None


def header_charset(content_type: str) -> str | None:
    """The ``charset=`` of a Content-Type value when Python knows the codec."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return codec_for(value)
    return None


# Codecs that consume their own BOM (UTF-32 before UTF-16: its BOM starts the same).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def plausible_charset(declared: str | None, body: bytes) -> str | None:
    """``declared`` unless the bytes contradict it (a BOM wins, as in browsers).

    A label the bytes do not bear out (a UTF-16 label on an ASCII page, euc-kr on
    UTF-8, UTF-8 on windows-1251) gives way: to UTF-8 when the bytes plainly are,
    else None, which lets the parser sniff the document (parsers.decode).
    """
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return codec
    return confirmed(declared, body) if declared else None


# What a blank answer may hold: ASCII white space and NUL (a zero-filled file, what a
# crashed origin's file system leaves), and after decoding Unicode white space and a BOM.
_ASCII_BLANK = re.compile(rb"[ \t\r\n\f\v\x00]*")
# Characters that show nothing and are no white space to str.strip (kg42): NUL, the BOM
# (U+FEFF, also the zero-width no-break space), zero-width space/joiners, word joiner and
# soft hyphen, the ones parsers.scan.clean_text drops from a page's text.
_INVISIBLE = dict.fromkeys(map(ord, "\x00\ufeff\u200b\u200c\u200d\u2060\u00ad"))
_BLANK_PEEK = 4096  # bytes decoded first: a page shows text long before this


def blank_body(body: bytes) -> bool:
    """True when ``body`` holds no content at all (k42): nothing, white space, NUL bytes,
    a lone BOM, zero-width characters (kg42), or Unicode white space (NBSP, ideographic
    space; UTF-8, or UTF-16/32 behind their BOM). Such an answer is a glitch of the
    moment, as an empty one is, not a page found empty (flows.pipeline). A page whose
    first visible byte is ASCII is decided at that byte; only one opening with other
    bytes is decoded, and only while what was decoded is blank.
    """
    first = _ASCII_BLANK.match(body).end()  # type: ignore[union-attr]  # * always matches
    if first == len(body):
        return True
    if body[first] < 0x80:
        return False
    codec = next((c for bom, c in _BOMS if body.startswith(bom)), "utf-8")
    peek = [(body[:_BLANK_PEEK], "ignore")] if len(body) > _BLANK_PEEK else []
    for part, errors in [*peek, (body, "replace")]:  # the peek may end inside a character
        if part.decode(codec, errors=errors).translate(_INVISIBLE).strip():
            return False
    return True


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # not "¹²" (k44: isdigit takes it, float not)
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return max(0.0, when.timestamp() - now)
    except (TypeError, ValueError, IndexError, OverflowError):
        # k44: an offset of twenty digits raised OverflowError, no error of ours to map,
        # and one 503's header ended the whole run; a date no calendar holds is no date.
        return None


def backoff_delay(attempt: int, policy: FetchPolicy, retry_after: float | None) -> float:
    """Capped exponential backoff with full jitter; Retry-After wins when given."""
    if retry_after is not None:
        return min(retry_after, RETRY_AFTER_CAP)
    ceiling = min(policy.backoff_cap, policy.backoff_base * (2**attempt))
    return random.uniform(ceiling / 2, ceiling)
