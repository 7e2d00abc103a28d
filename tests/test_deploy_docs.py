"""The docs name every deployment ``pressroom deploy`` registers."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_and_scale_doc_list_the_index_deployment(tmp_path: Path) -> None:
    from flows.deploy import _index_deployment

    deployment = _index_deployment(tmp_path / "pressroom.duckdb")
    name = f"{deployment.flow_name}/{deployment.name}"
    assert name == "index/all"
    for doc in (ROOT / "README.md", ROOT / "docs" / "SCALE.md"):
        assert f"`{name}`" in doc.read_text(encoding="utf-8"), doc
