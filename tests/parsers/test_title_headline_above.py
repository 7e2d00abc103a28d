"""The headline over the story's block (t49, issue 17): 2008-era news pages whose <title>
is the site's name set the headline in a cell over the story, with a date line, a byline,
an agency's name or tools between ("Save Email Print", "0 comments"), and the story's
block opens with its first paragraph (``parsers.headline_blocks.headline_above``). The
rule's cases give the site's name without the rule; the guards pass both ways."""

from __future__ import annotations

from collections import Counter

import pytest

from parsers import extract

STORY = "".join(
    f"<p>{p}</p>"
    for p in (
        "Devin Hester returned a punt for a touchdown and the visitors held on in the final "
        "minutes of a cold afternoon at the lakefront stadium on Sunday.",
        "The coach said after the game that the young players had earned their places, and "
        "that the season had ended on the note the team had hoped for.",
        "The quarterback threw for two touchdowns in the second half, and the defence held the "
        "home side to a field goal after the break.",
        "Fans stayed in their seats long after the whistle to cheer the players off the field "
        "for the last time this year.",
    )
)
NAV = "".join(
    f"<td><a href='/s{n}'>{word}</a></td>"
    for n, word in enumerate(["Home", "News", "Sports", "Business", "Features", "About Us"])
)
SITE = "Lakeside Courier Online"
HEADLINE = "Hester Runs Bears to Win in Season Finale"
URL = "http://www.lakesidecourier.example/sports/story.asp?id=2245"
# A Sports section front's shape (tools, a posted and an updated line), 940 Montreal's (a
# clock in a date line and the agency in capitals), the Cortez Journal's (a date line and a
# byline), and The Star Online's (the headline right over the story).
FURNITURE = {
    "tools and dates": [
        "<a href='/save'>Save</a> <a href='/email'>Email</a> <a href='/print'>Print</a>",
        "Posted: 6:12 PM Dec 30, 2007",
        "Last Updated: 6:10 PM Dec 31, 2007",
        "0 comments",
    ],
    "clock and agency": ["at 12:19 on January 7, 2008, EST.", "THE CANADIAN PRESS"],
    "date and byline": ["January 15, 2008", "BY JOE HANEL | Journal Denver Bureau"],
    "nothing": [],
}


def _page(over: list[str], title: str = SITE, headline: str = HEADLINE) -> str:
    lines = "".join(f"<div>{line}</div>" for line in [headline, *over])
    return (
        f"<html><head><title>{title}</title></head><body><table>"
        "<tr><td>Wednesday 16 January 2008</td><td>Search</td></tr>"
        f"<tr>{NAV}</tr></table><div class='head'>{lines}</div>"
        f"<div class='story'>{STORY}</div></body></html>"
    )


@pytest.mark.parametrize("over", list(FURNITURE.values()), ids=list(FURNITURE))
def test_the_line_over_the_story_past_furniture_is_the_headline(over: list[str]) -> None:
    assert extract(_page(over), url=URL).title == HEADLINE


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        # <title> shares words with the line: the story's own name, spelt otherwise.
        ("Hester leads Bears past Packers", HEADLINE),
        # <title> is the story's own: its words recur in the story under it.
        ("Fans cheer quarterback and defence", "From our correspondent in Chicago"),
        # The line over the story is a sentence, a link or a byline: not a headline.
        (SITE, "The visitors won the game by a field goal."),
        (SITE, "<a href='/sports/more'>More stories from the sports desk today</a>"),
        (SITE, "By Terry Bannon, Tribune staff reporter"),
    ],
)
def test_a_title_stays_unless_a_headline_sits_over_the_story(title: str, headline: str) -> None:
    assert extract(_page(FURNITURE["date and byline"], title, headline), url=URL).title == title


def test_furniture_beyond_the_span_is_not_read_past() -> None:
    """More than UP_SPAN lines of furniture: the line over them is too far to be the story's."""
    over = [f"Posted: {h}:12 PM Dec 30, 2007" for h in range(1, 8)]
    assert extract(_page(over), url=URL).title == SITE


def test_the_copyright_scan_runs_once_per_candidate(monkeypatch: pytest.MonkeyPatch) -> None:
    """t49's clean-up: ``_title_gives_way`` scans the blocks for a copyright notice naming
    <title> once and hands the answer to ``names_site``, which read every block again."""
    import parsers.headline_blocks as blocks
    import parsers.site_title as site_title

    calls: Counter[str] = Counter()
    real = site_title.copyright_names

    def counted(text: str, folded: str) -> bool:
        calls[text] += 1
        return real(text, folded)

    monkeypatch.setattr(blocks, "copyright_names", counted)
    monkeypatch.setattr(site_title, "copyright_names", counted)
    # t47's shape: the headline opens the story's block (``opening_headline``).
    page = _page([]).replace(
        f"<div class='head'><div>{HEADLINE}</div></div><div class='story'>",
        f"<div class='story'><p><b>{HEADLINE}</b></p>",
    )
    assert extract(page, url=URL).title == HEADLINE
    assert calls and max(calls.values()) == 1


def test_a_comment_heading_ends_the_climb() -> None:
    """A blog's footer over the block: a "Post a Comment" heading is no furniture, so a
    reader's comment over it is not taken for the headline (a headline is never climbed
    past either: a linked <h3> permalink)."""
    over = ["<h4>Post a Comment</h4>", "October 21, 2012 9:17 AM"]
    page = _page(over, SITE, "Thanks so much for sharing these with us")
    assert extract(page, url=URL).title == SITE


@pytest.mark.parametrize(
    "under",
    [
        # A body chosen in a list of pages (a blog's nav under a promotion).
        "<ul><li><a href='/'>Home</a></li><li><a href='/s'>NY Design Week Slideshow</a></li></ul>",
        # A sidebar's blurb of short lines.
        "<p>this is a place to record thoughts, creations,</p><p>inspirations.</p>",
    ],
)
def test_only_over_a_story_paragraph(under: str) -> None:
    """The block the body starts at opens with no story paragraph (STORY_OPENING_WORDS
    words, not a list item or a link): a promotion over it is not the headline."""
    from parsers.headline_blocks import headline_above
    from parsers.scan import scan_page
    from parsers.tree import parse

    promo = "<p>Two day sale on every order over ninety dollars</p><p>0 comments</p>"
    root, _ = parse(f"<html><head><title>{SITE}</title></head><body>{promo}{under}</body></html>")
    scan = scan_page(root)
    start = next(i for i, b in enumerate(scan.blocks) if b.text == "0 comments") + 1
    assert headline_above(scan, start, SITE) is None
    # The same promotion over a story paragraph reads as a headline: the guard decides.
    root, _ = parse(f"<html><head><title>{SITE}</title></head><body>{promo}{STORY}</body></html>")
    assert headline_above(scan_page(root), start, SITE) is not None
