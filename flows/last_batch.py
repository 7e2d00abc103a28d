"""The last batch of a source's run: what it adds of the documents discovery read.

The feeds, listings and child sitemaps that changed are archived as pages, and their
validators decide what the next run asks in full. A document's validators are kept only
when everything behind it was handled (``all_handled``: no transient failure, no listed
article left for later by the cap, none skipped as older than ``--since``): otherwise a
304 next time would hide what was not handled this time. Child sitemaps are stamped with
when they were asked, whatever else, so their turns move on (:mod:`flows.sitemap_index`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from flows.discovery_records import Discovery
from flows.http_records import Validators
from flows.source_records import cache_entry, page_record
from warehouse.records import Batch, CacheEntry


def with_documents(batch: Batch, discovery: Discovery, *, all_handled: bool) -> Batch:
    """``batch`` with the pages and the validators of what ``discovery`` read."""
    pages = list(batch.pages) + [page_record(d.fetched, d.kind)
                                 for d in discovery.documents
                                 if d.changed]
    cache = batch.cache  # the articles' validators
    if all_handled:
        # Never a document that could not be read: its same bytes next time
        # counted as unchanged, and the broken feed as fine from then on.
        unread = {f.url for f in discovery.failures}
        cache += tuple((d.fetched.url, cache_entry(d.fetched, d.asked))
                       for d in discovery.documents if d.fetched.url not in unread)
        # A child that could not be read (not a sitemap, a redirect refused) is
        # stamped with no validators: read in full in its next turn. Unstamped,
        # it was 'never asked' and took the first place of every run (s53).
        cache += tuple((url, CacheEntry(fetched_at=when))
                       for url, (_, when) in discovery.children_asked.items()
                       if url in unread)
        # A child with no answer of its own (read through another's redirect, or
        # redirecting to one read before: s54) keeps its validators, stamped.
        own = {d.fetched.url for d in discovery.documents} | unread
        cache += tuple((url, _stamp(v, when))
                       for url, (v, when) in discovery.children_asked.items()
                       if url not in own and url not in discovery.gone_children)
    else:
        # The children asked keep the validators they were asked with, stamped
        # with when: the turns move on, a 5xx child waits its next turn (k52s).
        cache += tuple((url, _stamp(v, when))
                       for url, (v, when) in discovery.children_asked.items()
                       if url not in discovery.gone_children)
    # A gone child's row holds no validators: when it was asked, for its turn.
    cache += tuple((url, CacheEntry(fetched_at=when))
                   for url, when in discovery.gone_children.items())
    return replace(batch, pages=tuple(pages), cache=cache)


def _stamp(validators: Validators | None, when: datetime) -> CacheEntry:
    """A child's row stamped asked at ``when``, keeping the validators it was asked with."""
    if validators is None:
        return CacheEntry(fetched_at=when)
    return CacheEntry(validators.etag, validators.last_modified, validators.body_sha256,
                      fetched_at=when)
