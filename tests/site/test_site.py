"""Tests of the fixture press site itself (real HTTP over 127.0.0.1)."""

from __future__ import annotations

import html
import time
import tomllib
import urllib.robotparser
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from tests.site import PressSite, write_sources_toml
from tests.site import manifest as m

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rss1": "http://purl.org/rss/1.0/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
ROOTS = {
    "rss2": "rss",
    "atom": "{http://www.w3.org/2005/Atom}feed",
    "rdf": "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF",
    "sitemap-index": "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex",
    "sitemap-news": "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset",
    "sitemap": "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset",
}
SEED = Path("/work/shared/seeds/000_3e1effd98bd41d56.txt")


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    """A plain httpx client (no redirects followed, short timeouts)."""
    with httpx.Client(timeout=5.0) as c:
        yield c


@pytest.fixture
def calm_site(press_site: PressSite) -> PressSite:
    """The site without its fault routes (no flaky/busy failures, no slow wait)."""
    press_site.clear_faults()
    return press_site


def feed_links(site: PressSite, client: httpx.Client, path: str) -> list[str]:
    """Article links a feed or sitemap lists, in order."""
    spec = m.feed(path)
    root = etree.fromstring(client.get(site.url + path).content)
    if spec.kind == "rss2":
        return [str(x) for x in root.xpath("/rss/channel/item/link/text()")]
    if spec.kind == "atom":
        return [str(x) for x in root.xpath("/atom:feed/atom:entry/atom:link/@href", namespaces=NS)]
    if spec.kind == "rdf":
        return [str(x) for x in root.xpath("/rdf:RDF/rss1:item/rss1:link/text()", namespaces=NS)]
    return [str(x) for x in root.xpath("//sm:loc/text()", namespaces=NS)]


