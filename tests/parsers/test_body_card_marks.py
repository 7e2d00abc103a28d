"""Teaser-card marks (bylines and date lines met while collecting the body) stay in step
with the paragraphs kept when earlier paragraphs are dropped: a page must not fail."""

from __future__ import annotations

from parsers import extract

URL = "https://example.org/news/2019/resolution"
SENTENCE = "The committee adopted the resolution on trafficking after a long debate in the hall. "
TITLE = "Resolution adopted on trafficking"


def _page(story: str) -> str:
    return (
        f"<html><head><title>{TITLE}</title></head><body><div class='story'>"
        f"{story}</div></body></html>"
    )


def test_dated_items_above_the_headline_are_dropped_with_their_marks() -> None:
    """Section pages that print short dated items over the story's headline."""
    above = "".join(
        f"<p>Section label item number {i} about things</p><p>March {i + 1}, 2019</p>"
        for i in range(4)
    )
    article = extract(_page(f"{above}<h1>{TITLE}</h1><p>{SENTENCE * 6}</p>"), url=URL)
    assert article.body == (SENTENCE * 6).strip()


def test_a_date_line_after_other_stories_headlines_counts_only_the_story() -> None:
    """Story pages ending in a run of other stories' headlines and a date line."""
    story = "".join(f"<p>Paragraph {i}: {SENTENCE * 3}</p>" for i in range(5))
    heads = "".join(
        f"<h3>Another long story headline number {i} about the regional economy</h3>"
        for i in range(4)
    )
    page = _page(f"<h1>{TITLE}</h1>{story}{heads}<p>March 3, 2019</p>")
    article = extract(page, url=URL)
    assert article.body.startswith("Paragraph 0:")
    assert "Paragraph 4:" in article.body
    assert "headline number" not in article.body
