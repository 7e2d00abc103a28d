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
