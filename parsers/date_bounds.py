"""Whether a date found may be a publication date: not before ``MIN_YEAR``, not after the
fetch (beyond a zone's or a clock's slack), and without a fetch time not after ``MAX_YEAR``.

Every reading (``dates``, ``date_urls``, ``date_yearless``) passes its value through
``acceptable``; finding a date and judging it are apart (htmldate's extractors and validators).
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from parsers.date_patterns import MAX_YEAR, MIN_YEAR

# The widest UTC offset in use (UTC+14, Kiribati): how far a zoneless time may read past a fetch.
ZONE_SLACK = timedelta(hours=14)
ZERO = timedelta(0)
# How far a publisher's clock may run ahead of ours: a story polled minutes after it went
# out may declare a moment seconds or minutes "after" the fetch (flows.discover's too).
CLOCK_SKEW = timedelta(minutes=10)


def aware(value: datetime, tz: tzinfo) -> datetime:
    """``value`` in ``tz`` when it carries no offset of its own."""
    return value.replace(tzinfo=tz) if value.tzinfo is None else value


def acceptable(value: datetime | None, fetched_at: datetime | None) -> datetime | None:
    """``value`` unless it is implausibly old or later than ``fetched_at`` (plus
    ``ZONE_SLACK`` for a value at UTC offset 0); without ``fetched_at``, unless its year is
    after ``MAX_YEAR``."""
    if value is None or value.year < MIN_YEAR:
        return None
    if fetched_at is None and value.year > MAX_YEAR:
        return None
    if fetched_at is not None:
        # Category "a time printed without a zone east of the reading zone": a page in
        # Berlin or Seoul prints 08:30 with no offset, read in UTC when the source has no
        # timezone (or labelled "Z" by a server set to UTC), lands up to 14 hours after
        # the fetch. Any other offset is the page's own or the source's declared zone: the
        # moment is known, and one after the fetch (beyond a clock's skew) is in the future
        # (an embargo, an event), whose day would be stored as tomorrow's.
        slack = ZONE_SLACK if value.utcoffset() == ZERO else CLOCK_SKEW
        try:
            limit = aware(fetched_at, ZoneInfo("UTC")) + slack
        except OverflowError:  # a fetch time within hours of year 9999: nothing is later
            return value
        if value > limit:
            return None
    return value
