"""Issue 17 (d31) end to end: a page that prints only a relative day ("Yesterday") is dated from the
fetch time. A real loopback site, `pressroom ingest --no-prefect` in a subprocess, a
real DuckDB file, `pressroom sql` to read the stored row back."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from tests.cli_run import run_cli
from tests.open_web_site import EN, TIMEOUT, Response, Site, item, rss


def _sql(db: Path, query: str) -> list[dict[str, object]]:
    done = run_cli("sql", "--db", str(db), "--format", "json", query, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr
    rows: list[dict[str, object]] = json.loads(done.stdout)
    return rows


def _run(args: list[str]) -> None:
    done = run_cli(*args, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr[-3000:]


def _ingest_a_yesterday_page(tmp_path: Path) -> tuple[Path, Path]:
    """Serve a page whose byline prints only "Yesterday" (no declared date anywhere), ingest
    it with the CLI into a new DuckDB file; the sources file and the file."""
    site = Site()
    try:
        html = ("<!doctype html><html><head><meta charset='utf-8'><title>Port reopens"
                "</title></head><body><article><h1>Port reopens</h1><p>By Jane Doe</p>"
                "<p>Yesterday</p>" + "".join(f"<p>{p}</p>" for p in EN * 3)
                + "</article></body></html>")
        link = site.add("/rel/story", Response(html.encode()))
        feed = site.add("/rel/feed", Response(rss(item(link)).encode(), "application/rss+xml"))
        toml = tmp_path / "sources.toml"
        toml.write_text(
            f'[[source]]\nname = "rel"\nfeeds = ["{feed}"]\nallow_private_network = true\n'
            'min_delay = 0.0\ntimeout = 60.0\nrespect_robots = false\n'
            'timezone = "Europe/Berlin"\n', encoding="utf-8")
        db = tmp_path / "w.duckdb"
        _run(["ingest", "--no-prefect", "--sources", str(toml), "--db", str(db)])
    finally:
        site.server.shutdown()
        site.server.server_close()
    return toml, db


def test_a_page_printing_only_yesterday_is_dated_the_day_before_the_fetch(tmp_path: Path) -> None:
    # Fails without parsers/date_relative.py: published_local_date is NULL (the page and
    # its feed item declare no date, the byline prints only "Yesterday").
    _, db = _ingest_a_yesterday_page(tmp_path)
    rows = _sql(db, "SELECT published_local_date::VARCHAR AS day, "
                    "strftime(timezone('Europe/Berlin', version_fetched_at), '%Y-%m-%d %H:%M:%S')"
                    " AS fetched FROM articles_latest WHERE source = 'rel'")
    assert len(rows) == 1, rows
    fetched = datetime.fromisoformat(str(rows[0]["fetched"]))
    # The day before the fetch day in the source's zone. "Yesterday", not "2 hours ago": a count
    # of hours names no day near midnight (the rule's ambiguity guard), so an hours stamp here
    # would make the test's answer depend on the hour it runs; the unit tests pin the hours.
    assert rows[0]["day"] == (fetched.date() - timedelta(days=1)).isoformat(), rows


def test_reparse_dates_a_relative_stamp_from_the_stored_fetch_time(tmp_path: Path) -> None:
    # The archived page's fetch time is moved five days back and the stored day cleared;
    # `reparse` fills the day in place only when its re-parsed instant is the stored one, so
    # the day comes back only if "Yesterday" is read against the stored fetch time, and it
    # is the same day on a second reparse. Fails when reparse reads the stamp against the
    # time it runs (flows/reparse.py with fetched_at=datetime.now(UTC)): day None.
    toml, db = _ingest_a_yesterday_page(tmp_path)
    # The server's Date header moves with it, as a fetch five days ago had it: a Date days
    # after the stored fetch time is the witness of a host clock set back (o43), read instead.
    _run(["sql", "--db", str(db), "--write",
          "UPDATE pages SET fetched_at = fetched_at - INTERVAL 5 DAY, headers = "
          "json_merge_patch(headers, json_object('date', strftime(fetched_at - INTERVAL 5 DAY, "
          "'%a, %d %b %Y %H:%M:%S GMT'))) WHERE source = 'rel'"])
    fetched = _sql(db, "SELECT strftime(timezone('Europe/Berlin', fetched_at), '%Y-%m-%d')"
                       " AS day FROM pages WHERE source = 'rel' AND kind = 'article'")
    assert len(fetched) == 1, fetched
    day = (datetime.fromisoformat(str(fetched[0]["day"])) - timedelta(days=1)).date()
    _run(["sql", "--db", str(db), "--write",
          f"UPDATE article_versions SET published_at = timezone('Europe/Berlin', "
          f"TIMESTAMP '{day.isoformat()} 00:00:00'), published_local_date = NULL, "
          "published_utc_offset_minutes = NULL WHERE source = 'rel'"])
    for _ in range(2):
        _run(["reparse", "--no-prefect", "--sources", str(toml), "--db", str(db)])
        rows = _sql(db, "SELECT published_local_date::VARCHAR AS day, version "
                        "FROM articles_latest WHERE source = 'rel'")
        assert rows == [{"day": day.isoformat(), "version": 1}], (rows, day)
