"""Listing pages: the article links and the next pages they point to."""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.exceptions import ParserRejectedMarkup

from pressroom.errors import ParseError


@dataclass(frozen=True, slots=True)
class ListingLinks:
    """Absolute-or-relative hrefs found on one listing page, in page order."""

    articles: tuple[str, ...]
    next_pages: tuple[str, ...]


def parse_listing(html: str | bytes, *, links: str, next_selector: str) -> ListingLinks:
    """Select article links with ``links`` and pagination links with ``next_selector``."""
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
