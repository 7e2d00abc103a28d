"""The story index's first build on a warehouse that has none (an upgrade; issue 16):
spread a bounded share per batch (bands and members), clustering by DuckDB scans
meanwhile, and a writer killed mid build (SIGKILL) leaving a build that resumes.

Real DuckDB files, real SQLite sidecars; the clusters are always the ones DuckDB alone
gives (``_reference``), and the finished sidecar equals one built in one go.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.warehouse.test_story_sidecar import (
    REPO,
    _clusters,
    _content,
    _duckdb_members,
    _reference,
    batches,
)
from warehouse import open_warehouse
from warehouse.story_sidecar import Sidecar, sidecar_path


def _populated(db: Path, n: int) -> None:
    """``n`` batches written with clustering by scans only: no sidecar yet (an upgrade)."""
    with open_warehouse(db, story_sidecar=False) as wh:
        for b in batches()[:n]:
            wh.write_batch(b)
    assert not sidecar_path(db).exists()


def _build_state(path: Path) -> dict[str, int] | None:
    db = sqlite3.connect(path)
    try:
        meta = dict(db.execute("SELECT k, v FROM meta"))
    finally:
        db.close()
    return {k: meta[k] for k in ("hw", "bnext", "bk")} if "bk" in meta else None


def _finish_and_compare(db: Path, tmp_path: Path, start: int) -> int:
    """Write the rest of batches(), then rewrites until the build is done; the clusters are
    the reference's and the sidecar is the one built in one go. Returns the extra batches."""
    side = sidecar_path(db)
    extra = 0
    with open_warehouse(db) as wh:
        for b in batches()[start:]:
            wh.write_batch(b)
        while _build_state(side) is not None and extra < 20:
            wh.write_batch(batches()[0])
            extra += 1
        wh.write_batch(batches()[0])  # catches up on the last batch's rows
        assert _clusters(wh) == _reference(tmp_path)
        built = Sidecar(tmp_path / "built.sqlite")
        built.prepare(wh.connection)
        while _build_state(tmp_path / "built.sqlite") is not None:
            built.prepare(wh.connection)  # a step each, as the batches did
        built.close()
    assert _build_state(side) is None
    now, fresh = _content(side), _content(tmp_path / "built.sqlite")
    for part in ("hw", "members", "bands", "paras"):
        assert now[part] == fresh[part], part
    return extra


def test_a_first_build_is_spread_over_batches_and_clusters_as_scans_meanwhile(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sidecar of a big warehouse is built a bounded share per batch (the first
    build at 1M articles held the warehouse for minutes); batches meanwhile cluster
    by DuckDB scans, with the same result."""
    from warehouse import story_build

    db = tmp_path / "w.duckdb"
    _populated(db, 8)
    monkeypatch.setattr(story_build, "BAND_ROWS", 48)  # 6 members with bands: 192 rows
    side = sidecar_path(db)
    with open_warehouse(db) as wh:
        wh.write_batch(batches()[8])
        first = _build_state(side)
        assert first is not None and first["hw"] == 0 and first["bnext"] == 1
        assert first["bk"] == 4
        with sqlite3.connect(side) as raw:
            assert 0 < raw.execute("SELECT count(*) FROM bands").fetchone()[0] < 192
    _finish_and_compare(db, tmp_path, 9)


def test_a_first_build_copies_members_a_bounded_range_per_batch_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The members and their paragraph counts are copied a seq range per batch with the
    band ranges, not all in the last batch (at 1M articles that one took minutes)."""
    from warehouse import story_build

    db = tmp_path / "w.duckdb"
    _populated(db, 8)
    monkeypatch.setattr(story_build, "BAND_ROWS", 10**9)  # one band range
    monkeypatch.setattr(story_build, "MEMBER_ROWS", 2, raising=False)
    side = sidecar_path(db)
    with open_warehouse(db, story_sidecar=False) as wh:
        seqs = sorted(_duckdb_members(wh))
    assert seqs == list(range(1, 9))
    with open_warehouse(db) as wh:  # the edited copy (re-clustered mid-build), then rewrites
        for n, batch in enumerate([batches()[8], batches()[0], batches()[0]]):
            wh.write_batch(batch)
            state = _build_state(side)
            assert state is not None and (state["bnext"], state["bk"]) == (n + 1, 4)
            copied = set(_content(side)["seqs"])  # two seqs a step, one may be taken out
            assert copied <= set(range(1, 2 * n + 3)) and len(copied) >= 2 * n + 1
    _finish_and_compare(db, tmp_path, 9)


_BUILD_CHILD = """
import sys
from warehouse import open_warehouse, story_build
from tests.warehouse.test_story_sidecar import batches

story_build.BAND_ROWS = 48
stream, finish = story_build._stream, story_build._finish

def wait(what):
    print(what, flush=True)
    sys.stdin.readline()  # killed here, before the sidecar's COMMIT

def stream_then_wait(*args, **kwargs):
    yield from stream(*args, **kwargs)
    wait("copied")

def finish_then_wait(*args, **kwargs):
    finish(*args, **kwargs)
    wait("finished")

with open_warehouse(sys.argv[1]) as wh:
    if sys.argv[2] == "range":
        story_build._stream = stream_then_wait
    else:  # every range but the last copied, then killed in the last batch's finish
        for _ in range(3):
            wh.write_batch(batches()[0])
        story_build._finish = finish_then_wait
    wh.write_batch(batches()[8])
"""


@pytest.mark.parametrize("during", ["range", "finish"])
def test_a_writer_killed_mid_build_leaves_a_build_that_resumes_never_a_wrong_index(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, during: str) -> None:
    from warehouse import story_build

    db = tmp_path / "w.duckdb"
    _populated(db, 8)
    with subprocess.Popen([sys.executable, "-c", _BUILD_CHILD, str(db), during], cwd=REPO,
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as child:
        assert child.stdout is not None
        line = child.stdout.readline().strip()
        assert line == ("copied" if during == "range" else "finished")
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    side = sidecar_path(db)
    state = _build_state(side)
    # The interrupted step never happened: the same range is copied again.
    assert state == {"hw": 0, "bnext": 0 if during == "range" else 3, "bk": 4}
    with open_warehouse(db, story_sidecar=False) as wh:
        committed = _duckdb_members(wh)
    # Members come with their ranges: those of the steps that committed, none of the killed one.
    with sqlite3.connect(side) as raw:
        meta = dict(raw.execute("SELECT k, v FROM meta"))
    copied = {q for q in committed if q <= meta["bnext"] * meta["bseq"] // meta["bk"]}
    assert set(_content(side)["seqs"]) == copied
    assert bool(copied) == (during == "finish")
    monkeypatch.setattr(story_build, "BAND_ROWS", 48)
    extra = _finish_and_compare(db, tmp_path, 8)
    assert extra <= (4 if during == "range" else 1)
    assert len(committed) == 8  # the killed batch never committed
