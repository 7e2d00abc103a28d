"""What the pipeline does with the retry schedule (the schedule itself: warehouse/retries.py).

Two decisions, kept out of :mod:`flows.pipeline`:

* which failures go on the schedule (:func:`retry_mark`): every fetch failure
  classed terminal (4xx, robots.txt, the guard, size cap, redirect loops).
  Transient ones (timeouts, 5xx, 429, resets) are not scheduled: the URL stays
  unknown and the next run tries it again, as it always did;
* which URLs a run offers besides what discovery found (:func:`with_due`):
  every scheduled URL of the source that is due, listed by the feed or not
  (a feed that has moved on, or answers 304, must not strand it).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from flows.discovery_records import Candidate
from pressroom.errors import PressroomError
from warehouse.records import RetryMark


def retry_mark(url: str, exc: PressroomError, failed_at: datetime) -> RetryMark | None:
    """The schedule entry for a failed fetch of ``url``; None when it is not scheduled."""
    if exc.transient:
        return None
    status = getattr(exc, "status", None)
    return RetryMark(
        url=url, failed_at=failed_at, error_class=exc.error_class, error=str(exc)[:500],
        status=status if isinstance(status, int) else None,
    )


def with_due(candidates: Sequence[Candidate], due: Sequence[str]) -> list[Candidate]:
    """``candidates`` plus the due URLs discovery did not find this time (bare candidates)."""
    listed = {c.url for c in candidates}
    return [*candidates, *(Candidate(url) for url in dict.fromkeys(due) if url not in listed)]
