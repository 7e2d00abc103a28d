"""bench/goose_set.py: goose3's fixtures and the expectations its tests compare, from git."""

from __future__ import annotations

import json
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bench.goose_set import build, compared_fields, main, measure, prefix_words, score_page

STORY = "".join(
    f"<p>The council approved the budget after a long debate on Tuesday, part {i}.</p>"
    for i in range(8)
)
TEXT = " ".join(
    f"The council approved the budget after a long debate on Tuesday, part {i}."
    for i in range(8)
)

# The shapes goose3's test modules use: a fields list, a configured getArticle, a single
# ``field = "authors"`` compared by hand, a test in a second class.
CONTENT_TESTS = '''
class TestExtractions(TestExtractionBase):
    def test_council(self):
        article = self.getArticle()
        fields = ["title", "cleaned_text"]
        self.runArticleAssertions(article=article, fields=fields)

    def test_council_config(self):
        article = self.getArticle({"parse_lists": False})
        fields = ["cleaned_text"]
        self.runArticleAssertions(article=article, fields=fields)

    def test_council_copy(self):
        article = self.getArticle()
        fields = ["title", "cleaned_text"]
        self.runArticleAssertions(article=article, fields=fields)


class TestArticleTopNode(TestExtractionBase):
    def test_snippet(self):
        article = self.getArticle()
        fields = ["cleaned_text"]
        self.runArticleAssertions(article=article, fields=fields)
'''
AUTHOR_TESTS = '''
class TestArticleAuthor(TestExtractionBase):
    def test_byline(self):
        field = "authors"
        article = self.getArticle()
'''


def mirror(tmp_path: Path) -> Path:
    """A goose3-shaped git repository: content, authors and images fixtures and tests."""
    repo = tmp_path / "goose3"
    page = (f"<html><head><title>Council budget</title></head><body><h1>Council budget</h1>"
            f"{STORY}</body></html>")
    url = "https://news.example.org/council"
    expected = {"title": "Council budget", "cleaned_text": TEXT[:120], "meta_lang": "en"}
    fixtures = {
        "content/test_council": (page, {"url": url, "expected": expected}),
        "content/test_council_config": (page + " ", {"url": url, "expected": expected}),
        "content/test_council_copy": (page, {"url": url, "expected": expected}),
        "content/test_snippet": (
            "<html><body><p>Search teams were mobilized on Sunday.</p></body></html>",
            {"url": "http://exemple.com/x", "expected": {"cleaned_text": "Search teams"}}),
        "authors/test_byline": (
            f"<html><body><p class='byline'>By Jane Doe and John Roe</p>{STORY}</body></html>",
            {"url": url, "expected": {"authors": ["John Roe", "Jane Doe"]}}),
        "images/test_picture": ("<html><body><img src='a.jpg'></body></html>",
                                {"expected": {"top_image": "a.jpg"}}),
    }
    for name, (html, data) in fixtures.items():
        path = repo / "tests" / "data" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.with_suffix(".html").write_text(html, encoding="utf-8")
        path.with_suffix(".json").write_text(json.dumps(data), encoding="utf-8")
    (repo / "tests" / "test_content.py").write_text(CONTENT_TESTS, encoding="utf-8")
    (repo / "tests" / "test_authors.py").write_text(AUTHOR_TESTS, encoding="utf-8")
    (repo / "LICENSE.txt").write_text("Apache-2.0\n", encoding="utf-8")
    for args in (["init", "-q"], ["add", "."],
                 ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "goose"]):
        subprocess.run(["git", "-C", str(repo), *args], check=True)
    return repo / ".git"


def test_the_fields_each_test_compares_and_whether_it_configures_goose() -> None:
    found = compared_fields(CONTENT_TESTS + AUTHOR_TESTS)
    assert found["test_council"] == ({"title", "cleaned_text"}, False)
    assert found["test_council_config"] == ({"cleaned_text"}, True)
    assert found["test_snippet"] == ({"cleaned_text"}, False)
    assert found["test_byline"] == ({"authors"}, False)


def test_build_keeps_pages_and_snippets_and_says_why_the_rest_went(tmp_path: Path) -> None:
    out = tmp_path / "set"
    kept, skipped = build(mirror(tmp_path), out)
    assert {t["fixture"]: t["kind"] for t in kept} == {
        "content--council": "page", "content--snippet": "snippet", "authors--byline": "page"}
    assert skipped == {
        "content--council_config": "its test sets a goose configuration first",
        "content--council_copy": "the same page and truths as content--council",
        "images--picture": "which picture is the top image"}
    truth = json.loads((out / "truth" / "authors--byline.json").read_text(encoding="utf-8"))
    assert truth["authors"] == "Jane Doe, John Roe" and truth["title"] is None
    snippet = json.loads((out / "truth" / "content--snippet.json").read_text(encoding="utf-8"))
    assert snippet["url"] == "http://exemple.com/x"
    assert "goose3" in (out / "README.md").read_text(encoding="utf-8")
    totals = measure(out, ["pressroom"], None)
    assert totals["pressroom page"]["title"] == [1.0, 1]
    assert totals["pressroom page"]["start"] == [1.0, 1]
    assert totals["pressroom page"]["authors"] == [1.0, 1]


def test_a_prefix_cut_inside_a_word_loses_that_word_only() -> None:
    words = [f"w{i}" for i in range(14)]
    assert prefix_words(" ".join(words) + " fourte") == words
    assert prefix_words(" ".join(words) + " fourteen.") == [*words, "fourteen."]
    assert prefix_words("Washington (CNN) -- Democrats pledged ") == [
        "Washington", "(CNN)", "--", "Democrats", "pledged"]


def test_scores_are_fair_to_a_prefix_truth() -> None:
    truth = {"title": "Council budget", "authors": "Jane Doe, John Roe", "date": "2014-11-23",
             "body": TEXT[:150]}
    east = timezone(timedelta(hours=4))
    hits = score_page(truth, "Council Budget", ["John Roe", "Jane Doe"],
                      datetime(2014, 11, 23, 16, 0, tzinfo=east), TEXT)
    assert hits == {"title": True, "authors": True, "date": True, "start": True,
                    "start_60": True, "recall": 1.0}
    # A credit line first: the start misses, the recall of the prefix does not.
    missed = score_page(truth, "Council budget - The Daily", ["Jane Doe"], date(2014, 11, 22),
                        "Jane Doe / Getty Images\n\n" + TEXT)
    assert missed["title"] is False and missed["authors"] is False and missed["date"] is False
    assert (missed["start"], missed["start_60"], missed["recall"]) == (False, True, 1.0)
    # Our body stops early: the recall falls.
    short = score_page(truth, None, None, None, TEXT[:90])
    assert short["start"] is True and 0 < float(short["recall"] or 0) < 0.7
    assert score_page({}, None, None, None, "")["title"] is None


def test_measure_on_an_unbuilt_folder_stops(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["measure", "--out", str(tmp_path / "never-built"), "--only", "pressroom"])
    assert stop.value.code == 2
    assert "build" in capsys.readouterr().err


def test_build_without_the_mirror_stops(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["build", "--mirror", str(tmp_path / "no-mirror"), "--out", str(tmp_path / "set")])
    assert stop.value.code == 2
    assert "fetch" in capsys.readouterr().err
