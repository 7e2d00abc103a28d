"""c55 (leftovers of u55's and k55a's reviews): bad input gets one clear line, loses nothing.

- ``PRESSROOM_STATE_DIR=' '`` and ``PRESSROOM_INDEX=' '`` (blank, not empty: an empty one is
  read as unset) were taken for a path named by white space; k55a refused such a
  ``PRESSROOM_DB``, ``PRESSROOM_SOURCES``, ``PRESSROOM_DATA_PATH``. Now every path variable
  the command line reads is checked by one rule (``home_path``), a usage error naming it.
- A control character in a path echoed by an error line (``--db $'a\\x1b[2J'``) was printed
  raw: an escape sequence cleared the screen, a ``\\r`` became a space, a tab showed as
  white space. Error lines now print it escaped, as Python's repr does (``\\x1b``).

Real CLI subprocesses; nothing is written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import run_cli


@pytest.mark.parametrize(("variable", "command"), [
    ("PRESSROOM_STATE_DIR", ("status",)),
    ("PRESSROOM_STATE_DIR", ("health",)),
    ("PRESSROOM_STATE_DIR", ("ingest", "--no-prefect")),
    ("PRESSROOM_INDEX", ("search", "x")),
    ("PRESSROOM_INDEX", ("index",)),
])
@pytest.mark.parametrize("value", [" ", "\t \n"])
def test_a_blank_path_variable_is_a_usage_error_naming_it(
        tmp_path: Path, variable: str, command: tuple[str, ...], value: str) -> None:
    done = run_cli(*command, "--db", str(tmp_path / "w.duckdb"), env={variable: value},
                   cwd=tmp_path)
    err = done.stderr
    assert done.returncode == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert f"{variable} is empty; set {variable} to a path (or unset it)" in err, err
    assert list(tmp_path.iterdir()) == []


def test_an_empty_state_or_index_variable_is_still_read_as_unset(tmp_path: Path) -> None:
    done = run_cli("status", "--db", str(tmp_path / "w.duckdb"),
                   env={"PRESSROOM_STATE_DIR": "", "PRESSROOM_INDEX": ""}, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "does not exist" in done.stderr and "PRESSROOM_" not in done.stderr


@pytest.mark.parametrize("option", ["--db", "--sources"])
@pytest.mark.parametrize(("raw", "shown"), [
    ("\x1b[2J", "\\x1b[2J"), ("\r", "\\r"), ("\t", "\\t"),
    ("\u202e", "\\u202e"), ("\x7f", "\\x7f"),
])
def test_a_control_character_in_an_echoed_path_is_printed_escaped(
        tmp_path: Path, option: str, raw: str, shown: str) -> None:
    command = ("status",) if option == "--db" else ("ingest", "--no-prefect")
    done = run_cli(*command, option, f"a{raw}b", cwd=tmp_path)
    err = done.stderr
    assert done.returncode in (1, 2), err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert f"a{shown}b" in err, err
    assert not any(c < " " or "\x7f" <= c <= "\x9f" for c in err.rstrip("\n")), repr(err)
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_option_with_an_escape_is_printed_escaped(tmp_path: Path) -> None:
    done = run_cli("status", "--\x1b[2J", cwd=tmp_path)
    err = done.stderr
    assert done.returncode == 2, err
    assert "no option --\\x1b[2J;" in err and "\x1b" not in err, repr(err)


def test_a_line_break_of_a_foreign_message_is_still_a_space() -> None:
    from pressroom.errors import single_line

    assert single_line("failed. \nCheckpoint failed\r\n") == "failed. Checkpoint failed"
    assert single_line("a\x1b[2Jb\tc\rd") == "a\\x1b[2Jb\\tc\\rd"
