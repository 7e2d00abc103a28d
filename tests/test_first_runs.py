"""What a new user meets in the first runs, through the real CLI: unreachable hosts,
refreshes, backfills, progress, bad listing selectors, a full data folder, Ctrl-C."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.cli_run import TIMEOUT, dead_source, run_cli
from warehouse import open_warehouse


def _summary(stdout: str) -> dict[str, dict[str, str]]:
    """The ingest summary table as {source: {column: cell}}."""
    lines = [line for line in stdout.splitlines() if "|" in line and not line.startswith("-")]
    header = [c.strip() for c in lines[0].split("|")]
    return {cells[0]: dict(zip(header, cells, strict=True))
            for cells in ([c.strip() for c in line.split("|")] for line in lines[1:])}


def test_unreachable_host_is_one_line_per_source(tmp_path: Path) -> None:
    base, sources = dead_source(tmp_path)
    proc = run_cli("ingest", "--no-prefect", "--sources", str(sources), "--db",
                   str(tmp_path / "d.duckdb"))
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        f"pressroom: error: source dead: could not reach {base} (RobotsUnavailable); "
        "details: pressroom status --verbose"
    ]


def test_a_feed_whose_body_breaks_off_is_not_called_unreachable(tmp_path: Path) -> None:
    """The host answered 200, then closed before its Content-Length: saying it "could not
    be reached" sent users to check the network (review v22)."""
    from tests.reliability.fault_server import FaultServer, wrong_length

    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>' + b"x" * 200
    with FaultServer() as srv:
        srv.route("/rss.xml", wrong_length(feed, declared=len(feed) + 500))
        sources = tmp_path / "s.toml"
        sources.write_text(
            f'[[source]]\nname = "cut"\nfeeds = ["{srv.url}/rss.xml"]\n'
            'allow_private_network = true\nmin_delay = 0\ntimeout = 2\n', encoding="utf-8")
        proc = run_cli("ingest", "--no-prefect", "--sources", str(sources), "--db",
                       str(tmp_path / "d.duckdb"))
    assert proc.returncode == 1
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("pressroom: error: source cut failed: BodyBrokeOff: the response "
                           f"from {srv.url}/rss.xml broke off"), line
    assert "could not reach" not in line and "Traceback" not in proc.stderr


def test_repeated_failures_are_logged_once_per_kind() -> None:
    from flows.discovery_records import Failure
    from flows.run import failure_lines

    failures = [Failure(f"http://h/{i}", "RobotsUnavailable", "robots.txt of http://h "
                        "unavailable; not crawling", True) for i in range(5)]
    failures.append(Failure("http://h/x", "FeedError", "bad XML"))
    assert failure_lines("s", failures) == [
        "s: 5 × RobotsUnavailable, e.g. robots.txt of http://h unavailable; not crawling",
        "s: FeedError bad XML",
    ]


def test_refresh_sends_article_validators(tmp_path: Path) -> None:
    from tests.site import PressSite
    from tests.site.sources import write_sources_toml

    with PressSite() as site:
        sources = str(write_sources_toml(site, tmp_path / "s.toml", names=("belta",)))
        db = str(tmp_path / "x.duckdb")
        first = run_cli("ingest", "--no-prefect", "-v", "--sources", sources, "--db", db)
        assert first.returncode == 0, first.stderr[-2000:]
        articles = {path for verb, path, _ in site.requests if "/view/" in path}
        already = len(site.requests)
        refresh = run_cli("ingest", "--no-prefect", "-v", "--refresh", "--sources", sources,
                          "--db", db)
        assert refresh.returncode == 0, refresh.stderr[-2000:]
        again = [(path, headers) for _, path, headers in site.requests[already:]
                 if path in articles]
    assert len(again) == len(articles) == int(_summary(first.stdout)["belta"]["new"])
    # Every known article is asked for conditionally, so the site answers 304.
    assert all("if-none-match" in headers for _, headers in again), again
    row = _summary(refresh.stdout)["belta"]
    # Asked and answered 304: fetched and unchanged (u54; "0 fetched" before).
    assert row["fetched"] == row["unchanged"] == str(len(articles))


