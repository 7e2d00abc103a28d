"""The story index beside the warehouse (warehouse/story_sidecar.py, issue 16).

Real DuckDB files, real SQLite sidecars, a real writer process killed with
SIGKILL. The sidecar is a cache: whatever happens to it, the clusters are the
ones DuckDB alone gives, and it never holds a row DuckDB has not committed.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from parsers.article import Article
from tests.warehouse.storytext import SAME_TOPIC, copies
from tests.warehouse.whtest import T0
from warehouse import Batch, Warehouse, open_warehouse
from warehouse.story_sidecar import Sidecar, sidecar_path

REPO = Path(__file__).resolve().parents[2]
PORTAL = ("Subscribe to our newsletter to receive the most important news of the day, the "
          "analysis of our correspondents and exclusive interviews with officials every "
          "morning, and follow us on Telegram, Facebook, X and VK for the video reports.")


def batches() -> list[Batch]:
    """Copies of one release, another release on its topic, a source's pages sharing
    furniture, and an edited copy (re-clustered), one batch each, in order."""
    out: list[tuple[str, str, str, str]] = [
        (src, "un", title, body) for src, (title, body) in copies().items()]
    out.insert(2, ("mvd", "un-2", "Police welcome UN resolution", SAME_TOPIC))
    for n, topic in enumerate(["the harvest in Gomel", "a metro line in Minsk",
                               "the ice hockey championship"]):
        out.append(("portal", f"p{n}", topic,
                    f"Officials spoke today about {topic} and said the work on {topic} goes "
                    f"to plan number {n}, with results expected soon.\n\n{PORTAL}"))
    title, body = copies()["mfa_mission"]
    out.append(("mfa_mission", "un", title, body.replace("co-sponsored", "cosponsored")))
    result = []
    for day, (src, slug, title, body) in enumerate(out):
        url = f"https://{src}.example/news/{slug}"
        art = Article(url=url, canonical_url=url, title=title, body=body,
                      published_at=T0 + timedelta(days=day))
        result.append(Batch(run_id="r", source=src, fetched_at=T0 + timedelta(days=day),
                            articles=(art,)))
    return result


def _clusters(wh: Warehouse) -> set[frozenset[str]]:
    rows = wh.query("SELECT list(article_id ORDER BY article_id) FROM articles "
                    "GROUP BY story_id").rows
    return {frozenset(r[0]) for r in rows}


def _reference(tmp_path: Path) -> set[frozenset[str]]:
    """The clusters of every batch written with clustering by DuckDB scans only."""
    with open_warehouse(tmp_path / "ref" / "w.duckdb", story_sidecar=False) as wh:
        for b in batches():
            wh.write_batch(b)
        clusters = _clusters(wh)
    assert not sidecar_path(tmp_path / "ref" / "w.duckdb").exists()
    assert len(clusters) == 5  # the release, its topic twin, three portal items
    return clusters


def _content(path: Path) -> dict[str, Any]:
    """What the sidecar says about the warehouse's current members (stale rows aside)."""
    db = sqlite3.connect(path)
    try:
        members = {seq: (i, c, s, p) for seq, i, c, s, p in db.execute("SELECT * FROM members")}
        return {
            "hw": dict(db.execute("SELECT k, v FROM meta"))["hw"],
            "members": {(i, c, s, p) for i, c, s, p in members.values()},
            "seqs": {seq: m[0] for seq, m in members.items()},
            "bands": {(k, members[q][0]) for k, q in db.execute("SELECT * FROM bands")
                      if q in members},
            "paras": set(db.execute("SELECT * FROM paras WHERE docs > 0")),
        }
    finally:
        db.close()


def _duckdb_members(wh: Warehouse) -> dict[int, int]:
    return {int(q): int(i) for q, i in
            wh.query("SELECT seq, id_key FROM story_members").rows}


