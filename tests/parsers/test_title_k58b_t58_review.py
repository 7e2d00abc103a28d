"""k58b, review of t58's two title rules (issue 17).

``title_headings.h2_under_site_h1`` gave an <h2> right over the story whenever every <h1>
sat far above it: a subtitle under a far <h1> that prints the headline (a site's <h1> and
the headline's <h1>, og:title an SEO variant) and a box's heading sharing the story's words
("Key facts about ...", "Related releases on ...") took the title from the metadata title.
``title_headings.part_of_title`` read any two words before a far <h1> as a sentence around
it: a label run into the headline with no separator ("BREAKING NEWS Pope Francis dies ...",
"Press release ...") gave the labelled metadata title instead of the printed <h1>.
"""

from __future__ import annotations

import pytest

from parsers import extract

STORY = "".join(
    f"<p>{p}</p>"
    for p in (
        "The United Nations General Assembly on Tuesday adopted a resolution on improving the "
        "coordination of efforts against trafficking in persons, the ministry said.",
        "The document was co-sponsored by more than sixty states and was adopted by consensus "
        "after two weeks of consultations among the delegations in New York.",
        "The resolution calls on member states to strengthen the protection of victims and to "
        "step up cooperation between law enforcement agencies across borders.",
    )
)
MENU = "".join(f"<div><a href='/s{i}'>Section number {i} of the site</a></div>" for i in range(16))
URL = "https://mfa.example/press/123"
OG = "Belarus-sponsored resolution against human trafficking adopted by UN"


def _page(og: str, h1: str, head: str = "") -> str:
    return (
        f"<html><head><title>{og}</title><meta property='og:title' content=\"{og}\"></head>"
        f"<body><header><h1>{h1}</h1></header>{MENU}<article>{head}{STORY}</article>"
        "</body></html>"
    )


def test_a_subtitle_h2_under_a_far_headline_h1_is_not_the_title() -> None:
    page = _page(
        "UN adopts Belarus-sponsored resolution against human trafficking",
        "BelTA</h1><div>Minsk</div><h1>Belarus-sponsored resolution on human trafficking "
        "adopted",
        "<h2>The resolution against trafficking was adopted by consensus</h2>",
    )
    assert extract(page, url=URL).title != (
        "The resolution against trafficking was adopted by consensus"
    )


@pytest.mark.parametrize(
    "box",
    [
        "Key facts about the trafficking resolution",
        "Related releases on human trafficking",
        "Background to the UN resolution against trafficking",
        "Press contacts for the trafficking resolution",
    ],
)
def test_a_box_heading_over_the_story_is_not_the_title(box: str) -> None:
    page = _page(OG, "Ministry of Foreign Affairs", f"<h2>{box}</h2>")
    assert extract(page, url=URL).title == OG


@pytest.mark.parametrize(
    ("h1", "og"),
    [
        ("Pope Francis dies at the age of 88", "BREAKING NEWS Pope Francis dies at the age of 88"),
        (OG, f"Press release {OG}"),
    ],
)
def test_a_label_run_into_the_far_headline_leaves_the_h1_the_title(h1: str, og: str) -> None:
    assert extract(_page(og, h1), url=URL).title == h1
