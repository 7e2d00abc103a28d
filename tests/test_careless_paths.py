"""A careless user's paths are one error line, never a traceback or the OOM killer (k49a).

README: "Errors are one line and a non-zero exit: bad config, ...". A ``--db`` or
``--sources`` whose name is too long for the file system (a pasted URL, a doubled
path) ended every command in an ``OSError: [Errno 36] File name too long`` traceback;
``--sources /dev/zero`` (or any endless stream) was read whole, growing the process
to 23 GB until the kernel's OOM killer took it. Real CLI subprocesses.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

LONG = "x" * 300  # over NAME_MAX (255) on every Linux file system
COMMANDS = [
    ("ingest", "--no-prefect"), ("reparse", "--no-prefect"), ("status",), ("health",),
    ("sql", "SELECT 1"), ("search", "harbour"), ("stories",), ("index",),
    ("export", "--out", "exported"),
]
MEMORY_CAP = 2 << 30  # a run that reads an endless file fails here, not in the OOM killer


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pressroom", *args], capture_output=True, text=True,
        cwd=tmp_path, timeout=180, preexec_fn=_capped, check=False,
        env={**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"})


def _one_line(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 1, done.stderr[-2000:]
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pressroom: error: "), done.stderr
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    path = tmp_path / "s.toml"
    path.write_text('[[source]]\nname = "a"\nfeeds = ["http://127.0.0.1:9/rss"]\n'
                    "allow_private_network = true\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_warehouse_name_too_long_is_one_line(tmp_path: Path, sources: Path,
                                               command: tuple[str, ...]) -> None:
    extra = ("--sources", str(sources)) if command[0] in ("ingest", "reparse") else ()
    done = _run(tmp_path, *command, *extra, "--db", f"{LONG}.duckdb")
    _one_line(done, "File name too long")
    assert not list(tmp_path.glob("x*")), "nothing made under the name"


@pytest.mark.parametrize("command", [("ingest", "--no-prefect"), ("sources",)],
                         ids=lambda c: c[0])
def test_a_sources_name_too_long_is_one_line(tmp_path: Path, command: tuple[str, ...]) -> None:
    # No --db: the sources file is read for its [warehouse] table first.
    done = _run(tmp_path, *command, "--sources", f"{LONG}.toml")
    _one_line(done, "sources file", "File name too long")
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("command", [("ingest", "--no-prefect"), ("sources",)],
                         ids=lambda c: c[0])
def test_an_endless_sources_file_is_one_line(tmp_path: Path, command: tuple[str, ...]) -> None:
    db = ("--db", "w.duckdb") if command[0] == "ingest" else ()
    done = _run(tmp_path, *command, "--sources", "/dev/zero", *db)
    _one_line(done, "/dev/zero", "not a sources file")
    assert not (tmp_path / "w.duckdb").exists()
