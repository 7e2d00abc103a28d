"""Publication dates by category, seventh pass (issue 17, d30): forms of a date the
page gives that were not read; each rule's case fails without it, guards pass both ways."""

from __future__ import annotations

from datetime import date

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
