"""The day a page's extraction gives, for the date category tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from parsers import extract

URL = "https://example.org/a"
FETCHED = datetime(2026, 1, 1, tzinfo=UTC)


def published_day(html: str, url: str = URL) -> date | None:
    """``published_at``'s date (as the page prints it: its own offset), or None."""
    found = extract(html, url=url, fetched_at=FETCHED).published_at
    return None if found is None else found.date()
