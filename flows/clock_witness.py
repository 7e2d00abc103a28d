"""Is this host's clock behind? Several unrelated sites' ``Date`` headers say so (o44).

A host clock set back (a VM restored from a snapshot, NTP off; k42) makes every date a
page gives "after the fetch": refused, and relative stamps dated from the wrong day. The
fetch's moment stays this host's clock whatever a server says (README, "Dates"; o43's
witness, which believed one server's ``Date``, was reverted after k43: a site chooses its
own ``Date``). Nothing here changes a stored date; it only makes a wrong clock visible:
one warning line of the run (the flow's log, the CLI's summary).

Each response's ``Date`` (RFC 9110: when the origin made the message; a cache's copy is
older, never later) is compared with this host's clock at the request's start. Votes are
per source, not per response: a source's offset is the median of its responses', and its
site the one most of them came from, so a hostile feed that lists links on many hosts of
its own, or redirects through them, is one vote. The warning needs at least
``MIN_SITES`` different sites ahead by more than ``AHEAD``, and more than half of the
sites that sent a ``Date``: one hostile site, or two, never raise it, and a run of one
or two sources cannot tell (:mod:`warehouse.clock_votes`, the rule, which ``pressroom
health`` applies to the votes stored with the run's rows, migration 017).
"""

from __future__ import annotations

import ipaddress
import statistics
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# Second-level labels under a country code that are a registry's, not a site's
# (bbc.co.uk, abc.net.au, belta.gov.by): the site is one label further left.
_REGISTRY_LABELS = frozenset({"co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go"})


def server_date(value: str | None) -> datetime | None:
    """A ``Date`` header as an aware UTC time, or None when absent or unreadable.

    A server writes what it likes: "Fri, 31 Dec 9999 23:59:59 -1200" is past
    ``datetime.max`` once in UTC, a twenty-digit offset past a C int; both raised
    ``OverflowError`` in the fetcher, and one page's header ended the whole run (k44)."""
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
        if when.tzinfo is None:  # "-0000": UTC with no zone known (RFC 5322)
            when = when.replace(tzinfo=UTC)
        return when.astimezone(UTC)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def site_of(host: str) -> str:
    """The site a host belongs to: its registrable domain, approximated without the
    public suffix list (the last two labels, three under a country's registry label
    such as ``co.uk``); an IP address is its own site. Where the guess errs it merges
    unrelated hosts (all of ``github.io``), which only ever costs votes."""
    host = host.strip("[]").rstrip(".").lower()
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _REGISTRY_LABELS else 2
    return ".".join(labels[-keep:])


def source_witness(offsets: Mapping[str, Sequence[float]]) -> tuple[str, float] | None:
    """One source's vote from its responses' offsets (seconds the server's ``Date`` is
    ahead of this host's clock) by site: its main site and the median offset of all."""
    every = [o for values in offsets.values() for o in values]
    if not every:
        return None
    site = max(offsets, key=lambda s: (len(offsets[s]), s))
    return site, statistics.median(every)
