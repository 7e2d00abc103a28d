"""Which children of a sitemap index a run reads, and in what order.

Mixed into :class:`flows.discover.Discoverer` (its attributes below): an index's
children are read newest first, up to the source's cap, down to the window, until a
child adds nothing new; an unchanged index still has its undated children read (k51).
Children whose dates cannot order them (undated, or one <lastmod> for all) take turns,
least recently asked first, so an index of more than the cap has each read in turn; a
child answering 404 or 410 is the site's mistake, said in one line, not a failure (s52).
A child is asked with the validators the HTTP cache keeps for it, as a feed is: an
unchanged child costs a 304 and is not archived again (k52s).
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime

from flows.discovery_records import Discovery, aware, newest_first
from flows.http_records import Validators
from parsers.feeds import FeedItem, may_be_sitemap_index, parse_feed
from parsers.urls import host_of, normalize_url
from pressroom.errors import HTTPStatusError, PressroomError
from warehouse.records import StoredDocument

# When each URL was last asked (the warehouse's http_cache.fetched_at), for those asked.
AskedFn = Callable[[list[str]], Awaitable[Mapping[str, datetime]]]
# Children's validators and this source's stored copies of them (a 304 has no body), for
# those of the URLs that have both; the others are read in full (flows.selection).
CachedFn = Callable[[list[str]], Awaitable[Mapping[str, tuple[Validators, StoredDocument]]]]
# A child answering these is gone from the site (404 Not Found, 410 Gone): the index lists
# it by the site's mistake. Any other failure (5xx, a timeout) is the run's, as before.
GONE = frozenset({404, 410})


class SitemapIndexWalk:
    """The sitemap-index steps of :class:`flows.discover.Discoverer`."""

    result: Discovery
    hosts: frozenset[str]
    child_cap: int
    window_start: datetime | None
    _feeds_read: set[str]
    _asked: AskedFn | None
    _cached: CachedFn | None
    _children_asked: set[str]  # child sitemaps requested in this run
    _looked_up: set[str]  # children whose validators were asked of the warehouse
    _children_listed: set[str]  # child sitemaps named by the indexes read in this run
    _through: set[str]  # URLs read in this run as the target of another URL's redirect
    validators: dict[str, Validators]
    _stored: dict[str, StoredDocument]

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
        for item in children:  # a child named twice (by one index or two) counts once
            try:
                self._children_listed.add(normalize_url(item.url, base))
            except ValueError:
                self._children_listed.add(item.url)
        self.result.child_sitemaps_listed = len(self._children_listed)
        fresh = 0
        nothing_since: datetime | None = None
        ordered = await self._in_turn(children, base)
        for pos, item in enumerate(ordered):
            through = self._read_through(item, base)
            if through is not None:  # read in this run through another's redirect (s54)
                await self._child_validators(through, ordered[pos:], base)  # its turn
                continue
            if self.result.child_sitemaps_read >= self.child_cap:
                self.result.child_sitemaps_stop = "cap"
                continue  # on, to give the children read through a redirect their turn
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
            self._children_asked.add(child)
            await self._child_validators(child, ordered[pos:], base)
            # Not walked: each of up to --max-pages children walked cost pages squared.
            found = await self._feed(child, depth + 1, walk=False)
            if found == 0 and item.modified_at is not None:
                nothing_since = aware(item.modified_at)
            fresh += found or 0
        return fresh

    async def _in_turn(self, children: list[FeedItem], base: str) -> list[FeedItem]:
        """``children`` newest first; those their dates cannot order (undated, or sharing
        one <lastmod>) least recently asked first: read in document order every run, the
        first ``max_child_sitemaps`` of an undated index were read and the rest never
        (k51's left). Asked of the warehouse only when the cap leaves some unread."""
        stamps = [c.modified_at for c in children if c.modified_at is not None]
        alike = len(stamps) < len(children) or len(set(stamps)) < len(stamps)
        left = self.child_cap - self.result.child_sitemaps_read
        if self._asked is None or not alike or len(children) <= left:
            return newest_first(children)
        urls: dict[int, str] = {}
        for i, item in enumerate(children):
            with contextlib.suppress(ValueError):
                urls[i] = normalize_url(item.url, base)
        asked = await self._asked(list(dict.fromkeys(urls.values())))
        return newest_first(children, {i: asked[u] for i, u in urls.items() if u in asked})

    async def _child_validators(self, child: str, upcoming: list[FeedItem],
                                base: str) -> None:
        """Take a child's validators (and stored copy) from the warehouse, so an unchanged
        child costs a 304 and adds no copy to the archive: without them every child read
        was a full GET archived again each run (k52s). Asked with those of the children
        after it (``upcoming``) this run may still read, up to the cap: one warehouse
        session an index, not one a child (s53). Its validators as they were before this
        run are kept in ``result.children_asked``: a run that saves none (partial) still
        stamps when it asked each child, so the turns move on (k52s)."""
        if child not in self.validators and child not in self._looked_up \
                and self._cached is not None:
            room = self.child_cap - self.result.child_sitemaps_read + 1  # this one counted
            batch = [child, *(u for u in self._child_urls(upcoming, base) if u != child)]
            batch = [u for u in dict.fromkeys(batch)
                     if u not in self.validators and u not in self._looked_up][:room]
            self._looked_up.update(batch)
            for url, (validators, stored) in (await self._cached(batch)).items():
                self.validators[url], self._stored[url] = validators, stored
        self.result.children_asked[child] = (self.validators.get(child), datetime.now(UTC))

    def _read_at(self, url: str, final: str) -> None:
        """``url`` was read, its answer coming from ``final``: a feed or child naming
        ``final`` is not read again in this run, nor a redirect to it followed (s54: a
        child redirecting to another the index lists had that one read twice a run)."""
        if final != url:
            # As spelt, and as an index spells it (k54s: a fragment or a dot segment in
            # the Location had the child read twice).
            canonical_url = canonical(final)
            self._feeds_read.update((final, canonical_url))
            self._through.add(canonical_url)

    def _read_through(self, item: FeedItem, base: str) -> str | None:
        """The URL of child ``item`` when this run read it through another URL's
        redirect and has not yet stamped it asked; None otherwise."""
        try:
            url = normalize_url(item.url, base)
        except ValueError:
            return None
        if url in self._through and url not in self.result.children_asked \
                and host_of(url) in self.hosts:
            return url
        return None

    def _child_urls(self, items: list[FeedItem], base: str) -> list[str]:
        """The URLs of ``items`` a run may read: on the source's hosts, not read yet, not
        older than the window."""
        start, urls = self.window_start, []
        for item in items:
            if start is not None and item.modified_at is not None \
                    and aware(item.modified_at) < start:
                continue
            with contextlib.suppress(ValueError):
                url = normalize_url(item.url, base)
                if host_of(url) in self.hosts and url not in self._feeds_read:
                    urls.append(url)
        return urls

    def _gone_child(self, url: str, exc: PressroomError) -> bool:
        """Whether ``exc`` says a child this run asked is gone (404, 410): kept aside
        with the time it was asked (so it takes its turn), not a failure of the run."""
        if url not in self._children_asked or not isinstance(exc, HTTPStatusError) \
                or exc.status not in GONE:
            return False
        self.result.gone_children[url] = datetime.now(UTC)
        return True


class ReadURLs:
    """The URLs a run read (``Fetcher.get``'s ``read``), matched as their canonical
    spelling: a redirect to a read URL spelt with a fragment or a dot segment was
    followed, the URL read twice in the run (k54s)."""

    def __init__(self, urls: set[str]) -> None:
        self._urls = urls

    def __contains__(self, url: object) -> bool:
        # Every URL read is in the set as spelt and canonical (Discoverer._feed).
        return isinstance(url, str) and (url in self._urls or canonical(url) in self._urls)


def canonical(url: str) -> str:
    """``url`` as :func:`normalize_url` spells it; as given when it cannot."""
    with contextlib.suppress(ValueError):
        return normalize_url(url)
    return url
