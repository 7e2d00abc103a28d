"""Publication dates by category, seventh pass (issue 17, d30): forms of a date the
page gives that were not read; each rule's case fails without it, guards pass both ways."""

from __future__ import annotations

from datetime import UTC, date, datetime

from parsers.dates import find_date
from tests.parsers.published_day import published_day as _day

BODY = "<p>" + " ".join(["The story goes on with enough words to be a story."] * 8) + "</p>"
UNDATED = "https://example.org/a?p=123"


# Category "date in the canonical or AMP address" (TechCrunch, Euronews, Pravda, the Arena
# news sites): nothing declared or printed; the page was reached through an address
# without its day, and names its dated address in <link rel=canonical> or rel=amphtml.
def _addressed_page(links: str) -> str:
    return (
        f"<html lang='en'><head>{links}</head><body><article><h1>Vendors aim to stay"
        f" relevant</h1><p>By Jane Doe</p>{BODY * 6}</article></body></html>"
    )


def test_the_canonical_address_dates_a_page_that_prints_no_date() -> None:
    links = "<link rel='canonical' href='https://example.org/2024/04/28/vendors-aim/'>"
    assert _day(_addressed_page(links), UNDATED) == date(2024, 4, 28)


def test_the_amp_address_dates_a_page_that_prints_no_date() -> None:
    links = "<link rel='amphtml' href='/2025-06-23-we-love-romance/amp/'>"
    assert _day(_addressed_page(links), UNDATED) == date(2025, 6, 23)


def test_another_sites_address_dates_nothing() -> None:
    # Review k30: a canonical or AMP address on another host is another page's (a
    # syndicated copy names the original's): its day is not this page's, as the
    # pipeline believes no canonical on another host (README, "How it behaves").
    for links in ("<link rel='canonical' href='https://wire.example/2020/01/02/vendors/'>",
                  "<meta property='og:url' content='https://wire.example/2020/01/02/vendors/'>",
                  "<link rel='amphtml' href='https://wire.example/2020-01-02-vendors/amp/'>"):
        assert _day(_addressed_page(links), UNDATED) is None, links


def test_an_address_on_a_subdomain_of_the_site_dates_the_page() -> None:
    # The guard: an AMP copy on the site's amp. host is the site's own address.
    links = "<link rel='amphtml' href='https://amp.example.org/2025-06-23-romance/'>"
    assert _day(_addressed_page(links), UNDATED) == date(2025, 6, 23)


def test_an_address_longer_than_any_site_links_dates_nothing() -> None:
    # Review k30: a canonical of 2,049+ characters is a hostile page's, not an address.
    links = f"<link rel='canonical' href='https://example.org/2024/04/28/{'x' * 2100}/'>"
    assert _day(_addressed_page(links), UNDATED) is None


def test_the_pages_own_url_comes_before_its_canonical() -> None:
    # The guard: the address the page was fetched from says the day; the canonical's is
    # not asked (a syndicated copy names the original's address).
    links = "<link rel='canonical' href='https://example.org/2024/04/28/vendors-aim/'>"
    page = _addressed_page(links)
    assert _day(page, "https://example.org/2024/05/02/vendors-aim/") == date(2024, 5, 2)


def test_an_image_address_dates_nothing() -> None:
    # The guard: the photo's day (og:image /2024/04/28/) is not the story's.
    links = "<meta property='og:image' content='https://example.org/2024/04/28/photo.jpg'>"
    assert _day(_addressed_page(links), UNDATED) is None


# Category "hyphenated day-month-year" (press-release, Indian and archive pages: dev 0385's
# "19-Dec-2025", Google News pages' "8-Jan-2008"): the date was not read in that spelling.
def test_a_hyphenated_day_month_year_dates_the_story() -> None:
    html = (
        "<html lang='en'><head></head><body><article><h1>Board approves the results</h1>"
        f"<p>Posted On: 03-Dec-2024 5:32PM by PIB Delhi</p>{BODY * 6}</article></body></html>"
    )
    assert _day(html) == date(2024, 12, 3)


def test_a_number_ending_a_word_is_not_a_hyphenated_day() -> None:
    # The guard: "COVID-19-May 2020" is no 19 May; the spaced form is read as before.
    assert find_date("The COVID-19-May 2020 figures", UTC) is None
    assert find_date("Posted 19 May 2020", UTC) == datetime(2020, 5, 19, tzinfo=UTC)
