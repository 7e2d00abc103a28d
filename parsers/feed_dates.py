"""A feed's dates: RFC 822, ISO 8601, Java's and C's spelling, and what feeds really write.

Moved out of parsers/feeds.py (f42; the module had grown past 400 lines). ``parse_feed_date``
is what ``parse_feed`` and JSON Feed's items read every date with; the zones a zone
abbreviation may name come from the feed's and the entry's declared language
(parsers/feed_language.py, ``date_java.page_zones``).
"""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, datetime, tzinfo

from parsers.date_java import java_date, named_zone, rfc822_zone
from parsers.date_offsets import gmt_offset
from parsers.date_patterns import (
    JAVA_DATE_RE,
    MAX_DATE_CHARS,
    RFC822_COLON_OFFSET_RE,
    RFC822_ZERO_CENTURY_RE,
)
from parsers.dates import MIN_YEAR, parse_date

# The zone abbreviation after the time of an RFC 822 date ("12:45:00 CST") or Java's
# ("12:45:00 CST 2015"); the ones naming UTC read the same anywhere.
TIME_ZONE_NAME_RE = re.compile(r"\d:\d\d(?::\d\d)?\s+([A-Za-z]{2,5})\b")
UTC_NAMES = frozenset({"UT", "UTC", "GMT", "Z"})


def parse_feed_date(value: str | None, tz: tzinfo = UTC) -> datetime | None:
    """RFC 822 or ISO 8601 feed date as an aware datetime.

    Category "a feed date printed without an offset" (``Sat, 16 Nov 2019 00:30:00``,
    ``2019-11-16T00:30:00``, a zone name RFC 822 does not know): it is read in ``tz``,
    the source's ``timezone``, as page dates are; taken as UTC it was hours off and
    its offset column said 0. RFC 822's ``-0000`` (UTC, local zone unknown) stays UTC.

    Category "RFC 822 dates as feeds really write them": an offset with a colon
    (``+05:30``, which RFC 822 parsing took for an unknown zone, hours off), and dates
    neither RFC 822 nor ISO reads (``16 Nov 2019``, ``16.11.2019 00:30``), which go to
    the page-date parser (an ambiguous ``06/01/2020`` stays None).

    Category "Java's and C's default date spelling in a feed" (f42, issue 17): "Mon Jan 06
    10:00:00 CST 2020" (``JAVA_DATE_RE``: Date.toString(), asctime, date(1)) goes to
    ``date_java.java_date``, the reader pages use, not ``email.utils``: Java's custom zone
    "GMT+01:00" is that offset (``email.utils`` read it as UTC, an hour off), a zone name
    ``ZONE_HOURS`` knows ("CET", "BST") its offset (``email.utils``: the source's zone), and a
    weekday that is not the date's gives None, as on pages: those programs print the weekday
    of the instant they print, so a wrong one means the value was assembled by hand or with a
    week-based year ("YYYY", a year off around New Year), and the item's page gives its date.
    RFC 822's comma form keeps ``email.utils``, which drops the weekday, as pages and
    feedparser do: evidence in docs/BENCHMARKS.md "Feeds, f42". Category "a clock followed
    by GMT+hhmm" (k40b's, for pages; f42 for feeds): "22:40:00 GMT-01:01", feedparser's own
    fixture, is at -01:01 (``email.utils`` read "GMT" and dropped the offset: UTC).

    Category "a hostile feed's date" (kf42): a value longer than ``MAX_DATE_CHARS`` is no
    date (None, as ``dates.parse_date`` bounds its work), and the offset after GMT is read
    once: a pubDate of thousands of "1GMT+01" recursed once per offset until RecursionError,
    which ``parse_feed`` turned into "unreadable feed", every other item lost.
    """
    return _read(value, tz, gmt=True)


def _read(value: str | None, tz: tzinfo, *, gmt: bool) -> datetime | None:
    if not value:
        return None
    value = value.strip()
    if len(value) > MAX_DATE_CHARS:
        return None
    # The gate is exact (the spelling opens with a letter and has no comma): bench speed.
    java = JAVA_DATE_RE.fullmatch(value) if value[:1].isalpha() and "," not in value else None
    if java is not None:
        # Java's and C's spelling is read as pages read it (see "Java's spelling" above).
        found = java_date(java, tz)
        return found if found is not None and found.year >= MIN_YEAR else None
    # An exact gate (GMT_OFFSET_RE needs "GMT" or "UTC" and a sign): most dates end in "GMT".
    if gmt and ("GMT" in value or "UTC" in value) and ("+" in value or "-" in value):
        offset = gmt_offset(value)
        if offset is not None:  # the rest read at the offset; none for an impossible one
            return None if offset[1] is None else _read(offset[0], offset[1], gmt=False)
    parsed: datetime | None = None
    rfc822 = False
    try:
        parsed = email.utils.parsedate_to_datetime(RFC822_COLON_OFFSET_RE.sub(r"\1\2", value))
        rfc822 = True
    except (TypeError, ValueError, IndexError):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            parsed = parse_date(value, tz)
    if (
        parsed is None
        or parsed.year < MIN_YEAR
        or (rfc822 and RFC822_ZERO_CENTURY_RE.search(value))
    ):
        return None  # a 1900 or year-1 date is a placeholder, not when a story ran
    known = parsed.tzinfo is not None  # email.utils read the zone (or there was none)
    if not known:
        # A name email.utils does not know ("CET", kf42): as pages and Java's spelling read it.
        named = rfc822_zone(parsed, value, tz) if rfc822 else None
        parsed = named or parsed.replace(tzinfo=UTC if value.endswith("-0000") else tz)
    # ISO has no zone names; parse_date reads Java's through date_java already.
    return _zone_named(parsed, value, tz) if rfc822 and known else parsed


def _zone_named(parsed: datetime, value: str, tz: tzinfo) -> datetime:
    """Category "a zone abbreviation of two countries in a feed of one" (z41b, issue 17):
    ``email.utils`` reads RFC 822's "CST" as US Central, but China's servers print it too
    (14 hours apart), as India's and Ireland's print "IST". As on pages (date_java), the
    abbreviation is ``tz``'s when ``tz`` spells it, else the zone of the feed's declared
    language (``parse_feed`` sets it), else what was read."""
    found = TIME_ZONE_NAME_RE.search(value)
    name = "" if found is None else found[1].upper()
    if not name or name in UTC_NAMES:
        return parsed
    return named_zone(parsed.replace(tzinfo=None), name, tz) or parsed
