"""One HTTP request of a fetch, and what its answer is.

The request: the crawler's User-Agent and codings, the source's secret headers only where
``send_secrets`` (:mod:`flows.fetch_targets`), a conditional GET's validators, sent in the
host's turn (:mod:`flows.host_turns`) within the policy's overall time limit (a 1 byte/s
drip never trips a read timeout). The answer: a redirect's status and target, or a
:class:`Fetched` whose body was decoded by hand in bounded pieces and checked (status,
declared length, content coding, size cap after decompression, a page or not). Every
request, answered or failed, is logged as one :class:`Attempt`; httpx errors become
:mod:`pressroom.errors` through :mod:`flows.http_errors` and nowhere else.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from flows.clock_witness import server_date
from flows.host_turns import HostTurns
from flows.http_errors import (
    check_declared_length,
    cut_short,
    keep_piece,
    raise_for_status,
    translate_error,
)
from flows.http_records import Attempt, Fetched, FetchPolicy, Validators
from flows.inflate import BoundedDecoder, inflate_undeclared
from flows.media import check_page
from flows.netguard import PRIVATE_HOSTS_EXTENSION
from flows.redact import redact
from pressroom.errors import HTTPStatusError, PressroomError, TooLarge, UnsupportedCoding
from warehouse.records import REDIRECT_CODES


async def request_once(
    client: httpx.AsyncClient,
    turns: HostTurns,
    url: str,
    policy: FetchPolicy,
    validators: Validators | None,
    attempt: int,
    log: Callable[[Attempt], None],
    *,
    send_secrets: bool = True,
) -> Fetched | tuple[int, str]:
    """Send one request; return the response or the redirect's status and target."""
    host = (urlsplit(url).hostname or "").lower()
    headers = {"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate, br"}
    if send_secrets:
        headers.update(dict(policy.headers))
    if validators is not None:
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
    async with turns.turn(host, policy):
        started_at = datetime.now(UTC)
        t0 = time.perf_counter()
        status: int | None = None
        said: datetime | None = None  # the response's Date (flows.clock_witness)
        size = 0
        try:
            async with asyncio.timeout(policy.timeout):
                async with client.stream("GET", url, headers=headers,
                                       extensions=_extensions(policy)) as response:
                    status = response.status_code
                    said = server_date(response.headers.get("date"))
                    if status in REDIRECT_CODES:
                        location = response.headers.get("location")
                        if not location:
                            raise HTTPStatusError(f"HTTP {status} without Location at {url}",
                                                  status=status)
                        log(Attempt(url, started_at, status, 0, _ms(t0), attempt,
                                    server_date=said))
                        return status, str(location)
                    raise_for_status(response, url)
                    if status != 304 and not policy.truncate:  # a 304 may repeat the
                        check_declared_length(response, url, policy)  # full length
                    # Decode by hand, in bounded pieces: httpx inflates each network
                    # chunk in one call, so a 300-byte brotli body could become
                    # gigabytes in memory before any size check could run.
                    decoder = BoundedDecoder(response.headers.get("content-encoding", ""),
                                             limit=policy.max_bytes)
                    if decoder.refused:  # compress (LZW), aes128gcm, ...: never text (f50)
                        raise UnsupportedCoding(
                            f"{url} is sent under Content-Encoding {decoder.refused}, "
                            "which Pressroom never asks for and cannot undo")
                    chunks: list[bytes] = []
                    try:
                        async for raw in response.aiter_raw():
                            for piece in decoder.feed(raw):
                                size = keep_piece(chunks, piece, size, url, policy)
                        for piece in decoder.flush():
                            size = keep_piece(chunks, piece, size, url, policy)
                    except TooLarge:
                        # Nothing kept (zstd is gathered before decoding) is no cut
                        # file: read as empty, a robots.txt would allow everything.
                        if not policy.truncate or not chunks:
                            raise
                        size = policy.max_bytes
                    else:
                        if not decoder.ended:  # gzip/deflate/br/zstd cut short (o43, f50)
                            raise cut_short(url, decoder.codings, size)
                    body = b"".join(chunks)[: policy.max_bytes]
                    if 200 <= status < 300:  # gzip that no header declared
                        sniffed = inflate_undeclared(
                            body, response.headers.get("content-type", ""), url, policy)
                        if sniffed is not None:
                            body, size = sniffed
                        if policy.pages_only:  # a PDF, JSON, an image: no page (f50)
                            check_page(response.headers.get("content-type", ""), body, url)
                    resp_headers = {
                        k.lower(): redact(v, policy.headers)
                        for k, v in response.headers.items()
                    }
        except PressroomError as exc:
            absent = policy.absent_ok and isinstance(exc, HTTPStatusError) and exc.status >= 400
            log(Attempt(url, started_at, status, size, _ms(t0), attempt,
                        None if absent else exc.error_class, None if absent else str(exc),
                        server_date=said))
            raise
        except BaseException as exc:
            mapped = translate_error(exc, url, policy, answered=status is not None)
            if mapped is None:
                raise
            log(Attempt(url, started_at, status, size, _ms(t0), attempt,
                        mapped.error_class, str(mapped), server_date=said))
            raise mapped from exc
    elapsed = _ms(t0)
    log(Attempt(url, started_at, status, size, elapsed, attempt, server_date=said))
    return Fetched(
        url=url, final_url=url, status=status, headers=resp_headers, body=body,
        fetched_at=started_at, elapsed_ms=elapsed, not_modified=status == 304,
    )


def _extensions(policy: FetchPolicy) -> dict[str, object]:
    """Request extensions: the source's private-network permission, when it has one."""
    if policy.private_hosts is None:
        return {}
    return {PRIVATE_HOSTS_EXTENSION: policy.private_hosts}


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 2)
