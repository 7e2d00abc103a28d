"""SSRF: non-public addresses are refused in every spelling, directly and via redirects.

The guard judges the address actually connected to, so each spelling below is
refused before a connection is made: the fault server must see no request.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

import pytest

from flows.config import SourceConfig
from flows.discover import Discoverer
from flows.fetch import Fetcher
from flows.http_records import Fetched
from flows.ingest import run_sources
from flows.netguard import is_public_address
from flows.policy import fetch_policy
from flows.runtime import make_client
from pressroom.errors import BlockedURL
from tests.reliability.fault_server import FaultServer, ok, redirect
from tests.reliability.helpers import FAST, fetch

PAGE = b"<html><head><title>Secret</title></head><body><h1>Internal</h1></body></html>"

# Spellings of loopback that reach the fault server if the guard lets them through.
LOOPBACK_SPELLINGS = [
    "127.0.0.1", "2130706433", "0177.0.0.1", "0x7f.0.0.1", "0x7f000001", "127.1",
    "017700000001", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "localhost", "127.0.0.2",
]
# Other non-public targets: refused before any connection is tried.
NON_PUBLIC = [
    "[::1]", "0.0.0.0", "[::]", "169.254.169.254", "[::ffff:169.254.169.254]", "[fd00::1]",
    "[fd12:3456::1]", "[fe80::1]", "100.64.0.1", "100.127.255.254", "10.0.0.1",
    "172.16.0.1", "192.168.1.1", "192.0.0.8", "224.0.0.1", "[64:ff9b::7f00:1]",
    "2852039166",  # 169.254.169.254 in decimal
]
# IPv6 addresses that carry a non-public IPv4 address (issue 14): each one is refused.
EMBEDDED_PRIVATE_V4 = [
    "::7f00:1",  # IPv4-compatible ::127.0.0.1
    "::a00:1",  # IPv4-compatible ::10.0.0.1
    "::ffff:0:7f00:1",  # SIIT-translated 127.0.0.1
    "2002:7f00:1::",  # 6to4 of 127.0.0.1
    "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254
    "2002:c0a8:101:1::1",  # 6to4 of 192.168.1.1
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    "64:ff9b::c0a8:101",  # NAT64 of 192.168.1.1
    "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo, client 127.0.0.1
    "2001:0:a00:1:8000:63bf:3fff:fdd2",  # Teredo, server 10.0.0.1
    "2a00:1450:4001::5efe:a00:1",  # ISATAP, 10.0.0.1
    "2a00:1450:4001::200:5efe:7f00:1",  # ISATAP (universal bit), 127.0.0.1
    "2a00:1450:4001::5efe:6440:1",  # ISATAP, CGNAT 100.64.0.1
]
# The same spellings carrying a public IPv4 address stay public.
EMBEDDED_PUBLIC_V4 = ["2002:808:808::1", "64:ff9b::808:808", "2a00:1450:4001::5efe:808:808"]


def test_is_public_address_rejects_every_range() -> None:
    for address in ["127.0.0.1", "::1", "::ffff:127.0.0.1", "169.254.169.254", "fd00::1",
                    "100.64.0.1", "0.0.0.0", "::", "10.1.2.3", "fe80::1%eth0", "64:ff9b::a00:1",
                    "not-an-ip", ""]:
        assert not is_public_address(address), address
    for address in ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "1.1.1.1"]:
        assert is_public_address(address), address


@pytest.mark.parametrize("address", [
    "fec0::1", "feff:ffff::1",  # site-local (RFC 3879): Python calls these global
    "3fff::1",  # documentation (RFC 9637)
    "5f00::1", "100:0:0:1::1", "4000::1",  # IETF-reserved, not allocated for unicast
])
def test_site_local_and_reserved_ipv6_are_not_public(address: str) -> None:
    assert not is_public_address(address)


@pytest.mark.parametrize("address", EMBEDDED_PRIVATE_V4)
def test_ipv6_embedding_a_private_ipv4_is_not_public(address: str) -> None:
    assert not is_public_address(address)


@pytest.mark.parametrize("address", EMBEDDED_PUBLIC_V4)
def test_ipv6_embedding_a_public_ipv4_stays_public(address: str) -> None:
    assert is_public_address(address)


@pytest.mark.parametrize("address", EMBEDDED_PRIVATE_V4)
def test_ipv6_embedding_a_private_ipv4_is_refused_before_connecting(address: str) -> None:
    out = fetch(f"http://[{address}]:9/latest/meta-data/", private=frozenset())
    assert isinstance(out.result, BlockedURL), (address, out.result)
    assert out.classes[-1] == "BlockedURL"  # terminal (a loaded machine may time out first)


def test_embedded_ipv4_source_is_refused_end_to_end(srv: FaultServer, tmp_path: Path) -> None:
    """A source whose feed sits on 6to4/IPv4-compatible loopback fails as BlockedURL."""
    srv.route("/feed", ok(b'<rss version="2.0"><channel></channel></rss>',
                          "application/rss+xml"))
    feeds = tuple(f"http://[{a}]:{srv.port}/feed" for a in ("::7f00:1", "2002:7f00:1::"))
    sources = [SourceConfig(name=f"v6-{i}", feeds=(feed,), min_delay=0.0, timeout=0.5,
                            respect_robots=False) for i, feed in enumerate(feeds)]
    _, reports = asyncio.run(run_sources(sources, tmp_path / "w.duckdb", as_tasks=False,
                                         lock_timeout=5.0))
    for report in reports:
        assert report.status == "failed", report
        assert [f.error_class for f in report.failures] == ["BlockedURL"], report.failures
    assert srv.requests == []


@pytest.mark.parametrize("host", LOOPBACK_SPELLINGS)
def test_loopback_spellings_are_refused(srv: FaultServer, host: str) -> None:
    srv.route("/secret", ok(PAGE))
    out = fetch(f"http://{host}:{srv.port}/secret", private=frozenset())
    assert isinstance(out.result, BlockedURL), (host, out.result)
    assert srv.requests == []
    # Terminal: one refusal, nothing after it (a loaded machine may time out first).
    assert out.classes[-1] == "BlockedURL" and out.classes.count("BlockedURL") == 1


@pytest.mark.parametrize("host", NON_PUBLIC)
def test_non_public_targets_are_refused(host: str) -> None:
    out = fetch(f"http://{host}:9/latest/meta-data/", private=frozenset())
    assert isinstance(out.result, BlockedURL), (host, out.result)
    assert out.seconds < 2


def test_refused_even_when_robots_is_respected(srv: FaultServer) -> None:
    # robots.txt is fetched first; its refusal must still read as BlockedURL.
    out = fetch(srv.url_for("/secret"), replace(FAST, respect_robots=True), private=frozenset())
    assert isinstance(out.result, BlockedURL), out.result
    assert srv.requests == []


@pytest.mark.parametrize("host", [h for h in LOOPBACK_SPELLINGS if h != "127.0.0.1"])
def test_redirect_from_allowed_host_to_other_spelling_is_refused(
    srv: FaultServer, host: str
) -> None:
    """127.0.0.1 is allowed by name (as a test site would be); its redirect is not."""
    srv.route("/hop", redirect(f"http://{host}:{srv.port}/secret"))
    srv.route("/secret", ok(PAGE))
    out = fetch(srv.url_for("/hop"), private=frozenset({"127.0.0.1"}))
    assert isinstance(out.result, BlockedURL), (host, out.result)
    assert srv.hits("/secret") == 0 and srv.hits("/hop") == 1


def test_redirect_to_metadata_service_is_refused(srv: FaultServer) -> None:
    srv.route("/hop", redirect("http://169.254.169.254/latest/meta-data/iam/"))
    out = fetch(srv.url_for("/hop"), private=frozenset({"127.0.0.1"}))
    assert isinstance(out.result, BlockedURL) and "169.254.169.254" in str(out.result)


def test_feed_links_to_other_spellings_are_not_followed(srv: FaultServer) -> None:
    links = [f"http://{h}:{srv.port}/secret" for h in LOOPBACK_SPELLINGS[1:]]
    links += ["http://169.254.169.254/latest/meta-data/", f"{srv.url}/mine"]
    items = "".join(f"<item><link>{link}</link></item>" for link in links)
    srv.route("/feed", ok(f'<rss version="2.0"><channel>{items}</channel></rss>'.encode(),
                          "application/rss+xml"))
    srv.route("/secret", ok(PAGE))
    src = SourceConfig(name="s", feeds=(srv.url_for("/feed"),), allow_private_network=True,
                       min_delay=0, timeout=0.5, respect_robots=False)

    async def go() -> list[str]:
        async with make_client(frozenset({"127.0.0.1"})) as client:
            found = await Discoverer(src, Fetcher(client), fetch_policy(src), {}).run()
        return [c.url for c in found.candidates]

    assert asyncio.run(go()) == [f"{srv.url}/mine"]
    assert srv.hits("/secret") == 0


def test_source_redirects_stay_within_its_hosts(srv: FaultServer, tmp_path: Path) -> None:
    srv.route("/a/feed", ok(f'<rss version="2.0"><channel><item><link>{srv.url}/a/1</link>'
                            "</item></channel></rss>".encode(), "application/rss+xml"))
    srv.route("/a/1", redirect(f"http://localhost:{srv.port}/b/private"))
    srv.route("/b/feed", ok(b'<rss version="2.0"><channel></channel></rss>',
                            "application/rss+xml"))
    srv.route("/b/private", ok(PAGE))
    common = {"allow_private_network": True, "min_delay": 0.0, "timeout": 0.5,
              "respect_robots": False}
    a = SourceConfig(name="a", feeds=(srv.url_for("/a/feed"),), **common)  # type: ignore[arg-type]
    b = SourceConfig(name="b", feeds=(f"http://localhost:{srv.port}/b/feed",),
                     **common)  # type: ignore[arg-type]
    asyncio.run(run_sources([a, b], tmp_path / "w.duckdb", as_tasks=False, lock_timeout=5.0))
    assert srv.hits("/b/private") == 0


def test_proxy_environment_is_ignored(srv: FaultServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy from the environment would bypass the guard: the client never uses one."""
    with FaultServer() as proxy:
        for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
            monkeypatch.setenv(var, proxy.url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        srv.route("/x", ok(PAGE))
        out = fetch(srv.url_for("/x"))
        assert isinstance(out.result, Fetched), out.result
        assert proxy.requests == [] and srv.hits("/x") == 1


def _rss(*links: str) -> bytes:
    items = "".join(f"<item><link>{link}</link></item>" for link in links)
    return f'<rss version="2.0"><channel>{items}</channel></rss>'.encode()


ARTICLE = (b"<html><head><title>Open item</title></head><body><article><h1>Open item</h1>"
           + b"<p>" + b"A paragraph of an open source's article. " * 12
           + b"</p></article></body></html>")


def test_private_network_opt_in_is_per_source(srv: FaultServer, tmp_path: Path) -> None:
    """Two sources on one loopback host in one run: only the one that opted in gets through."""
    srv.route("/open/feed", ok(_rss(srv.url_for("/open/1")), "application/rss+xml"))
    srv.route("/open/1", ok(ARTICLE))
    srv.route("/closed/feed", ok(_rss(srv.url_for("/closed/1")), "application/rss+xml"))
    srv.route("/closed/1", ok(PAGE))
    common = {"min_delay": 0.0, "timeout": 0.5, "respect_robots": False}
    opted = SourceConfig(name="opted", feeds=(srv.url_for("/open/feed"),),
                         allow_private_network=True, **common)  # type: ignore[arg-type]
    other = SourceConfig(name="other", feeds=(srv.url_for("/closed/feed"),),
                         **common)  # type: ignore[arg-type]
    _, reports = asyncio.run(run_sources([opted, other], tmp_path / "w.duckdb",
                                         as_tasks=False, lock_timeout=5.0))
    by_name = {r.source: r for r in reports}
    assert by_name["opted"].status == "ok" and by_name["opted"].counts.new == 1
    assert by_name["other"].status == "failed"
    assert [f.error_class for f in by_name["other"].failures] == ["BlockedURL"]
    assert srv.hits("/closed/feed") == 0 and srv.hits("/closed/1") == 0
    assert srv.hits("/open/feed") == 1 and srv.hits("/open/1") == 1


def test_opted_in_connection_is_not_reused_by_another_source(srv: FaultServer) -> None:
    """A keep-alive connection opened for an opted-in source is not lent to one that is not."""
    srv.route("/a", ok(PAGE))
    srv.route("/b", ok(PAGE))
    opted = replace(FAST, private_hosts=frozenset({"127.0.0.1"}))
    closed = replace(FAST, private_hosts=frozenset())

    async def go() -> tuple[Fetched, Exception | Fetched]:
        async with make_client(frozenset({"127.0.0.1"})) as client:
            fetcher = Fetcher(client)
            first = await fetcher.get(srv.url_for("/a"), opted)
            try:
                second: Exception | Fetched = await fetcher.get(srv.url_for("/b"), closed)
            except BlockedURL as exc:
                second = exc
        return first, second

    first, second = asyncio.run(go())
    assert isinstance(first, Fetched)
    assert isinstance(second, BlockedURL), second
    assert srv.hits("/a") == 1 and srv.hits("/b") == 0
