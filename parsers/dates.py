"""Date parsing: which moment one declared value names (``parse_date``), and the first
printed dates in free text (``find_date``, ``find_dates``), in English, Russian, Belarusian,
Ukrainian, German, French, Spanish, Italian, Portuguese, Dutch, Polish, Hungarian; CJK
year-month-day; and, day first, the languages of ``date_words_world``: Turkish, Czech,
Slovak, Greek, Arabic, Persian, Hebrew, Hindi, Thai and more.

Stages: ``date_words`` and ``date_words_world`` (month names), ``date_calendars``
(eras, Buddhist and Solar Hijri years, half-day words), ``date_patterns`` (the
spellings, as regexes), ``date_order`` (day or month first, from the page's
evidence), ``date_fields`` (the moment one match names), ``date_java`` (Java's spelling),
``date_offsets`` (offsets written after a clock), ``date_bounds`` (whether a date may be a
publication's), ``date_urls`` (a URL's day), ``date_furniture`` (a block that is only a
date), and here the reading of one value or a run of text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timezone, tzinfo
from email.utils import parsedate_to_datetime
from itertools import islice
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as du_parser

from parsers.date_bounds import acceptable, aware
from parsers.date_calendars import clock_hour
from parsers.date_fields import from_epoch, from_match
from parsers.date_furniture import is_date_line
from parsers.date_java import java_date, rfc822_zone, zone_reading
from parsers.date_offsets import gmt_offset, impossible_offset, iso_offset, printed_offset
from parsers.date_patterns import (
    CLOCK_BEFORE_CHARS,
    CLOCK_ZONE_BEFORE_RE,
    CLOCK_ZONE_RE,
    COMPACT_STAMP_RE,
    EPOCH_RE,
    FIND_PATTERNS,
    ISO_PREFIX_RE,
    JAVA_DATE_RE,
    MAX_DATE_CHARS,
    MAX_DATE_LINE_CHARS,
    MAX_SCAN_CHARS,
    MIN_YEAR,
    MONTH_ALT,
    NLM_DATE_RE,
    RFC822_COLON_OFFSET_RE,
    RFC822_ZERO_CENTURY_RE,
    SHORT_YEAR_RE,
    TEXT_PATTERNS,
    US_ZONE_NAMES,
    YMD_RE,
)
from parsers.date_pieces import join_date_pieces
from parsers.date_space import as_one_line
from parsers.date_urls import date_from_url
from pressroom.errors import ParseError

# Re-exported: the body, feed and date rules import them from here.
__all__ = [
    "MAX_DATE_LINE_CHARS",
    "MAX_SCAN_CHARS",
    "MIN_YEAR",
    "MONTH_ALT",
    "date_from_url",
    "is_date_line",
]


def get_timezone(name: str | None) -> tzinfo | None:
    """ZoneInfo for an IANA name; ``ParseError`` when the name is unknown."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ParseError(f"unknown timezone {name!r}") from exc


def _from_match(match: re.Match[str], tz: tzinfo, day_first: bool | None) -> datetime | None:
    if match.re is JAVA_DATE_RE:
        return java_date(match, tz)
    return from_match(match, tz, day_first)


