"""Plain, frozen records passed into and out of the warehouse."""

from __future__ import annotations

import hashlib
from dataclasses import InitVar, dataclass, field
from datetime import datetime
from typing import Any, Literal

from parsers.article import Article
from parsers.story_text import StoryText

PageKind = Literal["feed", "listing", "article", "robots"]
# 'gone' is no longer written (migration 003 turned old ones into retries, see
# RetryMark); it stays a valid value because 001's CHECK constraint allows it.
SeenKind = Literal["article", "not_article", "gone"]
RunStatus = Literal["running", "ok", "partial", "failed", "crashed", "held", "skipped"]

PAGE_KINDS: frozenset[str] = frozenset({"feed", "listing", "article", "robots"})
SEEN_KINDS: frozenset[str] = frozenset({"article", "not_article", "gone"})
# 'held' (migration 013): an ingest that a backfill holding the source turned away;
# 'skipped' (014): a run another run holding the source turned away otherwise.
RUN_STATUSES: frozenset[str] = frozenset(
    {"running", "ok", "partial", "failed", "crashed", "held", "skipped"})
# A scheduled (or manual) run reads each feed's newest page; a backfill also its older ones.
RUN_KINDS: frozenset[str] = frozenset({"ingest", "backfill"})


def did_none_of_its_work(status: object, *, backfill: bool) -> bool:
    """Whether a source's run row means its work is still to do (exit 4, a
    'Skipped' flow run): an ingest a backfill held, or a backfill any run turned
    away (an ingest turned away is done by the run that holds the source)."""
    return status == "held" or (backfill and status == "skipped")


def _require_aware(owner: str, name: str, value: datetime | None) -> None:
    # TIMESTAMPTZ columns: a naive datetime would silently be read as UTC.
    if value is not None and value.tzinfo is None:
        raise ValueError(f"{owner}.{name} must be timezone-aware")


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """Validators for a conditional GET of one URL."""

    etag: str | None = None
    last_modified: str | None = None
    body_sha256: str | None = None
    # Filled when read back; on write the batch's fetched_at is used if None.
    fetched_at: datetime | None = None

    def __post_init__(self) -> None:
        _require_aware("CacheEntry", "fetched_at", self.fetched_at)


@dataclass(frozen=True, slots=True)
class SeenURL:
    """A discovered URL and what it turned out to be."""

    url: str
    kind: SeenKind
    article_id: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in SEEN_KINDS:
            raise ValueError(f"SeenURL.kind must be one of {sorted(SEEN_KINDS)}: {self.kind!r}")


@dataclass(frozen=True, slots=True)
class RetryMark:
    """A URL whose fetch failed for now: it goes on the retry schedule (``url_retries``)."""

    url: str
    failed_at: datetime
    error_class: str
    error: str | None = None
    status: int | None = None  # HTTP status, when the failure was one

    def __post_init__(self) -> None:
        _require_aware("RetryMark", "failed_at", self.failed_at)


@dataclass(frozen=True, slots=True)
class PageRecord:
    """One fetched document for the raw archive; ``body`` is the uncompressed bytes.

    ``headers`` is a tuple of (name, value) pairs so the record stays immutable
    and repeated headers survive; ``page_id`` and ``body_sha256`` are derived.
    """

    url: str
    fetched_at: datetime
    kind: PageKind
    status: int | None = None
    final_url: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    content_type: str | None = None
    encoding: str | None = None
    body: bytes = b""
    run_id: str | None = None  # defaults to the batch's run_id
    # The body's hash when the caller already has it (a Fetched's, of this very
    # body): not a field, so a spooled batch read back hashes its bodies itself.
    sha256: InitVar[str | None] = None
    body_sha256: str = field(init=False)

    def __post_init__(self, sha256: str | None) -> None:
        _require_aware("PageRecord", "fetched_at", self.fetched_at)
        if self.kind not in PAGE_KINDS:
            raise ValueError(f"PageRecord.kind must be one of {sorted(PAGE_KINDS)}: {self.kind!r}")
        object.__setattr__(self, "body_sha256",
                           sha256 or hashlib.sha256(self.body).hexdigest())

    def page_id(self, run_id: str) -> str:
        """Stable id: the same fetch written twice maps to the same row."""
        key = "\x00".join(
            (self.run_id or run_id, self.url, self.fetched_at.isoformat(), self.body_sha256)
        )
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


# The HTTP statuses a fetch follows as a redirect (flows.fetch), so a fetch_log row with
# one is a hop, no answer (warehouse.retries): spelled once, here, for both (c51).
REDIRECT_CODES: frozenset[int] = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class FetchRecord:
    """One HTTP attempt, successful or not, for ``fetch_log``."""

    url: str
    started_at: datetime
    status: int | None = None
    bytes: int | None = None
    elapsed_ms: float | None = None
    attempt: int = 1
    error_class: str | None = None
    error: str | None = None
    older_page: bool = False  # a feed's older page: only a backfill asks for it

    def __post_init__(self) -> None:
        _require_aware("FetchRecord", "started_at", self.started_at)


