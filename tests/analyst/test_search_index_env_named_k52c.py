"""k52c: c52 named ``PRESSROOM_INDEX`` in ``index``'s and ``search --reindex``'s refusals,
not in ``search``'s warning: a folder in ``PRESSROOM_INDEX`` was answered "give --index a
file path" though no ``--index`` was given. Real CLI subprocesses, a real DuckDB file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.analyst.conftest import CliRunner, base_articles, write


def test_search_names_the_variable_that_chose_a_folder_as_its_index(
    tmp_path: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = tmp_path / "pressroom.duckdb"
    write(db, base_articles())
    folder = tmp_path / "ix"
    folder.mkdir()
    monkeypatch.setenv("PRESSROOM_INDEX", str(folder))
    found = cli("search", "trafficking", "--db", str(db), "--format", "json")
    assert found.returncode == 0, found.stderr
    assert len(json.loads(found.stdout)) == 2
    assert (f"search index {folder} is not a regular file; scanning every article "
            "(give PRESSROOM_INDEX a file path)") in found.stderr, found.stderr
    # --index given: named as before
    given = cli("search", "trafficking", "--db", str(db), "--index", str(folder))
    assert "(give --index a file path)" in given.stderr, given.stderr
