"""UTC offsets written in a date: the offset of a "GMT+0100" after a clock, and offsets no
zone uses ("+25:00"), which mark a broken value. Read by ``dates`` (a value, free text) and
``date_zones`` (a header's zoned clock); a bare declared clock's offset, read by
``published.declared_offset``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from parsers.date_patterns import CLOCK_OFFSET_RE, GMT_OFFSET_RE, OFFSET_EAST_MAX, OFFSET_WEST_MAX


def gmt_offset(value: str) -> tuple[str, tzinfo | None] | None:
    """Category "a clock followed by GMT+hhmm" (``GMT_OFFSET_RE``): ``value`` without its
    "GMT+0100" (and the zone's name in brackets after it) and the offset it names; the offset
    is None when no zone uses it (``impossible_offset``'s range). None when ``value`` writes
    no such offset."""
    match = GMT_OFFSET_RE.search(value)
    if match is None:
        return None
    return (value[: match.start()] + " " + value[match.end() :]).strip(), offset_of(match)


def printed_offset(text: str, end: int) -> tuple[tzinfo | None] | None:
    """Category "a clock printed with GMT/UTC and an offset" (z40b): the offset of the
    "GMT+0100" (``GMT_OFFSET_RE``) written right after a clock whose last digit ends at
    ``end`` in ``text``, in a 1-tuple (None inside when no zone uses it); None when no
    such offset follows the clock."""
    match = GMT_OFFSET_RE.match(text, end)
    return None if match is None else (offset_of(match),)


def offset_of(match: re.Match[str]) -> tzinfo | None:
    """The fixed zone of ``match``'s "sign", "oh" and "om" groups; None beyond
    -12:00..+14:00 or with minutes past 59."""
    minutes = int(match["om"] or 0)
    total = int(match["oh"]) * 60 + minutes
    if minutes > 59 or total > (OFFSET_EAST_MAX if match["sign"] == "+" else OFFSET_WEST_MAX):
        return None
    return timezone(timedelta(minutes=total if match["sign"] == "+" else -total))


def impossible_offset(value: str) -> bool:
    """True when ``value``'s clock ends with a UTC offset no zone uses ("+25:00", "-13:00",
    "+05:75"; ``CLOCK_OFFSET_RE``): the value is broken, so the next evidence decides."""
    match = CLOCK_OFFSET_RE.search(value)
    return match is not None and offset_of(match) is None


def naive_clock_offset(clock: datetime, stamps: Iterable[datetime]) -> tzinfo | None:
    """Category "a local clock declared without its offset" (d50): a page that declares one
    moment twice, once with its offset or in UTC (``article:published_time
    2016-12-20T00:08:44+00:00``) and once as the bare local clock (``sailthru.date
    2016-12-19 19:08:44``, NTV's ``date 2023-04-28 18:11:01.0`` next to ``...+02:00``). The
    bare ``clock`` (naive) is that moment in the offset by which it differs from a stamp's
    UTC clock: a whole quarter hour within the offsets zones use, the same seconds. None when
    no stamp is the same moment (a stamp 0 apart is the same UTC clock: nothing to move)."""
    for stamp in stamps:
        if stamp.tzinfo is None:
            continue
        utc_clock = stamp.astimezone(UTC).replace(tzinfo=None)
        minutes, rest = divmod((clock - utc_clock).total_seconds(), 60)
        if rest or not minutes or minutes % 15:
            continue
        if -OFFSET_WEST_MAX <= minutes <= OFFSET_EAST_MAX:
            return timezone(timedelta(minutes=minutes))
    return None
