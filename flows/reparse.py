"""Re-extract articles from the raw page archive, without the network."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from flows.config import SourceConfig
from flows.fetch import Fetched
from flows.pipeline import parse_fetched
from flows.runtime import new_run_id
from parsers import Article
from pressroom.errors import PressroomError
from warehouse import open_warehouse
from warehouse.records import Batch

BATCH = 200


def reparse_archive(
    db_path: Path, sources: Mapping[str, SourceConfig], source_name: str | None = None
) -> dict[str, int]:
    """Parse every archived article page again; changed records become versions."""
    run_id = new_run_id()
    totals = {"pages": 0, "new": 0, "updated": 0, "unchanged": 0, "failed": 0}
    with open_warehouse(db_path) as wh:
        pages = list(wh.iter_archived_pages(source_name, kind="article"))
    pending: dict[str, list[Article]] = {}

    def flush(name: str) -> None:
        articles = pending.pop(name, [])
        if not articles:
            return
        batch = Batch(run_id=run_id, source=name, fetched_at=datetime.now(UTC),
                      articles=tuple(articles))
        with open_warehouse(db_path) as wh:
            result = wh.write_batch(batch)
        totals["new"] += result.new
        totals["updated"] += result.updated
        totals["unchanged"] += result.unchanged

    for page in pages:
        source = sources.get(page.source or "")
        if source is None:
            continue
        totals["pages"] += 1
        fetched = Fetched(url=page.url, final_url=page.final_url or page.url, status=200,
                          headers=dict(page.headers), body=page.body,
                          fetched_at=page.fetched_at, elapsed_ms=0.0)
        try:
            article = parse_fetched(fetched, source, None)
        except PressroomError:
            totals["failed"] += 1
            continue
        if article.kind != "article":
            continue
        pending.setdefault(source.name, []).append(replace(article, source=source.name))
        if len(pending[source.name]) >= BATCH:
            flush(source.name)
    for name in list(pending):
        flush(name)
    return totals
