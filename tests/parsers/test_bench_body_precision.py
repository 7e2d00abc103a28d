"""bench/body_precision.py: the lines our body prints before a set's start of the story, and
the kind a kept line is counted as."""

from __future__ import annotations

from bench.body_precision import head_lines, kind_of


def test_head_lines_are_the_lines_before_the_truths_first_words() -> None:
    body = "This article is more than 5 years old\n\nKey Points\n\nThe council met on Monday."
    assert [line for _, _, line in head_lines(body, "The council met") or []] == [
        "This article is more than 5 years old",
        "Key Points",
    ]
    assert head_lines(body, "This article is") == []


def test_head_lines_compare_without_white_space_and_miss_an_absent_start() -> None:
    assert head_lines("Dek line\n\nThe  council\nmet on Monday.", "The council met") == [
        ("head", "", "Dek line")
    ]
    assert head_lines("Something else entirely.", "The council met") is None


def test_kinds_of_kept_lines() -> None:
    assert kind_of("Council approves plan", "Council approves plan") == "title"
    assert kind_of("Sign up for our newsletter", "") == "newsletter/subscribe"
    assert kind_of("Follow us on Twitter", "") == "share/follow"
    assert kind_of("Copyright 2008 Reuters. Click for restrictions.", "") == "legal"
    assert kind_of("By Jane Doe", "") == "dateline/byline"
    assert kind_of("The council met.", "") == "short"