def test_refresh_keeps_the_retry_backoff(tmp_path: Path) -> None:
    import duckdb

    from tests.site import PressSite
    from tests.site.sources import write_sources_toml

    def attempts() -> dict[str, int]:
        con = duckdb.connect(db)
        try:
            rows = con.execute("SELECT url, attempts FROM url_retries").fetchall()
        finally:
            con.close()
        return {url.rsplit("/", 2)[-2]: n for url, n in rows}

    with PressSite() as site:
        sources = str(write_sources_toml(site, tmp_path / "s.toml", names=("fixture",)))
        db = str(tmp_path / "r.duckdb")
        run_cli("ingest", "--no-prefect", "--sources", sources, "--db", db)
        assert attempts()["gone"] == 1
        before = len(site.requests)
        refresh = run_cli("ingest", "--no-prefect", "-v", "--refresh", "--sources", sources,
                          "--db", db)
        asked = [path for _, path, _ in site.requests[before:]]
        # Before: every refresh asked again and stepped the backoff (given up in 5 runs).
        assert "/gone/" not in asked, asked
        assert attempts()["gone"] == 1
        assert _summary(refresh.stdout)["fixture"]["retry_list"] == "2"
        con = duckdb.connect(db)
        con.execute("UPDATE url_retries SET next_attempt_at = now() - INTERVAL 1 MINUTE")
        con.close()
        run_cli("ingest", "--no-prefect", "--refresh", "--sources", sources, "--db", db)
    assert attempts()["gone"] == 2  # a due retry is still asked


def test_backfill_since_stores_nothing_older(tmp_path: Path) -> None:
    import asyncio

    import duckdb

    from flows.config import load_sources
    from flows.run import run_sources
    from tests.site import PressSite
    from tests.site.sources import write_sources_toml

    since = datetime(2019, 11, 15, tzinfo=UTC)
    db = tmp_path / "b.duckdb"
    with PressSite() as site:
        sources = load_sources(write_sources_toml(site, tmp_path / "s.toml", names=("belta",)))
        _, (report,) = asyncio.run(run_sources(sources, db, since=since, max_listing_pages=10,
                                               as_tasks=False))
    assert report.counts.new >= 1
    con = duckdb.connect(str(db), read_only=True)
    dates = [row[0] for row in con.execute("SELECT published_at FROM articles").fetchall()]
    con.close()
    assert dates and all(d is not None and d >= since for d in dates), dates


def _ingest_output(tmp_path: Path, *, tty: bool) -> str:
    """stderr of ``ingest --no-prefect`` on the press site, through a terminal or a pipe."""
    from tests.site import PressSite
    from tests.site.sources import write_sources_toml

    with PressSite() as site:
        sources = str(write_sources_toml(site, tmp_path / "s.toml", names=("belta",)))
        return _stderr("ingest", "--no-prefect", "--sources", sources,
                       "--db", str(tmp_path / f"{tty}.duckdb"), tty=tty)


def _stderr(*command: str, tty: bool) -> str:
    """stderr of ``pressroom COMMAND`` (which must succeed), through a terminal or a pipe."""
    import os
    import pty

    args = [sys.executable, "-m", "pressroom", *command]
    if not tty:
        piped = run_cli(*command)
        assert piped.returncode == 0, piped.stderr
        return piped.stderr
    leader, follower = pty.openpty()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the process exits
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=TIMEOUT)
    os.close(leader)
    assert proc.returncode == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_is_live_on_a_terminal_and_plain_otherwise(tmp_path: Path) -> None:
    live = _ingest_output(tmp_path, tty=True)
    assert "\x1b[" in live  # Rich redraws in place
    assert "articles done" in live
    plain = _ingest_output(tmp_path, tty=False)
    assert "\x1b[" not in plain
    assert "belta: 5/5 articles done" in plain.splitlines()


def test_reparse_shows_progress_as_ingest_does(tmp_path: Path) -> None:
    from tests.site import PressSite
    from tests.site.sources import write_sources_toml

    # Before (review r23): reparse printed nothing until its summary (35 s on 600 pages).
    with PressSite() as site:
        sources = str(write_sources_toml(site, tmp_path / "s.toml", names=("belta",)))
        db = str(tmp_path / "r.duckdb")
        assert run_cli("ingest", "--no-prefect", "--sources", sources, "--db", db
                       ).returncode == 0
    reparse = ("reparse", "--no-prefect", "--sources", sources, "--db", db)
    live = _stderr(*reparse, tty=True)
    assert "\x1b[" in live and "5/5 pages reparsed" in live  # Rich redraws in place
    plain = _stderr(*reparse, tty=False)
    assert "\x1b[" not in plain
    assert plain.splitlines() == ["reparse: reading the page archive of every source",
                                  "belta: 5/5 pages reparsed"], plain


