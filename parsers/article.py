"""The Article record: the one shape every stage after parsing works with."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from parsers.urls import identity_key

ArticleKind = Literal["article", "listing", "empty"]


def article_id_for(canonical_url: str) -> str:
    """Stable id of an article: a short hash of its canonical URL's identity key.

    The key ignores the scheme and a trailing slash (:func:`parsers.urls.identity_key`);
    for https URLs without one it is the URL itself, so those ids are unchanged.
    """
    return spelling_id(identity_key(canonical_url))


def spelling_id(url: str) -> str:
    """Short hash of one exact spelling (how ids were made before identity keys)."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:20]


def content_hash_for(title: str | None, body: str) -> str:
    """Hash of what makes a new version: the title and the body text."""
    digest = hashlib.sha256()
    digest.update((title or "").encode("utf-8"))
    digest.update(b"\x00")
    digest.update(body.encode("utf-8"))
    return digest.hexdigest()


def local_day_and_offset(value: datetime | None) -> tuple[date | None, int | None]:
    """The calendar day of an aware ``value`` in its own offset, and that offset in minutes."""
    if value is None:
        return None, None
    offset = value.utcoffset()
    if offset is None:
        return None, None
    return value.date(), round(offset.total_seconds() / 60)


@dataclass(frozen=True, slots=True)
class Article:
    """One press release, normalised.

    Dates are timezone-aware and keep the offset the page gave them (a page that
    says 00:30+03:00 stays at +03:00, not 21:30 UTC the day before): the day the
    reader saw is ``published_local_date``, the offset from UTC in minutes is
    ``published_utc_offset_minutes``; both are derived from ``published_at``, so
    they can never disagree with it. ``body`` is plain text with paragraphs separated
    by a blank line. ``kind`` tells discovery whether the page was an article
    or an index/listing page that must not be stored as one.
    """

    url: str
    canonical_url: str
    title: str | None = None
    body: str = ""
    published_at: datetime | None = None
    modified_at: datetime | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    description: str | None = None
    image_url: str | None = None
    tags: tuple[str, ...] = ()
    section: str | None = None
    dateline_place: str | None = None
    dateline_agency: str | None = None
    kind: ArticleKind = "article"
    source: str | None = None
    article_id: str = field(init=False)
    content_hash: str = field(init=False)
    published_local_date: date | None = field(init=False)
    published_utc_offset_minutes: int | None = field(init=False)

    def __post_init__(self) -> None:
        for name in ("published_at", "modified_at"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise ValueError(f"Article.{name} must be timezone-aware")
        # Derived, so they can never disagree with the fields they hash.
        object.__setattr__(self, "article_id", article_id_for(self.canonical_url))
        object.__setattr__(self, "content_hash", content_hash_for(self.title, self.body))
        local, offset = local_day_and_offset(self.published_at)
        object.__setattr__(self, "published_local_date", local)
        object.__setattr__(self, "published_utc_offset_minutes", offset)
