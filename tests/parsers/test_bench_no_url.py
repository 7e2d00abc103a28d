"""bench/extraction.py: a page with no URL is measured, not refused; a missing set is one line."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from bench.extraction import load, ours

PAGE = (
    "<html><head><title>Council adopts the budget</title></head><body><article>"
    "<h1>Council adopts the budget</h1>"
    + "<p>The council met on Monday and adopted the budget for the next year after a long"
    " debate about schools, roads and the new library in the town centre.</p>"
    * 4
    + "</article></body></html>"
)


def _dataset(tmp_path: Path, url: object) -> Path:
    (tmp_path / "ground-truth").mkdir(parents=True)
    (tmp_path / "html").mkdir()
    record = {"url": url, "ground_truth": {"title": "Council adopts the budget"}}
    (tmp_path / "ground-truth" / "0001.json").write_text(json.dumps(record), encoding="utf-8")
    (tmp_path / "html" / "0001.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    return tmp_path


def test_a_page_without_a_url_is_extracted(tmp_path: Path) -> None:
    for url in ("", None):
        (page,) = load(_dataset(tmp_path / str(url), url), None)
        out = ours(page)
        assert out.title == "Council adopts the budget"
        assert "adopted the budget" in out.body


def test_a_page_with_a_url_keeps_it(tmp_path: Path) -> None:
    (page,) = load(_dataset(tmp_path, "https://news.example.org/a"), None)
    assert page.url == "https://news.example.org/a"


def test_a_missing_set_is_one_clear_error(tmp_path: Path) -> None:
    # Was an IndexError traceback when the default path pointed nowhere (k40b).
    script = Path(__file__).resolve().parents[2] / "bench" / "extraction.py"
    done = subprocess.run(
        [sys.executable, str(script), "--set", "dev", "--dataset", str(tmp_path / "none")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "no WCXB-layout set at" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_script_reading_a_missing_set_stops_with_one_line(tmp_path: Path) -> None:
    # bench/body_precision.py collect scored an empty set 0.00000 (k40c).
    try:
        load(tmp_path / "none", None)
    except SystemExit as stop:
        assert "no WCXB-layout set at" in str(stop.code)
    else:
        raise AssertionError("an empty list of pages")
