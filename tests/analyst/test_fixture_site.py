"""The analyst commands on a real ingest of the fixture press site."""

from __future__ import annotations

import json
from pathlib import Path

from tests.analyst.conftest import CliRunner
from tests.site import PressSite
from tests.site.sources import write_sources_toml


def test_ingest_then_index_search_export_report(
    press_site: PressSite, tmp_path: Path, cli: CliRunner
) -> None:
    toml = write_sources_toml(press_site, tmp_path / "sources.toml", names=("belta", "fixture"))
    db = tmp_path / "pressroom.duckdb"
    ingest = cli("ingest", "--no-prefect", "--sources", str(toml), "--db", str(db))
    # 3 = partial: the fixture source lists fault routes (404, timeout, private).
    assert ingest.returncode == 3, ingest.stderr
    # Searching before any index exists scans everything; after `index` it is ranked BM25.
    for step in ("before", "after"):
        if step == "after":
            assert cli("index", "--db", str(db)).returncode == 0
        proc = cli("search", "human trafficking", "--db", str(db), "--format", "json")
        assert proc.returncode == 0, proc.stderr
        hits = json.loads(proc.stdout)
        assert hits and "human-trafficking" in hits[0]["url"], (step, hits)
        assert hits[0]["source"] == "belta" and hits[0]["published"] == "2019-11-16"
    proc = cli("search", '"trafficking in persons"', "--db", str(db), "--format", "json")
    assert {h["source"] for h in json.loads(proc.stdout)} == {"belta", "fixture"}
    out = tmp_path / "export"
    proc = cli("export", "--db", str(db), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert (out / "articles" / "source=belta" / "month=2019-11" / "part-0.parquet").is_file()
    report = tmp_path / "report.html"
    assert cli("report", "--db", str(db), "--out", str(report)).returncode == 0
    page = report.read_text(encoding="utf-8")
    assert "FetchTimeout" in page or "ServerError" in page  # the fixture source's failures
