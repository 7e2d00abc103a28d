"""Which day and clock a spelling's match names: its fields as a datetime, with the day or
month first as the page's evidence says, two-digit years, Buddhist Era and Solar Hijri years,
and Unix epoch values.

``dates`` finds the matches (``date_patterns``' spellings); this reads one; ``date_bounds``
judges the result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, tzinfo

from parsers.date_calendars import clock_hour, era_year, jalali_to_gregorian
from parsers.date_patterns import DOT_DMY_RE, MIN_YEAR, SHORT_YEAR_RE
from parsers.date_words import month_number
from parsers.date_words_world import BUDDHIST_ERA_OFFSET, JALALI_MONTHS, THAI_MONTHS

# A year beyond this with a Thai month is of the Buddhist Era (2562 = 2019).
BUDDHIST_MIN_YEAR = 2400
# d56, category "a two-digit year on a page in a language that writes it last": a two-digit
# year first ("21/01/23" for 2021-01-23) is East Asian, Hungarian, Lithuanian, Swedish and
# Persian; a page in another language (declared, or identified from its text) writes the year
# last ("Last updated: 23/01/21", "veröffentlicht am 6.12.06"), whichever of day and month
# comes first. A ContextVar, as ``date_java.page_zones``: one fact of the page, read deep down.
YEAR_FIRST_LANGUAGES = frozenset({"zh", "ja", "ko", "hu", "lt", "sv", "fa", "mn", "eu"})
_YEAR_LAST: ContextVar[bool] = ContextVar("year_last", default=False)


@contextmanager
def page_languages(tags: Iterable[str | None]) -> Iterator[None]:
    """Read two-digit years on this page with the year last when every language ``tags``
    name (locales, an identified language) writes it last; unknown otherwise."""
    languages = {t.strip().lower().replace("_", "-").split("-")[0] for t in tags if t and t.strip()}
    known = {lang for lang in languages if lang.isalpha()}
    token = _YEAR_LAST.set(bool(known) and known.isdisjoint(YEAR_FIRST_LANGUAGES))
    try:
        yield
    finally:
        _YEAR_LAST.reset(token)


def build(groups: dict[str, str | None], month: int, tz: tzinfo) -> datetime | None:
    """The moment of a match's year, day and clock groups in ``month``; None when impossible."""
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
    readings = {(century(c), a, b), (century(c), b, a)}
    if not _YEAR_LAST.get():
        readings.add((century(a), b, c))
    if day_first is not None:
        readings = {(century(c), b, a) if day_first else (century(c), a, b)}
    valid = {r for r in readings if _valid(*r)}
    if len(valid) != 1:
        return None
    year, month, day = valid.pop()
    groups = {
        "y": str(year),
        "d": str(day),
        "h": match.group("h"),
        "mi": match.group("mi"),
        "ampm": _half_day(match),
    }
    return build(groups, month, tz)


def century(year: int) -> int:
    """The four-digit year of a two-digit one (``MIN_YEAR`` onwards, else the 1900s)."""
    return 1900 + year if year >= MIN_YEAR - 1900 else 2000 + year


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def from_match(match: re.Match[str], tz: tzinfo, day_first: bool | None) -> datetime | None:
    """The moment a match of one of ``date_patterns``' spellings names (not Java's:
    ``date_java``), in ``tz`` unless it carries its own; ``day_first`` as ``_short_year``."""
    if match.re is SHORT_YEAR_RE:
        return _short_year(match, tz, day_first)
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
            groups = {**groups, "ampm": _half_day(match)}
    return build(groups, month, tz)


def _half_day(match: re.Match[str]) -> str | None:
    """The half-day word after a numeric date's clock (d45), but not a lower-case "am" after
    a dotted date (k45): the dotted dates are German, Czech, Nordic, where the clock has 24
    hours and "am" is German's "on the" ("05.12.2023 12:30 am Hauptbahnhof": 00:30 else)."""
    ampm = match.group("ampm")
    return None if ampm == "am" and match.group("sep").startswith(".") else ampm


def _folded(word: str) -> str:
    return word.lower().rstrip(".")


def _jalali(groups: dict[str, str | None], tz: tzinfo) -> datetime | None:
    """Category "Solar Hijri dates": the Gregorian day of ۲۵ آبان ۱۳۹۸."""
    day = jalali_to_gregorian(
        int(groups["y"] or 0), JALALI_MONTHS[groups["jmon"] or ""], int(groups["d"] or 0)
    )
    if day is None:
        return None
    return build({**groups, "y": str(day.year), "d": str(day.day)}, day.month, tz)


def from_epoch(text: str, tz: tzinfo) -> datetime | None:
    """Unix seconds (10 digits) or milliseconds (13) as a moment shown in ``tz``."""
    seconds = int(text) / (1000 if len(text) == 13 else 1)
    try:
        return datetime.fromtimestamp(seconds, tz)
    except (OverflowError, OSError, ValueError):
        return None
