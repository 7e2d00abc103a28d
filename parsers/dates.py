"""Date parsing: ISO 8601, RFC 822 and printed dates (English, Russian, Belarusian,
Ukrainian, German, French, Spanish, Italian, Portuguese, Dutch, Polish, Hungarian;
CJK year-month-day; and, day first, the languages of ``date_words_world``: Turkish,
Czech, Slovak, Greek, Arabic, Persian, Hebrew, Hindi, Thai and more).

Stages: ``date_words`` and ``date_words_world`` (month names), ``date_calendars``
(eras, Buddhist and Solar Hijri years, half-day words), ``date_patterns`` (the
spellings, as regexes), ``date_order`` (day or month first, from the page's
evidence), and here the parsing of one value or a run of text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from itertools import islice
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as du_parser

from parsers.date_calendars import clock_hour, era_year, jalali_to_gregorian
from parsers.date_offsets import gmt_offset, impossible_offset, offset_of, printed_offset
from parsers.date_patterns import (
    DATE_ANCHOR_RE,
    DATE_WORDS_RE,
    DOT_DMY_RE,
    EPOCH_RE,
    FIND_PATTERNS,
    ISO_PREFIX_RE,
    JAVA_DATE_RE,
    JAVA_WEEKDAYS,
    MAX_DATE_CHARS,
    MAX_DATE_LINE_CHARS,
    MAX_SCAN_CHARS,
    MAX_YEAR,
    MDY_RE,
    MDY_TAIL_RE,
    MIN_YEAR,
    MONTH_ALT,
    MONTHS,
    NLM_DATE_RE,
    RFC822_COLON_OFFSET_RE,
    SHORT_YEAR_RE,
    TEXT_PATTERNS,
    TIME_ONLY_RE,
    URL_COMPACT_RE,
    URL_DATE_RE,
    URL_MONTH_WORD_RE,
    URL_YEAR_MMDD_RE,
    ZONE_HOURS,
)
from parsers.date_words import month_number
from parsers.date_words_world import BUDDHIST_ERA_OFFSET, JALALI_MONTHS, THAI_MONTHS
from pressroom.errors import ParseError

# A year beyond this with a Thai month is of the Buddhist Era (2562 = 2019).
BUDDHIST_MIN_YEAR = 2400
# The widest UTC offset in use (UTC+14, Kiribati): how far a zoneless time may read past a fetch.
ZONE_SLACK = timedelta(hours=14)
ZERO = timedelta(0)
# How far a publisher's clock may run ahead of ours: a story polled minutes after it went
# out may declare a moment seconds or minutes "after" the fetch (flows.discover's too).
CLOCK_SKEW = timedelta(minutes=10)

# Re-exported: the body and feed rules import them from here.
__all__ = ["MAX_DATE_LINE_CHARS", "MAX_SCAN_CHARS", "MIN_YEAR", "MONTH_ALT"]


def get_timezone(name: str | None) -> tzinfo | None:
    """ZoneInfo for an IANA name; ``ParseError`` when the name is unknown."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ParseError(f"unknown timezone {name!r}") from exc


def _build(groups: dict[str, str | None], month: int, tz: tzinfo) -> datetime | None:
    try:
        year = int(groups["y"] or 0)
        day = int(groups.get("d") or 1)
        hour = int(groups.get("h") or 0)
        minute = int(groups.get("mi") or 0)
        second = int(groups.get("s") or 0)
        hour = clock_hour(hour, groups.get("ampm") or groups.get("half") or "")
        if year < MIN_YEAR or year > 2100:
            return None
        return datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except (ValueError, TypeError):
        return None


def _short_year(match: re.Match[str], tz: tzinfo, day_first: bool | None) -> datetime | None:
    """A date with a two-digit year, when the page's evidence leaves one reading.

    Category "two-digit years": "11.16.19" can only be November 16, 2019; "16.11.19"
    is 16 November 2019 or (year first) 2016-11-19, so alone it gives no date. A page
    whose evidence says it writes the day first (or the month first, ``day_first``)
    writes that one reading; no fixed rule picks.
    """
    a, b, c = (int(match.group(k)) for k in ("a", "b", "c"))
    readings = {(_century(c), a, b), (_century(c), b, a), (_century(a), b, c)}
    if day_first is not None:
        readings = {(_century(c), b, a) if day_first else (_century(c), a, b)}
    valid = {r for r in readings if _valid(*r)}
    if len(valid) != 1:
        return None
    year, month, day = valid.pop()
    groups = {"y": str(year), "d": str(day), "h": match.group("h"), "mi": match.group("mi")}
    return _build(groups, month, tz)


