"""Which spellings of a lake's catalog share its source run locks (o56b).

k56a keeps ``localhost``, ``127.0.0.1`` and ``::1`` three owners (two servers may listen on
one host's two loopbacks); for the locks they are one (wrongly two lets two runs write one
source; wrongly one turns a run of the other server's lake away in one line).

A lake's source locks are taken twice: beside its state folder (named by the catalog as
typed, as every release has) and in a folder named by the catalog in one spelling
(``warehouse.run_locks.catalog_lock_dir``). Runs given two spellings of one catalog must
share the second (else both write one source: tests/crash/test_lake_lock_spelling_o56b.py
runs it as two ``pressroom ingest`` processes on a real PostgreSQL); two catalogs must not
(else a run of one lake is turned away by a run of another). Real parts: the locks
(``flows.locks.source_lock``, ``flock``) in this process and in a child process.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from flows.locks import source_lock
from warehouse.lake import LakeTarget, lock_target, parse_target
from warehouse.run_locks import catalog_lock_dir, holder

BASE = "ducklake:postgres:dbname=news host=localhost port=5433 user=u"


def _lake(db: str) -> LakeTarget:
    target = parse_target(db, "/data")
    assert isinstance(target, LakeTarget)
    return target


def _folder(db: str) -> Path | None:
    return catalog_lock_dir(_lake(db))


@pytest.mark.parametrize("other", [
    "ducklake:postgres:user=u port=5433  host=127.0.0.1 dbname=news",
    "ducklake:postgres:dbname='news' host=::1 port=5433 user=u",
    "ducklake:postgresql://u@localhost:5433/news",
    "ducklake:postgres:postgresql://u@[::1]:5433/news?connect_timeout=5",
    "ducklake:postgres:dbname=news host=localhost port=5433 user=u password=secret",
    "ducklake:postgres:dbname=news host=localhost port=5433 user=other application_name=x",
    "ducklake:postgres:dbname=news host=LocalHost. port=5433 user=u",
    "ducklake:postgres:dbname=news host=::ffff:127.0.0.1 port=5433 user=u",
])
def test_spellings_of_one_catalog_share_its_lock_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, other: str) -> None:
    monkeypatch.setenv("PRESSROOM_STATE_DIR", str(tmp_path))
    assert _folder(other) == _folder(BASE)
    assert _lake(other).local_path != _lake(BASE).local_path  # the state folders stay


@pytest.mark.parametrize("other", [
    "ducklake:postgres:dbname=sport host=localhost port=5433 user=u",
    "ducklake:postgres:dbname=news host=localhost port=5434 user=u",
    "ducklake:postgres:dbname=news host=127.0.0.2 port=5433 user=u",
    "ducklake:postgres:dbname=news host=db.example port=5433 user=u",
    "ducklake:postgres:dbname=news host=localhost user=u",  # PGPORT decides
    "ducklake:postgres:host=localhost port=5433 user=u",  # dbname: the user's name
])
def test_other_catalogs_have_other_lock_folders(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, other: str) -> None:
    monkeypatch.setenv("PRESSROOM_STATE_DIR", str(tmp_path))
    assert _folder(other) != _folder(BASE)


def test_without_dbname_the_user_chooses_the_database(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSROOM_STATE_DIR", str(tmp_path))
    assert (_folder("ducklake:postgres:host=localhost user=a")
            != _folder("ducklake:postgres:host=localhost user=b"))


def test_a_catalog_file_is_locked_by_its_inode_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSROOM_STATE_DIR", str(tmp_path / "state"))
    assert _folder(f"ducklake:{tmp_path / 'meta.ducklake'}") is None  # no file yet
    (tmp_path / "meta.ducklake").write_bytes(b"")
    (tmp_path / "hard.ducklake").hardlink_to(tmp_path / "meta.ducklake")
    assert (_folder(f"ducklake:{tmp_path / 'meta.ducklake'}")
            == _folder(f"ducklake:{tmp_path / 'hard.ducklake'}") is not None)


CHILD = """
import sys
from flows.locks import source_lock
from warehouse.lake import lock_target, parse_target
with source_lock(lock_target(parse_target(sys.argv[1], '/data')), 'belta') as held:
    print('held' if held else 'turned away', flush=True)
"""


def test_a_run_given_another_spelling_is_turned_away_and_names_the_holder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    state = tmp_path / "state"
    monkeypatch.setenv("PRESSROOM_STATE_DIR", str(state))
    mine = _lake(BASE)
    other = "ducklake:postgresql://u@127.0.0.1:5433/news"
    with source_lock(mine, "belta", "ingest", "run-1") as held:
        assert held
        child = subprocess.run([sys.executable, "-c", CHILD, other], capture_output=True,
                               text=True, timeout=60, check=False,
                               env={"PRESSROOM_STATE_DIR": str(state), "PATH": ""})
        seen = holder(lock_target(parse_target(other, "/data")), "belta")
    assert child.returncode == 0, child.stderr
    assert child.stdout == "turned away\n"
    assert seen.run_id == "run-1" and seen.kind == "ingest"
    # Taken once the holder let go, in both folders.
    child = subprocess.run([sys.executable, "-c", CHILD, other], capture_output=True,
                           text=True, timeout=60, check=False,
                           env={"PRESSROOM_STATE_DIR": str(state), "PATH": ""})
    assert child.stdout == "held\n", child.stderr
    shared = catalog_lock_dir(mine)
    assert shared is not None
    assert sorted(p.name for p in state.iterdir() if p.name.endswith(".locks")) == sorted(
        [f"{_lake(BASE).local_path.name}.locks", f"{_lake(other).local_path.name}.locks",
         shared.name])
