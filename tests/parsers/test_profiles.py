"""Profiles: lookup, and the BelTA page the fixture site serves."""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import soupsieve

from parsers import PROFILES, extract, get_profile
from parsers.profiles import Profile

SEED = Path(__file__).parent / "data" / "belta_seed.txt"
URL = "https://eng.belta.by/politics/view/belarus-sponsored-resolution-125887-2019/"


def seed() -> tuple[str, str]:
    """Title and body of the seed article (first line: ``date YYYY-MM-DD <title>``)."""
    first, _, rest = SEED.read_text(encoding="utf-8").partition("\n")
    title = first.strip().split(" ", 2)[2]
    return title, rest.strip()


def belta_page(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in body.split("\n\n"))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | BelTA</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:url" content="{URL}">
</head><body>
<div class="main_menu"><a href="/">Main</a> <a href="/politics/">Politics</a>
<a href="/economics/">Economics</a> <a href="/society/">Society</a></div>
<div class="content_margin"><div class="rubric_link"><a href="/politics/">Politics</a></div>
<h1 class="upper">{html.escape(title)}</h1>
<div class="date_full">16 November 2019, 10:45</div>
<div class="js-mediator-article">{paragraphs}</div>
<div class="news_tags_block"><a href="/tags/un/">UN</a> <a href="/tags/mfa/">MFA</a></div>
</div>
<div class="also_read"><a href="/politics/view/other-1/">Lukashenko meets the UN envoy today</a>
<a href="/politics/view/other-2/">Another headline that is long enough to score</a></div>
<div class="footer">© BelTA, 1998-2019. All rights reserved. Reproduction is prohibited.</div>
</body></html>"""


def test_belta_fixture_page_extracts_the_seed_exactly() -> None:
    title, body = seed()
    article = extract(belta_page(title, body), url=URL, profile="belta")
    assert article.body == body
    assert article.title == title
    assert article.published_at == datetime(2019, 11, 16, 10, 45, tzinfo=ZoneInfo("Europe/Minsk"))
    assert (article.dateline_place, article.dateline_agency) == ("MINSK", "BelTA")
    assert article.section == "Politics"
    assert article.tags == ("UN", "MFA")
    assert article.language == "en"
    assert article.kind == "article"
    assert article.source == "belta"
    assert article.canonical_url == URL


def test_belta_page_without_profile_still_finds_body_and_date() -> None:
    title, body = seed()
    article = extract(belta_page(title, body), url=URL, timezone="Europe/Minsk")
    assert article.body == body
    assert article.title == title
    assert article.published_at == datetime(2019, 11, 16, 10, 45, tzinfo=ZoneInfo("Europe/Minsk"))


def test_profile_selectors_that_miss_fall_back_to_generic() -> None:
    title, body = seed()
    page = belta_page(title, body).replace("js-mediator-article", "story-text").replace(
        "date_full", "when"
    )
    article = extract(page, url=URL, profile="belta")
    assert article.body == body
    assert article.published_at == datetime(2019, 11, 16, 10, 45, tzinfo=ZoneInfo("Europe/Minsk"))


def test_get_profile_knows_the_three_sources_and_names_them_on_a_miss() -> None:
    assert set(PROFILES) == {"belta", "un_press", "mfa_by"}
    assert get_profile("un_press").timezone == "America/New_York"
    with pytest.raises(LookupError, match="belta"):
        get_profile("nope")


def test_profile_object_is_accepted_and_its_timezone_used() -> None:
    custom = Profile(name="custom", published="div.date_full", timezone="Asia/Tokyo")
    title, body = seed()
    article = extract(belta_page(title, body), url=URL, profile=custom)
    assert article.published_at == datetime(2019, 11, 16, 10, 45, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert article.source == "custom"


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_profile_selectors_are_valid_css(name: str) -> None:
    profile = get_profile(name)
    selectors = [
        profile.title, profile.body, profile.published, profile.authors, profile.tags,
        profile.section, *profile.drop,
    ]
    for selector in selectors:
        if selector:
            soupsieve.compile(selector)
    assert profile.timezone is None or profile.timezone.count("/") == 1


def test_un_press_profile_drops_the_closing_disclaimer() -> None:
    raw = (Path(__file__).parents[1] / "site" / "pages" / "un_gashc4283.html").read_bytes()
    url = "https://press.un.org/en/2019/gashc4283.doc.htm"
    generic = extract(raw, url=url)
    profiled = extract(raw, url=url, profile="un_press")
    assert generic.body.endswith("Not an official record.")
    assert "Not an official record" not in profiled.body
    assert profiled.body.startswith("UNITED NATIONS, 15 November")
