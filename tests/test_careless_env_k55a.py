"""k55a (review of u55): an empty path variable is refused as an empty path option is.

u55 made ``--db ''`` and ``--sources ''`` usage errors naming the option (``Path('')`` is
``.``), but left the variables their defaults come from: ``PRESSROOM_DB=''`` (or ``' '``)
still said ``warehouse . is not a file but a folder`` (or ``database   does not exist``),
``PRESSROOM_SOURCES=''`` ``cannot read sources file .``, exit 1. Each is now a usage error
naming the variable, exit 2. Real CLI subprocesses; nothing is written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import run_cli


@pytest.mark.parametrize("value", ["", " "])
@pytest.mark.parametrize(("variable", "command"), [
    ("PRESSROOM_DB", ("status",)),
    ("PRESSROOM_DB", ("sql", "SELECT 1")),
    ("PRESSROOM_DB", ("search", "x")),
    ("PRESSROOM_DB", ("ingest", "--no-prefect")),
    ("PRESSROOM_SOURCES", ("ingest", "--no-prefect")),
    ("PRESSROOM_SOURCES", ("sources",)),
])
def test_an_empty_path_variable_is_a_usage_error_naming_it(
        tmp_path: Path, variable: str, command: tuple[str, ...], value: str) -> None:
    done = run_cli(*command, env={variable: value}, cwd=tmp_path)
    err = done.stderr
    assert done.returncode == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert f"{variable} is empty; set {variable} to a path (or unset it)" in err, err
    assert err.endswith(f" (see pressroom {command[0]} --help)\n"), err
    assert list(tmp_path.iterdir()) == []


def test_an_option_given_overrides_an_empty_variable(tmp_path: Path) -> None:
    # The option is the user's word: the empty variable under it is not asked.
    done = run_cli("status", "--db", str(tmp_path / "w.duckdb"), env={"PRESSROOM_DB": ""},
                   cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "does not exist" in done.stderr and "PRESSROOM_DB" not in done.stderr
