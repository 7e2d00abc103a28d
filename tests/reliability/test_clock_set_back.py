"""A clock set backwards between two runs (a host whose clock ran ahead, then corrected
by NTP; a VM restored from a snapshot), and the other ways a URL's stored copies can
be out of time order.

The ``articles`` view shows the version written last (``article_state.latest_version``:
the writer makes a changed text current in the order batches commit). ``reparse`` took
each URL's newest page by ``fetched_at`` (k37): after a clock set back that was the
first run's copy, and it stored its old text as a new version over the edit the second
run had stored. It now re-parses the page written last (o38, ``warehouse.queries``),
the one the current version came from or a later copy found unchanged, so it changes
which text is current only by what the parser now reads on that page.

Real CLI subprocesses, a loopback site, real DuckDB files; times are moved with
``pressroom sql --write`` as the fast clock wrote them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.crash.test_lock import release, start_holder
from tests.reliability.fault_server import FaultServer, ok, status
from tests.reliability.test_ingest_faults import page, rss
from warehouse.connection import connect

TIMEOUT = 300
LOADED = 60.0
BODY = " ".join(f"word{i} of the ministry statement on the harbour works" for i in range(12))


def pressroom(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    return subprocess.run([sys.executable, "-m", "pressroom", *args], capture_output=True,
                          text=True, env=env, timeout=TIMEOUT, check=False)


class Site:
    """One feed listing one article, whose last sentence the test changes."""

    def __init__(self, srv: FaultServer, tmp: Path) -> None:
        self.srv = srv
        self.db = tmp / "pressroom.duckdb"
        self.toml = tmp / "sources.toml"
        srv.route("/s.xml", ok(rss([srv.url_for("/r/a")]), "application/rss+xml"))
        self.toml.write_text(
            f'[[source]]\nname = "s"\nfeeds = ["{srv.url_for("/s.xml")}"]\n'
            f"allow_private_network = true\nmin_delay = 0.0\ntimeout = {LOADED}\n"
            "respect_robots = false\n", encoding="utf-8")

    def serve(self, last: str, extra: str = "") -> None:
        self.srv.route("/r/a", ok(page("Harbour works", f"<p>{BODY} {last}</p>{extra}")))

    def ingest(self, *options: str, db: Path | None = None,
               code: int = 0) -> subprocess.CompletedProcess[str]:
        done = pressroom("ingest", "--no-prefect", *options, "--sources", str(self.toml),
                         "--db", str(db or self.db))
        assert done.returncode == code, done.stderr[-3000:]
        return done

    def reparse(self) -> str:
        done = pressroom("reparse", "--no-prefect", "--sources", str(self.toml),
                         "--db", str(self.db))
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def sql(self, statement: str) -> None:
        done = pressroom("sql", "--write", "--db", str(self.db), statement)
        assert done.returncode == 0, done.stderr

    def current(self) -> str:
        """The last sentence of the text the ``articles`` view shows."""
        return self.rows("SELECT body FROM articles")[0].rsplit(f"{BODY} ", 1)[-1]

    def versions(self) -> list[str]:
        return [b.rsplit(f"{BODY} ", 1)[-1] for b in
                self.rows("SELECT body FROM article_versions ORDER BY version")]

    def rows(self, sql: str) -> list[str]:
        con = connect(self.db, read_only=True)
        try:
            return [str(r[0]) for r in con.execute(sql).fetchall()]
        finally:
            con.close()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    with FaultServer() as srv:
        yield Site(srv, tmp_path)


def test_reparse_after_the_clock_was_set_back_keeps_the_newest_text(site: Site) -> None:
    site.serve("First draft.")
    site.ingest()
    # The first run's clock was a day ahead: every time it stored is a day later
    # than the wall clock the next run reads.
    site.sql("UPDATE pages SET fetched_at = fetched_at + INTERVAL 1 DAY")
    site.serve("Final text.")
    site.ingest("--refresh")
    assert site.current() == "Final text."
    site.reparse()
    assert site.current() == "Final text."  # not the first run's copy again (k37)
    assert site.versions() == ["First draft.", "Final text."]  # nothing lost, nothing added


def test_two_copies_of_one_instant_reparse_the_one_written_last(site: Site) -> None:
    # A clock set back by exactly the time between two runs (or one that stood still)
    # gives two copies the same fetched_at; the old order then went by page_id, a hash.
    site.serve("First draft.")
    site.ingest()
    site.serve("Final text.")
    site.ingest("--refresh")
    site.sql("UPDATE pages SET fetched_at = (SELECT max(fetched_at) FROM pages "
             "WHERE kind = 'article') WHERE kind = 'article'")
    # Half of all ties put the first copy's hash above the second's: make this one so.
    ids = site.rows("SELECT page_id FROM pages WHERE kind = 'article' ORDER BY rowid")
    if ids[0] < ids[1]:
        site.sql(f"UPDATE pages SET page_id = CASE page_id WHEN '{ids[0]}' THEN '{ids[1]}' "
                 f"ELSE '{ids[0]}' END WHERE page_id IN ('{ids[0]}', '{ids[1]}')")
    assert site.current() == "Final text."
    assert "updated 0, unchanged 1" in site.reparse()
    assert site.current() == "Final text."
    assert site.versions() == ["First draft.", "Final text."]


def test_a_copy_refetched_unchanged_is_the_one_reparsed(site: Site) -> None:
    # The fast clock's copy, the edit, then the edit fetched again (other markup, the
    # same text): no version for the third, and reparse takes that copy, the site's
    # latest, not the fast clock's.
    site.serve("First draft.")
    site.ingest()
    site.sql("UPDATE pages SET fetched_at = fetched_at + INTERVAL 1 DAY")
    site.serve("Final text.")
    site.ingest("--refresh")
    site.serve("Final text.", extra="<!-- served by the new template -->")
    site.ingest("--refresh")
    assert site.rows("SELECT count(*) FROM pages WHERE kind = 'article'") == ["3"]
    assert site.versions() == ["First draft.", "Final text."]
    assert "updated 0, unchanged 1" in site.reparse()
    assert site.current() == "Final text."
    assert site.versions() == ["First draft.", "Final text."]


def test_a_batch_merged_after_a_later_run_is_kept_by_reparse(site: Site, tmp_path: Path) -> None:
    """A staged batch merged after a later run's write: fetched_at is right there and
    write order is not. The view shows the batch merged last (the writer's order, a
    limit docs/RELIABILITY.md states); reparse must not move the view elsewhere, by
    re-parsing another copy than the one that text came from."""
    site.serve("First draft.")
    site.ingest()
    site.serve("Second draft.")
    holder = start_holder(site.db)  # a user's DuckDB shell, for the whole run
    try:
        staged = site.ingest("--refresh", "--lock-timeout", "2", code=1)
    finally:
        release(holder)
    assert "staged" in staged.stderr, staged.stderr[-3000:]
    # As a release before ops37 left it when given a symlink: the spool and its key
    # named after the link, merged only by a run given that link.
    link = tmp_path / "link.duckdb"
    link.symlink_to(site.db.name)
    for suffix in (".spool", ".spool-key"):
        os.rename(f"{site.db}{suffix}", f"{link}{suffix}")
    site.serve("Final text.")
    site.ingest("--refresh")
    assert site.current() == "Final text."
    site.ingest(db=link)  # merges the second run's batch; the URL is known, not fetched
    assert not (tmp_path / "link.duckdb.spool").exists() or not any(
        (tmp_path / "link.duckdb.spool").glob("*.batch"))
    shown = site.current()
    assert shown == "Second draft."  # the writer's order: merged last
    assert "updated 0, unchanged 1" in site.reparse()
    assert site.current() == shown  # before: the third run's copy, fetched last
    assert site.versions() == ["First draft.", "Final text.", "Second draft."]
    assert site.rows("SELECT count(*) FROM pages WHERE kind = 'article'") == ["3"]


def test_two_spellings_of_one_article_are_reparsed_in_write_order(site: Site) -> None:
    # '/r/a' and '/r/a/' are one article (issue 14) with a page each: each is the last
    # copy of its URL, so the order reparse writes them in decides which text ends
    # current. In fetched_at order the fast clock's copy came last.
    site.serve("First draft.")
    site.ingest()
    site.sql("UPDATE pages SET fetched_at = fetched_at + INTERVAL 1 DAY")
    site.srv.route("/s.xml", ok(rss([site.srv.url_for("/r/a/")]), "application/rss+xml"))
    site.srv.route("/r/a/", ok(page("Harbour works", f"<p>{BODY} Final text.</p>")))
    site.ingest()
    assert site.rows("SELECT count(*) FROM pages WHERE kind = 'article'") == ["2"]
    assert site.current() == "Final text."
    site.reparse()
    assert site.current() == "Final text."
    assert site.versions() == ["First draft.", "Final text."]


def test_an_unchanged_home_page_is_read_as_last_stored_after_a_clock_set_back(
        tmp_path: Path) -> None:
    """k38b: a feed or listing that answers 304 is read from its stored copy (what it
    lists, the feeds a home page names); that copy was the newest by ``fetched_at``
    (warehouse.queries.latest_documents), so after a clock set back the fast clock's
    copy of an edited home page: the run followed the feed the page no longer names,
    and articles listed only by the one it names now were never seen. The copy to read
    is the one written last, whose validators the 304 answered."""
    with FaultServer() as srv:
        home = srv.url_for("/")

        def home_page(feed: str, tag: str) -> None:
            srv.route("/", ok((f"<html><head><link rel='alternate' type='application/rss+xml'"
                               f" href='{feed}'></head><body>Home</body></html>").encode(),
                              headers=[("ETag", tag)]),
                      status(304, headers=[("ETag", tag)]))

        for path in ("/r/a", "/r/b", "/r/c"):
            srv.route(path, ok(page(f"Story {path}", f"<p>{BODY}</p>")))
        srv.route("/old.xml", ok(rss([srv.url_for("/r/a")]), "application/rss+xml"))
        home_page("/old.xml", '"v1"')
        toml = tmp_path / "sources.toml"
        db = tmp_path / "pressroom.duckdb"
        toml.write_text(f'[[source]]\nname = "s"\nfeeds = ["{home}"]\n'
                        f"allow_private_network = true\nmin_delay = 0.0\ntimeout = {LOADED}\n"
                        "respect_robots = false\n", encoding="utf-8")

        def ingest() -> None:
            done = pressroom("ingest", "--no-prefect", "--sources", str(toml), "--db", str(db))
            assert done.returncode == 0, done.stderr[-3000:]

        ingest()  # the clock a day ahead: every time it stored is a day later
        moved = pressroom("sql", "--write", "--db", str(db),
                          "UPDATE pages SET fetched_at = fetched_at + INTERVAL 1 DAY")
        assert moved.returncode == 0, moved.stderr
        home_page("/new.xml", '"v2"')  # the site moves its feed
        srv.route("/new.xml", ok(rss([srv.url_for("/r/b")]), "application/rss+xml"))
        ingest()
        srv.route("/new.xml", ok(rss([srv.url_for(p) for p in ("/r/b", "/r/c")]),
                                 "application/rss+xml"))
        ingest()  # the home page answers 304: its stored copy names the feed to read
        asked = [r.path for r in srv.requests]
        assert asked.count("/r/c") == 1, " ".join(asked)
    con = connect(db, read_only=True)
    try:
        urls = sorted(str(r[0]).rsplit("/", 1)[-1] for r in
                      con.execute("SELECT url FROM articles").fetchall())
    finally:
        con.close()
    assert urls == ["a", "b", "c"]  # before: the third run read /old.xml, /r/c never seen
