"""``extract``: HTML in, ``Article`` out. Pure: no I/O, no clock."""

from __future__ import annotations

import unicodedata
import warnings
from datetime import UTC, datetime, tzinfo

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

from parsers import authors as author_rules
from parsers.article import Article
from parsers.author_words import words_for
from parsers.body import (
    BodyResult,
    best_container,
    extract_body,
    prefix_sums,
    without_author_bio,
)
from parsers.body.posts import under_own_headline
from parsers.bylines import page_authors
from parsers.date_evidence import page_day_first
from parsers.date_java import page_zones
from parsers.date_scripts import PageScripts
from parsers.date_zones import time_tag_local_day
from parsers.dateline import parse_dateline
from parsers.dates import get_timezone, parse_date
from parsers.decode import check_text, decode_html
from parsers.gc_pause import collector_paused
from parsers.limits import MAX_INPUT_CHARS, MAX_MARKUP_CHARS  # sizes: parsers/limits.py
from parsers.metadata import (
    MODIFIED_KEYS,
    SECTION_KEYS,
    TAG_KEYS,
    PageMeta,
    absolute_http,
    breadcrumb_section,
    canonical_url,
    collect_meta,
    language_of,
    ld_keywords,
    ld_text,
    reconcile_title,
    split_keywords,
)
from parsers.page_kind import page_kind
from parsers.profiles import Profile, get_profile
from parsers.prune import close_title, prune_html
from parsers.published import (
    declared_offset,
    first_date,
    in_page_offset,
    published_date,
)
from parsers.scan import Scan, clean_text, scan_page
from parsers.tree import Node, parse, release
from parsers.urls import normalize_url
from pressroom.errors import ParseError

# Blocks around the headline searched for a printed date and byline.
HEADER_BLOCKS_BEFORE_TITLE = 4
HEADER_BLOCKS_BEFORE = 30
HEADER_BLOCKS_AFTER = 8
# With the headline far above the body, the window keeps this many blocks under the
# headline and HEADER_BLOCKS_BEFORE over the body, not every block between: the span
# between had no bound (50,000 short lines: 0.57 -> 0.93 s). On the dev set a byline
# more than HEADER_BLOCKS_BEFORE blocks over the body sits at most 6 blocks under the
# <h1> (8 pages; bench/header_window.py): twice that.
HEADER_BLOCKS_UNDER_TITLE = 12
HEADER_LINE_CHARS = 200
TRAILER_BLOCKS_INSIDE = 4
TRAILER_BLOCKS_AFTER = 12


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


def _resolve_profile(profile: str | Profile | None) -> Profile | None:
    if profile is None or isinstance(profile, Profile):
        return profile
    try:
        return get_profile(profile)
    except LookupError as exc:
        raise ParseError(str(exc)) from exc


def _prepare_text(html: str | bytes) -> tuple[str, list[str], str]:
    """Decoded, checked and pruned markup, the JSON-LD texts cut out with the scripts,
    and the decoded text before pruning (its scripts and comments may declare a date)."""
    if isinstance(html, bytes | bytearray):
        if len(html) > MAX_INPUT_CHARS:
            raise ParseError(f"document too large ({len(html)} bytes)")
        if not html.strip():
            raise ParseError("empty document")
        text = decode_html(bytes(html))
    elif isinstance(html, str):
        text = html
    else:
        raise ParseError(f"expected str or bytes, got {type(html).__name__}")
    if len(text) > MAX_INPUT_CHARS:
        raise ParseError(f"document too large ({len(text)} characters)")
    # Pruned first: the control-character check then reads less text.
    raw = text
    text, jsonld = prune_html(text)
    text = check_text(close_title(text))
    if len(text) > MAX_MARKUP_CHARS:
        raise ParseError(f"document too large ({len(text)} characters of markup)")
    if not text.strip():
        raise ParseError("empty document")
    return text, jsonld, raw


def _select_text(soup: BeautifulSoup, selector: str | None) -> str | None:
    if not selector:
        return None
    found = soup.select_one(selector)
    text = clean_text(found.get_text(" ")) if found is not None else ""
    return text or None


