"""JSON Feed (https://www.jsonfeed.org/version/1.1/, and version 1) to feed items.

Category "JSON Feed": press sites and blog engines serve it (``application/feed+json``,
``application/json``) beside or instead of RSS; it was refused as "not well-formed
XML". Per the spec: an item's ``url`` is its permalink; ``external_url`` points at
a page elsewhere (what a linkblog item talks about), so it is never the article;
with no ``url``, an ``id`` that is an http(s) URL is (the spec's advice is a URL
id), as an Atom ``<id>`` is. ``date_published``/``date_modified`` are RFC 3339;
``authors`` (1.1) or ``author`` (1) give names. JSON Feed 1.1's ``language``, the feed's
and an item's own, name the zones a zone abbreviation in a date is read in (the item's
first, then the feed's: parsers/feed_language.py); a value that is not a string is ignored.

Any JSON is input here: every field is checked for its type, and a value of the
wrong type is ignored, never trusted. Limits: the parsers' input size (as the XML
path has); nesting past the decoder's recursion limit (about 1,000 levels; a JSON
Feed needs five) and integers past Python's digit limit (4,300) refuse the feed.
The decoder finds both in linear time (a pre-scan for depth cost 18 times the
decoding on a string of backslashes).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import Any

from parsers.decode import decode_bytes
from parsers.feed_language import entry_zones, feed_zones
from parsers.limits import MAX_INPUT_CHARS
from pressroom.errors import FeedError

VERSION_PREFIXES = ("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")
HTTP_PREFIXES = ("http://", "https://")

DateParser = Callable[[str | None, tzinfo], datetime | None]


def looks_like_json(data: bytes) -> bool:
    """Whether ``data`` (after a BOM and whitespace) opens a JSON object.

    NULs are dropped from the head, so UTF-16 and UTF-32 (with a BOM or without) tell too;
    no XML document starts with ``{``."""
    head = data[:64]
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        head = head.removeprefix(bom)
    return head.replace(b"\0", b"").lstrip().startswith(b"{")


def _str(value: object) -> str | None:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return None


def _names(item: dict[str, Any]) -> tuple[str, ...]:
    """Author names: ``authors`` (1.1), else ``author`` (1)."""
    people = item.get("authors")
    if not isinstance(people, list):
        people = [item.get("author")]
    names = [_str(p.get("name")) for p in people if isinstance(p, dict)]
    return tuple(n for n in names if n)


def json_items(
    data: bytes, charset: str | None, tz: tzinfo, parse_date: DateParser, limit: int
) -> tuple[list[dict[str, Any]], bool, str | None]:
    """The first ``limit`` items of a JSON Feed as plain fields (url, title, dates,
    authors), whether the feed held more, and its ``next_url`` (the older items)."""
    if len(data) > MAX_INPUT_CHARS:
        raise FeedError(f"JSON feed too large ({len(data):,} bytes)")
    text = decode_bytes(data, ["utf-8", charset]).lstrip("\ufeff")
    try:
        doc = json.loads(text)
    except RecursionError as exc:
        raise FeedError("JSON feed nested too deeply") from exc
    except ValueError as exc:  # JSONDecodeError, or an integer past the digit limit
        raise FeedError(f"not well-formed JSON: {exc}") from exc
    if not isinstance(doc, dict):
        raise FeedError("not a JSON Feed: the document is not an object")
    version = doc.get("version")
    if not isinstance(version, str) or not version.strip().lower().startswith(VERSION_PREFIXES):
        raise FeedError("not a JSON Feed: no jsonfeed.org version")
    items = doc.get("items")
    if not isinstance(items, list):
        raise FeedError("not a JSON Feed: 'items' is not a list")
    out: list[dict[str, Any]] = []
    language = _str(doc.get("language"))
    with feed_zones(language):
        for item in items[:limit]:
            if not isinstance(item, dict):
                continue
            url = _str(item.get("url"))
            if url is None:
                ident = _str(item.get("id"))
                url = ident if ident and ident.lower().startswith(HTTP_PREFIXES) else None
            if url is None:
                continue  # an external_url alone points at another site's page
            with entry_zones(_str(item.get("language")), language):
                published = parse_date(_str(item.get("date_published")), tz)
                modified = parse_date(_str(item.get("date_modified")), tz)
            out.append(
                {
                    "url": url,
                    "title": _str(item.get("title")),
                    "authors": _names(item),
                    "published_at": published or modified,
                    "modified_at": modified,
                }
            )
    return out, len(items) > limit, _str(doc.get("next_url"))
