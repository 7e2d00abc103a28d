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
import pytest

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


NO_SUCH_PID = 4_194_999  # above Linux's largest pid_max: never a running process


def test_a_planted_dead_looking_staging_folder_puts_no_symlink_into_articles(
        db: Path, tmp_path: Path) -> None:
    # A lockless ".staging-<pid>" of a pid not running reads as a killed export's, and
    # its replaced months are put back into articles/. One planted by another user of
    # a shared output folder with a symlink there must not put that link in
    # articles/, where every reader of the export would follow it.
    out = tmp_path / "out"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "part-0.parquet").write_text("not an export", encoding="utf-8")
    planted = out / f"{PREFIX}{NO_SUCH_PID}" / "replaced" / "source=belta" / "month=1999-01"
    planted.parent.mkdir(parents=True)
    planted.symlink_to(elsewhere, target_is_directory=True)

    export_articles(db, out)

    assert not (out / "articles" / "source=belta" / "month=1999-01").exists()
    assert (elsewhere / "part-0.parquet").read_text(encoding="utf-8") == "not an export"
    assert _parquet_rows(out) == 5


def test_a_staging_folder_of_another_user_is_left_alone(db: Path, tmp_path: Path) -> None:
    if os.getuid() != 0:
        pytest.skip("needs root to make a folder another user owns")
    out = tmp_path / "out"
    theirs = out / f"{PREFIX}{NO_SUCH_PID}"
    month = theirs / "replaced" / "source=belta" / "month=1999-01"
    month.mkdir(parents=True)
    (month / "part-0.parquet").write_text("theirs", encoding="utf-8")
    for path in (theirs, theirs / "replaced", month.parent, month, month / "part-0.parquet"):
        os.chown(path, 65534, 65534)

    export_articles(db, out)

    assert (month / "part-0.parquet").read_text(encoding="utf-8") == "theirs"
    assert not (out / "articles" / "source=belta" / "month=1999-01").exists()
