"""robots.txt for one run: read once per origin (shared by every source on the
host), obeyed for every request (RFC 9309 and the common extensions: ``*`` and
``$`` in paths, longest match wins), and the Crawl-delay or Request-rate it asks
for. The :class:`~flows.fetch.Fetcher` holds one :class:`RobotsRules`."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from protego import Protego

from flows.http_records import Fetched, FetchPolicy
from pressroom.errors import (
    BlockedURL,
    HTTPStatusError,
    PressroomError,
    RobotsUnavailable,
    TransientError,
)

ROBOTS_MAX_BYTES = 500_000
# A robots.txt Crawl-delay (or Request-rate) raises a source's min_delay on that
# host up to this many seconds (the top of min_delay's own range); a site asking
# for more gets this, so one hostile line cannot stall a scheduled run for good.
CRAWL_DELAY_CAP = 60.0
# How a fetcher GETs a URL (its own ``get``, so robots.txt is fetched politely too).
Get = Callable[[str, FetchPolicy], Awaitable[Fetched]]


class RobotsRules:
    """The rules of each origin for one run; a string means "disallow all"."""

    def __init__(self) -> None:
        self._rules: dict[str, Protego | str] = {}
        self._lock = asyncio.Lock()

    def delay_for(self, url: str, policy: FetchPolicy) -> float:
        """Seconds between request starts on ``url``'s host: ``min_delay``, raised by
        the Crawl-delay or Request-rate of robots.txt when it was read (capped)."""
        if not policy.respect_robots:
            return policy.min_delay
        parts = urlsplit(url)
        rules = self._rules.get(f"{parts.scheme}://{parts.netloc}")
        if not isinstance(rules, Protego):
            return policy.min_delay
        asked = rules.crawl_delay(policy.user_agent)
        rate = rules.request_rate(policy.user_agent)
        if rate is not None and rate.requests > 0:
            asked = max(asked or 0.0, rate.seconds / rate.requests)
        if asked is None or not math.isfinite(asked) or asked <= policy.min_delay:
            return policy.min_delay
        return min(asked, max(CRAWL_DELAY_CAP, policy.min_delay))

    async def check(self, url: str, policy: FetchPolicy, get: Get, *,
                    with_secrets: bool = True) -> None:
        """Refuse ``url`` when its origin's robots.txt disallows our User-Agent,
        reading that file first (once per origin and run) through ``get``."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        async with self._lock:
            rules = self._rules.get(origin)
            if rules is None:
                rules = self._rules[origin] = await load_robots(
                    get, origin, policy, with_secrets=with_secrets)
        if isinstance(rules, str):
            raise RobotsUnavailable(f"robots.txt of {origin} unavailable ({rules}); not crawling")
        if not rules.can_fetch(url, policy.user_agent):
            raise BlockedURL(f"robots.txt of {origin} disallows {parts.path or '/'}")


async def load_robots(get: Get, origin: str, policy: FetchPolicy, *,
                      with_secrets: bool = True) -> Protego | str:
    """Fetch robots.txt of ``origin``; a string means 'disallow all'."""
    robots_policy = FetchPolicy(
        timeout=policy.timeout, max_bytes=ROBOTS_MAX_BYTES, min_delay=policy.min_delay,
        concurrency=policy.concurrency, user_agent=policy.user_agent,
        allowed_hosts=frozenset(), respect_robots=False, max_attempts=2,
        backoff_base=policy.backoff_base,
        # A redirect's foreign origin gets no secret, not even for robots.txt.
        headers=policy.headers if with_secrets else (),
        private_hosts=policy.private_hosts, truncate=True,
        absent_ok=True,  # a 4xx is no robots file, not a failed fetch (q54)
    )
    try:
        fetched = await get(origin + "/robots.txt", robots_policy)
    except HTTPStatusError:
        return Protego.parse("")  # 4xx: no rules, everything allowed (RFC 9309 2.3.1.3)
    except BlockedURL:
        # SSRF guard or scheme: the page itself is refused (terminal), which
        # "robots.txt unavailable" (transient, retried next run) would hide.
        raise
    except TransientError as exc:
        return f"{exc.error_class}: {exc}"  # 5xx/unreachable: assume disallowed
    except PressroomError as exc:
        return f"{exc.error_class}: {exc}"
    body = fetched.body
    if len(body) >= ROBOTS_MAX_BYTES:  # cut: a partial last line is not a rule
        body = body[: body.rfind(b"\n") + 1]
    # utf-8-sig: a BOM left in glues itself to the first 'User-agent' and voids its group.
    return Protego.parse(body.decode("utf-8-sig", "replace"))