def _from_text(
    match: re.Match[str],
    text: str,
    tz: tzinfo,
    day_first: bool | None,
    lines: str,
) -> datetime | None:
    """``_from_match`` for a date found in free ``text``: a clock followed by "GMT+0100"
    ("Published 16 November 2019, 00:30 GMT+0100") is read at that offset, not in ``tz``
    (z40b; None when no zone uses the offset); a printed ISO stamp at its own offset (o51,
    ``iso_offset``: "2014-11-23T16:00:00+04:00"). Java's spelling carries its own zone.
    ``lines`` is ``text`` before ``join_date_pieces`` (the same positions): k46, the zoned
    clock before a date is read on the date's own block only (k45's rule; a weather box's
    "7:12 AM EST" in its own block over the date line holds only a date's pieces)."""
    groups = match.groupdict()
    if match.re is JAVA_DATE_RE:
        return _from_match(match, tz, day_first)
    if groups.get("mi"):
        # o52: the offset may follow the half-day word ("8:00 PM GMT+2", GMT_OFFSET_RE).
        last = "ampm" if groups.get("ampm") else "s" if groups.get("s") else "mi"
        written = printed_offset(text, match.end(last))
        if written is not None:
            if written[0] is None:
                return None
            tz = written[0]
        elif match.re is YMD_RE and (stamped := iso_offset(text, match)) is not None:
            tz = stamped  # o51: a printed ISO stamp's own offset ("T16:00:00+04:00", "Z")
        elif (zone := CLOCK_ZONE_RE.match(text, match.end())) is not None:
            found = _from_match(match, tz, day_first)
            return None if found is None else _at_zone(found, zone["zone"], tz) or found
    elif (
        before := CLOCK_ZONE_BEFORE_RE.search(
            lines, max(0, match.start() - CLOCK_BEFORE_CHARS), match.start()
        )
    ) is not None:
        return _clock_before(match, before, tz, day_first)
    return _from_match(match, tz, day_first)


