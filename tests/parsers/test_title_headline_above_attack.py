"""k49c on t49: lines a news page sets between its headline and the story's block that
``headline_above`` took for the headline (a photo's or a table's caption, a pull quote, a
"Related:" or "Editor's note:" line, a newsletter box, an audio player, a comment count);
each is passed as furniture now, and the headline over it is taken."""

from __future__ import annotations

import pytest

from parsers import extract

from .test_title_headline_above import HEADLINE, SITE, STORY, URL

BETWEEN = {
    "photo caption": "<figure><img src='/p.jpg'><figcaption>Devin Hester runs back a punt in "
    "the fourth quarter at Soldier Field</figcaption></figure>",
    "pull quote": "<blockquote><p>“We earned every one of those yards today”</p></blockquote>",
    "table caption": "<table><caption>Final standings in the NFC North division</caption>"
    "<tr><td>Bears</td><td>7-9</td></tr></table>",
    "related": "<div>Related: Bears clinch playoff spot with late field goal</div>",
    "editor's note": "<div>Editor's note: this story was updated with the coach's comments</div>",
    "newsletter": "<div>Sign up for our free morning sports newsletter</div>",
    "newsletter 2": "<div>Get the latest Bears news delivered to your inbox</div>",
    "audio player": "<div>Listen to this article 4 min</div>",
    "comment count": "<div>12 reader comments on this story</div>",
}


def _page(between: str, headline: str = HEADLINE, script: str = "") -> str:
    return (
        f"<html><head><title>{SITE}</title></head><body><table>"
        "<tr><td>Wednesday 16 January 2008</td><td>Search</td></tr></table>"
        f"<div class='head'><div>{headline}</div><div>January 15, 2008</div>{between}</div>"
        f"<div class='story'>{STORY}</div>{script}</body></html>"
    )


@pytest.mark.parametrize("between", list(BETWEEN.values()), ids=list(BETWEEN))
def test_a_line_set_between_headline_and_story_is_not_the_headline(between: str) -> None:
    assert extract(_page(between), url=URL).title == HEADLINE


@pytest.mark.xfail(
    strict=True,
    reason="a photo's caption in a plain <div> over its credit reads as a headline; telling "
    "it from one would take the credit under it, which also sits under a captionless photo",
)
def test_a_caption_in_a_plain_block_over_its_credit_is_not_the_headline() -> None:
    between = (
        "<div>Devin Hester runs back a punt in the fourth quarter at Soldier Field</div>"
        "<div>Photo: Reuters</div>"
    )
    assert extract(_page(between), url=URL).title == HEADLINE
