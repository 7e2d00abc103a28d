"""Older table layouts whose <title> is the site's or a section's name (t47, issue 17):
the headline is the short line opening the story's block
(``parsers.headline_blocks.opening_headline``), and with no <h1> the header window starts
at the block printing the title (``parsers.story_windows._printed_headline``), so the
date line under it wins over the masthead's "today" far above. The rule's cases fail
without the rules (the site's name as title, the masthead's 16 January); the guards pass
both ways."""

from __future__ import annotations

import pytest

from parsers import extract

STORY = "".join(
    f"<p>{p}</p>"
    for p in (
        "GAZA CITY (AP) - Israeli tanks and helicopters raided the Gaza Strip on Tuesday, and "
        "eleven people were killed in the fighting, officials said.",
        "A sniper fired across the border and killed a volunteer at a farm, the army said in a "
        "statement late on Tuesday.",
        "At the hospital, relatives gathered outside the morgue as the bodies were brought in "
        "from the north of the strip.",
        "The raid was the deadliest in weeks, and leaders on both sides traded blame for the "
        "violence on Wednesday morning.",
    )
)
NAV = "".join(
    f"<td><a href='/s{n}'>{word}</a></td>"
    for n, word in enumerate(["Home", "News", "Opinion", "Business", "Features", "About Us"])
)
SITE = "Gulf Courier Newspaper (English)"
HEADLINE = "11 Palestinians Killed in Gaza Violence"
JAPANESE = "肉をくわえたイヌが、橋を渡っていました。ふと下を見ると、川の中にも"
URL = "http://www.gulfcourier.example/news/details.asp?id=11460"
# Asharq Al-Awsat English's shape: a bold line and the story's date under it in the
# story's cell; Summit Daily's: a <span class="headingstory"> in a paragraph.
BOLD = f"<b>{HEADLINE}</b><br><span>15/01/2008</span>"
SPAN = f'<p><span class="headingstory">{HEADLINE}</span><br></p><p>15/01/2008</p>'


def _page(head_cell: str, title: str = SITE, head: str = "") -> str:
    return (
        f"<html><head><title>{title}</title>{head}</head><body><table>"
        "<tr><td>Wednesday 16 January 2008</td><td>Search</td></tr>"
        f"<tr>{NAV}</tr></table><table><tr><td>{head_cell}{STORY}</td></tr></table>"
        "</body></html>"
    )


@pytest.mark.parametrize("head_cell", [BOLD, SPAN])
def test_the_line_opening_the_story_is_the_headline(head_cell: str) -> None:
    article = extract(_page(head_cell), url=URL)
    assert article.title == HEADLINE
    # The date line under it, not the masthead's "today" (2008-01-16).
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2008-01-15"


def test_a_headline_outside_h1_starts_the_header_window() -> None:
    """og:title names the story and a bold line prints it, with no <h1>: the window
    starts at that line, so the masthead's day far over it is not the header's."""
    og = f'<meta property="og:title" content="{HEADLINE}">'
    article = extract(_page(BOLD, head=og), url=URL)
    assert article.title == HEADLINE
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2008-01-15"


@pytest.mark.parametrize(
    ("head_cell", "title"),
    [
        # <title> shares words with the opening line: the story's own name, spelt otherwise.
        (BOLD, "Gaza raid: eleven Palestinians killed"),
        # <title> printed on the page, in a box beside the story.
        (f"<div class='box'>{SITE}</div>{BOLD}", SITE),
        # The story's block opens with a byline, a date line or a sentence.
        ("<p>By THE ASSOCIATED PRESS</p><p>15/01/2008</p>", SITE),
        ("<p>Tuesday, January 15, 2008</p>", SITE),
        ("<p>Officials in the city said the strip was quiet again by the evening.</p>", SITE),
        # A banner in capitals.
        ("<p><b>MIDDLE EAST NEWS TODAY</b></p>", SITE),
        # A dated credit line.
        ("<p>Associated Press - January 14, 2008 12:53 PM ET</p>", SITE),
        # A clause going on in the next block (a blog's sidebar blurb).
        ("<center>this is a place to record thoughts, creations,</center>", SITE),
        # A paragraph of Japanese, longer than a headline once its characters are counted.
        (f"<p>{JAPANESE * 3}</p>", SITE),
    ],
)
def test_other_openings_keep_the_title(head_cell: str, title: str) -> None:
    assert extract(_page(head_cell, title=title), url=URL).title == title


def test_a_metadata_title_is_not_replaced() -> None:
    og = '<meta property="og:title" content="Eleven killed in a Gaza raid">'
    assert extract(_page(BOLD, head=og), url=URL).title == "Eleven killed in a Gaza raid"


def test_a_headline_in_h1_keeps_its_window() -> None:
    article = extract(_page(f"<h1>{HEADLINE}</h1><span>15/01/2008</span>"), url=URL)
    assert article.title == HEADLINE
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2008-01-15"


# k47 on t47: lines that open the story's block on the same layouts and are not its
# headline: <title> (the site's name) stays. Each took the title on 38cd3cf.


