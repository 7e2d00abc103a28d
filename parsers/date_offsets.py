"""UTC offsets written in a date: the offset of a "GMT+0100" after a clock, and offsets no
zone uses ("+25:00"), which mark a broken value. Read by ``dates`` (a value, free text) and
``date_zones`` (a header's zoned clock); a bare declared clock's offset, read by
``published.declared_offset``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from parsers.date_patterns import (
    CLOCK_OFFSET_RE,
    GMT_OFFSET_AT_RE,
    GMT_OFFSET_RE,
    ISO_OFFSET_RE,
    OFFSET_EAST_MAX,
    OFFSET_WEST_MAX,
)


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
    such offset follows the clock. k53o: read at ``end`` (``GMT_OFFSET_AT_RE``), after the
    clock's own half-day word whatever its spelling, not only after ``HALF_DAY_WORDS``."""
    match = GMT_OFFSET_AT_RE.match(text, end)
    return None if match is None else (offset_of(match),)


def iso_offset(text: str, clock: re.Match[str]) -> tzinfo | None:
    """Category "a machine stamp printed as the date line" (o51, ``ISO_OFFSET_RE``): the
    offset written right after ``clock``'s time (a ``YMD_RE`` match in ``text``): "Z" is UTC,
    "+04:00", "+0530", "-05" their fixed zones, Ruby's " +0400" after seconds too. Only a
    machine's stamp: a "T" between day and clock, or seconds, and no half-day word ("Z" glued
    to the clock needs neither, k51o). None when no offset follows, or it is one no zone uses
    ("+25:00", "+02:61", and k51o: "+02:15", "-00:01", ``zone_offset``), or one no newsroom
    keeps after a clock to the minute (``_no_newsroom_offset``): the clock is then read as it
    was before (the page's zone), no moment invented from a broken offset."""
    if clock["mi"] is None or clock["half"]:
        return None
    found = ISO_OFFSET_RE.match(text, clock.end())
    if found is None:
        return None
    if found["z"]:
        # k51o: "Z" glued to the clock is UTC with or without a "T" or seconds ("2014-11-23
        # 16:00Z"): YMD_RE ends there since o51, and the clock was read in the page's zone.
        return UTC
    if clock["s"] is None and "T" not in text[clock.end("d") : clock.start("h")]:
        return None
    if found["space"] and (found["om"] is None or clock["s"] is None):
        return None
    if _no_newsroom_offset(text, clock, found):
        return None
    # k51o: an offset no zone uses ("+12:12" of a phone number "+1212 555 0100", an ID's
    # "-0001", "+02:15") is no offset: the digits after a clock are something else.
    minutes = int(found["oh"]) * 60 + int(found["om"] or 0)
    return offset_of(found) if zone_offset(minutes if found["sign"] == "+" else -minutes) else None


def _no_newsroom_offset(text: str, clock: re.Match[str], found: re.Match[str]) -> bool:
    """Category "an event's hours printed after its day" (o52): "2019-11-16T10:00-12:00",
    "Sa 2019-11-16T09:30-11:45" on event and listing pages (meetups, schedules, talks) print
    the hours as a range, which ISO 8601 would read as the offset -12:00, twelve hours off.
    k52o: a "-hh:mm" with its colon straight after a clock without seconds is a range only
    where it is an offset no newsroom's clock keeps (``NO_NEWSROOM_OFFSETS``): a US stamp
    printed to the minute, "2019-11-16T06:30-08:00", keeps its offset. o53: such an offset
    is no offset wherever the stamp is read (visible text, or a declared value read as text),
    and whether or not it is a later clock ("T14:00-12:00": no newsroom's stamp either). A
    machine's stamp has seconds ("T10:00:00-12:00"), a fraction, "-1200", or ISO's minus
    U+2212, and keeps the offset; a declared value fromisoformat reads keeps it too."""
    if clock["s"] is not None or found["sign"] != "-" or found["om"] is None:
        return False  # seconds, "+", ISO's minus U+2212, "-12": a stamp's offset
    if found.start("sign") != clock.end() or text[found.end("oh") : found.start("om")] != ":":
        return False  # a fraction of a second, or "-1200": a machine's
    return -(int(found["oh"]) * 60 + int(found["om"])) in NO_NEWSROOM_OFFSETS


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


