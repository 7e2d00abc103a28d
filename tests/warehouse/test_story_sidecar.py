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
