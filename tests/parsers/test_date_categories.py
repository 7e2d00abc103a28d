"""Publication dates by category (issue 17, d20): each case fails without its rule."""

from __future__ import annotations

from datetime import date

import pytest

from tests.parsers.published_day import published_day as _day

BODY = "<p>" + " ".join(["The story goes on with enough words to be the body."] * 8) + "</p>"


def _page(head: str, byline: str, *, lang: str = "", after: str = "") -> str:
    return (
        f"<html{lang}><head>{head}</head><body><article><h1>A headline for the test</h1>"
        f"<p class='meta'>{byline}</p>{BODY}{BODY}{after}</article></body></html>"
    )


NOV16 = date(2019, 11, 16)


# Category "epoch values": Unix seconds or milliseconds in a meta value, or in a
# timestamp data attribute of an element classed as a date or time.
@pytest.mark.parametrize(
    ("head", "byline"),
    [
        ('<meta property="article:published_time" content="1573900000">', "Ann Poe"),
        ('<meta name="pubdate" content="1573900000000">', "Ann Poe"),
        ("", 'Ann Poe <span class="date" data-timestamp="1573900000">Sat</span>'),
        ("", 'Ann Poe <span class="post-time" data-time="1573900000000"></span>'),
    ],
)
def test_epoch_values(head: str, byline: str) -> None:
    assert _day(_page(head, byline)) == NOV16


def test_a_timestamp_attribute_on_an_element_not_classed_as_a_date_is_not_read() -> None:
    # The guard: a player's or counter's data-time is not the story's date.
    assert _day(_page("", 'Ann Poe <div class="player" data-time="1573900000"></div>')) is None


# Category "two-digit years" and "dd-mm-yyyy": read only when one reading is left.
@pytest.mark.parametrize(
    ("printed", "lang", "expected"),
    [
        ("By Ann Poe on 11.16.19", "", NOV16),  # month first is the only valid reading
        ("Posted 10-29-12", "", date(2012, 10, 29)),
        ("Ann Poe | 16-11-2019", "", NOV16),  # day first is the only valid reading
        ("Ann Poe | 06-01-2020", ' lang="en-GB"', date(2020, 1, 6)),  # the locale settles it
        ("Ann Poe | 06-01-2020", ' lang="en-US"', date(2020, 6, 1)),
        ("Ann Poe | 16/11/19", ' lang="en-GB"', NOV16),  # the page writes day first
        # d56: the page's English text writes a two-digit year last (year first, 2016-11-19,
        # is a Japanese, Chinese, Korean... short form): 16 November.
        ("Ann Poe | 16/11/19", "", NOV16),
        ("Ann Poe | 16/11/19", ' lang="ja"', None),  # or 2016-11-19, year first: no date
        ("Ann Poe | 06-01-2020", "", None),  # nothing settles the order: no date
    ],
)
def test_short_years_and_dashed_numeric_dates(printed: str, lang: str, expected: date) -> None:
    assert _day(_page("", printed, lang=lang)) == expected


def test_a_two_digit_year_date_in_a_header_beside_a_full_date_yields_to_it() -> None:
    # The last resort: a list of other posts dated "12/28/04" does not beat the story's
    # own four-digit date.
    assert _day(_page("", "Ann Poe | 12/28/04 | November 16, 2019")) == NOV16


# Category "Hungarian dates": year, month in words, day.
@pytest.mark.parametrize(
    "printed", ["2019. november 16.", "2019. nov. 16. 14:30", "2019. november 16. szombat"]
)
def test_hungarian_dates(printed: str) -> None:
    assert _day(_page("", f"Kovács Anna | {printed}", lang=' lang="hu"')) == NOV16


_LD = (
    '{"@type": "NewsArticle", "headline": "A headline for the test", '
    '"datePublished": "2019-11-16T08:00:00+03:00"}'
)


# Category "JSON-LD written as JavaScript".
@pytest.mark.parametrize(
    "ld",
    [
        _LD.replace('"headline"', '/* the story */ "headline"'),
        _LD.replace('"headline": "A headline for the test",',
                    '"headline": "A headline for the test", // set by the CMS\n'),
        _LD.replace('"', "'"),  # single quotes throughout
        _LD.replace("A headline", 'A "quoted" headline'),  # unescaped quotes in a string
        _LD.replace('"A headline for the test", ', '"A headline for the test"\n'),  # no comma
        "{'@type': 'NewsArticle', 'headline': 'It\\'s a headline',\n"
        "  'datePublished': '2019-11-16T08:00:00+03:00'}",
    ],
)
def test_json_ld_written_as_javascript(ld: str) -> None:
    html = _page(f'<script type="application/ld+json">{ld}</script>', "Ann Poe")
    assert _day(html) == NOV16


_VIDEO = (
    '{"@type": "VideoObject", "name": "The council votes", '
    '"uploadDate": "2019-11-16T08:00:00+03:00", "contentUrl": "https://example.org/v.mp4"}'
)


def test_a_video_page_is_dated_by_its_upload() -> None:
    # Category "video pages": the page's one JSON-LD subject is the video.
    html = _page(f'<script type="application/ld+json">{_VIDEO}</script>', "Ann Poe")
    assert _day(html) == NOV16


def test_a_video_embedded_in_a_story_does_not_date_the_story() -> None:
    # The guard: the page declares an article (undated here): the video's upload is not
    # the story's publication.
    story = '{"@type": "NewsArticle", "headline": "A headline for the test"}'
    ld = f"[{story}, {_VIDEO}]"
    assert _day(_page(f'<script type="application/ld+json">{ld}</script>', "Ann Poe")) is None


