"""The day a page's extraction gives, for the date category tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from parsers import extract
from tests.parsers.body_rule_pages import page

URL = "https://example.org/a"
FETCHED = datetime(2026, 1, 1, tzinfo=UTC)

STORY_URL = "https://news.example.org/story/"
UNPRINTED = "2019-11-13T09:30:00+01:00"
"""A declared publication the page prints nowhere (a CMS import): the 13th."""
STAMP = "2019-11-20T09:30:00+01:00"
"""A declared publication the page also declares as its modification (a build stamp): the 20th."""


def published_day(html: str, url: str = URL) -> date | None:
    """``published_at``'s date (as the page prints it: its own offset), or None."""
    found = extract(html, url=url, fetched_at=FETCHED).published_at
    return None if found is None else found.date()


def story_day(before: str, *, build_stamp: bool = False) -> int | None:
    """``published_at``'s day of ``body_rule_pages.page`` with ``before`` (HTML) over its story.

    The page's meta declares ``UNPRINTED`` as its publication (13), or with ``build_stamp``
    ``STAMP`` as both its publication and its modification (20); None when no date is read.
    """
    declared = STAMP if build_stamp else UNPRINTED
    html = page(before=before, published=declared)
    if build_stamp:
        modified = f'<meta property="article:modified_time" content="{STAMP}">'
        html = html.replace("</head>", f"{modified}</head>")
    found = extract(html, url=STORY_URL).published_at
    return None if found is None else found.day


def declared_days(before: str) -> tuple[int | None, int | None]:
    """:func:`story_day` over the unprinted declared 13th, and over the build stamp's 20th."""
    return story_day(before), story_day(before, build_stamp=True)


def undeclared_day(before: str) -> int | None:
    """``published_at``'s day of ``body_rule_pages.page`` with ``before`` over its story
    and no date declared; None when no date is read."""
    found = extract(page(before=before), url=STORY_URL).published_at
    return None if found is None else found.day
