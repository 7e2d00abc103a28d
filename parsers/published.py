"""Publication dates: declared dates checked against the dates the page prints."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

from parsers.date_lines import (
    clock_under_headline,
    date_line_over_title,
    date_line_under_headline,
    date_line_under_sentence,
    date_line_under_title,
    publication_after_update,
)
from parsers.date_offsets import naive_clock_offset
from parsers.date_order import has_ambiguous_numeric
from parsers.date_printed import (
    PRINTED_HEADER_DATES,
    entry_posted,
    first_date_line,
    header_date,
    header_prints,
    header_times,
    original_times_first,
    originally_published,
    printed_as_date_line,
    printed_in_page,
    prints_clock_of,
    short_year_line,
    story_times,
    time_as_printed,
    title_suffix_date,
    without_captions,
    without_event_dates,
)
from parsers.date_relative import clock_on_fetch_day, relative_under_headline
from parsers.date_scripts import PageScripts
from parsers.date_yearless import yearless_under_headline
from parsers.date_zones import printed_zone_moment
from parsers.dates import (
    date_from_url,
    find_date,
    find_dates,
    first_instant,
    parse_date,
)
from parsers.metadata import PUBLISHED_KEYS, PageMeta, canonical_url, ld_text, ld_types
from parsers.scan import Scan
from parsers.urls import host_of, normalize_url

# A printed day this close to the declared one is the same moment in another timezone.
TIMEZONE_SLACK = timedelta(days=1)
# <time> tags read for the page's local UTC offset (comment stamps count too: same site).
PAGE_OFFSET_TIMES = 20
ZERO = timedelta(0)
# An ISO value that spells its own offset (not "Z", and not a zone-less value read in ``tz``).
ISO_OFFSET_RE = re.compile(r"T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?[+-]\d{2}:?\d{2}$")
# An ISO day with a clock and no offset or "Z" ("2016-12-19 19:08:44", "...T18:11:01.0").
BARE_CLOCK_RE = re.compile(r"\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?\s*$")
# An ISO value whose clock carries its offset or "Z": a moment, not a local clock.
ZONED_CLOCK_RE = re.compile(r"T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$")


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
    original = originally_published(header, trailer, tz, fetched_at, day_first)
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
    times = original_times_first(scan)
    found = (
        first_date(metadata, tz, fetched_at, day_first)
        # Category "Google PageMap" (parsers/date_scripts.py): declared after the meta
        # tags, before <time> tags; looked up only when no meta tag gives a date.
        or first_date(scripts.pagemap_dates() if scripts else [], tz, fetched_at, day_first)
        # Category "a listing's <time> before the story's": menus and "latest" lists
        # above the story carry their own <time> tags; the one under the headline wins.
        or first_date(
            [*story_times(scan, below_title), *times, *ld_others], tz, fetched_at, day_first
        )
    )
    if found is None:
        # Category "photo caption dates": the photo's day is not the story's; nor, d55's
        # "an event's date where nothing is declared", an event's ("Kick-off: 16 Nov 2019").
        uncaptioned = without_event_dates(without_captions(header))
        found = (
            first_instant(scan.stamps, tz, fetched_at)
            or title_suffix_date([scan.title, meta.first("og:title")], tz, fetched_at, day_first)
            # Category "a story dated only by a relative stamp" (parsers/date_relative.py):
            # the byline's "3 hours ago", read against the fetch time; a day the page's
            # address spells is declared, and exact, so it comes first.
            or (
                relative_under_headline(below_title, tz, fetched_at, day_first)
                # Category "a story that prints its day without a year" (parsers/
                # date_yearless.py): "Nov 16" under the headline, in the year the fetch
                # time gives; the address's day, when it spells one, is exact.
                or yearless_under_headline(below_title, tz, fetched_at, day_first)
                if fetched_at is not None and address_date(url, scan, meta, tz, fetched_at) is None
                else None
            )
            or short_year_line(uncaptioned, tz, fetched_at, day_first)
            or date_line_under_sentence(uncaptioned, below_title, tz, fetched_at, day_first)
            or date_line_under_headline(header, below_title, tz, fetched_at, day_first)
            or publication_after_update(uncaptioned, tz, fetched_at, day_first)
            or find_date(uncaptioned, tz, fetched_at, day_first, short_years=True)
        )
        if found is None and day_first is None and has_ambiguous_numeric(header):
            # The story's date is printed over it but in an order nothing on the
            # page settles: a date taken from furniture further down would be a
            # guess, and a wrong date is worse than none. The URL may still say.
            return address_date(url, scan, meta, tz, fetched_at)
        if found is None and clock_under_headline(below_title, tz, day_first):
            # Category "today's story prints only its time": the dates further down are
            # other stories'; a wrong date is worse than none. The URL may still say, and
            # with the fetch time the clock names the fetch day (parsers/date_relative.py).
            return address_date(url, scan, meta, tz, fetched_at) or clock_on_fetch_day(
                below_title, tz, fetched_at, day_first
            )
        return found or (
            first_date([label for _, label in scan.times], tz, fetched_at, day_first)
            or date_line_over_title(scan, tz, fetched_at, day_first)
            or date_line_under_title(scan, tz, fetched_at, day_first)
            or find_date(trailer, tz, fetched_at, day_first)
            or entry_posted(scan, tz, fetched_at, day_first)
            or first_date_line(scan, tz, fetched_at, day_first)
            or first_date(scripts.script_dates() if scripts else [], tz, fetched_at)
            or address_date(url, scan, meta, tz, fetched_at)
        )
    printed = find_dates(header, tz, fetched_at, PRINTED_HEADER_DATES, day_first=day_first)
    # Only <time> tags the header shows: a list of other stories has its own.
    near = header_times(scan, header)
    if (
        modified is not None
        and found >= modified
        and not header_prints(header, found, tz, day_first)
        and not _header_time_declares(found, near, tz, fetched_at, day_first)
    ):
        # Published no earlier than modified: the CMS stamped both when it last
        # built the page; the date printed over the story is the older, real one.
        shown_first = [
            # Category "the news's date in the lead" (d54): a date line's, not a sentence's.
            *(d for d in printed[:1] if printed_as_date_line(header, d, tz, fetched_at, day_first)),
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
            and (d.date() != update_day or header_prints(header, d, tz, day_first))
        ]
        if confirmed:
            found = confirmed[0]
        elif (
            not printed
            and modified is not None
            and found >= modified
            and not printed_in_page(scan, found, tz, day_first)
            and not prints_clock_of(header, found)
            and (story := first_date_line(scan, tz, fetched_at, day_first, updates=False))
            and found.date() - story.date() > TIMEZONE_SLACK
        ):
            # Category "build stamp printed nowhere": published no earlier than
            # modified (the CMS stamped both when it built the page), that day printed
            # nowhere, and the header prints no date while the page's first date line
            # that is no update ("Published August 13, 2025") gives an earlier one. Not
            # when the header prints the declared time alone ("5:00": a site that shows
            # only the time on the day of publication).
            found = story
        elif printed and found.date() not in shown:
            shown_date = header_date(below_title, tz, fetched_at, day_first) or time_as_printed(
                header, scan, tz, fetched_at, day_first
            )
            if (
                shown_date is not None
                and abs(shown_date.date() - found.date()) > TIMEZONE_SLACK
                and (modified is None or shown_date.date() != modified.date())
                and not printed_in_page(scan, found, tz, day_first)
            ):
                # The declared date is printed nowhere (a CMS import or build stamp)
                # and the page shows another date over the story: the reader's date.
                found = shown_date
    return found


# Longer is no address a site links (the sitemaps protocol's bound): a hostile page's
# megabyte of path costs the URL patterns 0.5 s CPU (bench/hostile_inputs.py).
MAX_ADDRESS_CHARS = 2048


def address_date(
    url: str, scan: Scan, meta: PageMeta, tz: tzinfo, fetched_at: datetime | None
) -> datetime | None:
    """The day the page's address spells: its URL's, else its canonical or AMP address's.

    Category "date in the canonical or AMP address": a page reached through an address
    without its day (a feed's tracking or short link, ``?p=123``, a harness URL) names
    its dated address in ``<link rel=canonical>``, og:url or ``<link rel=amphtml>``
    (TechCrunch's /2024/04/28/slug/, the Arena news sites' /2025-06-23-slug/). Only
    the address's own day, as for the URL: an image's path is the photo's day. Only an
    address on the page's own site (its host, a subdomain or parent of it): another
    site's address is another page's day (a syndicated copy names the original), and
    the pipeline believes no canonical on another host either (README, "How it behaves").
    """
    found = date_from_url(url, tz, fetched_at)
    if found is not None:
        return found
    amp = [link.get("href", "") for link in scan.links if link.get("rel", "").lower() == "amphtml"]
    for address in (canonical_url(scan, meta, url), *amp):
        if len(address) <= MAX_ADDRESS_CHARS and _same_site(address, url):
            found = date_from_url(address, tz, fetched_at)
            if found is not None:
                return found
    return None


def _same_site(address: str, url: str) -> bool:
    """``address`` (resolved against ``url``) is on ``url``'s host, a subdomain or a parent."""
    try:
        there, here = host_of(normalize_url(address, url)), host_of(url)
    except ValueError:
        return False
    return bool(there) and (
        there == here or there.endswith("." + here) or here.endswith("." + there)
    )


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
    # Category "a local clock declared without its offset" (date_offsets.naive_clock_offset;
    # pagesix, NTV, engadget): ``found`` read in UTC from a bare clock is its local clock.
    if any(
        v and BARE_CLOCK_RE.match(v) and parse_date(v, tz, fetched_at) == found for v in declared
    ):
        zoned = [v for v in declared if v and ZONED_CLOCK_RE.search(v.strip())]
        zone = naive_clock_offset(
            found.replace(tzinfo=None), _parsed_dates(zoned, tz, fetched_at, None)
        )
        if zone is not None:
            return found.replace(tzinfo=zone)
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
    reader sees is the local one. Moved only when the header prints that day. A header
    that prints the moment with its zone ("5:13 PM PDT") says so first.
    """
    if found is None or found.utcoffset() != ZERO:
        return found
    printed = printed_zone_moment(found, header, day_first)
    if printed is not None:
        return printed
    for value, _ in scan.times[:PAGE_OFFSET_TIMES]:
        stamp = parse_date(value, tz, fetched_at, day_first) if value else None
        offset = None if stamp is None else stamp.utcoffset()
        if stamp is not None and offset is not None and offset != ZERO:
            local = found.astimezone(stamp.tzinfo)
            if local.date() != found.date() and header_prints(header, local, tz, day_first):
                return local
            return found
    return found


def _header_time_declares(
    found: datetime,
    near: Sequence[tuple[str, str]],
    tz: tzinfo,
    fetched_at: datetime | None,
    day_first: bool | None,
) -> bool:
    """Whether a <time> the header shows declares ``found``'s very instant in another offset.

    Category "a story never updated, declared in UTC" (m43, metascraper's set: eweek):
    WordPress declares ``article:published_time`` and ``dateModified`` both at
    2024-02-10T00:32:11+00:00 (never modified), and the header's <time
    datetime="2024-02-09T19:32:11-05:00"> prints "February 9, 2024": the printed day is
    that instant's local day, no older publication, so published = modified is no build
    stamp. Only a value with a clock and an offset other than the declared one's counts.
    """
    for value, _ in near:
        if not value or not ISO_OFFSET_RE.search(value.strip()):
            continue
        stamp = parse_date(value, tz, fetched_at, day_first)
        if stamp is not None and stamp == found and stamp.utcoffset() != found.utcoffset():
            return True
    return False


def _parsed_dates(
    values: Sequence[str | None], tz: tzinfo, fetched_at: datetime | None, day_first: bool | None
) -> list[datetime]:
    return [d for v in values if v and (d := parse_date(v, tz, fetched_at, day_first)) is not None]