@pytest.mark.parametrize(
    "head_cell",
    [
        # Credit lines that do not start "By".
        f"<p>Posted by John Smith</p>{BOLD}",
        f"<p><i>Written by Jane Doe</i></p>{BOLD}",
        "<p>Associated Press Writer</p><p>15/01/2008</p>",
        "<p>Photo: Reuters/Mohammed Salem</p>",
        # A date without its year, or after a place, with no headline after it (t48: a
        # headline after it is taken, below).
        "<p><b>Tuesday 15th January</b></p>",
        "<p><b>Updated Tuesday, January 15</b></p>",
        "<p><b>Gaza City, 15 January 2008</b></p>",
        # A path of sections, a dateline's lead-in.
        f"<p>News &gt; Middle East &gt; Gaza</p>{BOLD}",
        "<p><b>Gaza City, Jan 15 (Reuters) -</b></p>",
    ],
)
def test_credits_dates_and_paths_opening_the_block_are_not_the_headline(
    head_cell: str,
) -> None:
    assert extract(_page(head_cell), url=URL).title == SITE


@pytest.mark.parametrize(
    "head_cell",
    [
        "<p><b>Will the truce in Gaza hold?</b></p>",
        "<p><b>Vote on the truce set for January 15</b></p>",  # a date in a headline
        "<p><b>Israeli raid killed by-stander in Gaza</b></p>",
    ],
)
def test_headlines_that_look_close_to_them_still_open_the_block(head_cell: str) -> None:
    text = head_cell.removeprefix("<p><b>").removesuffix("</b></p>")
    assert extract(_page(head_cell), url=URL).title == text


# t48: a label or a date line opening the block, the headline next (The Hindu's "Top
# Stories", The Peninsula's "Home:Britain/Ireland", the Seattle P-I's date line). Each
# gave the site's name before.


@pytest.mark.parametrize(
    ("head_cell", "title"),
    [
        (f"<p>Top Stories</p>{BOLD}", SITE),
        (f"<p>Sci. &amp; Tech.</p>{BOLD}", SITE),
        (f"<p>Home:Britain/Ireland</p>{BOLD}", SITE),
        # A part of <title>: the section it names.
        (f"<p>Evening News Digest</p>{BOLD}", "Gulf Courier Evening News Digest"),
        (f"<p><b>Thursday, January 10, 2008</b></p>{BOLD}", SITE),
        (f"<p><b>Tuesday 15th January</b></p>{BOLD}", SITE),
        (f"<p><b>Updated Tuesday, January 15</b></p>{BOLD}", SITE),
        (f"<p><b>Gaza City, 15 January 2008</b></p>{BOLD}", SITE),
        (f"<p>Premier League</p><p>Friday, Jan 11, 2008</p>{BOLD}", SITE),
    ],
)
def test_a_label_or_date_line_over_the_headline_is_passed(head_cell: str, title: str) -> None:
    assert extract(_page(head_cell, title=title), url=URL).title == HEADLINE


@pytest.mark.parametrize(
    "head_cell",
    [
        # Three openers: past MAX_OPENERS.
        f"<p>Top Stories</p><p>National</p><p>Tuesday 15th January</p>{BOLD}",
        # A label, then the story's first sentence.
        "<p>Top Stories</p>",
        # A label, then a byline.
        f"<p>National</p><p>Posted by John Smith</p>{BOLD}",
    ],
)
def test_openers_not_followed_by_a_headline_keep_the_title(head_cell: str) -> None:
    assert extract(_page(head_cell), url=URL).title == SITE


# k47's find, fixed by t48 (``parsers.site_title.names_site``): a <title> whose words recur
# in the story under the opening line is the story's own name; unless the page shows it to
# be the site's (a domain-shaped word, a feed <link> of that title, a copyright line).


def test_a_story_title_not_printed_on_the_page_is_kept() -> None:
    title = "Israeli raid leaves eleven dead"
    page = _page("<p><b>From our correspondent</b></p>", title=title)
    assert extract(page, url=URL).title == title


# Words the story prints (border, army, hospital), none of the headline's.
STORY_WORDS_SITE = "Border Army Hospital Weekly"


@pytest.mark.parametrize(
    ("title", "head", "foot"),
    [
        ("borderarmyhospital.com: Border Army Hospital", "", ""),
        (
            STORY_WORDS_SITE,
            f'<link rel="alternate" type="application/rss+xml" title="{STORY_WORDS_SITE}"'
            ' href="/rss.xml">',
            "",
        ),
        (STORY_WORDS_SITE, "", f"&copy; 2008 {STORY_WORDS_SITE}. All rights reserved."),
    ],
)
def test_a_site_signal_beats_the_story_words(title: str, head: str, foot: str) -> None:
    # The footer's row closes the story's table.
    page = _page(BOLD, title=title, head=head).replace(
        "</table></body>", f"<tr><td>{foot}</td></tr></table></body>"
    )
    assert extract(page, url=URL).title == HEADLINE


def test_without_a_site_signal_story_words_keep_the_title() -> None:
    assert extract(_page(BOLD, title=STORY_WORDS_SITE), url=URL).title == STORY_WORDS_SITE
