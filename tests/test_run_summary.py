"""The ingest summary through the real CLI on the loopback press site.

Issue 15: a quiet second run says how many URLs the feeds list ("5 listed, 0
new"), not 0 listed, although its feeds answer 304. Issue 16: the summary
counts the stories the run started and the copies of existing stories it
stored, through the Prefect flow's result as well.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from flows.run import source_error_line
from tests.cli_run import run_cli
from tests.reliability.fault_server import Conn, FaultServer, ok, status
from tests.reliability.test_ingest_faults import page, rss
from tests.site import PressSite, syndication
from tests.site.sources import sources_toml
from warehouse.connection import connect

TIMEOUT = 300
LOADED = 60.0  # per-request timeout: a loaded machine must not turn a fetch into a failure
QUIET = ("total: 5 listed, 0 fetched, 0 new (0 new stories, 0 copies of existing stories), "
         "0 updated, 5 unchanged, 0 not articles, 0 on the retry list, 0 failed")
OUTCOMES = ("new", "updated", "unchanged", "not_articles", "retry_list", "failed")


def one_feed_source(tmp_path: Path, feed: str) -> Path:
    """A sources file with one source "s" reading ``feed`` on loopback."""
    toml = tmp_path / "sources.toml"
    toml.write_text(f'[[source]]\nname = "s"\nfeeds = ["{feed}"]\n'
                    f"allow_private_network = true\nmin_delay = 0.0\ntimeout = {LOADED}\n"
                    "respect_robots = false\n", encoding="utf-8")
    return toml


def ingest(toml: Path, db: Path, *, api: str | None = None,
           refresh: bool = False) -> subprocess.CompletedProcess[str]:
    # --verbose: every column, under the row keys the tests name.
    args = ["ingest", "--verbose", "--sources", str(toml), "--db", str(db),
            *(["--refresh"] if refresh else [])]
    if api is None:
        args.append("--no-prefect")
    return run_cli(*args, api=api, timeout=TIMEOUT)


def row(stdout: str, source: str) -> dict[str, str]:
    """The summary table's row of ``source``, by column name."""
    lines = stdout.splitlines()
    header = [c.strip() for c in lines[0].split("|")]
    for line in lines[2:]:
        cells = [c.strip() for c in line.split("|")]
        if cells[0] == source:
            return dict(zip(header, cells, strict=True))
    raise AssertionError(f"no row for {source} in:\n{stdout}")


def total(stdout: str) -> str:
    """The totals, their lines (each within 100 columns) joined into one."""
    lines = stdout.splitlines()
    (at,) = [i for i, line in enumerate(lines) if line.startswith("total: ")]
    rest = [line.strip() for line in lines[at + 1:] if line.startswith("       ")]
    assert all(len(line) <= 100 for line in lines[at:at + 1 + len(rest)]), stdout
    return " ".join([lines[at], *rest])


def test_a_quiet_second_run_says_listed_and_none_new(press_site: PressSite,
                                                      tmp_path: Path) -> None:
    toml = tmp_path / "sources.toml"
    toml.write_text(sources_toml(press_site, names=("belta",), timeout=LOADED), encoding="utf-8")
    db = tmp_path / "pressroom.duckdb"
    first = ingest(toml, db)
    assert first.returncode == 0, first.stderr[-3000:]
    assert total(first.stdout).startswith("total: 5 listed, 5 fetched, 5 new "), first.stdout
    press_site.clear_requests()

    second = ingest(toml, db)
    assert second.returncode == 0, second.stderr[-3000:]
    # The feeds and the first listing page answer 304: the stored copies say what they list.
    assert press_site.hits("/politics/rss.xml") == 1
    assert not [path for _m, path, _h in press_site.requests if "/view/" in path]
    cells = row(second.stdout, "belta")
    assert (cells["listed"], cells["new"], cells["unchanged"]) == ("5", "0", "5"), second.stdout
    assert total(second.stdout) == QUIET


