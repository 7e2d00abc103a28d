"""q54: a bad ``--parse-workers`` (or a path option naming no home folder) is a usage
error like every other: one line, exit 2, ending ``(see pressroom ingest --help)``.

Before: ``pressroom ingest --parse-workers x`` said ``pressroom: error: --parse-workers
must be ...`` with no command name and no pointer to ``--help``; ``--db '~nobody/x'``
named the command but left the pointer off too. Real parts: CLI subprocesses."""

from __future__ import annotations

import pwd
from pathlib import Path

import pytest

from tests.cli_run import run_cli


def _nobody() -> str:
    """A ``~user`` that names no home folder on this machine."""
    name = "q54-no-such-user"
    with pytest.raises(KeyError):
        pwd.getpwnam(name)
    return f"~{name}"


@pytest.mark.parametrize("value", ["x", "0", "65"])
def test_a_bad_parse_workers_ends_as_every_usage_error(tmp_path: Path, value: str) -> None:
    db = tmp_path / "w.duckdb"
    done = run_cli("ingest", "--no-prefect", "--db", str(db), "--parse-workers", value)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(
        "pressroom ingest: error: --parse-workers must be a whole number"), done.stderr
    assert done.stderr.endswith(f"not {value!r} (see pressroom ingest --help)\n"), done.stderr
    assert not db.exists()


def test_a_path_option_naming_no_home_ends_as_every_usage_error(tmp_path: Path) -> None:
    done = run_cli("status", "--db", f"{_nobody()}/w.duckdb", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("pressroom status: error: --db '"), done.stderr
    assert done.stderr.endswith(" (see pressroom status --help)\n"), done.stderr
