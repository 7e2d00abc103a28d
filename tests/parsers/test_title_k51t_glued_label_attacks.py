"""Attacks on t51's glued-label rule (k51t, ``parsers.title_glued_label.printed_end``).

A block near the story printing the title's first or last words is a teaser, a deck, a
caption, a pull quote or a step heading as often as the headline: what it leaves of the
title is a site label only when set off from it by a mark other than a sentence's (" @ ",
" _English", ":phpspot", "(", " -") or when it names a domain (" on ChicagoSports.com").
A headline's own words going on after a space, a comma or a full stop stay in the title.
Every case here took the printed block as the title on 7608297."""

from __future__ import annotations

import pytest

from parsers import extract

STORY = "".join(
    f"<p>{p}</p>"
    for p in (
        "The company showed the new phone to reporters on Tuesday and said it would reach "
        "shops in most countries within the next two weeks at an unchanged price.",
        "Analysts said the launch would test demand after a slow year for the industry and "
        "that the results would be known by the end of the next quarter.",
        "Several carriers said they would offer the device on contract from the first day "
        "and that early orders had been stronger than they had expected.",
    )
)
NAV = "".join(
    f"<td><a href='/s{n}'>{word}</a></td>"
    for n, word in enumerate(["Home", "News", "Sports", "Business", "Features", "About Us"])
)
URL = "http://news.example.com/read/story/2245.htm"


def _page(title: str, before: str = "", inside: str = "") -> str:
    return (
        f"<html><head><title>{title}</title></head><body><table><tr>{NAV}</tr></table>"
        f"{before}<div class='story'>{inside}{STORY}</div></body></html>"
    )


@pytest.mark.parametrize(
    ("title", "before", "inside"),
    [
        # A teaser printing the headline cut short, with or without an ellipsis.
        (
            "Apple unveils new iPhone 15 Pro at its Cupertino event",
            "<div class='teaser'>Apple unveils new iPhone 15 Pro…</div>",
            "",
        ),
        (
            "Apple unveils new iPhone 15 Pro at its Cupertino event",
            "",
            "<p class='deck'>Apple unveils new iPhone 15 Pro</p>",
        ),
        # A pull quote: the title's quote before ', says ...'.
        (
            '"I never wanted to be famous," says actor John Smith',
            "",
            "<p class='pull'>I never wanted to be famous</p>",
        ),
        # A caption naming the headline's subject.
        (
            "Queen Elizabeth II greets crowds at Balmoral castle",
            "<figure><figcaption>Queen Elizabeth II greets crowds</figcaption></figure>",
            "",
        ),
        # A recipe's or a guide's step heading.
        ("How to make sourdough bread at home", "", "<h3>How to make sourdough bread</h3>"),
        # Numbers in the headline; the printed start ends at one.
        (
            "Tesla recalls 2 million cars over Autopilot safety flaw",
            "<div class='summary'>Tesla recalls 2 million cars</div>",
            "",
        ),
        # A kicker's words before the headline's end printed alone.
        (
            "Exclusive Interview Brad Pitt talks about his new film",
            "<div class='kicker'>Brad Pitt talks about his new film</div>",
            "",
        ),
        # The last crumb of a breadcrumb, printed apart from its links.
        (
            "Senate passes the budget bill after a long night",
            "<div class='crumbs'><a href='/'>Home</a> <a href='/p'>Politics</a></div>"
            "<span>Senate passes the budget bill</span>",
            "",
        ),
        # Right-to-left scripts and a Japanese title whose parts are spaced.
        (
            "الرئيس يعلن عن خطة جديدة لدعم الاقتصاد الوطني",
            "<div>الرئيس يعلن عن خطة جديدة</div>",
            "",
        ),
        (
            "ראש הממשלה הודיע על תוכנית כלכלית חדשה",
            "<div>ראש הממשלה הודיע על תוכנית</div>",
            "",
        ),
        ("東京で記録的な大雪 首都圏の交通機関に乱れ", "<div>首都圏の交通機関に乱れ</div>", ""),
        # A headline going on after a comma, its start printed alone.
        (
            "Dow drops 500 points to 30,000, markets tumble",
            "<strong>Dow drops 500 points to 30,000</strong>",
            "",
        ),
    ],
)
def test_a_block_printing_part_of_the_title_leaves_no_label(
    title: str, before: str, inside: str
) -> None:
    assert extract(_page(title, before, inside), url=URL).title == title


def test_a_label_set_off_only_by_a_space_stays_in_the_title() -> None:
    # t51's "AKI - Adnkronos international" page (Google News) is given back: its label is
    # set off by a line break in <title> that the cut folds to a space, and a space also
    # parts a headline's kicker from its words ("Ministers agree deal Brexit talks ...").
    title = "Ministers agree deal Brexit talks resume in Brussels today"
    page = _page(title, "<div>Brexit talks resume in Brussels today</div>")
    assert extract(page, url=URL).title == title