def test_new_stories_and_copies_in_the_prefect_summary(press_site: PressSite, tmp_path: Path,
                                                       prefect_api: str) -> None:
    syndication.install(press_site)
    toml = tmp_path / "sources.toml"
    others = syndication.sources_toml(press_site).replace("timeout = 2.0", f"timeout = {LOADED}")
    toml.write_text(sources_toml(press_site, names=("belta",), timeout=LOADED) + "\n" + others,
                    encoding="utf-8")
    db = tmp_path / "pressroom.duckdb"
    first = ingest(toml, db, api=prefect_api)
    assert first.returncode == 0, first.stderr[-3000:]
    # BelTA's five articles and the two short notices start seven stories; the seed
    # release's three other copies join one, whichever source is written first.
    assert "10 new (7 new stories, 3 copies of existing stories)" in total(first.stdout), \
        first.stdout
    per_source = {s: row(first.stdout, s) for s in ("belta", *syndication.SITES)}
    assert sum(int(r["new_copies"]) for r in per_source.values()) == 3
    assert sum(int(r["new_stories"]) for r in per_source.values()) == 7

    second = ingest(toml, db, api=prefect_api)
    assert second.returncode == 0, second.stderr[-3000:]
    assert "0 new (0 new stories, 0 copies of existing stories)" in total(second.stdout), \
        second.stdout


def test_pages_that_are_not_articles_and_urls_awaiting_retry_are_not_unchanged(
    tmp_path: Path,
) -> None:
    # Each listed URL lands in exactly one outcome column. Before: the empty page
    # fetched in run 1 was in none, and in run 2 it and the 403 waiting for its
    # retry were both "unchanged".
    db = tmp_path / "pressroom.duckdb"
    with FaultServer() as srv:
        srv.route("/r/story", ok(page("A story")))
        srv.route("/r/blank", ok(b"<html><head><title>x</title></head><body></body></html>"))
        srv.route("/r/forbidden", status(403))  # on the retry schedule (1 h)
        srv.route("/feed.xml", ok(rss([srv.url_for(p) for p in
                                       ("/r/story", "/r/blank", "/r/forbidden")]),
                                  "application/rss+xml"))
        toml = one_feed_source(tmp_path, srv.url_for("/feed.xml"))
        first = ingest(toml, db)
        second = ingest(toml, db)
    assert first.returncode == 3, first.stderr[-3000:]  # partial: the 403
    assert second.returncode == 0, second.stderr[-3000:]
    one, two = row(first.stdout, "s"), row(second.stdout, "s")
    assert (one["unchanged"], two["unchanged"]) == ("0", "1"), second.stdout
    assert (one["listed"], one["fetched"]) == ("3", "2"), first.stdout
    assert {k: one[k] for k in OUTCOMES} == {
        "new": "1", "updated": "0", "unchanged": "0", "not_articles": "1", "retry_list": "0",
        "failed": "1"}, first.stdout
    assert (two["listed"], two["fetched"]) == ("3", "0"), second.stdout
    assert {k: two[k] for k in OUTCOMES} == {
        "new": "0", "updated": "0", "unchanged": "1", "not_articles": "1", "retry_list": "1",
        "failed": "0"}, second.stdout
    assert total(second.stdout).endswith(
        "1 unchanged, 1 not articles, 1 on the retry list, 0 failed"), second.stdout


def test_an_edited_article_is_neither_a_new_story_nor_a_new_copy(tmp_path: Path) -> None:
    # Found by review r16b: a --refresh storing 47 edits printed "0 new (17 new
    # stories, 30 copies of existing stories), 47 updated"; every edited article
    # re-clustered into the story it was already in counted as new.
    body = " ".join(f"word{i} of the ministry statement on the harbour works" for i in range(12))
    other = " ".join(f"line{i} of the city notice about the new tram depot" for i in range(12))
    db = tmp_path / "pressroom.duckdb"
    with FaultServer() as srv:
        def serve(edit: str) -> None:
            srv.route("/r/a", ok(page("Harbour works", f"<p>{body}{edit}</p>")))
            srv.route("/r/b", ok(page("Harbour works copy", f"<p>{body}{edit}</p>")))
            srv.route("/r/c", ok(page("Tram depot", f"<p>{other}{edit}</p>")))  # a story alone
        serve("")
        toml = tmp_path / "sources.toml"
        for name in ("a", "b", "c"):  # one source per page: a source's repeats are furniture
            srv.route(f"/{name}.xml", ok(rss([srv.url_for(f"/r/{name}")]), "application/rss+xml"))
            with toml.open("a", encoding="utf-8") as f:
                f.write(f'[[source]]\nname = "{name}"\nfeeds = ["{srv.url_for(f"/{name}.xml")}"]\n'
                        f"allow_private_network = true\nmin_delay = 0.0\ntimeout = {LOADED}\n"
                        "respect_robots = false\n\n")
        first = ingest(toml, db)
        assert first.returncode == 0, first.stderr[-3000:]
        assert "3 new (2 new stories, 1 copies of existing stories)" in total(first.stdout)
        serve(" Updated on Wednesday.")
        second = ingest(toml, db, refresh=True)
    assert second.returncode == 0, second.stderr[-3000:]
    assert ("0 new (0 new stories, 0 copies of existing stories), 3 updated"
            in total(second.stdout)), second.stdout