@dataclass(frozen=True, slots=True)
class RunFinish:
    """A source's ``runs`` row, staged with its batches by a run that found the
    warehouse locked to its end (z40c); the merge writes it after them, adding
    what their articles turned out to be (new, updated, unchanged) to ``counts``."""

    started_at: datetime
    finished_at: datetime
    status: str
    counts: RunCounts
    error: str | None = None
    kind: str = "ingest"
    vote: tuple[str, int] | None = None  # its word on this host's clock (migration 017)


@dataclass(frozen=True, slots=True)
class SourceEnd:
    """How one source's run ended, for its ``runs`` row (warehouse.runs.finish_runs):
    counters, status, error; ``from_versions``: new and updated read from the versions
    it stored (it staged batches); ``vote``: its word on this host's clock (017)."""

    source: str
    counts: RunCounts
    status: str
    error: str | None = None
    from_versions: bool = False
    vote: tuple[str, int] | None = None


@dataclass(frozen=True, slots=True)
class Batch:
    """Everything one slice of a run writes, in one transaction."""

    run_id: str
    source: str
    fetched_at: datetime
    articles: tuple[Article, ...] = ()
    pages: tuple[PageRecord, ...] = ()
    fetch_log: tuple[FetchRecord, ...] = ()
    cache: tuple[tuple[str, CacheEntry], ...] = ()
    seen: tuple[SeenURL, ...] = ()
    retries: tuple[RetryMark, ...] = ()
    # The articles' bodies as story clustering normalises them, by content hash,
    # computed by the parse workers so the write need not (any may be missing).
    story_texts: tuple[tuple[str, StoryText], ...] = ()
    # The run's row for this source, staged last (z40c); None in every other batch.
    run: RunFinish | None = None

    def __post_init__(self) -> None:
        _require_aware("Batch", "fetched_at", self.fetched_at)


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What ``write_batch`` did with the batch's articles."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    # Unchanged articles whose local publication day/offset were filled or corrected in place.
    dates_refreshed: int = 0
    # Story clustering of the new and changed articles (issue 16): how many started
    # a story and how many joined an existing one. Left out of ==, which compares
    # what happened to the articles themselves.
    new_stories: int = field(default=0, compare=False)
    new_copies: int = field(default=0, compare=False)
    # Other URLs of an article the batch stores (`/x` and `/x/`, two addresses with one
    # canonical link), collapsed into it, the last copy winning: stored once, counted by
    # a run as unchanged (`unchanged_urls`), so each listed URL is counted once (u40).
    folded: int = field(default=0, compare=False)

    @property
    def unchanged_urls(self) -> int:
        """URLs of the batch counted unchanged: a stored article's, this batch's too."""
        return self.unchanged + self.folded


@dataclass(frozen=True, slots=True)
class RunCounts:
    """Per-source counters of one run."""

    discovered: int = 0
    fetched: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0


@dataclass(frozen=True, slots=True)
class ArchivedPage:
    """A page read back from the archive, body decompressed."""

    url: str
    final_url: str | None
    fetched_at: datetime
    body: bytes
    headers: dict[str, str]
    source: str
    status: int | None = None
    content_type: str | None = None
    encoding: str | None = None
    run_id: str | None = None


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """The newest stored copy of a feed or listing page, read back after a 304.

    ``encoding`` is the charset that copy was read with (its Content-Type's, when
    the bytes bore it out): a 304 carries no body, so the copy is read with it.
    """

    body: bytes
    encoding: str | None = None


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Column names and rows of an ad-hoc query."""

    columns: list[str]
    rows: list[tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """One line of ``pressroom status``: the latest run of a source and its totals."""

    source: str
    articles: int
    last_run_id: str | None = None
    status: str | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    counts: RunCounts = RunCounts()
    error: str | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    pending_retry: int = 0  # URLs waiting for their next attempt (url_retries)
    next_retry_at: datetime | None = None
    given_up: int = 0  # URLs whose retries ran out
    # Scheduled runs a backfill turned away since the run above started ('held'
    # rows, migration 013; never the run above: it is the latest run that ran).
    held_runs: int = 0
    last_held_at: datetime | None = None
    # Backfills another run turned away since the source's last backfill that ran
    # ('skipped' backfill rows, migration 014): none of their history is walked until
    # a backfill of the source runs. The latest one's time and holder (its held_by).
    turned_away_backfills: int = 0
    last_turned_away_at: datetime | None = None
    turned_away_by: str | None = None
    # No run of the source has run (no run above; status then says "turned away"):
    # its runs another turned away ('held' and 'skipped'), those of them that were not
    # backfills and not held ('skipped' ingests), the latest one's time and holder.
    runs_turned_away: int = 0
    ingests_turned_away: int = 0
    last_run_turned_away_at: datetime | None = None
    last_run_turned_away_by: str | None = None
