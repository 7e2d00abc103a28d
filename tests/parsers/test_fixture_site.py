"""Every article page of the fixture press site (tests/site) parses to what its manifest says.

The pages are read from disk (no server); bytes go in as the fetcher would pass
them, with the sources file's timezone (Europe/Minsk) and BelTA's profile.
"""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from parsers import extract
from tests.site import PressSite
from tests.site.manifest import ARTICLES, BASE_PLACEHOLDER, LISTING, ArticleSpec

PAGES = Path(__file__).resolve().parent.parent / "site" / "pages"
BASE = "http://127.0.0.1:8080"
SPECS = [spec for spec in ARTICLES if (PAGES / spec.file).exists()]


@pytest.mark.parametrize("spec", SPECS, ids=[spec.key for spec in SPECS])
def test_fixture_page_matches_manifest(spec: ArticleSpec) -> None:
    raw = (PAGES / spec.file).read_bytes().replace(BASE_PLACEHOLDER.encode(), BASE.encode())
    profile = "belta" if spec.source == "belta" else None
    article = extract(raw, url=spec.url(BASE), profile=profile, timezone="Europe/Minsk")
    paragraphs = article.body.split("\n\n")
    assert article.title == spec.title
    assert article.published_at is not None
    if spec.date_only:
        assert article.published_at.date() == spec.published_at.date()
    else:
        assert article.published_at == spec.published_at
    assert paragraphs[0].startswith(spec.first_sentence)
    assert len(paragraphs) == spec.paragraphs
    assert (article.dateline_place, article.dateline_agency) == (
        spec.dateline_place,
        spec.dateline_agency,
    )
    assert article.language == spec.language
    assert article.authors == spec.authors
    assert article.canonical_url == spec.canonical_url(BASE)
    if spec.tags:
        assert article.tags == spec.tags
    if spec.section:
        assert article.section == spec.section
    assert article.kind == "article"


def test_fixture_site_has_pages() -> None:
    assert len(SPECS) >= 10


def test_fixture_listing_pages_are_listings(press_site: PressSite) -> None:
    for number in range(1, LISTING.pages + 1):
        url = press_site.url + LISTING.page_path(number)
        with urllib.request.urlopen(url, timeout=10) as response:
            raw = response.read()
        assert extract(raw, url=url, profile="belta").kind == "listing"
