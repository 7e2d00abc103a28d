"""Listing pages: the article links and the next pages they point to; a home page's feeds."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.exceptions import ParserRejectedMarkup

from parsers.decode import decode_html
from pressroom.errors import ParseError

# Feed autodiscovery: the types a <link rel="alternate"> names a feed by.
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml",
                        "application/feed+json", "application/json"})
# Markup that opens an HTML page rather than a feed (after a BOM and whitespace).
HTML_START_RE = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)[\s>]",
    re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class ListingLinks:
    """Absolute-or-relative hrefs found on one listing page, in page order."""

    articles: tuple[str, ...]
    next_pages: tuple[str, ...]


def parse_listing(html: str | bytes, *, links: str, next_selector: str,
                  charset: str | None = None) -> ListingLinks:
    """Select article links with ``links`` and pagination links with ``next_selector``.

    Bytes are decoded as article pages are (``charset``: the HTTP header's). Category
    "every encoding a listing page may use": left to BeautifulSoup's own guessing, a
    euc-kr or shift_jis page holding one superset-only character (똠, 髙) gave no
    links at all, and a koi8-r or windows-1252 page labelled only by its header gave
    links with U+FFFD in their paths.
    """
    if isinstance(html, bytes):
        html = decode_html(html, charset)
    try:
        soup = BeautifulSoup(html, "lxml")
        found = [el.get("href") for el in soup.select(links)]
        nexts = [el.get("href") for el in soup.select(next_selector)]
    except (ParserRejectedMarkup, ValueError, RecursionError) as exc:
        raise ParseError(f"listing page could not be parsed: {exc}") from exc
    except Exception as exc:  # soupsieve raises its own SelectorSyntaxError
        if type(exc).__name__ == "SelectorSyntaxError":
            raise ParseError(f"bad CSS selector: {exc}") from exc
        raise
    return ListingLinks(
        articles=tuple(h.strip() for h in found if isinstance(h, str) and h.strip()),
        next_pages=tuple(h.strip() for h in nexts if isinstance(h, str) and h.strip()),
    )


def looks_like_html(data: bytes) -> bool:
    """Whether ``data`` opens as an HTML page (doctype, ``<html>`` or ``<head>``)."""
    return HTML_START_RE.match(data[:4096]) is not None


def feed_links(html: bytes, charset: str | None = None) -> tuple[str, ...]:
    """The feeds a page names with ``<link rel="alternate" type=...>``, in page order.

    Category "a site's home page named as its feed": RSS, Atom, RDF and JSON Feed
    (``application/feed+json``, or ``application/json`` as some generators write it)
    are found alike, as feed readers' autodiscovery finds them.
    """
    try:
        soup = BeautifulSoup(decode_html(html, charset), "lxml")
    except (ParserRejectedMarkup, ValueError, RecursionError) as exc:
        raise ParseError(f"page could not be parsed: {exc}") from exc
    found: list[str] = []
    for link in soup.find_all("link"):
        rel: str | list[str] = link.get("rel") or []
        rels = {r.lower() for r in (rel.split() if isinstance(rel, str) else rel)}
        kind = str(link.get("type") or "").split(";")[0].strip().lower()
        href = link.get("href")
        if "alternate" in rels and kind in FEED_TYPES and isinstance(href, str) and href.strip():
            found.append(href.strip())
    return tuple(dict.fromkeys(found))
