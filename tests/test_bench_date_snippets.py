"""bench/date_snippets.py (d56): the asserts of a unit-test file are read statically (never
run), a snippet bound to a name earlier in the function is followed, options we do not have
are noted or skipped with their reason, and each case is sorted by agreement."""

from __future__ import annotations

from datetime import date

from bench.date_snippets import agreement, cases, form, ours, shape

# A unit-test file of our own in htmldate's layout (not htmldate's text).
SOURCE = '''
def test_pages():
    assert find_date(
        '<html><head><meta name="DC.Issued" content="2021-07-13"></head></html>'
    ) == "2021-07-13"
    page = "<html><body><p>Posted 5/5/20</p></body></html>"
    assert find_date(page, extensive_search=False) == "2020-05-05"
    page = '<html><head><meta property="og:updated_time" content="2017-09-01"></head></html>'
    assert find_date(page, original_date=False) == "2017-09-01"
    assert find_date("<html><body>XYZ</body></html>", url="https://ex.org/2016/07/12/a") is None
    assert find_date(page, min_date="2000-01-01") is None
    assert find_date("<" * 100) is None
    assert cli_examine("<html></html>", args) is None
    assert search_page("<html><body>(c) 2013</body></html>", options) == "2013-01-01"
    assert find_date(page) is not None
'''


def test_cases_are_read_statically_with_their_options_and_skips() -> None:
    found, skipped = cases(SOURCE)
    assert [(c.entry, c.expected) for c in found] == [
        ("find_date", date(2021, 7, 13)),
        ("find_date", date(2020, 5, 5)),
        ("find_date", date(2017, 9, 1)),
        ("find_date", None),
        ("search_page", date(2013, 1, 1)),
    ]
    assert "5/5/20" in found[1].html and found[1].options == {"extensive_search": False}
    assert "og:updated_time" in found[2].html  # the name's latest binding
    assert found[3].url == "https://ex.org/2016/07/12/a"
    assert skipped == {
        "option we do not have: min_date": 1,
        "first argument not a string ('<' * 100)": 1,
        "cli_examine (the CLI's wrapper of find_date)": 1,
        "expected value not a day or None (None)": 1,
    }


def test_cases_are_sorted_by_agreement_shape_and_form() -> None:
    found, _ = cases(SOURCE)
    results = [agreement(c.expected, ours(c)) for c in found]
    # The URL's day where htmldate expects none: "they none we some".
    assert results == ["same day", "we none", "we none", "they none we some", "we none"]
    assert [shape(c) for c in found] == [
        "meta element",
        "free text",
        "original-vs-updated",
        "url parameter",
        "free text",
    ]
    assert form(found[1]) == "two-digit year"
    assert form(found[4]) == "year only"
