"""What an HTTP response or failure means, in :mod:`pressroom.errors` terms.

The fetcher (:mod:`flows.fetch_request`) calls these: a status code becomes an error
class, a foreign (httpx) exception is translated here and nowhere else, and the
size cap is enforced on the declared length and on the decoded bytes.
"""

from __future__ import annotations

import time

import httpx

from flows.http_records import FetchPolicy, parse_retry_after
from pressroom.errors import (
    BlockedURL,
    BodyBrokeOff,
    ConnectError,
    FetchTimeout,
    HTTPStatusError,
    PartialContent,
    PressroomError,
    RateLimited,
    ServerError,
    TooLarge,
)


def raise_for_status(response: httpx.Response, url: str) -> None:
    """Map an HTTP status to the error tree (2xx but 206, and 304, pass)."""
    status = response.status_code
    if status == 206:  # no request of ours has a Range: a slice would be stored as the page
        raise PartialContent(f"HTTP 206 at {url}: a part of it, where the whole was asked for")
    if 200 <= status < 300 or status == 304:
        return
    retry_after = parse_retry_after(response.headers.get("retry-after"), time.time())
    if status == 429:
        raise RateLimited(f"HTTP 429 at {url}", retry_after=retry_after)
    if status >= 500:
        raise ServerError(f"HTTP {status} at {url}", retry_after=retry_after)
    raise HTTPStatusError(f"HTTP {status} at {url}", status=status)


def translate_error(
    exc: BaseException, url: str, policy: FetchPolicy, answered: bool = False
) -> PressroomError | None:
    """Translate a foreign exception into the error tree (None: not ours to map).

    ``answered``: the response's status line had arrived, so a transport failure now
    is a body that broke off (fewer bytes than declared, a chunked body without its
    last chunk, a reset mid-body), not a host that could not be reached.
    """
    if isinstance(exc, TimeoutError | httpx.TimeoutException):
        return FetchTimeout(f"timed out after {policy.timeout:g}s at {url}")
    if isinstance(exc, httpx.RemoteProtocolError) and "location header" in str(exc):
        # httpx vets Location even when not following: a bad target is the page's
        # fault and will not go away on retry (e.g. an octal IP such as 0177.0.0.1).
        return BlockedURL(f"invalid redirect target at {url}: {exc}")
    if answered and isinstance(exc, httpx.TransportError):
        return BodyBrokeOff(f"the response from {url} broke off: {exc or type(exc).__name__}")
    if isinstance(exc, httpx.DecodingError):
        return ConnectError(f"undecodable body at {url}: {exc}")
    if isinstance(exc, httpx.TransportError):
        return ConnectError(f"{type(exc).__name__} at {url}: {exc or 'connection failed'}")
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return BlockedURL(f"invalid URL {url}: {exc}")
    return None


def check_declared_length(response: httpx.Response, url: str, policy: FetchPolicy) -> None:
    """Refuse before reading when an uncompressed body announces it is over the cap."""
    if response.headers.get("content-encoding", "identity").strip().lower() not in (
        "", "identity"
    ):
        return
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise TooLarge(f"{url} announces {declared} bytes, over the {policy.max_bytes} cap")


def cut_short(url: str, codings: str, size: int) -> BodyBrokeOff:
    """A compressed body whose HTTP framing was whole but whose stream stops before its end
    (a dropped connection a proxy or cache passed on as the whole answer): transient, as
    a body short of its Content-Length is, so the page is asked again, never stored cut."""
    return BodyBrokeOff(f"the response from {url} broke off: its {codings} data stops "
                        f"before the end of the stream ({size} bytes decoded)")


def keep_piece(chunks: list[bytes], piece: bytes, size: int, url: str, policy: FetchPolicy) -> int:
    """Append a decoded piece; raise TooLarge as soon as the cap is passed."""
    size += len(piece)
    if size > policy.max_bytes:
        if policy.truncate:  # the caller keeps what fits
            chunks.append(piece[: max(policy.max_bytes - (size - len(piece)), 0)])
        raise TooLarge(f"{url} is larger than {policy.max_bytes} bytes (decompressed)")
    chunks.append(piece)
    return size