def test_a_source_that_shares_a_feed_already_read_by_another_lists_its_urls(
    press_site: PressSite, tmp_path: Path,
) -> None:
    # Review v19: the HTTP validators are kept per URL, so a renamed source (or a
    # second source on the same feed) took the other source's 304 and listed 0 URLs.
    text = sources_toml(press_site, names=("belta",), timeout=LOADED)
    toml = tmp_path / "sources.toml"
    toml.write_text(text, encoding="utf-8")
    db = tmp_path / "pressroom.duckdb"
    first = ingest(toml, db)
    assert first.returncode == 0, first.stderr[-3000:]
    assert total(first.stdout).startswith("total: 5 listed, 5 fetched, 5 new "), first.stdout

    assert text.count('name = "belta"') == 1, text
    toml.write_text(text.replace('name = "belta"', 'name = "twin"'), encoding="utf-8")
    press_site.clear_requests()
    twin = ingest(toml, db)
    assert twin.returncode == 0, twin.stderr[-3000:]
    cells = row(twin.stdout, "twin")
    assert cells["listed"] == "5", twin.stdout
    assert cells["failed"] == "0", twin.stdout



def test_a_304_lists_the_stored_copy_its_validators_were_checked_against(
    tmp_path: Path,
) -> None:
    # A feed's validators are sent only when this source has a stored copy of it
    # (c9a5b3f); that copy is read once, then, and the 304 lists what it lists.
    # Before, the bodies were read a second time after discovery: a copy gone in
    # between (here deleted while the feed answers, as `pressroom sql --write` can)
    # made the run say "0 listed" for a feed that lists two stored articles.
    db = tmp_path / "pressroom.duckdb"
    deleted: list[int] = []
    with FaultServer() as srv:
        feed = rss([srv.url_for("/r/one"), srv.url_for("/r/two")])

        def answer(conn: Conn) -> None:
            if "if-none-match" not in conn.request.headers:
                ok(feed, "application/rss+xml", headers=[("ETag", '"v1"')])(conn)
                return
            con = connect(db, lock_timeout=30.0)  # the run holds no session while it fetches
            try:
                row = con.execute("DELETE FROM pages WHERE kind = 'feed'").fetchone()
                deleted.append(int(row[0]) if row else 0)
            finally:
                con.close()
            status(304)(conn)

        srv.route("/r/one", ok(page("One")))
        srv.route("/r/two", ok(page("Two")))
        srv.route("/feed.xml", answer)
        toml = one_feed_source(tmp_path, srv.url_for("/feed.xml"))
        first = ingest(toml, db)
        assert first.returncode == 0, first.stderr[-3000:]
        assert row(first.stdout, "s")["listed"] == "2", first.stdout
        second = ingest(toml, db)
    assert second.returncode == 0, second.stderr[-3000:]
    assert deleted == [1], second.stdout
    cells = row(second.stdout, "s")
    assert (cells["listed"], cells["unchanged"]) == ("2", "2"), second.stdout


def test_a_source_error_with_line_breaks_is_one_console_line() -> None:
    # DuckDB writes some errors on two lines ("... CHECKPOINT during DETACH failed.
    # \nCheckpoint failed ..."); the summary's line for the source must stay one.
    error = "WarehouseError: cannot write: Detached database ix.\nCheckpoint failed: disk full"
    for full in (False, True):
        line = source_error_line("belta", error, full=full)
        assert "\n" not in line and "\r" not in line
        assert line.startswith("source belta failed: WarehouseError: cannot write")
        assert line.endswith("Checkpoint failed: disk full")
