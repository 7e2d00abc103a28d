"""`serve` and `deploy` given symlinks keep them as links (k42, README "A symlink is the
file it points to": a run follows the link once, when it starts; "a deploy pointing
`current.duckdb` at a new file"). The deployments' parameters held the link resolved at
`serve`/`deploy` time, so after the link was pointed at a new file every scheduled and
triggered run still wrote the old one, while `pressroom ingest --db current.duckdb`
wrote the new one: one warehouse's articles split over two files, no word. Real Prefect
deployment objects (no server is needed to build them), real links and files.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flows.deploy import build_deployments
from warehouse import open_warehouse


def test_deployments_keep_the_warehouse_and_sources_links(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("old.duckdb", "new.duckdb"):
        with open_warehouse(tmp_path / name):
            pass
    os.symlink("old.duckdb", tmp_path / "current.duckdb")
    (tmp_path / "sources-v1.toml").write_text(
        '[[source]]\nname = "belta"\nfeeds = ["https://eng.belta.by/rss"]\n', encoding="utf-8")
    os.symlink("sources-v1.toml", tmp_path / "sources.toml")

    deployments = build_deployments(Path("sources.toml"), Path("current.duckdb"))
    assert {d.name for d in deployments} == {"belta", "all"}
    for deployment in deployments:  # absolute (runs start in other folders), not resolved
        assert deployment.parameters["db_path"] == str(tmp_path / "current.duckdb")
        assert deployment.parameters["sources_file"] == str(tmp_path / "sources.toml")

    os.replace(tmp_path / "current.duckdb", tmp_path / "gone")  # a deploy swaps the link
    os.symlink("new.duckdb", tmp_path / "current.duckdb")
    db = Path(deployments[0].parameters["db_path"])
    assert db.resolve() == tmp_path / "new.duckdb"  # what the next run opens (real_file)