# Category "month-only URLs": /2019/11/slug gives no day (day 1 would be wrong).
def test_a_url_with_only_a_year_and_month_gives_no_date() -> None:
    assert _day(_page("", "Ann Poe"), "https://example.org/2019/11/council-budget/") is None


def test_a_url_with_a_full_day_still_gives_it() -> None:
    assert _day(_page("", "Ann Poe"), "https://example.org/2019/11/16/council-budget/") == NOV16


# Category "blog entry footers": the date only in the WordPress footer line under the post
# (Kubrick's, longer than a header or trailer line).
def test_a_blog_entry_footer_gives_the_date() -> None:
    footer = (
        "<p class='postmetadata'>This entry was posted on November 16, 2019 at 7:14 pm and is"
        " filed under <a href='/c/news'>News</a>. You can follow any responses to this entry"
        " through the RSS 2.0 feed. You can leave a response, or trackback from your own"
        " site.</p>"
    )
    assert _day(_page("", "Ann Poe", after=footer)) == NOV16


def test_two_digit_years_in_a_list_of_other_posts_are_not_the_date() -> None:
    # The guard for "header only": a "Recent posts" list under the story prints
    # "1/4/05"; the first version of the rule read it in the trailer.
    recent = "".join(f"<div>Other post {i}</div><div>1/{i}/05</div>" for i in range(4, 8))
    assert _day(_page("", "Ann Poe", after=f"<div class='recent'>{recent}</div>")) is None


# Category "serve-time meta date": a bare meta date printed nowhere (the moment the CMS
# served the page) against the header's printed day that the first <time> tag holds.
SERVED = '<meta name="date" content="July 31, 2012, 2:38 pm">'
STORY_TIME = (
    '<time datetime="2012-07-24T09:49:32-04:00"><div>24</div><div>Jul</div><div>2012</div>'
    "<div>9:49am, EDT</div></time>"
)


def _served_page(top: str) -> str:
    return (
        f"<html><head>{SERVED}</head><body><article>{top}<h1>A headline for the test</h1>"
        f"<p class='meta'>By Ann Poe</p>{BODY}{BODY}</article></body></html>"
    )


def test_a_serve_time_meta_date_yields_to_the_printed_time_tag() -> None:
    assert _day(_served_page(STORY_TIME)) == date(2012, 7, 24)


def test_a_meta_date_stands_when_the_time_tag_is_not_the_printed_day() -> None:
    # The guard: the <time> tag disagrees with the printed day, so nothing confirms it.
    other = STORY_TIME.replace("2012-07-24", "2012-07-20")
    assert _day(_served_page(other)) == date(2012, 7, 31)


def test_an_update_time_tag_does_not_replace_the_declared_date() -> None:
    # The guard: the first <time> tag is the update ("Last Updated: Dec 17, 2025", dev
    # page 0057), and the declared publication stays.
    updated = '<time datetime="2012-08-02">Last Updated: Aug 2, 2012</time>'
    assert _day(_served_page(updated)) == date(2012, 7, 31)


def test_the_javascript_repairs_are_bounded_per_page() -> None:
    # The repairs walk characters in Python: a page of many large broken scripts gets
    # them on its first 200,000 characters of broken JSON-LD only (hostile pages).
    from parsers.jsonld import MAX_REPAIR_CHARS_PER_PAGE, load_page_jsonld

    single = _LD.replace('"', "'")
    filler = "{'x': '" + "y" * (MAX_REPAIR_CHARS_PER_PAGE - len(single) - 20) + "'"  # broken
    values = load_page_jsonld([single, filler, single], 10 * MAX_REPAIR_CHARS_PER_PAGE)
    dated = [v for v in values if isinstance(v, dict) and "datePublished" in v]
    assert len(dated) == 1


# Category "date glued to the byline" (d21): About.com's byline reads "About.com
# GuideOctober 31, 2012" (the date's <span> has no space before it); a comment below
# is dated 2008, and was taken before.
def test_a_date_glued_to_the_byline_word_before_it() -> None:
    byline = (
        'By <a class="url fn" rel="author" href="/bio/x">Dan Cross</a>, About.com Guide'
        '<span class="date">October 31, 2012</span>'
    )
    comment = "<p>September 15, 2008 at 6:55 pm (1) Mike says: Wow that helps.</p>"
    assert _day(_page("", byline, after=comment)) == date(2012, 10, 31)


def test_a_month_inside_a_lower_case_word_is_not_a_date() -> None:
    # The guard: only a capital after a lower-case letter starts a glued month.
    assert _day(_page("", "Ann Poe, remarch 3, 2012")) is None


# Category "printed zone names the country" (d21): mosnews.com, English with no region,
# prints "Created: 12.04.2004 21:17 MSK (GMT +3)"; without the zone no order is known.
@pytest.mark.parametrize(
    ("printed", "lang", "expected"),
    [
        ("Created: 12.04.2004 21:17 MSK (GMT +3)", ' lang="en"', date(2004, 4, 12)),
        ("Posted 06/01/2020 10:15 am EST", ' lang="en"', date(2020, 6, 1)),
        ("Posted 06/01/2020 10:15 (CET)", "", date(2020, 1, 6)),
        # Guards: an ambiguous zone says nothing; a declared region outranks the zone.
        ("Posted 06/01/2020 10:15 CST", ' lang="en"', None),
        ("Posted 06/01/2020 10:15 CET", ' lang="en-US"', date(2020, 6, 1)),
    ],
)
def test_a_zone_printed_after_a_numeric_date_settles_its_order(
    printed: str, lang: str, expected: date | None
) -> None:
    assert _day(_page("", printed, lang=lang)) == expected
