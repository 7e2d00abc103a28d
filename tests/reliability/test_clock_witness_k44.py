"""k44's attack on o44's clock warning (``flows.clock_witness.server_date``).

A ``Date`` header is the server's to write. "Fri, 31 Dec 9999 23:59:59 -1200" parses
(``email.utils``) but is past ``datetime.max`` once in UTC, and an offset of twenty
digits is more than a C int: ``server_date`` raised ``OverflowError`` inside the fetcher,
no error of ours to map, and the whole run died on one page's header (every source's
work lost, nothing stored). An unreadable ``Date`` is no ``Date``; the page is read and
stored as any other. A real loopback server, a real ingest run into a real DuckDB file.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from flows.clock_witness import site_of
from flows.run import report_table, run_clock_warning, run_sources
from tests.cli_run import run_cli
from tests.reliability.fault_server import FaultServer, ok
from tests.reliability.test_ingest_faults import DB, page, rss, source


@pytest.mark.parametrize(
    "said",
    [
        "Fri, 31 Dec 9999 23:59:59 -1200",  # past datetime.max once in UTC
        "Sat, 05 Dec 2026 23:00:00 +99999999999999999999",  # an offset no C int holds
    ],
)
def test_a_date_header_past_the_calendar_is_no_date_and_the_run_goes_on(
    tmp_path: Path, said: str
) -> None:
    db = DB(tmp_path / "d.duckdb")
    with FaultServer() as srv:
        srv.route("/feed.xml", ok(rss([f"{srv.url}/a/1", f"{srv.url}/a/2"]), "application/rss+xml"))
        srv.route("/a/1", ok(page("Odd clock"), headers=[("Date", said)]))
        srv.route("/a/2", ok(page("Plain page")))
        run_id, reports = asyncio.run(
            run_sources(
                [source("odd", srv.url_for("/feed.xml"))], db.path, as_tasks=False, lock_timeout=5.0
            )
        )
        assert reports[0].status == "ok", reports[0].error
        assert db.titles("odd") == {"Odd clock", "Plain page"}
        assert {c for _s, c, _a in db.log(f"{srv.url}/a/1", run_id)} == {None}
        assert run_clock_warning(report_table(reports)) is None


def test_the_cli_ingest_stores_the_page_and_exits_clean(tmp_path: Path) -> None:
    # Before: a traceback and a failed exit, nothing of the run stored.
    db = tmp_path / "w.duckdb"
    with FaultServer() as srv:
        srv.route("/feed.xml", ok(rss([f"{srv.url}/a/1"]), "application/rss+xml"))
        srv.route(
            "/a/1", ok(page("Odd clock"), headers=[("Date", "Fri, 31 Dec 9999 23:59:59 -1200")])
        )
        toml = tmp_path / "s.toml"
        toml.write_text(
            f'[[source]]\nname = "odd"\nfeeds = ["{srv.url_for("/feed.xml")}"]\n'
            "allow_private_network = true\nmin_delay = 0\nrespect_robots = false\n",
            encoding="utf-8",
        )
        done = run_cli("ingest", "--no-prefect", "--sources", str(toml), "--db", str(db))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "clock looks" not in done.stderr
    assert DB(db).titles("odd") == {"Odd clock"}


def test_one_sites_subdomains_as_several_sources_are_one_vote() -> None:
    # Held (passes before and after): three sources on one site's subdomains, all a year
    # ahead, beside two honest sites, are one site of three (site_of merges them), and
    # under a country's registry label too. The redirects of a source cannot bring other
    # sites' votes in: a redirect off the source's hosts is refused (BlockedURL, measured
    # with a loopback chain over four hosts), so its responses are its own sites'.
    ahead, right = 330 * 86400.0, 0.0
    for hosts in (
        ["politics.evil.com", "sport.evil.com", "www.evil.com"],
        ["a.evil.co.uk", "b.evil.co.uk", "evil.co.uk"],
    ):
        votes = [(site_of(h), ahead) for h in hosts]
        votes += [(site_of("www.honest.org"), right), (site_of("news.other.net"), right)]
        assert run_clock_warning([{"date_site": s, "date_ahead_s": o} for s, o in votes]) is None
