"""One-off trouble must not become permanent loss (issue 14).

A temporary 403, a 404 during a deploy and a robots.txt ``Disallow`` that is
later lifted put the URL on a retry schedule (1 h, 6 h, 1 day, 1 week, then
given up) instead of writing it off; the run says ``partial`` and the CLI
exits 3. No test sleeps: between runs the due time is moved into the past
directly in the DuckDB file.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from flows.config import SourceConfig
from flows.ingest import ingest_flow, run_sources
from tests.cli_run import run_cli
from tests.reliability.fault_server import FaultServer, ok, status
from tests.reliability.test_ingest_faults import page, rss, source
from warehouse import open_warehouse
from warehouse.records import RunCounts
from warehouse.schema import apply_migrations, load_migrations

ROBOTS_BLOCK = b"User-agent: *\nDisallow: /r/blocked\n"
ROBOTS_OPEN = b"User-agent: *\nDisallow:\n"
PATHS = ("/r/forbidden", "/r/deploy", "/r/blocked")
# The promised schedule (README): wait after the 1st..4th failed run; the 5th gives up.
BACKOFF = (timedelta(hours=1), timedelta(hours=6), timedelta(days=1), timedelta(weeks=1))


def ingest(sources: list[SourceConfig], db: Path) -> str:
    """One real run without Prefect; returns its id."""
    run_id, _reports = asyncio.run(run_sources(sources, db, as_tasks=False, lock_timeout=5.0))
    return run_id


def rows(db: Path, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    """Run ``sql`` read-only on the warehouse file."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def make_due(db: Path) -> None:
    """Move every pending retry's next attempt into the past (instead of waiting)."""
    con = duckdb.connect(str(db))
    try:
        con.execute("UPDATE url_retries SET next_attempt_at = now() - INTERVAL 1 MINUTE "
                    "WHERE state = 'pending'")
    finally:
        con.close()


def test_one_off_failures_are_retried_when_due_and_stored_once_the_site_recovers(
    tmp_path: Path,
) -> None:
    db = tmp_path / "retry.duckdb"
    with FaultServer() as srv:
        srv.route("/robots.txt", ok(ROBOTS_BLOCK, "text/plain"))
        srv.route("/r/ok", ok(page("Fine")))
        srv.route("/r/forbidden", status(403))  # a firewall, for now
        srv.route("/r/deploy", status(404))  # mid-deploy
        srv.route("/r/blocked", ok(page("Blocked for now")))
        srv.route("/feed.xml", ok(rss([srv.url_for(p) for p in ("/r/ok", *PATHS)]),
                                  "application/rss+xml"))
        sources = [source("s", srv.url_for("/feed.xml"), respect_robots=True)]

        first = ingest(sources, db)
        assert rows(db, "SELECT status, failed FROM runs WHERE run_id = ?", [first]) == [
            ("partial", 3)]
        scheduled = rows(db, "SELECT url, state, attempts, error_class, status, "
                             "next_attempt_at - last_failed_at FROM url_retries ORDER BY url")
        assert scheduled == sorted([
            (srv.url_for("/r/blocked"), "pending", 1, "BlockedURL", None, BACKOFF[0]),
            (srv.url_for("/r/deploy"), "pending", 1, "HTTPStatusError", 404, BACKOFF[0]),
            (srv.url_for("/r/forbidden"), "pending", 1, "HTTPStatusError", 403, BACKOFF[0]),
        ])
        assert rows(db, "SELECT count(*) FROM seen_urls WHERE kind = 'gone'") == [(0,)]

        # Not due yet: the next run leaves them alone.
        hits = {p: srv.hits(p) for p in PATHS}
        second = ingest(sources, db)
        assert {p: srv.hits(p) for p in PATHS} == hits
        assert rows(db, "SELECT status FROM runs WHERE run_id = ?", [second]) == [("ok",)]

        # The site recovers; the feed has moved on (and is unchanged, so discovery
        # finds nothing new): due retries are offered all the same.
        srv.route("/robots.txt", ok(ROBOTS_OPEN, "text/plain"))
        srv.route("/r/forbidden", ok(page("Was forbidden")))
        srv.route("/r/deploy", ok(page("Was deploying")))
        make_due(db)
        third = ingest(sources, db)
    stored = {str(r[0]) for r in rows(db, "SELECT title FROM articles")}
    assert stored == {"Fine", "Was forbidden", "Was deploying", "Blocked for now"}
    assert rows(db, "SELECT count(*) FROM url_retries") == [(0,)]
    assert rows(db, "SELECT status, new FROM runs WHERE run_id = ?", [third]) == [("ok", 3)]


