"""The shapes the fixture press site is described in (``manifest`` holds the values).

An ``ArticleSpec`` is what a correct crawl and parse of one page must produce; ``FeedSpec``,
``ListingSpec`` and ``SourceSpec`` describe the feeds, paginated listings and sources file.
All frozen. Paths are site-relative; ``spec.url(site.url)`` gives the URL on the live port.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Route = Literal["ok", "flaky", "busy", "slow", "private"]
FeedKind = Literal["rss2", "atom", "rdf", "sitemap-index", "sitemap-news", "sitemap"]

BASE_PLACEHOLDER = "@@BASE@@"
"""Written in page files where the live base URL goes (og:url, canonical)."""

UTF8_HTML = "text/html; charset=utf-8"


@dataclass(frozen=True, slots=True)
class Link:
    """One appearance of an article in a feed or sitemap (``suffix``: tracking/fragment)."""

    feed: str
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class ArticleSpec:
    """What a correct crawl + parse of one article page must produce."""

    key: str
    path: str
    file: str
    title: str
    published: str
    """ISO 8601 with offset. When ``date_only`` the page prints only a date; compare ``.date()``."""
    first_sentence: str
    """First body sentence exactly as printed, dateline included."""
    source: str
    """Name of the ``SourceSpec`` that discovers it (``"belta"`` or ``"fixture"``)."""
    paragraphs: int
    """Body paragraphs the generic extractor keeps; excludes printed date lines and boilerplate."""
    dateline: str | None = None
    """The dateline prefix of ``first_sentence`` (e.g. ``"MINSK, 16 November (BelTA) - "``)."""
    dateline_place: str | None = None
    dateline_agency: str | None = None
    date_only: bool = False
    encoding: str = "utf-8"
    content_type: str = UTF8_HTML
    language: str = "en"
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    section: str | None = None
    canonical: str | None = None
    """Canonical URL the page declares; may start with ``BASE_PLACEHOLDER``; None = own URL."""
    links: tuple[Link, ...] = ()
    listing_page: int | None = None
    route: Route = "ok"

    @property
    def published_at(self) -> datetime:
        """``published`` as an aware datetime."""
        return datetime.fromisoformat(self.published)

    @property
    def lead(self) -> str:
        """``first_sentence`` without its dateline."""
        if self.dateline and self.first_sentence.startswith(self.dateline):
            return self.first_sentence[len(self.dateline) :]
        return self.first_sentence

    @property
    def feeds(self) -> tuple[str, ...]:
        """Feed/sitemap paths that list this article."""
        return tuple(link.feed for link in self.links)

    def url(self, base: str) -> str:
        """Absolute URL of the page on the site at ``base``."""
        return base.rstrip("/") + self.path

    def canonical_url(self, base: str) -> str:
        """Absolute canonical URL the page declares (its own URL when it declares none)."""
        if self.canonical is None:
            return self.url(base)
        return self.canonical.replace(BASE_PLACEHOLDER, base.rstrip("/"))


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """A generated feed or sitemap."""

    path: str
    kind: FeedKind
    title: str
    children: tuple[str, ...] = ()
    """For a sitemap index: the child sitemap paths."""


@dataclass(frozen=True, slots=True)
class ListingSpec:
    """A paginated listing: ``path``, ``path?page=2``, ... up to ``pages``."""

    path: str
    pages: int
    selector: str
    title: str

    def page_path(self, page: int) -> str:
        """Site path of listing page ``page`` (1-based)."""
        return self.path if page == 1 else f"{self.path}?page={page}"


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """One ``[[source]]`` of the sources file written by ``sources.write_sources_toml``."""

    name: str
    feeds: tuple[str, ...]
    listings: tuple[ListingSpec, ...] = ()
    profile: str | None = None
    allowed_hosts: tuple[str, ...] = ()
    """The agency's own public host: its pages declare canonical links there, which the
    pipeline trusts only for a source whose hosts include it (issue 14)."""


@dataclass(frozen=True, slots=True)
class Specials:
    """Paths of the fault routes."""

    gone: str = "/gone/"
    flaky: str = "/flaky/"
    busy: str = "/busy/"
    slow: str = "/slow/"
    private: str = "/private/secret/"
