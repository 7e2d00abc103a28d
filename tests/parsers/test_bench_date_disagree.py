"""bench/date_disagree.py sorts each page by what pressroom and htmldate say (d43)."""

from __future__ import annotations

import pytest

from bench.date_disagree import ours, sort


@pytest.mark.parametrize(
    ("we", "they", "kind"),
    [
        (None, "2012-11-06", "they_only"),
        ("2012-11-06", "2012-06-11", "differ"),
        ("2012-11-06", None, "we_only"),
        ("2012-11-06", "2012-11-06", "same"),
        (None, None, "neither"),
    ],
)
def test_each_page_falls_in_one_class(we: str | None, they: str | None, kind: str) -> None:
    assert sort(we, they) == kind


def test_our_day_is_read_in_the_offset_published_at_carries() -> None:
    # 23:30 at -05:00 is the next day in UTC; the page's own day is the one compared.
    html = (
        '<html lang="en"><head><meta property="article:published_time" '
        'content="2024-02-09T23:30:00-05:00"><title>A story</title></head><body><h1>A story'
        "</h1><p>" + "The council voted late on Friday night to keep the tram. " * 20 + "</p>"
        "</body></html>"
    )
    assert ours(html, "https://news.example.com/a-story") == "2024-02-09"
