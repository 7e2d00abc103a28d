"""Publication dates in citation metadata written NLM-style (issue 17, session 37):
scholarly pages (PubMed Central, journals following the NLM/MEDLINE citation style) declare
``citation_publication_date`` as "2023 Jan 7". The rule's cases fail without it (None); the
guards pass both ways."""

from __future__ import annotations

from datetime import date

import pytest

from parsers import extract

BODY = "<p>" + " ".join(["The study goes on with enough words to be an article."] * 8) + "</p>"
URL = "https://journals.example.org/articles/PMC1234567/"


def _day(meta: str) -> date | None:
    html = (
        f'<html lang="en"><head><meta name="citation_publication_date" content="{meta}">'
        '<meta name="citation_title" content="Tram lines and air quality"></head><body>'
        f"<article><h1>Tram lines and air quality</h1>{BODY * 6}</article></body></html>"
    )
    found = extract(html, url=URL).published_at
    return None if found is None else found.date()


@pytest.mark.parametrize(
    ("meta", "day"),
    [
        ("2023 Jan 7", date(2023, 1, 7)),
        ("2023 January 7", date(2023, 1, 7)),
        ("2019 Nov. 16", date(2019, 11, 16)),
        ("2021 sep 30", date(2021, 9, 30)),
    ],
)
def test_an_nlm_style_citation_date_is_read(meta: str, day: date) -> None:
    assert _day(meta) == day


# Guards: a month alone gives no day; a day that does not exist, or words around the date,
# are not this spelling (the page's other evidence, here none, decides).
@pytest.mark.parametrize("meta", ["2023 Jan", "2023 Feb 30", "Vol 12, 2023 Jan 7; 45(3)"])
def test_no_day_from_a_month_alone_or_a_citation_line(meta: str) -> None:
    assert _day(meta) is None
