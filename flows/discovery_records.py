"""What discovery hands on: candidate article URLs, documents worth archiving, failures.

Kept apart from :mod:`flows.discover` (the walk itself): the parse workers, the
retry schedule and the run records import these and nothing that fetches.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from flows.config import SourceConfig
from flows.http_records import Fetched, Validators
from parsers.feeds import FeedItem
from parsers.urls import host_of
from pressroom.errors import PressroomError


@dataclass(frozen=True, slots=True)
class Candidate:
    """An article URL found by discovery, with what the feed said about it."""

    url: str
    title: str | None = None
    published_at: datetime | None = None
    modified_at: datetime | None = None

    def merged(self, other: Candidate) -> Candidate:
        """Two sightings of one URL: the first title and date, the latest modification."""
        modified = max((d for d in (self.modified_at, other.modified_at) if d is not None),
                       default=None)
        return Candidate(url=self.url, title=self.title or other.title,
                         published_at=self.published_at or other.published_at,
                         modified_at=modified)


@dataclass(frozen=True, slots=True)
class Document:
    """A feed or listing response worth archiving (changed since last time)."""

    kind: str  # "feed" | "listing"
    fetched: Fetched
    changed: bool = True
    # The validators it was asked with: a 304's row keeps their body hash (and any
    # validator the 304 left out), not the empty body's (k53v).
    asked: Validators | None = None


@dataclass(frozen=True, slots=True)
class Failure:
    """A URL that failed, with its error class (for ``runs`` and the artifact)."""

    url: str
    error_class: str
    message: str
    transient: bool = False
    older_page: bool = False  # a feed's older page: only the next backfill asks again

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
    older_pages: set[str] = field(default_factory=set)  # feeds' older pages asked (backfill)
    unchanged_feeds: int = 0
    off_host: int = 0
    child_sitemaps_listed: int = 0  # children named by the sitemap indexes read
    child_sitemaps_read: int = 0  # children actually requested
    child_sitemaps_stop: str | None = None  # why reading stopped early
    # Children an index lists that answer 404 or 410, and when: the site's mistake, said
    # in one line, not a failure of the run (s52); when asked, to take turns (http_cache).
    gone_children: dict[str, datetime] = field(default_factory=dict)
    # Children asked, with the validators they were asked with and when (k52s).
    children_asked: dict[str, tuple[Validators | None, datetime]] = field(default_factory=dict)

    @property
    def sitemap_summary(self) -> str | None:
        """'read 20 of 2,551 child sitemaps (cap)', or None without a sitemap index."""
        if not self.child_sitemaps_listed:
            return None
        why = f" ({self.child_sitemaps_stop})" if self.child_sitemaps_stop else ""
        return (f"read {self.child_sitemaps_read:,} of {self.child_sitemaps_listed:,} "
                f"child sitemaps{why}")


def source_hosts(source: SourceConfig) -> frozenset[str]:
    """Hosts a source's articles may live on: its feeds', listings' and allowed ones."""
    urls = [*source.feeds, *(listing.url for listing in source.listings)]
    return frozenset({host_of(u) for u in urls} | set(source.allowed_hosts))


def aware(when: datetime) -> datetime:
    """``when`` with UTC when it has no offset."""
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def newest_first(children: list[FeedItem],
                 asked: Mapping[int, datetime] | None = None) -> list[FeedItem]:
    """Child sitemaps by <lastmod>, newest first; undated ones after. Those alike
    (undated, or sharing one <lastmod>) least recently ``asked`` first (by position in
    ``children``; never asked before any), then in document order."""
    asked = asked or {}
    order = sorted(
        range(len(children)),
        key=lambda i: (children[i].modified_at is None,
                       -aware(children[i].modified_at or datetime.min).timestamp(),
                       aware(asked[i]).timestamp() if i in asked else -math.inf, i),
    )
    return [children[i] for i in order]


def not_after(when: datetime | None, horizon: datetime) -> datetime | None:
    """``when``, or None when it is later than ``horizon`` (a feed date in the future)."""
    return when if when is None or when <= horizon else None
