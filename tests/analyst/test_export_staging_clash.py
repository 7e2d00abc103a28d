"""An export whose staging name ``OUT/.staging-<pid>`` is already taken by something
that is not a dead export of its own.

Two cases where that name is not this export's to clean up: a running export of the
same pid in another pid namespace (two containers sharing the output volume, each
export often pid 7 or so; its ``flock`` is held), and a symlink planted there by
another user of a shared output folder. Before k36c the export failed on its
``mkdir`` and its error path then restored from and deleted the folder it had not
made: the other export's staged months were gone mid-run, and months under a
symlink's target were moved into ``articles/``.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import duckdb

from warehouse.export import export_articles
from warehouse.export_staging import LOCK, PREFIX


def _parquet_rows(out: Path) -> int:
    con = duckdb.connect()
    try:
        row = con.execute("SELECT count(*) FROM read_parquet(?, hive_partitioning = true)",
                          [str(out / "articles" / "**" / "*.parquet")]).fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0])


def test_a_running_export_of_the_same_pid_keeps_its_staging_folder(
        db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    other = out / f"{PREFIX}{os.getpid()}"  # the other namespace's export, running
    staged = other / "new" / "source=belta" / "month=2026-03" / "part-0.parquet"
    staged.parent.mkdir(parents=True)
    staged.write_text("theirs", encoding="utf-8")
    fd = os.open(other / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        summary = export_articles(db, out)
        assert summary.rows == 5
        assert staged.read_text(encoding="utf-8") == "theirs"
    finally:
        os.close(fd)
    assert _parquet_rows(out) == 5


def test_a_symlink_planted_at_the_staging_name_is_neither_followed_nor_removed(
        db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim"
    kept = victim / "replaced" / "source=elsewhere" / "month=2020-01" / "data.txt"
    kept.parent.mkdir(parents=True)
    kept.write_text("not the export's", encoding="utf-8")
    link = out / f"{PREFIX}{os.getpid()}"
    link.symlink_to(victim, target_is_directory=True)

    summary = export_articles(db, out)

    assert summary.rows == 5
    assert kept.read_text(encoding="utf-8") == "not the export's"
    assert link.is_symlink()
    assert not (out / "articles" / "source=elsewhere").exists()
    assert _parquet_rows(out) == 5
