"""bench/postlight_set.py: Postlight parser's fixtures and hand-written expectations, from git."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bench.postlight_set import (
    build,
    main,
    midnight_local_day,
    parse_tests,
    score_page,
    start_scores,
)

STORY = "<p>" + "The council approved the budget after a long debate on Tuesday. " * 8 + "</p>"

# The shapes the real test files use: a beforeAll with the URL before the fixture, asserts
# in later `it`s, a second fixture read inside an `it` with its URI after it, a title spread
# over two concatenated literals, an escaped quote, a date compared by its day only.
NEWS_TEST = """
describe('NewsExtractor', () => {
  describe('initial test case', () => {
    let result;
    let url;
    beforeAll(() => {
      url =
        'https://news.example.com/2016/09/20/council-budget.html';
      const html = fs.readFileSync('./fixtures/news.example.com.html');
      result = Mercury.parse(url, { html, fallback: false });
    });
    it('returns the title', async () => {
      const { title } = await result;
      assert.equal(
        title,
        'Council Approves ' + 'the Budget'
      );
    });
    it('returns the author', async () => {
      const { author } = await result;
      assert.equal(author, 'Jane Doe, John Roe and Ann O\\'Neil');
    });
    it('returns the date_published', async () => {
      const { date_published } = await result;
      assert.equal(date_published, '2016-09-20T02:30:00.000Z');
    });
    it('returns the content', async () => {
      const first13 = excerptContent(
        $('*').first().text(),
        13
      );
      assert.equal(
        first13,
        'The council approved the budget after a long debate on Tuesday. The council'
      );
    });
  });

  it('works with a feature story', async () => {
    const html = fs.readFileSync('./fixtures/news.example.com--feature.html');
    const uri = "https://news.example.com/feature";
    const { title, date_published } = await Mercury.parse(uri, { html });
    assert.equal(title, `A Feature`);
    assert.equal(date_published.split('T')[0], '2016-10-01');
  });
});
"""

FORUM_TEST = """
describe('RedditExtractor', () => {
  beforeAll(() => {
    url = 'https://www.reddit.com/r/x/comments/1/';
    const html = fs.readFileSync('./fixtures/www.reddit.com.html');
  });
  it('returns the title', async () => {
    assert.equal(title, 'A thread');
  });
});
"""


def mirror(tmp_path: Path) -> Path:
    """A Postlight-shaped git repository: fixtures, two sites' tests, a licence."""
    repo = tmp_path / "parser"
    pages = {
        # The page prints the instant in its zone: the local day (2016-09-19) differs.
        "news.example.com": '<time datetime="2016-09-19T22:30:00-04:00">Sept. 19</time>',
        "news.example.com--feature": "",
        "www.reddit.com": "",
    }
    for name, extra in pages.items():
        page = repo / "fixtures" / f"{name}.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<html><body><h1>Story</h1>{extra}{STORY}</body></html>",
                        encoding="utf-8")
    for site, text in (("news.example.com", NEWS_TEST), ("www.reddit.com", FORUM_TEST)):
        test = repo / "src" / "extractors" / "custom" / site / "index.test.js"
        test.parent.mkdir(parents=True, exist_ok=True)
        test.write_text(text, encoding="utf-8")
    (repo / "LICENSE-MIT").write_text("MIT\n", encoding="utf-8")
    for args in (["init", "-q"], ["add", "."],
                 ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "parser"]):
        subprocess.run(["git", "-C", str(repo), *args], check=True)
    return repo / ".git"


def test_each_fixture_gets_its_own_url_and_expectations() -> None:
    first, feature = parse_tests(NEWS_TEST, "news.example.com")
    assert (first.fixture, first.url) == (
        "news.example.com", "https://news.example.com/2016/09/20/council-budget.html")
    assert first.title == "Council Approves the Budget"
    assert first.author == "Jane Doe, John Roe and Ann O'Neil"
    assert (first.date_published, first.date_day) == ("2016-09-20T02:30:00.000Z", "2016-09-20")
    assert first.first13 is not None and first.first13.startswith("The council approved")
    assert (feature.fixture, feature.url, feature.title) == (
        "news.example.com--feature", "https://news.example.com/feature", "A Feature")
    assert (feature.date_published, feature.date_day, feature.author) == (None, "2016-10-01", None)


