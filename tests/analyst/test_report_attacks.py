"""``pressroom report`` against what hostile sites and unlucky dates put in a warehouse.

The README promises one self-contained HTML page with no scripts: the titles it
prints come from other people's pages, and so do the dates its window hangs on.
"""

from __future__ import annotations

import json
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

from tests.analyst.conftest import T0, TRAFFICKING, CliRunner, article, base_articles, write
from tests.warehouse.storytext import copies

HOSTILE = ('<script>alert(1)</script><img src=x onerror=alert(2)>'
           '<a href="javascript:alert(3)">x</a>')


def test_hostile_titles_are_text_not_markup(tmp_path: Path, cli: CliRunner) -> None:
    # The same release carried by two sources is a story: its earliest title is printed.
    db = tmp_path / "hostile.duckdb"
    body = copies()["belta"][1]
    write(db, [article("a", HOSTILE, body, days_ago=2),
               article("a", "Copy", body, source="mirror", days_ago=1)])
    out = tmp_path / "report.html"
    proc = cli("report", "--db", str(db), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown, as text
    assert _elements(page) <= {"html", "head", "meta", "title", "style", "body", "h1", "h2",
                               "p", "table", "thead", "tbody", "tr", "th", "td",
                               "svg", "polyline", "circle", "line", "rect", "text"}


def _elements(page: str) -> set[str]:
    """Every element the page is parsed into, failing on any URL or event attribute."""
    seen: set[str] = set()

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            seen.add(tag)
            bad = [a for a, _ in attrs if a in {"src", "href", "xlink:href"} or a.startswith("on")]
            assert not bad, (tag, attrs)

    Collect().feed(page)
    return seen


def test_one_page_dated_years_ahead_does_not_move_the_window(
    tmp_path: Path, cli: CliRunner,
) -> None:
    # A typo or a hostile page dated 2031: the report ended its window there and
    # showed that one article out of six (review r24).
    db = tmp_path / "future.duckdb"
    write(db, [*base_articles(),
               article("typo", "Dated five years ahead", TRAFFICKING, days_ago=-1800)])
    out = tmp_path / "report.html"
    proc = cli("report", "--db", str(db), "--out", str(out), "--days", "30")
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    newest = (T0 - timedelta(days=1)).date().isoformat()  # the newest real article
    assert f"to {newest} (ending at the newest article): 5 of 6 stored" in page
    assert "not shown: 1 dated after it" in page
    assert "belta (4 of 5)" in page and "un_press (1)" in page


def test_out_that_is_a_pipe_or_a_link_is_written_through_not_replaced(
    tmp_path: Path, cli: CliRunner,
) -> None:
    # Review r24: the page was renamed over --out, so a pipe (or, run as root,
    # /dev/full or /dev/stdout's link) was replaced by a regular file, and a link
    # to the published page by a copy of it.
    import os
    import stat

    db = tmp_path / "r.duckdb"
    write(db, base_articles())
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # so the writer's open returns
    try:
        proc = cli("report", "--db", str(db), "--out", str(fifo))
        assert proc.returncode == 0, proc.stderr
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)
        assert os.read(reader, 1 << 16).startswith(b"<!DOCTYPE html>")
    finally:
        os.close(reader)
    published = tmp_path / "site" / "report.html"
    published.parent.mkdir()
    old = '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n' \
        "<title>Pressroom report: an old one</title>"  # an earlier report (r26: no other file)
    published.write_text(old, encoding="utf-8")
    link = tmp_path / "latest.html"
    link.symlink_to(published)
    proc = cli("report", "--db", str(db), "--out", str(link))
    assert proc.returncode == 0, proc.stderr
    page = published.read_text(encoding="utf-8")
    assert link.is_symlink() and page.startswith("<!DOCTYPE") and page != old


def test_days_past_the_calendar_is_a_usage_line(tmp_path: Path, cli: CliRunner) -> None:
    # Review r24: --days 100000000 ran dates past year 9999: an OverflowError traceback.
    db = tmp_path / "r.duckdb"
    write(db, base_articles())
    proc = cli("report", "--db", str(db), "--out", str(tmp_path / "r.html"),
               "--days", "100000000")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.splitlines()[-1] == (
        "pressroom report: error: argument --days: must be at most 36525 (a century): "
        "'100000000' (see pressroom report --help)")


