"""A damaged search index at its default path (u51, left by k51).

``pressroom index`` given no ``--index`` and finding ``<db stem>.search.duckdb`` zeroed
(or overwritten, or damaged past its header) said "it is not a search index; choose
another --index", exit 1: no ``--index`` had been given, and the file had to be deleted
by hand before the index could be built again. The index is derived data (every row in
it is copied from the warehouse at each build), so at its default path the unreadable
file is now moved aside, never deleted, one warning line says where, and the index is
built again. A path the user named (``--index``) may be anything named by a slip: it is
still refused, in a line that says what to do.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.analyst.conftest import CliRunner, base_articles, write


def _zeroed(size: int) -> bytes:
    return bytes(size)


def _random(size: int) -> bytes:
    return os.urandom(size)


def _damaged(good: bytes) -> bytes:
    """The DuckDB header kept, every block after it overwritten: opens, then fails."""
    return good[:12288] + os.urandom(len(good) - 12288)


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "zeroed": lambda good: _zeroed(len(good)),
    "random": lambda good: _random(len(good)),
    "damaged past its header": _damaged,
}


@pytest.fixture(autouse=True)
def _no_index_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRESSROOM_INDEX", raising=False)


def _hits(cli: CliRunner, db: Path, *extra: str) -> tuple[list[str], str]:
    proc = cli("search", "trafficking", "--db", str(db), "--format", "json", *extra)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    return sorted(h["title"] for h in json.loads(proc.stdout)), proc.stderr


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_index_moves_an_unreadable_default_index_aside_and_builds_it_again(
    tmp_path: Path, cli: CliRunner, damage: str,
) -> None:
    db = tmp_path / "pressroom.duckdb"
    write(db, base_articles())
    index = tmp_path / "pressroom.search.duckdb"
    built = cli("index", "--db", str(db))
    assert built.returncode == 0, built.stderr
    expected, warned = _hits(cli, db)
    assert len(expected) == 2 and warned == ""
    bad = DAMAGE[damage](index.read_bytes())
    index.write_bytes(bad)

    # search and stories on the damaged index: exit 0, search says so and how to mend it
    found, warned = _hits(cli, db)
    assert found == expected
    assert warned.startswith(f"pressroom: warning: cannot open search index {index}: "), warned
    assert warned.endswith("; scanning every article (run `pressroom index`)\n"), warned
    stories = cli("stories", "--db", str(db), "--format", "json")
    assert stories.returncode == 0 and stories.stderr == "", stories.stderr

    proc = cli("index", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("indexed 5 article versions (5 documents) into ")
    [aside] = tmp_path.glob("pressroom.search.duckdb.unreadable-*")
    what = "not a DuckDB database" if damage != "damaged past its header" else (
        "a DuckDB database that cannot be read")
    assert proc.stderr.splitlines() == [
        f"pressroom: warning: search index {index} is unreadable ({what}): building it "
        f"again from the warehouse; the unreadable file is kept as {aside.name} "
        "(delete it when you like)"]
    assert aside.read_bytes() == bad  # moved, never deleted
    found, warned = _hits(cli, db)
    assert (found, warned) == (expected, "")  # read from the new index, no warning
    again = cli("index", "--db", str(db))  # a readable index is replaced with no word
    assert (again.returncode, again.stderr) == (0, "")
    assert len(list(tmp_path.glob("pressroom.search.duckdb.unreadable-*"))) == 1


def test_an_unreadable_file_named_by_index_is_still_refused(
    tmp_path: Path, cli: CliRunner,
) -> None:
    db = tmp_path / "pressroom.duckdb"
    write(db, base_articles())
    named = tmp_path / "elsewhere.duckdb"
    named.write_bytes(bytes(300_000))
    proc = cli("index", "--db", str(db), "--index", str(named))
    assert proc.returncode == 1 and proc.stdout == "", proc.stdout
    assert proc.stderr.splitlines() == [
        f"pressroom: error: cannot write search index {named}: it is not a search index "
        "(remove it if it is a damaged index); choose another --index"]
    assert named.read_bytes() == bytes(300_000)
    assert [p.name for p in tmp_path.glob("elsewhere.duckdb*")] == ["elsewhere.duckdb"]


def test_a_warehouse_at_the_default_index_path_is_refused_in_words_that_fit(
    tmp_path: Path, cli: CliRunner,
) -> None:
    db = tmp_path / "pressroom.duckdb"
    write(db, base_articles())
    index = tmp_path / "pressroom.search.duckdb"
    write(index, base_articles()[:2])  # another warehouse, under the index's name
    kept = index.read_bytes()
    proc = cli("index", "--db", str(db))
    assert proc.returncode == 1, proc.stdout
    assert proc.stderr.splitlines() == [
        f"pressroom: error: cannot write search index {index}: it is a warehouse; "
        "give --index another path for the search index"]
    assert index.read_bytes() == kept