def test_the_sidecar_is_kept_beside_the_warehouse_and_matches_one_built_from_duckdb(
        tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with open_warehouse(db) as wh:
        for b in batches():
            wh.write_batch(b)
        wh.write_batch(batches()[0])  # catches up on the last batch's rows
        clusters = _clusters(wh)
        incremental = _content(sidecar_path(db))
        assert incremental["hw"] == max(_duckdb_members(wh))
        built = Sidecar(tmp_path / "built.sqlite")
        built.prepare(wh.connection)
        built.close()
    assert clusters == _reference(tmp_path)
    fresh = _content(tmp_path / "built.sqlite")
    for part in ("hw", "members", "bands", "paras"):
        assert incremental[part] == fresh[part], part


@pytest.mark.parametrize("damage", ["delete", "truncate", "garbage"])
def test_a_deleted_or_damaged_sidecar_is_rebuilt_and_gives_the_same_clusters(
        tmp_path: Path, damage: str, capfd: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.duckdb"
    side = sidecar_path(db)
    todo = batches()
    with open_warehouse(db) as wh:
        for b in todo[:5]:
            wh.write_batch(b)
    assert side.stat().st_size > 0
    capfd.readouterr()
    if damage == "delete":
        side.unlink()
    elif damage == "truncate":
        os.truncate(side, side.stat().st_size // 2)
    else:
        side.write_bytes(b"not a database" * 1000)
    with open_warehouse(db) as wh:
        for b in todo[5:]:
            wh.write_batch(b)
        wh.write_batch(todo[0])  # catches up on the last batch's rows
        assert _clusters(wh) == _reference(tmp_path)
        assert _content(side)["hw"] == max(_duckdb_members(wh))
    err = capfd.readouterr().err.strip().splitlines()
    assert len(err) == (0 if damage == "delete" else 1), err


def test_a_sidecar_of_another_state_of_the_warehouse_is_not_trusted(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    todo = batches()
    with open_warehouse(db) as wh:
        for b in todo[:3]:
            wh.write_batch(b)
    backup = db.read_bytes()
    with open_warehouse(db) as wh:
        for b in todo[3:6]:
            wh.write_batch(b)
        wh.write_batch(todo[0])
    db.write_bytes(backup)  # the warehouse restored from a backup, the sidecar kept
    with open_warehouse(db) as wh:
        for b in todo[3:]:
            wh.write_batch(b)
        assert _clusters(wh) == _reference(tmp_path)


_CHILD = """
import sys
from warehouse import open_warehouse, story_rows
from tests.warehouse.test_story_sidecar import batches

store = story_rows.store

def store_then_wait(*args, **kwargs):
    store(*args, **kwargs)
    print("stored", flush=True)
    sys.stdin.readline()  # killed here, before COMMIT

todo = batches()
with open_warehouse(sys.argv[1]) as wh:
    for b in todo[: int(sys.argv[2])]:
        wh.write_batch(b)
    story_rows.store = store_then_wait
    wh.write_batch(todo[int(sys.argv[2])])
"""


@pytest.mark.parametrize("at", [1, 4, 8])
def test_a_writer_killed_mid_batch_never_leaves_the_sidecar_ahead(tmp_path: Path,
                                                                  at: int) -> None:
    db = tmp_path / "w.duckdb"
    with subprocess.Popen([sys.executable, "-c", _CHILD, str(db), str(at)], cwd=REPO,
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as child:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "stored"  # story rows written, no COMMIT
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    side = _content(sidecar_path(db))
    with open_warehouse(db, story_sidecar=False) as wh:
        committed = _duckdb_members(wh)
    assert len(committed) == at
    assert side["hw"] <= max(committed)
    assert all(committed.get(q) == i for q, i in side["seqs"].items())
    with open_warehouse(db) as wh:
        for b in batches()[at:]:
            wh.write_batch(b)
        assert _clusters(wh) == _reference(tmp_path)


def test_a_rolled_back_batch_leaves_the_sidecar_at_the_committed_rows(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    todo = batches()
    with open_warehouse(db) as wh:
        for b in todo[:4]:
            wh.write_batch(b)
        con = wh.connection
        con.execute("BEGIN TRANSACTION")
        from warehouse import writes

        writes.article_writes.write_articles(con, todo[4], lookup=wh._sidecar)
        con.execute("ROLLBACK")
        committed = _duckdb_members(wh)
        side = _content(sidecar_path(db))
        assert side["hw"] <= max(committed)
        assert all(committed.get(q) == i for q, i in side["seqs"].items())
        for b in todo[4:]:
            wh.write_batch(b)
        assert _clusters(wh) == _reference(tmp_path)


def test_rebuild_replaces_the_sidecar_and_gives_the_same_clusters(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with open_warehouse(db) as wh:
        for b in batches():
            wh.write_batch(b)
        incremental = _clusters(wh)
        wh.rebuild_stories()
        assert _clusters(wh) == incremental == _reference(tmp_path)
        rebuilt = _content(sidecar_path(db))
        assert rebuilt["hw"] == max(_duckdb_members(wh))
        assert not list(tmp_path.glob("*.rebuild-*"))
        built = Sidecar(tmp_path / "built.sqlite")
        built.prepare(wh.connection)
        built.close()
        fresh = _content(tmp_path / "built.sqlite")
        for part in ("hw", "members", "bands", "paras"):
            assert rebuilt[part] == fresh[part], part
        # Writing on after the rebuild keeps the same clusters.
        wh.write_batch(batches()[0])
        assert _clusters(wh) == incremental


def test_a_rebuild_through_another_warehouse_of_the_process_is_seen(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    todo = batches()
    with open_warehouse(db) as writer, open_warehouse(db) as other:
        for b in todo[:6]:
            writer.write_batch(b)
        other.rebuild_stories()  # replaces the file the writer has open
        for b in todo[6:]:
            writer.write_batch(b)
        writer.write_batch(todo[0])
        assert _clusters(writer) == _reference(tmp_path)
        assert _content(sidecar_path(db))["hw"] == max(_duckdb_members(writer))
