"""c52: an index path that came from ``PRESSROOM_INDEX`` is refused in words that name the
variable (u51's leftover). ``pressroom index`` with ``PRESSROOM_INDEX`` naming a file that
is no readable index said "choose another --index" though no ``--index`` was given; the
line now says ``set PRESSROOM_INDEX to another path (or unset it)``. ``--index`` given on
the command line wins over the variable and is named as before. Real CLI subprocesses,
real files (the neighbour: test_index_corrupt_default_u51.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.analyst.conftest import CliRunner, base_articles, write

ENV_ADVICE = "set PRESSROOM_INDEX to another path (or unset it)"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "pressroom.duckdb"
    write(path, base_articles())
    return path


@pytest.mark.parametrize("command", [("index",), ("search", "--reindex")])
def test_an_unreadable_index_from_the_environment_is_refused_naming_the_variable(
    tmp_path: Path, db: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
) -> None:
    named = tmp_path / "elsewhere.duckdb"
    named.write_bytes(bytes(300_000))
    monkeypatch.setenv("PRESSROOM_INDEX", str(named))
    proc = cli(*command, "--db", str(db))
    assert proc.returncode == 1 and proc.stdout == "", proc.stdout
    assert proc.stderr.splitlines() == [
        f"pressroom: error: cannot write search index {named}: it is not a search index "
        f"(remove it if it is a damaged index); {ENV_ADVICE}"]
    assert named.read_bytes() == bytes(300_000)  # refused, not moved aside
    assert [p.name for p in tmp_path.glob("elsewhere.duckdb*")] == ["elsewhere.duckdb"]


def test_a_warehouse_or_a_folder_from_the_environment_is_refused_naming_the_variable(
    tmp_path: Path, db: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = tmp_path / "other.duckdb"
    write(other, base_articles()[:2])
    monkeypatch.setenv("PRESSROOM_INDEX", str(other))
    proc = cli("index", "--db", str(db))
    assert (proc.returncode, proc.stderr.splitlines()) == (1, [
        f"pressroom: error: cannot write search index {other}: it is a warehouse; "
        f"{ENV_ADVICE}"])
    monkeypatch.setenv("PRESSROOM_INDEX", str(db))
    proc = cli("index", "--db", str(db))
    assert (proc.returncode, proc.stderr.splitlines()) == (1, [
        f"pressroom: error: cannot write search index {db}: it is the warehouse; "
        f"{ENV_ADVICE}"])
    monkeypatch.setenv("PRESSROOM_INDEX", str(tmp_path))
    proc = cli("index", "--db", str(db))
    assert (proc.returncode, proc.stderr.splitlines()) == (1, [
        f"pressroom: error: cannot write search index {tmp_path}: not a regular file "
        "(give PRESSROOM_INDEX a file path)"])


def test_index_given_on_the_command_line_wins_and_is_named(
    tmp_path: Path, db: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PRESSROOM_INDEX", str(tmp_path / "from-env.duckdb"))
    named = tmp_path / "named.duckdb"
    named.write_bytes(bytes(300_000))
    proc = cli("index", "--db", str(db), "--index", str(named))
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        f"pressroom: error: cannot write search index {named}: it is not a search index "
        "(remove it if it is a damaged index); choose another --index"]
    assert not (tmp_path / "from-env.duckdb").exists()


def test_a_good_path_from_the_environment_is_still_built_and_read(
    tmp_path: Path, db: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch,
) -> None:
    index = tmp_path / "ix" / "from-env.duckdb"
    monkeypatch.setenv("PRESSROOM_INDEX", str(index))
    built = cli("index", "--db", str(db))
    assert built.returncode == 0 and built.stderr == "", built.stderr
    assert index.is_file() and not (tmp_path / "pressroom.search.duckdb").exists()
    found = cli("search", "trafficking", "--db", str(db), "--format", "json")
    assert found.returncode == 0 and found.stderr == "", found.stderr
    assert len(json.loads(found.stdout)) == 2
