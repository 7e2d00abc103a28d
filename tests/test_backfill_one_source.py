"""`pressroom backfill` walks one source (README, "backfill --source"); `ingest`'s
`--source` is repeatable, so a user may well give backfill two. The second must not
silently replace the first: argparse kept the last, so `--source belta --source
fixture` backfilled fixture alone and exited 0, belta's history never walked and no
word said (k35b). Now a usage error (exit 2) naming both, before anything runs;
`reparse --source` the same.

Real parts: `python -m pressroom` subprocesses, the loopback press site's sources file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.site import PressSite
from tests.site.sources import write_sources_toml


@pytest.mark.parametrize("command", [("backfill", "--since", "2019-01-01"), ("reparse",)])
def test_a_second_source_is_a_usage_error_not_a_silent_swap(
        command: tuple[str, ...], press_site: PressSite, tmp_path: Path) -> None:
    sources = write_sources_toml(press_site, tmp_path / "s.toml")  # belta and fixture
    db = tmp_path / "p.duckdb"
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    proc = subprocess.run(
        [sys.executable, "-m", "pressroom", command[0], "--no-prefect", "--sources", str(sources),
         "--db", str(db), "--source", "belta", "--source", "fixture", *command[1:]],
        env=env, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1, proc.stderr
    assert "--source" in errors[0] and "belta" in errors[0] and "fixture" in errors[0], errors
    assert not db.exists()  # nothing ran
