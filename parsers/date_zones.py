"""A declared moment at UTC offset 0, spelled in the zone the header prints.

Category "zone shift: the header prints the local time with its zone" (issue 17, d32:
SB Nation "Aug 8, 2012 5:13 PM PDT" over a declared ``2012-08-09``; BBC's US edition
"23 July 2012 Last updated at 22:58 ET" over ``2012-07-24T02:58:07Z``; "POSTED: 9:07 pm PST
January 17, 2008" over its UTC instant): the reader's day is the printed local one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from parsers.date_offsets import printed_offset
from parsers.date_patterns import US_ZONE_NAMES, ZONE_HOURS
from parsers.date_space import as_one_line, one_line
from parsers.dates import MAX_DATE_LINE_CHARS, find_dates, parse_date

# US zones printed without the season: the offset follows the day's daylight saving.
ZONE_NAMES = US_ZONE_NAMES
ZONED_CLOCK_RE = re.compile(
    one_line(
        r"(?<![\w:])(?P<clock>(?P<h>\d{1,2}):(?P<mi>\d{2})(?::\d{2})?)\s*"
        r"(?P<half>(?P<ap>[AaPp])\.?\s*[Mm]\.?)?\s*"
        rf"(?P<zone>{'|'.join(sorted([*ZONE_HOURS, *ZONE_NAMES], key=len, reverse=True))})(?!\w)"
    )
)


def printed_zone_moment(found: datetime, header: str, day_first: bool | None) -> datetime | None:
    """``found`` (at offset 0) as the header's first zoned date line prints it, when that
    is the same moment on another day (or, for a declared day without a time, a moment on
    that UTC day); None otherwise."""
    for line in header.split("\n"):
        clock = ZONED_CLOCK_RE.search(line) if len(line) <= MAX_DATE_LINE_CHARS else None
        if clock is None:
            continue
        days = find_dates(line, UTC, None, 1, day_first=day_first)
        if not days:
            continue
        hour, minute = int(clock["h"]), int(clock["mi"])
        if clock["ap"]:
            hour = hour % 12 + (12 if clock["ap"].lower() == "p" else 0)
        if hour > 23 or minute > 59:
            return None
        local = datetime.combine(days[0].date(), time(hour, minute))
        name = clock["zone"]
        # Category "a clock printed with GMT/UTC and an offset" (z40b): "00:30 GMT+0100"
        # is at +01:00, not at the offset 0 of its "GMT" (None: no zone uses the offset).
        # z52: read from the half-day word's end, as ``dates._from_text`` (o52): "8:00 PM
        # GMT+2" (Bloomberg, Fortune, Reuters' "· 1:36 PM GMT+2") was read as GMT.
        written = printed_offset(line, clock.end("half" if clock["half"] else "clock"))
        if written is not None:
            offset = written[0].utcoffset(None) if written[0] is not None else None
        elif name in ZONE_NAMES:
            offset = ZoneInfo(ZONE_NAMES[name]).utcoffset(local)
        else:
            offset = timedelta(hours=ZONE_HOURS[name])
        if offset is None:
            return None
        moment = local.replace(tzinfo=timezone(offset))
        day_only = found.time() == time(0) and found.tzinfo is not None
        if moment.date() == found.date():
            return None
        if abs(moment - found) < timedelta(minutes=1):
            # The declared value keeps its seconds; the page gives the offset.
            return found.astimezone(moment.tzinfo)
        return moment if day_only and moment.astimezone(UTC).date() == found.date() else None
    return None


# Category "a <time>'s UTC attribute and its local printed day" (issue 17, x37b): a CMS
# (Shopify's blog themes, many others) writes ``<time datetime="2026-02-24T04:13:00Z">``
# and prints the day in the page's own zone ("February 23, 2026"); HTML's ``datetime`` is
# the instant, the text the day the reader saw. A value spelled in UTC only: "Z" or +00:00.
UTC_SPELLED_RE = re.compile(r"T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]00:?00)$", re.I)
# A local day is at most this far from the UTC one (offsets run from -12 to +14 hours).
LOCAL_DAY_SHIFT = timedelta(days=1)
# The widest UTC offsets west and east, and the step offsets come in (quarter hours:
# +05:45, +08:45). A printed day no offset in that range reaches from the instant is
# another date (k37c: "18:00Z" printed the day before, "02:00Z" the day after).
MIN_OFFSET = timedelta(hours=-12)
MAX_OFFSET = timedelta(hours=14)
OFFSET_STEP = timedelta(minutes=15)


def time_tag_local_day(
    found: datetime | None,
    times: Sequence[tuple[str, str]],
    tz: tzinfo,
    fetched_at: datetime | None,
    day_first: bool | None,
) -> datetime | None:
    """``found`` (at offset 0) as the day the <time> tag declaring it prints, one day apart.

    Only the tag whose ``datetime`` is ``found``'s instant, spelled in UTC, and whose own
    text is a date line one day before or after ``found``'s UTC day. A text with a clock
    ("February 23, 2026 11:13 PM") gives the same instant in the offset it implies; a day
    alone gives that day as every printed day is stored (midnight, read in ``tz``); where
    ``tz`` (the profile's zone) is not at offset 0 then, the instant in ``tz`` if its local
    day is the printed one, else ``found``.
    """
    if found is None or found.utcoffset() != timedelta(0):
        return found
    for value, label in times:
        text = as_one_line(label.strip())
        if not UTC_SPELLED_RE.search(value.strip()) or len(text) > MAX_DATE_LINE_CHARS:
            continue
        stamp = parse_date(value, tz, fetched_at, day_first)
        if stamp is None or stamp != found:
            continue
        shown = find_dates(text, tz, fetched_at, 1, day_first=day_first)
        if not shown or abs(shown[0].date() - found.date()) != LOCAL_DAY_SHIFT:
            return found
        printed = shown[0]
        utc = found.astimezone(UTC)
        if not (utc + MIN_OFFSET).date() <= printed.date() <= (utc + MAX_OFFSET).date():
            return found
        if printed.timetz().replace(tzinfo=None) == time(0):
            # A zone the site's profile declares (k37c) names the instant's local day: the
            # printed day is that day (the instant, in that zone) or another date.
            local = found.astimezone(tz)
            if local.utcoffset() != timedelta(0):
                return local if local.date() == printed.date() else found
            return printed
        offset = printed.replace(tzinfo=None) - found.astimezone(UTC).replace(tzinfo=None)
        if MIN_OFFSET <= offset <= MAX_OFFSET and offset % OFFSET_STEP == timedelta(0):
            return found.astimezone(timezone(offset))
        return found
    return found