@pytest.mark.parametrize("key", ["links", "next"])
def test_a_bad_listing_selector_is_one_line_before_anything_runs(tmp_path: Path, key: str) -> None:
    # Before: a multi-line soupsieve error at run time, after the database was made.
    # u40: `ingest --source other` (and `sources check other`) ran although the file holds
    # the bad selector, which `serve` and `deploy` refuse: every key is checked at load.
    listing = {"links": "a.story", "next": "a[rel~=next]"} | {key: "a[[["}
    sources = tmp_path / "s.toml"
    sources.write_text(
        '[[source]]\nname = "site"\nallow_private_network = true\n'
        f'listings = [{{ url = "http://127.0.0.1:9/news/", links = "{listing["links"]}", '
        f'next = "{listing["next"]}" }}]\n'
        '[[source]]\nname = "other"\nfeeds = ["http://127.0.0.1:9/rss"]\n', encoding="utf-8")
    db = tmp_path / "x.duckdb"
    for args in (("ingest", "--no-prefect", "--db", str(db)), ("sources", "check", "site"),
                 ("sources", "check", "other"),
                 ("ingest", "--no-prefect", "--source", "other", "--db", str(db))):
        proc = run_cli(*args, "--sources", str(sources))
        assert proc.returncode == 1, proc.stderr
        assert proc.stderr.splitlines() == [
            f"pressroom: error: {sources}: source site: listing '{key}' 'a[[[' is not a CSS "
            "selector (Malformed attribute selector at position 1)"], proc.stderr
    assert not db.exists()


def test_a_full_data_folder_is_one_line_and_leaves_nothing_behind(tmp_path: Path) -> None:
    from tests.crash.test_lake_storage import _refuse_writes, tmpfs

    sources = tmp_path / "s.toml"
    sources.write_text('[[source]]\nname = "a"\nfeeds = ["http://127.0.0.1:9/rss.xml"]\n'
                       'allow_private_network = true\n', encoding="utf-8")
    with tmpfs(tmp_path / "mnt", size="64m") as folder:
        db = folder / "w.duckdb"
        with open_warehouse(db):
            pass
        _refuse_writes(folder, "full")
        # Before: an OSError traceback from writing the run lock's pid.
        ingest = run_cli("ingest", "--no-prefect", "--sources", str(sources), "--db", str(db))
        # Before: an empty fresh.duckdb stayed, "not a valid DuckDB database file" ever after.
        fresh = run_cli("ingest", "--no-prefect", "--sources", str(sources), "--db",
                        str(folder / "fresh.duckdb"))
        # Before: r.html.tmp-<pid> stayed.
        report = run_cli("report", "--db", str(db), "--out", str(folder / "r.html"))
        left = sorted(p.name for p in folder.iterdir())
    assert ingest.returncode == 1
    assert ingest.stderr.splitlines() == [
        f"pressroom: error: cannot write run lock {db}.locks/a.lock: No space left on device"]
    assert fresh.returncode == 1
    (line,) = fresh.stderr.splitlines()
    assert line.startswith(f"pressroom: error: cannot open warehouse {folder / 'fresh.duckdb'}")
    assert report.returncode == 1
    (line,) = report.stderr.splitlines()
    assert line.startswith("pressroom: error: cannot write report"), line
    assert left == ["filler", "w.duckdb", "w.duckdb.locks"], left


