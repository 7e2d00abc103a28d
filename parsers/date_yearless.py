"""Dates printed without their year ("Nov 16", "16. November", "11月16日", "mandag 5. august")
read against the fetch time.

Category "a story that prints its day without a year" (issue 17, d34: Verdens Gang "mandag
5. august kl. 14:47", Ukrainska Pravda "... Карина Гасимова 8 января, 17:46"): news sites
print the year only on another year's stories. A page is fetched days, not years, after it
went out, so the year is the one that puts the day on or before the fetch day (in the
source's zone) and within about eleven months of it. A day after the fetch day would be
last year's, nearly a year back: rather the next day east of the zone read in, or an event
ahead, so it names none. A weekday printed beside the date ("Thursday, 16 November",
"11月16日(木)") must be that year's, else no date. Only the byline zone under the headline
(``parsers.date_relative``'s lines), and only a date line or a byline's date: a sentence's
day ("Voting begins March 8") is the news's, not the page's. The patterns are
``date_patterns.YEARLESS_PATTERNS``, the day names ``date_weekday_words`` (CLDR).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo

from parsers.date_bounds import acceptable
from parsers.date_calendars import clock_hour
from parsers.date_patterns import DATE_WORDS_RE, YEARLESS_CLOCK_RE, YEARLESS_PATTERNS, ZONE_HOURS
from parsers.date_printed import BYLINE_PARTS_RE, CLOCK_LINE_RE
from parsers.date_relative import is_relative_stamp, stamp_lines
from parsers.date_space import one_line
from parsers.date_weekday_words import WEEKDAY_WORDS
from parsers.date_words import month_number
from parsers.date_zones import ZONE_NAMES

# "About eleven months": a day further back than this before the fetch names no year.
MAX_AGE = timedelta(days=335)
# A byline glued to its date names at most three people of two words each ("Ярослав
# Кузишин Антон Зелинский Карина Гасимова 8 января, 17:46").
NAME_WORDS = 6
WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# What may follow a byline's date: another part ("Nov 16 | 3 min read", "Nov 16 by Jane
# Doe"); a label's colon is no such part ("18 Aug: Swansea (h)": a fixture list).
PARTS_AFTER_RE = re.compile(r"\s*(?:[|·•]|\s[/–—-]\s|\bby\b)\s*", re.IGNORECASE)
# The last day of a span: "16 - 18 November", "16.–18. November", "11/16-11月18日".
SPAN_BEFORE_RE = re.compile(r"\d\.?\s*[-–—/]\s*$")
ZONE_RE = re.compile(rf"\b(?:{'|'.join([*ZONE_HOURS, *ZONE_NAMES])})\b")


def _weekday_table() -> tuple[dict[str, int], dict[str, int]]:
    """Day names (folded) to weekday numbers (Monday 0): those read next to a date, and the
    one-character ones (Japanese 木, Korean 목) read only in brackets after it. A spelling
    two languages give two days ("so": German Sunday, Czech Saturday) is read in neither."""
    days: dict[str, set[int]] = {}
    for _, names in WEEKDAY_WORDS:
        for weekday, spellings in enumerate(names):
            for name in spellings:
                days.setdefault(name.casefold(), set()).add(weekday)
    beside: dict[str, int] = {}
    bracketed: dict[str, int] = {}
    for name, found in days.items():
        if len(found) != 1:
            continue
        if len(name) >= 2:
            beside[name] = next(iter(found))
        elif unicodedata.name(name, "").startswith(("CJK", "HANGUL")):
            bracketed[name] = next(iter(found))
    return beside, bracketed


WEEKDAYS, BRACKETED_WEEKDAYS = _weekday_table()


def _alternation(names: dict[str, int]) -> str:
    return "|".join(
        re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True)
    )


# "Thursday, 16 November", "Do., 16. November", "mandag 5. august".
# q46: on the date's own line. ``date_order`` reads it in the page's lines joined by "\n", where
# "[\s,]*$" read a weekday ending the line above ("Kick-off Monday" over "06.11.2012") as the
# date's and took the order it fits.
WEEKDAY_BEFORE_RE = re.compile(
    one_line(rf"(?<!\w)(?P<wd>{_alternation(WEEKDAYS)})\.?(?:\s|,)*\Z"), re.I
)
# "16 November, Thursday", "11月16日(木)", "11월 16일 (목)", "11月16日 星期四".
WEEKDAY_AFTER_RE = re.compile(
    one_line(
        r"(?:\s|,)*"
        rf"(?:[(（]\s*(?P<bwd>{_alternation({**WEEKDAYS, **BRACKETED_WEEKDAYS})})\.?\s*[)）]"
        rf"|(?P<wd>{_alternation(WEEKDAYS)})\.?(?!\w))"
    ),
    re.I,
)


def yearless_under_headline(
    below_title: Sequence[str],
    tz: tzinfo,
    fetched_at: datetime | None,
    day_first: bool | None,
) -> datetime | None:
    """The day (and clock) the byline prints without a year, in the year the fetch time gives.

    Only with ``fetched_at``; only the first dated or stamped line of the lines under the
    headline: a date with its year, a relative stamp or a clock alone there first stops
    it (the story's own date, read by the other rules); update and caption lines are
    skipped. One such date on the line, not in a span: two are a span or two stories.
    """
    if fetched_at is None or fetched_at.tzinfo is None:
        return None
    try:
        today = fetched_at.astimezone(tz).date()
    except OverflowError:  # a fetch time within a day of year 1 or 9999: no day to name
        return None
    read: list[str] = []
    for line in stamp_lines(below_title, tz, day_first):
        if CLOCK_LINE_RE.match(line):
            return None
        read.append(line)
        matches = [m for pattern in YEARLESS_PATTERNS for m in pattern.finditer(line)]
        if matches:
            # Asked last, of the lines read: the relative patterns cost ~1 ms a line.
            if len(matches) > 1 or any(is_relative_stamp(text) for text in read):
                return None
            return _dated(line, matches[0], today, tz, fetched_at)
    return None


def _dated(
    line: str, match: re.Match[str], today: date, tz: tzinfo, fetched_at: datetime
) -> datetime | None:
    """The moment ``match`` names on a byline ``line``, or None (a sentence, no year near the
    fetch day, a weekday of another year, a clock after the fetch)."""
    month = month_number(match["mon"]) if match.groupdict().get("mon") else int(match["m"])
    if month is None or SPAN_BEFORE_RE.search(line[: match.start()]):
        return None
    start, end = match.start(), match.end()
    weekdays = []
    before = WEEKDAY_BEFORE_RE.search(line[:start])
    if before is not None:
        weekdays.append(WEEKDAYS[_fold(before["wd"])])
        start = before.start()
    after = WEEKDAY_AFTER_RE.match(line, end)
    if after is not None:
        name = _fold(after["bwd"] or after["wd"])
        weekdays.append(WEEKDAYS.get(name, BRACKETED_WEEKDAYS.get(name, -1)))
        end = after.end()
    clock = YEARLESS_CLOCK_RE.match(line, end)
    if clock is not None:
        end = clock.end()
    if not _byline_date(line[:start], line[end:], clock is not None or bool(weekdays)):
        return None
    day = _latest_on_or_before(today, month, int(match["d"]))
    if day is None or today - day > MAX_AGE or any(w != day.weekday() for w in weekdays):
        return None
    hour = minute = 0
    if clock is not None:
        hour = clock_hour(int(clock["h"]), clock["ampm"] or clock["half"] or "")
        minute = int(clock["mi"])
        if hour > 23 or minute > 59:
            return None
    return acceptable(datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz), fetched_at)


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def _latest_on_or_before(today: date, month: int, day: int) -> date | None:
    """The last ``month``/``day`` on or before ``today`` in this year or the last."""
    for year in (today.year, today.year - 1):
        try:
            found = date(year, month, day)
        except ValueError:  # no such day (30 February), or 29 February of a common year
            continue
        if found <= today:
            return found
    return None


def _words(text: str) -> list[str]:
    """The words of ``text`` that are not date labels ("Published", "on") or zones ("ET")."""
    return WORD_RE.findall(ZONE_RE.sub(" ", DATE_WORDS_RE.sub(" ", text)))


def _byline_date(head: str, tail: str, stamped: bool) -> bool:
    """Whether a date with ``head`` before it and ``tail`` after it on its line is a date
    line or a byline's date, not a sentence's or a list's.

    Either the date is a byline part alone ("By Jane Doe | Nov 16", "Kyle Wiggers · Nov
    16", "Published: Nov 16", "Nov 16 by Jane Doe"; not "18 Aug: Swansea (h)", a fixture
    list's label) or, ``stamped`` with its clock or weekday, it ends a line of at most
    ``NAME_WORDS`` capitalised words (names glued to it: "Карина Гасимова 8 января, 17:46";
    not a product list's "NEBULA MARS 3"). Words of scripts without case are no names.
    """
    before = BYLINE_PARTS_RE.split(head)[-1]
    after = PARTS_AFTER_RE.split(tail)[0]
    if not _words(before) and not _words(after):
        return True
    names = _words(head)
    return (
        stamped
        and not _words(tail)
        and len(names) <= NAME_WORDS
        and all(w[0].isupper() for w in names)
    )