def _century(year: int) -> int:
    return 1900 + year if year >= MIN_YEAR - 1900 else 2000 + year


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _from_match(match: re.Match[str], tz: tzinfo, day_first: bool | None) -> datetime | None:
    if match.re is SHORT_YEAR_RE:
        return _short_year(match, tz, day_first)
    if match.re is JAVA_DATE_RE:
        return _java_date(match, tz)
    groups = match.groupdict()
    if groups.get("jmon"):
        return _jalali(groups, tz)
    if groups.get("era"):
        groups = {**groups, "y": str(era_year(groups["era"], groups["ey"]))}
    if groups.get("mon"):
        month = month_number(groups["mon"])
        if month is None:
            return None
        if int(groups["y"]) > BUDDHIST_MIN_YEAR and _folded(groups["mon"]) in THAI_MONTHS:
            groups = {**groups, "y": str(int(groups["y"]) - BUDDHIST_ERA_OFFSET)}
    else:
        month = int(groups.get("m") or 0)
        if match.re is DOT_DMY_RE:
            day = int(groups.get("d") or 0)
            if month <= 12 and day <= 12 and month != day:
                # "06/01/2020": June 1 in the US, 6 January elsewhere. Only the
                # page's evidence decides (``numeric_day_first``); without it, no date.
                if day_first is None:
                    return None
                month_first = not day_first
            else:
                # "10/31/2024" can only be month-first, "16.11.2019" only day-first.
                month_first = month > 12 and day <= 12
            if month_first:
                groups = {**groups, "d": groups["m"]}
                month = day
    return _build(groups, month, tz)


def _java_date(match: re.Match[str], tz: tzinfo) -> datetime | None:
    """Category "Java's default date spelling" (``JAVA_DATE_RE``): "Mon Aug 03 12:45:00 EDT
    2015" at the abbreviation's offset (else in ``tz``); None when the weekday is not the
    date's (a broken value). An abbreviation ``tz`` itself spells at that moment is ``tz``'s
    (k40b: a server in Shanghai writes "CST", in Kolkata or Dublin "IST", which
    ``ZONE_HOURS`` reads as US Central or not at all); "GMT+01:00", Java's name of a custom
    zone, is that offset."""
    name = match["zone"].upper()
    month = month_number(match["mon"])
    found = None if month is None else _build(match.groupdict(), month, tz)
    if found is None or JAVA_WEEKDAYS[found.weekday()] != match["wd"].lower():
        return None
    if match["sign"]:
        zone = offset_of(match)
        return None if zone is None else found.replace(tzinfo=zone)
    hours = ZONE_HOURS.get(name)
    if hours is None or (found.tzname() or "").upper() == name:
        return found
    return found.replace(tzinfo=timezone(timedelta(hours=hours)))


def _from_text(
    match: re.Match[str], text: str, tz: tzinfo, day_first: bool | None
) -> datetime | None:
    """``_from_match`` for a date found in free ``text``: a clock followed by "GMT+0100"
    ("Published 16 November 2019, 00:30 GMT+0100") is read at that offset, not in ``tz``
    (z40b; None when no zone uses the offset). Java's spelling carries its own zone."""
    groups = match.groupdict()
    if groups.get("mi") and match.re is not JAVA_DATE_RE:
        written = printed_offset(text, match.end("s") if groups.get("s") else match.end("mi"))
        if written is not None:
            if written[0] is None:
                return None
            tz = written[0]
    return _from_match(match, tz, day_first)


def _folded(word: str) -> str:
    return word.lower().rstrip(".")


def _jalali(groups: dict[str, str | None], tz: tzinfo) -> datetime | None:
    """Category "Solar Hijri dates": the Gregorian day of ۲۵ آبان ۱۳۹۸."""
    day = jalali_to_gregorian(
        int(groups["y"] or 0), JALALI_MONTHS[groups["jmon"] or ""], int(groups["d"] or 0)
    )
    if day is None:
        return None
    return _build({**groups, "y": str(day.year), "d": str(day.day)}, day.month, tz)


def _from_epoch(text: str, tz: tzinfo) -> datetime | None:
    seconds = int(text) / (1000 if len(text) == 13 else 1)
    try:
        return datetime.fromtimestamp(seconds, tz)
    except (OverflowError, OSError, ValueError):
        return None


def _aware(value: datetime, tz: tzinfo) -> datetime:
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
            limit = _aware(fetched_at, ZoneInfo("UTC")) + slack
        except OverflowError:  # a fetch time within hours of year 9999: nothing is later
            return value
        if value > limit:
            return None
    return value


