"""The records one source's run builds (used by :mod:`flows.pipeline`).

:class:`SourceReport` is what the run reports (counts, failures, fetch times,
story counts); :class:`Pending` collects a batch between flushes; and the page
archive and HTTP cache rows are made from a fetch here.
"""

from __future__ import annotations

import hashlib
import statistics
from dataclasses import dataclass, field, replace
from datetime import datetime

from flows.discovery_records import Failure
from flows.http_records import Fetched, Validators
from parsers import Article
from parsers.story_text import StoryText
from warehouse.records import (
    Batch,
    BatchResult,
    CacheEntry,
    FetchRecord,
    PageRecord,
    RetryMark,
    RunCounts,
    SeenURL,
    StoredDocument,
)

# What a 304 row held before k53v (and migration 021 kept): the hash of no bytes.
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


@dataclass
class SourceReport:
    """Counts, failures and timings of one source in one run."""

    source: str
    counts: RunCounts = field(default_factory=RunCounts)
    failures: list[Failure] = field(default_factory=list)
    fetch_ms: list[float] = field(default_factory=list)
    error: str | None = None
    staged: int = 0  # batches waiting in the spool for the lock
    skipped: str | None = None  # why the source did not run at all
    held_by_backfill: bool = False  # skipped because a backfill holds the source
    holder_run: str | None = None  # run_id of the run that held it (its lock file)
    new_stories: int = 0  # stored articles that started a story (issue 16)
    new_copies: int = 0  # stored articles that joined an existing story
    # Listed URLs that are neither articles nor failures, outside RunCounts (the
    # runs table keeps its columns): pages found to be listings or empty (this run
    # or before), and known URLs on the retry schedule that were not due.
    not_articles: int = 0
    retry_list: int = 0
    # How this run's failures are asked again: `scheduled` went on the retry schedule,
    # `unparsed` (a page the parsers refused) is not asked again; the rest (timeouts,
    # 5xx, feeds) are asked by the next run. `older`: a backfill's articles older than
    # --since, fetched but not stored.
    scheduled: int = 0
    unparsed: int = 0
    older: int = 0
    later: int = 0  # listed, unknown, over max_articles: the next run fetches them
    # Seconds each response's Date was ahead of this host's clock, by site
    # (flows.clock_witness: is this host's clock behind?).
    date_offsets: dict[str, list[float]] = field(default_factory=dict)

    def add(self, result: BatchResult) -> None:
        """Count a batch that was merged from the spool."""
        c = self.counts
        self.counts = replace(c, new=c.new + result.new, updated=c.updated + result.updated,
                              unchanged=c.unchanged + result.unchanged_urls)
        self.add_stories(result)

    def add_stories(self, result: BatchResult) -> None:
        """Count the stories a written batch started and the copies it added."""
        self.new_stories += result.new_stories
        self.new_copies += result.new_copies

    @property
    def status(self) -> str:
        """'held' (skipped: a backfill holds the source), 'skipped' (another run of
        it holds it), 'failed' (nothing could be discovered at all), 'partial' (some
        URLs or feeds failed) or 'ok'."""
        if self.held_by_backfill:
            return "held"
        if self.skipped:
            return "skipped"
        if self.error:
            return "failed"
        return "partial" if self.failures else "ok"

    def percentile(self, q: float) -> float | None:
        """Fetch time percentile in ms (``q`` in 0..100)."""
        if not self.fetch_ms:
            return None
        if len(self.fetch_ms) == 1:
            return self.fetch_ms[0]
        cuts = statistics.quantiles(self.fetch_ms, n=100, method="inclusive")
        return cuts[max(0, min(98, round(q) - 1))]