def _clock_before(
    match: re.Match[str], before: re.Match[str], tz: tzinfo, day_first: bool | None
) -> datetime | None:
    """Category "a zoned clock printed before the date" (d45, ``CLOCK_ZONE_BEFORE_RE``):
    "9:22 PM EST, Mon November 6, 2023" is 21:22 at EST that day. A word before the date
    that names no zone leaves the date as it reads alone."""
    found = _from_match(match, tz, day_first)
    if found is None:
        return None
    hour, minute = clock_hour(int(before["h"]), before["ampm"] or ""), int(before["mi"])
    second = int(before["s"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return found
    return (
        _at_zone(found.replace(hour=hour, minute=minute, second=second), before["zone"], tz)
        or found
    )


def _at_zone(found: datetime, name: str, tz: tzinfo) -> datetime | None:
    """Category "a zone abbreviation after a printed clock" (``CLOCK_ZONE_RE``, d44):
    ``found``'s wall time at the offset ``name`` names ("8:10 AM PDT" is 15:10 UTC, "9 pm
    PDT" the next UTC day; the printed local day stays the day), as ``date_java`` reads a
    zone name; "ET", "PT", "CT", "MT" by that day's daylight saving. None for a word no zone
    is called."""
    if name in US_ZONE_NAMES:
        offset = ZoneInfo(US_ZONE_NAMES[name]).utcoffset(found.replace(tzinfo=None))
        return found if offset is None else found.replace(tzinfo=timezone(offset))
    return zone_reading(found, name, tz)


def parse_date(
    text: str, tz: tzinfo, fetched_at: datetime | None = None, day_first: bool | None = None
) -> datetime | None:
    """Parse one date string (a meta value, a ``datetime`` attribute or a short label).

    Values without an offset are read in ``tz``; ``day_first`` is the page's
    order for ambiguous numeric dates (``numeric_day_first``). Returns ``None`` when nothing
    date-like is found or the date is after ``fetched_at`` (``acceptable``).
    """
    # One value, one line: its markup's line breaks join no blocks (``date_space``).
    value = as_one_line(text.strip()[:MAX_DATE_CHARS])
    if len(value) > 1 and value[0] == value[-1] == '"':
        # o53: Hugo's JSON-LD quotes its value ('"2019-11-16T10:00-12:00"'): the value inside,
        # read as declared (ISO's offset), not as text (``iso_offset``: no newsroom's offset).
        value = value[1:-1].strip()
    if not value or impossible_offset(value):
        return None
    if not JAVA_DATE_RE.fullmatch(value) and (offset := gmt_offset(value)) is not None:
        # Category "a clock followed by GMT+hhmm" (k40b): the rest read at that offset.
        rest, zone = offset
        if zone is None:
            return None
        return parse_date(rest, zone, fetched_at, day_first)
    if EPOCH_RE.match(value):
        # Category "epoch values": a meta value or attribute in Unix seconds or
        # milliseconds, shown in ``tz`` (the day the source's readers saw).
        return acceptable(from_epoch(value, tz), fetched_at)
    if COMPACT_STAMP_RE.fullmatch(value):
        value = f"{value[:8]}T{value[8:]}"  # ISO's basic format, which fromisoformat reads
    result: datetime | None = None
    iso = value.replace("Z", "+00:00") if value.endswith("Z") else value
    try:
        result = aware(datetime.fromisoformat(iso), tz)
    except ValueError:
        if ISO_PREFIX_RE.match(value):
            # Variants fromisoformat rejects (fractions of odd length, "+0000").
            try:
                result = aware(du_parser.isoparse(value), tz)
            except (ValueError, OverflowError):
                result = None
        elif value[:3].isalpha() and "," in value[:5]:
            try:
                rfc822 = RFC822_COLON_OFFSET_RE.sub(r"\1\2", value)
                read = parsedate_to_datetime(rfc822)
                if RFC822_ZERO_CENTURY_RE.search(value):
                    return None  # "01 Jan 0001": a date never set, not 2001
                # A zone name email.utils does not know ("CET"): as Java's spelling reads it.
                named = None if read.tzinfo else rfc822_zone(read, value, tz)
                result = named or aware(read, tz)
            except (ValueError, TypeError, IndexError):
                result = None
    if result is None and (nlm := NLM_DATE_RE.fullmatch(value)) is not None:
        result = _from_match(nlm, tz, day_first)
    if result is None and (java := JAVA_DATE_RE.fullmatch(value)) is not None:
        result = java_date(java, tz)
        if result is None:
            return None
    if result is None:
        result = find_date(value, tz, day_first=day_first)
    return acceptable(result, fetched_at)


def find_date(
    text: str,
    tz: tzinfo,
    fetched_at: datetime | None = None,
    day_first: bool | None = None,
    short_years: bool = False,
) -> datetime | None:
    """First printed date in free ``text`` (day-month-year in several languages, ISO, dotted).

    ``short_years`` also reads two-digit years (11.16.19), the last resort: only
    for the story's header, as lists of other posts print them too ("1/4/05").
    """
    lines = text[:MAX_SCAN_CHARS]
    sample = join_date_pieces(lines)
    best: tuple[int, datetime] | None = None
    for pattern in FIND_PATTERNS if short_years else TEXT_PATTERNS:
        if pattern is SHORT_YEAR_RE and best is not None:
            break  # a four-digit date in the same text wins
        for match in pattern.finditer(sample):
            if best is not None and match.start() >= best[0]:
                break
            found = acceptable(
                _from_text(match, sample, tz, day_first, lines), fetched_at
            )
            if found is not None:
                best = (match.start(), found)
                break
    return best[1] if best else None


def find_dates(
    text: str,
    tz: tzinfo,
    fetched_at: datetime | None = None,
    limit: int = 3,
    day_first: bool | None = None,
    short_years: bool = False,
) -> list[datetime]:
    """The first ``limit`` printed dates in ``text``, in the order they appear
    (``short_years``: two-digit years too, as ``find_date`` reads them)."""
    lines = text[:MAX_SCAN_CHARS]
    sample = join_date_pieces(lines)
    found: list[tuple[int, datetime]] = []
    for pattern in FIND_PATTERNS if short_years else TEXT_PATTERNS:
        for match in islice(pattern.finditer(sample), limit):
            value = acceptable(_from_text(match, sample, tz, day_first, lines), fetched_at)
            if value is not None:
                found.append((match.start(), value))
    found.sort(key=lambda item: item[0])
    return [value for _, value in found[:limit]]


def first_instant(
    values: Sequence[str], tz: tzinfo, fetched_at: datetime | None = None
) -> datetime | None:
    """The first of ``values`` (attribute values) that is an acceptable instant.

    Unix seconds or milliseconds (``data-timestamp="1573900000"``) are shown in
    ``tz`` (the source's zone: the day its readers saw); anything else is read as
    ``parse_date`` reads a declared date.
    """
    for value in values:
        text = value.strip()
        found = acceptable(parse_date(text, tz), fetched_at)
        if found is not None:
            return found
    return None
