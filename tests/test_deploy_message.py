"""``pressroom deploy`` says exactly which cluster limits it made (no hosts it did not)."""

from __future__ import annotations

from pathlib import Path

from flows.concurrency import wanted_limits
from flows.config import load_sources
from flows.deploy import limits_line

SOURCES = """
[[source]]
name = "quiet"
feeds = ["https://quiet.example/rss.xml"]
schedule = "*/30 * * * *"
min_delay = 0.0

[[source]]
name = "paused"
feeds = ["https://paused.example/rss.xml"]
schedule = "*/30 * * * *"
min_delay = 2.0
enabled = false
"""

POLITE = """
[[source]]
name = "polite"
feeds = ["https://polite.example/rss.xml", "https://cdn.polite.example/sitemap.xml"]
schedule = "*/30 * * * *"
min_delay = 1.5
"""


def _line(tmp_path: Path, text: str) -> str:
    file = tmp_path / "sources.toml"
    file.write_text(text)
    return limits_line(wanted_limits(load_sources(file)))


def test_no_host_limits_when_no_enabled_source_spaces_its_requests(tmp_path: Path) -> None:
    # Before: "4 cluster limits in place (sources, hosts, steps)", with no host limit made.
    assert _line(tmp_path, SOURCES) == (
        "created or updated 4 cluster limits on the Prefect server: 2 source (one per source "
        "in the file), 0 host (hosts of enabled sources with min_delay > 0), 2 step")


def test_host_limits_counted_per_host(tmp_path: Path) -> None:
    assert _line(tmp_path, SOURCES + POLITE) == (
        "created or updated 7 cluster limits on the Prefect server: 3 source (one per source "
        "in the file), 2 host (hosts of enabled sources with min_delay > 0), 2 step")