@dataclass
class Pending:
    """What a source has collected since the last flush."""

    articles: list[Article] = field(default_factory=list)
    pages: list[PageRecord] = field(default_factory=list)
    log: list[FetchRecord] = field(default_factory=list)
    seen: list[SeenURL] = field(default_factory=list)
    retries: list[RetryMark] = field(default_factory=list)
    cache: list[tuple[str, CacheEntry]] = field(default_factory=list)
    story_texts: list[tuple[str, StoryText]] = field(default_factory=list)

    def absorb(self, other: Pending) -> None:
        """Append what one page produced (everything but the fetch log, kept as it happens)."""
        self.articles += other.articles
        self.pages += other.pages
        self.seen += other.seen
        self.retries += other.retries
        self.cache += other.cache
        self.story_texts += other.story_texts

    def mark_logged(self, url: str, error_class: str, error: str) -> None:
        """Put a failure found after the request (a feed that cannot be read) on the
        request's fetch_log row, so `status --retries` lists the URL."""
        for i in range(len(self.log) - 1, -1, -1):
            record = self.log[i]
            if record.url == url and record.error_class is None:
                self.log[i] = replace(record, error_class=error_class, error=error[:500])
                return

    def mark_older_pages(self, urls: set[str]) -> None:
        """Mark the requests of a feed's older pages (``fetch_log.older_page``): only the
        next backfill asks a failed one again, and `status --retries` says so."""
        self.log = [replace(r, older_page=True) if r.url in urls else r for r in self.log]

    def take(self, run_id: str, source: str, now: datetime) -> Batch:
        """Everything collected so far as one :class:`Batch`; start empty again."""
        batch = Batch(run_id=run_id, source=source, fetched_at=now,
                      articles=tuple(self.articles), pages=tuple(self.pages),
                      fetch_log=tuple(self.log), seen=tuple(self.seen),
                      retries=tuple(self.retries), cache=tuple(self.cache),
                      story_texts=tuple(self.story_texts))
        self.articles, self.pages, self.log, self.seen = [], [], [], []
        self.retries, self.cache, self.story_texts = [], [], []
        return batch


def page_record(fetched: Fetched, kind: str) -> PageRecord:
    """The archive row of a fetched page (``kind``: article, listing, feed...)."""
    return PageRecord(
        url=fetched.url, fetched_at=fetched.fetched_at, kind=kind,  # type: ignore[arg-type]
        status=fetched.status, final_url=fetched.final_url,
        headers=tuple(sorted(fetched.headers.items())),
        content_type=fetched.headers.get("content-type"), encoding=fetched.charset,
        body=fetched.body, sha256=fetched.body_sha256,
    )


def cache_entry(fetched: Fetched, asked: Validators | None = None) -> CacheEntry:
    """The HTTP cache row of a fetched page: its validators and body hash. A 304 to
    ``asked`` keeps the hash of the copy it confirms and any validator it did not repeat
    (RFC 9110 15.4.5: a 304 need not carry Last-Modified): the empty body's hash made
    the same bytes under a new ETag a changed feed, and a dropped Last-Modified made
    every other run a full read (k53v). An answer through a redirect keeps only its body's
    hash: its ETag and Last-Modified are the target's, and sent to the URL asked once it
    stops redirecting they could earn a 304 for a copy that is not its own (s54)."""
    if fetched.not_modified and asked is not None:
        return CacheEntry(
            etag=fetched.headers.get("etag") or asked.etag,
            last_modified=fetched.headers.get("last-modified") or asked.last_modified,
            body_sha256=asked.body_sha256,
            fetched_at=fetched.fetched_at,
        )
    own = fetched.final_url == fetched.url
    return CacheEntry(
        etag=fetched.headers.get("etag") if own else None,
        last_modified=fetched.headers.get("last-modified") if own else None,
        body_sha256=fetched.body_sha256,
        fetched_at=fetched.fetched_at,
    )


def own_validators(cached: CacheEntry, copy: StoredDocument) -> Validators:
    """A source's validators of a feed, listing or child it holds ``copy`` of. A row a
    304 wrote before k53v (kept by migration 021) holds the empty body's hash, not the
    copy's: the same bytes under a new ETag were taken as changed and stored again, so
    the copy's own hash is compared instead."""
    sha = cached.body_sha256
    if not sha or sha == EMPTY_SHA256:
        sha = hashlib.sha256(copy.body).hexdigest()
    return Validators(cached.etag, cached.last_modified, sha)
