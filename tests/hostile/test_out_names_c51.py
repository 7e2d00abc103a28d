"""c51: ``--out`` that names nothing meant is refused in one line, exit 2, as f50 refused
``--out ''``: ``export --out ' . '`` made a folder named `` . `` (k50a's leftover), and a
name with white space at either end or made only of dots (``...``) is no folder anyone
asked for. ``.``, ``..``, a trailing slash and a space inside a name still work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from warehouse import open_warehouse

ENV = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


def _pressroom(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pressroom", *args], capture_output=True,
                          text=True, timeout=300, env=ENV, cwd=cwd, check=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "x.duckdb"
    with open_warehouse(path, stories=False, story_sidecar=False):
        pass
    return path


@pytest.mark.parametrize("out", [" . ", " .", ". ", "exports ", " exports", "a/ b /c",
                                 "...", "a/.../b", "\t.\n"])
@pytest.mark.parametrize("command", ["export", "report"])
def test_an_out_that_names_nothing_meant_is_one_line_and_writes_nothing(
        tmp_path: Path, db: Path, command: str, out: str) -> None:
    before = sorted(tmp_path.rglob("*"))
    done = _pressroom(command, "--out", out, "--db", str(db), cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(
        f"pressroom {command}: error: --out {out!r} has a name "), done.stderr
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize("out", ["my exports/", "./x", "../out/x"])
def test_real_names_still_export(tmp_path: Path, db: Path, out: str) -> None:
    cwd = tmp_path / "work"
    cwd.mkdir()
    done = _pressroom("export", "--out", out, "--db", str(db), cwd=cwd)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (cwd / out).is_dir()


def test_a_report_named_with_a_space_inside_is_written(tmp_path: Path, db: Path) -> None:
    done = _pressroom("report", "--out", "my report.html", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "my report.html").is_file()
