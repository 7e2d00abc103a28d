"""bench/title_h1_og.py: where an <h1> and the metadata title differ, the truth's side and
the markup around the <h1>."""

from __future__ import annotations

from bench.title_h1_og import page_row, relation

BODY = "<p>" + " ".join(["The council voted on the bridge repairs on Monday night."] * 8) + "</p>"


def _page(h1_html: str, og: str) -> str:
    return (
        f'<html><head><title>{og} | Example News</title><meta property="og:title" '
        f'content="{og} | Example News"><meta property="og:site_name" content="Example News">'
        f"</head><body>{h1_html}<article><div class='story'>{BODY * 4}</div></article>"
        "</body></html>"
    )


def test_relations_between_h1_and_metadata_title() -> None:
    assert relation("Bridge reopens", "Bridge reopens after repairs") == "meta = h1 + tail"
    assert relation("Bridge reopens", "Transport: Bridge reopens") == "meta = kicker + h1"
    assert relation("Bridge reopens after repairs", "Bridge reopens") == "h1 = meta + tail"
    assert relation("Council bridge reopens early", "Bridge reopens early, council says") == (
        "variant (half the words shared)"
    )
    assert relation("Example News", "Bridge reopens after repairs") == "other words"


def test_a_site_header_h1_is_told_from_the_storys() -> None:
    url = "https://www.example-news.com/2024/bridge"
    header = page_row(
        "t",
        "1",
        url,
        _page("<header><h1>Example News</h1></header>", "Bridge reopens"),
        "Bridge reopens",
    )
    assert header["differ"] and header["truth"] == "meta"
    assert header["signals"]["where"] == "under a site header"
    assert header["signals"]["h1 names the site"] == "True"
    story = page_row(
        "t",
        "2",
        url,
        _page("<article><h1>Council reopens the old bridge</h1></article>", "Bridge reopens"),
        "Council reopens the old bridge",
    )
    assert story["truth"] == "h1" and story["signals"]["where"] == "in a story element"
    same = page_row("t", "3", url, _page("<h1>Bridge reopens</h1>", "Bridge reopens"), "x")
    assert same["differ"] is False
