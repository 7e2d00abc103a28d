"""Day or month first: the order of a page's all-numeric dates, from the page's own evidence.

"06/01/2020" is June 1 in the US and 6 January elsewhere; no fixed rule decides
it. The days the page gives unambiguously, the numeric dates that read one way
only and the declared locale do (``numeric_day_first``); without them, no date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import islice

from parsers.date_fields import century
from parsers.date_patterns import (
    DOT_DMY_RE,
    MAX_SCAN_CHARS,
    NUMERIC_EVIDENCE_DATES,
    SHORT_YEAR_RE,
)
from parsers.date_space import one_line
from parsers.date_weekday_words import WEEKDAY_WORDS
from parsers.date_yearless import WEEKDAY_BEFORE_RE, WEEKDAYS

# Regions that write the month first in numeric dates (06/01/2020 is June 1).
MONTH_FIRST_REGIONS = frozenset({"us", "ph", "fm", "mh", "pw", "as", "gu", "mp", "pr", "vi", "um"})
# Regions where both orders are in common use: the region alone decides nothing.
MIXED_REGIONS = frozenset({"ca"})
# Languages whose pages, when they write all-numeric dates with a slash or dot,
# do not put the day first by convention (English without a region is either;
# the East Asian and Hungarian/Lithuanian norm is year-first, and a page in them
# that prints 06/01/2020 follows no settled order).
NOT_DAY_FIRST_LANGUAGES = frozenset({"en", "zh", "ja", "ko", "hu", "lt", "mn", "eu"})
# Category "printed zone names the country": "Created: 12.04.2004 21:17 MSK (GMT +3)"
# on an English page with no region (mosnews.com). A zone abbreviation printed right
# after a numeric date tells where the page is written: US zones month first; Moscow,
# European, Indian/Irish/Israeli (IST) and Australian zones day first. Ambiguous ones
# (CST: US Central or China; AST) say nothing. Read only when the locale says nothing.
ZONE_AFTER_DATE_RE = re.compile(one_line(r"\s*(?:[ap]\.?m\.?)?\s*\(?(?P<zone>[A-Z]{2,4})\b"))
MONTH_FIRST_ZONES = frozenset(
    {"EST", "EDT", "ET", "CDT", "CT", "MST", "MDT", "MT", "PST", "PDT", "PT", "AKST", "AKDT",
     "HST"}
)
DAY_FIRST_ZONES = frozenset(
    {"MSK", "MSD", "CET", "CEST", "EET", "EEST", "WET", "WEST", "BST", "IST", "AEST", "AEDT",
     "ACST", "AWST", "NZST", "NZDT", "SAST"}
)


def locale_day_first(locale: str | None) -> bool | None:
    """Numeric date order implied by a page's declared locale ("en-US", "en_GB", "ru").

    ``False`` for month-first regions, ``True`` for other regions and for
    languages that write the day first whatever the region; ``None`` when the
    locale does not say (``en`` alone, ``en-CA``, ``zh``).
    """
    if not locale:
        return None
    parts = locale.strip().lower().replace("_", "-").split("-")
    language = parts[0]
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    if not language.isalpha():
        return None
    if region is not None:
        if region in MONTH_FIRST_REGIONS:
            return False
        if region in MIXED_REGIONS:
            return None
        if language in NOT_DAY_FIRST_LANGUAGES and language != "en":
            return None
        return True
    return None if language in NOT_DAY_FIRST_LANGUAGES else True


def numeric_day_first(
    text: str, known_days: Iterable[date], locales: Sequence[str | None] = ()
) -> bool | None:
    """Whether the page's all-numeric dates put the day first, from the page's own evidence.

    In order: an ambiguous date printed on the page (06/01/2020) of which exactly
    one reading is a day the page gives in another spelling (``known_days``: its
    metadata dates, dates with the month in words, the URL's date); a numeric date
    that can be read only one way (13/01/2020, 10/31/2024); the declared
    ``locales`` (html lang, og:locale, Content-Language). ``None`` when nothing
    decides or the evidence disagrees: an ambiguous date then gives no date.
    """
    known = set(known_days)
    by_reading: set[bool] = set()
    by_form: set[bool] = set()
    by_zone: set[bool] = set()
    for match in islice(DOT_DMY_RE.finditer(text[:MAX_SCAN_CHARS]), NUMERIC_EVIDENCE_DATES):
        day, month, year = (int(match.group(k)) for k in ("d", "m", "y"))
        if day <= 12 and month <= 12:
            if day == month:
                continue
            day_first_hit = _maybe_date(year, month, day) in known
            month_first_hit = _maybe_date(year, day, month) in known
            if day_first_hit != month_first_hit:
                by_reading.add(day_first_hit)
            named = _named_weekday(text, match.start())
            if named is not None:
                # Category "a weekday names the reading" (d43): "Tuesday, 11.06.2012" is
                # 6 November (a Tuesday), not 11 June (a Monday); one reading only falls
                # on the day the page names (NHL's news pages, old US blogs' "Monday,
                # 11/05/2012"). The order is that date's own spelling, as a known day is.
                day_first_fits = _weekday_of(year, month, day) == named
                if day_first_fits != (_weekday_of(year, day, month) == named):
                    by_reading.add(day_first_fits)
        elif day <= 31 and month <= 12:
            by_form.add(True)
        elif month <= 31 and day <= 12:
            by_form.add(False)
        zone = ZONE_AFTER_DATE_RE.match(text, match.end())
        if zone is not None and zone["zone"] in MONTH_FIRST_ZONES:
            by_zone.add(False)
        elif zone is not None and zone["zone"] in DAY_FIRST_ZONES:
            by_zone.add(True)
    for evidence in (by_reading, by_form):
        if len(evidence) == 1:
            return next(iter(evidence))
    orders = {o for o in (locale_day_first(loc) for loc in locales if loc) if o is not None}
    if not orders:
        # k44: a short year's reading only where the locale says nothing; an en-GB page's
        # "Posted 06/11/12" over a story that mentions "June 11, 2012" is 6 November.
        for evidence in (_short_year_readings(text, known), by_zone):
            if len(evidence) == 1:
                return next(iter(evidence))
    return next(iter(orders)) if len(orders) == 1 else None


def _short_year_readings(text: str, known: set[date]) -> set[bool]:
    """Category "a short-year date another spelling settles" (d44; issue 17): "7/10/12
    UPDATE:" over "Posted on July 10th, 2012" (fourhourworkweek), "Posted 06/11/12" on a page
    whose metadata says 2012-06-11: exactly one of the two readings of a two-digit-year date
    (month first, day first; the year last) is a day the page gives in another spelling.
    Asked after the four-digit dates' evidence, which it never overrides."""
    found: set[bool] = set()
    for match in islice(SHORT_YEAR_RE.finditer(text[:MAX_SCAN_CHARS]), NUMERIC_EVIDENCE_DATES):
        first, second, year = (int(match.group(k)) for k in ("a", "b", "c"))
        if first > 12 or second > 12 or first == second:
            continue
        full = century(year)
        day_first_hit = _maybe_date(full, second, first) in known
        if day_first_hit != (_maybe_date(full, first, second) in known):
            found.add(day_first_hit)
    return found


def has_ambiguous_numeric(text: str) -> bool:
    """Whether ``text`` prints a numeric date that reads both ways (06/01/2020).

    A two-digit-year date (16.11.19) counts too: the caller asks after finding no
    date, so such a date there is one that no evidence settled.
    """
    if SHORT_YEAR_RE.search(text[:MAX_SCAN_CHARS]):
        return True
    for match in islice(DOT_DMY_RE.finditer(text[:MAX_SCAN_CHARS]), NUMERIC_EVIDENCE_DATES):
        day, month = int(match.group("d")), int(match.group("m"))
        if day <= 12 and month <= 12 and day != month:
            return True
    return False


# How far before a numeric date a weekday's name is read ("Tuesday, ", "Di., ").
WEEKDAY_WINDOW = 20
# Days' full names (CLDR's wide names, each language's first spelling), folded, which no
# language also gives as an abbreviation: a full stop after one ends a sentence.
WIDE_WEEKDAYS = frozenset(
    names[0].casefold() for _, days in WEEKDAY_WORDS for names in days
) - frozenset(name.casefold() for _, days in WEEKDAY_WORDS for names in days for name in names[1:])


def _named_weekday(text: str, start: int) -> int | None:
    """The weekday (Monday 0) named right before the date at ``start``, if any.

    Category "a weekday across a full stop" (k43, d44): the weekday must belong to the
    date's own phrase. "Next match Monday. 11.06.2012" ends one sentence with a weekday
    and starts the next with the date: a full stop after a day's full name ("Monday.",
    "Montag.") ends a sentence; after an abbreviation ("Mon.", "Di.", "lun.") it is the
    abbreviation's own point and the weekday stays the date's.
    """
    before = WEEKDAY_BEFORE_RE.search(text[max(0, start - WEEKDAY_WINDOW) : start])
    if before is None:
        return None
    name = " ".join(before["wd"].split()).casefold()
    if before.group(0)[len(before["wd"]) :].startswith(".") and name in WIDE_WEEKDAYS:
        return None
    return WEEKDAYS.get(name)


def _weekday_of(year: int, month: int, day: int) -> int | None:
    found = _maybe_date(year, month, day)
    return found.weekday() if found is not None else None


def _maybe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


