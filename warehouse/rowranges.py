"""Reading and updating a few known rows of a big table by their position (``rowid``).

The write path finds the stored rows of a batch by scanning BIGINT key columns
(:mod:`warehouse.keys`), cheap at any size. Reading the text columns of the rows
found (to compare ids, see :mod:`warehouse.identity`) or updating them by a join
would scan those text columns of the whole table: at 1M rows 300 ms or more per
text column on the dev box, and growing with the archive. DuckDB skips row groups
outside a constant ``rowid BETWEEN lo AND hi`` filter (``Filters: rowid>=...`` in
EXPLAIN ANALYZE), so such statements are run once per span of the rows wanted:
:func:`spans` groups the positions into at most :data:`MOST_SPANS` spans,
splitting at the widest gaps.

A ``rowid`` names a row for the length of a transaction: the positions are read
and used inside the same one.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

# Rows a span may bridge rather than being split: each span is a statement of its
# own (a few ms), reading the rows between two wanted ones costs ~0.5 us each.
GAP = 8192
MOST_SPANS = 16


def spans(rows: Iterable[int], gap: int | None = None,
          most: int | None = None) -> list[tuple[int, int]]:
    """Inclusive (lo, hi) spans covering ``rows``: neighbours at most ``gap`` apart
    share one, and at most ``most`` spans (split at the widest gaps); by default
    :data:`GAP` and :data:`MOST_SPANS`."""
    gap = GAP if gap is None else gap
    most = MOST_SPANS if most is None else most
    ordered = sorted(set(rows))
    if not ordered:
        return []
    cuts = [i for i in range(1, len(ordered)) if ordered[i] - ordered[i - 1] > gap]
    if len(cuts) >= most:
        widest = sorted(cuts, key=lambda i: ordered[i] - ordered[i - 1], reverse=True)
        cuts = sorted(widest[: most - 1])
    bounds = [0, *cuts, len(ordered)]
    return [(ordered[a], ordered[b - 1]) for a, b in pairwise(bounds)]


def union(select: str, where_rowid: str, rows: Iterable[int]) -> str:
    """``select`` (ending in a WHERE clause) once per span, as one UNION ALL;
    ``where_rowid`` is the rowid column it filters (e.g. ``s.rowid``)."""
    return "\nUNION ALL\n".join(
        f"{select} AND {where_rowid} BETWEEN {int(lo)} AND {int(hi)}" for lo, hi in spans(rows))
