"""p48: a labelled box of the story's highlights over a news story is not the story
(parsers/body/highlights.py; docs/BENCHMARKS.md "Body, p48").

Category "a highlights box over a news story": CNN's "STORY HIGHLIGHTS", CNBC's "Key
Points", Dagbladet's "Kort fortalt" and Kleine Zeitung's summary box print bullets summing
the story up before its first paragraph; the news sets' truths leave them out. A box after
the story's opening paragraph (WCXB dev 0246), a label loose among the story's paragraphs
and a blog's "Key takeaways" box (WCXB keeps it) stay."""

from __future__ import annotations

from parsers import extract
from tests.parsers.tram_story import TRAM_STORY as STORY
from tests.parsers.tram_story import TRAM_URL as URL
from tests.parsers.tram_story import page, paragraphs

BULLETS = [
    "Council backs three new tram lines for the eastern districts",
    "Bus fleet to go electric by 2028, with two new depots",
    "Opposition asks the state auditor to review the costs",
]


def _box(label: str, label_tag: str = "h3") -> str:
    items = "".join(f"<li>{bullet}</li>" for bullet in BULLETS)
    return f"<div class='x9'><{label_tag}>{label}</{label_tag}><ul>{items}</ul></div>"


def _body(inner: str) -> str:
    return extract(page(inner), url=URL).body


def test_a_highlights_box_over_the_story_is_dropped() -> None:
    for label, tag in (
        ("STORY HIGHLIGHTS", "h3"),  # CNN
        ("Key Points", "span"),  # CNBC
        ("Kort fortalt", "h2"),  # Dagbladet
        ("Der Artikel für Sie zusammengefasst", "p"),  # Kleine Zeitung
    ):
        body = _body(_box(label, tag) + paragraphs(STORY))
        assert body.split("\n\n") == STORY, label


def test_a_summary_box_the_story_keeps_stays() -> None:
    # After the story's opening paragraph (dev 0246's "Key points", after 405 characters):
    # the story's own list.
    opening = f"{STORY[0]} {STORY[1]}"
    body = _body(paragraphs([opening]) + _box("Key points") + paragraphs(STORY[2:]))
    assert BULLETS[0] in body
    # A blog's "Key takeaways" box: WCXB's truth keeps it.
    body = _body(_box("Key takeaways") + paragraphs(STORY))
    assert BULLETS[0] in body
    # The label loose among the story's paragraphs (no box around it): nothing dropped.
    body = _body("<h3>Story highlights</h3>" + paragraphs(STORY))
    assert STORY[0] in body
