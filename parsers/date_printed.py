"""Where a page prints its date: header lines, date lines, <time> tags the header shows.

The checks ``published.published_date`` makes of a declared date against the printed
ones, and the printed fallbacks it takes when nothing is declared.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo

from parsers.date_labels import (
    UPDATED_ELSEWHERE_RE,
    UPDATED_RE,
    byline_date_part,
    event_dated,
    event_label_over,
    name_before_date,
    own_date_after,
    update_label_only,
    update_labels,
)
from parsers.date_patterns import SHORT_YEAR_RE, TIME_ONLY_RE
from parsers.date_pieces import is_date_label, join_date_pieces
from parsers.date_space import one_line
from parsers.dates import MAX_DATE_LINE_CHARS, find_date, find_dates, is_date_line, parse_date
from parsers.scan import Scan, clean_text

# Dates printed in the header compared with the declared ones, and <time> tags read.
PRINTED_HEADER_DATES = 3
PRINTED_TIMES = 2
# Shorter <time> text ("3", "Mon") is found in any header, wherever the tag sits.
MIN_TIME_TEXT_CHARS = 5
# "This article was originally published on ...": the label and how far its date may sit.
ORIGINAL_RE = re.compile(
    one_line(r"\boriginally\s+(?:published|posted|appeared)\b"), re.IGNORECASE
)
ORIGINAL_WINDOW = 60
# Category "blog entry footers": WordPress themes (Kubrick and its many descendants)
# print the post's date only under it, "This entry was posted on March 3, 2008 at 7:14
# pm and is filed under ...", a line too long for a date line.
ENTRY_POSTED_RE = re.compile(
    r"\bthis\s+(?:entry|post|article)\s+was\s+(?:posted|published|written)\b", re.IGNORECASE
)
# A byline's parts: "By Jane Doe | May 20, 2024", "March 1, 2017 by Ann Poe", "Label: date".
BYLINE_PARTS_RE = re.compile(r"\s*(?:[|·•]|\s[/–—-]\s|\bby\b|:\s)\s*", re.IGNORECASE)
# A line that is only a clock time ("5:00", "18:41 Uhr").
CLOCK_LINE_RE = re.compile(r"\s*\d{1,2}:(?P<mi>\d{2})(?:\s*Uhr|\s*h)?\s*$")
# Category "photo caption dates": a line with a photo credit or caption label is a
# caption ("..., Sunday, Dec. 21, 2025. (AP Photo/M. D.)", "...: 11. Mai 2026 (AFP /
# J. G.)", "Archivbild (16.08.2024): ..."); its date is the photo's, not the story's.
CAPTION_RE = re.compile(
    r"\((?:AP|AFP|EPA|dpa|Reuters|Getty|Imago)\b|/\s*(?:AFP|EPA|dpa|Reuters|REUTERS)\s*\)"
    r"|\b(?:AP|AFP|Reuters) Photo\b|\bCopyright\b|©|\bArchiv(?:bild|foto)\b"
    r"|^\s*(?:Bild|Foto|Photo|Image|Credit)\s*:"
)
# Words a two-digit-year date part may carry besides the date ("Do", "Stand:", "Uhr").
SHORT_PART_WORD_RE = re.compile(r"[^\W\d_]+")
SHORT_PART_WORDS = 2
# The parts of a page title: "Headline | Section | Site | 28.04.2023".
TITLE_PARTS_RE = re.compile(r"\s[|–—-]\s")
# Dates read per block when asking whether the page prints a given day anywhere, and
# the text read for it: a multi-megabyte page would otherwise cost seconds.
PRINTED_SCAN_DATES = 5
PRINTED_SCAN_CHARS = 50_000


def header_prints(header: str, value: datetime, tz: tzinfo, day_first: bool | None) -> bool:
    """Whether a header line not labelled as an update prints the day of ``value``.

    Category "two-digit years": German public broadcasters (hessenschau, rbb24) print
    "Veröffentlicht am 27.04.24 um 07:39 Uhr"; a two-digit year that spells the very
    day asked about confirms it (a check of a known day, not a reading of a new one).
    """
    day = value.date()
    return any(
        d.date() == day
        for line in header.split("\n")
        if not UPDATED_RE.search(line)
        for d in find_dates(
            line, tz, None, PRINTED_HEADER_DATES, day_first=day_first, short_years=True
        )
    )


def short_year_line(
    header: str, tz: tzinfo, fetched_at: datetime | None, day_first: bool | None
) -> datetime | None:
    """The date of the header's first dated line, when that line prints a two-digit year.

    Category "two-digit years in the byline line" (rbb24, hessenschau): "Do 25.04.24 |
    14:07 Uhr | Von Eva K." under the headline, then a caption or audio line with a
    four-digit date of another day ("Audio: Antenne Brandenburg | 24.04.2024"). The
    line nearer the headline is the story's. Only when the page's evidence settles the
    order (``day_first``) and the line is short (a date or byline line, not a list).
    """
    if day_first is None:
        return None
    lines = header.split("\n")
    for index, line in enumerate(lines):
        if find_dates(line, tz, fetched_at, 1, day_first=day_first):
            return None  # a four-digit date comes first: find_date's reading stands
        found = find_dates(line, tz, fetched_at, 1, day_first=day_first, short_years=True)
        if not found:
            continue
        if (
            len(line) > MAX_DATE_LINE_CHARS
            or UPDATED_RE.search(line)
            or not any(_short_date_part(part) for part in BYLINE_PARTS_RE.split(line))
        ):
            return None  # the first such date is no byline's: find_date's reading stands
        # With the next line: a time printed under the date ("01/14/08", "09:26:14"). q46: the
        # date patterns read one line (``date_space``); this join across the line is meant.
        text = " ".join(lines[index : index + 2])
        return find_dates(text, tz, fetched_at, 1, day_first=day_first, short_years=True)[0]
    return None


def _short_date_part(part: str) -> bool:
    """Whether a byline part is a two-digit-year date with at most a label or weekday
    ("Do 25.04.24", "Stand: 25.04.24"); not a list item's "Cultural summer camp (7/24/07)"."""
    match = SHORT_YEAR_RE.search(part)
    if match is None or part[: match.start()].rstrip().endswith("("):
        return False
    rest = TIME_ONLY_RE.sub(" ", part[: match.start()] + " " + part[match.end() :])
    return len(SHORT_PART_WORD_RE.findall(rest)) <= SHORT_PART_WORDS


