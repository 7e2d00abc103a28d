"""k43's attack on o43's settings scope: one file named two ways in one process.

DuckDB shares one instance among a process's connections to a file however the path is
spelled (relative or absolute, "./" or ".." in it). o43 kept the instance's own values
by the path as given, so a batch session opened as "w.duckdb" and one opened as its
absolute path each read "the instance's value" on their own: the second read the first
one's 64 MB cap as the instance's own and put it back when it closed, and a Warehouse
held through both (a user's script, another flow of the worker) kept the batch cap, one
thread and checkpoint-at-every-commit. Real DuckDB file, real Warehouses.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.warehouse.test_settings_scope import _of
from warehouse import open_warehouse
from warehouse.connection import BATCH_SETTINGS


@pytest.mark.parametrize("order", ["relative first", "absolute first"])
def test_batch_sessions_on_one_file_named_two_ways_give_back_the_instances_values(
    db_path: Path, order: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(db_path.parent)
    names = [db_path.name, os.path.join(str(db_path.parent), ".", db_path.name)]
    if order == "absolute first":
        names.reverse()
    with open_warehouse(db_path) as held:
        defaults = _of(held)
        first = open_warehouse(names[0], settings=BATCH_SETTINGS)
        second = open_warehouse(names[1], settings=BATCH_SETTINGS)
        first.close()
        second.close()
        assert _of(held) == defaults  # was 61.0 MiB, 1 thread, 0 bytes


def test_interactive_then_batch_then_interactive_by_other_names(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(db_path.parent)
    with open_warehouse(db_path.name) as held:
        defaults = _of(held)
        dotted = f"../{db_path.parent.name}/{db_path.name}"
        with (
            open_warehouse(str(db_path), settings=BATCH_SETTINGS),
            open_warehouse(dotted, settings=BATCH_SETTINGS),
        ):
            pass
        with open_warehouse(str(db_path)) as later:
            assert _of(later) == defaults
        assert _of(held) == defaults
