"""What ``ingest`` and ``backfill`` print, through the real CLI on the loopback press
site (review r22 of issue 15): a summary within 100 columns, failures described in
the words ``status --retries`` lists them with, a backfill's older articles counted."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_run import dead_source, run_cli
from tests.site import PressSite
from tests.site.sources import sources_toml

LONG = "a-source-with-a-rather-long-name"


def _sources(site: PressSite, tmp_path: Path) -> str:
    """belta, and the fault-serving fixture source under a long name."""
    toml = tmp_path / "s.toml"
    text = sources_toml(site, names=("belta", "fixture"), timeout=1.0)
    toml.write_text(text.replace('name = "fixture"', f'name = "{LONG}"'), encoding="utf-8")
    return str(toml)


def test_the_summary_fits_100_columns_and_the_failures_match_status_retries(
        press_site: PressSite, tmp_path: Path) -> None:
    sources, db = _sources(press_site, tmp_path), str(tmp_path / "w.duckdb")
    proc = run_cli("ingest", "--no-prefect", "--sources", sources, "--db", db)
    assert proc.returncode == 3, proc.stderr
    # Before: a 15-column table 180-190 columns wide and a 150-column totals line.
    assert max(len(line) for line in proc.stdout.splitlines()) <= 100, proc.stdout
    assert proc.stdout.splitlines()[0].split() == [
        "source", "|", "status", "|", "listed", "|", "fetched", "|", "new", "|", "upd", "|",
        "same", "|", "not", "art", "|", "retry", "|", "failed"]
    # /gone/ (404) and /private/ (robots.txt) are scheduled; /slow/ timed out: the next
    # run asks it again. Before: "3 URL(s) failed (see `pressroom status --retries`)",
    # which listed two of them.
    assert (f"pressroom: warning: source {LONG}: 3 failed: 2 on the retry schedule, "
            "1 asked again next run") in proc.stderr.splitlines(), proc.stderr
    listed = json.loads(run_cli("status", "--retries", "--format", "json", "--db", db).stdout)
    states = sorted((r["state"], r["url"].split("/")[3]) for r in listed)
    assert states == [("next_run", "slow"), ("pending", "gone"), ("pending", "private")]
    table = run_cli("status", "--retries", "--db", db).stdout
    assert max(len(line) for line in table.splitlines()) <= 100, table
    assert "next_run" in table and "next run" in table


def test_verbose_gives_every_column(press_site: PressSite, tmp_path: Path) -> None:
    sources, db = _sources(press_site, tmp_path), str(tmp_path / "w.duckdb")
    proc = run_cli("ingest", "--no-prefect", "--verbose", "--sources", sources, "--db", db)
    header = [c.strip() for c in proc.stdout.splitlines()[0].split("|")]
    assert {"new_stories", "new_copies", "fetch_p50_ms", "fetch_p95_ms", "note",
            "scheduled", "unparsed", "older"} <= set(header), header
    assert LONG in proc.stdout  # the whole name, not cut to 16 columns


def test_backfill_says_how_many_articles_were_older_than_since(
        press_site: PressSite, tmp_path: Path) -> None:
    sources = _sources(press_site, tmp_path)
    proc = run_cli("backfill", "--no-prefect", "--source", "belta", "--since", "2019-11-15",
                   "--sources", sources, "--db", str(tmp_path / "b.duckdb"))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    cells = dict(zip([c.strip() for c in lines[0].split("|")],
                     [c.strip() for c in lines[2].split("|")], strict=True))
    # Before: 5 listed, 5 fetched, 3 new and the other two in no column.
    assert (cells["listed"], cells["new"], cells["older"]) == ("5", "3", "2"), proc.stdout
    assert "       2 older than --since (fetched, not stored)" in lines, proc.stdout


def _row(stdout: str) -> dict[str, str]:
    """The first row of the compact summary, by header."""
    lines = stdout.splitlines()
    return dict(zip([c.strip() for c in lines[0].split("|")],
                    [c.strip() for c in lines[2].split("|")], strict=True))


def test_what_max_articles_leaves_is_fetched_by_the_next_runs(
        press_site: PressSite, tmp_path: Path) -> None:
    toml = tmp_path / "cap.toml"
    toml.write_text(sources_toml(press_site, names=("belta",), timeout=60.0).replace(
        'profile = "belta"', 'profile = "belta"\nmax_articles = 2'), encoding="utf-8")
    db = str(tmp_path / "cap.duckdb")
    runs = [_row(run_cli("ingest", "--no-prefect", "--sources", str(toml), "--db", db).stdout)
            for _ in range(4)]
    # Before: 2 of the 5 listed articles, then never the other 3 (the feeds answered
    # 304, "an unchanged feed means its articles were handled"), counted in no column.
    assert [(r["listed"], r["new"], r.get("later", "0")) for r in runs] == [
        ("5", "2", "3"), ("5", "2", "1"), ("5", "1", "0"), ("5", "0", "0")], runs


def test_an_earlier_since_stores_what_a_later_one_left(
        press_site: PressSite, tmp_path: Path) -> None:
    sources, db = _sources(press_site, tmp_path), str(tmp_path / "b.duckdb")
    for since, new in (("2019-11-15", "3"), ("2019-01-01", "2")):
        proc = run_cli("backfill", "--no-prefect", "--source", "belta", "--since", since,
                       "--sources", sources, "--db", db)
        assert proc.returncode == 0, proc.stderr
        # Before: the second backfill's feeds answered 304 and it fetched nothing.
        assert _row(proc.stdout)["new"] == new, proc.stdout


def test_backfill_max_pages_below_one_is_a_usage_error(tmp_path: Path) -> None:
    # Before: 0 and -5 ran (0 as the listings' own limit, -5 reading fewer pages).
    for value in ("0", "-5"):
        proc = run_cli("backfill", "--source", "x", "--since", "2019-01-01", "--max-pages",
                       value, "--db", str(tmp_path / "never.duckdb"))
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.splitlines()[-1] == (
            f"pressroom backfill: error: argument --max-pages: must be at least 1: '{value}' "
            "(see pressroom backfill --help)")
    assert not (tmp_path / "never.duckdb").exists()


def test_an_unreachable_source_lists_what_it_counts_as_failed(tmp_path: Path) -> None:
    base, sources = dead_source(tmp_path)
    db = str(tmp_path / "d.duckdb")
    proc = run_cli("ingest", "--no-prefect", "--sources", str(sources), "--db", db)
    assert proc.returncode == 1
    assert _row(proc.stdout)["failed"] == "3", proc.stdout
    listed = json.loads(run_cli("status", "--retries", "--format", "json", "--db", db).stdout)
    # The two feeds and the listing, asked again next run; not robots.txt as a fourth.
    assert sorted((r["state"], r["url"]) for r in listed) == [
        ("next_run", f"{base}/{path}") for path in ("atom.xml", "news/", "rss.xml")]


def test_a_feed_that_cannot_be_read_is_listed_to_be_asked_again(
        press_site: PressSite, tmp_path: Path) -> None:
    # The feed answers 200 with bytes no feed reader can recover.
    press_site.fail("/atom.xml", 200, body=b"\x00\x01 no feed at all")
    sources, db = _sources(press_site, tmp_path), str(tmp_path / "w.duckdb")
    proc = run_cli("ingest", "--no-prefect", "--source", LONG, "--sources", sources,
                   "--db", db)
    # The feed, /gone/ (404, scheduled) and /slow/ (timeout); /private/ is listed by
    # the Atom feed alone.
    assert f"pressroom: warning: source {LONG}: 3 failed: 1 on the retry schedule, " \
        "2 asked again next run" in proc.stderr.splitlines(), proc.stderr
    listed = json.loads(run_cli("status", "--retries", "--format", "json", "--db", db).stdout)
    # Before: the feed was counted failed but not listed (its request had succeeded).
    assert sorted((r["state"], r["url"].split("/")[3]) for r in listed) == [
        ("next_run", "atom.xml"), ("next_run", "slow"), ("pending", "gone")]


def test_a_feed_that_stays_unreadable_stays_failed(press_site: PressSite,
                                                   tmp_path: Path) -> None:
    press_site.fail("/politics/rss.xml", 200, body=b"\x00\x01 no feed at all", times=2)
    sources, db = _sources(press_site, tmp_path), str(tmp_path / "w.duckdb")
    runs = [run_cli("ingest", "--no-prefect", "--source", "belta", "--sources", sources,
                    "--db", db) for _ in range(2)]
    # Before: the second run took the same bytes for an unchanged feed: 'ok', 0 failed.
    assert [(_row(r.stdout)["status"], _row(r.stdout)["failed"]) for r in runs] == [
        ("partial", "1"), ("partial", "1")], runs[1].stdout
