"""Date lines round the headline: the story's own date line when the header's first date
is not the story's (a sentence's, furniture's over the headline) or the header has none.

Fallbacks ``published.published_date`` takes when nothing is declared.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from itertools import pairwise

from parsers.date_labels import UPDATED_RE, update_label_only, update_labels
from parsers.date_patterns import DATE_WORDS_RE, FIND_PATTERNS, TIME_ONLY_RE
from parsers.date_printed import CAPTION_RE, CLOCK_LINE_RE, SHORT_PART_WORD_RE
from parsers.dates import MAX_DATE_LINE_CHARS, find_date, find_dates, is_date_line
from parsers.scan import Scan

# Blocks over and under the headline searched for a date line when the header gives none.
OVER_TITLE_BLOCKS = 20
UNDER_TITLE_BLOCKS = 25
# Category "a dated sentence over the date line": a header line with this many words
# besides its date is a sentence (a caption, the lead); a line with at most the other
# count is a date line ("Friday, 22 Nov 2024 4:55 PM MYT", "Madrid-29/05/2025 20:00").
SENTENCE_WORDS = 8
DATE_LINE_WORDS = 4
# Lines after an update's line searched for the publication's (a byline block's rows).
AFTER_UPDATE_LINES = 3


def date_line_under_sentence(
    header: str,
    below_title: Sequence[str],
    tz: tzinfo,
    fetched_at: datetime | None,
    day_first: bool | None,
) -> datetime | None:
    """The first short date line under the headline, when the header's first date is in a sentence.

    Category "a dated sentence over the date line" (Malay Mail, Público, Mallorca
    Magazin): with nothing declared, the header's first date may be a photo caption's
    or the lead's, written as a sentence with no credit label ("A file photograph
    shows ... on November 19, 2024", "..., a 15 de mayo de 2025, en Madrid"), printed
    over the byline's own date line. That line, not the sentence, dates the story.
    """
    lines = header.split("\n")
    first = next(
        (line for line in lines if find_dates(line, tz, fetched_at, 1, day_first=day_first,
                                              short_years=True)),
        None,
    )
    if first is None or _words_besides_dates(first) < SENTENCE_WORDS:
        return None
    return _first_date_line(below_title, tz, fetched_at, day_first, skip=first)


def date_line_under_headline(
    header: str,
    below_title: Sequence[str],
    tz: tzinfo,
    fetched_at: datetime | None,
    day_first: bool | None,
) -> datetime | None:
    """The first short date line under the headline, when the header's date over it is furniture's.

    Category "a date over the headline that is not the story's" (Free Beacon's card of
    another story, WDR's video "Verfügbar bis 06.05.2024", Empower's bar with the day the
    page was served, 2008 news sites' "Tuesday, January 15, 2008" bars): with nothing
    declared, a date printed over the headline belongs to the furniture up there, while
    the byline's own date line ("Stand: 22.04.2024, 06:00 Uhr") sits under the headline.
    Not when the headline prints a date itself, when a bare date line sits right over it
    (blog themes print the post's date over its title), or when a sentence lies between
    (the first ``<h1>`` is then in the story's text, not its headline).
    """
    lines = header.split("\n")
    above = lines[: len(lines) - len(below_title)]
    if not below_title or len(above) < 2 or is_date_line(above[-2]):
        return None
    dated = [
        index
        for index, line in enumerate(above)
        if not CAPTION_RE.search(line)
        and find_dates(line, tz, fetched_at, 1, day_first=day_first, short_years=True)
    ]
    if not dated or dated[-1] == len(above) - 1:
        return None
    if any(_words_besides_dates(line) >= SENTENCE_WORDS for line in above[dated[-1] + 1 : -1]):
        return None
    return _first_date_line(below_title, tz, fetched_at, day_first)


def _first_date_line(
    below_title: Sequence[str],
    tz: tzinfo,
    fetched_at: datetime | None,
    day_first: bool | None,
    skip: str | None = None,
) -> datetime | None:
    """The date of the first short date line under the headline (not an update, not a
    caption, not ``skip``), shared by the two categories above."""
    for line in below_title:
        if line == skip or UPDATED_RE.search(line) or CAPTION_RE.search(line):
            continue
        found = find_dates(line, tz, fetched_at, 1, day_first=day_first, short_years=True)
        if found and _words_besides_dates(line) <= DATE_LINE_WORDS:
            return found[0]
    return None


def _words_besides_dates(line: str) -> int:
    """How many words ``line`` holds besides its dates, times and date labels."""
    rest = line
    for pattern in FIND_PATTERNS:
        rest = pattern.sub(" ", rest)
    rest = TIME_ONLY_RE.sub(" ", DATE_WORDS_RE.sub(" ", rest))
    return len(SHORT_PART_WORD_RE.findall(rest))


def date_line_over_title(
    scan: Scan, tz: tzinfo, fetched_at: datetime | None, day_first: bool | None
) -> datetime | None:
    """The nearest date-only line in the blocks just over the headline.

    Category "date line over a share bar": blog themes (CNN's Political Ticker) print
    "August 8th, 2012 / 08:38 PM ET", then share, comment and permalink links, then the
    title: further up than the header reaches, so a comment's date in the trailer was
    read first.
    """
    h1 = next((i for i, block in enumerate(scan.blocks) if block.tag == "h1"), -1)
    for index in range(h1 - 1, max(h1 - OVER_TITLE_BLOCKS, 0) - 1, -1):
        text = scan.blocks[index].text
        if (
            len(text) <= MAX_DATE_LINE_CHARS
            and is_date_line(text, scan.date_lines)
            and not UPDATED_RE.search(text)
        ):
            found = find_date(text, tz, fetched_at, day_first)
            if found is not None:
                return found
    return None


def date_line_under_title(
    scan: Scan, tz: tzinfo, fetched_at: datetime | None, day_first: bool | None
) -> datetime | None:
    """The first short date line in the blocks just under the headline.

    Category "date line under a tool bar" (Daily Maverick, Focus, Corriere della Sera):
    with nothing declared and no date in the header, the byline's date sits under a
    bar of tabs or share buttons ("DIVE DEEPER", "SPEED READ", "Teilen", "E-Mail"),
    past the header's window; a comment's or related story's date further down was
    read first. A date line here has at most ``DATE_LINE_WORDS`` other words.
    """
    h1 = next((i for i, block in enumerate(scan.blocks) if block.tag == "h1"), -1)
    if h1 < 0:
        return None
    for block in scan.blocks[h1 + 1 : h1 + 1 + UNDER_TITLE_BLOCKS]:
        text = block.text
        if len(text) > MAX_DATE_LINE_CHARS or UPDATED_RE.search(text) or CAPTION_RE.search(text):
            continue
        found = find_dates(text, tz, fetched_at, 1, day_first=day_first)
        if found and _words_besides_dates(text) <= DATE_LINE_WORDS:
            return found[0]
    return None


def clock_under_headline(
    below_title: Sequence[str], tz: tzinfo, day_first: bool | None
) -> bool:
    """Whether the first dated or timed line under the headline is a clock time alone.

    Category "today's story prints only its time" (Seznam Zprávy "5:00", Luxemburger
    Wort "16:30"): the byline gives the hour of a story published today and no date;
    every dated line further down (a teaser's "10.06.2026", a related story's "23. 12.
    2024 13:31") is another story's. The day needs the fetch time.
    """
    for line in below_title:
        if CLOCK_LINE_RE.match(line):
            return True
        if find_dates(line, tz, None, 1, day_first=day_first, short_years=True):
            return False
    return False


def publication_after_update(
    header: str, tz: tzinfo, fetched_at: datetime | None, day_first: bool | None
) -> datetime | None:
    """The publication's date printed after the update's, when the header's first is an update's.

    Category "an update's date printed before the publication's" (d57, ``bench/
    date_census.py --printed-only``: Opposing Views "Updated: Mar 6, 2018 Original: Dec 21,
    2016", dev 1708 "Updated on November 15, 2025 Published on November 5, 2025", NPR's
    "Updated November 11, 2022 ... Originally published November 9, 2022"): with nothing
    declared the header's first date was taken, the update's too. Where the first dated
    line prints an update's label before its first date, or sits under a line that is only
    an update's label ("Updated:" in its own block), the next date that is no update's
    (later on that line, or on a short date line among the next ``AFTER_UPDATE_LINES``) is
    the publication, when it is earlier than every update: a later one is no publication of
    a story updated before it (an event, a comment), and then the update stays, as it does
    alone (d48's "U"). A sentence's date (more than ``DATE_LINE_WORDS`` other words) is the
    news's, not the page's.
    """
    lines = header.split("\n")
    for index, line in enumerate(lines):
        if not find_dates(line, tz, fetched_at, 1, day_first=day_first, short_years=True):
            continue
        labels = update_labels(line)
        over = index > 0 and update_label_only(lines[index - 1])
        if not (labels or over) or (
            labels and find_dates(line[: labels[0][0]], tz, fetched_at, 1, day_first=day_first)
        ):
            return None  # the first date is no update's: not this category
        updates: list[datetime] = []
        cuts = [0] * over + [end for _, end in labels] + [len(line)]
        for start, end in pairwise(cuts):
            piece = line[start:end]
            dates = find_dates(piece, tz, fetched_at, 2, day_first=day_first, short_years=True)
            updates += dates[:1]
            if len(dates) > 1 and end == len(line):
                if _words_besides_dates(piece) > DATE_LINE_WORDS:
                    return None
                return _earlier(dates[1], updates)
        for at in range(index + 1, min(index + 1 + AFTER_UPDATE_LINES, len(lines))):
            later = lines[at]
            dates = find_dates(later, tz, fetched_at, 1, day_first=day_first, short_years=True)
            if not dates or CAPTION_RE.search(later):
                continue
            if update_labels(later) or update_label_only(lines[at - 1]):
                updates += dates
                continue
            if _words_besides_dates(later) > DATE_LINE_WORDS:
                return None
            return _earlier(dates[0], updates)
        return None
    return None


def _earlier(found: datetime, updates: Sequence[datetime]) -> datetime | None:
    """``found`` when its day is before every update's, else None."""
    return found if updates and all(found.date() < u.date() for u in updates) else None
