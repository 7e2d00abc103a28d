"""SIGKILL during a compaction of article_versions loses no row and leaves the
search index correct (issue 15: the index's watermark is the write sequence,
which a rewrite keeps)."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import duckdb

from tests.warehouse.whtest import T0, make_article, make_batch
from warehouse import open_warehouse
from warehouse.compaction import MAX_TAIL, TABLES
from warehouse.connection import BATCH_SETTINGS
from warehouse.search import search
from warehouse.search_index import build_index, index_path_for

ROOT = Path(__file__).resolve().parents[2]
SESSIONS = MAX_TAIL + 4
# Before each statement of the merge, and after its commit before the closing checkpoint.
POINTS = ("CREATE", "DELETE", "INSERT", "DROP", "COMMIT", "after")


def _rows(db: Path) -> dict[str, list[str]]:
    """Every row of every compacted table (as text, sorted), article_versions in seq order."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = {t: sorted(str(r) for r in con.execute(f"SELECT * FROM {t}").fetchall())
                for t in TABLES}
        rows["article_versions by seq"] = [str(r) for r in con.execute(
            "SELECT * FROM article_versions ORDER BY seq").fetchall()]
    return rows


def _found(db: Path) -> tuple[list[tuple[str, float, bool]], int, str | None]:
    result = search(db, "release", limit=100)
    return ([(h.url, round(h.score, 9), h.indexed) for h in result.hits], result.tail_rows,
            result.warning)


def _copy(db: Path, to: Path) -> None:
    shutil.copy(db, to)
    shutil.copy(index_path_for(db), index_path_for(to))


def _killed_at(db: Path, point: str) -> None:
    """Compact ``db`` in a child process and SIGKILL it at ``point``."""
    proc = subprocess.Popen([sys.executable, "-m", "tests.crash.compaction_child", str(db), point],
                            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if line.strip() != "stopped":
        proc.kill()
        raise AssertionError(f"child did not reach {point}: {line}{proc.communicate()[1]}")
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL


def test_a_kill_during_a_compaction_of_article_versions_keeps_rows_and_search(
        tmp_path: Path) -> None:
    base = tmp_path / "base.duckdb"
    for n in range(SESSIONS):  # a row group per session in each table
        with open_warehouse(base, settings=BATCH_SETTINGS) as wh:
            wh.write_batch(make_batch(make_article(2 * n), make_article(2 * n + 1),
                                      run_id=f"run-{n}", at=T0 + timedelta(minutes=15 * n)))
    build_index(base)
    rows, found = _rows(base), _found(base)
    assert len(found[0]) == 2 * SESSIONS and found[1:] == (0, None)
    for point in POINTS:
        db = tmp_path / f"{point}.duckdb"
        _copy(base, db)
        _killed_at(db, point)
        # Read-only first: the WAL a kill after the commit left is replayed, not checkpointed.
        assert _found(db) == found, point
        assert _rows(db) == rows, point
        with open_warehouse(db, settings=BATCH_SETTINGS) as wh:  # replays and checkpoints
            assert wh.integrity_problems() == [], point
            wh.compact_tails()  # what the kill interrupted, if anything
        assert _rows(db) == rows, point
        assert _found(db) == found, point
        with duckdb.connect(str(db), read_only=True) as con:
            groups = con.execute("SELECT count(DISTINCT row_group_id) FROM "
                                 "pragma_storage_info('article_versions')").fetchone()
        assert groups == (1,), (point, groups)
