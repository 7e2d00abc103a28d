"""Relative time stamps ("3 hours ago", "vor 2 Stunden", "3시간 전", "today, 14:05") read
against the fetch time.

Category "a story dated only by a relative stamp" (issue 17, d31: Globe and Mail, Tages-
Anzeiger, Kicker, Heise, Die Welt ...): the byline prints how long ago the story went out
and the page declares no date. The fetch time the caller gives (the pipeline's, the stored
one on a reparse) turns it into a day, so the parser stays pure. Units up to days: "3 weeks
ago" names no day, and a count of days spans two (``_counted``). The words are CLDR's
(``parsers.date_relative_words``), every language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta, tzinfo

from parsers.date_bounds import ZONE_SLACK
from parsers.date_labels import UPDATED_RE
from parsers.date_printed import CAPTION_RE, CLOCK_LINE_RE
from parsers.date_relative_words import RELATIVE_WORDS
from parsers.dates import MAX_DATE_LINE_CHARS, find_dates

UNIT_SECONDS = (1, 60, 3600, 86400)
# The widest UTC offset west of UTC (UTC-12, Baker Island); ZONE_SLACK is the east's.
WEST_SLACK = timedelta(hours=12)
# Lines under the headline looked at: the byline zone, not the story's text.
BYLINE_LINES = 6
# Words a byline line may hold besides its stamp ("By Jane Doe · 3 hours ago").
OTHER_WORDS = 5
WORD_RE = re.compile(r"\w+")
CLOCK_RE = re.compile(r"(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:\s*(?P<ap>[ap])\.?\s*m\b\.?)?", re.I)
# Joins a day name to its clock: "today, 14:05", "heute um 14:05 Uhr", "hier à 9h30" is not
# read (no colon), "昨日 14:05".
CLOCK_GLUE = r"[\s,·|\-–—]*(?:at|um|à|a las|alle|às|om|в|o|kl\.?)?\s*"


def _pattern(template: str) -> str:
    """A CLDR pattern as a regular expression, spaces loose. A number that opens it may
    follow a letter: bylines glue the name to it ("Dylan Jones5 hours ago")."""
    before, _, after = template.partition("{0}")
    parts = [re.escape(piece).replace(r"\ ", r"\s*") for piece in (before, after)]
    # Nor after a minus: "-3 hours ago" is a clock that puts the story in the future.
    start = r"(?<!\w)" if before else r"(?<![\d.,\-−])"
    return rf"{start}{parts[0]}\d{{1,3}}{parts[1]}"


def _compile() -> tuple[tuple[re.Pattern[str], int], ...]:
    """One regular expression per unit over every language's patterns, longest first."""
    compiled = []
    for unit, seconds in enumerate(UNIT_SECONDS):
        templates = sorted(
            {t for _, words in RELATIVE_WORDS for t in words[:4][unit]}, key=len, reverse=True
        )
        body = "|".join(f"(?:{_pattern(t)})" for t in templates)
        compiled.append((re.compile(rf"(?:{body})(?!\w)", re.I), seconds))
    return tuple(compiled)


def _day_names() -> tuple[tuple[re.Pattern[str], int], ...]:
    """A day name ("yesterday", "gestern", "昨天") alone or followed by its clock."""
    names: dict[int, set[str]] = {}
    for _, words in RELATIVE_WORDS:
        for back, name in words[4]:
            names.setdefault(back, set()).add(re.escape(name).replace(r"\ ", r"\s+"))
    return tuple(
        (
            re.compile(
                rf"^\W*(?:{'|'.join(sorted(spelled, key=len, reverse=True))})"
                rf"(?:{CLOCK_GLUE}(?P<clock>{CLOCK_RE.pattern})(?:\s*(?:Uhr|h))?)?\W*$",
                re.I,
            ),
            back,
        )
        for back, spelled in sorted(names.items())
    )


UNIT_RES = _compile()
DAY_NAME_RES = _day_names()
NUMBER_RE = re.compile(r"\d{1,3}")


def relative_stamp(line: str, fetched_at: datetime, tz: tzinfo) -> datetime | None:
    """The moment a byline line's relative stamp names, in ``tz``; None if it has none."""
    local = fetched_at.astimezone(tz)
    for pattern, back in DAY_NAME_RES:
        match = pattern.match(line)
        if match is None:
            continue
        day = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=back)
        clock = CLOCK_RE.search(match["clock"]) if match["clock"] else None
        if clock is None:
            return day
        hour = int(clock["h"])
        if clock["ap"]:
            hour = hour % 12 + (12 if clock["ap"].lower() == "p" else 0)
        if hour > 23 or int(clock["mi"]) > 59:
            return None
        return day.replace(hour=hour, minute=int(clock["mi"]))
    for pattern, seconds in UNIT_RES:
        match = pattern.search(line)
        if match is None:
            continue
        rest = line[: match.start()] + " " + line[match.end() :]
        if len(WORD_RE.findall(rest)) > OTHER_WORDS:
            return None
        count = NUMBER_RE.search(match[0])
        if count is None or len({ord(c) - unicodedata.digit(c) for c in count[0]}) > 1:
            return None  # "3٣": digits of two scripts are no number (int() reads 33)
        return _counted(fetched_at, int(count[0]), seconds, tz)
    return None


