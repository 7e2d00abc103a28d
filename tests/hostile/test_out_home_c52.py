"""c52: ``--out '~/x'`` (quoted, so no shell expanded it) made a folder literally named
``~`` in the working directory (k51c's leftover). ``export`` and ``report`` now expand a
leading ``~`` or ``~user`` as the shell would (``os.path.expanduser``); a ``~user`` with
no home folder is refused in one line, exit 2, nothing written. A ``~`` inside a path is
a name like any other, as in the shell. Real CLI subprocesses, ``HOME`` a temporary
folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from warehouse import open_warehouse


def _pressroom(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "pressroom", *args], capture_output=True,
                          text=True, timeout=300, env=env, cwd=cwd, check=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "x.duckdb"
    with open_warehouse(path, stories=False, story_sidecar=False):
        pass
    return path


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    cwd, home = tmp_path / "work", tmp_path / "home"
    cwd.mkdir()
    home.mkdir()
    return cwd, home


def test_export_out_under_a_quoted_tilde_is_written_in_home(
        db: Path, dirs: tuple[Path, Path]) -> None:
    cwd, home = dirs
    done = _pressroom("export", "--out", "~/exports", "--db", str(db), cwd=cwd, home=home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (home / "exports").is_dir()
    assert f"under {home / 'exports'}" in done.stdout, done.stdout
    assert list(cwd.iterdir()) == []  # no folder named '~'


def test_report_out_under_a_quoted_tilde_is_written_in_home(
        db: Path, dirs: tuple[Path, Path]) -> None:
    cwd, home = dirs
    done = _pressroom("report", "--out", "~/r/report.html", "--db", str(db), cwd=cwd,
                      home=home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (home / "r" / "report.html").is_file()
    assert done.stdout == f"wrote {home / 'r' / 'report.html'}\n"
    assert list(cwd.iterdir()) == []


@pytest.mark.parametrize("command", ["export", "report"])
def test_a_tilde_user_with_no_home_is_one_line_and_writes_nothing(
        db: Path, dirs: tuple[Path, Path], command: str) -> None:
    cwd, home = dirs
    out = "~no-such-user-c52/x"
    done = _pressroom(command, "--out", out, "--db", str(db), cwd=cwd, home=home)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.splitlines() == [
        f"pressroom {command}: error: --out {out!r} begins with ~no-such-user-c52, which "
        f"names no home folder; name the {'folder' if command == 'export' else 'HTML file'}"
        f" to write (see pressroom {command} --help)"]
    assert list(cwd.iterdir()) == [] and list(home.iterdir()) == []


def test_a_tilde_inside_a_path_is_a_name(db: Path, dirs: tuple[Path, Path]) -> None:
    cwd, home = dirs
    done = _pressroom("export", "--out", "a/~/b", "--db", str(db), cwd=cwd, home=home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (cwd / "a" / "~" / "b").is_dir() and list(home.iterdir()) == []
