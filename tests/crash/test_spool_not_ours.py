"""A spool this user cannot read or change is one error line, and loses nothing (k49a).

README: "Errors are one line and a non-zero exit", and "A locked database loses nothing":
staged batches are merged by the next run. A run under ``sudo`` (or another user's run
on a shared folder) stages batches and leaves ``<db>.spool/`` or a batch in it that the
service user cannot read or change. Each next run of that user ended in a
``PermissionError`` traceback. Now: one ``pressroom: error:`` line naming the spool,
exit 1, nothing fetched and the batches left in place; once the owner gives them back,
the next run merges them and every article is stored once.

Real CLI subprocesses on a real DuckDB file and a loopback site. Run as root (as here),
the runs drop the capabilities that let root past file modes (``setpriv``), so the modes
below bite as they would for a service user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flows.spool import Spool
from tests.crash.bulk_site import BulkSite
from tests.crash.test_lock import release, start_holder, stored

ENV = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
SETPRIV = shutil.which("setpriv")
NO_DAC = ["--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]

pytestmark = pytest.mark.skipif(
    os.geteuid() == 0 and SETPRIV is None, reason="root needs setpriv to feel file modes")


def _ingest(sources: Path, db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "pressroom", "ingest", "--no-prefect",
           "--sources", str(sources), "--db", str(db), *extra]
    if os.geteuid() == 0:
        assert SETPRIV is not None
        cmd = [SETPRIV, *NO_DAC, *cmd]
    return subprocess.run(cmd, env=ENV, capture_output=True, text=True, timeout=180,
                          check=False)


def _versions(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT count(*) FROM article_versions").fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0])


def _first_file(spool: Path) -> Path:
    return sorted(p for p in spool.iterdir() if p.is_file())[0]


# (what is taken away, from what): a batch it cannot read; a spool it cannot list;
# a spool it can read but not change (the merged batch could not be removed).
CASES = {
    "batch-unreadable": (lambda spool: _first_file(spool), 0o000),
    "spool-unlistable": (lambda spool: spool, 0o300),
    "spool-unwritable": (lambda spool: spool, 0o500),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
def test_a_spool_not_ours_is_one_line_and_merged_once_given_back(
        tmp_path: Path, case: str) -> None:
    db = tmp_path / "w.duckdb"
    with BulkSite(30) as site:
        sources = tmp_path / "s.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        first = _ingest(sources, db)
        assert first.returncode == 0, first.stderr[-2000:]
        site.grow(30)
        holder = start_holder(db)  # the file held: the run stages its batches
        try:
            staged = _ingest(sources, db, "--lock-timeout", "0")
        finally:
            release(holder)
        assert staged.returncode == 1 and "staged" in staged.stderr, staged.stderr[-2000:]
        spool = Spool(db)
        waiting = spool.pending()
        assert waiting
        pick, mode = CASES[case]
        target = pick(spool.dir)
        before = os.stat(target).st_mode & 0o7777
        os.chmod(target, mode)
        try:
            refused = _ingest(sources, db)
        finally:
            os.chmod(target, before)
        assert "Traceback" not in refused.stderr, refused.stderr[-3000:]
        assert refused.returncode == 1, refused.stderr[-2000:]
        errors = [ln for ln in refused.stderr.splitlines() if ln.startswith("pressroom: error:")]
        assert len(errors) == 1 and "spool" in errors[0], refused.stderr[-2000:]
        assert spool.pending(), "the batches wait for the next run"
        # Given back: the next run merges them, every article once.
        again = _ingest(sources, db)
        assert again.returncode == 0, again.stderr[-2000:]
    assert not spool.pending()
    assert stored(db) == (60, 60)
    assert _versions(db) == 60


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason="giving the key folder away needs root")
def test_a_spool_key_folder_of_another_user_is_one_line(tmp_path: Path) -> None:
    """``<db>.spool-key/`` made by a run under sudo (another owner, 0500): every run
    merges at its start, and read the key through a folder it cannot search."""
    db = tmp_path / "w.duckdb"
    with BulkSite(10) as site:
        sources = tmp_path / "s.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        assert _ingest(sources, db).returncode == 0
        key_dir = Spool(db).key_dir
        for path in (key_dir, key_dir / "key"):
            os.chown(path, 65534, 65534, follow_symlinks=False)
        try:
            refused = _ingest(sources, db)
        finally:
            for path in (key_dir, key_dir / "key"):
                os.chown(path, 0, 0, follow_symlinks=False)
        assert "Traceback" not in refused.stderr, refused.stderr[-3000:]
        assert refused.returncode == 1
        errors = [ln for ln in refused.stderr.splitlines() if ln.startswith("pressroom: error:")]
        assert len(errors) == 1 and "spool key" in errors[0], refused.stderr[-2000:]
        again = _ingest(sources, db)
        assert again.returncode == 0, again.stderr[-2000:]
    assert stored(db) == (10, 10)
