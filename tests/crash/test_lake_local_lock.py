"""A DuckLake whose catalog is a local file (``ducklake:FILE``, README "catalog in a local
file, no server") held by another process: DuckDB lets one process at a time write that
file, so a second run used to fail to attach and fetched nothing. It is a locked
warehouse, as a locked DuckDB file is: the run fetches, stages its batches, says so in
one line (exit 1), and the next run merges them (nothing lost, nothing twice).

Real parts: ``pressroom ingest --no-prefect`` subprocesses, the loopback press site, a
local-file DuckLake, and the catalog file held open for writing by this test process
the way another run holds it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb

from tests.site import PressSite
from tests.site import manifest as model
from tests.site.sources import write_sources_toml
from warehouse.lake import parse_target
from warehouse.lake_read import connect_read_only


def _ingest(sources: Path, lake: str, data: Path, state: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PRESSROOM_STATE_DIR": str(state)}
    return subprocess.run([sys.executable, "-m", "pressroom", "ingest", "--no-prefect",
                           "--sources", str(sources), "--db", lake, "--data-path", str(data),
                           "--lock-timeout", "1"],
                          env=env, capture_output=True, text=True, timeout=180, check=False)


def _stored(lake: str, data: Path) -> tuple[int, int]:
    con = connect_read_only(parse_target(lake, str(data)))
    try:
        row = con.execute("SELECT count(*), count(DISTINCT url) FROM articles "
                          "WHERE source = 'belta'").fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0]), int(row[1])


def test_a_locked_local_catalog_stages_and_the_next_run_merges(
        press_site: PressSite, tmp_path: Path) -> None:
    catalog, data, state = tmp_path / "meta.ducklake", tmp_path / "lake", tmp_path / "state"
    lake = f"ducklake:{catalog}"
    first = _ingest(write_sources_toml(press_site, tmp_path / "f.toml", names=("fixture",)),
                    lake, data, state)
    assert first.returncode in (0, 3), first.stderr  # the lake exists (fixture has failures)
    belta = write_sources_toml(press_site, tmp_path / "b.toml", names=("belta",))
    holder = duckdb.connect(str(catalog))  # another process's write lock on the catalog
    try:
        held = _ingest(belta, lake, data, state)
    finally:
        holder.close()
    assert held.returncode == 1, held.stdout + held.stderr
    assert "Traceback" not in held.stderr
    errors = [line for line in held.stderr.splitlines() if line.startswith("pressroom: error:")]
    assert len(errors) == 1, held.stderr
    assert f"the catalog file {catalog} of DuckLake {lake} is locked by another process" in (
        errors[0])
    assert "staged in" in errors[0] and "will be merged by the next run" in errors[0], errors
    assert sorted(state.rglob("*.batch")), "nothing staged"
    after = _ingest(belta, lake, data, state)
    assert after.returncode == 0, after.stderr
    expected = len(model.storable("belta"))
    assert _stored(lake, data) == (expected, expected)
    assert not [p for p in state.rglob("*.batch") if "quarantine" not in p.parts]
