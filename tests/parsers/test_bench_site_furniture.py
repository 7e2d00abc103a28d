"""bench/site_furniture.py: a line other pages of the host print is furniture, only with them."""

from __future__ import annotations

from bench.site_furniture import furniture, measure, site_of, without
from parsers import extract

FOOTER = "Follow the Harbour Times on Telegram for the latest local news every day"


def _page(headline: str, story: str) -> str:
    return f"""<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>
<p>{story}</p>
<p>{FOOTER}</p>
</article></body></html>"""


BRIDGE = _page("Harbour bridge reopens", "The harbour bridge reopened to traffic on Thursday after "
               "four months of repairs to its deck, the city's transport office said, and buses "
               "return to the route next week.")
MARKET = _page("Fish market moves", "The fish market moves to the old customs shed in March, the "
               "council decided on Tuesday, after traders asked for a covered hall near the quay "
               "with room for forty stalls.")


def _lines(html: str) -> list[str]:
    return [line for line in extract(html, url="https://harbourtimes.example/a").body.split("\n\n")
            if line]


def test_shared_footer_is_furniture_only_with_the_other_page() -> None:
    bridge, market = _lines(BRIDGE), _lines(MARKET)
    assert FOOTER in bridge and FOOTER in market  # our extractor keeps it: the case measured
    alone = furniture(bridge, [], k=1, min_words=3)
    assert alone == set()
    shared = furniture(bridge, [market], k=1, min_words=3)
    assert len(shared) == 1
    kept = without(bridge, shared)
    assert FOOTER not in kept and kept  # the story line stays
    # K=2 asks for two other pages; a line shorter than min_words never decides.
    assert furniture(bridge, [market], k=2, min_words=3) == set()
    assert furniture(bridge, [market], k=1, min_words=20) == set()


def test_measure_leaves_the_page_itself_out_and_needs_two_other_pages() -> None:
    gold_bridge = _lines(BRIDGE)[:-1]
    page = {"site": "harbourtimes.example", "lines": _lines(BRIDGE), "gold": "\n".join(gold_bridge)}
    other = {"site": "harbourtimes.example", "lines": _lines(MARKET), "gold": ""}
    two = measure([page, other], k=1, min_words=3)
    assert two["host_pages"] == 0 and two["affected"] == 0  # one other page: no host measured
    three = measure([page, other, dict(other)], k=1, min_words=3)
    assert three["host_pages"] == 3 and three["affected"] == 3 and three["gold_lost"] == 0
    # One copy of the page itself is not evidence: a host of three different pages removes nothing.
    alone = {"site": "harbourtimes.example", "lines": ["Only here, a line of its own words"],
             "gold": ""}
    assert measure([page, alone, dict(alone, lines=["Another page, other words"])], 1, 3)[
        "affected"] == 0


def test_site_from_the_page_when_the_url_is_a_placeholder() -> None:
    html = '<html><head><link href="http://www.cbsnews.com/a/b/" rel="canonical"/></head></html>'
    assert site_of("http://fakehost/test/page.html", html, "dragnet/1") == "cbsnews.com"
    assert site_of("http://fakehost/test/page.html", "<html></html>",
                   "CleanPortalEval-master/bbc.co.uk_news_01") == "bbc.co.uk"
    assert site_of("https://www.example.org/x", "", "k") == "example.org"
    assert site_of("http://fakehost/test/page.html", "<html></html>", "k") == ""
