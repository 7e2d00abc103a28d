"""Publication dates by category, fourth pass (issue 17, d24): misses of the fundus and
URL-day sets that generalise; each rule's case fails without it, guards pass both ways."""

from __future__ import annotations

from datetime import date

from tests.parsers.published_day import published_day as _day

BODY = "<p>" + " ".join(["Die Geschichte geht mit genug Wörtern weiter."] * 8) + "</p>"


# Category "two-digit years" (hessenschau.de): the CMS declares publication and
# modification as one instant; the header prints that day as "27.04.24" and, further
# down, a <time> tag of an audio clip from two days before ("25.04.24"). The declared
# day is printed: no build stamp to replace with the clip's day.
def _broadcaster_page(published_line: str) -> str:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Job-Turbo",'
        ' "datePublished": "2024-04-27T07:39:18+02:00",'
        ' "dateModified": "2024-04-27T07:39:18+02:00"}</script>'
    )
    return (
        f"<html lang='de'><head>{ld}</head><body><article><h1>Job-Turbo hilft</h1>"
        f"<p>{published_line}</p>"
        "<p>Audio 03:07 Min. | <time datetime='2024-04-25'>25.04.24</time> | Roman W.</p>"
        f"{BODY * 6}</article></body></html>"
    )


def test_a_declared_day_printed_with_a_two_digit_year_is_printed() -> None:
    line = "<time datetime='2024-04-27T07:39+0200'>Veröffentlicht am 27.04.24 um 07:39 Uhr</time>"
    assert _day(_broadcaster_page(line)) == date(2024, 4, 27)


def test_a_build_stamp_printed_nowhere_still_yields_to_the_shown_day() -> None:
    # The guard: with the declared day not printed at all, the <time> the header
    # shows is the older, real day (d22's build-stamp rule, unchanged).
    assert _day(_broadcaster_page("Von Roman W.")) == date(2024, 4, 25)


# Category "two-digit years in the byline line" (rbb24.de): nothing declared; the line
# under the headline prints "Do 25.04.24 | 14:07 Uhr | Von ...", and the audio line
# under the lead image a four-digit date of the day before (the broadcast).
def _byline_page(lang: str, caption_date: str = "24.04.2024") -> str:
    return (
        f"<html{lang}><head></head><body><article><h1>Hotel Lunik öffnet noch einmal</h1>"
        "<p>Do 25.04.24 | 14:07 Uhr | Von Eva Kirchner</p>"
        f"<figure><img src='a.jpg'><figcaption>Audio: Antenne Brandenburg | {caption_date} | "
        f"Eva Kirchner</figcaption></figure>{BODY * 6}</article></body></html>"
    )


def test_a_two_digit_year_in_the_byline_line_beats_a_caption_date_below() -> None:
    assert _day(_byline_page(" lang='de'")) == date(2024, 4, 25)


def test_a_two_digit_year_in_an_unsettled_order_is_not_read_first() -> None:
    # The guard: with no language and no numeric date that reads one way only,
    # "25.04.24" may be year first (2025-04-24); the four-digit date stays the reading.
    assert _day(_byline_page("", "April 24, 2024")) == date(2024, 4, 24)


# Categories "live blogs over the size cap" and "update label glued to its time" (The
# Mirror): the LiveBlogPosting inlines every update (here 600,000 characters, past the
# 500,000 a script is read whole under); og's published_time is the last update's stamp,
# printed only as "Updated20:49, 5 Aug 2024" (label and time in spans with no space).
def _live_blog(updates: int) -> str:
    posts = ",".join(
        '{"@type": "BlogPosting", "headline": "Update", "datePublished": '
        '"2024-08-05T20:42:30+01:00", "articleBody": "' + "x" * 200 + '"}'
        for _ in range(updates)
    )
    ld = (
        '{"@context": "http://schema.org", "@type": "LiveBlogPosting",'
        ' "datePublished": "2024-08-04T13:23:00Z", "dateModified": "2024-08-05T19:49:50Z",'
        ' "headline": "UK riots LIVE", "mainEntityOfPage": {"@type": "WebPage"},'
        f' "liveBlogUpdate": [{posts}]}}'
    )
    return (
        "<html lang='en'><head><meta property='article:published_time' "
        "content='2024-08-05T19:49:50Z'><meta property='article:modified_time' "
        "content='2024-08-05T19:49:50Z'>"
        f"<script type='application/ld+json'>{ld}</script></head><body><article>"
        "<h1>UK riots LIVE</h1><p>By Lucy Thornton</p><ul><li><span>Updated</span>"
        "<time datetime='2024-08-05T19:49:50Z'></time><span>20:49, 5 Aug 2024</span></li>"
        f"</ul>{BODY.replace('Die Geschichte geht', 'The story goes') * 6}"
        "</article></body></html>"
    )


