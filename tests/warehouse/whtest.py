"""Constants and record factories shared by the warehouse tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from parsers.article import Article
from warehouse import Batch

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
SOURCE = "example"


def make_article(n: int = 1, *, body: str | None = None, **fields: Any) -> Article:
    """Article number ``n`` of the example source; ``fields`` override anything."""
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


def make_batch(*articles: Article, run_id: str = "run-1", at: datetime = T0, **parts: Any) -> Batch:
    """A batch of the example source fetched at ``at``."""
    return Batch(run_id=run_id, source=SOURCE, fetched_at=at, articles=articles, **parts)