# k52o, category "an event's hours printed after its day" (``_no_newsroom_offset``): the west
# offsets no newsroom's clock keeps, so a "T10:00-12:00" ending at one is read as a range:
# -12:00 (Baker Island, uninhabited), -11:00 (Niue, American Samoa, Midway), -09:30 (the
# Marquesas). Every other west offset is a zone with news sites (Hawaii's -10:00, Alaska's,
# the Americas'), whose stamps printed without seconds would be read hours off as ranges.
NO_NEWSROOM_OFFSETS = frozenset({-12 * 60, -11 * 60, -(9 * 60 + 30)})

# Category "an offset zones use" (k50d): the UTC offsets of today's zones, in minutes, that
# are not whole hours (India +05:30, Nepal +05:45, Chatham +12:45/+13:45, Marquesas -09:30,
# Newfoundland -03:30/-02:30...). A bare clock's offset read off another moment
# (``naive_clock_offset``) must be one of these or a whole hour: "+00:15", "+02:15" are no
# zone's, the two values are two moments.
ZONE_OFFSETS_OFF_THE_HOUR = frozenset(
    {-570, -210, -150, 210, 270, 330, 345, 390, 525, 570, 630, 765, 825}
)
# A clock on a whole quarter hour to the second ("00:00:00", "09:30:00") differs from every
# other such clock by whole quarter hours: that it does proves no shared moment.
QUARTER_HOUR_SECONDS = 15 * 60


def zone_offset(minutes: int) -> bool:
    """Whether some zone's clock is ``minutes`` from UTC today: a whole hour within
    -12:00..+14:00, or one of ``ZONE_OFFSETS_OFF_THE_HOUR``."""
    if not -OFFSET_WEST_MAX <= minutes <= OFFSET_EAST_MAX:
        return False
    return minutes % 60 == 0 or minutes in ZONE_OFFSETS_OFF_THE_HOUR


def naive_clock_offset(clock: datetime, stamps: Iterable[datetime]) -> tzinfo | None:
    """Category "a local clock declared without its offset" (d50): a page that declares one
    moment twice, once with its offset or in UTC (``article:published_time
    2016-12-20T00:08:44+00:00``) and once as the bare local clock (``sailthru.date
    2016-12-19 19:08:44``, NTV's ``date 2023-04-28 18:11:01.0`` next to ``...+02:00``). The
    bare ``clock`` (naive) is that moment in the offset by which it differs from a stamp's
    UTC clock, when that is the same moment as far as the values can tell (k50d): an offset
    a zone uses (``zone_offset``; not "+00:15"), the same seconds, the stamp's own offset
    when it spells one other than UTC (the same clock: a "+02:00" stamp 15 or 360 minutes
    off the bare clock is another moment), one offset for every stamp that gives one, and a
    clock off the quarter hour (a "00:00:00" is a day without its clock, a "09:00:00" a
    round hour: any other round stamp is whole quarter hours off it). None otherwise, and
    when no stamp is the same moment (a stamp 0 apart is the same UTC clock: nothing to
    move)."""
    since_hour = clock.minute * 60 + clock.second + clock.microsecond / 1e6
    if not since_hour % QUARTER_HOUR_SECONDS:
        return None
    offsets = set()
    for stamp in stamps:
        own = stamp.utcoffset()
        if own is None:
            continue
        utc_clock = stamp.astimezone(UTC).replace(tzinfo=None)
        minutes, rest = divmod((clock - utc_clock).total_seconds(), 60)
        if rest or not minutes or not zone_offset(int(minutes)):
            continue
        if own and own != timedelta(minutes=minutes):
            continue
        offsets.add(int(minutes))
    if len(offsets) != 1:
        return None
    return timezone(timedelta(minutes=offsets.pop()))
