"""Fixtures: small real warehouses written through the warehouse's own write path."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from parsers.article import Article
from tests.warehouse.storytext import SAME_TOPIC, copies
from warehouse import Batch, FetchRecord, RunCounts, open_warehouse

T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)

TRAFFICKING = (
    "MINSK, 16 November (BelTA) - The Third Committee of the UN General Assembly adopted, "
    "by consensus, the resolution on improving the coordination of efforts against "
    "trafficking in persons. Belarus sponsored the resolution on human trafficking, "
    "which was supported by more than 80 states. Human trafficking remains a grave crime."
)
DAIRY = (
    "Belarusian dairy exports grew in 2019. Milk, butter and cheese were shipped to "
    "36 countries, the ministry said. Dairy producers expect further growth."
)
HOCKEY = (
    "The Christmas ice hockey tournament for amateurs opens in Minsk. Teams from "
    "twelve countries will play. Hockey fans may attend free of charge."
)
BOOKS = (
    "The National Library displayed rare books from the sixteenth century, including "
    "works by Francysk Skaryna. The exhibition about early printing is open until May."
)
UN_PRESS = (
    "The General Assembly's Third Committee approved draft resolutions on the "
    "advancement of women and on combating trafficking in women and girls. "
    "Delegates described human trafficking as modern slavery."
)


def article(
    slug: str, title: str, body: str, *, source: str = "belta", days_ago: int = 0,
    **extra: Any,
) -> Article:
    """An article of ``source`` published ``days_ago`` days before T0."""
    url = f"https://{source}.example/news/{slug}"
    fields: dict[str, Any] = {"published_at": T0 - timedelta(days=days_ago), "language": "en"}
    fields.update(extra)
    return Article(url=url, canonical_url=url, title=title, body=body, source=source, **fields)


def base_articles() -> list[Article]:
    """The five fixture releases, two sources, spread over a few days."""
    return [
        article("un-trafficking", "Belarus-sponsored resolution against human trafficking "
                "adopted by UN", TRAFFICKING, days_ago=3),
        article("dairy", "Dairy exports grow", DAIRY, days_ago=2),
        article("hockey", "Christmas ice hockey tournament", HOCKEY, days_ago=1),
        article("books", "Rare books on show", BOOKS, days_ago=1),
        article("gashc", "Third Committee approves drafts on women, trafficking", UN_PRESS,
                source="un_press", days_ago=2),
    ]


def write(db: Path, articles: list[Article], *, run_id: str = "run-1",
          at: datetime = T0, **parts: Any) -> None:
    """Write ``articles`` grouped by source, one batch per source."""
    with open_warehouse(db) as wh:
        by_source: dict[str, list[Article]] = {}
        for a in articles:
            by_source.setdefault(a.source or "x", []).append(a)
        for source, items in by_source.items():
            wh.write_batch(Batch(run_id=run_id, source=source, fetched_at=at,
                                 articles=tuple(items), **parts))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A warehouse with the base articles, a run per source and two fetch errors."""
    path = tmp_path / "data" / "pressroom.duckdb"
    write(path, base_articles())
    now = datetime.now(UTC)
    with open_warehouse(path) as wh:
        wh.start_run("run-1", ["belta", "un_press"], now - timedelta(hours=1), os.getpid())
        wh.finish_run("run-1", "belta", RunCounts(4, 4, 4, 0, 0, 0), "ok", None,
                      now - timedelta(minutes=50))
        wh.finish_run("run-1", "un_press", RunCounts(2, 1, 1, 0, 0, 1), "failed",
                      "1 article failed", now - timedelta(minutes=50))
        wh.write_batch(Batch(
            run_id="run-1", source="un_press", fetched_at=now,
            fetch_log=(
                FetchRecord("https://un_press.example/a", now - timedelta(minutes=55),
                            status=200, elapsed_ms=120.0),
                FetchRecord("https://un_press.example/b", now - timedelta(minutes=54),
                            status=503, elapsed_ms=80.0, error_class="ServerError",
                            error="HTTP 503"),
                FetchRecord("https://un_press.example/c", now - timedelta(minutes=53),
                            elapsed_ms=5000.0, error_class="FetchTimeout", error="read timeout"),
                FetchRecord("https://un_press.example/d", now - timedelta(minutes=52),
                            status=200, elapsed_ms=90.0),
            ),
        ))
    return path


@pytest.fixture
def story_db(db: Path) -> Path:
    """The analyst fixture plus the seed release carried by four sources, and a look-alike."""
    arts = [article("un-release", title, body, source=src, days_ago=9 - i)
            for i, (src, (title, body)) in enumerate(copies().items())]
    arts.append(article("police-un", "Police welcome UN resolution", SAME_TOPIC,
                        source="mvd", days_ago=4))
    write(db, arts, at=arts[0].published_at + timedelta(days=10))  # type: ignore[operator]
    return db


CliRunner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli() -> CliRunner:
    """Run ``python -m pressroom ARGS`` as a real subprocess."""

    def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
        return subprocess.run([sys.executable, "-m", "pressroom", *args], capture_output=True,
                              text=True, env=env, cwd=cwd, timeout=120, check=False)

    return run
