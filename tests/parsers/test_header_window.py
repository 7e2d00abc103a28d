"""The header window when the headline sits far above the body (parsers/story_windows.py,
HEADER_BLOCKS_UNDER_TITLE): bylines and dates are read just under the headline and
just over the body, not from every block between."""

from __future__ import annotations

from parsers import extract
from tests.parsers.council_story import TEXT

NAV = "".join(f"<li><a href='/s{n}'>Section {n}</a></li>" for n in range(15))
# Other stories with their own bylines, listed between the headline and the body.
TEASERS = "".join(
    f"<li><a href='/t{n}'>Other story number {n} of the day</a></li><li>By {name}</li>"
    for n, name in enumerate(["Anna Berg", "Carl Dahl", "Eva Fors", "Gus Holm", "Ida Jung"]))
MORE = "".join(f"<li><a href='/m{n}'>Item {n}</a></li>" for n in range(35))


def _page(under_title: str = "", over_body: str = "") -> str:
    return (f"<html><body><h1>Council approves the tram plan</h1>{under_title}"
            f"<ul>{NAV}{TEASERS}{MORE}</ul><article>{over_body}"
            f"<p>Published 1 December 2026</p>{TEXT}</article></body></html>")


def test_a_teaser_list_between_headline_and_body_lends_no_byline() -> None:
    """Category "a list of other stories, with their bylines, between the headline and
    the body": a teaser's byline is not the story's (it was taken: Anna Berg)."""
    article = extract(_page(), url="https://example.org/news/tram")
    assert article.authors == ()
    assert article.published_at is not None and article.published_at.day == 1


def test_bylines_under_the_headline_and_over_the_body_are_still_read() -> None:
    url = "https://example.org/news/tram"
    assert extract(_page(under_title="<p>By Jane Doe</p>"), url=url).authors == ("Jane Doe",)
    assert extract(_page(over_body="<p>By Jane Doe</p>"), url=url).authors == ("Jane Doe",)
