"""SIGKILL the ingest process at many points; the next run heals everything."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.crash.bulk_site import BulkSite
from tests.crash.campaign import run_campaign

ARTICLES = 300
KILLS = 20


@pytest.mark.slow
def test_kills_lose_nothing_and_double_nothing(tmp_path: Path) -> None:
    with BulkSite(ARTICLES, delay=0.01) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        figures = run_campaign(site, sources, tmp_path / "kill.duckdb", KILLS, seed=7)
    print(f"\nkill campaign: {figures}")
    assert figures.kills >= KILLS
    # A run that finished before its kill point publishes more work (campaign.GROW), so
    # the site may hold more than ARTICLES: every one of them, once.
    assert figures.expected >= ARTICLES
    assert figures.stored == figures.expected
    assert figures.lost == 0
    assert figures.duplicates == 0
    assert figures.orphan_versions == 0
    assert figures.states_without_version == 0
    assert figures.running_runs == 0  # every killed run is marked crashed by a later one
    assert figures.crashed_runs >= 1
