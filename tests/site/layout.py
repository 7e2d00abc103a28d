"""Where things are on the fixture press site: fault routes, feeds, sitemaps, the listing."""

from __future__ import annotations

from tests.site.specs import FeedSpec, ListingSpec, Specials

SPECIAL = Specials()
ROBOTS_DISALLOW = "/private/"

# -- feeds ---------------------------------------------------------------------------

RSS = "/rss.xml"
ATOM = "/atom.xml"
RDF = "/rdf.xml"
SITEMAP_INDEX = "/sitemap.xml"
SITEMAP_NEWS = "/sitemap-news.xml"
SITEMAP_PAGES = "/sitemap-pages.xml"
BELTA_RSS = "/politics/rss.xml"
BELTA_SITEMAP = "/politics/sitemap-news.xml"

FEEDS: tuple[FeedSpec, ...] = (
    FeedSpec(RSS, "rss2", "Fixture Daily"),
    FeedSpec(ATOM, "atom", "Fixture Daily"),
    FeedSpec(RDF, "rdf", "Fixture Daily"),
    FeedSpec(SITEMAP_INDEX, "sitemap-index", "Fixture Daily", (SITEMAP_NEWS, SITEMAP_PAGES)),
    FeedSpec(SITEMAP_NEWS, "sitemap-news", "Fixture Daily"),
    FeedSpec(SITEMAP_PAGES, "sitemap", "Fixture Daily"),
    FeedSpec(BELTA_RSS, "rss2", "BelTA - Politics"),
    FeedSpec(BELTA_SITEMAP, "sitemap-news", "BelTA"),
)

LISTING = ListingSpec("/politics/", 3, ".news_list a.news_item", "Politics")
