"""What a crawler discovers on the fixture press site: feeds, sitemaps, the listing, robots.txt,
the sources file, and how an edited page shows in sitemaps, Atom and validators
(real HTTP over 127.0.0.1).
"""

from __future__ import annotations

import tomllib
import urllib.robotparser
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
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
