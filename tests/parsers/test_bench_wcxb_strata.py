"""bench/wcxb_strata.py: pages grouped by how their truth was made, and title sources."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from bench.extraction import load, ours
from bench.wcxb_strata import main, scores, stratum, title_sources

STORY = "<p>" + "The ministry said the resolution was adopted by consensus. " * 12 + "</p>"


def page(h1: str, og: str) -> str:
    return (f'<html><head><title>{og} | Site</title><meta property="og:title" content="{og}">'
            f"</head><body><article><h1>{h1}</h1>{STORY}</article></body></html>")


def write(root: Path, key: str, html: str, title: str, confidence: str | None) -> None:
    (root / "ground-truth").mkdir(parents=True, exist_ok=True)
    (root / "html").mkdir(exist_ok=True)
    internal = {"page_type": {"primary": "article"}}
    if confidence:
        internal["page_type"]["confidence"] = confidence
    record = {"url": f"https://example.org/{key}", "_internal": internal,
              "ground_truth": {"title": title, "main_content": STORY[3:-4]}}
    (root / "ground-truth" / f"{key}.json").write_text(json.dumps(record), encoding="utf-8")
    (root / "html" / f"{key}.html.gz").write_bytes(gzip.compress(html.encode()))


def dataset(root: Path) -> Path:
    write(root, "0001", page("Resolution adopted at the UN", "UN adopts resolution"),
          "Resolution adopted at the UN", "verified")
    write(root, "0002", page("Minister meets envoy", "Envoy received by the minister"),
          "Envoy received by the minister", "preprocessed")
    write(root, "0003", page("Same words", "Same words"), "Same words", "draft")
    write(root, "0004", page("Talks held in Minsk", "Minsk hosts talks"),
          "Talks held in Minsk", None)
    return root


def test_strata_come_from_the_ground_truth_files(tmp_path: Path) -> None:
    root = dataset(tmp_path)
    assert [stratum(root, k) for k in ("0001", "0002", "0003", "0004")] == [
        "verified", "preprocessed", "other", "other"]


def test_title_sources_count_only_pages_whose_h1_and_og_differ(tmp_path: Path) -> None:
    root = dataset(tmp_path)
    pages = load(root, None)
    found = title_sources(pages, {p.key: stratum(root, p.key) for p in pages})
    assert dict(found["verified"]) == {"differ": 1, "h1": 1, "og": 0}
    assert dict(found["preprocessed"]) == {"differ": 1, "h1": 0, "og": 1}
    assert dict(found["other"]) == {"differ": 1, "h1": 1, "og": 0}  # 0003's two agree


def test_scores_are_grouped_by_stratum(tmp_path: Path) -> None:
    root = dataset(tmp_path)
    pages = load(root, None)
    result = scores(pages, {p.key: stratum(root, p.key) for p in pages}, ours)
    assert {k: v["pages"] for k, v in result.items()} == {
        "verified": 1, "preprocessed": 1, "other": 2}
    assert all(v["title"] <= v["pages"] for v in result.values())


def test_main_prints_both_tables(tmp_path: Path, capsys: object) -> None:
    assert main(["--dataset", str(dataset(tmp_path))]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "| pressroom | verified | 1 |" in out
    assert "| preprocessed | 1 | 0 | 1 |" in out