def title_suffix_date(
    titles: Sequence[str | None], tz: tzinfo, fetched_at: datetime | None, day_first: bool | None
) -> datetime | None:
    """The date a page's title ends with, as its own part ("Headline | DW | 28.04.2023").

    Category "date in the title's suffix" (Deutsche Welle): the site's template puts the
    story's date after the last separator of ``<title>``/og:title, while the lines round
    the headline print only photo captions' dates ("..., 24. April 2023").
    """
    for title in titles:
        if not title:
            continue
        parts = TITLE_PARTS_RE.split(title)
        last = parts[-1].strip() if len(parts) > 1 else ""
        if last and is_date_line(last):
            found = find_date(last, tz, fetched_at, day_first)
            if found is not None:
                return found
    return None


def without_captions(header: str) -> str:
    """``header`` without its photo caption lines (``CAPTION_RE``); a name's date line ("Jane
    Doe (Reuters): 16 Nov 2019", d55's ``name_before_date``) is a byline, no caption."""
    return "\n".join(
        line
        for line in header.split("\n")
        if not CAPTION_RE.search(line) or name_before_date(line)
    )


def without_event_dates(header: str) -> str:
    """``header`` without the lines that print an event's date under its label
    (``date_labels.event_dated``: "Kick-off: 16 Nov 2019 20:45") over a line that prints the
    page's own (``own_date_after``). An event's date with none under it stays: labels of
    languages the date words do not hold print the page's own date so ("Publikacja:
    02.02.2025", fundus's Rzeczpospolita), and the sets hold no event's label alone."""
    lines = header.split("\n")
    return "\n".join(
        line
        for i, line in enumerate(lines)
        if not (event_dated(lines, i) and own_date_after(lines, i))
    )


