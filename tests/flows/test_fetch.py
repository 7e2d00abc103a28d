"""The fetcher against the real loopback site: guard, redirects, caps, retries."""

from __future__ import annotations

import asyncio
import itertools
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import TypeVar

import pytest

from flows.fetch import Fetcher
from flows.http_records import Attempt, Fetched, FetchPolicy, parse_retry_after
from flows.runtime import make_client
from pressroom.errors import BlockedURL, HTTPStatusError, TooLarge, TooManyRedirects
from tests.site import PressSite
from tests.site import manifest as m

T = TypeVar("T")
FAST = FetchPolicy(timeout=2.0, min_delay=0.0, backoff_base=0.05, respect_robots=True)


def fetch(site: PressSite | None, url: str, policy: FetchPolicy = FAST,
          private: bool = True) -> tuple[Fetched | Exception, list[Attempt]]:
    """Fetch ``url`` with a fresh client; return the result or the error, and attempts."""
    attempts: list[Attempt] = []
    hosts = frozenset({"127.0.0.1"}) if private else frozenset()

    async def go() -> Fetched:
        async with make_client(hosts) as client:
            return await Fetcher(client, attempts.append).get(url, policy)

    try:
        return asyncio.run(go()), attempts
    except Exception as exc:  # the test inspects the class
        return exc, attempts


def test_private_address_refused_without_opt_in(press_site: PressSite) -> None:
    spec = m.ARTICLES[0]
    for url in (spec.url(press_site.url),
                f"http://2130706433:{press_site.port}{spec.path}",
                f"http://0177.0.0.1:{press_site.port}{spec.path}",
                f"http://[::ffff:127.0.0.1]:{press_site.port}{spec.path}"):
        result, _ = fetch(press_site, url, private=False)
        assert isinstance(result, BlockedURL), (url, result)
    assert press_site.hits(spec.path) == 0


def test_fetch_ok_with_opt_in(press_site: PressSite) -> None:
    spec = m.ARTICLES[0]
    result, attempts = fetch(press_site, spec.url(press_site.url))
    assert isinstance(result, Fetched) and result.status == 200
    assert spec.title.encode() in result.body
    assert [(a.url.rsplit("/", 1)[-1], a.status) for a in attempts] == [
        ("robots.txt", 200), ("", 200)]


def test_robots_refusal_has_a_reason(press_site: PressSite) -> None:
    result, _ = fetch(press_site, press_site.url_for(m.SPECIAL.private))
    assert isinstance(result, BlockedURL) and "robots.txt" in str(result)
    assert press_site.hits(m.SPECIAL.private) == 0


def test_redirect_loop_and_chain(press_site: PressSite) -> None:
    press_site.fail("/loop/", 302, times=20, headers={"Location": "/loop/"})
    result, _ = fetch(press_site, press_site.url_for("/loop/"))
    assert isinstance(result, TooManyRedirects)
    for i in range(8):
        press_site.fail(f"/hop{i}/", 301, headers={"Location": f"/hop{i + 1}/"})
    result, _ = fetch(press_site, press_site.url_for("/hop0/"))
    assert isinstance(result, TooManyRedirects) and "more than" in str(result)


def test_redirect_to_foreign_host_is_refused(press_site: PressSite) -> None:
    press_site.fail("/away/", 302, headers={"Location": "http://localhost:1/x"})
    policy = FetchPolicy(timeout=2.0, min_delay=0, allowed_hosts=frozenset({"127.0.0.1"}))
    result, _ = fetch(press_site, press_site.url_for("/away/"), policy)
    assert isinstance(result, BlockedURL) and "localhost" in str(result)


def test_size_cap_applies(press_site: PressSite) -> None:
    spec = m.ARTICLES[0]
    policy = FetchPolicy(timeout=2.0, min_delay=0, max_bytes=1024)
    result, attempts = fetch(press_site, spec.url(press_site.url), policy)
    assert isinstance(result, TooLarge)
    assert [a.error_class for a in attempts if "robots" not in a.url] == ["TooLarge"]


def test_404_is_not_retried(press_site: PressSite) -> None:
    result, attempts = fetch(press_site, press_site.url_for(m.SPECIAL.gone))
    assert isinstance(result, HTTPStatusError) and result.status == 404
    assert len([a for a in attempts if "robots" not in a.url]) == 1  # terminal: no retry


def test_retry_after_is_honoured(press_site: PressSite) -> None:
    press_site.fail("/later/", 503, headers={"Retry-After": "1"})
    press_site.set_page("/later/", b"<html><body><p>ok</p></body></html>")
    t0 = time.monotonic()
    result, attempts = fetch(press_site, press_site.url_for("/later/"))
    assert isinstance(result, Fetched)
    assert [a.status for a in attempts if "robots" not in a.url] == [503, 200]
    assert time.monotonic() - t0 >= 0.9


def test_parse_retry_after() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert parse_retry_after("7", now.timestamp()) == 7.0
    later = format_datetime(now + timedelta(seconds=30), usegmt=True)
    assert parse_retry_after(later, now.timestamp()) == pytest.approx(30.0)
    assert parse_retry_after("soon", now.timestamp()) is None
    assert parse_retry_after(None, now.timestamp()) is None


def test_min_delay_spaces_requests(press_site: PressSite) -> None:
    spec = m.ARTICLES[0]
    policy = FetchPolicy(timeout=2.0, min_delay=0.3, respect_robots=False)

    async def go() -> list[Attempt]:
        attempts: list[Attempt] = []
        async with make_client(frozenset({"127.0.0.1"})) as client:
            fetcher = Fetcher(client, attempts.append)
            await asyncio.gather(*(fetcher.get(spec.url(press_site.url), policy) for _ in range(3)))
        return attempts

    attempts = asyncio.run(go())
    starts = sorted(a.started_at for a in attempts)
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(starts)]
    assert all(g >= 0.28 for g in gaps), gaps
