"""bench/metadata_snippets.py reads test cases statically: on a test file written here in
the shape of trafilatura's (not its text), every scorable case is found with its URL and
expected value, and every other assertion is counted under its reason."""

from __future__ import annotations

from bench.metadata_snippets import agrees, cases

SOURCE = '''
def test_titles():
    tests = [
        ("<html><head><title>Budget approved</title></head></html>", "Budget approved"),
        ("<html><body><p>x</p></body></html>", None),
    ]
    for doc, expected in tests:
        metadata = extract_metadata(doc)
        assert metadata.title == expected
    metadata = extract_metadata("<html><head><title>A » B</title></head></html>")
    assert metadata.title == "A"
    assert metadata.sitename == "B"
    assert metadata.title.endswith("A")


def test_authors():
    begin, end = "<html><body>", "</body></html>"
    cases = [(f'{begin}<a rel="author">Jane Doe</a>{end}', "Jane Doe")]
    for doc, expected in cases:
        assert extract_metadata(doc).author == expected
    assert extract_metadata("<p>x</p>", author_blacklist={"X"}).author is None
    assert check_authors("a; b", {"a"}) == "b"


def test_dates():
    assert extract_metadata("<p>x</p>", "https://example.org/2019/11/16/a").date == "2019-11-16"
'''


def test_every_scorable_case_is_read() -> None:
    read = cases(SOURCE)
    got = [(c.test, c.field, c.url, c.expected) for c in read.cases]
    assert got == [
        ("test_titles", "title", None, "Budget approved"),
        ("test_titles", "title", None, None),
        ("test_titles", "title", None, "A"),
        ("test_authors", "author", None, "Jane Doe"),
        ("test_dates", "date", "https://example.org/2019/11/16/a", "2019-11-16"),
    ]
    assert read.cases[3].doc == '<html><body><a rel="author">Jane Doe</a></body></html>'


def test_every_other_assertion_is_counted_with_its_reason() -> None:
    skipped = cases(SOURCE).skipped
    assert sum(skipped.values()) == 4
    assert skipped["a field an Article does not hold (sitename)"] == 1
    assert skipped["author_blacklist (trafilatura's option; no such input here)"] == 1
    assert skipped["a helper of trafilatura's compared (check_authors)"] == 1
    assert skipped["not an equality (e.g. endswith, len, all)"] == 1


def test_an_expected_none_agrees_with_nothing_found() -> None:
    case = cases(SOURCE).cases[1]
    assert agrees(case, None)
    assert not agrees(case, "x")
