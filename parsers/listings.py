"""Listing pages: the article links and the next pages they point to."""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.exceptions import ParserRejectedMarkup

from parsers.decode import decode_html
from pressroom.errors import ParseError


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
