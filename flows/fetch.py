"""The fetcher shared by every source of a run: retries and redirects, each hop checked.

One ``httpx.AsyncClient`` is injected. :class:`Fetcher` decides how often a URL is asked
(capped exponential backoff with jitter that honours Retry-After) and follows redirects by
hand so that every hop is checked: its target (:mod:`flows.fetch_targets`), robots.txt
(:mod:`flows.robots`), loops, a Location carrying the source's secret, a target read
before in this run. One request and its answer are :mod:`flows.fetch_request`'s; the
per-host turns, :mod:`flows.host_turns`'.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Container
from dataclasses import replace
from datetime import UTC, datetime

import httpx

from flows.fetch_request import request_once
from flows.fetch_targets import check_target, same_origin
from flows.host_turns import HostTurns, Pacer
from flows.http_records import (
    RETRY_AFTER_CAP,
    Attempt,
    Fetched,
    FetchPolicy,
    Validators,
    backoff_delay,
)
from flows.redact import redact
from flows.robots import RobotsRules
from parsers.urls import join_url
from pressroom.errors import (
    BlockedURL,
    PressroomError,
    RobotsUnavailable,
    TooManyRedirects,
    TransientError,
)


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
        self._on_attempt = on_attempt or (lambda _a: None)
        self._turns = HostTurns(pacer)
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
                check_target(current, policy)
                if policy.respect_robots:
                    await self._robots.check(current, policy, self.get,
                                             with_secrets=same_origin(url, current))
            except PressroomError as exc:
                _log_refusal(log, url, attempt, exc)
                raise
            seen.add(current)
            # Secrets go only where the source sent us, never along a redirect to
            # another origin or down from https to http (as browsers and httpx do).
            send_secrets = same_origin(url, current)
            delay = self.delay_for(current, policy)
            hop_policy = policy if delay == policy.min_delay else replace(policy, min_delay=delay)
            result = await request_once(self._client, self._turns, current, hop_policy,
                                        validators, attempt, log, send_secrets=send_secrets)
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

    def delay_for(self, url: str, policy: FetchPolicy) -> float:
        """Seconds between request starts on ``url``'s host (see :mod:`flows.robots`)."""
        return self._robots.delay_for(url, policy)

    async def disallowed(self, url: str, policy: FetchPolicy) -> bool:
        """Whether robots.txt of ``url``'s origin (read once per origin) disallows it, as
        :meth:`get` would refuse it (``sources check``, c55). An unreadable robots.txt is
        not asked here: its fetch fails in its own words."""
        if not policy.respect_robots:
            return False
        try:
            await self._robots.check(url, policy, self.get)
        except BlockedURL:
            return True
        except PressroomError:
            return False
        return False


def _log_refusal(log: Callable[[Attempt], None], url: str, attempt: int,
                 exc: PressroomError) -> None:
    """Record a failure decided without a request (guard, robots, redirects).

    Logged under the URL that was asked for, so ``fetch_log`` names the class
    of every failure of that URL, not just a 3xx row with no error.
    """
    log(Attempt(url, datetime.now(UTC), None, 0, 0.0, attempt, exc.error_class, str(exc)))


def _redact_attempt(attempt: Attempt, secrets: tuple[tuple[str, str], ...]) -> Attempt:
    return Attempt(
        redact(attempt.url, secrets), attempt.started_at, attempt.status, attempt.bytes,
        attempt.elapsed_ms, attempt.attempt, attempt.error_class,
        None if attempt.error is None else redact(attempt.error, secrets),
        attempt.server_date,
    )
