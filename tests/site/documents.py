"""The fixture site's generated documents: robots.txt, feeds, sitemaps and listing pages.

``Documents`` renders them from ``manifest`` for one base URL (so links carry the live
port); ``lastmod_of`` gives an article's Last-Modified as the running ``PressSite`` holds it.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape as xml_escape

from tests.site import manifest as m

SITE_EPOCH = datetime(2019, 11, 1, tzinfo=UTC)
"""Last-Modified of resources that list no article (robots.txt)."""


_Items = list[tuple[m.ArticleSpec, m.Link]]


_BELTA_NAV = (
    '<a href="/">Main</a> <a href="/president/">President</a> <a href="/politics/">Politics</a> '
    '<a href="/economics/">Economics</a> <a href="/society/">Society</a> '
    '<a href="/regions/">Regions</a>'
)


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _w3c(value: datetime) -> str:
    # Keeps microseconds (W3C datetime allows fractions): an edit made in the same second
    # as a crawl must still read as later than that crawl.
    return value.astimezone(UTC).isoformat()


def _rfc822(value: datetime) -> str:
    return format_datetime(value)


def _x(text: str) -> str:
    return xml_escape(text, {'"': "&quot;"})



class Documents:
    """The site's generated documents at ``base``."""

    def __init__(self, base: str, lastmod_of: Callable[[m.ArticleSpec], datetime]) -> None:
        self._base = base
        self._lastmod_of = lastmod_of

    def robots(self) -> str:
        base = self._base
        return (
            "User-agent: *\n"
            f"Disallow: {m.ROBOTS_DISALLOW}\n"
            "Allow: /\n\n"
            f"Sitemap: {base}{m.SITEMAP_INDEX}\n"
            f"Sitemap: {base}{m.BELTA_SITEMAP}\n"
        )

    def feed(self, spec: m.FeedSpec) -> tuple[bytes, datetime]:
        base = self._base
        items = [
            (article, next(link for link in article.links if link.feed == spec.path))
            for article in m.listed_in(spec.path)
        ]
        gone = any(link.feed == spec.path for link in m.GONE_LINKS)
        listed = [a for child in spec.children for a in m.listed_in(child)] or [
            article for article, _ in items
        ]
        updated = max([self._lastmod_of(article) for article in listed] or [SITE_EPOCH])
        builder = {
            "rss2": self._rss,
            "atom": self._atom,
            "rdf": self._rdf,
            "sitemap-news": self._news_sitemap,
            "sitemap": self._pages_sitemap,
            "sitemap-index": self._sitemap_index,
        }[spec.kind]
        text = builder(spec, base, items, gone, updated)
        return text.encode("utf-8"), updated

    def _rss(
        self, spec: m.FeedSpec, base: str, items: _Items, gone: bool, updated: datetime
    ) -> str:
        out = [
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>\n'
            f"<title>{_x(spec.title)}</title><link>{_x(base)}/</link>"
            f"<description>{_x(spec.title)} - latest news</description>"
            f'<language>en</language><atom:link href="{_x(base + spec.path)}" rel="self" '
            f'type="application/rss+xml"/><lastBuildDate>{_rfc822(updated)}</lastBuildDate>\n'
        ]
        for article, link in items:
            url = article.url(base)
            out.append(
                f"<item><title>{_x(article.title)}</title><link>{_x(url + link.suffix)}</link>"
                f'<guid isPermaLink="true">{_x(url)}</guid>'
                f"<pubDate>{_rfc822(article.published_at)}</pubDate>"
                f"<description>{_x(article.lead)}</description></item>\n"
            )
        if gone:
            url = base + m.SPECIAL.gone
            out.append(
                f"<item><title>{_x(m.GONE_TITLE)}</title><link>{_x(url)}</link>"
                f'<guid isPermaLink="true">{_x(url)}</guid>'
                f"<pubDate>{_rfc822(SITE_EPOCH)}</pubDate></item>\n"
            )
        out.append("</channel></rss>\n")
        return "".join(out)

    def _atom(
        self, spec: m.FeedSpec, base: str, items: _Items, gone: bool, updated: datetime
    ) -> str:
        out = [
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n'
            f"<title>{_x(spec.title)}</title><id>{_x(base)}/</id>"
            f"<updated>{_w3c(updated)}</updated>"
            f'<link rel="self" href="{_x(base + spec.path)}"/>'
            f'<link rel="alternate" href="{_x(base)}/"/>'
            f"<author><name>{_x(spec.title)}</name></author>\n"
        ]
        for article, link in items:
            url = article.url(base)
            author = "".join(f"<author><name>{_x(a)}</name></author>" for a in article.authors)
            out.append(
                f"<entry><title>{_x(article.title)}</title>"
                f'<link rel="alternate" href="{_x(url + link.suffix)}"/><id>{_x(url)}</id>'
                f"<published>{article.published}</published>"
                f"<updated>{_w3c(self._lastmod_of(article))}</updated>{author}"
                f"<summary>{_x(article.lead)}</summary></entry>\n"
            )
        if gone:
            url = base + m.SPECIAL.gone
            out.append(
                f'<entry><title>{_x(m.GONE_TITLE)}</title><link rel="alternate" href="{_x(url)}"/>'
                f"<id>{_x(url)}</id><updated>{_w3c(SITE_EPOCH)}</updated></entry>\n"
            )
        out.append("</feed>\n")
        return "".join(out)

    def _rdf(
        self, spec: m.FeedSpec, base: str, items: _Items, gone: bool, updated: datetime
    ) -> str:
        rows = [
            (a.title, a.url(base), a.url(base) + link.suffix, a.published, a.lead)
            for a, link in items
        ]
        if gone:
            url = base + m.SPECIAL.gone
            rows.append((m.GONE_TITLE, url, url, _w3c(SITE_EPOCH), ""))
        seq = "".join(f'<rdf:li rdf:resource="{_x(link)}"/>' for _, _, link, _, _ in rows)
        out = [
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
            f'<channel rdf:about="{_x(base + spec.path)}"><title>{_x(spec.title)}</title>'
            f"<link>{_x(base)}/</link><description>{_x(spec.title)}</description>"
            f"<dc:date>{_w3c(updated)}</dc:date><items><rdf:Seq>{seq}</rdf:Seq></items>"
            "</channel>\n"
        ]
        for title, _, link, published, lead in rows:
            out.append(
                f'<item rdf:about="{_x(link)}"><title>{_x(title)}</title><link>{_x(link)}</link>'
                f"<description>{_x(lead)}</description><dc:date>{published}</dc:date></item>\n"
            )
        out.append("</rdf:RDF>\n")
        return "".join(out)

    def _news_sitemap(
        self, spec: m.FeedSpec, base: str, items: _Items, gone: bool, updated: datetime
    ) -> str:
        out = [
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
        ]
        for article, link in items:
            out.append(
                f"<url><loc>{_x(article.url(base) + link.suffix)}</loc>"
                f"<lastmod>{_w3c(self._lastmod_of(article))}</lastmod>"
                f"<news:news><news:publication><news:name>{_x(spec.title)}</news:name>"
                f"<news:language>{article.language}</news:language></news:publication>"
                f"<news:publication_date>{article.published}</news:publication_date>"
                f"<news:title>{_x(article.title)}</news:title></news:news></url>\n"
            )
        out.append("</urlset>\n")
        return "".join(out)

    def _pages_sitemap(
        self, spec: m.FeedSpec, base: str, items: _Items, gone: bool, updated: datetime
    ) -> str:
        rows = "".join(
            f"<url><loc>{_x(a.url(base) + link.suffix)}</loc>"
            f"<lastmod>{_w3c(self._lastmod_of(a))}</lastmod></url>\n"
            for a, link in items
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{rows}</urlset>\n'
        )

    def _sitemap_index(
        self, spec: m.FeedSpec, base: str, items: _Items, gone: bool, updated: datetime
    ) -> str:
        rows = []
        for child in spec.children:
            lastmod = max([self._lastmod_of(a) for a in m.listed_in(child)] or [SITE_EPOCH])
            rows.append(
                f"<sitemap><loc>{_x(base + child)}</loc><lastmod>{_w3c(lastmod)}</lastmod>"
                "</sitemap>\n"
            )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{''.join(rows)}</sitemapindex>\n"
        )

    def listing(self, number: int) -> tuple[bytes, datetime]:
        listing = m.LISTING
        articles = m.listing_articles(number)
        items = "".join(
            f'<div class="news_item_block"><a class="news_item" href="{html.escape(a.path)}">'
            f'<span class="news_title">{html.escape(a.title, quote=False)}</span></a>'
            f'<div class="date">{a.published_at.day} {_MONTHS[a.published_at.month - 1]} '
            f"{a.published_at.year}, {a.published_at:%H:%M}</div></div>\n"
            for a in articles
        )
        pager = []
        if number > 1:
            pager.append(
                f'<a rel="prev" class="prev" href="{html.escape(listing.page_path(number - 1))}">'
                "Previous</a>"
            )
        if number < listing.pages:
            pager.append(
                f'<a rel="next" class="next" href="{html.escape(listing.page_path(number + 1))}">'
                "Next</a>"
            )
        text = (
            '<html lang="en"><head><meta charset="utf-8">'
            f"<title>{listing.title} | BelTA</title></head>\n"
            f'<body><div class="main_menu">{_BELTA_NAV}</div>\n'
            f'<div class="content_margin"><h1 class="upper">{listing.title}</h1>\n'
            f'<div class="news_list">\n{items}</div>\n'
            f'<div class="pager">{" ".join(pager)}</div></div>\n'
            '<div class="also_read"><a href="/tags/un/">Also read: UN</a></div>'
            '<div class="footer">© BelTA</div></body></html>\n'
        )
        lastmod = max([self._lastmod_of(a) for a in articles] or [SITE_EPOCH])
        return text.encode("utf-8"), lastmod
