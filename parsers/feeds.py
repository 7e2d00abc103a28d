"""Feed and sitemap parsing: RSS 2.0, RSS 1.0 (RDF), Atom, sitemaps and indexes.

Pure: bytes in, :class:`FeedItem` records out. XML goes through defusedxml, so
DTD entity declarations (billion laughs) and external entities (XXE) are
refused without being expanded or fetched.
"""

from __future__ import annotations

import email.utils
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XMLParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from parsers.dates import MIN_YEAR
from pressroom.errors import FeedError

FeedKind = Literal["rss", "rdf", "atom", "sitemap", "sitemapindex"]
MAX_ITEMS = 50_000  # a feed with more is truncated, not trusted wholesale


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One link found in a feed or sitemap (``is_feed`` for sitemap-index children)."""

    url: str
    title: str | None = None
    published_at: datetime | None = None
    modified_at: datetime | None = None
    is_feed: bool = False


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its kind and its items, in document order."""

    kind: FeedKind
    items: tuple[FeedItem, ...]
    truncated: bool = False


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


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


def parse_feed_date(value: str | None) -> datetime | None:
    """RFC 822 or ISO 8601 feed date as an aware datetime (naive ones taken as UTC)."""
    if not value:
        return None
    value = value.strip()
    parsed: datetime | None = None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if parsed is None or parsed.year < MIN_YEAR:
        return None  # a 1900 or year-1 date is a placeholder, not when a story ran
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _rss_item(item: Element) -> FeedItem | None:
    link = _text(_child(item, "link"))
    if not link:
        guid = _child(item, "guid")
        if guid is not None and guid.get("isPermaLink", "true").lower() != "false":
            link = _text(guid)
    if not link:
        return None
    published = parse_feed_date(_text(_child(item, "pubdate")) or _text(_child(item, "date")))
    modified = parse_feed_date(_text(_child(item, "modified")) or _text(_child(item, "updated")))
    return FeedItem(url=link, title=_text(_child(item, "title")), published_at=published,
                    modified_at=modified)


def _atom_entry(entry: Element) -> FeedItem | None:
    link = None
    for child in entry:
        if _local(child.tag) == "link" and child.get("rel", "alternate") == "alternate":
            link = child.get("href")
            if link:
                break
    if not link:
        return None
    published = parse_feed_date(_text(_child(entry, "published")))
    modified = parse_feed_date(_text(_child(entry, "updated")))
    return FeedItem(url=link.strip(), title=_text(_child(entry, "title")),
                    published_at=published or modified, modified_at=modified)


def _sitemap_url(node: Element, is_feed: bool) -> FeedItem | None:
    loc = _text(_child(node, "loc"))
    if not loc:
        return None
    modified = parse_feed_date(_text(_child(node, "lastmod")))
    title = None
    published = None
    news = _child(node, "news")
    if news is not None:  # Google News sitemap: keep its title and date
        title = _text(_child(news, "title"))
        published = parse_feed_date(_text(_child(news, "publication_date")))
    return FeedItem(url=loc, title=title, published_at=published, modified_at=modified,
                    is_feed=is_feed)


def parse_feed(data: bytes) -> Feed:
    """Parse any supported feed or sitemap; raise :class:`FeedError` otherwise."""
    # Many servers emit whitespace or a BOM before the XML declaration, which
    # XML forbids; browsers and feed readers forgive it, so do we.
    data = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not data:
        raise FeedError("empty feed")
    try:
        root = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True,
                                 forbid_external=True)
    except DefusedXmlException as exc:
        raise FeedError(f"hostile XML refused ({type(exc).__name__})") from exc
    except XMLParseError as exc:
        raise FeedError(f"not well-formed XML: {exc}") from exc
    except (ValueError, RecursionError) as exc:
        raise FeedError(f"unreadable XML: {exc}") from exc
    kind = _local(root.tag)
    items: list[FeedItem] = []
    truncated = False
    if kind == "rss":
        channel = _child(root, "channel")
        nodes = [] if channel is None else [c for c in channel if _local(c.tag) == "item"]
        result_kind: FeedKind = "rss"
    elif kind == "rdf":
        nodes = [c for c in root.iter() if _local(c.tag) == "item"]
        result_kind = "rdf"
    elif kind == "feed":
        nodes = [c for c in root if _local(c.tag) == "entry"]
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
    for node in nodes:
        if result_kind in ("rss", "rdf"):
            item = _rss_item(node)
        elif result_kind == "atom":
            item = _atom_entry(node)
        else:
            item = _sitemap_url(node, is_feed=result_kind == "sitemapindex")
        if item is not None:
            items.append(item)
    return Feed(kind=result_kind, items=tuple(items), truncated=truncated)