def prints_clock_of(header: str, value: datetime) -> bool:
    """Whether a header line is only a time with the minutes of ``value`` ("5:00").

    Category "today's story prints only its time": Seznam Zprávy and many German and
    Czech sites print "5:00" over a story published today; a declared instant with
    those minutes (in whatever offset the page prints hours) is then the story's.
    """
    return any(
        (clock := CLOCK_LINE_RE.match(line)) is not None and int(clock["mi"]) == value.minute
        for line in header.split("\n")
    )


def header_times(scan: Scan, header: str) -> list[tuple[str, str]]:
    """The first <time> tags (value, text) whose text the header shows."""
    near: list[tuple[str, str]] = []
    for value, label in scan.times:
        text = clean_text(label)
        if len(text) >= MIN_TIME_TEXT_CHARS and text in header:
            near.append((value, text))
            if len(near) == PRINTED_TIMES:
                break
    return near


def story_times(scan: Scan, below_title: Sequence[str]) -> list[str]:
    """The values of <time> tags whose text a line under the headline shows (no update).

    Category "a microdata date on a <time>" (d43): a <time itemprop="dateModified"> is the
    update whatever its label says (Le Figaro prints "Mis à jour <time>" over "Publié
    <time>"; WordPress themes put <time class="updated"> before the published one).
    """
    return [
        value
        for value, label in scan.times
        if value and value not in scan.modified_times
        and len(text := clean_text(label)) >= MIN_TIME_TEXT_CHARS
        and any(_shown_not_as_update(text, below_title, i) for i in range(len(below_title)))
    ]


def _shown_not_as_update(text: str, lines: Sequence[str], index: int) -> bool:
    """Whether line ``index`` shows ``text`` (a <time>'s) under no update's label.

    d57, category "an update's label in its own block over its <time>": the label may sit
    on the line over it ("Updated:" / "Mar 6, 2018" / "Original:" / "Dec 21, 2016"), or on
    the same line before it with no date between ("Updated: Mar 6, 2018 Original: Dec 21,
    2016": the second is no update's). A line labelled an update only after the text
    ("Published: Dec 21, 2016 | Updated: Mar 6, 2018") shows the publication.
    """
    line = lines[index]
    at = line.find(text)
    if at < 0:
        return False
    before = line[:at]
    labels = update_labels(before)
    if labels:
        return bool(find_dates(before[labels[-1][1] :], UTC, None, 1))
    return index == 0 or not update_label_only(lines[index - 1])


def original_times_first(scan: Scan) -> list[str]:
    """The <time> tags' values, those classed as an update after the others.

    d56, category "the update's <time> before the publication's" (htmldate's unit tests, read
    by bench/date_snippets.py): WordPress themes print <time class="updated"> before <time
    class="entry-date published">; where the <time> tags are a page's only dates the first was
    the update's. An update's tag alone is still read (hAtom's "updated" is required, and many
    themes put the publication there).
    """
    values = [value for value, _ in scan.times]
    return [v for v in values if v not in scan.update_class_times] + [
        v for v in values if v in scan.update_class_times
    ]


def header_date(
    lines: Sequence[str], tz: tzinfo, fetched_at: datetime | None, day_first: bool | None
) -> datetime | None:
    """The date of the first date or byline line not labelled as an update (in any language
    the date words read: ``UPDATED_ELSEWHERE_RE``).

    Sentences ("On 20 May 2024 the ministry ...") are not such lines: a date
    they mention is the news, not the page's; nor is a date line under an event's label in
    its own block (``event_label_over``).
    """
    for index, line in enumerate(lines):
        if (
            not UPDATED_RE.search(line)
            and not UPDATED_ELSEWHERE_RE.search(line)
            and (is_date_line(line) or byline_date_part(line))
            and not event_label_over(lines, index)
        ):
            found = find_date(line, tz, fetched_at, day_first)
            if found is not None:
                return found
    return None


