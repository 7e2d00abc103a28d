"""Overlapping runs of one source never both write, whatever name each gives the
warehouse file: a run given a symlink to the file (a deployment's stable path, a
`current.duckdb` pointing at this year's) must find the source held by the run given
the file's own name. Before: the run locks lived beside the name given
(`link.duckdb.locks/`), so both runs fetched every article at once, and neither
recorded the other. README: "Overlapping runs"."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import duckdb
import pytest

from tests.crash.bulk_site import BulkSite
from tests.crash.campaign import ingest_cmd

ARTICLES = 60


def run_beside(db: Path, other: Path, sources: Path,
               env: dict[str, str]) -> tuple[subprocess.Popen[str], str,
                                             subprocess.CompletedProcess[str], list[int]]:
    """A first run given ``db``, stuck mid-fetch behind the site's gate, and a second run
    given ``other`` meanwhile: (the first, its stderr, the second, each article's hits)."""
    with BulkSite(ARTICLES, gate_after=5, gate_wait=300.0) as site:
        sources.write_text(site.sources_toml(timeout=300.0), encoding="utf-8")
        first = subprocess.Popen(ingest_cmd(sources, db), env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        try:
            assert site.wait_served(5)
            # The first run is stuck mid-fetch behind the gate; the second, given the
            # other name, must turn away at once (before: it fetched too, and waited at
            # the gate).
            second = subprocess.run(ingest_cmd(sources, other), env=env, capture_output=True,
                                    text=True, timeout=90, check=False)
        finally:
            site.open_gate()
            _out, err = first.communicate(timeout=120)
        hits = [site.hits(p) for p in site.article_paths()]
    return first, err, second, hits


def assert_second_skipped(db: Path) -> None:
    """The runs table: the first run ran, the second was skipped, held by the first."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        runs = con.execute("SELECT run_id, status, held_by FROM runs ORDER BY started_at"
                           ).fetchall()
    finally:
        con.close()
    (first_id, ran, _), (_second_id, skipped, held_by) = runs
    assert (ran, skipped, held_by) == ("ok", "skipped", first_id)


@pytest.mark.slow
def test_a_run_through_a_symlink_finds_the_source_held(tmp_path: Path) -> None:
    db = tmp_path / "data" / "pressroom.duckdb"
    link = tmp_path / "current.duckdb"
    db.parent.mkdir()
    link.symlink_to(db)
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    first, err, second, hits = run_beside(db, link, tmp_path / "bulk.toml", env)
    assert first.returncode == 0, err
    assert second.returncode == 0, second.stderr
    assert "skipped: another run of bulk is in progress" in second.stderr
    assert hits == [1] * ARTICLES
    assert_second_skipped(db)


@pytest.mark.slow
def test_a_run_through_a_hard_link_finds_the_source_held(tmp_path: Path) -> None:
    """Two hard links of one file are two names with no link between them: each had its
    own `<name>.locks/` folder, so a run given either one ran beside a run given the
    other (ops37: both fetched every article). The source's lock is now also keyed by
    the file's device and inode, in this user's state folder."""
    from warehouse import open_warehouse

    db = tmp_path / "data" / "pressroom.duckdb"
    db.parent.mkdir()
    open_warehouse(db).close()  # a hard link needs the file
    other = tmp_path / "elsewhere" / "copy.duckdb"
    other.parent.mkdir()
    os.link(db, other)
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PRESSROOM_STATE_DIR": str(tmp_path / "state")}
    first, err, second, hits = run_beside(db, other, tmp_path / "bulk.toml", env)
    assert first.returncode == 0, err
    assert second.returncode == 0, second.stderr
    assert f"skipped: another run of bulk is in progress (pid {first.pid})" in second.stderr
    assert hits == [1] * ARTICLES
    assert_second_skipped(db)
