"""A search index path that is no regular file (a named pipe) is passed over with one
warning, as a missing index is (k42, README read as a careless user). `index --index`
refused it already; `search --index PIPE` and `sql` beside a pipe at the index's default
path (`<db stem>.search.duckdb`) ATTACHed it, and DuckDB's open of a pipe waited for a
writer for ever: the command hung with no word (as `--db` a pipe did before k37b).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.analyst.conftest import article, write
from tests.cli_run import run_cli

LIMIT = 60.0  # seconds: each command takes 1-3 here; a hang is a failure, not a wait


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    try:
        return run_cli(*args, timeout=LIMIT)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"pressroom {' '.join(args)} hung on a pipe") from None


def test_a_pipe_for_the_search_index_is_passed_over_with_one_warning(tmp_path: Path) -> None:
    db = tmp_path / "pressroom.duckdb"
    write(db, [article("walrus", "Walrus census begins", "The walrus census begins.")])
    pipe = tmp_path / "pipe.duckdb"
    os.mkfifo(pipe)
    found = _run("search", "walrus", "--db", str(db), "--index", str(pipe), "--format", "json")
    assert found.returncode == 0, found.stderr
    assert '"Walrus census begins"' in found.stdout
    assert f"search index {pipe} is not a regular file" in found.stderr

    os.mkfifo(tmp_path / "pressroom.search.duckdb")  # the default path beside the file
    asked = _run("sql", "--db", str(db), "SELECT count(*) AS n FROM articles", "--format", "csv")
    assert asked.returncode == 0, asked.stderr
    assert asked.stdout.splitlines() == ["n", "1"]
    assert "not attached: not a regular file" in asked.stderr
