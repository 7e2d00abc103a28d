"""Discovery: which URLs a source's feeds, sitemaps and listing pages name as candidates.

Which children of a sitemap index are read, and in what order, is decided in
:mod:`flows.sitemap_index`; what an unchanged feed lists, in :mod:`flows.relisted`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from flows.config import Listing, SourceConfig
from flows.discovery_records import (
    Candidate,
    Discovery,
    Document,
    Failure,
    aware,
    not_after,
    source_hosts,
)
from flows.http_records import Fetched, FetchPolicy, Validators
from flows.relisted import StoredFn, relisted_urls
from flows.sitemap_index import AskedFn, CachedFn, ReadURLs, SitemapIndexWalk, canonical
from parsers.dates import get_timezone
from parsers.feeds import Feed, parse_feed
from parsers.listings import feed_links, looks_like_html, parse_listing
from parsers.urls import host_of, join_url, normalize_url
from pressroom.errors import HTTPStatusError, PressroomError
from warehouse.records import StoredDocument

if TYPE_CHECKING:  # only a type here: importing discovery loads no httpx
    from flows.fetch import Fetcher

# Sitemap indexes nest at most this deep below the source's feed.
MAX_SITEMAP_DEPTH = 2
# Feed dates later than the fetch (plus this much clock skew) are not believed:
# a future <updated> would otherwise make an article look edited on every run.
CLOCK_SKEW = timedelta(minutes=10)
# Feeds read from home pages per run and source (1,000 advertised cost 1,000 requests).
MAX_HOME_FEEDS = 10
# Older pages of a paged feed a backfill reads per feed, when no --max-pages is given.
FEED_PAGES = 200


KnownFn = Callable[[list[str]], Awaitable[set[str]]]


class Discoverer(SitemapIndexWalk):
    """Walks one source's feeds and listings through a shared :class:`Fetcher`.

    Sitemap indexes are read newest child first, and reading stops at the
    source's ``max_child_sitemaps`` (per run), at children older than the
    window (``since`` in a backfill, else ``sitemap_max_age_days`` back when set), or at
    a child that adds nothing new: no URL that is not already ``known`` (to the
    warehouse) or seen earlier in this run, and none dated inside the window. Children
    their dates cannot order take turns, least recently ``asked`` first.
    """

    def __init__(
        self,
        source: SourceConfig,
        fetcher: Fetcher,
        policy: FetchPolicy,
        validators: Mapping[str, Validators],
        *,
        since: datetime | None = None,
        max_listing_pages: int | None = None,
        known: KnownFn | None = None,
        now: datetime | None = None,
        stored: Mapping[str, StoredDocument] | None = None,
        asked: AskedFn | None = None,
        cached: CachedFn | None = None,
    ) -> None:
        self.source = source
        self.fetcher = fetcher
        self.policy = policy
        self.validators = dict(validators)  # children's are added as they are read
        self.since = since
        self.max_listing_pages = max_listing_pages
        self.hosts = source_hosts(source)
        self.result = Discovery()
        self._seen: dict[str, int] = {}
        self._feeds_read: set[str] = set()  # a feed named twice (or by itself) is read once
        self._home_feeds_left = MAX_HOME_FEEDS
        self._known = known
        self._asked = asked  # when child sitemaps were last asked (flows.sitemap_index)
        self._children_asked = set()
        self._looked_up = set()  # children whose validators were looked up (one batch)
        self._children_listed = set()
        self._through = set()  # read as another URL's redirect target (flows.sitemap_index)
        self._cached = cached  # a child's validators and stored copy (flows.sitemap_index)
        self._stored = dict(stored or {})  # stored copies of the feeds (a 304 has no body)
        days = source.sitemap_max_age_days
        when = now or datetime.now(UTC)
        self.window_start = since or (when - timedelta(days=days) if days else None)
        # A backfill walks further back: its page budget also lifts the child cap.
        self.child_cap = max(source.max_child_sitemaps,
                             (max_listing_pages or 0) if since is not None else 0)

    async def run(self) -> Discovery:
        """Read every feed and listing; failures are recorded, never raised."""
        for feed_url in self.source.feeds:
            await self._feed(feed_url, depth=0)
        for listing in self.source.listings:
            await self._listing(listing)
        return self.result

    async def relisted(self, stored: StoredFn) -> set[str]:
        """Article URLs that this run's unchanged feeds and listing pages list, as last read.

        They are counted as listed, never fetched from here (an unchanged feed
        means its articles were handled). A 304 has no body: ``stored`` gives
        the newest stored copy of such URLs. An unchanged listing's next pages
        are read from the store too (up to the listing's page limit); the
        children of an unchanged sitemap index are not, so their URLs are not counted
        (those it names without a <lastmod> are read again by the walk, k51, and counted
        as any feed it reads is).
        """
        return await relisted_urls(self.result.documents, self.source, self.hosts, stored,
                                   self.max_listing_pages)

    async def _get(self, url: str, kind: str, conditional: bool = True) -> Fetched | str:
        """Conditional GET; 'unchanged' (304 or same body hash), 'read before' (a feed
        redirecting to one this run read: not followed, s54) or 'failed' otherwise."""
        cached = self.validators.get(url) if conditional else None
        if not conditional:
            self.result.older_pages.add(url)
        read = ReadURLs(self._feeds_read) if kind == "feed" else ()
        try:
            fetched = await self.fetcher.get(url, self.policy, validators=cached, read=read)
            if fetched.read_before:
                return "read before"
            if fetched.not_modified and cached is None:  # no body, nothing it is unchanged from
                raise HTTPStatusError("304 Not Modified, asked without validators", status=304)
        except PressroomError as exc:  # unconditional: an older page, asked by backfills only
            if self._gone_child(url, exc):
                return "failed"
            self.result.failures.append(Failure(url, exc.error_class, str(exc), exc.transient,
                                                older_page=not conditional))
            return "failed"
        if fetched.not_modified or (cached and cached.body_sha256 == fetched.body_sha256):
            self.result.unchanged_feeds += 1
            self.result.documents.append(Document(kind, fetched, changed=False, asked=cached))
            return "unchanged"
        self.result.documents.append(Document(kind, fetched))
        return fetched

    def _add(self, href: str, base: str, listed: set[str] | None = None,
             **meta: datetime | str | None) -> Candidate | None:
        """Record a link; return it when it is new in this run. ``listed`` collects the
        link when it is a candidate of the run (on a source host, in the window)."""
        try:
            url = normalize_url(href, base)
        except ValueError:
            return None
        if host_of(url) not in self.hosts:
            self.result.off_host += 1  # feeds must not steer us to other hosts
            return None
        title = meta.get("title")
        published = meta.get("published_at")
        modified = meta.get("modified_at")
        found = Candidate(
            url=url,
            title=title if isinstance(title, str) else None,
            published_at=published if isinstance(published, datetime) else None,
            modified_at=modified if isinstance(modified, datetime) else None,
        )
        index = self._seen.get(url)
        if index is None and self.since is not None:
            when = found.published_at or found.modified_at
            if when is not None and when < self.since:
                return None
        if listed is not None:
            listed.add(url)
        if index is not None:
            # The same article in several feeds: keep what each one knows.
            self.result.candidates[index] = self.result.candidates[index].merged(found)
            return None
        self._seen[url] = len(self.result.candidates)
        self.result.candidates.append(found)
        return found

    async def _feed(self, url: str, depth: int, walk: bool = True) -> int | None:
        """Read a feed or sitemap (and its children); the number of fresh URLs
        it added, or None when it could not be read (or was read before in this run).
        ``walk``: a backfill follows its older pages (not a sitemap index's children)."""
        if url in self._feeds_read:
            return None
        self._feeds_read.update((url, canonical(url)))  # as spelt and canonical (k54s)
        fetched = await self._get(url, "feed")
        if not isinstance(fetched, str) or fetched == "unchanged":
            self._read_at(url, self.result.documents[-1].fetched.final_url)
        if isinstance(fetched, str):
            if fetched != "unchanged":
                return None
            # An unchanged home page: the feeds it names change without it.
            last = self.result.documents[-1].fetched
            body, charset = last.body, last.charset
            if not body and url in self._stored:
                body, charset = self._stored[url].body, self._stored[url].encoding
            if depth < MAX_SITEMAP_DEPTH and looks_like_html(body):
                return await self._home_page(body, charset, last.final_url, depth) or 0
            if depth < MAX_SITEMAP_DEPTH and body:
                undated = await self._unchanged_index(body, charset, last.final_url, depth)
                if undated is not None:
                    return undated
            if walk and self.since is not None and body:
                # Its items were handled, not the older pages a backfill walks.
                with contextlib.suppress(PressroomError):
                    older = parse_feed(body, charset).next_url
                    return await self._older_pages(older, last.final_url) if older else 0
            return 0
        try:
            zone = get_timezone(self.source.timezone) or UTC  # for dates with no offset
            feed = parse_feed(fetched.body, fetched.charset, zone)
        except PressroomError as exc:
            if looks_like_html(fetched.body) and depth < MAX_SITEMAP_DEPTH:
                listed = await self._home_page(fetched.body, fetched.charset,
                                               fetched.final_url, depth)
                if listed is not None:
                    return listed
            self.result.failures.append(Failure.of(url, exc, f"{url}: {exc}"))
            return None
        added, in_window = self._items(feed, fetched)
        fresh = await self._fresh(added)
        children = [item for item in feed.items if item.is_feed]
        if children and depth < MAX_SITEMAP_DEPTH:
            fresh += await self._children(children, fetched.final_url, depth)
        if walk and self.since is not None and feed.next_url and in_window:
            fresh += await self._older_pages(feed.next_url, fetched.final_url, in_window)
        return fresh

    def _items(self, feed: Feed, fetched: Fetched) -> tuple[list[Candidate], set[str]]:
        """Record a feed's article links: those new in this run, and all it lists in the window."""
        added: list[Candidate] = []
        listed: set[str] = set()
        horizon = fetched.fetched_at + CLOCK_SKEW
        for item in feed.items:
            if item.is_feed:
                continue
            found = self._add(item.url, fetched.final_url, listed, title=item.title,
                              published_at=not_after(item.published_at, horizon),
                              modified_at=not_after(item.modified_at, horizon))
            if found is not None:
                added.append(found)
        return added, listed

    async def _older_pages(self, href: str, base: str, walked: set[str] | None = None) -> int:
        """A backfill reads a paged feed's older pages (``Feed.next_url``) on its hosts,
        until a page lists nothing in the window that its earlier pages (``walked``) did
        not (items all older than ``since``, or a loop), has no older page, or the page
        budget is spent. Items another feed or sitemap of the run listed do not end it.
        Fetched unconditionally: a page unchanged since a shorter backfill must not end it.
        """
        fresh, walked = 0, set(walked or ())
        pages_left = self.max_listing_pages or FEED_PAGES
        next_url: str | None = href
        while next_url and pages_left > 0:
            try:
                url = normalize_url(next_url, base)
            except ValueError:
                break
            if host_of(url) not in self.hosts:
                self.result.off_host += 1  # a feed must not steer us to other hosts
                break
            if url in self._feeds_read:
                break  # a page naming itself or an earlier page: the end of a loop
            self._feeds_read.add(url)
            pages_left -= 1
            fetched = await self._get(url, "feed", conditional=False)
            if isinstance(fetched, str):
                break
            try:
                zone = get_timezone(self.source.timezone) or UTC
                feed = parse_feed(fetched.body, fetched.charset, zone)
            except PressroomError as exc:
                self.result.failures.append(Failure(url, exc.error_class, f"{url}: {exc}",
                                                    exc.transient, older_page=True))
                break
            added, listed = self._items(feed, fetched)
            if not listed - walked:
                break
            walked |= listed
            fresh += await self._fresh(added)
            next_url, base = feed.next_url, fetched.final_url
        return fresh

    async def _home_page(self, body: bytes, charset: str | None, base: str,
                         depth: int) -> int | None:
        """A page named as a feed (a site's home page): read the feeds its
        ``<link rel="alternate">`` names (RSS, Atom, JSON Feed) on the source's hosts.

        None when it names none, so the page is reported as the feed failure it is.
        A feed read before in this run is not read again; :data:`MAX_HOME_FEEDS` per run.
        """
        try:
            hrefs = feed_links(body, charset)
        except PressroomError:
            return None
        named: dict[str, None] = {}  # in page order, once each
        for href in hrefs:
            try:
                link = normalize_url(href, base)
            except ValueError:
                continue
            if host_of(link) in self.hosts and link != base:
                named[link] = None
        if not named:
            return None
        # Taken before any is read, so the budget goes in page order, breadth first.
        urls = [link for link in named if link not in self._feeds_read][:self._home_feeds_left]
        self._home_feeds_left -= len(urls)
        fresh = 0
        for link in urls:
            fresh += await self._feed(link, depth + 1) or 0
        return fresh

    async def _fresh(self, added: list[Candidate]) -> int:
        """How many of ``added`` are unknown to the warehouse and not older than the window."""
        start = self.window_start
        recent = [c for c in added
                  if start is None or (c.published_at or c.modified_at) is None
                  or aware(c.published_at or c.modified_at or start) >= start]
        if not recent or self._known is None:
            return len(recent)
        known = await self._known([c.url for c in recent])
        return sum(1 for c in recent if c.url not in known)

    async def _listing(self, listing: Listing) -> None:
        limit = self.max_listing_pages or listing.pages
        queue = [listing.url]
        visited: set[str] = set()
        while queue and len(visited) < limit:
            page_url = queue.pop(0)
            if page_url in visited:
                continue
            visited.add(page_url)
            fetched = await self._get(page_url, "listing")
            if isinstance(fetched, str):
                continue
            try:
                found = parse_listing(fetched.body, links=listing.links,
                                      next_selector=listing.next, charset=fetched.charset)
            except PressroomError as exc:
                self.result.failures.append(Failure.of(page_url, exc))
                continue
            for href in found.articles:
                self._add(href, fetched.final_url)
            if not found.articles:
                continue  # an empty page: walked past the end of the archive
            for href in found.next_pages:
                try:
                    nxt = join_url(fetched.final_url, href)
                except ValueError:  # "http:///x": no host (parsers.urls, f50)
                    continue
                if nxt not in visited:
                    queue.append(nxt)
