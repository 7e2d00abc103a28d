"""``extract``: HTML in, ``Article`` out. Pure: no I/O, no clock.

Decides the order of the stages and how their answers become one ``Article``; each stage
lives in its own module: the page's text (``page_input``), a profile's selections
(``profile_fields``), the tree and its scan (``tree``, ``scan``), metadata
(``metadata``), the body (``body``), the lines around it where bylines and dates are
read (``story_windows``), the language (``language``), the authors (``bylines``), the
dates (``published``), and the fields metadata alone decides (``meta_fields``). The
order matters: the title is known before the body is cut under it, the language before
the authors (a byline's words are the page's language's), the authors before the body
text is joined (it leaves out their bio). The stages are called through this module's
names, which the bench scripts replace to watch them (``bench/header_window.py``,
``bench/date_sources.py``, ``bench/author_sources.py``, ``bench/body_lines.py``); they
also read ``_prepare_text`` and the ``HEADER_*`` bounds here (``bench/title_sources.py``).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, timedelta, tzinfo

from parsers import authors as author_rules
from parsers import meta_fields
from parsers.article import Article
from parsers.author_words import words_for
from parsers.body import (
    BodyResult,
    Sums,
    best_container,
    extract_body,
    prefix_sums,
    without_author_bio,
)
from parsers.body.posts import under_own_headline
from parsers.body.stamps import STAMP_DATE_RE
from parsers.bylines import page_authors
from parsers.date_evidence import page_day_first
from parsers.date_fields import page_languages
from parsers.date_java import page_zones
from parsers.date_scripts import PageScripts
from parsers.date_zones import time_tag_local_day
from parsers.dateline import parse_dateline
from parsers.dates import get_timezone, parse_date
from parsers.gc_pause import collector_paused
from parsers.metadata import (
    MODIFIED_KEYS,
    canonical_url,
    collect_meta,
    language_of,
    ld_text,
    reconcile_title,
)
from parsers.page_input import prepare_text as _prepare_text
from parsers.page_kind import page_kind
from parsers.profile_fields import profile_fields, resolve_profile
from parsers.profiles import Profile
from parsers.published import (
    declared_offset,
    first_date,
    in_page_offset,
    published_date,
)
from parsers.scan import Scan, clean_text, scan_page
from parsers.story_windows import HEADER_BLOCKS_AFTER as HEADER_BLOCKS_AFTER
from parsers.story_windows import HEADER_BLOCKS_BEFORE as HEADER_BLOCKS_BEFORE
from parsers.story_windows import HEADER_LINE_CHARS as HEADER_LINE_CHARS
from parsers.story_windows import header_lines as _header_lines
from parsers.story_windows import story_blocks, trailer_text
from parsers.tree import Node, parse, release
from parsers.urls import normalize_url
from pressroom.errors import ParseError


def extract(
    html: str | bytes,
    *,
    url: str,
    profile: str | Profile | None = None,
    timezone: str | None = None,
    fetched_at: datetime | None = None,
) -> Article:
    """Turn one fetched page into an ``Article``.

    ``profile`` (a name or a ``Profile``) adds per-source selectors; the
    generic rules fill whatever it leaves empty. Dates printed without an offset
    are read in ``timezone``, else the profile's, else UTC; dates after ``fetched_at`` (UTC
    when naive) are ignored (at UTC offset 0: beyond 14 hours, the widest offset; else beyond
    10 minutes). Raises only ``ParseError``.
    """
    try:
        with collector_paused():
            return _extract(html, url, profile, timezone, fetched_at)
    except ParseError:
        raise
    except Exception as exc:
        # The contract is one exception type: a bug or a parser edge case on a
        # hostile page must not escape as something callers do not handle.
        raise ParseError(f"cannot parse page {url[:200]!r}: {type(exc).__name__}: {exc}") from exc


def _extract(
    html: str | bytes,
    url: str,
    profile_arg: str | Profile | None,
    timezone: str | None,
    fetched_at: datetime | None,
) -> Article:
    profile = resolve_profile(profile_arg)
    tz: tzinfo = get_timezone(timezone or (profile.timezone if profile else None)) or UTC
    if fetched_at is not None and fetched_at.tzinfo is None:
        # A naive fetch time is UTC, as date_bounds.acceptable reads it; the rules that name a day
        # from it (relative stamps, a clock alone) ignored it and gave no date.
        fetched_at = fetched_at.replace(tzinfo=UTC)
    try:
        page_url = normalize_url(url)
    except ValueError as exc:
        raise ParseError(str(exc)) from exc
    text, jsonld, raw = _prepare_text(html)
    root, elements = parse(text)
    try:
        return _extract_tree(
            root, elements, text, jsonld, PageScripts(raw), page_url, profile, tz, fetched_at
        )
    finally:
        release(elements)


LABEL_RUN_ON_RE = re.compile(r"(?<=[^\W\d_])(?=\d)")
SHORT_YEAR_RE = re.compile(r"^(\d{1,2}[./-]\d{1,2}[./-])(\d{2})$")


def _read_body(
    scan: Scan, sums: Sums, container: int, title: str | None, marked: bool, keep: frozenset[str]
) -> BodyResult:
    """The body in ``container`` (a profile's when ``marked``), keeping the date stamps in
    ``keep`` (``extract_body``)."""
    body = extract_body(scan, sums, container, title, siblings=not marked, keep_stamps=keep)
    if marked and not body.paragraphs:
        # The profile's container is empty on this page: let the generic rules choose.
        body = extract_body(
            scan, sums, best_container(scan, sums), title, siblings=True, keep_stamps=keep
        )
    return body


def _restates(
    stamp: str,
    moments: tuple[datetime | None, ...],
    tz: tzinfo,
    fetched_at: datetime | None,
    day_first: bool | None,
) -> bool:
    """b53b: whether a date stamp's date (the whole line read as one, or any date in it) is the
    calendar day of one of the page's ``moments`` (published, modified), or a day either side
    (the stamp's zone and the page's may differ)."""
    days = [moment.date() for moment in moments if moment is not None]
    if not days:
        return False
    # "Publiziert17. Dezember 2024": a label run into the day.
    read = [parse_date(LABEL_RUN_ON_RE.sub(" ", stamp), tz, fetched_at, day_first)]
    # "27.04.24": the year's century, which parse_date does not guess.
    read += [
        parse_date(SHORT_YEAR_RE.sub(r"\g<1>20\2", m[0]), tz, fetched_at, day_first)
        for m in STAMP_DATE_RE.finditer(stamp)
    ]
    return any(
        abs(when.date() - day) <= timedelta(days=1) for when in read if when for day in days
    )


def _extract_tree(
    root: Node,
    elements: list[Node],
    text: str,
    jsonld: list[str],
    scripts: PageScripts,
    page_url: str,
    profile: Profile | None,
    tz: tzinfo,
    fetched_at: datetime | None,
) -> Article:
    picked = profile_fields(profile, text, elements, page_url)
    body_tag = picked.body
    scan = scan_page(root, (body_tag,) if body_tag is not None else ())
    scan.jsonld.extend(jsonld)
    meta = collect_meta(scan)
    sums = prefix_sums(scan)
    marked = scan.marked.get(id(body_tag)) if body_tag is not None else None
    container = marked if marked is not None else best_container(scan, sums)
    body_start = scan.first_block[container] if container >= 0 else len(scan.blocks)
    title = picked.title or reconcile_title(meta, scan, body_start)
    if marked is None:
        container = under_own_headline(scan, sums, container, title)
    body = _read_body(scan, sums, container, title, marked is not None, frozenset())
    header_lines, below_title = _header_lines(scan, body, title=title)
    header = "\n".join(header_lines)
    # The date rules read the lines a reader sees (story_windows._hidden_block).
    shown_lines, shown_below = _header_lines(scan, body, shown_only=True, title=title)
    shown_header = "\n".join(shown_lines)
    trailer = trailer_text(scan, body)
    html_lang = meta_fields.html_lang(root)
    declared = meta_fields.declared_language(profile, html_lang, meta)
    # Identified once, before the authors: the byline's words ("Von", "und") are the page's
    # language's, and the Article carries the same answer.
    language = language_of(declared, "\n\n".join(body.paragraphs) or (title or ""))
    # Before the text is joined: the body leaves out a bio of these authors.
    authors = (
        author_rules.dedupe(
            [n for t in picked.authors for n in author_rules.split_byline(t, words_for(language))]
        )
        if picked.authors
        else page_authors(
            meta,
            scan,
            header,
            trailer,
            story_blocks(scan, body),
            tuple(below_title),
            language,
        )
    )
    paragraphs = [
        unicodedata.normalize("NFC", p) for p in without_author_bio(body.paragraphs, authors)
    ]
    body_text = "\n\n".join(paragraphs)

    locales = meta_fields.page_locales(html_lang, meta)
    # Java's zone abbreviations ("CST", "IST") are read with the zones the page's declared
    # country or language names, else the country of the host's domain (date_java.page_zones;
    # category in date_java.REGION_ZONES and date_java.host_region).
    with page_zones([*locales, language], page_url), page_languages([*locales, language]):
        modified = first_date(
            [ld_text(meta.ld_main.get("dateModified")), *meta.all(*MODIFIED_KEYS)], tz, fetched_at
        )
        day_first = page_day_first(meta, scan, page_url, locales, tz, fetched_at, scripts)
        published = (
            parse_date(picked.published, tz, fetched_at, day_first) if picked.published else None
        )
        published = published or in_page_offset(
            declared_offset(
                published_date(
                    meta,
                    scan,
                    shown_header,
                    shown_below,
                    trailer,
                    page_url,
                    tz,
                    fetched_at,
                    modified,
                    day_first,
                    scripts,
                ),
                meta,
                tz,
                fetched_at,
            ),
            scan,
            shown_header,
            tz,
            fetched_at,
            day_first,
        )
        if not picked.published:
            published = time_tag_local_day(published, scan.times, tz, fetched_at, day_first)
        # b53b: a date stamp over the story is dropped only when it restates the page's own
        # moment; the body is read again keeping the others ("Polls close at 20:00 on 17
        # November 2019" over a release of the 15th is its news). The stages above read the
        # body without them.
        keep = frozenset(
            stamp
            for stamp in body.stamps
            if not _restates(stamp, (published, modified), tz, fetched_at, day_first)
        )
    if keep:
        body = _read_body(scan, sums, container, title, marked is not None, keep)
        paragraphs = [
            unicodedata.normalize("NFC", p) for p in without_author_bio(body.paragraphs, authors)
        ]
        body_text = "\n\n".join(paragraphs)
    place, agency = parse_dateline(body_text)
    description = meta_fields.description(meta)
    section = meta_fields.section(meta, picked.section, title)
    return Article(
        url=page_url,
        canonical_url=canonical_url(scan, meta, page_url),
        title=unicodedata.normalize("NFC", title) if title else None,
        body=body_text,
        published_at=published,
        modified_at=modified,
        authors=tuple(unicodedata.normalize("NFC", a) for a in authors),
        language=language,
        description=unicodedata.normalize("NFC", clean_text(description)) if description else None,
        image_url=meta_fields.image_url(meta, page_url),
        tags=meta_fields.tags(meta, picked.tags),
        section=unicodedata.normalize("NFC", section) if section else None,
        dateline_place=place,
        dateline_agency=agency,
        kind=page_kind(body, body_text, meta, scan, title),
        source=profile.name if profile else None,
    )