def strip_url(url: str) -> str:
    """``url`` without query and fragment."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def listing_links(site: PressSite, client: httpx.Client) -> list[list[str]]:
    """Article links of each listing page, following ``rel=next``."""
    pages: list[list[str]] = []
    url: str | None = site.url + m.LISTING.path
    while url is not None:
        response = client.get(url)
        assert response.status_code == 200
        soup = BeautifulSoup(response.text, "html.parser")
        pages.append([urljoin(url, str(a["href"])) for a in soup.select(m.LISTING.selector)])
        nxt = soup.select_one('a[rel="next"]')
        url = urljoin(url, str(nxt["href"])) if nxt else None
    return pages


def test_feeds_are_well_formed_xml(press_site: PressSite, client: httpx.Client) -> None:
    for spec in m.FEEDS:
        response = client.get(press_site.url + spec.path)
        assert response.status_code == 200, spec.path
        assert "xml" in response.headers["content-type"]
        root = etree.fromstring(response.content)
        assert root.tag == ROOTS[spec.kind], spec.path


def test_feed_links_follow_manifest(press_site: PressSite, client: httpx.Client) -> None:
    base = press_site.url
    for spec in m.FEEDS:
        links = feed_links(press_site, client, spec.path)
        if spec.kind == "sitemap-index":
            assert links == [base + child for child in spec.children]
            continue
        expected = [
            a.url(base) + next(link.suffix for link in a.links if link.feed == spec.path)
            for a in m.listed_in(spec.path)
        ]
        if any(link.feed == spec.path for link in m.GONE_LINKS):
            expected.append(base + m.SPECIAL.gone)
        assert links == expected, spec.path


def test_feeds_carry_tracking_fragment_and_duplicates(
    press_site: PressSite, client: httpx.Client
) -> None:
    everywhere = [link for spec in m.FEEDS for link in feed_links(press_site, client, spec.path)]
    assert any("utm_source=rss" in link for link in everywhere)
    assert any("#" in link for link in everywhere)
    og = m.by_key("og_transport_plan").url(press_site.url)
    assert sum(strip_url(link) == og for link in everywhere) >= 4  # RSS, Atom, RDF, sitemap
    assert {m.RSS, m.ATOM, m.SITEMAP_NEWS} <= set(m.by_key("og_transport_plan").feeds)


def test_feed_dates_match_manifest(press_site: PressSite, client: httpx.Client) -> None:
    root = etree.fromstring(client.get(press_site.url + m.RSS).content)
    for item in root.xpath("/rss/channel/item"):
        url = strip_url(item.findtext("link"))
        path = urlsplit(url).path
        if path == m.SPECIAL.gone:
            continue
        assert parsedate_to_datetime(item.findtext("pubDate")) == m.by_path(path).published_at
    news = etree.fromstring(client.get(press_site.url + m.SITEMAP_NEWS).content)
    for url in news.xpath("//sm:url", namespaces=NS):
        spec = m.by_path(urlsplit(url.findtext("sm:loc", namespaces=NS)).path)
        date = url.findtext("news:news/news:publication_date", namespaces=NS)
        assert datetime.fromisoformat(date) == spec.published_at
        assert url.findtext("news:news/news:title", namespaces=NS) == spec.title


def test_listing_paginates_with_rel_next(press_site: PressSite, client: httpx.Client) -> None:
    pages = listing_links(press_site, client)
    assert len(pages) == m.LISTING.pages
    for number, links in enumerate(pages, start=1):
        assert links == [a.url(press_site.url) for a in m.listing_articles(number)]
    assert client.get(press_site.url + "/politics/?page=4").status_code == 404


def test_every_linked_article_resolves(calm_site: PressSite, client: httpx.Client) -> None:
    links = {
        strip_url(link) for spec in m.FEEDS for link in feed_links(calm_site, client, spec.path)
    }
    links |= {link for page in listing_links(calm_site, client) for link in page}
    links -= {calm_site.url + child for spec in m.FEEDS for child in spec.children}
    assert {a.url(calm_site.url) for a in m.ARTICLES} <= links
    for link in sorted(links):
        expected = 404 if urlsplit(link).path == m.SPECIAL.gone else 200
        assert client.get(link).status_code == expected, link
    assert len(m.ARTICLES) >= 14


def test_pages_match_manifest(calm_site: PressSite, client: httpx.Client) -> None:
    for spec in m.ARTICLES:
        response = client.get(calm_site.url + spec.path)
        assert response.status_code == 200, spec.path
        assert response.headers["content-type"] == spec.content_type
        text = response.content.decode(spec.encoding)
        soup = BeautifulSoup(text, "html.parser")
        assert soup.h1 is not None and soup.h1.get_text(strip=True) == spec.title, spec.key
        paragraphs = [p.get_text() for p in soup.find_all("p")]
        assert spec.first_sentence in paragraphs[0] or any(
            p.startswith(spec.first_sentence) for p in paragraphs
        ), spec.key
        assert spec.lead in html.unescape(text)
        if spec.canonical:
            assert spec.canonical_url(calm_site.url) in text, spec.key
        assert m.BASE_PLACEHOLDER not in text


def test_belta_pages_use_belta_markup(calm_site: PressSite, client: httpx.Client) -> None:
    for spec in m.for_source("belta"):
        soup = BeautifulSoup(client.get(calm_site.url + spec.path).text, "html.parser")
        og_url = soup.find("meta", property="og:url")
        assert og_url is not None and og_url["content"] == spec.canonical
        assert soup.select_one("h1.upper").get_text() == spec.title
        date = datetime.strptime(soup.select_one(".date_full").get_text(), "%d %B %Y, %H:%M")
        assert date == spec.published_at.replace(tzinfo=None)
        body = soup.select(".js-mediator-article p")
        assert len(body) == spec.paragraphs
        assert body[0].get_text() == spec.first_sentence
        assert soup.select_one(".rubric_link a").get_text() == spec.section
        assert tuple(a.get_text() for a in soup.select(".news_tags_block a")) == spec.tags
    en_dash = m.by_key("belta_uzbekistan_education")
    assert en_dash.dateline is not None and "–" in en_dash.dateline


@pytest.mark.skipif(not SEED.exists(), reason="seed corpus not available")
def test_seed_page_reproduces_seed(calm_site: PressSite, client: httpx.Client) -> None:
    head, *rest = SEED.read_text("utf-8").strip().split("\n\n")
    spec = m.by_key("belta_un_trafficking")
    assert head.split(maxsplit=2)[1:] == [spec.published[:10], spec.title]
    soup = BeautifulSoup(client.get(calm_site.url + spec.path).text, "html.parser")
    assert [p.get_text() for p in soup.select(".js-mediator-article p")] == [
        p.strip() for p in rest if p.strip()
    ]


def test_windows_1251_pages(press_site: PressSite, client: httpx.Client) -> None:
    meta = m.by_key("mfa_cp1251_meta")
    response = client.get(press_site.url + meta.path)
    assert response.headers["content-type"] == "text/html"
    raw = response.content
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert b'content="text/html; charset=windows-1251"' in raw
    text = raw.decode("cp1251")
    assert meta.title in text and meta.first_sentence in text
    assert "Третий комитет" in text

    header = m.by_key("mfa_cp1251_header")
    response = client.get(press_site.url + header.path)
    assert response.headers["content-type"] == "text/html; charset=windows-1251"
    assert b"charset" not in response.content
    assert header.first_sentence in response.text  # httpx honours the header charset


@pytest.mark.parametrize(
    "path",
    [m.RSS, m.ATOM, m.SITEMAP_NEWS, m.LISTING.path, m.by_key("belta_un_trafficking").path],
)
def test_conditional_get(press_site: PressSite, client: httpx.Client, path: str) -> None:
    url = press_site.url + path
    first = client.get(url, headers={"Accept-Encoding": "identity"})
    etag, lastmod = first.headers["etag"], first.headers["last-modified"]
    assert etag.startswith('"') and not etag.startswith("W/")
    again = client.get(url, headers={"Accept-Encoding": "identity"})
    assert again.headers["etag"] == etag

    by_etag = client.get(url, headers={"If-None-Match": etag})
    assert by_etag.status_code == 304 and by_etag.content == b""
    assert by_etag.headers["etag"]
    by_date = client.get(url, headers={"If-Modified-Since": lastmod})
    assert by_date.status_code == 304
    stale = client.get(url, headers={"If-None-Match": '"nope"', "If-Modified-Since": lastmod})
    assert stale.status_code == 200  # If-None-Match wins over If-Modified-Since
    old = client.get(url, headers={"If-Modified-Since": "Mon, 01 Jan 2018 00:00:00 GMT"})
    assert old.status_code == 200 and old.content == first.content


def test_gzip_when_asked(press_site: PressSite, client: httpx.Client) -> None:
    url = press_site.url + m.RSS
    with client.stream("GET", url, headers={"Accept-Encoding": "gzip"}) as response:
        raw = b"".join(response.iter_raw())
    assert response.headers["content-encoding"] == "gzip"
    assert raw[:2] == b"\x1f\x8b"
    zipped = client.get(url, headers={"Accept-Encoding": "gzip"})
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert zipped.content == plain.content
    refused = client.get(url, headers={"Accept-Encoding": "gzip;q=0"})
    assert "content-encoding" not in refused.headers
    etag = zipped.headers["etag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_head(calm_site: PressSite, client: httpx.Client) -> None:
    path = m.by_key("og_transport_plan").path
    url = calm_site.url + path
    head = client.head(url, headers={"Accept-Encoding": "identity"})
    get = client.get(url, headers={"Accept-Encoding": "identity"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(get.content))
    assert head.headers["etag"] == get.headers["etag"]
    assert calm_site.hits(path, "HEAD") == 1 and calm_site.hits(path) == 1


def test_flaky_fails_once(press_site: PressSite, client: httpx.Client) -> None:
    url = press_site.url + m.SPECIAL.flaky
    assert client.head(url).status_code == 500  # HEAD does not use up the fault
    assert client.get(url).status_code == 500
    second = client.get(url)
    assert second.status_code == 200 and m.by_key("flaky").title in second.text
    assert press_site.hits(m.SPECIAL.flaky) == 2


def test_busy_asks_to_retry_later(press_site: PressSite, client: httpx.Client) -> None:
    url = press_site.url + m.SPECIAL.busy
    first = client.get(url)
    assert first.status_code == 429 and first.headers["retry-after"] == "1"
    assert client.get(url).status_code == 200


def test_gone_and_redirect(press_site: PressSite, client: httpx.Client) -> None:
    assert client.get(press_site.url + m.SPECIAL.gone).status_code == 404
    path = m.by_key("belta_un_trafficking").path
    moved = client.get(press_site.url + path.rstrip("/"))
    assert moved.status_code == 301 and moved.headers["location"] == press_site.url + path


def test_custom_faults(press_site: PressSite, client: httpx.Client) -> None:
    path = m.RSS
    press_site.fail(path, 503, times=2, headers={"Retry-After": "0"})
    assert [client.get(press_site.url + path).status_code for _ in range(3)] == [503, 503, 200]


def test_slow_route_hits_read_timeout_and_stop_does_not_hang() -> None:
    site = PressSite(slow_delay=60.0).start()
    try:
        with pytest.raises(httpx.ReadTimeout):
            httpx.get(site.url + m.SPECIAL.slow, timeout=httpx.Timeout(5.0, read=0.2))
        assert site.hits(m.SPECIAL.slow) == 1
    finally:
        started = time.monotonic()
        site.stop()
    assert time.monotonic() - started < 3.0


def test_slow_route_serves_after_delay(press_site: PressSite, client: httpx.Client) -> None:
    press_site.slow_delay = 0.05
    response = client.get(press_site.url + m.SPECIAL.slow)
    assert response.status_code == 200 and m.by_key("slow").title in response.text


def test_robots_txt(press_site: PressSite, client: httpx.Client) -> None:
    text = client.get(press_site.url + "/robots.txt").text
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(text.splitlines())
    assert not parser.can_fetch("pressroom", press_site.url + m.SPECIAL.private)
    for spec in m.ARTICLES:
        if spec.route != "private":
            assert parser.can_fetch("pressroom", spec.url(press_site.url)), spec.path
    assert parser.site_maps() == [
        press_site.url + m.SITEMAP_INDEX,
        press_site.url + m.BELTA_SITEMAP,
    ]


def _sitemap_lastmod(site: PressSite, client: httpx.Client, sitemap: str, url: str) -> str:
    root = etree.fromstring(client.get(site.url + sitemap).content)
    (value,) = root.xpath(f'//sm:url[sm:loc="{url}"]/sm:lastmod/text()', namespaces=NS)
    return str(value)


def test_set_page_updates_sitemap_atom_and_validators(
    press_site: PressSite, client: httpx.Client
) -> None:
    spec = m.by_key("og_transport_plan")
    url = spec.url(press_site.url)
    before = _sitemap_lastmod(press_site, client, m.SITEMAP_NEWS, url)
    page = client.get(url)
    index_before = client.get(press_site.url + m.SITEMAP_INDEX).text

    edited = press_site.get_page(spec.path).replace(b"41 votes", b"42 votes")
    press_site.set_page(spec.path, edited)

    after = _sitemap_lastmod(press_site, client, m.SITEMAP_NEWS, url)
    assert datetime.fromisoformat(after) > datetime.fromisoformat(before)
    assert client.get(press_site.url + m.SITEMAP_INDEX).text != index_before
    atom = etree.fromstring(client.get(press_site.url + m.ATOM).content)
    (updated,) = atom.xpath("//atom:entry[atom:id=$id]/atom:updated/text()", namespaces=NS, id=url)
    assert updated == after
    assert atom.findtext("atom:updated", namespaces=NS) == after  # feed-level <updated>

    fresh = client.get(url, headers={"If-None-Match": page.headers["etag"]})
    assert fresh.status_code == 200 and b"42 votes" in fresh.content
    stale = client.get(url, headers={"If-Modified-Since": page.headers["last-modified"]})
    assert stale.status_code == 200

    second = press_site.set_page(spec.path, edited + b"\n")
    assert second > datetime.fromisoformat(after)

    belta = m.by_key("belta_un_trafficking")
    belta_url = belta.url(press_site.url)
    old = _sitemap_lastmod(press_site, client, m.BELTA_SITEMAP, belta_url)
    press_site.set_page(belta.path, press_site.get_page(belta.path).replace(b"80", b"81"))
    assert _sitemap_lastmod(press_site, client, m.BELTA_SITEMAP, belta_url) > old


def test_request_log_and_reset(press_site: PressSite, client: httpx.Client) -> None:
    path = m.by_key("time_port_expansion").path
    client.get(press_site.url + path + "?utm_source=x", headers={"X-Probe": "1"})
    client.get(press_site.url + "/politics/?page=2")
    method, raw, headers = press_site.requests[0]
    assert (method, raw, headers["x-probe"]) == ("GET", path + "?utm_source=x", "1")
    assert press_site.hits(path) == 1 and press_site.hits(path + "?utm_source=x") == 1
    assert press_site.hits("/politics/?page=2") == 1 and press_site.hits("/politics/?page=3") == 0

    original = press_site.get_page(path)
    press_site.set_page(path, b"<h1>changed</h1>")
    press_site.remove_page(m.by_key("jsonld_wind_farm").path)
    assert client.get(press_site.url + m.SPECIAL.flaky).status_code == 500
    press_site.reset()
    assert press_site.requests == []
    assert press_site.get_page(path) == original
    assert client.get(press_site.url + m.by_key("jsonld_wind_farm").path).status_code == 200
    assert client.get(press_site.url + m.SPECIAL.flaky).status_code == 500


def test_sources_toml(press_site: PressSite, tmp_path: Path) -> None:
    path = write_sources_toml(press_site, tmp_path)
    sources = {s["name"]: s for s in tomllib.loads(path.read_text("utf-8"))["source"]}
    assert set(sources) == {"belta", "fixture"}
    belta, generic = sources["belta"], sources["fixture"]
    assert belta["profile"] == "belta" and "profile" not in generic
    assert belta["listings"] == [
        {"url": press_site.url + "/politics/", "links": ".news_list a.news_item", "pages": 3}
    ]
    assert generic["feeds"] == [press_site.url + f for f in m.source("fixture").feeds]
    for source in sources.values():
        assert source["allow_private_network"] is True
        assert source["timezone"] == "Europe/Minsk" and source["timeout"] == 1.0
    only = write_sources_toml(press_site, tmp_path / "one.toml", names=["belta"], timeout=2.5)
    (single,) = tomllib.loads(only.read_text("utf-8"))["source"]
    assert single["name"] == "belta" and single["timeout"] == 2.5
    assert {a.source for a in m.ARTICLES} == {"belta", "fixture"}
    assert all(a.route in ("ok", "flaky", "busy") for a in m.storable("fixture"))
