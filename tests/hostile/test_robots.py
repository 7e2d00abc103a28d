"""robots.txt read as RFC 9309 and its common extensions (issue 14).

The stdlib parser ignored ``*`` and ``$``, let the first rule win over the
longest one, and ignored Crawl-delay. Real fetches on a loopback site.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from flows import robots
from flows.config import load_sources
from flows.fetch import Fetcher
from flows.http_records import Fetched, FetchPolicy
from flows.ingest import run_sources
from flows.runtime import make_client
from pressroom.errors import BlockedURL, RobotsUnavailable
from tests.hostile.site import Site, article_html

POLICY = FetchPolicy(timeout=5.0, min_delay=0.0, backoff_base=0.05, respect_robots=True)
ROBOTS = """\
User-agent: *
Disallow: /*.pdf$
Disallow: /private*
Disallow: /news/
Allow: /news/public
"""


def _fetch_all(site: Site, paths: list[str], policy: FetchPolicy = POLICY
               ) -> tuple[dict[str, Fetched | Exception], Fetcher]:
    async def go() -> tuple[dict[str, Fetched | Exception], Fetcher]:
        out: dict[str, Fetched | Exception] = {}
        async with make_client(frozenset({"127.0.0.1"})) as client:
            fetcher = Fetcher(client)
            for path in paths:
                try:
                    out[path] = await fetcher.get(site.url + path, policy)
                except BlockedURL as exc:
                    out[path] = exc
        return out, fetcher

    return asyncio.run(go())


@pytest.mark.parametrize(("path", "allowed"), [
    ("/doc.pdf", False),        # Disallow: /*.pdf$
    ("/a/b/report.pdf", False),
    ("/doc.pdf?page=2", True),  # $ anchors the end: a query is not .pdf$
    ("/doc.pdfx", True),
    ("/private", False),        # Disallow: /private*
    ("/private-notes/1", False),
    ("/news/1", False),
    ("/news/public/1", True),   # the longer Allow overrides the shorter Disallow
    ("/about", True),
])
def test_wildcards_end_anchor_and_longest_match(path: str, allowed: bool) -> None:
    with Site() as site:
        site.set("/robots.txt", ROBOTS, "text/plain")
        site.set(path, "<html><body>ok</body></html>")
        result, _ = _fetch_all(site, [path])
        got = result[path]
        if allowed:
            assert isinstance(got, Fetched), got
            assert site.hits[path] == 1
        else:
            assert isinstance(got, BlockedURL) and "robots.txt" in str(got), got
            assert site.hits[path] == 0


def test_crawl_delay_raises_the_delay_used_for_that_host() -> None:
    with Site() as site:
        site.set("/robots.txt", "User-agent: *\nCrawl-delay: 0.4\n", "text/plain")
        site.set("/a", "<html><body>ok</body></html>")
        result, fetcher = _fetch_all(site, ["/a"])
        assert isinstance(result["/a"], Fetched)
        assert fetcher.delay_for(site.url + "/a", POLICY) == 0.4  # floor over min_delay 0
        # A source slower than the site asks stays slower; robots off means no floor.
        assert fetcher.delay_for(site.url + "/a", FetchPolicy(min_delay=2.0)) == 2.0
        off = FetchPolicy(min_delay=0.0, respect_robots=False)
        assert fetcher.delay_for(site.url + "/a", off) == 0.0


def test_an_absurd_crawl_delay_is_capped() -> None:
    with Site() as site:
        site.set("/robots.txt", "User-agent: *\nCrawl-delay: 86400\n", "text/plain")
        site.set("/a", "<html><body>ok</body></html>")
        _, fetcher = _fetch_all(site, ["/a"])
        assert fetcher.delay_for(site.url + "/a", POLICY) == robots.CRAWL_DELAY_CAP


def test_one_robots_request_per_host_per_run_across_sources(tmp_path: Path) -> None:
    with Site() as site:
        site.set("/robots.txt", "User-agent: *\nDisallow: /private\n", "text/plain")
        blocks = []
        for n in range(3):
            items = "".join(f"<item><title>A{n}-{i}</title><link>{site.url}/a/{n}-{i}</link>"
                            "</item>" for i in range(2))
            site.set(f"/feed{n}.xml", f"<rss version=\"2.0\"><channel><title>t</title>{items}"
                     "</channel></rss>", "application/rss+xml")
            for i in range(2):
                site.set(f"/a/{n}-{i}", article_html(f"Story {n} {i}"))
            blocks.append(f'[[source]]\nname = "s{n}"\nfeeds = ["{site.url}/feed{n}.xml"]\n'
                          "allow_private_network = true\nmin_delay = 0\ntimeout = 5\n")
        toml = tmp_path / "s.toml"
        toml.write_text("\n".join(blocks), encoding="utf-8")
        sources = load_sources(toml)
        _, reports = asyncio.run(run_sources(sources, tmp_path / "x.duckdb", as_tasks=False))
        assert [r.status for r in reports] == ["ok", "ok", "ok"]
        assert site.count("/a/") == 6
        assert site.hits["/robots.txt"] == 1


def test_a_robots_txt_over_the_limit_is_read_up_to_it() -> None:
    """RFC 9309 2.5: crawlers parse at least the first 500 KiB. A larger robots.txt
    (10 MB here, rules first) used to count as unavailable, so no page of the host
    was ever fetched; now its first 500 KB are the rules."""
    from tests.reliability.fault_server import FaultServer, ok

    robots = b"User-agent: *\nDisallow: /x\n" + b"# padding\n" * 1_000_000
    with FaultServer() as srv:
        srv.route("/robots.txt", ok(robots, "text/plain"))
        srv.route("/a", ok(article_html("A").encode()))
        srv.route("/x", ok(article_html("X").encode()))

        async def go() -> tuple[Fetched | Exception, Fetched | Exception]:
            async with make_client(frozenset({"127.0.0.1"})) as client:
                fetcher = Fetcher(client)
                out: list[Fetched | Exception] = []
                for path in ("/a", "/x"):
                    try:
                        out.append(await fetcher.get(srv.url_for(path), POLICY))
                    except Exception as exc:  # the class is the result
                        out.append(exc)
                return out[0], out[1]

        a, x = asyncio.run(go())
        assert srv.hits("/x") == 0
    assert isinstance(a, Fetched) and a.status == 200, a
    assert isinstance(x, BlockedURL), x


def test_a_robots_txt_opening_with_a_byte_order_mark_is_obeyed() -> None:
    """Review r24: a UTF-8 BOM (Windows editors write one) glued itself to the first
    'User-agent', so the group was nobody's and its 'Disallow: /private' was ignored:
    every disallowed page was fetched. Google's parser skips the BOM; so does ours."""
    with Site() as site:
        site.set("/robots.txt", "\ufeffUser-agent: *\r\nDisallow: /private\r\n", "text/plain")
        site.set("/private/1", article_html("Private"))
        site.set("/a", article_html("A"))
        out, _ = _fetch_all(site, ["/private/1", "/a"])
        assert isinstance(out["/private/1"], BlockedURL), out["/private/1"]
        assert isinstance(out["/a"], Fetched)
        assert site.count("/private") == 0


def test_a_zstd_robots_txt_over_the_cap_before_decoding_is_no_permission() -> None:
    """A robots.txt sent as zstd whose compressed bytes pass the robots cap was read as
    empty (nothing kept before decoding), so everything was allowed (r50's find): a
    cut gzip or brotli file keeps its first rules; a body nothing was kept of is no file."""
    import base64
    import os

    import pyarrow as pa

    noise = base64.b64encode(os.urandom(800_000)).decode()
    text = "User-agent: *\nDisallow: /\n" + "".join(
        f"# {noise[i:i + 76]}\n" for i in range(0, len(noise), 76))
    packed = bytes(pa.Codec("zstd").compress(text.encode(), asbytes=True))
    assert len(packed) > robots.ROBOTS_MAX_BYTES  # over the cap before decoding
    with Site() as site:
        site.set("/robots.txt", packed, "text/plain", headers={"Content-Encoding": "zstd"})
        site.set("/a", "<html><body>ok</body></html>")
        with pytest.raises(RobotsUnavailable, match="TooLarge"):
            _fetch_all(site, ["/a"])
        assert site.hits["/a"] == 0
