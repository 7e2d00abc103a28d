"""The story sidecar takes a batch's rows when the batch commits (issue 16, per-batch cost).

A batch used to leave its story rows for the next batch to read back from
DuckDB and absorb (four DuckDB statements and a second pass over the same
SQLite pages, per batch). Now the sidecar absorbs them from memory once the
DuckDB transaction has committed. Real DuckDB files, real SQLite sidecars, a
real writer process killed between the two commits, a real second SQLite
connection holding the sidecar's write lock.
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


def _fresh(wh_path: Path, tmp_path: Path) -> dict[str, object]:
    """The sidecar built from DuckDB alone, in one go."""
    with open_warehouse(wh_path, story_sidecar=False) as wh:
        built = Sidecar(tmp_path / "built.sqlite")
        built.prepare(wh.connection)
        built.close()
    return _content(tmp_path / "built.sqlite")


def test_a_batch_is_in_the_sidecar_once_it_commits_and_a_reopened_one_is_trusted(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.duckdb"
    side = sidecar_path(db)
    for b in batches():  # a session per batch, as the pipeline's gateway opens them
        with open_warehouse(db) as wh:
            wh.write_batch(b)
            committed = _duckdb_members(wh)
            at = wh.query("SELECT epoch_us(assigned_at) FROM story_members "
                          "WHERE seq = (SELECT max(seq) FROM story_members)").rows[0][0]
        now = _content(side)
        assert now["hw"] == max(committed)  # no batch left for the next one to absorb
        assert now["seqs"] == committed
        with sqlite3.connect(side) as raw:
            meta = dict(raw.execute("SELECT k, v FROM meta"))
        assert "bk" not in meta and meta["at"] == at  # the next open trusts it
    assert capfd.readouterr().err == ""  # never rebuilt
    fresh = _fresh(db, tmp_path)
    for part in ("hw", "members", "bands", "paras"):
        assert _content(side)[part] == fresh[part], part
    with open_warehouse(db) as wh:
        assert _clusters(wh) == _reference(tmp_path)


_CHILD = """
import sys
from warehouse import open_warehouse
from warehouse.story_sidecar import Sidecar
from tests.warehouse.test_story_sidecar import batches

committed = Sidecar.committed

def wait_then_absorb(self):
    print("committed", flush=True)
    sys.stdin.readline()  # killed here: DuckDB committed, the sidecar not yet
    committed(self)

todo = batches()
with open_warehouse(sys.argv[1]) as wh:
    for b in todo[: int(sys.argv[2])]:
        wh.write_batch(b)
    Sidecar.committed = wait_then_absorb
    wh.write_batch(todo[int(sys.argv[2])])
"""


@pytest.mark.parametrize("at", [1, 4])
def test_a_writer_killed_between_the_two_commits_leaves_the_sidecar_behind_then_caught_up(
        tmp_path: Path, at: int) -> None:
    db = tmp_path / "w.duckdb"
    with subprocess.Popen([sys.executable, "-c", _CHILD, str(db), str(at)], cwd=REPO,
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as child:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "committed"
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    with open_warehouse(db, story_sidecar=False) as wh:
        committed = _duckdb_members(wh)
    assert len(committed) == at + 1  # the killed batch is in DuckDB
    side = _content(sidecar_path(db))
    assert side["hw"] < max(committed)  # ... and not in the sidecar: behind, never ahead
    assert all(committed.get(q) == i for q, i in side["seqs"].items())
    with open_warehouse(db) as wh:
        for b in batches()[at + 1:]:
            wh.write_batch(b)
        assert _clusters(wh) == _reference(tmp_path)
    fresh = _fresh(db, tmp_path)
    for part in ("hw", "members", "bands", "paras"):
        assert _content(sidecar_path(db))[part] == fresh[part], part


def test_a_sidecar_locked_at_commit_is_one_line_kept_and_caught_up_by_the_next_batch(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """Another connection holds the sidecar's write lock when a batch commits: the
    batch stands, the sidecar stays as it was (not thrown away: at 1M articles a
    rebuild takes ~17 batches of scans) and the next batch catches it up."""
    db = tmp_path / "w.duckdb"
    side = sidecar_path(db)
    todo = batches()
    with open_warehouse(db) as wh:
        for b in todo[:4]:
            wh.write_batch(b)
        inode, before = side.stat().st_ino, _content(side)
        capfd.readouterr()
        other = sqlite3.connect(side, timeout=0, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # the write lock, until the rollback below
        try:
            wh.write_batch(todo[4])  # waits out SQLite's busy timeout (5 s), then gives up
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert max(_duckdb_members(wh)) == before["hw"] + 1  # the batch committed
        assert _content(side) == before and side.stat().st_ino == inode
        err = capfd.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "next batch catches up" in err[0], err
        for b in todo[5:]:
            wh.write_batch(b)
        assert _clusters(wh) == _reference(tmp_path)
    assert side.stat().st_ino == inode
    assert capfd.readouterr().err == ""
    fresh = _fresh(db, tmp_path)
    for part in ("hw", "members", "bands", "paras"):
        assert _content(side)[part] == fresh[part], part
