"""A Retry-After no calendar or number holds is no Retry-After, never the end of the run (k44).

``parse_retry_after`` read an HTTP-date with ``email.utils.parsedate_to_datetime`` and
caught its ``ValueError``; "Sat, 05 Dec 2026 23:00:00 +99999999999999999999" (an offset of
twenty digits) raises ``OverflowError`` there, no error of ours to map, so one 503's
header ended the whole ingest run: every source's work lost, nothing stored. Its
delta-seconds form ("¹²", obs-text superscripts that ``str.isdigit`` takes) raised
``ValueError`` from ``float`` the same way. Found beside
o44's ``Date`` reading (``flows.clock_witness.server_date``), which had the same hole. An
unreadable Retry-After is no Retry-After: the 503 is asked again after the usual backoff.
A real loopback server, a real ingest run into a real DuckDB file, the CLI in a subprocess.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from flows.run import run_sources
from tests.cli_run import run_cli
from tests.reliability.fault_server import FaultServer, ok, status
from tests.reliability.test_ingest_faults import DB, page, rss, source

ODD = "Sat, 05 Dec 2026 23:00:00 +99999999999999999999"  # an offset no C int holds
# Latin-1 superscript digits (obs-text, which HTTP lets through): str.isdigit() says yes,
# float() says no, and its ValueError ended the run the same way.
SUPERSCRIPT = "\u00b9\u00b2"


def _serve(srv: FaultServer, said: str) -> None:
    srv.route("/feed.xml", ok(rss([f"{srv.url}/a/1", f"{srv.url}/a/2"]), "application/rss+xml"))
    srv.route("/a/1", status(503, headers=[("Retry-After", said)]), ok(page("Asked again")))
    srv.route("/a/2", ok(page("Plain page")))


@pytest.mark.parametrize("said", [ODD, SUPERSCRIPT])
def test_a_retry_after_past_the_calendar_is_asked_again_as_any_503(
    tmp_path: Path, said: str
) -> None:
    db = DB(tmp_path / "r.duckdb")
    with FaultServer() as srv:
        _serve(srv, said)
        run_id, reports = asyncio.run(
            run_sources(
                [source("odd", srv.url_for("/feed.xml"))],
                db.path,
                as_tasks=False,
                lock_timeout=5.0,
            )
        )
        (report,) = reports
        assert report.status == "ok", (report.error, report.failures)
        assert db.titles("odd") == {"Asked again", "Plain page"}
        assert sorted(str(c) for _s, c, _a in db.log(f"{srv.url}/a/1", run_id)) == [
            "None",
            "ServerError",
        ]


def test_the_cli_asks_again_and_stores_every_page(tmp_path: Path) -> None:
    db = tmp_path / "r.duckdb"
    with FaultServer() as srv:
        _serve(srv, ODD)
        toml = tmp_path / "s.toml"
        toml.write_text(
            f'[[source]]\nname = "odd"\nfeeds = ["{srv.url_for("/feed.xml")}"]\n'
            "allow_private_network = true\nmin_delay = 0\nrespect_robots = false\n",
            encoding="utf-8",
        )
        done = run_cli("ingest", "--no-prefect", "--sources", str(toml), "--db", str(db))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert DB(db).titles("odd") == {"Asked again", "Plain page"}


def test_a_retry_after_at_the_calendars_end_is_not_waited_for(tmp_path: Path) -> None:
    # A guard, passing both ways: "Fri, 31 Dec 9999 23:59:59 -1200" parses (its UTC
    # moment is past datetime.max, but a timestamp has room): far past the cap, the URL
    # fails transient at once and the next run asks again, as a Retry-After of a day does.
    db = DB(tmp_path / "r.duckdb")
    with FaultServer() as srv:
        _serve(srv, "Fri, 31 Dec 9999 23:59:59 -1200")
        _run_id, reports = asyncio.run(
            run_sources(
                [source("odd", srv.url_for("/feed.xml"))],
                db.path,
                as_tasks=False,
                lock_timeout=5.0,
            )
        )
        (report,) = reports
        assert report.status == "partial"
        assert [(f.error_class, f.transient) for f in report.failures] == [("ServerError", True)]
        assert db.titles("odd") == {"Plain page"}
