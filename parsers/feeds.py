"""Feed and sitemap parsing: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0, JSON Feed 1/1.1,
sitemaps and indexes.

Pure: bytes in, :class:`FeedItem` records out. Bytes become a tree in
parsers/feed_xml.py (encodings, the hardened XML guard, recovery of malformed
feeds); JSON Feed is read in parsers/feed_json.py; this module reads the XML
formats; parsers/feed_dates.py reads their dates (``parse_feed_date``, kept importable here)
and parsers/feed_language.py their declared languages. ``parse_feed`` raises only
``FeedError``.

Category "links the way the formats allow them" (each rule has a test in
tests/parsers/test_feed_links.py):

- Atom: the ``alternate`` link (``rel`` absent means alternate), an HTML one before
  other types; a ``<link>`` with its URL as text and no ``href``; never ``enclosure``,
  ``related``, ``replies`` (comments), ``edit`` or ``self``; with no alternate link, an
  ``<id>`` that is an http(s) URL.
- RSS: ``<link>`` (text, or ``href`` when a feed writes it Atom-style); else an
  ``atom:link`` alternate; else ``<guid>`` unless ``isPermaLink="false"`` (RSS 2.0: a
  permalink by default), taken when it is an http(s) URL or marked a permalink;
  ``<comments>`` is never the article.
- ``xml:base`` on the feed, channel, item or link element resolves relative links.

Category "feeds paged into the past" (RFC 5005; JSON Feed's ``next_url``): a feed that
lists only its newest items names the page of older ones as a feed-level
``<atom:link rel="next">`` (paged feeds) or ``rel="prev-archive"`` (archived feeds),
in an Atom feed or an RSS channel, or as ``next_url`` in a JSON Feed. ``Feed.next_url``
carries it (as written, resolved only against ``xml:base``); a backfill follows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Literal
from xml.etree.ElementTree import Element

from parsers.date_java import page_zones
from parsers.feed_dates import parse_feed_date
from parsers.feed_json import json_items, looks_like_json
from parsers.feed_language import (
    LANGUAGE_TAG_SET,
    XML_LANG,
    entry_zones,
    feed_language,
    feed_zones,
)
from parsers.feed_xml import gunzipped, parse_xml
from parsers.urls import join_url
from pressroom.errors import FeedError

FeedKind = Literal["rss", "rdf", "atom", "json", "sitemap", "sitemapindex"]
MAX_ITEMS = 50_000  # a feed with more is truncated, not trusted wholesale


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One link found in a feed or sitemap (``is_feed`` for sitemap-index children)."""

    url: str
    title: str | None = None
    published_at: datetime | None = None
    modified_at: datetime | None = None
    is_feed: bool = False
    authors: tuple[str, ...] = ()  # JSON Feed's authors (the XML formats' are not read)


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its kind and its items, in document order."""

    kind: FeedKind
    items: tuple[FeedItem, ...]
    truncated: bool = False
    next_url: str | None = None  # the page of older items (see "feeds paged into the past")


ATOM_NS = frozenset({"http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"})
# Namespaces of RSS's own <link> (an itunes:link or media:link is not the article).
RSS_NS = frozenset(
    {
        "",
        "http://purl.org/rss/1.0/",
        "http://my.netscape.com/rdf/simple/0.9/",
        "http://backend.userland.com/rss2",
        "http://blogs.law.harvard.edu/tech/rss",
    }
)
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
ALTERNATE = frozenset({"alternate", "http://www.iana.org/assignments/relation/alternate"})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
HTTP_PREFIXES = ("http://", "https://")
# The elements an entry's dates are in, by preference.
RSS_PUBLISHED, RSS_MODIFIED = ("pubdate", "date", "issued"), ("modified", "updated")
ATOM_PUBLISHED, ATOM_MODIFIED = ("published", "issued", "created"), ("updated", "modified")
# Feed-level links to older items: paged feeds' "next", archived feeds' "prev-archive".
OLDER_PAGE_RELS = ("next", "prev-archive")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _ns(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def _child(el: Element, name: str) -> Element | None:
    for child in el:
        if _local(child.tag) == name:
            return child
    return None


def _text(el: Element | None) -> str | None:
    if el is None:
        return None
    text = "".join(el.itertext()).strip()
    return text or None


def _join(base: str | None, url: str) -> str:
    """``url`` resolved against an ``xml:base`` (unchanged when there is none)."""
    url = url.strip()
    if not base:
        return url
    try:
        return join_url(base, url)
    except ValueError:  # a malformed base or URL ("Invalid IPv6 URL", "http:///x": no
        # host, f50): kept as written, for normalize_url to refuse
        return url


def _base(el: Element, inherited: str | None) -> str | None:
    """The ``xml:base`` in force inside ``el`` (a relative one resolves against the outer)."""
    own = el.get(XML_BASE)
    return _join(inherited, own) if own and own.strip() else inherited


def _first_text(el: Element, *names: str) -> str | None:
    for name in names:
        value = _text(_child(el, name))
        if value:
            return value
    return None


def _entry_dates(
    el: Element,
    tz: tzinfo,
    own: str | None,
    feed: str | None,
    published: tuple[str, ...],
    modified: tuple[str, ...],
) -> tuple[datetime | None, datetime | None]:
    """An entry's dates (the first of each list of element names), read in the zones its own
    language names, then the feed's (feed_language.entry_zones); no context without one."""
    if own and own.strip():
        with entry_zones(own, feed):
            return _entry_dates(el, tz, None, feed, published, modified)
    return (
        parse_feed_date(_first_text(el, *published), tz),
        parse_feed_date(_first_text(el, *modified), tz),
    )