def test_status_after_ctrl_c_says_crashed_not_running(tmp_path: Path) -> None:
    import signal
    import socket

    # A site that accepts and never answers: the run is recorded as started and waits.
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.settimeout(TIMEOUT)
        sources = tmp_path / "s.toml"
        sources.write_text(
            f'[[source]]\nname = "hang"\nfeeds = ["http://127.0.0.1:{server.getsockname()[1]}'
            '/rss.xml"]\nallow_private_network = true\ntimeout = 300\n', encoding="utf-8")
        db = tmp_path / "c.duckdb"
        proc = subprocess.Popen([sys.executable, "-m", "pressroom", "ingest", "--no-prefect",
                                 "--sources", str(sources), "--db", str(db)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        conn, _ = server.accept()  # robots.txt: the run's row says 'running' by now
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=TIMEOUT)
        conn.close()
    assert proc.returncode == 130
    # u54: says it was interrupted and what it stored (was "pressroom: error: interrupted").
    assert err.splitlines()[-1] == ("pressroom: interrupted; nothing stored yet, the next run "
                                    "fetches the rest"), err
    # Before: 'running' until the next run of the source, with no error; then (until u54)
    # "process N ended without finishing the run".
    (row,) = json.loads(run_cli("status", "--db", str(db), "--format", "json").stdout)
    assert row["status"] == "crashed", row
    assert row["run_error"] == ("interrupted (Ctrl-C) after storing 0 article(s); the next "
                                "run fetches the rest")



def test_sources_check_shows_a_hostile_feed_title_escaped(tmp_path: Path) -> None:
    # u40: a JSON Feed title may carry ESC and BEL (XML feeds cannot); `sources check`
    # printed it raw, so the site retitled and cleared the user's terminal.
    import json

    from tests.site import PressSite

    title = "Evil \x1b]0;pwned\x07\x1b[2J\x1b[31mred\tcolumn"
    with PressSite() as site:
        feed = {"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [
            {"id": "1", "url": site.url_for("/a/1"), "title": title,
             "date_published": "2019-11-16T10:00:00+03:00"}]}
        site.set_page("/feed.json", json.dumps(feed).encode(), "application/feed+json")
        sources = tmp_path / "s.toml"
        sources.write_text(f'[[source]]\nname = "evil"\nfeeds = ["{site.url_for("/feed.json")}"]'
                           "\nallow_private_network = true\nmin_delay = 0\n", encoding="utf-8")
        proc = run_cli("sources", "check", "evil", "--sources", str(sources))
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout, repr(proc.stdout)
    assert proc.stdout.split("\n")[0].split("\t")[2] == (
        "Evil \\x1b]0;pwned\\x07\\x1b[2J\\x1b[31mred\\tcolumn"), repr(proc.stdout)


def test_two_urls_of_one_page_in_one_run_are_each_counted(tmp_path: Path) -> None:
    # README: "Each listed URL is counted once among new, updated, unchanged, ...".
    # u40: a feed listing /b/5 and /b/5/ (one article, the id drops the slash) gave
    # "2 listed, 2 fetched, 1 new" and nothing else: the batch's second copy was folded
    # into the first and counted nowhere. It is a stored article: unchanged.
    import json

    from tests.site import PressSite
    from tests.site.server import PAGES_DIR

    page = (PAGES_DIR / "belta_rare_books.html").read_bytes()
    with PressSite() as site:
        urls = [site.url_for("/b/5"), site.url_for("/b/5/")]
        feed = {"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [
            {"id": str(i), "url": u, "title": "Rare books",
             "date_published": "2019-11-16T10:00:00+03:00"} for i, u in enumerate(urls)]}
        site.set_page("/feed.json", json.dumps(feed).encode(), "application/feed+json")
        for path in ("/b/5", "/b/5/"):
            site.set_page(path, page)
        sources = tmp_path / "s.toml"
        sources.write_text(f'[[source]]\nname = "two"\nfeeds = ["{site.url_for("/feed.json")}"]'
                           "\nallow_private_network = true\nmin_delay = 0\n", encoding="utf-8")
        db = str(tmp_path / "w.duckdb")
        first = run_cli("ingest", "--no-prefect", "--sources", str(sources), "--db", db)
        again = run_cli("ingest", "--no-prefect", "--sources", str(sources), "--db", db)
    assert first.returncode == 0, first.stderr
    assert "total: 2 listed, 2 fetched, 1 new (1 new stories, 0 copies of existing stories),\n" \
        "       0 updated, 1 unchanged, 0 not articles" in first.stdout, first.stdout
    assert again.returncode == 0, again.stderr
    assert "0 updated, 2 unchanged, 0 not articles" in again.stdout, again.stdout
