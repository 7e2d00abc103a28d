"""Staged batches go into the warehouse in the order they were staged (o38).

The ``articles`` view shows the text written last, so the merge order of staged batches
is the order their texts become current in. Files were merged in the order of the fetch
time leading their names: after a clock set back between two blind runs (the file held
at both start-ups), the older batch went in last and its older text became current.
Real spool (signed files), real DuckDB.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from flows.spool import Spool
from tests.reliability.fault_server import FaultServer
from tests.reliability.test_clock_set_back import Site
from tests.warehouse.whtest import T0, make_article, make_batch
from warehouse import open_warehouse


def test_batches_are_merged_in_the_order_they_were_staged(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    spool = Spool(db)
    # The first blind run's clock was a day ahead; the second's had been corrected.
    spool.stage(make_batch(make_article(1, body="First draft."), run_id="fast",
                           at=T0 + timedelta(days=1)), 1)
    spool.stage(make_batch(make_article(1, body="Final text."), run_id="later",
                           at=T0 + timedelta(hours=1)), 1)
    with open_warehouse(db) as wh:
        merged = [batch.run_id for batch, _result in spool.merge_into(wh)]
        assert merged == ["fast", "later"]
        assert wh.query("SELECT body, version FROM articles").rows == [("Final text.", 2)]
    assert spool.pending() == []


def test_a_file_an_earlier_release_staged_goes_in_first(tmp_path: Path) -> None:
    # A release before o38 named files by fetch time, a digit first; they were staged
    # before any file this release places. (Fails before o38 too: this release's file,
    # fetched earlier than the old file's name says, went in first.)
    db = tmp_path / "w.duckdb"
    spool = Spool(db)
    old = spool.stage(make_batch(make_article(1, body="Older text."), run_id="old",
                                 at=T0 + timedelta(days=400)), 1)
    os.rename(old, old.with_name("20270425T120000000000-old-example-00001.batch"))
    spool.stage(make_batch(make_article(1, body="Newer text."), run_id="new"), 1)
    with open_warehouse(db) as wh:
        assert [batch.run_id for batch, _result in spool.merge_into(wh)] == ["old", "new"]
        assert wh.query("SELECT body FROM articles").rows == [("Newer text.",)]


# k38b: a name is only read as a place when the pipeline could have written it. A file
# renamed by hand to 'q²-…' (str.isdigit() takes '²', int() does not) made listing the
# spool raise ValueError, so every run on the warehouse failed with a traceback before
# merging anything, where the file used to be quarantined like any batch the pipeline
# did not sign; a place of hundreds of digits made the next staged name too long.
ODD_NAMES = ("q²-renamed.batch", "q١٢-renamed.batch", f"q{'9' * 200}-renamed.batch")


def test_a_hand_named_file_is_no_place_and_lists(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    spool = Spool(db)
    first = spool.stage(make_batch(make_article(1, body="First."), run_id="one"), 1)
    spool.dir.joinpath("q²-x.batch").write_bytes(b"not ours")
    spool.dir.joinpath(f"q{'9' * 200}-x.batch").write_bytes(b"not ours")
    second = spool.stage(make_batch(make_article(1, body="Second."), run_id="two"), 1)
    assert second.name.startswith("q000000000002-"), second.name
    assert [p.name for p in spool.pending()][-2:] == [first.name, second.name]


def test_a_run_quarantines_a_hand_named_file_and_goes_on(tmp_path: Path) -> None:
    with FaultServer() as srv:
        site = Site(srv, tmp_path)
        site.serve("First draft.")
        site.ingest()
        spool = Spool(site.db)
        spool.dir.mkdir(exist_ok=True)
        for name in ODD_NAMES:
            spool.dir.joinpath(name).write_bytes(b"renamed by hand")
        site.serve("Final text.")
        done = site.ingest("--refresh")
        assert "Traceback" not in done.stderr
        warned = [ln for ln in done.stderr.splitlines()
                  if ln.startswith("pressroom: warning: spool file")]
        assert len(warned) == len(ODD_NAMES), done.stderr
        assert site.current() == "Final text."
        assert spool.pending() == []
        assert sorted(p.name for p in spool.quarantine.iterdir()) == sorted(ODD_NAMES)
