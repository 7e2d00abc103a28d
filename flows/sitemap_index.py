"""Which children of a sitemap index a run reads, and in what order.

Mixed into :class:`flows.discover.Discoverer` (its attributes below): an index's
children are read newest first, up to the source's cap, down to the window, until a
child adds nothing new; an unchanged index still has its undated children read (k51).
"""

from __future__ import annotations

import contextlib
from datetime import datetime

from flows.discovery_records import Discovery, aware, newest_first
from parsers.feeds import FeedItem, may_be_sitemap_index, parse_feed
from parsers.urls import host_of, normalize_url
from pressroom.errors import PressroomError


class SitemapIndexWalk:
    """The sitemap-index steps of :class:`flows.discover.Discoverer`."""

    result: Discovery
    hosts: frozenset[str]
    child_cap: int
    window_start: datetime | None
    _feeds_read: set[str]

    async def _feed(self, url: str, depth: int, walk: bool = True) -> int | None:
        raise NotImplementedError  # flows.discover.Discoverer._feed

    async def _unchanged_index(self, body: bytes, charset: str | None, base: str,
                               depth: int) -> int | None:
        """An unchanged feed's stored body, when it is a sitemap index naming undated
        children: what reading them added; None otherwise."""
        if may_be_sitemap_index(body):
            # An unchanged sitemap index: a child it names without a <lastmod>
            # changes without it (k51), as a home page's feeds do. Only an index is
            # parsed here (k51o: an unchanged urlset or feed is read by relisted).
            with contextlib.suppress(PressroomError):
                undated = [item for item in parse_feed(body, charset).items
                           if item.is_feed and item.modified_at is None]
                if undated:
                    return await self._children(undated, base, depth)
        return None

    async def _children(self, children: list[FeedItem], base: str, depth: int) -> int:
        """Read child sitemaps newest first, until the cap, the window or nothing new.

        Nothing new in a child dated T skips the children dated before T only: one
        sharing its <lastmod> (an index stamping every child with its own generation
        time) or with none says nothing by its place in the index (k51).
        """
        self.result.child_sitemaps_listed += len(children)
        fresh = 0
        nothing_since: datetime | None = None
        for item in newest_first(children):
            if self.result.child_sitemaps_read >= self.child_cap:
                self.result.child_sitemaps_stop = "cap"
                break
            if nothing_since is not None and item.modified_at is not None \
                    and aware(item.modified_at) < nothing_since:
                # Named where a child is skipped: the loop reads on past the empty child
                # (those sharing its <lastmod> or without one), so a stop said there was none.
                self.result.child_sitemaps_stop = "nothing new after that"
                continue
            start = self.window_start
            if start is not None and item.modified_at is not None \
                    and aware(item.modified_at) < start:
                # Older than the window: not worth a request (undated ones still are).
                self.result.child_sitemaps_stop = "older than the window"
                continue
            try:
                child = normalize_url(item.url, base)
            except ValueError:
                continue
            if host_of(child) not in self.hosts or child in self._feeds_read:
                continue  # (named twice, or the index itself: not a read)
            self.result.child_sitemaps_read += 1
            # Not walked: each of up to --max-pages children walked cost pages squared.
            found = await self._feed(child, depth + 1, walk=False)
            if found == 0 and item.modified_at is not None:
                nothing_since = aware(item.modified_at)
            fresh += found or 0
        return fresh
