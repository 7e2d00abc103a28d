"""Re-extract articles from the raw page archive, without the network."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from datetime import UTC, datetime

from flows.config import SourceConfig
from flows.http_records import Fetched
from flows.inflate import archived_body
from flows.locks import source_lock
from flows.parsepool import parse_fetched
from flows.progress import PROGRESS_EVERY
from flows.runtime import new_run_id
from parsers import Article
from pressroom.errors import DatabaseLocked, PressroomError
from warehouse import Warehouse, open_warehouse
from warehouse.lake import Target, lock_target
from warehouse.records import Batch
from warehouse.run_locks import lock_holder

BATCH = 200
# Pages the parsers refuse are named, one line each, up to this many a run; the rest
# are counted in one more line (d53: a refused page was only counted in 'failed').
SHOWN_REFUSALS = 10


def own_sources(stack: ExitStack, db: Target, names: Sequence[str]) -> None:
    """Take the run lock of each source in ``names`` on ``stack``, or raise
    :class:`DatabaseLocked` in one line naming the run that holds one.

    The run that owns a source writes its rows: a lake has no keys to stop an
    ingest of the same source from storing the same version beside ours.
    """
    for name in names:
        if not stack.enter_context(source_lock(lock_target(db), name, "reparse")):
            holder = lock_holder(lock_target(db), name)
            raise DatabaseLocked(f"source {name} is being ingested (pid {holder}); "
                                 "reparse it when that run ends")


def reparse_archive(
    db_path: Target,
    sources: Mapping[str, SourceConfig],
    source_name: str | None = None,
    *,
    lock_timeout: float = 60.0,
    progress: Callable[[str], None] | None = None,
    every: float = PROGRESS_EVERY,
) -> dict[str, int]:
    """Parse every archived article page again; changed records become versions.

    An unchanged article (same title and body) gets no new version, but its
    stored local publication day and UTC offset are filled or corrected in
    place when its re-parsed date is the same instant (``dates_refreshed``):
    this is how rows stored before migration 005 get them.

    Pages stream from the archive in chunks and results are written in
    batches, so memory does not grow with the archive. It holds the run lock
    of every source it reparses, as an ingest does, so an ingest of one of them
    (on this host) makes it fail in one line rather than write beside it.

    ``progress`` gets ``"belta: 120/600 pages reparsed"`` for the source in hand every
    ``every`` seconds, and once for each source at the end (as ingest reports).
    """
    run_id = new_run_id()
    totals = {"pages": 0, "new": 0, "updated": 0, "unchanged": 0, "failed": 0, "skipped": 0,
              "dates_refreshed": 0}
    pending: dict[str, list[Article]] = {}
    say = progress or (lambda _m: None)
    done: dict[str, int] = {}  # pages read per source, in the order first met
    total: dict[str, int] = {}  # pages archived per source, known before the first page
    last_report = time.monotonic()

    def flush(wh: Warehouse, name: str) -> None:
        articles = pending.pop(name, [])
        if not articles:
            return
        result = wh.write_batch(Batch(run_id=run_id, source=name,
                                      fetched_at=datetime.now(UTC), articles=tuple(articles)))
        totals["new"] += result.new
        totals["updated"] += result.updated
        totals["unchanged"] += result.unchanged_urls
        totals["dates_refreshed"] += result.dates_refreshed

    with ExitStack() as owned, open_warehouse(db_path, lock_timeout=lock_timeout) as wh:
        own_sources(owned, db_path, [source_name] if source_name else sorted(sources))
        say(f"reparse: reading the page archive of {source_name or 'every source'}")
        for page in wh.iter_archived_pages(source_name, kind="article", totals=total):
            source = sources.get(page.source)
            if source is None:  # a source no longer in the sources file
                totals["skipped"] += 1
                continue
            totals["pages"] += 1
            done[source.name] = done.get(source.name, 0) + 1
            if time.monotonic() - last_report >= every:
                last_report = time.monotonic()
                say(f"{source.name}: {done[source.name]}/{total.get(source.name, '?')} "
                    "pages reparsed")
            try:
                body = archived_body(page.body, page.content_type or "",
                                     page.url, source.max_bytes)
                fetched = Fetched(url=page.url, final_url=page.final_url or page.url,
                                  status=200, headers=dict(page.headers), body=body,
                                  fetched_at=page.fetched_at, elapsed_ms=0.0)
                article = parse_fetched(fetched, source, None)
            except PressroomError as exc:
                totals["failed"] += 1
                if totals["failed"] <= SHOWN_REFUSALS:
                    print(f"pressroom: warning: {source.name}: {page.url}: "
                          f"{type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
                continue
            if article.kind != "article":
                continue
            pending.setdefault(source.name, []).append(article)
            if len(pending[source.name]) >= BATCH:
                flush(wh, source.name)
        for name in list(pending):
            flush(wh, name)
    for name, pages in done.items():
        say(f"{name}: {pages}/{total.get(name, pages)} pages reparsed")
    if totals["failed"] > SHOWN_REFUSALS:
        print(f"pressroom: warning: {totals['failed'] - SHOWN_REFUSALS} more page(s) failed "
              "to parse (not named)", file=sys.stderr, flush=True)
    return totals
