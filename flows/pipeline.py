"""One source's run (:class:`SourceIngest`): discover, select, fetch in list order, write.

Prefect wraps it in coarse tasks (:mod:`flows.ingest`); benchmarks and tests can call it
directly. This module decides the order and the batching: a fixed pool of workers fetches
the listed articles, their outcomes are committed in list order (``ORDER_WINDOW``), and
batches are group-committed (``BATCH_ARTICLES``, ``GROUP_ARTICLES``, ``WRITE_EVERY``). What
is fetched is :mod:`flows.selection`'s, what one article's answer becomes
:mod:`flows.article_outcome`'s, what the last batch adds of the feeds and sitemaps
:mod:`flows.last_batch`'s. Warehouse access goes through
:class:`flows.gateway.WarehouseGateway`, which opens the DuckDB file only for short
sessions so other readers can get in between batches.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

from flows.article_outcome import ArticleOutcome
from flows.clock_witness import site_of
from flows.config import SourceConfig
from flows.discover import Discoverer
from flows.discovery_records import Candidate, Discovery, Failure
from flows.fetch import Fetcher
from flows.gateway import WarehouseGateway, until_note
from flows.http_records import Attempt, Validators
from flows.last_batch import with_documents
from flows.parsepool import ParsePool
from flows.policy import fetch_policy
from flows.progress import PROGRESS_EVERY
from flows.selection import ListedSelection
from flows.source_records import Pending, SourceReport, own_validators
from pressroom.errors import CatalogUnavailable, PressroomError, StorageUnavailable
from warehouse.records import FetchRecord, RunCounts, StoredDocument

BATCH_ARTICLES = 100
# Group commit: a source's first batch is written at BATCH_ARTICLES; after that a batch
# keeps growing until WRITE_EVERY seconds have passed since the source's last write
# ended, or it holds GROUP_ARTICLES. Each write has a fixed cost (the session's open
# and checkpoint, the transaction, the story index's set-up: ~1.7 ms of CPU a page at
# 100-article batches): a fast run shares it among more articles, a slow one still
# writes every BATCH_ARTICLES.
GROUP_ARTICLES = 2 * BATCH_ARTICLES
WRITE_EVERY = 2.0
# Pages are stored in the order they were listed, whichever parse worker finishes
# first: a finished page waits for its predecessors, at most this many of them
# (beyond it fetching pauses until the oldest page is done), which bounds the
# memory held by pages that finished early.
ORDER_WINDOW = 2 * BATCH_ARTICLES


class SourceIngest(ListedSelection, ArticleOutcome):
    """One source's run: discover, filter known URLs, fetch, parse, write in batches."""

    def __init__(
        self,
        source: SourceConfig,
        fetcher: Fetcher,
        gateway: WarehouseGateway,
        run_id: str,
        *,
        secrets: tuple[tuple[str, str], ...] = (),
        parser: ParsePool | None = None,
        refresh: bool = False,
        since: datetime | None = None,
        max_listing_pages: int | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self.source = source
        self.gateway = gateway
        self.run_id = run_id
        self.policy = fetch_policy(source, secrets)
        # Articles only: an answer that is clearly no page is refused (flows/media.py).
        self._page_policy = replace(self.policy, pages_only=True)
        self.refresh = refresh
        self.since = since
        self.max_listing_pages = max_listing_pages
        self.report = SourceReport(source.name)
        self.parser = parser or ParsePool(0)
        self.fetcher = fetcher.with_log(self._log_attempt)
        self._pending = Pending()
        self._counts = {"discovered": 0, "fetched": 0, "new": 0, "updated": 0,
                        "unchanged": 0, "failed": 0}
        self._progress = progress or (lambda _m: None)
        self._transient_failures = 0
        self._older = 0  # articles a backfill fetched but found older than --since
        self._writing = 0  # this source's batches being written now (group commit)
        self._written_at = -float("inf")  # monotonic end of this source's last write
        # Validators of known articles, sent on --refresh so unchanged ones cost a 304.
        self._article_validators: dict[str, Validators] = {}
        self._known_not_articles: set[str] = set()  # known pages found no article

    def _log_attempt(self, attempt: Attempt) -> None:
        self._pending.log.append(FetchRecord(
            url=attempt.url, started_at=attempt.started_at, status=attempt.status,
            bytes=attempt.bytes, elapsed_ms=attempt.elapsed_ms, attempt=attempt.attempt,
            error_class=attempt.error_class, error=attempt.error,
        ))
        if attempt.error_class is None:
            self.report.fetch_ms.append(attempt.elapsed_ms)
        if attempt.server_date is not None:
            ahead = (attempt.server_date - attempt.started_at).total_seconds()
            site = site_of(urlsplit(attempt.url).hostname or "")
            self.report.date_offsets.setdefault(site, []).append(ahead)

    async def run(self) -> SourceReport:
        """Run the whole source; per-URL failures are counted, never raised."""
        try:
            await self._run()
        except PressroomError as exc:
            self.report.error = f"{exc.error_class}: {exc}"
            self.report.failures.append(Failure.of(self.source.name, exc))
        finally:
            self.report.counts = RunCounts(**self._counts)
        return self.report

    async def _run(self) -> None:
        validators: dict[str, Validators] = {}
        # The stored copies of this source's feeds and listings that have validators
        # (read once: the unchanged ones are what _relisted lists), and the URLs asked.
        own: dict[str, StoredDocument] = {}
        asked: set[str] = set()
        # A refresh reads every feed in full; so does a blind run (the file is busy).
        if not self.refresh and not self.gateway.blind:
            entry_urls = [*self.source.feeds, *(lst.url for lst in self.source.listings)]
            cache = await self.gateway.call(
                lambda wh: wh.http_cache(self.source.name, entry_urls))
            if cache:
                # This source's own validators (v53: another's newer ETag got a 304 and
                # this source's older copy back); without a stored copy of the feed
                # (its pages row lost) it is read in full, not taken as a 304.
                asked = set(cache)
                own = await self.gateway.call(
                    lambda wh: wh.latest_documents(self.source.name, list(cache)))
                cache = {url: c for url, c in cache.items() if url in own}
            validators = {url: own_validators(c, own[url]) for url, c in cache.items()}
        discoverer = Discoverer(
            self.source, self.fetcher, self.policy, validators, since=self.since,
            max_listing_pages=self.max_listing_pages,
            known=None if self.refresh else self._known, stored=own, asked=self._asked_at,
            cached=self._cached_children,
        )
        discovery = await discoverer.run()
        self.report.failures.extend(discovery.failures)
        self._pending.mark_older_pages(discovery.older_pages)
        for failure in discovery.failures:  # fetched but unreadable: the log row says so
            self._pending.mark_logged(failure.url, failure.error_class, failure.message)
        self._counts["failed"] += len(discovery.failures)
        self._transient_failures += sum(
            1 for f in discovery.failures if f.transient
        )
        if discovery.failures and not discovery.candidates and not discovery.unchanged_feeds:
            first = discovery.failures[0]
            self.report.error = f"{first.error_class}: {first.message}"
        if discovery.sitemap_summary:
            self._progress(f"{self.source.name}: {discovery.sitemap_summary}")
        if discovery.gone_children:  # one line a run; asked again in their turn
            gone = list(discovery.gone_children)
            self._progress(f"{self.source.name}: warning: {len(gone)} child sitemap(s) its "
                           f"index lists answer 404/410, e.g. {gone[0]} (the site's to "
                           "mend; not a failure of the run)")
        if discovery.off_host:
            self._progress(f"{self.source.name}: ignored {discovery.off_host} link(s) to other "
                           "hosts (list them in allowed_hosts to follow them)")
        todo = await self._select(discovery, await self._relisted(discoverer, own, asked))
        await self._fetch_all(todo)
        await self._flush(final=True, discovery=discovery)
        if self._older:
            self._progress(f"{self.source.name}: {self._older} article(s) older than "
                           f"{self.since:%Y-%m-%d} not stored")

    async def _fetch_all(self, todo: list[Candidate]) -> None:
        # A fixed pool of workers, not one task per URL, so memory stays flat
        # however long the list is. Each page's outcome is committed in list
        # order (ORDER_WINDOW), so batches, and which of two copies of an
        # article wins, do not depend on which fetch or parse finished first.
        queue = iter(enumerate(todo))
        done = 0
        last_report = time.monotonic()
        ready: dict[int, Pending] = {}
        committed = 0  # outcomes of todo[:committed] are in self._pending
        moved = asyncio.Condition()
        if todo:
            self._progress(f"{self.source.name}: fetching {len(todo)} article(s)")

        def behind(i: int) -> Callable[[], bool]:
            return lambda: i - committed < ORDER_WINDOW

        async def worker() -> None:
            nonlocal done, last_report, committed
            for i, candidate in queue:  # a shared iterator: each URL goes to one worker
                if i - committed >= ORDER_WINDOW:
                    async with moved:
                        await moved.wait_for(behind(i))
                outcome = Pending()
                await self._fetch_one(candidate, outcome)
                ready[i] = outcome
                done += 1
                now = time.monotonic()
                if now - last_report >= PROGRESS_EVERY or done == len(todo):
                    last_report = now
                    self._progress(f"{self.source.name}: {done}/{len(todo)} articles done")
                while committed in ready:
                    self._pending.absorb(ready.pop(committed))
                    committed += 1
                    async with moved:
                        moved.notify_all()
                    if self._batch_due():
                        await self._flush(final=False)

        workers = max(2, self.source.concurrency * 2)
        await asyncio.gather(*(worker() for _ in range(min(workers, len(todo)))))

    def _batch_due(self) -> bool:
        """Whether the gathered articles are to be written now (see GROUP_ARTICLES)."""
        gathered = len(self._pending.articles)
        if gathered >= GROUP_ARTICLES:
            return True
        return (gathered >= BATCH_ARTICLES and not self._writing
                and time.monotonic() - self._written_at >= WRITE_EVERY)

    async def _flush(self, *, final: bool, discovery: Discovery | None = None) -> None:
        batch = self._pending.take(self.run_id, self.source.name, datetime.now(UTC))
        if final and discovery is not None:  # its documents' validators: flows.last_batch
            all_handled = (self._transient_failures == 0 and not self.report.later
                           and not self._older)
            batch = with_documents(batch, discovery, all_handled=all_handled)
        if not (batch.articles or batch.pages or batch.fetch_log or batch.seen or batch.cache
                or batch.retries):
            return
        self._writing += 1
        try:
            result = await self.gateway.write(batch)
        finally:
            self._writing -= 1
            self._written_at = time.monotonic()
        if result is None:
            self.report.staged += 1
            refused = self.gateway.refused
            if isinstance(refused, CatalogUnavailable | StorageUnavailable):
                self._progress(f"{self.source.name}: {refused}; batch staged in "
                               f"{self.gateway.spool.dir} (merged {until_note(refused)})")
            else:
                self._progress(f"{self.source.name}: database is locked; batch staged in "
                               f"{self.gateway.spool.dir} (merged when the lock frees)")
            return
        self._counts["new"] += result.new
        self._counts["updated"] += result.updated
        self._counts["unchanged"] += result.unchanged_urls
        self.report.add_stories(result)
