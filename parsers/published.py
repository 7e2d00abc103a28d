"""Publication dates: declared dates checked against the dates the page prints."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

from parsers.date_order import has_ambiguous_numeric
from parsers.date_scripts import PageScripts
from parsers.dates import (
    MAX_DATE_LINE_CHARS,
    date_from_url,
    find_date,
    find_dates,
    first_instant,
    is_date_line,
    parse_date,
)
from parsers.metadata import PUBLISHED_KEYS, PageMeta, ld_text, ld_types
from parsers.scan import Scan, clean_text

# Dates printed in the header compared with the declared ones, and <time> tags read.
PRINTED_HEADER_DATES = 3
PRINTED_TIMES = 2
# Shorter <time> text ("3", "Mon") is found in any header, wherever the tag sits.
MIN_TIME_TEXT_CHARS = 5
# "This article was originally published on ...": the label and how far its date may sit.
ORIGINAL_RE = re.compile(r"\boriginally\s+(?:published|posted|appeared)\b", re.IGNORECASE)
ORIGINAL_WINDOW = 60
# Category "blog entry footers": WordPress themes (Kubrick and its many descendants)
# print the post's date only under it, "This entry was posted on March 3, 2008 at 7:14
# pm and is filed under ...", a line too long for a date line.
ENTRY_POSTED_RE = re.compile(
    r"\bthis\s+(?:entry|post|article)\s+was\s+(?:posted|published|written)\b", re.IGNORECASE
)
# Header lines that give the last update, not the publication.
UPDATED_RE = re.compile(
    r"\b(?:updated|modified|revised|reviewed)\b|обновлен|изменен|абноўлен", re.IGNORECASE
)
# A byline's parts: "By Jane Doe | May 20, 2024", "March 1, 2017 by Ann Poe", "Label: date".
BYLINE_PARTS_RE = re.compile(r"\s*(?:[|·•]|\s[/–—-]\s|\bby\b|:\s)\s*", re.IGNORECASE)
# Dates read per block when asking whether the page prints a given day anywhere, and
# the text read for it: a multi-megabyte page would otherwise cost seconds.
PRINTED_SCAN_DATES = 5
PRINTED_SCAN_CHARS = 50_000
# A printed day this close to the declared one is the same moment in another timezone.
TIMEZONE_SLACK = timedelta(days=1)
# <time> tags read for the page's local UTC offset (comment stamps count too: same site).
PAGE_OFFSET_TIMES = 20
ZERO = timedelta(0)
# An ISO value that spells its own offset (not "Z", and not a zone-less value read in ``tz``).
ISO_OFFSET_RE = re.compile(r"T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?[+-]\d{2}:?\d{2}$")


def first_date(
    values: Sequence[str | None],
    tz: tzinfo,
    fetched_at: datetime | None,
    day_first: bool | None = None,
) -> datetime | None:
    """The first of ``values`` that parses as an acceptable date."""
    for value in values:
        if value:
            found = parse_date(value, tz, fetched_at, day_first)
            if found is not None:
                return found
    return None


def published_date(
    meta: PageMeta,
    scan: Scan,
    header: str,
    below_title: Sequence[str],
    trailer: str,
    url: str,
    tz: tzinfo,
    fetched_at: datetime | None,
    modified: datetime | None,
    day_first: bool | None = None,
    scripts: PageScripts | None = None,
) -> datetime | None:
    """The publication date: declared dates first, checked against the printed ones.

    "Originally published <date>" printed on the page beats everything. Else the
    first declared date (JSON-LD, meta, <time datetime>) wins, unless the header
    prints another declared date; or the declared date is a build stamp (not
    before the declared modification, and not printed in the header) and the
    header or the <time> tags it shows give an earlier one; or it is printed
    nowhere on the page while a date line under the headline shows a date that is
    not the modification. Printed dates and the URL are the fallbacks; the
    modification is not, so the caller may fall back to the feed's date.
    """
    original = _originally_published(header, trailer, tz, fetched_at, day_first)
    if original is not None:
        return original
    metadata = [
        ld_text(meta.ld_main.get("datePublished")),
        ld_text(meta.ld_main.get("dateCreated")),
        *meta.all(*PUBLISHED_KEYS),
        *meta.published_like(),
    ]
    ld_others = [ld_text(obj.get("datePublished")) for obj in meta.ld_objects]
    metadata.extend(video_upload(meta))
    times = [value for value, _ in scan.times]
    found = (
        first_date(metadata, tz, fetched_at, day_first)
        # Category "Google PageMap" (parsers/date_scripts.py): declared after the meta
        # tags, before <time> tags; looked up only when no meta tag gives a date.
        or first_date(scripts.pagemap_dates() if scripts else [], tz, fetched_at, day_first)
        or first_date([*times, *ld_others], tz, fetched_at, day_first)
    )
    if found is None:
        found = first_instant(scan.stamps, tz, fetched_at) or find_date(
            header, tz, fetched_at, day_first, short_years=True
        )
        if found is None and day_first is None and has_ambiguous_numeric(header):
            # The story's date is printed over it but in an order nothing on the
            # page settles: a date taken from furniture further down would be a
            # guess, and a wrong date is worse than none. The URL may still say.
            return date_from_url(url, tz, fetched_at)
        return found or (
            first_date([label for _, label in scan.times], tz, fetched_at, day_first)
            or find_date(trailer, tz, fetched_at, day_first)
            or _entry_posted(scan, tz, fetched_at, day_first)
            or first_date_line(scan, tz, fetched_at, day_first)
            or first_date(scripts.script_dates() if scripts else [], tz, fetched_at)
            or date_from_url(url, tz, fetched_at)
        )
    printed = find_dates(header, tz, fetched_at, PRINTED_HEADER_DATES, day_first=day_first)
    # Only <time> tags the header shows: a list of other stories has its own.
    near = _header_times(scan, header)
    if (
        modified is not None
        and found >= modified
        and not _header_prints(header, found, tz, day_first)
    ):
        # Published no earlier than modified: the CMS stamped both when it last
        # built the page; the date printed over the story is the older, real one.
        shown_first = [
            *printed[:1],
            *_parsed_dates(
                [*(v for v, _ in near), *(t for _, t in near)], tz, fetched_at, day_first
            ),
        ]
        earlier = [d for d in shown_first if d.date() < found.date()]
        if earlier:
            return earlier[0]
    printed_days = {d.date() for d in printed}
    if found.date() not in printed_days:
        line = first_date_line(scan, tz, fetched_at, day_first)
        shown_times = _parsed_dates([v for v, _ in near], tz, fetched_at, day_first)
        shown = printed_days | {d.date() for d in (line, *shown_times) if d is not None}
        # Category "updated taken for published": a declared date on the day of the
        # declared modification ("sailthru.date", printed as "Updated Jul 24") is the
        # update, so it confirms nothing against the declared publication.
        update_day = modified.date() if modified is not None else None
        confirmed = [
            d
            for d in _parsed_dates([*metadata, *ld_others], tz, fetched_at, day_first)
            if d.date() in shown
            and (d.date() != update_day or _header_prints(header, d, tz, day_first))
        ]
        if confirmed:
            found = confirmed[0]
        elif printed and found.date() not in shown:
            shown_date = _header_date(below_title, tz, fetched_at, day_first) or _time_as_printed(
                header, scan, tz, fetched_at, day_first
            )
            if (
                shown_date is not None
                and abs(shown_date.date() - found.date()) > TIMEZONE_SLACK
                and (modified is None or shown_date.date() != modified.date())
                and not _printed_in_page(scan, found, tz, day_first)
            ):
                # The declared date is printed nowhere (a CMS import or build stamp)
                # and the page shows another date over the story: the reader's date.
                found = shown_date
    return found


def video_upload(meta: PageMeta) -> list[str | None]:
    """The ``uploadDate`` of the page's video, when the page is that video's page.

    Category "video pages": a page whose only JSON-LD subject is one
    ``VideoObject`` (no article, no headline object) was published when the video
    was. A video embedded in a story is not the story: such pages declare an
    article, or several videos, and give nothing here.
    """
    if meta.ld_main:
        return []
    videos = [obj for obj in meta.ld_objects if "videoobject" in ld_types(obj)]
    if len(videos) != 1:
        return []
    video = videos[0]
    return [ld_text(video.get("datePublished")), ld_text(video.get("uploadDate"))]


def declared_offset(
    found: datetime | None, meta: PageMeta, tz: tzinfo, fetched_at: datetime | None
) -> datetime | None:
    """``found``, declared in UTC, in the offset of another declared value for the same instant.

    Category "offsets": a page may declare one moment twice, in UTC (JSON-LD
    ``dateCreated: ...T01:18:13Z``) and in its own offset
    (``article:published_time ...T17:18:13-08:00``); the day the reader saw is the
    local one, so the spelling with the offset is kept. Only metadata counts: a
    <time> tag's offset moves the day only when the header prints it (``in_page_offset``).
    """
    if found is None or found.utcoffset() != ZERO:
        return found
    declared = [
        ld_text(meta.ld_main.get("datePublished")),
        ld_text(meta.ld_main.get("dateCreated")),
        *meta.all(*PUBLISHED_KEYS),
        *meta.published_like(),
    ]
    for value in declared:
        if value and ISO_OFFSET_RE.search(value):
            stamp = parse_date(value, tz, fetched_at)
            if stamp is not None and stamp == found and stamp.utcoffset() != ZERO:
                return stamp
    return found


def in_page_offset(
    found: datetime | None,
    scan: Scan,
    header: str,
    tz: tzinfo,
    fetched_at: datetime | None,
    day_first: bool | None = None,
) -> datetime | None:
    """``found``, declared in UTC, moved to the offset the page's <time> tags use.

    Many CMSs declare UTC in meta while the page prints local times: the day the
    reader sees is the local one. Moved only when the header prints that day.
    """
    if found is None or found.utcoffset() != ZERO:
        return found
    for value, _ in scan.times[:PAGE_OFFSET_TIMES]:
        stamp = parse_date(value, tz, fetched_at, day_first) if value else None
        offset = None if stamp is None else stamp.utcoffset()
        if stamp is not None and offset is not None and offset != ZERO:
            local = found.astimezone(stamp.tzinfo)
            if local.date() != found.date() and _header_prints(header, local, tz, day_first):
                return local
            return found
    return found


def _header_prints(header: str, value: datetime, tz: tzinfo, day_first: bool | None) -> bool:
    """Whether a header line not labelled as an update prints the day of ``value``."""
    day = value.date()
    return any(
        d.date() == day
        for line in header.split("\n")
        if not UPDATED_RE.search(line)
        for d in find_dates(line, tz, None, PRINTED_HEADER_DATES, day_first=day_first)
    )


def _header_times(scan: Scan, header: str) -> list[tuple[str, str]]:
    """The first <time> tags (value, text) whose text the header shows."""
    near: list[tuple[str, str]] = []
    for value, label in scan.times:
        text = clean_text(label)
        if len(text) >= MIN_TIME_TEXT_CHARS and text in header:
            near.append((value, text))
            if len(near) == PRINTED_TIMES:
                break
    return near


def _header_date(
    lines: Sequence[str], tz: tzinfo, fetched_at: datetime | None, day_first: bool | None
) -> datetime | None:
    """The date of the first date or byline line not labelled as an update.

    Sentences ("On 20 May 2024 the ministry ...") are not such lines: a date
    they mention is the news, not the page's.
    """
    for line in lines:
        if not UPDATED_RE.search(line) and (
            is_date_line(line) or any(is_date_line(p) for p in BYLINE_PARTS_RE.split(line) if p)
        ):
            found = find_date(line, tz, fetched_at, day_first)
            if found is not None:
                return found
    return None


def _printed_in_page(scan: Scan, value: datetime, tz: tzinfo, day_first: bool | None) -> bool:
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


def _parsed_dates(
    values: Sequence[str | None], tz: tzinfo, fetched_at: datetime | None, day_first: bool | None
) -> list[datetime]:
    return [d for v in values if v and (d := parse_date(v, tz, fetched_at, day_first)) is not None]


def _originally_published(
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


def _time_as_printed(
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


def _entry_posted(
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
    scan: Scan, tz: tzinfo, fetched_at: datetime | None, day_first: bool | None = None
) -> datetime | None:
    """The first block of the page that is only a date ("Posted on May 31, 2024")."""
    for block in scan.blocks:
        if len(block.text) <= MAX_DATE_LINE_CHARS and is_date_line(block.text):
            found = find_date(block.text, tz, fetched_at, day_first)
            if found is not None:
                return found
    return None
