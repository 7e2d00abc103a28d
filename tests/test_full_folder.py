"""A full data folder (a real tmpfs, filled): each command is one error line and
leaves nothing half-written behind (review r22 of issue 15)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.analyst.conftest import article, base_articles, write
from tests.cli_run import run_cli
from tests.crash.test_lake_storage import tmpfs

ROOM = 1048576




def _fill(folder: Path) -> None:
    """Fill ``folder``'s file system to the last page (a 64 KB remainder holds a small WAL)."""
    with (folder / "filler").open("wb", buffering=0) as filler:
        for chunk in (1 << 20, 4096, 1):
            try:
                while True:
                    filler.write(b"\0" * chunk)
            except OSError:  # ENOSPC: on to a smaller chunk
                pass


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export_into_a_full_folder_is_one_line_and_leaves_no_folder(
        tmp_path: Path, fmt: str) -> None:
    db = tmp_path / "w.duckdb"
    write(db, base_articles())
    with tmpfs(tmp_path / "mnt", size="16m") as folder:
        _fill(folder)
        proc = run_cli("export", "--db", str(db), "--out", str(folder / "out" / "deep"),
                       "--format", fmt)
        left = sorted(p.name for p in folder.iterdir())
    assert proc.returncode == 1, proc.stderr
    # Before: parquet and csv left out/deep/articles/ (empty, read as an export of
    # nothing); jsonl was an OSError traceback and left its staging folder too.
    (line,) = proc.stderr.splitlines()
    assert line.startswith("pressroom: error: export failed: "), line
    assert "No space left on device" in line
    assert left == ["filler"], left


def test_export_keeps_an_existing_out_folder(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    write(db, base_articles())
    with tmpfs(tmp_path / "mnt", size="16m") as folder:
        (folder / "out").mkdir()
        (folder / "out" / "mine.txt").write_text("the user's", encoding="utf-8")
        _fill(folder)
        proc = run_cli("export", "--db", str(db), "--out", str(folder / "out"))
        left = sorted(p.name for p in (folder / "out").iterdir())
    assert proc.returncode == 1
    assert left == ["mine.txt"], left


def test_stories_rebuild_on_a_full_disk_is_one_error_line(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "mnt", size="64m") as folder:
        db = folder / "w.duckdb"
        # Enough stories that the rebuild's commit needs room (five fit in what is left).
        write(db, [article(f"a{i}", f"Release {i}", " ".join(f"w{i}x{j}" for j in range(80)))
                   for i in range(400)])
        _fill(folder)
        proc = run_cli("stories", "--rebuild", "--db", str(db))
    assert proc.returncode == 1
    # Before: "story index ...: database or disk is full; rebuilding the stories
    # without it" came first, then the error of that rebuild.
    (line,) = proc.stderr.splitlines()
    assert line.startswith("pressroom: error: "), line
    assert "No space left on device" in line


def test_index_on_a_full_disk_is_one_error_line(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "mnt", size="16m") as folder:
        db = folder / "w.duckdb"
        write(db, [article(f"a{i}", f"Release {i}", " ".join(f"w{i}x{j}" for j in range(80)))
                   for i in range(400)])
        _fill(folder)
        # Room for the index to start (its file and first pages), not for its checkpoint.
        filler = folder / "filler"
        os.truncate(filler, filler.stat().st_size - ROOM)
        proc = run_cli("index", "--db", str(db))
        left = sorted(p.name for p in folder.iterdir())
    assert proc.returncode == 1
    # Before: DuckDB's "CHECKPOINT during DETACH failed." and "Checkpoint failed for
    # database "ix" ... No space left on device" were two lines.
    (line,) = proc.stderr.splitlines()
    assert line.startswith("pressroom: error: building search index "), line
    assert "No space left on device" in line
    assert "w.search.duckdb" not in left and not [n for n in left if ".new-" in n], left
