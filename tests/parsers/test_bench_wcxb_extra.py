"""bench/wcxb_extra.py: the development split's articles beyond the dev set, built from git."""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

import pytest

from bench.extraction import load
from bench.wcxb_extra import blobs, build

STORY = "<p>" + "The council approved the budget after a long debate. " * 10 + "</p>"


def record(key: str, primary: str, url: str | None = "") -> bytes:
    found: dict[str, object] = {"file_id": key, "_internal": {"page_type": {"primary": primary}},
                                "ground_truth": {"title": f"Story {key}",
                                                 "main_content": STORY[3:-4]}}
    if url is not None:
        found["url"] = url or f"https://example.org/{key}"
    return json.dumps(found).encode()


def mirror(tmp_path: Path) -> Path:
    """A WCXB-shaped git repository: a dev split, a test split, a licence."""
    repo = tmp_path / "wcxb"
    pages = {"0001": ("article", ""), "0002": ("article", ""), "0003": ("listing", ""),
             "0004": ("article", None)}
    for split, keys in (("dev", pages), ("test", {"0005": ("article", "")})):
        for key, (primary, url) in keys.items():
            truth = repo / split / "ground-truth" / f"{key}.json"
            truth.parent.mkdir(parents=True, exist_ok=True)
            truth.write_bytes(record(key, primary, url))
            html = repo / split / "html" / f"{key}.html.gz"
            html.parent.mkdir(parents=True, exist_ok=True)
            html.write_bytes(gzip.compress(f"<html><body><h1>Story {key}</h1>{STORY}</body></html>"
                                           .encode()))
    (repo / "LICENSE").write_text("CC-BY-4.0\n", encoding="utf-8")
    for args in (["init", "-q"], ["add", "."],
                 ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "wcxb"]):
        subprocess.run(["git", "-C", str(repo), *args], check=True)
    return repo / ".git"


def test_the_extra_set_is_dev_articles_not_in_the_dev_set_with_a_url(tmp_path: Path) -> None:
    git_dir = mirror(tmp_path)
    dev_set = tmp_path / "dev-set" / "ground-truth"
    dev_set.mkdir(parents=True)
    (dev_set / "0001.json").write_bytes(record("0001", "article"))
    out = tmp_path / "extra"
    assert build(git_dir, out, dev_set.parent) == ["0002"]  # 0003 a listing, 0004 no url
    assert sorted(p.name for p in (out / "ground-truth").iterdir()) == ["0002.json"]
    assert (out / "ground-truth" / "0002.json").read_bytes() == record("0002", "article")
    assert "Murrough Foley" in (out / "README.md").read_text(encoding="utf-8")
    assert (out / "LICENSE").read_text(encoding="utf-8") == "CC-BY-4.0\n"
    pages = load(out, None)  # the layout bench/extraction.py reads
    assert [p.key for p in pages] == ["0002"] and pages[0].truth["title"] == "Story 0002"


def test_only_the_development_split_is_read(tmp_path: Path) -> None:
    git_dir = mirror(tmp_path)
    assert sorted(blobs(git_dir, "dev/html/")) == ["0001", "0002", "0003", "0004"]
    with pytest.raises(ValueError, match="development split"):
        blobs(git_dir, "test/html/")
