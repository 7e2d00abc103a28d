"""What a run's unchanged feeds and listing pages list, as last read (their stored copies).

Kept apart from :mod:`flows.discover` (the walk over the network): this reads what
discovery found unchanged, and the warehouse's copies of it, and fetches nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence

from flows.config import SourceConfig
from flows.discovery_records import Document
from parsers.feeds import parse_feed
from parsers.listings import parse_listing
from parsers.urls import host_of, join_url, normalize_url
from pressroom.errors import PressroomError
from warehouse.records import StoredDocument

StoredFn = Callable[[list[str]], Awaitable[Mapping[str, StoredDocument]]]


async def relisted_urls(documents: Sequence[Document], source: SourceConfig,
                        hosts: frozenset[str], stored: StoredFn,
                        max_listing_pages: int | None) -> set[str]:
    """Article URLs on ``source``'s hosts that the unchanged ``documents`` list (see
    :meth:`flows.discover.Discoverer.relisted`); ``stored`` gives the newest stored copy
    of the URLs that have no body (a 304)."""
    # A body fetched this run is read with its response's charset, as when it changed
    # (a feed labelled only by its Content-Type); a stored copy (after a 304) with
    # the charset it was stored with, as it was read when it was fetched.
    queue: list[tuple[str, str, str, bytes, str | None]] = [
        (d.kind, d.fetched.url, d.fetched.final_url, d.fetched.body,
         d.fetched.charset if d.fetched.body else None)
        for d in documents if not d.changed]
    visited = {d.fetched.url for d in documents}
    pages_left = sum(max_listing_pages or lst.pages for lst in source.listings)
    found: set[str] = set()
    bodies: dict[str, StoredDocument] = {}
    while queue:
        missing = [url for _kind, url, _base, body, _charset in queue if not body]
        if missing:
            bodies.update(await stored(missing))
        following: list[tuple[str, str, str, bytes, str | None]] = []
        for kind, url, base, body, charset in queue:
            if not body and url in bodies:
                body, charset = bodies[url].body, bodies[url].encoding
            hrefs: list[str] = []
            try:
                if kind == "feed" and body:
                    hrefs = [i.url for i in parse_feed(body, charset).items
                             if not i.is_feed]
                for listing in source.listings if kind == "listing" and body else ():
                    page = parse_listing(body, links=listing.links,
                                         next_selector=listing.next, charset=charset)
                    hrefs += page.articles
                    for href in page.next_pages if page.articles else ():
                        try:
                            nxt = join_url(base, href)
                        except ValueError:  # "http:///x": no host (f50)
                            continue
                        if nxt not in visited and pages_left > 0:
                            visited.add(nxt)
                            pages_left -= 1
                            following.append(("listing", nxt, nxt, b"", None))
            except PressroomError:
                continue
            for href in hrefs:
                try:
                    link = normalize_url(href, base)
                except ValueError:
                    continue
                if host_of(link) in hosts:
                    found.add(link)
        queue = following
    return found
