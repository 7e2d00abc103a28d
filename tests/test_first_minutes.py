"""What a new user meets in the first five minutes, through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from warehouse import RunCounts, open_warehouse

TIMEOUT = 180
LONG_ERROR = ("RobotsUnavailable: robots.txt of http://press.example.org unavailable "
              "(ConnectError: ConnectError at http://press.example.org/robots.txt: "
              "All connection attempts failed); not crawling " + "x" * 120 + " END")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pressroom", *args], capture_output=True,
                          text=True, timeout=TIMEOUT, check=False)


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    db = tmp_path / "empty.duckdb"
    with open_warehouse(db):
        pass
    return db


@pytest.fixture
def failed_run_db(tmp_path: Path) -> Path:
    db = tmp_path / "failed.duckdb"
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    with open_warehouse(db) as wh:
        wh.start_run("r1", ["a-source-with-a-rather-long-name"], now, 1)
        wh.finish_run("r1", "a-source-with-a-rather-long-name",
                      RunCounts(60, 0, 0, 0, 60, 5), "failed", LONG_ERROR, now)
    return db


def test_index_on_an_empty_warehouse(empty_db: Path) -> None:
    proc = run_cli("index", "--db", str(empty_db))
    assert proc.returncode == 0, proc.stderr
    assert "indexed 0 article versions" in proc.stdout
    assert "Traceback" not in proc.stderr
    search = run_cli("search", "anything", "--db", str(empty_db))
    assert search.returncode == 0, search.stderr
    assert "(0 rows)" in search.stdout


def test_index_in_a_read_only_folder_is_one_line(tmp_path: Path) -> None:
    from tests.crash.test_lake_storage import tmpfs

    # Before: OSError (EROFS) from removing a leftover build file, as a traceback.
    with tmpfs(tmp_path / "mnt", size="64m") as folder:
        db = folder / "w.duckdb"
        with open_warehouse(db):
            pass
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        proc = run_cli("index", "--db", str(db))
        search = run_cli("search", "anything", "--db", str(db))
    assert proc.returncode == 1, proc.stderr
    (line,) = proc.stderr.splitlines()
    assert line.startswith(
        f"pressroom: error: cannot write search index {folder / 'w.search.duckdb'}: "), line
    assert "Read-only file system" in line
    assert search.returncode == 0, search.stderr  # reading still works


def test_index_onto_a_pipe_or_device_is_one_line_and_leaves_it(tmp_path: Path) -> None:
    # Review r24: the built index was renamed over --index, so a FIFO (or, as root,
    # /dev/null) was replaced by a DuckDB file.
    import os
    import stat

    db = tmp_path / "w.duckdb"
    with open_warehouse(db):
        pass
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    proc = run_cli("index", "--db", str(db), "--index", str(fifo))
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines() == [
        f"pressroom: error: cannot write search index {fifo}: not a regular file "
        "(give --index a file path)"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_status_fits_100_columns(failed_run_db: Path) -> None:
    proc = run_cli("status", "--db", str(failed_run_db))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100, proc.stdout
    assert any(line.startswith("a-source-with-a-rather-long-name: RobotsUnavailable")
               for line in lines)


def test_status_verbose_and_json_give_the_full_error(failed_run_db: Path) -> None:
    verbose = run_cli("status", "--db", str(failed_run_db), "--verbose")
    assert verbose.returncode == 0, verbose.stderr
    assert f"a-source-with-a-rather-long-name: {LONG_ERROR}" in verbose.stdout.splitlines()
    as_json = run_cli("status", "--db", str(failed_run_db), "--format", "json")
    (row,) = json.loads(as_json.stdout)
    assert row["run_error"] == LONG_ERROR


LONG_URL = "http://press.example.org/" + "a-very-long-article-slug-" * 6 + "END"


@pytest.fixture
def retry_db(failed_run_db: Path) -> Path:
    """failed_run_db plus a URL on the retry list with a long URL and a long error."""
    import duckdb

    con = duckdb.connect(str(failed_run_db))
    con.execute("INSERT INTO url_retries VALUES (?, 'a-source-with-a-rather-long-name', "
                "'pending', 2, now(), now(), now() + INTERVAL 1 HOUR, 'HTTPStatusError', ?, 503, "
                "'r1')", [LONG_URL, LONG_ERROR])
    con.close()
    return failed_run_db


@pytest.mark.parametrize("command", [("status", "--retries"), ("health", "--retries"),
                                     ("health",)])
def test_retries_and_health_fit_100_columns_and_verbose_gives_all(
        retry_db: Path, command: tuple[str, ...]) -> None:
    # Before (review r20): status --retries 174-231 columns with the error cut at 60
    # and --verbose changing nothing; health 339 columns and no --verbose.
    proc = run_cli(*command, "--db", str(retry_db))
    assert proc.returncode == 0, proc.stderr
    assert max(len(line) for line in proc.stdout.splitlines()) <= 100, proc.stdout
    assert "--verbose or --format json shows them in full" in proc.stdout
    verbose = run_cli(*command, "--verbose", "--db", str(retry_db))
    assert verbose.returncode == 0, verbose.stderr
    assert LONG_ERROR in verbose.stdout
    if "--retries" in command:
        assert LONG_URL in verbose.stdout
        (row,) = json.loads(run_cli(*command, "--format", "json", "--db", str(retry_db)).stdout)
        assert (row["url"], row["error"]) == (LONG_URL, LONG_ERROR)


LONG_TITLE = ("Belarus-sponsored resolution against human trafficking "
              + "adopted by the UN General Assembly " * 4 + "END")


@pytest.mark.parametrize("collapse", [(), ("--collapse",)])
def test_search_fits_100_columns_and_verbose_gives_all(tmp_path: Path,
                                                       collapse: tuple[str, ...]) -> None:
    from tests.analyst.conftest import TRAFFICKING, article, write

    # Before (review r23): the table was about 450 columns (snippets cut at 200).
    db = tmp_path / "s.duckdb"
    write(db, [article("long", LONG_TITLE, TRAFFICKING + " Human trafficking is a crime." * 4,
                       source="a-source-with-a-rather-long-name"),
               article("short", "Trafficking", TRAFFICKING)])
    search = ("search", "human trafficking", "--db", str(db), *collapse)
    proc = run_cli(*search)
    assert proc.returncode == 0, proc.stderr
    assert max(len(line) for line in proc.stdout.splitlines()) <= 100, proc.stdout
    assert "--verbose or --format json shows them in full" in proc.stdout
    assert "#2 https://belta.example/news/short" in proc.stdout
    hits = json.loads(run_cli(*search, "--format", "json").stdout)
    (hit,) = [h for h in hits if h["url"].endswith("/long")]
    assert hit["title"] == LONG_TITLE and len(hit["snippet"]) > 100
    verbose = run_cli(*search, "--verbose")
    assert verbose.returncode == 0, verbose.stderr
    assert LONG_TITLE in verbose.stdout and hit["url"] in verbose.stdout
    assert " ".join(hit["snippet"].split()) in verbose.stdout
    assert "shows them in full" not in verbose.stdout


def test_search_table_shows_the_hit_in_its_snippet(tmp_path: Path) -> None:
    from tests.analyst.conftest import article, write

    # Before (review r24): the snippet opens ~60 characters before its hit, and cut
    # at 100 columns from its start the hit fell outside: 60 wide characters are
    # 120 columns, so this row showed only Chinese text and no UNODC.
    db = tmp_path / "s.duckdb"
    body = "联合国毒品和犯罪问题办公室发表声明" * 5 + " UNODC " + "各国应加强合作打击人口贩运" * 6
    write(db, [article("cn", "声明", body, source="xinhua")])
    proc = run_cli("search", "UNODC", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    (line,) = [x for x in proc.stdout.splitlines() if x.startswith("   …")]
    assert "**UNODC**" in line, proc.stdout
    assert sum(2 if "\u4e00" <= ch <= "\u9fff" else 1 for ch in line) <= 100, line


def test_subcommand_error_shows_the_subcommand_usage(failed_run_db: Path) -> None:
    proc = run_cli("status", "--sources", "x", "--db", str(failed_run_db))
    assert proc.returncode == 2
    assert proc.stderr == (
        "pressroom status: error: no option --sources; status takes the options --db, "
        "--data-path, --format, --verbose, --lock-timeout, --retries "
        "(see pressroom status --help)\n"), proc.stderr
    proc = run_cli("status", "--retries", "-x")
    assert proc.returncode == 2 and "status: error: no option -x; " in proc.stderr, proc.stderr


@pytest.mark.parametrize("command", [("sources",), ("sources", "list"), ("sources", "check", "a")])
def test_a_mistaken_option_is_one_line_naming_what_is_accepted(command: tuple[str, ...]) -> None:
    # Review r23: `sources --db x` said "invalid choice: 'x' (choose from 'list',
    # 'check')": argparse took --db's value for the action. Also `sql --bogus` asked
    # for the query instead of naming the option.
    proc = run_cli(*command, "--db", "x")
    assert proc.returncode == 2
    assert proc.stderr == ("pressroom sources: error: no option --db; sources takes "
                           "[list|check] [NAME] and the options --sources "
                           "(see pressroom sources --help)\n"), proc.stderr
    proc = run_cli("sql", "--bogus=1")
    assert proc.returncode == 2
    assert proc.stderr.startswith("pressroom sql: error: no option --bogus; sql takes QUERY "
                                  "and the options --db, "), proc.stderr
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
    # -h plus letters that are no flags (argparse: "ignored explicit argument 'ockey'").
    proc = run_cli("search", "-hockey")
    assert proc.returncode == 2
    assert proc.stderr.startswith("pressroom search: error: no option -hockey; search takes "
                                  "[QUERY] and the options --db, "), proc.stderr
    assert "; put -- before a QUERY that starts with - (see pressroom search --help)\n" in (
        proc.stderr)


def test_report_labels_the_window_and_the_totals(tmp_path: Path) -> None:
    from tests.analyst.conftest import article, base_articles, write

    db = tmp_path / "r.duckdb"
    # Four belta articles in the last days, one a year older: outside a 90-day window.
    write(db, [*base_articles(), article("old", "Old news", "An old release.", days_ago=400)])
    out = tmp_path / "report.html"
    proc = run_cli("report", "--db", str(db), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert "belta (4 of 5)" in page and "un_press (1)" in page
    assert "90 days" in page and "5 of 6 stored articles" in page


def test_csv_export_reads_back_with_plain_read_csv(tmp_path: Path) -> None:
    import duckdb

    from tests.analyst.conftest import article, write

    body = ('First paragraph, with "quotes"; commas, and a tab\there.\n\n'
            "MINSK, 16 November (BelTA) -\r\nsecond line\n\n\n  indented\nlast")
    db = tmp_path / "c.duckdb"
    write(db, [article(f"a{i}", f'Title {i}, "quoted"', body + f" {i}", days_ago=i % 3,
                       tags=("x", "y,z")) for i in range(40)])
    out = tmp_path / "export"
    assert run_cli("export", "--db", str(db), "--out", str(out), "--format", "csv").returncode == 0
    (csv_file,) = out.rglob("*.csv")
    rows = duckdb.sql(f"SELECT title, body FROM read_csv('{csv_file}') ORDER BY title").fetchall()
    assert sorted(rows) == sorted((f'Title {i}, "quoted"', body + f" {i}") for i in range(40))


def _summary(stdout: str) -> dict[str, dict[str, str]]:
    """The ingest summary table as {source: {column: cell}}."""
    lines = [line for line in stdout.splitlines() if "|" in line and not line.startswith("-")]
    header = [c.strip() for c in lines[0].split("|")]
    return {cells[0]: dict(zip(header, cells, strict=True))
            for cells in ([c.strip() for c in line.split("|")] for line in lines[1:])}


def dead_source(tmp_path: Path) -> tuple[str, Path]:
    """A sources file whose one source ("dead") lists two feeds and a listing on a
    closed loopback port; returns (its base URL, the file)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    sources = tmp_path / "s.toml"
    sources.write_text(
        f'[[source]]\nname = "dead"\nfeeds = ["{base}/rss.xml", "{base}/atom.xml"]\n'
        f'listings = [{{ url = "{base}/news/", links = "a" }}]\n'
        'allow_private_network = true\nmin_delay = 0\ntimeout = 0.5\n', encoding="utf-8")
    return base, sources


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
    assert row["fetched"] == "0" and row["unchanged"] == str(len(articles))


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
    listing = {"links": "a.story", "next": "a[rel~=next]"} | {key: "a[[["}
    sources = tmp_path / "s.toml"
    sources.write_text(
        '[[source]]\nname = "site"\nallow_private_network = true\n'
        f'listings = [{{ url = "http://127.0.0.1:9/news/", links = "{listing["links"]}", '
        f'next = "{listing["next"]}" }}]\n', encoding="utf-8")
    db = tmp_path / "x.duckdb"
    for args in (("ingest", "--no-prefect", "--db", str(db)), ("sources", "check", "site")):
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
    assert err.splitlines()[-1] == "pressroom: error: interrupted"
    # Before: 'running' until the next run of the source, with no error.
    (row,) = json.loads(run_cli("status", "--db", str(db), "--format", "json").stdout)
    assert row["status"] == "crashed", row
    assert row["run_error"] == f"process {proc.pid} ended without finishing the run"
