"""UTC offsets written in a date: the offset of a "GMT+0100" after a clock, and offsets no
zone uses ("+25:00"), which mark a broken value. Read by ``dates`` (a value, free text) and
``date_zones`` (a header's zoned clock)."""

from __future__ import annotations

import re
from datetime import timedelta, timezone, tzinfo

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
