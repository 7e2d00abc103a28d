"""h56: an empty ``PRESSROOM_SOURCES`` is refused by every command that reads it.

k55a made ``PRESSROOM_SOURCES=''`` a usage error naming the variable for ``ingest`` and
``sources`` (``Path('')`` is ``.``), but the commands that read the file only for its
``[warehouse]`` table (``export``, ``report``, ``status``, ``sql``: no ``--db`` given) took
the empty value as unset and read ``sources.toml``: one variable, two meanings. Each now
refuses it as ingest does (exit 2, one line naming it); a ``--db`` given, which reads no
sources file, still overrides it. Real CLI subprocesses; nothing is written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import run_cli


@pytest.mark.parametrize("command", [
    ("export", "--out", "out"),
    ("report", "--out", "r.html"),
    ("status",),
    ("sql", "SELECT 1"),
])
def test_an_empty_sources_variable_is_refused_where_it_is_read(
        tmp_path: Path, command: tuple[str, ...]) -> None:
    done = run_cli(*command, env={"PRESSROOM_SOURCES": ""}, unset=("PRESSROOM_DB",),
                   cwd=tmp_path)
    err = done.stderr
    assert done.returncode == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert "PRESSROOM_SOURCES is empty; set PRESSROOM_SOURCES to a path (or unset it)" in err, err
    assert err.endswith(f" (see pressroom {command[0]} --help)\n"), err
    assert list(tmp_path.iterdir()) == []


def test_a_db_given_reads_no_sources_file_and_overrides_it(tmp_path: Path) -> None:
    done = run_cli("status", "--db", str(tmp_path / "w.duckdb"),
                   env={"PRESSROOM_SOURCES": ""}, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "does not exist" in done.stderr and "PRESSROOM_SOURCES" not in done.stderr
