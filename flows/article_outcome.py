"""What one listed article's answer becomes in a source's run.

Mixed into :class:`flows.pipeline.SourceIngest`: a failed fetch is counted and, when
transient, marked for a retry after a backoff; a 304 or the same bytes is unchanged; a
304 asked without validators or a blank body is a failure asked again next run; a parsed
page is stored as an article, marked seen as no article, or (older than ``--since``) left
for an earlier backfill. A failure found after the fetch is put on the fetch_log row of
the request that answered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from flows.config import SourceConfig
from flows.discovery_records import Candidate, Failure
from flows.fetch import Fetcher
from flows.http_records import FetchPolicy, Validators, blank_body
from flows.parsepool import ParsePool
from flows.retry_schedule import retry_mark
from flows.source_records import Pending, SourceReport, cache_entry, page_record
from pressroom.errors import EmptyBody, PressroomError
from warehouse.records import SeenURL


class ArticleOutcome:
    """The per-article steps of :class:`flows.pipeline.SourceIngest` (its attributes below)."""

    source: SourceConfig
    since: datetime | None
    report: SourceReport
    parser: ParsePool
    fetcher: Fetcher
    _page_policy: FetchPolicy
    _pending: Pending
    _counts: dict[str, int]
    _progress: Callable[[str], None]
    _transient_failures: int
    _older: int
    _article_validators: dict[str, Validators]
    _known_not_articles: set[str]

    async def _fetch_one(self, candidate: Candidate, out: Pending) -> None:
        """Fetch and parse one URL; what is to be stored goes to ``out``."""
        cached = self._article_validators.get(candidate.url)
        try:
            fetched = await self.fetcher.get(candidate.url, self._page_policy,
                                             validators=cached)
        except PressroomError as exc:
            self._fail(candidate.url, exc)
            mark = retry_mark(candidate.url, exc, datetime.now(UTC))
            if mark is not None:  # asked again after a backoff, not written off
                out.retries.append(mark)
                self.report.scheduled += 1
            return
        if fetched.not_modified and cached is None:
            # A 304 to a request that sent no validators (a broken server or cache, k52):
            # nothing stored to be unchanged from. Counted "unchanged", it was never
            # stored nor marked seen, and the feed's validators hid it from later runs.
            unasked = EmptyBody(f"HTTP 304 Not Modified at {fetched.final_url}, asked "
                                "without validators: nothing to be unchanged from; asked "
                                "again next run")
            self._fail(candidate.url, unasked)
            self._mark_logged_failure(candidate.url, fetched.final_url, unasked)
            return
        if fetched.not_modified or (cached and cached.body_sha256 == fetched.body_sha256):
            # A 304, or the same bytes: nothing to parse. Asked and answered, so fetched
            # too (u54: a --refresh asking every known article said "0 fetched").
            self._counts["fetched"] += 1
            if candidate.url in self._known_not_articles:  # still a listing or empty
                self.report.not_articles += 1
            else:
                self._counts["unchanged"] += 1
            return
        if blank_body(fetched.body):
            # A blank 2xx or 204 (an overloaded origin, a cache that lost the object) is
            # a glitch of the moment, not a page found empty: not marked seen, not archived,
            # no validators kept, so the next run asks it again (README, "Nothing lost").
            blank = EmptyBody(f"HTTP {fetched.status} with no body at {fetched.final_url}; "
                              "asked again next run")
            self._fail(candidate.url, blank)
            self._mark_logged_failure(candidate.url, fetched.final_url, blank)
            return
        self._counts["fetched"] += 1
        out.cache.append((candidate.url, cache_entry(fetched)))
        out.pages.append(page_record(fetched, "article"))
        try:
            article, text = await self.parser.parse_page(fetched, self.source, candidate)
        except PressroomError as exc:
            self._fail(candidate.url, exc)
            self._mark_logged_failure(candidate.url, fetched.final_url, exc)
            if exc.transient:  # the parser process died on it: quarantined, not a verdict
                self._progress(f"{self.source.name}: {exc}")
                return  # not marked seen: the next run parses it again
            self.report.unparsed += 1
            out.seen.append(SeenURL(candidate.url, "not_article"))
            return
        if article.kind != "article":
            self.report.not_articles += 1
            out.seen.append(SeenURL(candidate.url, "not_article"))
            return
        if self.since and article.published_at and article.published_at < self.since:
            # Listing pages carry no dates: a backfill learns an article is older than
            # --since only here. Not stored, not marked seen (an earlier --since may want it).
            self._older += 1
            self.report.older += 1
            return
        out.articles.append(article)
        if text is not None:
            out.story_texts.append((article.content_hash, text))
        out.seen.append(SeenURL(candidate.url, "article", article.article_id))

    def _mark_logged_failure(self, asked: str, final: str, exc: PressroomError) -> None:
        """Put a post-fetch failure (a parse error, a blank body) on the fetch_log row of
        the request that answered, moved under the URL asked (naming the target), as a
        failing hop's row is (f50). Under the target, `status --retries` listed a URL no
        run asks `next_run` (a parse failure's URL asked is seen: asked by none; a blank
        body's is asked again, and was not listed). k50a."""
        error = str(exc)
        if final != asked and final not in error:  # the message kept, the target named
            error = f"{error[:300]} (at {final})"
        for i in range(len(self._pending.log) - 1, -1, -1):
            record = self._pending.log[i]
            if record.url == final and record.error_class is None:
                self._pending.log[i] = replace(record, url=asked, error_class=exc.error_class,
                                               error=error[:500])
                return

    def _fail(self, url: str, exc: PressroomError) -> None:
        self._counts["failed"] += 1
        if exc.transient:
            self._transient_failures += 1
        self.report.failures.append(Failure.of(url, exc))
