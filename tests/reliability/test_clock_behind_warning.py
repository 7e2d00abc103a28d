"""A host clock set back is said, once, when several unrelated sites' Date says so (o44).

k42 found that a host clock set back (a VM restored from a snapshot, NTP off) makes every
page's date "after the fetch": refused. o43 believed one server's Date and was reverted
(k43: a site chooses its own Date). Nothing stored changes here; the run says so instead:
when the sources of at least three different sites, and more than half of the sites that
sent a Date, answer with a Date more than 5 minutes ahead of this host's clock, the run's
summary (and the flow's log) carries one warning line. One hostile site, two, or one
source with feeds on several hosts of its own never raise it.

A machine clock cannot be set here: the servers run ahead instead (the same to the
fetcher). Real loopback servers on 127.0.0.1-127.0.0.6 (Linux routes 127/8 to lo; each
address is its own site), a real ingest run, the real CLI in a subprocess.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import duckdb
import pytest

from flows.config import SourceConfig
from flows.run import report_table, run_clock_warning, run_sources
from tests.cli_run import run_cli
from tests.reliability.fault_server import FaultServer, ok
from tests.reliability.test_ingest_faults import page, rss, source

WARNING = "this host's clock looks"


def _date(ahead: timedelta | None) -> list[tuple[str, str]]:
    if ahead is None:
        return []
    return [("Date", format_datetime(datetime.now(UTC) + ahead, usegmt=True))]


@pytest.fixture
def sites() -> Iterator[list[FaultServer]]:
    """Six loopback servers, each on its own address (its own site)."""
    with ExitStack() as stack:
        yield [stack.enter_context(FaultServer(host=f"127.0.0.{i}")) for i in range(1, 7)]


def _serve(srv: FaultServer, name: str, ahead: timedelta | None) -> SourceConfig:
    """A feed and one article on ``srv``, every answer's Date ``ahead`` of our clock."""
    srv.route("/feed.xml", ok(rss([f"{srv.url}/a/1"]), "application/rss+xml", _date(ahead)))
    srv.route("/a/1", ok(page(f"Story of {name}"), headers=_date(ahead)))
    return source(name, srv.url_for("/feed.xml"))


def _warning(sources: list[SourceConfig], db: Path) -> str | None:
    _run_id, reports = asyncio.run(run_sources(sources, db, as_tasks=False, lock_timeout=5.0))
    assert all(r.status == "ok" for r in reports), [(r.source, r.error) for r in reports]
    return run_clock_warning(report_table(reports))


AHEAD = timedelta(days=2)
RIGHT = timedelta(seconds=0)


@pytest.mark.parametrize(
    ("offsets", "warns"),
    [
        ([AHEAD, AHEAD, AHEAD, AHEAD], True),  # every site: this host is behind
        ([AHEAD, AHEAD, AHEAD, RIGHT, None], True),  # 3 of 4 that sent a Date
        ([timedelta(minutes=20)] * 3 + [RIGHT], True),  # minutes are enough
        ([timedelta(days=330), RIGHT, RIGHT, RIGHT], False),  # one hostile site
        ([AHEAD, AHEAD, RIGHT, RIGHT], False),  # two
        ([AHEAD, AHEAD, AHEAD, RIGHT, RIGHT, RIGHT], False),  # three, but not most
        ([timedelta(minutes=2)] * 4, False),  # within a few minutes: no word
        ([None, None, None, None], False),  # no Date at all
    ],
)
def test_the_run_warns_when_most_sites_and_at_least_three_say_the_clock_is_behind(
    tmp_path: Path, sites: list[FaultServer], offsets: list[timedelta | None], warns: bool
) -> None:
    pairs = zip(sites[: len(offsets)], offsets, strict=True)
    sources = [_serve(srv, f"s{i}", off) for i, (srv, off) in enumerate(pairs)]
    line = _warning(sources, tmp_path / "w.duckdb")
    assert (line is not None) is warns, line
    if warns:
        assert line is not None and line.startswith(WARNING)
        assert f"{sum(o is not None and o > RIGHT for o in offsets)} of" in line


def test_one_source_on_several_hosts_of_its_own_is_one_voice(
    tmp_path: Path, sites: list[FaultServer]
) -> None:
    # A hostile source whose feeds sit on four hosts, all ahead, beside two honest sites:
    # one vote of three, whatever the number of its hosts.
    hostile = [srv.url_for("/feed.xml") for srv in sites[:4]]
    for srv in sites[:4]:
        _serve(srv, "hostile", timedelta(days=330))
    evil = SourceConfig(
        name="hostile",
        feeds=tuple(hostile),
        allow_private_network=True,
        min_delay=0.0,
        respect_robots=False,
        timeout=10.0,
    )
    honest = [_serve(srv, f"h{i}", RIGHT) for i, srv in enumerate(sites[4:])]
    assert _warning([evil, *honest], tmp_path / "w.duckdb") is None


def test_the_cli_summary_says_it_once_and_stores_the_dates_as_before(
    tmp_path: Path, sites: list[FaultServer]
) -> None:
    lines = []
    for i, srv in enumerate(sites[:4]):
        srv.route("/feed.xml", ok(rss([f"{srv.url}/a/1"]), "application/rss+xml", _date(AHEAD)))
        srv.route("/a/1", ok(page(f"Story {i}"), headers=_date(AHEAD)))
        lines.append(
            f'[[source]]\nname = "s{i}"\nfeeds = ["{srv.url_for("/feed.xml")}"]\n'
            "allow_private_network = true\nmin_delay = 0\nrespect_robots = false\n"
        )
    toml = tmp_path / "s.toml"
    toml.write_text("\n".join(lines), encoding="utf-8")
    db = tmp_path / "w.duckdb"
    done = run_cli("ingest", "--no-prefect", "--sources", str(toml), "--db", str(db))
    assert done.returncode == 0, done.stderr[-2000:]
    said = [line for line in done.stderr.splitlines() if WARNING in line]
    assert len(said) == 1, done.stderr
    assert said[0].startswith("pressroom: warning: this host's clock looks 2 days behind: 4 of 4")
    # Nothing stored changes: the fetch's moment is this host's clock (README, "Dates").
    con = duckdb.connect(str(db), read_only=True)
    try:
        (latest,) = con.execute("SELECT max(started_at) FROM fetch_log").fetchone() or (None,)
    finally:
        con.close()
    assert latest is not None and latest < datetime.now(UTC) + timedelta(minutes=1)
