"""bench/body_lines.py (lc35's learned line filter, not adopted): the labels follow the
metric's 4-grams, every body line gets its features off the real extractor, and the
trainer gives the same weights run after run."""

from __future__ import annotations

from bench.body_lines import FEATURES, extract_module, line_labels, page_rows, train

STORY = " ".join(
    f"The council met on day {n} to weigh the budget for the new library and the school."
    for n in range(8)
)
PAGE = f"""<html><head><title>Budget vote</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Budget vote</h1>
<p>{STORY}</p>
<p>Councillors voted seven to two for the plan, which now goes to the mayor for approval.</p>
<div class="promo-box"><p>Get our morning briefing in your inbox every day.</p></div>
</article></body></html>"""


def test_a_line_the_gold_holds_trimmed_is_kept() -> None:
    # The gold trims the line's photo credit: not contained, but 11 of its 15 4-grams held.
    gold = "Councillors voted seven to two for the plan, which now goes to the mayor."
    lines = [
        "Councillors voted seven to two for the plan, which now goes to the mayor. Photo: A Lee",
        "Get our morning briefing in your inbox every day.",
        "Share",
    ]
    assert line_labels(lines, gold) == [1, 0, 0]


def test_every_body_line_gets_its_features_and_extract_is_restored() -> None:
    original = extract_module.extract_body
    lines, rows = page_rows(PAGE, "https://example.org/budget")
    assert extract_module.extract_body is original
    assert lines and lines[0] == STORY
    assert len(rows) == len(lines)
    assert all(len(row) == len(FEATURES) for row in rows)
    tag_p = FEATURES.index("tag_p")
    assert rows[0][tag_p] == 1.0


def test_training_is_deterministic() -> None:
    lines, rows = page_rows(PAGE, "https://example.org/budget")
    page = {"lines": lines, "rows": rows, "labels": [1] * (len(lines) - 1) + [0]}
    first = train([page, page], epochs=3)
    assert first == train([page, page], epochs=3)
    assert len(first["weights"]) == len(FEATURES)
