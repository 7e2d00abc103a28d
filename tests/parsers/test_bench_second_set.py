"""The second measuring set's ground-truth conversion (no clone needed)."""

from __future__ import annotations

from bench.metrics import body_precision_recall
from bench.second_set import COMMENTS_MARK_RE, clean_byline, html_text


def test_readability_expected_html_reads_as_a_reader_sees_it() -> None:
    fragment = (
        '<div id="readability-page-1" class="page"><h2>Part <em>one</em></h2>'
        "<p>First para<a href='#'>graph</a> ends.</p><ul><li>one</li><li>two</li></ul>"
        "<p>Line<br>break</p><script>var x;</script></div>"
    )
    assert html_text(fragment) == "Part one\nFirst paragraph ends.\none\ntwo\nLine\nbreak"
    # Block boundaries must not glue words: "ends." and "one" stay two tokens.
    assert body_precision_recall("First paragraph ends. one two", html_text(fragment))[1] > 0


def test_a_readability_byline_counts_only_when_it_reads_as_names() -> None:
    assert clean_byline("By Steven Mufson") == "Steven Mufson"
    assert clean_byline("Par Sébastien Farcis") == "Sébastien Farcis"
    assert clean_byline("Stella Kim, Jennifer Jett") == "Stella Kim, Jennifer Jett"
    for not_names in ("Follow Author", "Last Updated: January 7, 2025",
                      "by Lucas Nolan22 Dec 2016651", "By\n\t\t\tScott Cunningham", None):
        assert clean_byline(not_names) is None


def test_dragnet_gold_stops_at_the_comment_marker_however_it_is_spelt() -> None:
    for mark in (b"!@#$%^&*()  COMMENTS", b"!@#$%^&*() COMMENTS", b"!@#$%^&*   COMMENTS",
                 b"!@ $%^&*()  COMMENTS", b"!@#$%$%^&*()  COMMENTS"):
        gold = b"The story.\n\n" + mark + b"\n\nA reader's reply."
        assert COMMENTS_MARK_RE.split(gold, maxsplit=1)[0] == b"The story.\n\n"


def test_the_google_news_title_is_the_first_text_marked_headline() -> None:
    from bs4 import BeautifulSoup

    from bench.second_set import GOLD_CLASSES, headline

    gold = (
        '<span class="x-nc-sel2">Body first?</span><span class="x-nc-sel1"> </span>'
        '<h1><span class="x-nc-sel1">Forget shoot\n to kill</span></h1>'
        '<span class="x-nc-sel1">A deck under it</span>'
    )
    marked = BeautifulSoup(gold, "lxml").find_all(class_=GOLD_CLASSES)
    assert headline(marked) == "Forget shoot to kill"
    assert headline(BeautifulSoup(gold, "lxml").find_all(class_="x-nc-sel2")) is None


def test_the_printed_title_is_the_reference_as_a_heading_prints_it() -> None:
    from bench.second_set import printed_title

    page = "<h2>Site menu</h2><h1>How to Build a Terrarium</h1><h3>eHow</h3>"
    # The site's label after the headline goes, even when another heading prints it.
    assert printed_title(page, "How to Build a Terrarium | eHow") == "How to Build a Terrarium"
    assert printed_title(page, "How to Build a Terrarium") == "How to Build a Terrarium"
    # "Site: Headline": a later run of three or more words, as the heading prints it.
    assert printed_title("<h1>A Longer Headline Here</h1>", "Blog: a longer headline here") == (
        "A Longer Headline Here"
    )
    # Cut at a colon by the reference: the heading that holds the rest.
    v8 = "<h1>V8</h1><h1>Outside the web: standalone binaries using Emscripten</h1>"
    assert printed_title(v8, "standalone binaries using Emscripten · V8") == (
        "Outside the web: standalone binaries using Emscripten"
    )
    # A title no heading prints (a synthetic page's test name) stays as it is.
    assert printed_title("<h1>Lorem</h1>", "Base URL test") == "Base URL test"
    assert printed_title("<h1>Lorem</h1>", None) is None


def test_newspaper4k_authors_count_when_they_read_as_a_byline() -> None:
    from bench.second_set import fixture_authors

    assert fixture_authors(["Alejandro de la Garza"]) == "Alejandro de la Garza"
    assert fixture_authors(["Jeremy Herb", "Lauren del Valle"]) == "Jeremy Herb, Lauren del Valle"
    for not_a_byline in (["www.facebook.com"], ["National Desk", "on December", "at PM"],
                         [f"Writer {n}" for n in "ABCDEFGHIJ"], [], None):
        assert fixture_authors(not_a_byline) is None


def test_spread_of_none_or_zero_is_every_item_and_otherwise_evenly_spaced() -> None:
    # b41 ran `--per-source 0` for "every page" and got a ZeroDivisionError.
    from bench.second_set import _spread

    items = [str(i) for i in range(10)]
    assert _spread(items, None) == items
    assert _spread(items, 0) == items
    assert _spread(items, 5) == ["0", "2", "4", "6", "8"]
    assert _spread(items, 50) == items
