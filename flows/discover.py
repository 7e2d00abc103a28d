"""Discovery: turn a source's feeds, sitemaps and listing pages into candidate URLs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from urllib.parse import urljoin

from flows.config import Listing, SourceConfig
from flows.fetch import Fetched, Fetcher, FetchPolicy, Validators
from parsers.feeds import parse_feed
from parsers.listings import ListingLinks, parse_listing
from parsers.urls import host_of, normalize_url
from pressroom.errors import PressroomError

MAX_CHILD_SITEMAPS = 50
# Feed dates later than the fetch (plus this much clock skew) are not believed:
# a future <updated> would otherwise make an article look edited on every run.
CLOCK_SKEW = timedelta(minutes=10)


def _not_after(when: datetime | None, horizon: datetime) -> datetime | None:
    return when if when is None or when <= horizon else None


@dataclass(frozen=True, slots=True)
class Candidate:
    """An article URL found by discovery, with what the feed said about it."""

    url: str
    title: str | None = None
    published_at: datetime | None = None
    modified_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A feed or listing response worth archiving (changed since last time)."""

    kind: str  # "feed" | "listing"
    fetched: Fetched
    changed: bool = True


@dataclass(frozen=True, slots=True)
class Failure:
    """A URL that failed, with its error class (for ``runs`` and the artifact)."""

    url: str
    error_class: str
    message: str
    transient: bool = False

    @classmethod
    def of(cls, url: str, exc: PressroomError, message: str | None = None) -> Failure:
        """A failure from one of our errors."""
        return cls(url, exc.error_class, message or str(exc), exc.transient)


@dataclass
class Discovery:
    """What discovery found for one source in one run."""

    candidates: list[Candidate] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    unchanged_feeds: int = 0
    off_host: int = 0


def source_hosts(source: SourceConfig) -> frozenset[str]:
    """Hosts a source's articles may live on: its feeds', listings' and allowed ones."""
    urls = [*source.feeds, *(listing.url for listing in source.listings)]
    return frozenset({host_of(u) for u in urls} | set(source.allowed_hosts))


def _merge(old: Candidate, new: Candidate) -> Candidate:
    """Combine two sightings of one URL: first title and date, latest modification."""
    modified = max(
        (d for d in (old.modified_at, new.modified_at) if d is not None), default=None
    )
    return Candidate(
        url=old.url,
        title=old.title or new.title,
        published_at=old.published_at or new.published_at,
        modified_at=modified,
    )