def test_backoff_steps_then_given_up_and_shown_by_status_and_health(tmp_path: Path) -> None:
    db = tmp_path / "giveup.duckdb"
    with FaultServer() as srv:
        srv.route("/r/dead", status(410))
        srv.route("/feed.xml", ok(rss([srv.url_for("/r/dead")]), "application/rss+xml"))
        sources = [source("s", srv.url_for("/feed.xml"))]
        steps = []
        for _ in range(len(BACKOFF) + 1):
            ingest(sources, db)
            steps.append(rows(db, "SELECT state, attempts, next_attempt_at - last_failed_at "
                                  "FROM url_retries")[0])
            make_due(db)
        assert steps == [
            *(("pending", n + 1, wait) for n, wait in enumerate(BACKOFF)),
            ("given_up", len(BACKOFF) + 1, None),
        ]
        hits = srv.hits("/r/dead")
        assert hits == len(BACKOFF) + 1  # one request per run: terminal, not retried within it
        ingest(sources, db)  # given up: not asked again
        assert srv.hits("/r/dead") == hits

        srv.route("/r/later", status(403))
        srv.route("/feed.xml", ok(rss([srv.url_for(p) for p in ("/r/dead", "/r/later")]),
                                  "application/rss+xml"))
        ingest(sources, db)  # one more URL, pending
    (st,) = json.loads(run_cli("status", "--db", str(db), "--format", "json").stdout)
    assert (st["pending_retry"], st["given_up"]) == (1, 1)
    assert st["next_retry_at"] is not None
    (health,) = json.loads(run_cli("health", "--db", str(db), "--format", "json").stdout)
    assert (health["pending_retry"], health["given_up"]) == (1, 1)
    for command in ("status", "health"):
        proc = run_cli(command, "--retries", "--db", str(db), "--format", "json")
        assert proc.returncode == 0, proc.stderr
        listed = {r["url"]: r for r in json.loads(proc.stdout)}
        dead, later = listed[srv.url_for("/r/dead")], listed[srv.url_for("/r/later")]
        assert (dead["state"], dead["attempts"], dead["status"], dead["error_class"]) == (
            "given_up", len(BACKOFF) + 1, 410, "HTTPStatusError")
        assert "410" in dead["error"] and dead["next_attempt_at"] is None
        assert (later["state"], later["status"]) == ("pending", 403)
    table = run_cli("status", "--retries", "--db", str(db))
    assert "given_up" in table.stdout and "/r/later" in table.stdout


def test_partial_run_exits_3_and_a_clean_run_exits_0(tmp_path: Path) -> None:
    db = tmp_path / "cli.duckdb"
    with FaultServer() as srv:
        srv.route("/r/ok", ok(page("Fine")))
        srv.route("/r/deploy", status(404))
        srv.route("/feed.xml", ok(rss([srv.url_for(p) for p in ("/r/ok", "/r/deploy")]),
                                  "application/rss+xml"))
        toml = tmp_path / "s.toml"
        toml.write_text(
            f'[[source]]\nname = "s"\nfeeds = ["{srv.url_for("/feed.xml")}"]\n'
            "allow_private_network = true\nmin_delay = 0\ntimeout = 1\n"
            "respect_robots = false\n", encoding="utf-8")
        args = ("ingest", "--no-prefect", "--sources", str(toml), "--db", str(db))
        partial = run_cli(*args)
        assert partial.returncode == 3, partial.stderr
        assert "Traceback" not in partial.stderr
        assert "partial" in partial.stdout
        clean = run_cli(*args)  # the 404 is not due yet; nothing failed
        assert clean.returncode == 0, clean.stderr
    assert rows(db, "SELECT status FROM runs ORDER BY started_at") == [("partial",), ("ok",)]


def test_prefect_flow_run_of_a_partial_ingest_is_named_partial(
    prefect_api: str, tmp_path: Path
) -> None:
    db = tmp_path / "flow.duckdb"
    with FaultServer() as srv:
        srv.route("/r/deploy", status(404))
        srv.route("/feed.xml", ok(rss([srv.url_for("/r/deploy")]), "application/rss+xml"))
        toml = tmp_path / "s.toml"
        toml.write_text(
            f'[[source]]\nname = "s"\nfeeds = ["{srv.url_for("/feed.xml")}"]\n'
            "allow_private_network = true\nmin_delay = 0\ntimeout = 1\n"
            "respect_robots = false\n", encoding="utf-8")
        state = asyncio.run(ingest_flow(str(toml), str(db), return_state=True))
    assert state.is_completed() and state.name == "Partial", state
    assert "s partial" in (state.message or "")
    (row,) = state.result()
    assert row["status"] == "partial"


def test_old_gone_marks_become_retries_due_at_once(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    try:
        apply_migrations(con, [m for m in load_migrations() if m.version < 3])
        con.execute("INSERT INTO seen_urls VALUES ('https://x.org/a', 's', 'gone', NULL, "
                    "now() - INTERVAL 3 DAY, now() - INTERVAL 2 DAY)")
        con.execute("INSERT INTO fetch_log VALUES ('r1', 's', 'https://x.org/a', "
                    "now() - INTERVAL 2 DAY, 403, 0, 1.0, 1, 'HTTPStatusError', 'HTTP 403')")
        con.execute("INSERT INTO runs (run_id, source, started_at, status) "
                    "VALUES ('r1', 's', now() - INTERVAL 2 DAY, 'ok')")
    finally:
        con.close()
    with open_warehouse(db) as wh:
        assert wh.schema_version() >= 3
    assert rows(db, "SELECT url, state, attempts, error_class, status, "
                    "next_attempt_at <= now() FROM url_retries") == [
        ("https://x.org/a", "pending", 1, "HTTPStatusError", 403, True)]
    assert rows(db, "SELECT count(*) FROM seen_urls") == [(0,)]
    assert rows(db, "SELECT run_id, status FROM runs") == [("r1", "ok")]
    with open_warehouse(db) as wh:  # runs accepts 'partial' now
        wh.finish_run("r2", "s", RunCounts(), "partial", None, datetime.now(UTC))
    assert ("r2", "partial") in rows(db, "SELECT run_id, status FROM runs")


def test_next_attempt_follows_the_backoff() -> None:
    from warehouse import retries

    t = datetime(2026, 1, 1, tzinfo=UTC)
    assert retries.BACKOFF == BACKOFF
    assert [retries.next_attempt(n, t) for n in range(1, 6)] == [t + w for w in BACKOFF] + [None]
