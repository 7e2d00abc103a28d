"""A feed's and an entry's declared language, and the zones they name for the feed's dates.

Used for one thing: reading a zone abbreviation in a feed date ("12:45:00 CST", which
``email.utils`` reads as US Central while China's servers print it too) in the zones the
declaration names (``date_java.page_zones``, as ``extract`` does for a page; z41b). Nothing
else in Pressroom reads a feed's language: the ``Article``'s language is the page's own
(declared, else identified, else the source's ``language``).

Category "a feed's declared language" (z41b): RSS's and RDF's channel ``<language>`` or
``<dc:language>``, else ``xml:lang`` on the channel or the root (Atom's); JSON Feed 1.1's
top-level ``language`` (f42).

Category "an entry's own language in a multilingual feed" (f42, issue 17): an RSS item's
``<language>``/``<dc:language>`` (feedparser's ``entries[i].language``), else the item's or
Atom entry's ``xml:lang``, a JSON Feed 1.1 item's ``language``. The entry's tag is read
first, then the feed's, as one list (``page_zones``): a tag naming no zone ("en") leaves the
feed's; two that name zones spelling the abbreviation differently are evidence against
evidence (a "zh-CN" feed's "en-US" entry: "CST" stays ``ZONE_HOURS``' US Central), and where
``ZONE_HOURS`` names neither reading, the entry's zone is the reading. An empty ``xml:lang``
(XML's "no language information") declares nothing: the feed's holds, since the zone is the
feed's server's, not the entry's text's.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from xml.etree.ElementTree import Element

from parsers.date_java import page_zones

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Namespaces RSS's own elements are written in (feeds.RSS_NS), and Dublin Core's.
_RSS_NAMESPACES = (
    "",
    "http://purl.org/rss/1.0/",
    "http://my.netscape.com/rdf/simple/0.9/",
    "http://backend.userland.com/rss2",
    "http://blogs.law.harvard.edu/tech/rss",
)
# A channel's or item's language element: RSS's own <language> in each namespace RSS is
# written in, RDF's and some RSS 2.0 feeds' <dc:language>.
LANGUAGE_TAGS = (
    *(f"{{{ns}}}language" if ns else "language" for ns in _RSS_NAMESPACES),
    "{http://purl.org/dc/elements/1.1/}language",
)
LANGUAGE_TAG_SET = frozenset(LANGUAGE_TAGS)
NO_ZONES: AbstractContextManager[None] = nullcontext()  # reentrant; one for every entry


def _text(el: Element) -> str | None:
    text = "".join(el.itertext()).strip()
    return text or None


def feed_language(root: Element, channel: Element | None) -> str | None:
    """The feed's declared language: the channel's language element, else ``xml:lang`` on
    the channel or the root (Atom's ``<feed>``, RDF's root)."""
    if channel is None:
        return root.get(XML_LANG)
    # Element.find by exact tag (C, no walk in Python over every item: bench/feeds.py's speed).
    for tag in LANGUAGE_TAGS:
        found = channel.find(tag)
        if found is not None:
            return _text(found) or channel.get(XML_LANG) or root.get(XML_LANG)
    return channel.get(XML_LANG) or root.get(XML_LANG)


def feed_zones(language: str | None) -> AbstractContextManager[None]:
    """The feed's zones around all its entries; nothing set without a language (speed)."""
    return page_zones([language]) if language and language.strip() else nullcontext()


def entry_zones(own: str | None, feed: str | None) -> AbstractContextManager[None]:
    """An entry's zones, its own tag first, then the feed's, inside ``feed_zones(feed)``:
    nothing to set when the entry declares nothing or what the feed declares."""
    if not own or not (own := own.strip()) or own.lower() == (feed or "").strip().lower():
        return NO_ZONES
    return page_zones([own, feed])
