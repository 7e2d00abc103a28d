"""bench/title_misses.py: one category per title miss, from the miss's shape."""

from __future__ import annotations

from typing import Any

from bench.title_misses import category


def row(ours: str | None, want: str, **candidates: Any) -> dict[str, Any]:
    return {
        "ours": ours,
        "want": want,
        "url": "https://www.example-news.com/a/1",
        "site": candidates.pop("site", None),
        **candidates,
    }


def test_parts_one_side_keeps_are_told_apart_by_the_site_name() -> None:
    assert category(row("Bridge reopens | Example News", "Bridge reopens")) == (
        "we keep a trailing site name"
    )
    assert category(row("Bridge reopens", "Bridge reopens - Daily Times", site="Daily Times")) == (
        "the truth keeps a trailing site name"
    )
    assert category(row("Bridge reopens - what it means", "Bridge reopens")) == (
        "we keep a trailing part (subtitle)"
    )
    assert category(row("Bridge reopens", "Transport: Bridge reopens")) == (
        "the truth keeps a leading part (kicker, label)"
    )


def test_other_words_name_the_source_the_truth_comes_from() -> None:
    assert category(
        row("Bridge reopens", "City bridge open again", og="City bridge open again")
    ) == ("other words: the truth is og:title/JSON-LD")
    assert (
        category(row("Bridge reopens", "City bridge open again", title="City bridge open again"))
        == "other words: the truth is <title>"
    )
    assert category(
        row("Sports", "Bridge reopens", h1s=["Sports"], headings=["Sports", "Bridge reopens"])
    ) == ("other words: the truth is another heading")
    assert category(row(None, "Bridge reopens")) == "no title"
    assert category(row("Homes &amp; gardens", "Homes and Gardens")) == (
        "spelling: entity, Unicode form, '&'"
    )