def _guid_link(guid: Element, base: str | None) -> str | None:
    """RSS 2.0: a guid is a permalink unless ``isPermaLink="false"``; a non-URL one is not."""
    value = _text(guid)
    flag = next((v for k, v in guid.attrib.items() if k.lower() == "ispermalink"), None)
    if not value or (flag is not None and flag.strip().lower() == "false"):
        return None
    if flag is not None and flag.strip().lower() == "true":
        return _join(base, value)
    return value if value.lower().startswith(HTTP_PREFIXES) else None


def _atom_alternate(el: Element, base: str | None) -> str | None:
    """The entry's alternate link, an HTML one first; text when there is no ``href``."""
    best: str | None = None
    for child in el:
        if _local(child.tag) != "link":
            continue
        if (child.get("rel") or "alternate").strip().lower() not in ALTERNATE:
            continue  # enclosure, related, replies (comments), edit, self, via
        href = (child.get("href") or _text(child) or "").strip()
        if not href:
            continue
        url = _join(_base(child, base), href)
        if (child.get("type") or "text/html").strip().lower() in HTML_TYPES:
            return url
        best = best or url
    return best


def _atom_alternate_one(link: Element, base: str | None) -> str | None:
    rel = (link.get("rel") or "alternate").strip().lower()
    href = (link.get("href") or "").strip()
    return _join(_base(link, base), href) if rel in ALTERNATE and href else None


def _older_page(container: Element, base: str | None) -> str | None:
    """The feed-level Atom link to the page of older items, "next" before "prev-archive"."""
    found: dict[str, str] = {}
    for child in container:
        if _local(child.tag) != "link" or _ns(child.tag) not in ATOM_NS:
            continue
        rel = (child.get("rel") or "").strip().lower()
        href = (child.get("href") or "").strip()
        if rel in OLDER_PAGE_RELS and href and rel not in found:
            found[rel] = _join(_base(child, base), href)
    return next((found[rel] for rel in OLDER_PAGE_RELS if rel in found), None)


def _rss_item(item: Element, base: str | None, tz: tzinfo, feed: str | None) -> FeedItem | None:
    base = _base(item, base)
    link = atom_link = guid_link = own = None
    for child in item:
        name = _local(child.tag)
        if name == "language" and own is None and child.tag in LANGUAGE_TAG_SET:
            own = _text(child)  # the item's own <language>/<dc:language> (feed_language)
        elif name == "link":
            if _ns(child.tag) in ATOM_NS:
                atom_link = atom_link or _atom_alternate_one(child, base)
            elif link is None and _ns(child.tag) in RSS_NS:
                text = _text(child) or (child.get("href") or "").strip()
                link = _join(_base(child, base), text) if text else None
        elif name == "guid" and guid_link is None:
            guid_link = _guid_link(child, _base(child, base))
    url = link or atom_link or guid_link
    if not url:
        return None
    published, modified = _entry_dates(
        item, tz, own or item.get(XML_LANG), feed, RSS_PUBLISHED, RSS_MODIFIED
    )
    return FeedItem(
        url=url, title=_text(_child(item, "title")), published_at=published, modified_at=modified
    )


def _atom_entry(entry: Element, base: str | None, tz: tzinfo, feed: str | None) -> FeedItem | None:
    base = _base(entry, base)
    link = _atom_alternate(entry, base)
    if not link:
        # No alternate link: an id that is a web address is the entry's page.
        ident = _text(_child(entry, "id"))
        link = ident if ident and ident.lower().startswith(HTTP_PREFIXES) else None
    if not link:
        return None
    published, modified = _entry_dates(
        entry, tz, entry.get(XML_LANG), feed, ATOM_PUBLISHED, ATOM_MODIFIED
    )
    return FeedItem(
        url=link,
        title=_text(_child(entry, "title")),
        published_at=published or modified,
        modified_at=modified,
    )