def is_relative_stamp(line: str) -> bool:
    """Whether ``line`` holds a relative stamp, one that names a day or not ("1 day ago")."""
    return any(p.match(line) for p, _ in DAY_NAME_RES) or any(p.search(line) for p, _ in UNIT_RES)


def _counted(fetched_at: datetime, count: int, seconds: int, tz: tzinfo) -> datetime | None:
    """``count`` units before the fetch, when every moment the stamp may mean is one day.

    "3 hours ago" is 3 to 4 hours where the site floors (most) and 2.5 to 3.5 where it
    rounds (moment.js): the day is named only when that whole span falls on one day in
    ``tz``. "1 day ago" spans 24 hours, so it never does: counted days name no day (the
    names "yesterday", "vorgestern" do).
    """
    earliest = (fetched_at - timedelta(seconds=seconds * (count + 1))).astimezone(tz)
    latest = (fetched_at - timedelta(seconds=seconds * max(count - 0.5, 0))).astimezone(tz)
    if earliest.date() != latest.date():
        return None
    return (fetched_at - timedelta(seconds=seconds * count)).astimezone(tz).replace(microsecond=0)


def stamp_lines(below_title: Sequence[str], tz: tzinfo, day_first: bool | None) -> Iterator[str]:
    """The lines right under the headline that may carry the byline's stamp, in order.

    Only the first BYLINE_LINES (a comment's or a teaser's stamp sits further down); an
    update's or a caption's line is skipped; a line printing a full date ends them (the
    story has a date of its own, which the other rules read).
    """
    for line in below_title[:BYLINE_LINES]:
        if len(line) > MAX_DATE_LINE_CHARS:
            continue
        if find_dates(line, tz, None, 1, day_first=day_first, short_years=True):
            return
        if UPDATED_RE.search(line) or CAPTION_RE.search(line):
            continue
        yield line


def relative_under_headline(
    below_title: Sequence[str],
    tz: tzinfo,
    fetched_at: datetime | None,
    day_first: bool | None,
) -> datetime | None:
    """The moment the byline's relative stamp names, when it is the first stamp under the headline.

    Only with ``fetched_at``; only in the lines right under the headline (a comment's or a
    teaser's stamp sits further down); not an update's ("Updated 2 hours ago") or a
    caption's; stop at the first printed date (then the story has a date of its own). A
    stamp later than the fetch is no stamp.
    """
    if fetched_at is None or fetched_at.tzinfo is None:
        return None
    for line in stamp_lines(below_title, tz, day_first):
        try:
            found = relative_stamp(line, fetched_at, tz)
        except OverflowError:  # a fetch time within a day of year 1 or 9999: no day to name
            return None
        if found is not None:
            return found if found <= fetched_at else None
    return None


def clock_on_fetch_day(
    below_title: Sequence[str],
    tz: tzinfo,
    fetched_at: datetime | None,
    day_first: bool | None,
) -> datetime | None:
    """The fetch day at the clock time the byline prints alone, when that is not after the fetch.

    Category "today's story prints only its time" (issue 17, d32: Seznam Zprávy "5:00",
    Luxemburger Wort "16:30", Heise "13:37 Uhr"): sites print a story's hour alone on
    its first day and its date after. Read in ``tz`` (the source's zone) on the fetch's
    day there; a time later than the fetch is yesterday's or the update's (Luxemburger
    Wort prints its last update's time), so it names no day. Only the first timed or
    dated line in the byline zone, not an update's or a caption's.
    """
    if fetched_at is None or fetched_at.tzinfo is None:
        return None
    try:
        local = fetched_at.astimezone(tz)
        _one_day_everywhere(local, fetched_at)
    except OverflowError:  # a fetch time within a day of year 1 or 9999: no day to name
        return None
    for line in below_title[:BYLINE_LINES]:
        if UPDATED_RE.search(line) or CAPTION_RE.search(line):
            continue
        if CLOCK_LINE_RE.match(line):
            clock = CLOCK_RE.search(line)
            if clock is None or int(clock["h"]) > 23 or int(clock["mi"]) > 59:
                return None
            found = local.replace(
                hour=int(clock["h"]), minute=int(clock["mi"]), second=0, microsecond=0
            )
            if found > fetched_at:
                return None
            return found if found.utcoffset() or _one_day_everywhere(found, fetched_at) else None
        if len(line) <= MAX_DATE_LINE_CHARS and find_dates(
            line, tz, None, 1, day_first=day_first, short_years=True
        ):
            return None
    return None


def _one_day_everywhere(found: datetime, fetched_at: datetime) -> bool:
    """The UTC day of ``found`` is the fetch day wherever the page may be (UTC-12 to UTC+14).

    Read in UTC (a source without timezone), a clock says nothing of the page's zone:
    a Seoul page's "08:00" fetched at 23:30 UTC is the next day there, a New York
    page's "01:00" fetched at 03:00 UTC the day before. The day holds only when the
    fetch is past noon UTC (no zone west of UTC is still on the day before) and the
    clock at most 10 hours before it (none east of UTC has passed midnight since).
    """
    noon_or_later = (fetched_at - WEST_SLACK).astimezone(UTC).date() == found.date()
    return noon_or_later and fetched_at - found <= timedelta(days=1) - ZONE_SLACK
