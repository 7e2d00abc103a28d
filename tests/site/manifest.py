"""Frozen description of the fixture press site: articles, feeds, listings, sources.

Everything here is immutable; the server (``server.py``) builds its routes from it,
and tests assert parser/crawler output against it. Paths are site-relative; call
``spec.url(site.url)`` for an absolute URL on the live port.

The one name tests import (``from tests.site import manifest as m``): it gathers the spec
shapes (``specs``), the site's routes and feeds (``layout``) and its pages (``articles``),
and holds the sources and the lookups over them.
"""

from __future__ import annotations

from tests.site.articles import ARTICLES, GONE_LINKS, GONE_TITLE
from tests.site.layout import (
    ATOM,
    BELTA_RSS,
    BELTA_SITEMAP,
    FEEDS,
    LISTING,
    RDF,
    ROBOTS_DISALLOW,
    RSS,
    SITEMAP_INDEX,
    SITEMAP_NEWS,
    SITEMAP_PAGES,
    SPECIAL,
)
from tests.site.specs import (
    BASE_PLACEHOLDER,
    UTF8_HTML,
    ArticleSpec,
    FeedKind,
    FeedSpec,
    Link,
    ListingSpec,
    Route,
    SourceSpec,
    Specials,
)

__all__ = [
    "ARTICLES",
    "ATOM",
    "BASE_PLACEHOLDER",
    "BELTA_RSS",
    "BELTA_SITEMAP",
    "FEEDS",
    "GONE_LINKS",
    "GONE_TITLE",
    "LISTING",
    "RDF",
    "ROBOTS_DISALLOW",
    "RSS",
    "SITEMAP_INDEX",
    "SITEMAP_NEWS",
    "SITEMAP_PAGES",
    "SOURCES",
    "SPECIAL",
    "UTF8_HTML",
    "ArticleSpec",
    "FeedKind",
    "FeedSpec",
    "Link",
    "ListingSpec",
    "Route",
    "SourceSpec",
    "Specials",
    "by_key",
    "by_path",
    "feed",
    "for_source",
    "listed_in",
    "listing_articles",
    "source",
    "storable",
]

SOURCES: tuple[SourceSpec, ...] = (
    SourceSpec(
        "belta",
        (BELTA_RSS, BELTA_SITEMAP),
        (LISTING,),
        profile="belta",
        allowed_hosts=("eng.belta.by",),
    ),
    SourceSpec("fixture", (RSS, ATOM, RDF, SITEMAP_INDEX)),
)


def by_key(key: str) -> ArticleSpec:
    """The article spec called ``key``."""
    for spec in ARTICLES:
        if spec.key == key:
            return spec
    raise KeyError(key)


def by_path(path: str) -> ArticleSpec:
    """The article spec served at ``path``."""
    for spec in ARTICLES:
        if spec.path == path:
            return spec
    raise KeyError(path)


def for_source(name: str) -> tuple[ArticleSpec, ...]:
    """Every article discoverable by source ``name`` (whatever its route)."""
    return tuple(spec for spec in ARTICLES if spec.source == name)


def storable(name: str) -> tuple[ArticleSpec, ...]:
    """Articles of source ``name`` a correct crawl stores: all but slow (timeout) and private."""
    return tuple(spec for spec in for_source(name) if spec.route in ("ok", "flaky", "busy"))


def feed(path: str) -> FeedSpec:
    """The feed spec at ``path``."""
    for spec in FEEDS:
        if spec.path == path:
            return spec
    raise KeyError(path)


def listed_in(feed_path: str) -> tuple[ArticleSpec, ...]:
    """Articles a feed/sitemap lists, in feed order."""
    return tuple(spec for spec in ARTICLES if feed_path in spec.feeds)


def listing_articles(page: int) -> tuple[ArticleSpec, ...]:
    """Articles linked from listing page ``page``."""
    return tuple(spec for spec in ARTICLES if spec.listing_page == page)


def source(name: str) -> SourceSpec:
    """The source spec called ``name``."""
    for spec in SOURCES:
        if spec.name == name:
            return spec
    raise KeyError(name)
