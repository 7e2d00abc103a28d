"""The extraction benchmark runs end to end on a few dev pages (a smoke test, no timing)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_benchmark_prints_both_rows_and_the_speed_ratio(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "extraction.py"), "--set", "dev", "--limit", "3",
         "--rounds", "2", "--memory-pages", "1", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    for name in ("pressroom", "trafilatura"):
        assert re.search(rf"^\| {name} \| [01]\.\d{{3}} \|.* \| \d+/3 \|", done.stdout, re.M)
        assert (tmp_path / "dev" / f"{name}_worst_body.jsonl").exists()
    for clock in ("CPU time", "wall-clock"):
        assert re.search(
            rf"speed \({clock}\), .* per round: [\d.]+x, [\d.]+x; median [\d.]+x", done.stdout
        )


def test_benchmark_refuses_zero_rounds(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "extraction.py"), "--rounds", "0",
         "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 2
    assert "--rounds must be at least 1" in done.stderr
