"""Parsing off the event loop: in worker processes when there is a spare core.

BeautifulSoup parsing is CPU-bound and holds the GIL, so in threads it
competes with fetching and writing. A small process pool lets parsing use
another core; with ``workers=0`` it runs in a thread instead.
"""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from multiprocessing import get_context

from flows.config import SourceConfig
from flows.discover import Candidate
from flows.fetch import Fetched
from parsers import Article, extract
from pressroom.errors import ParseError

# Recycle workers now and then: BeautifulSoup on huge pages fragments the heap.
TASKS_PER_WORKER = 300


def default_workers() -> int:
    """One parser process per spare core (0: parse in a thread), or $PRESSROOM_PARSE_WORKERS."""
    configured = os.environ.get("PRESSROOM_PARSE_WORKERS")
    if configured is not None and configured.strip().isdigit():
        return int(configured)
    return max(0, min(4, (os.cpu_count() or 1) - 1))


def parse_fetched(fetched: Fetched, source: SourceConfig, candidate: Candidate | None) -> Article:
    """Run the parser on a response and fill gaps from what the feed said."""
    charset = fetched.charset
    html: str | bytes = fetched.body.decode(charset, "replace") if charset else fetched.body
    article = extract(html, url=fetched.final_url, profile=source.profile,
                      timezone=source.timezone, fetched_at=fetched.fetched_at)
    fill: dict[str, object] = {"source": source.name}
    if candidate is not None:
        if not article.title and candidate.title:
            fill["title"] = candidate.title
        published = candidate.published_at
        if article.published_at is None and published and published <= fetched.fetched_at:
            fill["published_at"] = published
    if article.language is None and source.language:
        fill["language"] = source.language
    return replace(article, **fill)  # type: ignore[arg-type]




class ParsePool:
    """Runs :func:`parse_fetched` for one run; the pool starts on first use."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # spawn, not fork: the parent has Prefect and DuckDB threads running.
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=get_context("spawn"),
                max_tasks_per_child=TASKS_PER_WORKER,
            )
        return self._executor

    async def parse(
        self, fetched: Fetched, source: SourceConfig, candidate: Candidate | None
    ) -> Article:
        """Parse one response; raises :class:`ParseError` like the parser itself."""
        if self.workers <= 0:
            return await asyncio.to_thread(parse_fetched, fetched, source, candidate)
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(
                self._pool(), parse_fetched, fetched, source, candidate
            )
        except BrokenProcessPool as exc:
            self.close()  # a worker died (e.g. out of memory): start afresh next time
            raise ParseError(f"parser process died on {fetched.final_url}") from exc

    def close(self) -> None:
        """Stop the workers."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
