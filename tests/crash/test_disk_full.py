"""An unlucky night: the disk holding a DuckDB warehouse fills up in the middle of
an ingest (a real tmpfs, filled while the run fetches). README: "Nothing lost,
nothing doubled", "Errors are one line and a non-zero exit". The run ends with one
error line and exit 1; once there is room again the next run stores every article
exactly once and the integrity checks pass. (A full folder before the run:
tests/test_first_runs.py; a lake's data folder: test_lake_storage.py.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.crash.bulk_site import BulkSite
from tests.crash.test_lake_storage import tmpfs
from tests.test_full_folder import _fill
from warehouse import open_warehouse

ARTICLES = 300
HELD_AFTER = 100  # article responses after this many wait until the disk is full


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "pressroom", *args]


@pytest.mark.slow
def test_a_disk_filling_mid_run_loses_nothing_and_doubles_nothing(tmp_path: Path) -> None:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    with tmpfs(tmp_path / "mnt", size="64m") as folder, \
            BulkSite(ARTICLES, gate_after=HELD_AFTER) as site:
        db = folder / "w.duckdb"
        with open_warehouse(db):
            pass
        sources = tmp_path / "s.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        ingest = _cli("ingest", "--no-prefect", "--sources", str(sources), "--db", str(db),
                      "--parse-workers", "1", "--lock-timeout", "2")
        proc = subprocess.Popen(ingest, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=env)
        try:
            assert site.wait_served(HELD_AFTER, timeout=180), proc.stderr
            _fill(folder)
            site.open_gate()
            _, err = proc.communicate(timeout=300)
        finally:
            proc.kill()
        assert proc.returncode == 1, err
        assert "Traceback" not in err and "terminate called" not in err, err
        last = err.splitlines()[-1]
        assert last.startswith("pressroom: error: ") and "No space left on device" in last, err
        (folder / "filler").unlink()  # room again
        again = subprocess.run(ingest, capture_output=True, text=True, env=env, timeout=300,
                               check=False)
        assert again.returncode == 0, again.stderr
        count = subprocess.run(
            _cli("sql", "SELECT count(*), count(DISTINCT url), (SELECT count(*) FROM "
                 "article_versions) FROM articles", "--db", str(db), "--format", "csv"),
            capture_output=True, text=True, env=env, timeout=120, check=False)
        health = subprocess.run(_cli("health", "--db", str(db)), capture_output=True,
                                text=True, env=env, timeout=120, check=False)
    assert count.stdout.splitlines()[1:] == [f"{ARTICLES},{ARTICLES},{ARTICLES}"], count
    assert health.returncode == 0 and "integrity" not in health.stderr, health.stderr
