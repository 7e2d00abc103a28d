"""k44's attack on d44's "a short-year date another spelling settles" (``date_order``).

d44 read a two-digit-year date ("Posted 06/11/12") in the order that makes it a day the
page gives in another spelling, and asked that before the page's declared locale. The
other spelling may be any worded date of the story: a British page (en-GB) whose header
says "Posted 06/11/12" (6 November 2012) and whose story mentions "a consultation that
closed on June 11, 2012" was dated 11 June, five months off (before d44: 6 November).
A short year's reading is now asked only where the locale says nothing; a page declaring
no region still reads it as d44 made it (tests/parsers/test_date_d44_categories.py).
"""

from __future__ import annotations

from datetime import date

import pytest

from parsers import extract

MENTION = (
    "<p>The council said the consultation that closed on June 11, 2012 drew more than "
    "four hundred replies from residents across the borough.</p>"
)


def _published(lang: str, url: str) -> date | None:
    html = (
        f"<html lang='{lang}'><head><title>Consultation result</title></head><body><article>"
        f"<h1>Consultation result</h1><p>Posted 06/11/12</p>{MENTION * 6}</article></body></html>"
    )
    found = extract(html, url=url).published_at
    return None if found is None else found.date()


@pytest.mark.parametrize(
    ("lang", "url"),
    [
        ("en-GB", "https://www.localpaper.co.uk/news/consultation-result"),
        ("en-AU", "https://www.localpaper.com.au/news/consultation-result"),
    ],
)
def test_a_declared_day_first_locale_is_not_overridden_by_a_storys_date(
    lang: str, url: str
) -> None:
    # Fails without k44: 2012-06-11.
    assert _published(lang, url) == date(2012, 11, 6)


def test_a_us_page_reads_it_month_first_as_before() -> None:
    # Guard, both ways: en-US and the mention agree.
    assert _published("en-US", "https://www.localpaper.com/news/r") == date(2012, 6, 11)


def test_no_region_keeps_d44s_reading() -> None:
    # Guard, both ways: "en" alone says nothing; the story's worded day settles it (d44).
    assert _published("en", "https://www.localpaper.example.com/news/r") == date(2012, 6, 11)