def test_a_live_blog_over_the_size_cap_keeps_its_publication_date() -> None:
    assert len(_live_blog(2400)) > 500_000
    assert _day(_live_blog(2400)) == date(2024, 8, 4)


def test_an_update_label_glued_to_its_time_confirms_nothing() -> None:
    # Under the cap the object is read whole; "Updated20:49, 5 Aug 2024" is still an
    # update line, so og's published_time (the update) is not confirmed by it.
    assert _day(_live_blog(10)) == date(2024, 8, 4)


# Category "date in the title's suffix" (Deutsche Welle, 2023 layout): nothing declared;
# the template ends <title> with the story's date, the lines round the headline print
# a photo caption's date ("..., 24. April 2023"), the "Datum" fact box sits far below.
def _titled_page(title: str) -> str:
    return (
        f"<html lang='de'><head><title>{title}</title></head><body><article>"
        "<h1>Ukrainische Gegenoffensive: Ziele, Chancen, Risiken</h1>"
        "<p>Die Ukraine bereitet sich auf eine Gegenoffensive vor.</p><img src='a.jpg'>"
        "<p>Ukrainische Kriegstechnik bei den Kämpfen um Bachmut, 24. April 2023</p>"
        f"{BODY * 6}</article></body></html>"
    )


def test_a_date_ending_the_title_dates_the_story() -> None:
    title = "Ukrainische Gegenoffensive: Ziele, Chancen, Risiken | Europa | DW | 28.04.2023"
    assert _day(_titled_page(title)) == date(2023, 4, 28)


def test_a_date_inside_the_title_is_not_its_suffix() -> None:
    # The guard: a date the headline mentions is the news, not a template's stamp.
    assert _day(_titled_page("Die Wahl vom 28.04.2023 | Europa | DW")) == date(2023, 4, 24)


def test_a_two_digit_year_in_a_list_item_is_not_a_byline_date() -> None:
    # Review of the rule above (Google News pages of 2008): a "more stories" list over
    # the story dates its items "(7/24/07)"; the story's own line has a four-digit year.
    page = (
        "<html lang='en-US'><head></head><body><ul><li>• Cultural summer camp (7/24/07)</li>"
        "<li>• Spanking controversy (7/22/07)</li></ul><article><h1>Israel closes vital Gaza"
        " crossings</h1><p>1/18/2008, 2:06 p.m. PST</p><p>By IBRAHIM BARZAK</p>"
        f"{BODY * 6}</article></body></html>"
    )
    assert _day(page) == date(2008, 1, 18)


# Category "photo caption dates" (AFP Faktencheck, BR24, Euronews): nothing declared;
# the lead photo's caption over the byline dates the photo ("...: 11. Mai 2025 (AFP /
# JORGE GUERRERO)", "Archivbild (16.08.2024): ...").
def _captioned_page(caption: str) -> str:
    return (
        "<html lang='de'><head></head><body><article><h1>Angst vor dem Hantavirus</h1>"
        f"<img src='a.jpg'><p>{caption}</p><p>13. Mai 2025, 15:44 Uhr</p>"
        f"<p>Von Anna Weber</p>{BODY * 6}</article></body></html>"
    )


def test_a_photo_caption_date_is_not_the_story_date() -> None:
    caption = "Personen gehen auf das Kreuzfahrtschiff zu: 11. Mai 2025 (AFP / JORGE GUERRERO)"
    assert _day(_captioned_page(caption)) == date(2025, 5, 13)
    archive = "Archivbild (11.05.2025): Das Kreuzfahrtschiff im Hafen"
    assert _day(_captioned_page(archive)) == date(2025, 5, 13)


def test_a_date_line_without_a_credit_is_still_read() -> None:
    # The guard: the same line with no credit or caption label is read first, as before.
    assert _day(_captioned_page("Stand: 11. Mai 2025")) == date(2025, 5, 11)
