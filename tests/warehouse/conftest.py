"""Shared fixtures: a real DuckDB file per test and small record factories."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from parsers.article import Article
from warehouse import Batch, Warehouse, open_warehouse

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
SOURCE = "example"


@pytest.fixture
def t0() -> datetime:
    return T0


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "warehouse.duckdb"


@pytest.fixture
def wh(db_path: Path) -> Iterator[Warehouse]:
    with open_warehouse(db_path) as warehouse:
        yield warehouse


ArticleFactory = Callable[..., Article]


@pytest.fixture
def make_article() -> ArticleFactory:
    def make(n: int = 1, *, body: str | None = None, **fields: Any) -> Article:
        url = f"https://example.org/news/{n}"
        values: dict[str, Any] = {
            "url": url,
            "canonical_url": url,
            "title": f"Title {n}",
            "body": f"Body of release {n}." if body is None else body,
            "published_at": T0 - timedelta(days=1),
            "authors": ("Press Office",),
            "tags": ("economy", "energy"),
            "language": "en",
        }
        values.update(fields)
        return Article(**values)

    return make


BatchFactory = Callable[..., Batch]


@pytest.fixture
def make_batch() -> BatchFactory:
    def make(*articles: Article, run_id: str = "run-1", at: datetime = T0, **parts: Any) -> Batch:
        return Batch(run_id=run_id, source=SOURCE, fetched_at=at, articles=articles, **parts)

    return make
