"""q54: a robots.txt answering 404 ("no robots file: crawl freely", RFC 9309 2.3.1.3) is
no failed fetch. Its fetch_log row keeps its status and has no error class, so README's
failed-fetches query ("Querying") lists only the real failures, as `status --retries`
does.

Before: the robots.txt 404 was logged `HTTPStatusError`, the first row of that query.
Real parts: the loopback press site, `pressroom ingest --no-prefect`, `sql` and
`status --retries` subprocesses, a DuckDB file."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_run import run_cli
from tests.site import PressSite
from tests.site.sources import write_sources_toml

GONE = ("/politics/view/belarus-sponsored-resolution-against-human-trafficking-adopted-"
        "by-un-125887-2019/")
# README, "Querying": the failed-fetches example, as written.
FAILED_FETCHES = """SELECT url, status, error_class, elapsed_ms FROM fetch_log
                      WHERE error_class IS NOT NULL ORDER BY started_at DESC LIMIT 20"""


def _json(*args: str) -> list[dict[str, object]]:
    done = run_cli(*args, "--format", "json")
    assert done.returncode == 0, done.stderr
    rows: list[dict[str, object]] = json.loads(done.stdout)
    return rows


def test_a_robots_404_is_no_failed_fetch(press_site: PressSite, tmp_path: Path) -> None:
    press_site.clear_faults()
    press_site.fail("/robots.txt", 404, times=5)
    press_site.remove_page(GONE)  # one real failure: a listed article answering 404
    sources = str(write_sources_toml(press_site, tmp_path / "s.toml", names=("belta",)))
    db = str(tmp_path / "p.duckdb")
    run = run_cli("ingest", "--no-prefect", "--sources", sources, "--db", db)
    assert run.returncode == 3, run.stdout + run.stderr  # partial: the article's 404
    assert "4 fetched, 4 new " in run.stdout, run.stdout
    robots = _json("sql", "--db", db,
                   "SELECT status, error_class FROM fetch_log WHERE url LIKE '%/robots.txt'")
    assert robots == [{"status": 404, "error_class": None}], robots
    failed = _json("sql", "--db", db, FAILED_FETCHES)
    assert [(r["url"], r["status"], r["error_class"]) for r in failed] == [
        (press_site.url_for(GONE), 404, "HTTPStatusError")], failed
    retries = _json("status", "--db", db, "--retries")
    assert [r["url"] for r in retries] == [press_site.url_for(GONE)], retries
