"""bench/lake_workers.py at tiny size: the site's slices, and the check that every
page is stored once (the gate its throughput figures pass through).

The bench's Prefect server and pinned workers are not started here (minutes on
this machine); a real ``pressroom ingest`` fills a real lake (local catalog
file) from the bench's own sources file and site.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.devsite import _part, _slice
from bench.lake_workers import check_lake, sources_text
from tests.lakepg import run_cli
from warehouse.lake import connect_lake, parse_target

ROOT = Path(__file__).resolve().parents[1]
PAGES, PARTS = 6, 2


def test_the_site_slices_cover_every_page_once() -> None:
    for pages, parts in ((4000, 8), (600, 7), (5, 3), (3, 4)):
        seen = [i for k in range(parts) for i in _slice(pages, parts, k)]
        assert seen == list(range(pages))
    assert _part("/sitemap/3.xml", 4) == 3
    assert _part("/sitemap/4.xml", 4) is None
    assert _part("/sitemap.xml", 4) is None


def test_check_lake_passes_one_clean_ingest_and_refuses_a_doubled_article(
    tmp_path: Path,
) -> None:
    site = subprocess.Popen([sys.executable, str(ROOT / "bench" / "devsite.py"), "--pages",
                             str(PAGES), "--sources", str(PARTS)], stdout=subprocess.PIPE,
                            text=True)
    try:
        assert site.stdout is not None
        base = site.stdout.readline().strip()
        lake, data = f"ducklake:{tmp_path / 'meta.ducklake'}", tmp_path / "data"
        sources = tmp_path / "sources.toml"
        sources.write_text(sources_text(base, lake, data, PAGES, PARTS, 4), encoding="utf-8")
        triggered = time.time()
        done = run_cli("ingest", "--no-prefect", "--sources", str(sources),
                       env={"PRESSROOM_STATE_DIR": str(tmp_path / "state")})
    finally:
        site.kill()
        site.wait()
    assert done.returncode == 0, done.stderr
    facts = check_lake(lake, data, PAGES, PARTS, triggered)
    assert facts["stored"] == PAGES
    assert sorted((r["source"], r["new"]) for r in facts["runs"]) == [("dev0", 3), ("dev1", 3)]
    assert 0 < facts["seconds"] <= facts["seconds_from_trigger"]

    con = connect_lake(parse_target(lake, str(data)))
    try:
        # `articles` is a view over article_state and article_versions: a second state
        # row of one article is what a twin writer would leave.
        con.execute("INSERT INTO article_state SELECT * FROM article_state LIMIT 1")
    finally:
        con.close()
    with pytest.raises(SystemExit, match="an article stored twice"):
        check_lake(lake, data, PAGES, PARTS, triggered)
