"""The polite, bounded HTTP fetcher shared by every source of a run.

One ``httpx.AsyncClient`` is injected; this module adds what a crawler needs on
top: per-host concurrency and minimum delay, robots.txt (:mod:`flows.robots`), manual redirects with
per-hop checks, conditional GET, a size cap after decompression, an overall
time limit per request (a 1 byte/s drip never trips a read timeout), and
capped exponential backoff with jitter that honours Retry-After. httpx errors
are translated into :mod:`pressroom.errors` by :mod:`flows.http_errors` and
nowhere else.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Container
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from flows.clock_witness import server_date
from flows.http_errors import (
    check_declared_length,
    cut_short,
    keep_piece,
    raise_for_status,
    translate_error,
)
from flows.http_records import (
    RETRY_AFTER_CAP,
    Attempt,
    Fetched,
    FetchPolicy,
    Validators,
    backoff_delay,
)
from flows.inflate import BoundedDecoder, inflate_undeclared
from flows.media import check_page
from flows.netguard import PRIVATE_HOSTS_EXTENSION
from flows.redact import redact
from flows.robots import RobotsRules
from parsers.urls import host_of, join_url
from pressroom.errors import (
    BlockedURL,
    HTTPStatusError,
    PressroomError,
    RobotsUnavailable,
    TooLarge,
    TooManyRedirects,
    TransientError,
    UnsupportedCoding,
)
from warehouse.records import REDIRECT_CODES

# A cluster run's pacer (flows.concurrency.HostPacer): awaited with the host before
# each request, after the local spacing, to take the host's cluster-wide slot.
Pacer = Callable[[str], Awaitable[None]]


@dataclass
class _HostSlot:
    """Politeness state of one host within one run."""

    semaphore: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0


class Fetcher:
    """Fetches URLs for one run through an injected ``httpx.AsyncClient``.

    ``on_attempt`` receives an :class:`Attempt` for every request made,
    successful or not, so callers can write ``fetch_log``. ``pacer`` (a cluster
    run's, see :mod:`flows.concurrency`) is awaited before every request.
    """

    def __init__(
        self,
        client: httpx.AsyncClient,
        on_attempt: Callable[[Attempt], None] | None = None,
        *,
        pacer: Pacer | None = None,
    ) -> None:
        self._client = client
        self._pacer = pacer
        self._on_attempt = on_attempt or (lambda _a: None)
        self._hosts: dict[str, _HostSlot] = {}
        # robots.txt per origin for this run (shared by every source on the host).
        self._robots = RobotsRules()

    def with_log(self, on_attempt: Callable[[Attempt], None]) -> Fetcher:
        """A view sharing client, politeness and robots state, logging elsewhere."""
        view = Fetcher.__new__(Fetcher)
        view.__dict__.update(self.__dict__)
        view._on_attempt = on_attempt
        return view

    async def get(
        self,
        url: str,
        policy: FetchPolicy,
        *,
        validators: Validators | None = None,
        read: Container[str] = (),
    ) -> Fetched:
        """GET ``url`` with retries; raise a :class:`PressroomError` on failure. A
        redirect to one of ``read`` (URLs the caller read in this run) is not followed:
        the answer is a :class:`Fetched` with ``read_before`` (s54)."""
        on_attempt = self._on_attempt
        log: Callable[[Attempt], None] = on_attempt
        if policy.headers:
            def log(a: Attempt) -> None:
                on_attempt(_redact_attempt(a, policy.headers))
        try:
            return await self._get(url, policy, validators, log, read)
        except PressroomError as exc:
            # A hostile server could echo a secret into a Location or an error text.
            if policy.headers:
                exc.args = tuple(redact(str(a), policy.headers) for a in exc.args)
            raise

    async def _get(
        self,
        url: str,
        policy: FetchPolicy,
        validators: Validators | None,
        log: Callable[[Attempt], None],
        read: Container[str] = (),
    ) -> Fetched:
        last: TransientError | None = None
        for attempt in range(policy.max_attempts):
            try:
                return await self._follow(url, policy, validators, attempt + 1, log, read)
            except TransientError as exc:
                last = exc
                if isinstance(exc, RobotsUnavailable) or attempt + 1 >= policy.max_attempts:
                    break
                if exc.retry_after is not None and exc.retry_after > RETRY_AFTER_CAP:
                    break  # the server asks for longer than a run should wait
                await asyncio.sleep(backoff_delay(attempt, policy, exc.retry_after))
        assert last is not None
        raise last

    async def _follow(
        self,
        url: str,
        policy: FetchPolicy,
        validators: Validators | None,
        attempt: int,
        asked_log: Callable[[Attempt], None],
        read: Container[str] = (),
    ) -> Fetched:
        """One attempt: follow redirects by hand so every hop is checked.

        A hop's failure is logged under the URL asked (its message names the hop), as
        a refusal is: the URL the retry schedule keys and the next run asks again, so
        ``status --retries`` lists a redirect to a 404 once, not also under a target no
        feed lists and no run asks (f50). Its answered hops keep their own URLs."""
        def log(a: Attempt) -> None:
            asked_log(a if a.error_class is None or a.url == url else replace(a, url=url))

        seen: set[str] = set()
        current = url
        for _hop in range(policy.max_redirects + 1):
            try:
                self._check_target(current, policy)
                if policy.respect_robots:
                    await self._robots.check(current, policy, self.get,
                                             with_secrets=_same_origin(url, current))
            except PressroomError as exc:
                _log_refusal(log, url, attempt, exc)
                raise
            seen.add(current)
            # Secrets go only where the source sent us, never along a redirect to
            # another origin or down from https to http (as browsers and httpx do).
            send_secrets = _same_origin(url, current)
            delay = self.delay_for(current, policy)
            hop_policy = policy if delay == policy.min_delay else replace(policy, min_delay=delay)
            result = await self._request(current, hop_policy, validators, attempt, log,
                                         send_secrets=send_secrets)
            if isinstance(result, Fetched):
                return Fetched(
                    url=url, final_url=current, status=result.status, headers=result.headers,
                    body=result.body, fetched_at=result.fetched_at,
                    elapsed_ms=result.elapsed_ms, not_modified=result.not_modified,
                    body_sha256=result.body_sha256,  # the same body: hashed once
                )
            status, location = result
            try:
                nxt = join_url(current, location)
            except ValueError as exc:  # "http://[::1", "http:///x": as any target (k49a, f50)
                bad = BlockedURL(f"invalid redirect target at {current}: {exc}")
                _log_refusal(log, url, attempt, bad)
                raise bad from exc
            if policy.headers and redact(nxt, policy.headers) != nxt:
                # Only a server echoing our secret builds such a URL: requesting it
                # would copy the secret into access logs (ours and anyone's).
                echoed = BlockedURL(f"redirect from {current} carries the source's secret")
                _log_refusal(log, url, attempt, echoed)
                raise echoed
            if nxt in seen:
                loop = TooManyRedirects(f"redirect loop at {nxt}")
                _log_refusal(log, url, attempt, loop)
                raise loop
            if nxt in read:  # read before in this run: its answer is already had (s54)
                return Fetched(url=url, final_url=nxt, status=status, headers={}, body=b"",
                               fetched_at=datetime.now(UTC), elapsed_ms=0.0, read_before=True)
            current = nxt
            validators = None  # validators belong to the original URL only
        chain = TooManyRedirects(f"more than {policy.max_redirects} redirects from {url}")
        _log_refusal(log, url, attempt, chain)
        raise chain

    def _check_target(self, url: str, policy: FetchPolicy) -> None:
        try:  # a port over 65535 or a broken [IPv6] raised ValueError later (k49a)
            parts = urlsplit(url)
            _port(parts.scheme, parts.port)
        except ValueError as exc:
            raise BlockedURL(f"invalid URL {url}: {exc}") from exc
        if parts.scheme not in ("http", "https"):
            raise BlockedURL(f"refusing non-http(s) URL {url}")
        host = host_of(url)  # IDNA hosts in ASCII, as allowed_hosts are built
        if policy.allowed_hosts and host not in policy.allowed_hosts:
            raise BlockedURL(f"host {host} is not among the source's allowed hosts")

    def _slot(self, host: str, policy: FetchPolicy) -> _HostSlot:
        slot = self._hosts.get(host)
        if slot is None:
            slot = self._hosts[host] = _HostSlot(asyncio.Semaphore(policy.concurrency))
        return slot

    async def _polite_start(self, slot: _HostSlot, policy: FetchPolicy) -> None:
        """Space request starts on one host by at least ``min_delay`` seconds."""
        if policy.min_delay <= 0:
            return
        async with slot.lock:
            now = time.monotonic()
            wait = slot.next_start - now
            slot.next_start = max(now, slot.next_start) + policy.min_delay
        if wait > 0:
            await asyncio.sleep(wait)

    async def _request(
        self,
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
        slot = self._slot(host, policy)
        headers = {"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate, br"}
        if send_secrets:
            headers.update(dict(policy.headers))
        if validators is not None:
            if validators.etag:
                headers["If-None-Match"] = validators.etag
            if validators.last_modified:
                headers["If-Modified-Since"] = validators.last_modified
        async with slot.semaphore:
            await self._polite_start(slot, policy)
            if self._pacer is not None:
                await self._pacer(host)
            started_at = datetime.now(UTC)
            t0 = time.perf_counter()
            status: int | None = None
            said: datetime | None = None  # the response's Date (flows.clock_witness)
            size = 0
            try:
                async with asyncio.timeout(policy.timeout):
                    async with self._client.stream("GET", url, headers=headers,
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

    def delay_for(self, url: str, policy: FetchPolicy) -> float:
        """Seconds between request starts on ``url``'s host (see :mod:`flows.robots`)."""
        return self._robots.delay_for(url, policy)


def _extensions(policy: FetchPolicy) -> dict[str, object]:
    """Request extensions: the source's private-network permission, when it has one."""
    if policy.private_hosts is None:
        return {}
    return {PRIVATE_HOSTS_EXTENSION: policy.private_hosts}


def _log_refusal(log: Callable[[Attempt], None], url: str, attempt: int,
                 exc: PressroomError) -> None:
    """Record a failure decided without a request (guard, robots, redirects).

    Logged under the URL that was asked for, so ``fetch_log`` names the class
    of every failure of that URL, not just a 3xx row with no error.
    """
    log(Attempt(url, datetime.now(UTC), None, 0, 0.0, attempt, exc.error_class, str(exc)))


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 2)


def _same_origin(first: str, current: str) -> bool:
    """True when ``current`` is on the origin of ``first`` (or its https upgrade)."""
    a, b = urlsplit(first), urlsplit(current)
    if (a.hostname or "").lower() != (b.hostname or "").lower():
        return False
    if a.scheme == b.scheme:
        return _port(a.scheme, a.port) == _port(b.scheme, b.port)
    return a.scheme == "http" and b.scheme == "https"


def _port(scheme: str, port: int | None) -> int:
    return port if port is not None else (443 if scheme == "https" else 80)


def _redact_attempt(attempt: Attempt, secrets: tuple[tuple[str, str], ...]) -> Attempt:
    return Attempt(
        redact(attempt.url, secrets), attempt.started_at, attempt.status, attempt.bytes,
        attempt.elapsed_ms, attempt.attempt, attempt.error_class,
        None if attempt.error is None else redact(attempt.error, secrets),
        attempt.server_date,
    )
