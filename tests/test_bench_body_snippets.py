"""bench/body_snippets.py reads test cases statically: on a test file written here in the
shape of trafilatura's unit tests (not its text), every text-in-body assertion is found
with its page, URL and polarity, the other assertions are counted under their reason, and
a disagreement is put on the side it costs (precision or recall) under its category."""

from __future__ import annotations

from bench.body_snippet_categories import category
from bench.body_snippets import Case, agrees, cases, side

SOURCE = """
_LEAD = "Quarterly revenue rose by four percent."


def _extract_doc(body, *, intro=True, **kwargs):
    return extract(f"<html><body><article>{body}</article></body></html>", **kwargs)


def test_bodies():
    page = "<html><body><p>Revenue rose.</p><nav><a href='/'>Home</a></nav></body></html>"
    result = extract(page, output_format="txt", url="https://example.org/a")
    assert "Revenue rose." in result
    assert "Home" not in result
    assert "<p>" in extract(page, output_format="xml")
    assert "Home" in extract(page, favor_recall=True)
    assert "Home" not in extract(page, include_comments=False, favor_precision=False)
    assert "Home" not in extract(page, fast=True)
    tree = html.fromstring(f"<html><body><p>{_LEAD}</p></body></html>")
    assert extract(copy(tree)) == _LEAD
    assert "x" in baseline(page)
    for cls in ("share", "related"):
        doc = f"<div class='{cls}'><p>Follow us</p></div>"
        assert extract(doc).count("Follow us") == 0
    assert len(extract(page)) > 3


def test_helper_and_settings():
    assert "a" in _table_txt("<table><tr><td>a</td></tr></table>")
    MANUALLY_CLEANED.append("p")
    try:
        assert "Revenue" not in extract("<p>Revenue</p>")
    finally:
        MANUALLY_CLEANED.remove("p")


def test_loads_a_file():
    with open(path.join(RESOURCES_DIR, "page.html")) as f:
        assert "text" in extract(f.read())


@pytest.mark.parametrize("doc", ["<p>a</p>"])
def test_parametrized(doc):
    assert "a" in extract(doc)
"""


def test_every_scorable_case_is_read() -> None:
    got = [(c.test, c.needle, c.kept, c.url) for c in cases(SOURCE).cases]
    assert got == [
        ("test_bodies", "Revenue rose.", True, "https://example.org/a"),
        ("test_bodies", "Home", False, "https://example.org/a"),
        ("test_bodies", "Home", False, None),
        ("test_bodies", "Quarterly revenue rose by four percent.", True, None),
        ("test_bodies", "Follow us", False, None),
        ("test_bodies", "Follow us", False, None),
        ("test_helper_and_settings", "a", True, None),
    ]
    read = cases(SOURCE).cases
    assert read[3].doc == "<html><body><p>Quarterly revenue rose by four percent.</p></body></html>"
    assert read[4].doc == "<div class='share'><p>Follow us</p></div>"
    assert (
        read[6].doc
        == "<html><body><article><table><tr><td>a</td></tr></table></article></body></html>"
    )


def test_every_other_assertion_is_counted_with_its_reason() -> None:
    skipped = cases(SOURCE).skipped
    assert skipped["a needle of markup or layout (tags, markdown, line breaks)"] == 1
    assert skipped["an option we do not have (favor_recall=True)"] == 1
    assert skipped["the same case again (another option or loop pass)"] == 1
    assert skipped["the result of something else (baseline, a helper, a tree)"] == 1
    assert skipped["not a text-in-body assertion"] == 1
    assert skipped["inside try/finally (a setting changed in place)"] == 1
    assert skipped["a test that loads a file (held back, never read)"] == 1
    assert skipped["a parametrized test (cases not read)"] == 1
    assert sum(skipped.values()) == 8


def test_a_disagreement_is_put_on_its_side_and_category() -> None:
    kept, dropped = cases(SOURCE).cases[0:2]
    assert agrees(kept, "Revenue rose.\n\nMore.") and not agrees(kept, "")
    assert agrees(dropped, "Revenue rose.") and not agrees(dropped, "Home")
    assert side(kept) == "dropped (recall side)"
    assert side(dropped) == "kept (precision side)"
    assert category(dropped) == "navigation"
    assert category(kept) == "plain text (paragraphs, divs, wild text)"
    share = Case("t", 1, "<div class='share'><p>Follow us</p></div>", None, "Follow us", False)
    assert category(share) == "share/teaser/related blocks"
    cell = Case("t", 1, "<table><tr><td>Q1 <b>rose</b></td></tr></table>", None, "Q1 rose", True)
    assert category(cell) == "tables"