class Discoverer:
    """Walks one source's feeds and listings through a shared :class:`Fetcher`."""

    def __init__(
        self,
        source: SourceConfig,
        fetcher: Fetcher,
        policy: FetchPolicy,
        validators: Mapping[str, Validators],
        *,
        since: datetime | None = None,
        max_listing_pages: int | None = None,
        archived: Callable[[], Awaitable[Mapping[str, bytes]]] | None = None,
    ) -> None:
        self.source = source
        # Last archived body per feed/listing URL: an unchanged feed still lists its items
        # (counted as listed, and known), so a re-run says "60 listed, 0 new".
        self._archived = archived
        self._archived_bodies: Mapping[str, bytes] | None = None
        self.fetcher = fetcher
        self.policy = policy
        self.validators = validators
        self.since = since
        self.max_listing_pages = max_listing_pages
        self.hosts = source_hosts(source)
        self.result = Discovery()
        self._seen: dict[str, int] = {}

    async def run(self) -> Discovery:
        """Read every feed and listing; failures are recorded, never raised."""
        for feed_url in self.source.feeds:
            await self._feed(feed_url, depth=0)
        for listing in self.source.listings:
            await self._listing(listing)
        return self.result

    async def _get(self, url: str, kind: str) -> Fetched | None:
        """Conditional GET; None when unchanged (304 or same body hash) or failed."""
        cached = self.validators.get(url)
        try:
            fetched = await self.fetcher.get(url, self.policy, validators=cached)
        except PressroomError as exc:
            self.result.failures.append(Failure.of(url, exc))
            return None
        if fetched.not_modified or (cached and cached.body_sha256 == fetched.body_sha256):
            self.result.unchanged_feeds += 1
            self.result.documents.append(Document(kind, fetched, changed=False))
            return None
        self.result.documents.append(Document(kind, fetched))
        return fetched

    def _add(self, href: str, base: str, **meta: datetime | str | None) -> None:
        try:
            url = normalize_url(href, base)
        except ValueError:
            return
        if host_of(url) not in self.hosts:
            self.result.off_host += 1  # feeds must not steer us to other hosts
            return
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
        if index is not None:
            # The same article in several feeds: keep what each one knows.
            self.result.candidates[index] = _merge(self.result.candidates[index], found)
            return
        if self.since is not None:
            when = found.published_at or found.modified_at
            if when is not None and when < self.since:
                return
        self._seen[url] = len(self.result.candidates)
        self.result.candidates.append(found)

    async def _unchanged_body(self, url: str) -> Fetched | None:
        """The unchanged feed or listing at ``url``, with the body it had when it last changed."""
        document = self.result.documents[-1] if self.result.documents else None
        if document is None or document.changed or document.fetched.url != url:
            return None
        if not document.fetched.not_modified:
            return document.fetched  # same hash: this response carries the body
        if self._archived is None:
            return None
        if self._archived_bodies is None:
            self._archived_bodies = await self._archived()
        body = self._archived_bodies.get(url)
        return None if body is None else replace(document.fetched, body=body)

    async def _feed(self, url: str, depth: int) -> None:
        fetched = await self._get(url, "feed")
        unchanged = fetched is None
        fetched = fetched or await self._unchanged_body(url)
        if fetched is None:
            return
        try:
            feed = parse_feed(fetched.body)
        except PressroomError as exc:
            self.result.failures.append(Failure.of(url, exc, f"{url}: {exc}"))
            return
        children = 0
        for item in feed.items:
            if item.is_feed:
                # An unchanged index is not walked again (its children are as they were).
                if unchanged or depth >= 2 or children >= MAX_CHILD_SITEMAPS:
                    continue
                if self.since and item.modified_at and item.modified_at < self.since:
                    continue
                try:
                    child = normalize_url(item.url, fetched.final_url)
                except ValueError:
                    continue
                if host_of(child) in self.hosts:
                    children += 1
                    await self._feed(child, depth + 1)
                continue
            horizon = fetched.fetched_at + CLOCK_SKEW
            self._add(item.url, fetched.final_url, title=item.title,
                      published_at=_not_after(item.published_at, horizon),
                      modified_at=_not_after(item.modified_at, horizon))

    async def _listing(self, listing: Listing) -> None:
        limit = self.max_listing_pages or listing.pages
        queue = [listing.url]
        visited: set[str] = set()
        replay = False  # past an unchanged page, the archived copies are read, not refetched
        while queue and len(visited) < limit:
            page_url = queue.pop(0)
            if page_url in visited:
                continue
            visited.add(page_url)
            fetched = None if replay else await self._get(page_url, "listing")
            if fetched is None:
                # Unchanged (so are the older pages behind it): their links are
                # still listed, from the archive.
                fetched = await self._archived_page(page_url, listing_replay=replay)
                replay = fetched is not None
            if fetched is None:
                continue
            found = self._listing_links(fetched, listing)
            if found is None or not found.articles:
                continue  # unparseable, or an empty page: walked past the end
            for href in found.next_pages:
                nxt = urljoin(fetched.final_url, href)
                if nxt not in visited:
                    queue.append(nxt)

    async def _archived_page(self, url: str, *, listing_replay: bool) -> Fetched | None:
        """The archived copy of a listing page behind an unchanged one."""
        if not listing_replay:
            return await self._unchanged_body(url)
        if self._archived is None:
            return None
        if self._archived_bodies is None:
            self._archived_bodies = await self._archived()
        body = self._archived_bodies.get(url)
        document = self.result.documents[-1]
        return None if body is None else replace(document.fetched, url=url, final_url=url,
                                                 body=body)

    def _listing_links(self, fetched: Fetched, listing: Listing) -> ListingLinks | None:
        """Add a listing page's article links; None (and a failure) if unparseable."""
        try:
            found = parse_listing(fetched.body, links=listing.links, next_selector=listing.next)
        except PressroomError as exc:
            self.result.failures.append(Failure.of(fetched.url, exc))
            return None
        for href in found.articles:
            self._add(href, fetched.final_url)
        return found