def _sitemap_url(node: Element, is_feed: bool, tz: tzinfo) -> FeedItem | None:
    loc = _text(_child(node, "loc"))
    if not loc:
        return None
    modified = parse_feed_date(_text(_child(node, "lastmod")), tz)
    title = None
    published = None
    news = _child(node, "news")
    if news is not None:  # Google News sitemap: keep its title and date
        title = _text(_child(news, "title"))
        publication = _child(news, "publication")
        language = None if publication is None else _text(_child(publication, "language"))
        with page_zones([language]):
            published = parse_feed_date(_text(_child(news, "publication_date")), tz)
    return FeedItem(
        url=loc, title=title, published_at=published, modified_at=modified, is_feed=is_feed
    )


def parse_feed(data: bytes, charset: str | None = None, tz: tzinfo = UTC) -> Feed:
    """Parse any supported feed or sitemap; raise :class:`FeedError` otherwise.

    ``charset``: the HTTP header's, if any; ``tz``: the zone of dates printed without
    an offset (the source's ``timezone``)."""
    try:
        return _parse(data, charset, tz)
    except FeedError:
        raise
    except Exception as exc:
        # The contract is one exception type: a parser edge case on a hostile or
        # broken feed must not escape as something callers do not handle.
        raise FeedError(f"unreadable feed: {type(exc).__name__}: {exc}") from exc


def may_be_sitemap_index(data: bytes) -> bool:
    """Whether ``data`` may be a sitemap index, by a byte search, no parse: its root's name
    (any prefix) in the bytes, after a gzip file's inflation, or an encoding with NULs
    (UTF-16, UTF-32) a byte search cannot read. False for a plain sitemap, a feed or a page:
    an unchanged one is not parsed again to find children it cannot have (k51o: a 50,000-URL
    sitemap answering 304 each run cost 2.8 s of parse on the event loop, twice)."""
    try:
        data = gunzipped(data)
    except FeedError:
        return False
    return b"sitemapindex" in data or b"\x00" in data[:4]


def _parse(data: bytes, charset: str | None, tz: tzinfo) -> Feed:
    if not data.strip():
        raise FeedError("empty feed")
    data = gunzipped(data)
    if looks_like_json(data):
        entries, more, older = json_items(data, charset, tz, parse_feed_date, MAX_ITEMS)
        return Feed(
            kind="json", items=tuple(FeedItem(**e) for e in entries), truncated=more, next_url=older
        )
    root = parse_xml(data, charset)
    kind = _local(root.tag)
    base = _base(root, None)
    items: list[FeedItem] = []
    truncated = False
    next_url: str | None = None
    if kind == "rss":
        channel = _child(root, "channel")
        nodes = [] if channel is None else [c for c in channel if _local(c.tag) == "item"]
        base = base if channel is None else _base(channel, base)
        next_url = None if channel is None else _older_page(channel, base)
        result_kind: FeedKind = "rss"
    elif kind == "rdf":
        nodes = [c for c in root.iter() if _local(c.tag) == "item"]
        result_kind = "rdf"
    elif kind == "feed":
        nodes = [c for c in root if _local(c.tag) == "entry"]
        next_url = _older_page(root, base)
        result_kind = "atom"
    elif kind == "urlset":
        nodes = [c for c in root if _local(c.tag) == "url"]
        result_kind = "sitemap"
    elif kind == "sitemapindex":
        nodes = [c for c in root if _local(c.tag) == "sitemap"]
        result_kind = "sitemapindex"
    else:
        raise FeedError(f"unknown feed type <{kind}>")
    if len(nodes) > MAX_ITEMS:
        nodes, truncated = nodes[:MAX_ITEMS], True
    language = None
    if not result_kind.startswith("sitemap"):
        channel = None if result_kind == "atom" else _child(root, "channel")
        language = feed_language(root, channel)
    with feed_zones(language):
        for node in nodes:
            if result_kind in ("rss", "rdf"):
                item = _rss_item(node, base, tz, language)
            elif result_kind == "atom":
                item = _atom_entry(node, base, tz, language)
            else:
                item = _sitemap_url(node, result_kind == "sitemapindex", tz)
            if item is not None:
                items.append(item)
    return Feed(kind=result_kind, items=tuple(items), truncated=truncated, next_url=next_url)