def test_build_writes_articles_and_skips_what_is_no_article(tmp_path: Path) -> None:
    out = tmp_path / "set"
    records = build(mirror(tmp_path), out)
    assert {r.fixture: r.skipped for r in records} == {
        "news.example.com": None, "news.example.com--feature": None,
        "www.reddit.com": "a forum thread (post and comments)"}
    assert sorted(p.name for p in (out / "html").iterdir()) == [
        "news.example.com--feature.html", "news.example.com.html"]
    truth = json.loads((out / "truth" / "news.example.com.json").read_text(encoding="utf-8"))
    assert truth["local_day"] == "2016-09-19"  # the page's own offset, not the UTC day
    assert "Postlight" in (out / "README.md").read_text(encoding="utf-8")
    assert json.loads((out / "skipped.json").read_text(encoding="utf-8")) == {
        "www.reddit.com": "a forum thread (post and comments)"}


def test_a_printed_day_read_as_midnight_east_of_utc_is_that_day() -> None:
    assert midnight_local_day("<p>2019年4月4日</p>", "2019-04-03T15:00:00.000Z") == "2019-04-04"
    assert midnight_local_day("<p>April 4, 2019</p>", "2019-04-03T15:00:00.000Z") == "2019-04-04"
    assert midnight_local_day("<p>April 3, 2019</p>", "2019-04-03T15:00:00.000Z") is None
    assert midnight_local_day("<p>2019年4月4日</p>", "2019-04-03T15:12:00.000Z") is None
    # A fixture that spells 年/月/日 as character references prints the same day.
    spelled = "<p>2019&#x5E74;4&#26376;4&#x65E5;</p>"
    assert midnight_local_day(spelled, "2019-04-03T15:00:00.000Z") == "2019-04-04"


def test_scores_follow_the_bench_metrics() -> None:
    truth = {"title": "Council Approves the Budget", "author": "Jane Doe, John Roe and Ann Lee",
             "date_day": "2016-09-20", "local_day": "2016-09-19",
             "first13": "The council approved the budget after a long debate"}
    eastern = timezone(timedelta(hours=-4))
    hits = score_page(truth, "Council approves the budget", ["Ann Lee", "John Roe", "Jane Doe"],
                      datetime(2016, 9, 19, 22, 30, tzinfo=eastern),
                      "The council approved the budget after a long debate.")
    assert hits == {"title": True, "author": True, "date_utc": True, "date_local": True,
                    "start": True, "start_60": True}
    missed = score_page(truth, "Council", ["Jane Doe"], datetime(2016, 9, 19, 22, 30, tzinfo=UTC),
                        "Updated. The council approved the budget after a long debate.")
    assert missed == {"title": False, "author": False, "date_utc": False, "date_local": True,
                      "start": False, "start_60": True}
    assert score_page({}, None, None, date(2016, 9, 20), "")["title"] is None


def test_the_body_start_ignores_white_space_as_jquery_text_glues_blocks() -> None:
    assert start_scores("Michelle Obama sees despair.\n\nThe first lady said",
                        "Michelle Obama sees despair.The first lady said") == (True, True)
    assert start_scores("「Helvetica」は、 世界で", "「Helvetica」は、世界で") == (True, True)
    assert start_scores("A teaser line. The story", "The story") == (False, True)
    assert start_scores("word " * 61 + "The story", "The story") == (False, False)


# Attacked as a new user (k38): ``measure`` on a folder that was never built (a typo in
# --out) printed a table of 0/0 and exited 0, and ``build`` without the mirror ended in a
# git traceback. Both now stop with a message and exit status 2; each test fails without.
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


def test_build_moves_mercurys_meta_values_back_into_content(tmp_path: Path) -> None:
    """Mercury saved its fixtures after normalizeMetaTags (content= became value=)."""
    from bench.postlight_build import restore_meta_content

    saved = (b'<meta name="author" value="Jane Doe">'
             b'<META NAME="article:published_time" VALUE = "2016-09-20T02:30:00Z">'
             b'<meta name="x" content="kept" value="other">'
             b'<input name="q" value="search"><meta name="y" data-value="1">')
    assert restore_meta_content(saved) == (
        b'<meta name="author" content="Jane Doe">'
        b'<META NAME="article:published_time" content = "2016-09-20T02:30:00Z">'
        b'<meta name="x" content="kept" value="other">'
        b'<input name="q" value="search"><meta name="y" data-value="1">')
    repo = mirror(tmp_path)
    work = tmp_path / "parser"
    page = work / "fixtures" / "news.example.com.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "<html>", '<html><head><meta name="author" value="Jane Doe"></head>'), encoding="utf-8")
    subprocess.run(["git", "-C", str(work), "-c", "user.name=t", "-c", "user.email=t@t",
                    "commit", "-q", "-am", "meta"], check=True)
    out = tmp_path / "set"
    build(repo, out)
    html = (out / "html" / "news.example.com.html").read_text(encoding="utf-8")
    assert '<meta name="author" content="Jane Doe">' in html