def printed_as_date_line(
    header: str, value: datetime, tz: tzinfo, fetched_at: datetime | None, day_first: bool | None
) -> bool:
    """Whether the first header line printing ``value`` first is a date line or a byline's.

    Category "the news's date in the lead" (d54): a sentence ("On 16 November 2019 the UN
    adopted ...") or an event's label ("Kick-off: 16 Nov 2019") names the news's day, not the
    page's (``header_date``'s rule). True when no single line prints it first (a date in
    pieces across blocks: ``date_pieces``), as before.

    k54d, category "a date label over a date's pieces": a label in its own block over the
    pieces ("Datum" over "16" over "Nov" over "2019") joins them into one line of labels and
    pieces, "Datum 16 Nov 2019", no date line by ``is_date_line``'s words; it is one.
    """
    lines = join_date_pieces(header).split("\n")
    for index, line in enumerate(lines):
        found = find_dates(line, tz, fetched_at, 1, day_first=day_first)
        if found and found[0] == value:
            return (
                is_date_line(line) or is_date_label(line) or byline_date_part(line)
            ) and not event_label_over(lines, index)
    return True


def printed_in_page(scan: Scan, value: datetime, tz: tzinfo, day_first: bool | None) -> bool:
    """Whether the day of ``value`` is printed in the page's first blocks."""
    year = str(value.year)
    day = value.date()
    read = 0
    for block in scan.blocks:
        if read >= PRINTED_SCAN_CHARS:
            return False
        read += len(block.text)
        if year in block.text and any(
            d.date() == day
            for d in find_dates(block.text, tz, None, PRINTED_SCAN_DATES, day_first=day_first)
        ):
            return True
    return False


def originally_published(
    header: str, trailer: str, tz: tzinfo, fetched_at: datetime | None, day_first: bool | None
) -> datetime | None:
    """The date after an "Originally published" label near the story, if printed."""
    for text in (header, trailer):
        match = ORIGINAL_RE.search(text)
        if match is not None:
            found = find_date(
                text[match.end() : match.end() + ORIGINAL_WINDOW], tz, fetched_at, day_first
            )
            if found is not None:
                return found
    return None


def time_as_printed(
    header: str,
    scan: Scan,
    tz: tzinfo,
    fetched_at: datetime | None,
    day_first: bool | None,
) -> datetime | None:
    """The page's first <time> instant when the header prints its day.

    Category "serve-time meta date": a bare ``<meta name="date">`` that a CMS fills
    with the moment it served the page ("July 31, 2012, 2:38 pm"), printed nowhere,
    while the header prints the story's day ("24 Jul 2012", split over lines the
    <time> tag's text does not match) and the first <time> tag holds that instant.
    Neither may be labelled as an update ("Last Updated: Dec 17, 2025").
    """
    first = next(((value, label) for value, label in scan.times if value), None)
    if first is None or UPDATED_RE.search(first[1]):
        return None
    stamp = parse_date(first[0], tz, fetched_at, day_first)
    printed = find_dates(header, tz, fetched_at, PRINTED_HEADER_DATES, day_first=day_first)
    if stamp is not None and stamp.date() in {d.date() for d in printed}:
        return stamp
    return None


def entry_posted(
    scan: Scan, tz: tzinfo, fetched_at: datetime | None, day_first: bool | None
) -> datetime | None:
    """The date a blog entry's footer gives ("This entry was posted on <date>")."""
    read = 0
    for block in scan.blocks:
        if read >= PRINTED_SCAN_CHARS:
            return None
        read += len(block.text)
        match = ENTRY_POSTED_RE.search(block.text)
        if match is not None:
            window = block.text[match.end() : match.end() + ORIGINAL_WINDOW]
            return find_date(window, tz, fetched_at, day_first)
    return None


def first_date_line(
    scan: Scan,
    tz: tzinfo,
    fetched_at: datetime | None,
    day_first: bool | None = None,
    updates: bool = True,
) -> datetime | None:
    """The first block of the page that is only a date ("Posted on May 31, 2024"); with
    ``updates`` false, not one labelled as an update."""
    for block in scan.blocks:
        if (
            len(block.text) <= MAX_DATE_LINE_CHARS
            and is_date_line(block.text, scan.date_lines)
            and (updates or not UPDATED_RE.search(block.text))
        ):
            found = find_date(block.text, tz, fetched_at, day_first)
            if found is not None:
                return found
    return None
