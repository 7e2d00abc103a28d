"""Publication date from the URL and from the header's print: dates in paths (digits or a
month in words), a numeric date over a sidebar of other posts' dates, CJK dates and the
month names of more press languages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from parsers import extract
from tests.parsers.test_published import BODY, FETCHED, PARAGRAPHS, _page, _published

# --- issue 17: no date where the page has one -----------------------------------
# Category: pages that declare nothing and print the date only in the URL.


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/2019/11/16/council-budget/", datetime(2019, 11, 16, tzinfo=UTC)),
        ("https://example.org/news/20191116/council-budget", datetime(2019, 11, 16, tzinfo=UTC)),
        ("https://example.org/news/council-budget-20191116.html",
         datetime(2019, 11, 16, tzinfo=UTC)),
        # A product number is not a date.
        ("https://example.org/news/item-99999999/", None),
    ],
)
def test_url_date_when_the_page_has_no_other(url: str, expected: datetime | None) -> None:
    html = _page("", "Ann Poe")
    assert extract(html, url=url, fetched_at=FETCHED).published_at == expected


# Category: blog engines that spell the month in the path (/2023/october/03/).
def test_url_with_the_month_in_words() -> None:
    url = "https://example.org/blog/2023/october/03/how-many-wine-styles/"
    assert extract(_page("", "Ann Poe"), url=url, fetched_at=FETCHED).published_at == (
        datetime(2023, 10, 3, tzinfo=UTC)
    )


# Category: a story dated only 03/10/2023 over a sidebar of other posts' dates.
SIDEBAR = "".join(
    f"<li><a href='/blog/{n}'>Another post number {n} with a title</a>"
    f"<div class='post-date'>{n} February 2025</div></li>"
    for n in range(10, 17)
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # Nothing settles the order: no date, rather than a sidebar post's date.
        ("https://example.org/blog/how-many-wine-styles/", None),
        # The URL spells the same day: it settles the order of the printed one.
        ("https://example.org/blog/2023/october/03/how-many-wine-styles/",
         datetime(2023, 10, 3, tzinfo=UTC)),
    ],
)
def test_unsettled_numeric_header_date_is_not_replaced_by_furniture(
    url: str, expected: datetime | None
) -> None:
    html = (
        "<html lang='en'><head></head><body><article><h1>A headline for the test</h1>"
        f"<div class='blog-date'>03/10/2023</div>{BODY}{PARAGRAPHS}</article>"
        f"<aside><ul>{SIDEBAR}</ul></aside></body></html>"
    )
    assert extract(html, url=url, fetched_at=FETCHED).published_at == expected


# Second pass on the open web (issue 17, t19): categories the probes found missing.


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("发布时间：2019年11月16日 14:30", datetime(2019, 11, 16, 14, 30, tzinfo=UTC)),
        ("2019年11月16日(土) 14時30分", datetime(2019, 11, 16, 14, 30, tzinfo=UTC)),
        ("입력 2019년 11월 16일 14:30", datetime(2019, 11, 16, 14, 30, tzinfo=UTC)),
        ("2019年11月16日", datetime(2019, 11, 16, tzinfo=UTC)),
    ],
)
def test_cjk_header_dates(printed: str, expected: datetime) -> None:
    # Category "CJK dates": year 年 month 月 day 日, and the Korean 년 월 일.
    assert _published(_page("", printed)) == expected


@pytest.mark.parametrize(
    ("printed", "month"),
    [
        ("16 settembre 2019", 9),  # Italian
        ("16 de novembro de 2019", 11),  # Portuguese
        ("16 maart 2019", 3),  # Dutch
        ("16 listopada 2019", 11),  # Polish
        ("16 листопада 2019", 11),  # Ukrainian
        ("16 maggio 2019", 5),
    ],
)
def test_month_names_of_more_press_languages(printed: str, month: int) -> None:
    # Category "month names of more press languages": the header prints the day in words.
    found = _published(_page("", f"Ann Poe | {printed}"))
    assert found is not None and (found.year, found.month, found.day) == (2019, month, 16)


def test_a_url_with_year_then_month_and_day_together() -> None:
    # Category "URL dates": /2019/1116/ as Chinese portals write it.
    url = "https://world.example.cn/n1/2019/1116/c1002-31459143.html"
    html = _page("", "Ann Poe")
    found = extract(html, url=url, fetched_at=FETCHED).published_at
    assert found is not None and found.date().isoformat() == "2019-11-16"