def _select_texts(soup: BeautifulSoup, selector: str | None) -> list[str]:
    if not selector:
        return []
    return [t for t in (clean_text(el.get_text(" ")) for el in soup.select(selector)) if t]


def _extract(
    html: str | bytes,
    url: str,
    profile_arg: str | Profile | None,
    timezone: str | None,
    fetched_at: datetime | None,
) -> Article:
    profile = _resolve_profile(profile_arg)
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
    body_tag: Node | None = None
    p_title = p_date = p_section = None
    p_authors: list[str] = []
    p_tags: list[str] = []
    if profile is not None:
        # CSS selectors need BeautifulSoup: its tree is the same as ours (parsers/tree.py),
        # element for element in document order, which maps what they select onto ours.
        with warnings.catch_warnings():
            # XHTML pages open with <?xml ...>; bs4 warns on stderr once per process, which
            # lands in the user's console mid-run. They are HTML to us: nothing to report.
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            soup = BeautifulSoup(text, "lxml", multi_valued_attributes=None)
        order = {id(tag): i for i, tag in enumerate(soup.find_all(True))}
        if len(order) != len(elements):
            raise ParseError(f"cannot map profile selectors on {page_url[:200]!r}")
        found = soup.select_one(profile.body) if profile.body else None
        body_tag = elements[order[id(found)]] if found is not None else None
        p_title = _select_text(soup, profile.title)
        p_date = _select_text(soup, profile.published)
        p_section = _select_text(soup, profile.section)
        p_authors = _select_texts(soup, profile.authors)
        p_tags = _select_texts(soup, profile.tags)
        # Dropped only now: a dropped block (the tag list) may hold a field selected above.
        for selector in profile.drop:
            for element in soup.select(selector):
                elements[order[id(element)]].detach()
                element.decompose()

    scan = scan_page(root, (body_tag,) if body_tag is not None else ())
    scan.jsonld.extend(jsonld)
    meta = collect_meta(scan)
    sums = prefix_sums(scan)
    marked = scan.marked.get(id(body_tag)) if body_tag is not None else None
    container = marked if marked is not None else best_container(scan, sums)
    body_start = scan.first_block[container] if container >= 0 else len(scan.blocks)
    title = p_title or reconcile_title(meta, scan, body_start)
    if marked is None:
        container = under_own_headline(scan, sums, container, title)
    body = extract_body(scan, sums, container, title, siblings=marked is None)
    if marked is not None and not body.paragraphs:
        # The profile's container is empty on this page: let the generic rules choose.
        body = extract_body(scan, sums, best_container(scan, sums), title, siblings=True)
    header_lines, below_title = _header_lines(scan, body)
    header = "\n".join(header_lines)
    trailer = _trailer_text(scan, body)
    html_tag = root.find("html")
    html_lang = (html_tag.get("lang") or "") if html_tag is not None else ""
    declared = (
        (profile.language if profile else None)
        or html_lang
        or meta.first("content-language", "og:locale", "language")
        or ld_text(meta.ld_main.get("inLanguage"))
    )
    # Identified once, before the authors: the byline's words ("Von", "und") are the page's
    # language's, and the Article carries the same answer.
    language = language_of(declared, "\n\n".join(body.paragraphs) or (title or ""))
    # Before the text is joined: the body leaves out a bio of these authors.
    authors = (
        author_rules.dedupe(
            [n for t in p_authors for n in author_rules.split_byline(t, words_for(language))]
        )
        if p_authors
        else page_authors(
            meta,
            scan,
            header,
            trailer,
            _story_blocks(scan, body),
            tuple(below_title),
            language,
        )
    )
    paragraphs = [
        unicodedata.normalize("NFC", p) for p in without_author_bio(body.paragraphs, authors)
    ]
    body_text = "\n\n".join(paragraphs)

    locales = [
        html_lang,
        *meta.all("og:locale", "content-language", "language"),
        ld_text(meta.ld_main.get("inLanguage")),
    ]
    # Java's zone abbreviations ("CST", "IST") are read with the zones the page's declared
    # country or language names (date_java.page_zones; category in date_java.REGION_ZONES).
    with page_zones([*locales, language]):
        modified = first_date(
            [ld_text(meta.ld_main.get("dateModified")), *meta.all(*MODIFIED_KEYS)], tz, fetched_at
        )
        day_first = page_day_first(meta, scan, page_url, locales, tz, fetched_at, scripts)
        published = parse_date(p_date, tz, fetched_at, day_first) if p_date else None
        published = published or in_page_offset(
            declared_offset(
                published_date(
                    meta,
                    scan,
                    header,
                    below_title,
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
            header,
            tz,
            fetched_at,
            day_first,
        )
        if not p_date:
            published = time_tag_local_day(published, scan.times, tz, fetched_at, day_first)
    place, agency = parse_dateline(body_text)
    description = meta.first("og:description", "description", "twitter:description") or ld_text(
        meta.ld_main.get("description")
    )
    image = absolute_http(
        meta.first("og:image", "og:image:url", "og:image:secure_url", "twitter:image")
        or _ld_image(meta),
        page_url,
    )
    tags = (
        split_keywords(p_tags)
        if p_tags
        else split_keywords(meta.all(*TAG_KEYS) or ld_keywords(meta.ld_main.get("keywords")))
    )
    section = (
        p_section
        or meta.first(*SECTION_KEYS)
        or ld_text(meta.ld_main.get("articleSection"))
        or breadcrumb_section(meta, title)
    )
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
        image_url=image,
        tags=tags,
        section=unicodedata.normalize("NFC", section) if section else None,
        dateline_place=place,
        dateline_agency=agency,
        kind=page_kind(body, body_text, meta, scan, title),
        source=profile.name if profile else None,
    )


def _header_lines(scan: Scan, body: BodyResult) -> tuple[list[str], list[str]]:
    """Short lines from just above the headline to the top of the body, where dates
    and bylines sit; and those of them below the headline (a top bar or kicker
    above it speaks for the site, not the story)."""
    blocks = scan.blocks
    start = scan.first_block[body.container] if body.container >= 0 else 0
    h1 = next((i for i, b in enumerate(blocks) if b.tag == "h1"), -1)
    lo = h1 - HEADER_BLOCKS_BEFORE_TITLE if 0 <= h1 <= start else start - HEADER_BLOCKS_BEFORE
    lo = max(lo, 0)
    hi = start + HEADER_BLOCKS_AFTER
    if body.container >= 0 and start < h1 < scan.end_block[body.container]:
        # Category "the headline inside the body's element": Postmedia's sites put a
        # "Trending" list in the story's element over the headline, so the lines under
        # it ("Published Jun 05, 2026", the byline) fell past the window.
        hi = max(hi, h1 + 1 + HEADER_BLOCKS_AFTER)

    # The blocks between those under the headline and those over the body are skipped.
    skip_from, skip_to = h1 + 1 + HEADER_BLOCKS_UNDER_TITLE, start - HEADER_BLOCKS_BEFORE
    far = 0 <= h1 <= start and skip_from < skip_to

    def short(first: int) -> list[str]:
        kept = blocks[first:skip_from] + blocks[skip_to:hi] if far else blocks[first:hi]
        return [b.text for b in kept if len(b.text) < HEADER_LINE_CHARS]

    return short(lo), (short(h1 + 1) if lo <= h1 < hi else [])


def _story_blocks(scan: Scan, body: BodyResult) -> range:
    """Indexes of the blocks inside the body's element (empty when none was found)."""
    if body.container < 0:
        return range(0)
    return range(scan.first_block[body.container], scan.end_block[body.container])


def _trailer_text(scan: Scan, body: BodyResult) -> str:
    """Short lines at the end of the body and just after it ("Last updated ...")."""
    if body.container < 0:
        return ""
    end = scan.end_block[body.container]
    lines = [
        b.text
        for b in scan.blocks[max(end - TRAILER_BLOCKS_INSIDE, 0) : end + TRAILER_BLOCKS_AFTER]
        if len(b.text) < HEADER_LINE_CHARS
    ]
    return "\n".join(lines)


def _ld_image(meta: PageMeta) -> str | None:
    image = meta.ld_main.get("image")
    if isinstance(image, list):
        image = image[0] if image else None
    if isinstance(image, dict):
        image = image.get("url") or image.get("contentUrl")
    return image if isinstance(image, str) else None
