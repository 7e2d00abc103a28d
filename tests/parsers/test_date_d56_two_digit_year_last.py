"""d56 (issue 17): category "a two-digit year on a page in a language that writes it last".

htmldate's unit tests (``bench/date_snippets.py``) expect "Last updated: 23/01/21" and
"Published 5/5/20" to be 2021-01-23 and 2020-05-05. We read a two-digit year only where one
reading is left (``date_fields._short_year``): "23/01/21" is 23 January 2021 with the year last
and 2023-01-21 with it first (the Japanese, Chinese, Korean, Hungarian, Swedish short form), so
a page declaring only "en" (no region: its day/month order unknown) gave no date. No English
spelling puts a two-digit year first: on a page whose languages all write it last (declared, or
identified from the text), the year-first reading is dropped; the day/month order is still
the page's evidence's (issue 17: never a fixed day-first or month-first rule).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.parsers.body_rule_pages import page
from tests.parsers.published_day import published_day


def _page(line: str, lang: str) -> str:
    html = page(before=f"<p><em>{line}</em></p>")
    return html.replace("<html>", f'<html lang="{lang}">' if lang else "<html>", 1)


# Each fails on main (no date).
@pytest.mark.parametrize(
    ("line", "lang", "day"),
    [
        ("Last updated: 23/01/21", "en", date(2021, 1, 23)),
        ("Published: 5/5/20", "en", date(2020, 5, 5)),
        ("Posted 23.01.21", "en", date(2021, 1, 23)),
    ],
)
def test_year_last_where_the_language_writes_it_last(line: str, lang: str, day: date) -> None:
    assert published_day(_page(line, lang)) == day


# Guards (hold on main and after).
@pytest.mark.parametrize(
    ("line", "lang", "day"),
    [
        # A year-first language: 21/01/23 may be 2021-01-23; nothing settles it.
        ("Posted 21/01/23", "ja", None),
        ("Posted 23/01/21", "ko", None),
        # The day/month order is still open on an "en" page: 06/05/20 is June or May.
        ("Published: 06/05/20", "en", None),
        # A region settles it.
        ("Published: 06/05/20", "en-US", date(2020, 6, 5)),
        ("Published: 06/05/20", "en-GB", date(2020, 5, 6)),
    ],
)
def test_year_last_guards(line: str, lang: str, day: date | None) -> None:
    assert published_day(_page(line, lang)) == day