def parse_date(
    text: str, tz: tzinfo, fetched_at: datetime | None = None, day_first: bool | None = None
) -> datetime | None:
    """Parse one date string (a meta value, a ``datetime`` attribute or a short label).

    Values without an offset are read in ``tz``; ``day_first`` is the page's
    order for ambiguous numeric dates (``numeric_day_first``). Returns ``None`` when nothing
    date-like is found or the date is after ``fetched_at`` (``acceptable``).
    """
    value = text.strip()[:MAX_DATE_CHARS]
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
        return acceptable(_from_epoch(value, tz), fetched_at)
    result: datetime | None = None
    iso = value.replace("Z", "+00:00") if value.endswith("Z") else value
    try:
        result = _aware(datetime.fromisoformat(iso), tz)
    except ValueError:
        if ISO_PREFIX_RE.match(value):
            # Variants fromisoformat rejects (fractions of odd length, "+0000").
            try:
                result = _aware(du_parser.isoparse(value), tz)
            except (ValueError, OverflowError):
                result = None
        elif value[:3].isalpha() and "," in value[:5]:
            try:
                rfc822 = RFC822_COLON_OFFSET_RE.sub(r"\1\2", value)
                result = _aware(parsedate_to_datetime(rfc822), tz)
            except (ValueError, TypeError, IndexError):
                result = None
    if result is None and (nlm := NLM_DATE_RE.fullmatch(value)) is not None:
        result = _from_match(nlm, tz, day_first)
    if result is None and (java := JAVA_DATE_RE.fullmatch(value)) is not None:
        result = _java_date(java, tz)
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
    sample = text[:MAX_SCAN_CHARS]
    best: tuple[int, datetime] | None = None
    for pattern in FIND_PATTERNS if short_years else TEXT_PATTERNS:
        if pattern is SHORT_YEAR_RE and best is not None:
            break  # a four-digit date in the same text wins
        for match in pattern.finditer(sample):
            if best is not None and match.start() >= best[0]:
                break
            found = acceptable(_from_text(match, sample, tz, day_first), fetched_at)
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
    sample = text[:MAX_SCAN_CHARS]
    found: list[tuple[int, datetime]] = []
    for pattern in FIND_PATTERNS if short_years else TEXT_PATTERNS:
        for match in islice(pattern.finditer(sample), limit):
            value = acceptable(_from_text(match, sample, tz, day_first), fetched_at)
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


def date_from_url(url: str, tz: tzinfo, fetched_at: datetime | None = None) -> datetime | None:
    """Date encoded in a URL path (``/2019/11/16/``, ``-20191116-``, ``/2023/october/03/``).

    Category "month-only URLs": a path with only a year and a month
    (``/2019/11/slug``) gives no date. Day 1 would be a wrong day on nearly every
    such page, and the record has no way to say "November 2019" alone.
    """
    path = url.split("?", 1)[0]
    for pattern in (URL_DATE_RE, URL_COMPACT_RE, URL_YEAR_MMDD_RE, URL_MONTH_WORD_RE):
        match = pattern.search(path)
        if match:
            groups = match.groupdict()
            if not groups.get("d"):
                continue
            month = MONTHS.get(groups["mon"].lower()) if groups.get("mon") else int(groups["m"])
            found = acceptable(_build(groups, month, tz), fetched_at) if month else None
            if found is not None:
                return found
    return None


def is_date_line(text: str, known: dict[str, bool] | None = None) -> bool:
    """True for a block that holds only a date (and time): page furniture, not body text.

    ``known`` holds the answers already worked out on this page (``Scan.date_lines``),
    and takes this one: the body's and the date rules ask it of one block up to 4 times.
    """
    if known is None:
        return _date_line(text)
    answer = known.get(text)
    if answer is None:
        answer = known[text] = _date_line(text)
    return answer


def _date_line(text: str) -> bool:
    # A regex, not a generator over characters: this runs for most blocks of a page.
    if len(text) > MAX_DATE_LINE_CHARS or DATE_ANCHOR_RE.search(text) is None:
        return False
    rest = text
    for pattern in TEXT_PATTERNS:
        if pattern is not MDY_RE or MDY_TAIL_RE.search(rest) is not None:
            rest = pattern.sub(" ", rest)
    if rest == text:
        return False
    rest = TIME_ONLY_RE.sub(" ", DATE_WORDS_RE.sub(" ", rest))
    return not any(c.isalnum() for c in rest)
