"""What a source's run fetches of what discovery listed: the warehouse decides.

Mixed into :class:`flows.pipeline.SourceIngest`: URLs the warehouse knows are not
fetched again unless edited since (or on ``--refresh``); due retries join the list;
what is listed and not fetched is counted (unchanged, on the retry list, not articles).
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from flows.config import SourceConfig
from flows.discover import Discoverer
from flows.discovery_records import Candidate, Discovery
from flows.gateway import WRITE_LOCK_WAIT, WarehouseGateway
from flows.http_records import Validators
from flows.retry_schedule import with_due
from flows.source_records import SourceReport, own_validators
from pressroom.errors import WarehouseUnavailable
from warehouse import Warehouse
from warehouse.records import StoredDocument


class ListedSelection:
    """The selection steps of :class:`flows.pipeline.SourceIngest` (its attributes below)."""

    gateway: WarehouseGateway
    source: SourceConfig
    refresh: bool
    report: SourceReport
    _counts: dict[str, int]
    _article_validators: dict[str, Validators]
    _known_not_articles: set[str]

    async def _known(self, urls: list[str]) -> set[str]:
        """Which of ``urls`` the warehouse already knows (sitemap reading stops at them)."""
        try:
            unknown = await self.gateway.call(lambda wh: wh.unknown_urls(urls), WRITE_LOCK_WAIT)
        except WarehouseUnavailable:
            return set()  # cannot tell: reading goes on, up to the cap
        return set(urls) - set(unknown)

    async def _asked_at(self, urls: list[str]) -> dict[str, datetime]:
        """When this source last asked each of ``urls`` (child sitemaps), as its HTTP cache
        rows keep it (flows.sitemap_index takes them in turn; another source's asks do
        not count, v53); none known when it cannot tell."""
        if self.gateway.blind:
            return {}
        try:
            cache = await self.gateway.call(
                lambda wh: wh.http_cache(self.source.name, urls), WRITE_LOCK_WAIT)
        except WarehouseUnavailable:
            return {}
        return {url: c.fetched_at for url, c in cache.items() if c.fetched_at is not None}

    async def _cached_children(self, urls: list[str],
                               ) -> dict[str, tuple[Validators, StoredDocument]]:
        """This source's validators of child sitemaps and its stored copies of them, as a
        feed's are read at the start of a run (k52s; another source's, sharing a child,
        describe its own copy, v53), in one warehouse session for all ``urls`` (one a
        child before, s53); a child missing either is left out, and all are on a
        refresh or a blind run: those are read in full."""
        if self.refresh or self.gateway.blind or not urls:
            return {}

        def look(wh: Warehouse) -> dict[str, tuple[Validators, StoredDocument]]:
            # Only stamped (gone, or asked in a partial run): no validators to ask with.
            cache = {url: c for url, c in wh.http_cache(self.source.name, urls).items()
                     if c.etag or c.last_modified or c.body_sha256}
            own = wh.latest_documents(self.source.name, list(cache)) if cache else {}
            return {url: (own_validators(c, own[url]), own[url])
                    for url, c in cache.items() if url in own}

        try:
            return await self.gateway.call(look, WRITE_LOCK_WAIT)
        except WarehouseUnavailable:
            return {}

    async def _relisted(self, discoverer: Discoverer, own: dict[str, StoredDocument],
                        asked: set[str]) -> list[str]:
        """URLs listed by this run's unchanged feeds (as last read) and by no changed one:
        a quiet run says "60 listed, 0 new", not 0 listed.

        ``own`` holds the stored copies read at the start for the ``asked`` URLs (an
        unchanged feed is one of them); only other URLs (a listing's next pages) are
        read here."""

        async def stored(urls: list[str]) -> dict[str, StoredDocument]:
            found = {url: own[url] for url in urls if url in own}
            rest = [url for url in urls if url not in asked]
            if not rest or self.gateway.blind:
                return found
            with contextlib.suppress(WarehouseUnavailable):  # cannot tell: not counted
                found.update(await self.gateway.call(
                    lambda wh: wh.latest_documents(self.source.name, rest), WRITE_LOCK_WAIT))
            return found

        listed = {c.url for c in discoverer.result.candidates}
        return sorted(await discoverer.relisted(stored) - listed)

    async def _select(self, discovery: Discovery, relisted: list[str]) -> list[Candidate]:
        """Drop URLs the warehouse already has (unless edited since, or refresh).

        ``relisted`` (URLs of unchanged feeds) are only counted: listed, and
        unchanged when stored; they are not fetched.
        """
        # Not cut to max_articles here: the cap bounds fetches, not what is listed (cut
        # first, a feed listing more known URLs than the cap hid its unknown ones).
        candidates = discovery.candidates
        if self.gateway.blind:
            # The file is busy: what is stored is unknown, so every listed URL is
            # fetched; the merge later finds the known ones unchanged.
            self._counts["discovered"] = len(candidates) + len(relisted)
            self.report.later = max(0, len(candidates) - self.source.max_articles)
            return candidates[: self.source.max_articles]
        urls = [c.url for c in candidates]
        dated = [(c.url, c.modified_at) for c in candidates if c.modified_at is not None]
        now = datetime.now(UTC)
        limit = self.source.max_articles

        def pick(wh: Warehouse) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
            # Only this source's own marks: another's claims never hide a URL from it.
            unknown = wh.unknown_urls(urls, self.source.name)
            stale = wh.stale_urls(dated) if dated else []
            known = sorted(set(urls) - set(unknown))
            if known:
                wh.touch_seen(known, now)
            relisted_unknown = wh.unknown_urls(relisted, self.source.name) if relisted else []
            # --refresh rechecks stored articles; a URL on the retry schedule keeps its
            # backoff (asked again each refresh, a 404 was given up in five runs).
            held = [url for url, why in wh.skipped_outcomes(known, self.source.name).items()
                    if why == "retry_list"] if self.refresh and known else []
            return (unknown, stale, wh.due_retries(self.source.name, now, limit),
                    relisted_unknown, held)

        unknown, stale, due, relisted_unknown, held = await self.gateway.call(pick)
        candidates = with_due(candidates, due)  # retries due, listed or not
        urls = [c.url for c in candidates]
        extra = set(relisted) - set(urls)
        self._counts["discovered"] = len(candidates) + len(extra)
        wanted = ((set(urls) - set(held)) | set(due) if self.refresh
                  else set(unknown) | set(stale) | set(due))
        await self._count_skipped((set(urls) - wanted) | (extra - set(relisted_unknown)))
        known_wanted = sorted(wanted - set(unknown))
        if known_wanted:
            # This source's own: another's describe its newer copy (v53).
            cache, why = await self.gateway.call(
                lambda wh: (wh.http_cache(self.source.name, known_wanted),
                            wh.skipped_outcomes(known_wanted, self.source.name)))
            # Known pages found no article: asked again and unchanged, they are still
            # "not articles", not "unchanged" (r54: a --refresh counted them unchanged).
            self._known_not_articles = {url for url, w in why.items() if w == "not_article"}
            self._article_validators = {
                url: Validators(c.etag, c.last_modified, c.body_sha256)
                for url, c in cache.items()
            }
        # max_articles bounds the fetches, due retries included: listed URLs first,
        # retries past the cap stay due for the next run.
        todo = [c for c in candidates if c.url in wanted]
        self.report.later = max(0, len(todo) - self.source.max_articles)
        return todo[: self.source.max_articles]

    async def _count_skipped(self, skipped: set[str]) -> None:
        """Count listed URLs that are not fetched: stored articles are unchanged, the
        others are on the retry list or not articles."""
        if not skipped:
            return
        why = await self.gateway.call(
            lambda wh: wh.skipped_outcomes(sorted(skipped), self.source.name))
        outcomes = list(why.values())
        self.report.retry_list += outcomes.count("retry_list")
        self.report.not_articles += outcomes.count("not_article")
        self._counts["unchanged"] += len(skipped) - len(outcomes)
