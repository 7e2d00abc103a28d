"""The rule on a run's votes about this host's clock (o44), shared by the run and `health`.

Each source's responses vote (:mod:`flows.clock_witness`): its site, and how many seconds
its servers' ``Date`` was ahead of this host's clock. The run applies the rule to its
votes for its warning line (flows.run); ``pressroom health`` applies it to the votes
stored with the latest run's rows (migration 017, :func:`warehouse.health.clock_evidence`),
without importing the fetch side. The view ``run_clock`` counts the same way (300 s is
:data:`AHEAD`).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from datetime import timedelta

AHEAD = timedelta(minutes=5)  # NTP keeps a host within a second; servers, mostly, too
MIN_SITES = 3


def clock_warning(votes: Sequence[tuple[str, float]]) -> str | None:
    """The run's one warning line when this host's clock looks behind, else None.

    ``votes``: each source's (site, median offset in seconds). Sources of one site are
    one site (the median of their offsets)."""
    by_site: dict[str, list[float]] = {}
    for site, offset in votes:
        by_site.setdefault(site, []).append(offset)
    offsets = {site: statistics.median(values) for site, values in by_site.items()}
    ahead = sorted(s for s, o in offsets.items() if o > AHEAD.total_seconds())
    if len(ahead) < MIN_SITES or 2 * len(ahead) <= len(offsets):
        return None
    typical = statistics.median(offsets[s] for s in ahead)
    named = ", ".join(ahead[:5]) + (", ..." if len(ahead) > 5 else "")
    return (
        f"this host's clock looks {_span(typical)} behind: {len(ahead)} of "
        f"{len(offsets)} sites answered with a Date that far ahead ({named}); pages "
        "dated after this host's 'now' are refused and relative dates read from the "
        "wrong day until the clock is set right (check NTP)"
    )


def _span(seconds: float) -> str:
    """``3 days``, ``5 hours``, ``12 minutes``: the offset, rounded to its largest unit."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = round(seconds / size)
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return f"{round(seconds)} seconds"
