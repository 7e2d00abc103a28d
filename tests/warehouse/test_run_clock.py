"""Each run's word on this host's clock, stored (migration 017, o45).

The run's votes (flows.clock_witness: one per source, its site and how far its
servers' ``Date`` was ahead) are written with the run's rows; ``run_clock`` reads
them per run as ``clock_warning`` does, and ``clock_evidence`` picks the latest run
that could tell (at least three sites) by the sites' clocks, not by this host's,
which is what may be wrong. Real DuckDB files and a DuckDB-catalog lake.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from warehouse import RunCounts, Warehouse
from warehouse.clock_votes import MIN_SITES, clock_warning
from warehouse.records import SourceEnd

DAY = 86400
NOW = datetime(2026, 12, 6, 1, 0, tzinfo=UTC)


@pytest.fixture
def wh(file_or_lake: Warehouse) -> Warehouse:
    return file_or_lake  # conftest: a DuckDB file, then a lake


def _run(
    wh: Warehouse, run_id: str, votes: list[tuple[str, int] | None], started: datetime = NOW
) -> None:
    names = [f"s{i}" for i in range(len(votes))]
    wh.start_run(run_id, names, started, pid=1)
    wh.finish_runs(
        run_id,
        [
            SourceEnd(n, RunCounts(fetched=1), "ok", vote=v)
            for n, v in zip(names, votes, strict=True)
        ],
        started + timedelta(minutes=1),
        started_at=started,
    )


def _said(wh: Warehouse) -> tuple[str, str | None] | None:
    found = wh.clock_evidence(MIN_SITES)
    return None if found is None else (found.run_id, clock_warning(found.votes))


def test_run_clock_counts_sites_as_the_run_warning_does(wh: Warehouse) -> None:
    # Two sources of site a (one site, the median of its votes), b and c ahead, d right,
    # one source with no Date: 4 sites, 3 ahead (a's median 2 days), the run warned.
    _run(
        wh,
        "r1",
        [("a", 2 * DAY), ("a", 2 * DAY - 100), ("b", 2 * DAY + 10), ("c", 2 * DAY), ("d", 3), None],
    )
    row = wh.query("SELECT sites, ahead, ahead_median_s FROM run_clock").rows
    assert row == [(4, 3, 2 * DAY)]
    said = _said(wh)
    assert said is not None and said[0] == "r1"
    assert said[1] is not None and said[1].startswith(
        "this host's clock looks 2 days behind: 3 of 4 sites"
    )
    stored = wh.query("SELECT date_site, date_ahead_s FROM runs WHERE source = 's5'").rows
    assert stored == [(None, None)]


def test_a_run_of_fewer_than_three_sites_neither_raises_nor_clears_it(wh: Warehouse) -> None:
    _run(wh, "warned", [("a", 2 * DAY), ("b", 2 * DAY), ("c", 2 * DAY)])
    _run(wh, "one-source", [("x", 0)], NOW + timedelta(hours=1))
    _run(wh, "two-hostile", [("h", 400 * DAY), ("i", 400 * DAY)], NOW + timedelta(hours=2))
    said = _said(wh)
    assert said is not None and said[0] == "warned" and said[1] is not None


def test_the_latest_run_is_the_latest_by_the_sites_clocks(wh: Warehouse) -> None:
    # Runs made while this host's clock was right wrote later times than the runs after
    # it was set back two days: by started_at they are the latest, and said nothing.
    _run(wh, "before", [("a", 1), ("b", 0), ("c", -2)], NOW)
    _run(
        wh,
        "set-back",
        [("a", 2 * DAY), ("b", 2 * DAY), ("c", 2 * DAY)],
        NOW - 2 * timedelta(days=1) + timedelta(hours=1),
    )
    said = _said(wh)
    assert said is not None and said[0] == "set-back" and said[1] is not None
    # Set right again an hour later: that run is the latest, and clears it.
    _run(wh, "fixed", [("a", 0), ("b", 1), ("c", 0)], NOW + timedelta(hours=2))
    assert _said(wh) == ("fixed", None)


def test_a_hostile_majority_claiming_year_9999_cannot_break_the_read(wh: Warehouse) -> None:
    far = int((datetime(9999, 12, 31, tzinfo=UTC) - NOW).total_seconds())
    _run(wh, "before", [("a", 0), ("b", 0), ("c", 0)], NOW - timedelta(hours=1))
    _run(wh, "hostile", [("a", far), ("b", far), ("c", -far), ("d", far)])
    said = _said(wh)
    assert said is not None and said[0] == "hostile"
    # Past what any Date gives (a row written by hand, `sql --write`): the skew is
    # clamped, not added to started_at ("Overflow in timestamp addition" without).
    wh.query("UPDATE runs SET date_ahead_s = 9000000000000000000 WHERE run_id = 'hostile'")
    said = _said(wh)
    assert said is not None and said[0] == "hostile"


def test_a_warehouse_without_votes_says_nothing(wh: Warehouse) -> None:
    _run(wh, "r1", [None, None, None, None])
    assert wh.query("SELECT count(*) FROM run_clock").rows == [(0,)]
    assert wh.clock_evidence(MIN_SITES) is None


# k45: attacks on o45's ordering. The latest run is picked by the sites' clocks
# (started_at + the run's median skew), so runs made after this host's clock was set back
# are not hidden by older runs that wrote later times. A run whose sites' median was far
# ahead but which said nothing (two misconfigured sites of three) moved past every run
# after it: `health` read that run for as long as its skew.


def test_a_silent_run_with_two_sites_of_three_far_ahead_does_not_stay_latest(
    wh: Warehouse,
) -> None:
    # Two sites of three a year ahead: no warning (fewer than three ahead), yet by the
    # median skew the run sorted a year after the runs that followed it.
    _run(wh, "odd", [("a", 0), ("b", 400 * DAY), ("c", 400 * DAY)], NOW)
    _run(wh, "next", [("a", 0), ("b", 1), ("c", 0)], NOW + timedelta(days=1))
    assert _said(wh) == ("next", None)
    # This host's clock set back two days after that: said (hidden before the fix).
    _run(wh, "set-back", [("a", 2 * DAY), ("b", 2 * DAY), ("c", 2 * DAY)], NOW)
    said = _said(wh)
    assert said is not None and said[0] == "set-back" and said[1] is not None


def test_a_host_clock_set_forward_is_still_placed_by_the_sites(wh: Warehouse) -> None:
    # Guard: a run whose sites say this host is ahead (a clock set forward a year) sorts
    # where the sites put it, before the runs after the clock was set right.
    _run(
        wh,
        "forward",
        [("a", -365 * DAY), ("b", -365 * DAY), ("c", -365 * DAY)],
        NOW + timedelta(days=365),
    )
    _run(wh, "right", [("a", 0), ("b", 0), ("c", 0)], NOW + timedelta(hours=1))
    assert _said(wh) == ("right", None)


def test_a_hostile_majority_does_not_outlive_the_runs_after_it(wh: Warehouse) -> None:
    far = int((datetime(9999, 12, 31, tzinfo=UTC) - NOW).total_seconds())
    _run(wh, "hostile", [("a", far), ("b", far), ("c", far)], NOW)
    _run(wh, "next", [("d", 0), ("e", 0), ("f", 0)], NOW + timedelta(days=7))
    assert _said(wh) == ("next", None)
