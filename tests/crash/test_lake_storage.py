"""The lake's data folder stops taking writes mid-run (full, or remounted read-only):
the run fails in one line, its batch is staged, and a run after the folder takes
writes again merges it (nothing lost, nothing twice, nothing fetched again).

Real parts: ``pressroom ingest --no-prefect`` subprocesses, the bulk press site on
loopback, a DuckLake catalog on a throwaway PostgreSQL, and a small tmpfs mounted
for the test as the data folder (we run as root, so file modes refuse nothing:
the folder is really filled up, or really remounted read-only).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from flows.pipeline import BATCH_ARTICLES
from tests.crash.bulk_site import BulkSite
from tests.crash.test_lake_outage import (
    ARTICLES,
    DEADLINE,
    GATE,
    _audit,
    _error_lines,
    _fetched_once,
    _ingest,
    _spooled,
)
from tests.lakepg import running_postgres
from warehouse.lake import parse_target
from warehouse.lake_read import connect_read_only


@contextmanager
def tmpfs(mount: Path, size: str = "256m") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``mount`` for the test, unmounted after it.

    Room enough that only the filler fills it: at 16 MB, in one full-suite run, the
    filler could not even be created, the folder being full already.
    """
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:  # never skipped: the test needs root and mount(8)
        pytest.fail(f"cannot mount a tmpfs for the data folder: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _refuse_writes(mount: Path, how: str) -> None:
    if how == "full":
        try:
            with (mount / "filler").open("wb") as filler:
                while True:
                    filler.write(b"\0" * 65536)
                    filler.flush()
        except OSError:  # ENOSPC: the folder is full (already, in one full-suite run)
            pass
    else:
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)


def _take_writes_again(mount: Path, how: str) -> None:
    if how == "full":
        (mount / "filler").unlink(missing_ok=True)
        # Whatever filled the folder before the filler (the run's own files) must
        # not keep it full: the next run needs room.
        assert shutil.disk_usage(mount).free > 1 << 20, os.listdir(mount)
    else:
        subprocess.run(["mount", "-o", "remount,rw", str(mount)], check=True)


@pytest.mark.parametrize("how", ["full", "read-only"])
def test_a_data_folder_that_stops_taking_writes_stages_the_batch_for_the_next_run(
    tmp_path: Path, how: str,
) -> None:
    assert shutil.which("mount"), "mount(8) is needed"
    state = tmp_path / "state"
    env = {**os.environ, "PRESSROOM_STATE_DIR": str(state)}
    with (tmpfs(tmp_path / "mnt") as mount, running_postgres() as pg,
          BulkSite(ARTICLES, gate_after=GATE) as site):
        data = str(mount / "lake")
        lake = pg.new_catalog()
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(timeout=120.0), encoding="utf-8")
        log = tmp_path / "run.log"
        with log.open("w") as err:
            proc = subprocess.Popen(_ingest(sources, lake, data), env=env,
                                    stdout=subprocess.DEVNULL, stderr=err, text=True)
        try:
            assert site.wait_served(GATE, timeout=DEADLINE), "the run never reached the gate"
            # The first batch is in the lake's files; the rest waits at the gate.
            reader = connect_read_only(parse_target(lake, data))
            waited = 0.0
            while (waited < DEADLINE and proc.poll() is None and reader.execute(
                    "SELECT count(*) FROM articles").fetchone() != (BATCH_ARTICLES,)):
                try:
                    proc.wait(timeout=0.5)
                except subprocess.TimeoutExpired:
                    waited += 0.5
            reader.close()
            assert proc.poll() is None, log.read_text()[-2000:]
            _refuse_writes(mount, how)
            site.open_gate()
            proc.wait(timeout=DEADLINE)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        stderr = log.read_text()
        assert proc.returncode == 1, stderr[-3000:]
        assert "Traceback" not in stderr, stderr[-3000:]
        (line,) = _error_lines(stderr)
        reason = "No space left on device" if how == "full" else "Read-only file system"
        assert "DuckLake ducklake:postgres:dbname=" in line and "cannot write its files" in line
        assert reason in line and "2 batches are staged in" in line, line
        assert len(_spooled(state)) == 2  # the last 60 articles, then the run's row (z40c)

        _take_writes_again(mount, how)
        final = subprocess.run(_ingest(sources, lake, data), env=env, capture_output=True,
                               text=True, timeout=300, check=False)
        assert final.returncode == 0, final.stderr[-3000:]
        figures = _audit(lake, data, site)
    assert (figures.stored, figures.lost, figures.duplicates) == (ARTICLES, 0, 0)
    assert (figures.orphan_versions, figures.states_without_version) == (0, 0)
    # The cut-off run's row was staged after its batch and closed by the merge (z40c).
    assert (figures.crashed_runs, figures.running_runs) == (0, 0)
    assert _spooled(state) == []
    assert _fetched_once(site), "the next run fetched staged articles again"