def test_report_or_index_over_the_warehouse_is_refused(tmp_path: Path, cli: CliRunner) -> None:
    # Review r24: `report --out` (or `index --index`) given the warehouse's own path,
    # a slip of the shell history, replaced the warehouse with the page (or the index).
    db = tmp_path / "w.duckdb"
    write(db, base_articles())
    report = cli("report", "--db", str(db), "--out", str(db))
    index = cli("index", "--db", str(db), "--index", str(db))
    assert (report.returncode, index.returncode) == (1, 1), report.stderr + index.stderr
    assert report.stderr.splitlines() == [
        f"pressroom: error: cannot write report {db}: it is a DuckDB database; "
        "choose another --out"]
    assert index.stderr.splitlines() == [
        f"pressroom: error: cannot write search index {db}: it is the warehouse; "
        "choose another --index"]
    rows = cli("sql", "SELECT count(*) AS n FROM articles", "--db", str(db), "--format", "json")
    assert rows.returncode == 0 and json.loads(rows.stdout) == [{"n": 5}], rows.stderr


def test_index_over_another_warehouse_or_a_sources_file_is_refused(
    tmp_path: Path, cli: CliRunner,
) -> None:
    # Review r26: only the warehouse's own path was guarded; `--index` naming another
    # warehouse (a slip between two of them) or the sources file replaced it.
    db = tmp_path / "w.duckdb"
    write(db, base_articles())
    other = tmp_path / "other.duckdb"
    write(other, base_articles()[:2])
    sources = tmp_path / "sources.toml"
    sources.write_text('[[source]]\nname = "a"\nfeeds = ["https://a.example/rss"]\n',
                       encoding="utf-8")
    kept = (other.read_bytes(), sources.read_bytes())
    for target, what in ((other, "it is a warehouse"),
                         (sources, "it is not a search index (remove it if it is a damaged "
                          "index)")):
        proc = cli("index", "--db", str(db), "--index", str(target))
        assert proc.returncode == 1, proc.stdout
        assert proc.stderr.splitlines() == [
            f"pressroom: error: cannot write search index {target}: {what}; "
            "choose another --index"]
    assert (other.read_bytes(), sources.read_bytes()) == kept
    index = tmp_path / "w.search.duckdb"
    for _ in range(2):  # an index of its own is replaced, as before
        proc = cli("index", "--db", str(db), "--index", str(index))
        assert proc.returncode == 0, proc.stderr


def test_report_over_a_file_that_is_no_report_is_refused(tmp_path: Path, cli: CliRunner) -> None:
    # Review r26: `report --out sources.toml` (a slip of the shell history) replaced the
    # sources file with the page, as it would a site's own page; only DuckDB files were
    # guarded. An earlier report, an empty file and a new path are written as before.
    db = tmp_path / "w.duckdb"
    write(db, base_articles())
    sources = tmp_path / "sources.toml"
    sources.write_text('[[source]]\nname = "a"\nfeeds = ["https://a.example/rss"]\n',
                       encoding="utf-8")
    page = tmp_path / "index.html"
    page.write_text("<!DOCTYPE html><title>Our agency</title><p>Hand-written.</p>",
                    encoding="utf-8")
    for target in (sources, page):
        before = target.read_bytes()
        proc = cli("report", "--db", str(db), "--out", str(target))
        assert proc.returncode == 1, proc.stdout
        assert proc.stderr.splitlines() == [
            f"pressroom: error: cannot write report {target}: it holds something other than "
            "a Pressroom report; choose another --out"]
        assert target.read_bytes() == before
    empty = tmp_path / "empty.html"
    empty.touch()
    for target in (tmp_path / "r.html", tmp_path / "r.html", empty):
        proc = cli("report", "--db", str(db), "--out", str(target))
        assert proc.returncode == 0, proc.stderr
        assert "<title>Pressroom report" in target.read_text(encoding="utf-8")


def test_report_into_a_folder_or_an_unwritable_one_is_a_plain_line(tmp_path: Path,
                                                                   cli: CliRunner) -> None:
    # u40, z40c: `report --out reports` (a folder) failed with Python's own text,
    # "[Errno 21] Is a directory: '<out>.tmp-host-42' -> 'reports'", naming a scratch
    # file the user never made. Also through a link to the folder.
    db = tmp_path / "w.duckdb"
    write(db, base_articles())
    folder = tmp_path / "reports"
    folder.mkdir()
    link = tmp_path / "latest"
    link.symlink_to(folder)
    for target in (folder, link):
        proc = cli("report", "--db", str(db), "--out", str(target))
        assert proc.returncode == 1, proc.stdout
        assert proc.stderr.splitlines() == [
            f"pressroom: error: cannot write report {target}: it is a folder; give a file "
            f"name, such as {target / 'report.html'}"]
        assert list(folder.iterdir()) == []
    # A path through a file: said in words (mkdir's own was "[Errno 17] File exists").
    plain = tmp_path / "notes.txt"
    plain.write_text("notes", encoding="utf-8")
    proc = cli("report", "--db", str(db), "--out", str(plain / "r.html"))
    assert proc.returncode == 1, proc.stdout
    assert proc.stderr.splitlines() == [
        f"pressroom: error: cannot write report {plain / 'r.html'}: {plain} is a file, "
        "not a folder"]
    assert plain.read_text(encoding="utf-8") == "notes"
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]
