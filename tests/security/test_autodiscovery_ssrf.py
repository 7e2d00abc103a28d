"""A home page's advertised feeds cannot steer the fetcher (review r25; flows/discover.py).

README: a home page's ``<link rel="alternate">`` feeds *on the source's hosts* are
read; redirects stay on the source's hosts; loopback and metadata addresses need
the source's opt-in, judged on the address connected to. The fault server plays
the attacker's home page; it must see no request for what it should not.
"""

from __future__ import annotations

import asyncio

from flows.config import SourceConfig
from flows.discover import Discoverer
from flows.discovery_records import Discovery
from flows.fetch import Fetcher
from flows.policy import fetch_policy
from flows.runtime import make_client
from tests.reliability.fault_server import FaultServer, ok, redirect
from tests.security.test_ssrf import LOOPBACK_SPELLINGS, PAGE, _rss

RSS = "application/rss+xml"


def _home(*hrefs: str) -> bytes:
    links = "".join(f"<link rel='alternate' type='{t}' href='{h}'>" for h in hrefs
                    for t in (RSS, "application/feed+json"))
    return f"<!DOCTYPE html><html><head>{links}</head><body>Home</body></html>".encode()


def _discover(srv: FaultServer, *, opt_in: bool) -> Discovery:
    src = SourceConfig(name="s", feeds=(srv.url_for("/"),), allow_private_network=opt_in,
                       min_delay=0, timeout=2, respect_robots=False)

    async def go() -> Discovery:
        async with make_client(frozenset({"127.0.0.1"} if opt_in else set())) as client:
            return await Discoverer(src, Fetcher(client), fetch_policy(src), {}).run()

    return asyncio.run(go())


def test_advertised_feeds_elsewhere_redirecting_or_looping_are_not_followed(
        srv: FaultServer) -> None:
    hrefs = [f"http://{h}:{srv.port}/secret" for h in LOOPBACK_SPELLINGS[1:]]
    hrefs += ["http://169.254.169.254/latest/meta-data/", "file:///etc/passwd",
              "javascript:alert(1)", "/away", "/loop", "/", "/feed"]
    srv.route("/", ok(_home(*hrefs)))
    srv.route("/secret", ok(PAGE))
    srv.route("/away", redirect(f"http://localhost:{srv.port}/secret"))  # another host
    srv.route("/loop", redirect("{base}/loop"))
    srv.route("/feed", ok(_rss(srv.url_for("/mine")), RSS))
    found = _discover(srv, opt_in=True)
    assert [c.url for c in found.candidates] == [srv.url_for("/mine")]
    assert srv.hits("/secret") == 0
    assert srv.hits("/") == 1 and srv.hits("/feed") == 1
    assert 1 <= srv.hits("/loop") <= 21, srv.hits("/loop")  # bounded by the redirect cap
    failed = {f.url: f.error_class for f in found.failures}
    assert set(failed) == {srv.url_for("/away"), srv.url_for("/loop")}, found.failures


def test_a_public_source_reaches_no_loopback_home_page(srv: FaultServer) -> None:
    srv.route("/", ok(_home("/feed")))
    srv.route("/feed", ok(_rss(srv.url_for("/mine")), RSS))
    found = _discover(srv, opt_in=False)
    assert found.candidates == [] and srv.hits("/") == 0 and srv.hits("/feed") == 0
    assert [f.error_class for f in found.failures] == ["BlockedURL"]
