"""The story sidecar meets files it did not write (review of issue 16).

Real DuckDB files and real SQLite sidecars: another warehouse's sidecar copied
or symlinked in, and a directory where the sidecar should be. Whatever sits at
``<stem>.stories.sqlite``, the clusters are the ones DuckDB alone gives.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.warehouse.test_story_sidecar import batches
from warehouse import Batch, Warehouse, open_warehouse
from warehouse.story_sidecar import sidecar_path


def _by_source() -> dict[str, Batch]:
    out: dict[str, Batch] = {}
    for b in batches():
        out.setdefault(f"{b.source}/{b.articles[0].url.rsplit('/', 1)[1]}", b)
    return out


def _clusters(wh: Warehouse) -> set[frozenset[str]]:
    rows = wh.query("SELECT list(source ORDER BY source) FROM articles GROUP BY story_id").rows
    return {frozenset(r[0]) for r in rows}


def _write(db: Path, names: list[str], **kwargs: bool) -> set[frozenset[str]]:
    b = _by_source()
    with open_warehouse(db, **kwargs) as wh:
        for name in names:
            wh.write_batch(b[name])
        return _clusters(wh)


@pytest.mark.parametrize("how", ["copy", "symlink"])
def test_another_warehouses_sidecar_is_not_trusted(tmp_path: Path, how: str) -> None:
    # B holds the portal's first two pages; A the release, a look-alike, then the
    # same two portal pages, so B's last member sits in A at a higher seq.
    other = tmp_path / "b" / "w.duckdb"
    _write(other, ["portal/p0", "portal/p1"])  # the sidecar takes each batch as it commits
    theirs = sidecar_path(other)
    before = theirs.read_bytes()
    db = tmp_path / "a" / "w.duckdb"
    first = ["belta/un", "mvd/un-2", "portal/p0", "portal/p1"]
    _write(db, first)
    ours = sidecar_path(db)
    ours.unlink()
    if how == "copy":
        shutil.copy(theirs, ours)
    else:
        ours.symlink_to(theirs)
    rest = ["mfa_mission/un", "azernews/un", "menafn/un"]
    got = _write(db, rest)
    reference = _write(tmp_path / "ref" / "w.duckdb", first + rest, story_sidecar=False)
    assert frozenset({"azernews", "belta", "menafn", "mfa_mission"}) in reference
    assert got == reference
    if how == "symlink":
        assert theirs.read_bytes() == before  # the other warehouse's file is left alone


def test_a_directory_in_place_of_the_sidecar_is_one_line_and_batches_still_cluster(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.duckdb"
    first = ["belta/un", "mvd/un-2"]
    _write(db, first)
    side = sidecar_path(db)
    side.unlink()
    side.mkdir()
    (side / "keep").write_text("someone's file", encoding="utf-8")
    capfd.readouterr()
    rest = ["mfa_mission/un", "azernews/un"]
    got = _write(db, rest)
    reference = _write(tmp_path / "ref" / "w.duckdb", first + rest, story_sidecar=False)
    assert got == reference
    with open_warehouse(db) as wh:
        wh.rebuild_stories()
        assert _clusters(wh) == reference
    err = capfd.readouterr().err
    assert "Traceback" not in err and str(side) in err
    assert (side / "keep").read_text(encoding="utf-8") == "someone's file"
    assert os.path.isdir(side)
