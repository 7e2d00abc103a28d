"""Hostile and careless bylines (k32): bidirectional marks around a Latin byline, the
label "By" standing where a name should be."""

from __future__ import annotations

from parsers.extract import extract

BODY = ("<p>" + " ".join(["The council met again to settle the budget for the year and the "
                          "mayor spoke."] * 8) + "</p>")


def _authors(byline: str, head: str = "") -> tuple[str, ...]:
    html = (f"<html lang='en'><head><title>Budget settled</title>{head}</head><body><article>"
            f"<h1>Budget settled</h1>{byline}{BODY * 5}</article></body></html>")
    return extract(html, url="https://example.com/news/budget").authors


def test_a_byline_behind_a_right_to_left_mark_is_read() -> None:
    # Category "Latin byline on a page mixing right-to-left text": the site sets an RLM
    # before "By". Fails without unmarked(): () (the line is no "By" line).
    assert _authors("<p>\u200fBy Anna Berg</p>") == ("Anna Berg",)


def test_left_to_right_marks_stay_out_of_the_names() -> None:
    # Fails without unmarked(): ('Anna Berg\u200e',): the mark kept in the name, "and" unsplit.
    assert _authors("<p>By Anna Berg\u200e and\u200e Jan Roe</p>") == ("Anna Berg", "Jan Roe")


def test_the_label_by_is_no_name() -> None:
    # A CMS with an empty author field prints its label where the name goes.
    # Fails without "by" in NOT_NAMES: ('By',) for each.
    assert _authors("<p>By By</p>") == ()
    assert _authors("", "<meta name=author content='By'>") == ()
    ld = '{"@type":"NewsArticle","author":{"@type":"Person","name":"By"}}'
    assert _authors("", f'<script type="application/ld+json">{ld}</script>') == ()


def test_a_name_between_zero_width_joiners_is_one_name() -> None:
    # Guard (passes both ways): clean_text drops zero-width joiners.
    assert _authors("<p>By Anna\u200d Berg</p>") == ("Anna Berg",)
