"""The headline as printed: choosing between <h1>, og:title, JSON-LD headline and <title>.

Pure functions over strings and the page scan; ``parsers.metadata.reconcile_title``
gathers the metadata strings and calls ``choose_title``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from parsers.headline_blocks import (
    H1_WINDOW,
    HEADLINE_MAX_WORDS,
    confirmed_block,
    h1_unlike_title,
    headline_above,
    headline_part,
    main_h2,
    opening_headline,
    printed_headings,
    styled_headline,
)
from parsers.scan import Scan
from parsers.title_text import (
    SOURCE_NOTE_RE,
    TITLE_SPLIT_RE,
    WORD_RE,
    cut_bar_site,
    fold,
    not_site_words,
    repair_mojibake,
    title_parts,
)

__all__ = ["TitleSources", "choose_title", "fold", "repair_mojibake", "strip_site_name"]

# A trailing part of an <h1> longer than this many words is a subtitle, not a site or
# section label, even when the <title> repeats it after the headline.
MAX_LABEL_WORDS = 4
# Separators after which a part is a label (site, section), never the headline's own
# words; a dash may also join two halves of one headline.
LABEL_SEPARATORS = frozenset({"|", "·", "•", "»", "«", "~", "/", ":", "::", ">"})
DASHES = frozenset({"-", "–", "—"})
# Class/id tokens of an <h1> that holds the site's name or logo, not the story's headline
# ("site-title", "site-name", "logo", "header-logo", "navbar-brand"; p38: BEM's
# "l-header__branding", the header's branding block, as "site-branding" already was).
LOGO_RE = re.compile(
    r"(?:^|\s)(?:site[-_]?(?:title|name|logo|branding)|[\w-]*[-_]?(?:logo|brand(?:ing)?))"
    r"(?:$|\s)",
    re.IGNORECASE,
)
# A site's name spelt as its domain: "Reuters.com", "www.example.co.uk".
DOMAIN_RE = re.compile(
    r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|co\.uk|info|biz)$", re.IGNORECASE
)
PERMALINK_RE = re.compile(r"\s*[¶#🔗]$")
# Blocks of one <h1> joined into one headline: at most this many.
MAX_H1_RUN = 4
# A label or date printed inside the <h1> before the headline: "Blog: ", "Dec 18 2025 ",
# "Wednesday, 09 January 2008 " (a weekday, then the day before the month).
LABEL_PREFIX_RE = re.compile(
    r"^(?:[^\W\d_][\w'’&]*(?:\s+[\w'’&]+){0,2}\s*:\s*"
    r"|(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d{1,2}\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\s+"
    r"|(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?\d{1,2}(?:st|nd|rd|th)?\.?\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}\s+"
    r"|\d{4}-\d{2}-\d{2}\s+|\d{1,2}[./]\d{1,2}[./]\d{2,4}\s+)",
    re.IGNORECASE,
)


def strip_site_name(title: str, site_name: str | None, *, headline: bool = False) -> str:
    """Remove a ``| Site`` style suffix or prefix from a page title.

    ``headline``: ``title`` is the JSON-LD headline, which names no site by definition.
    A source note after the headline ("(from The Bolton News)", SOURCE_NOTE_RE) goes too,
    but not from the JSON-LD headline: a note there is the headline's ("What Britain can
    learn (from Germany)"; k34).
    """
    if not headline:
        title = SOURCE_NOTE_RE.sub("", title)
    site = fold(site_name) if site_name else ""
    parts = title_parts(
        title, lambda part: bool((site and fold(part) == site) or DOMAIN_RE.match(part.strip()))
    )
    if len(parts) < 2:
        return title.strip()
    kept = [p for p in parts if fold(p) != site] if site else parts
    if kept and len(kept) < len(parts):
        return _rejoin(title, kept)
    if (
        headline
        and site_name
        and all(sep.strip() in DASHES for sep in TITLE_SPLIT_RE.findall(title))
        and not any(_same_words(part, site_name) for part in parts)
    ):
        # Category "site name cut wrongly": the page names its site, no part of its
        # JSON-LD headline is that name, and only dashes part it ("Minecraft 1.8 - The
        # Bountiful Update"): the dash joins the headline's own halves.
        return title.strip()
    # Without a site name the longest part is the headline (the site name is short);
    # parts of only the site's words are its name spelt another way (``not_site_words``).
    return max(not_site_words(parts, site_name), key=len).strip()


def _same_words(part: str, site_name: str) -> bool:
    """Whether one of ``part`` and ``site_name`` holds every word of the other
    ("Breitbart" in "Breitbart News Network"): a site label spelt another way."""
    words, site = set(WORD_RE.findall(part.casefold())), set(WORD_RE.findall(site_name.casefold()))
    return bool(words) and bool(site) and (words <= site or site <= words)


def _rejoin(title: str, kept: list[str]) -> str:
    # Keep the original separators between the kept parts when they are adjacent.
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip() if start >= 0 and end > start else kept[0].strip()


@dataclass(frozen=True, slots=True)
class TitleSources:
    """The page's metadata titles, unescaped: og:title (or a fallback meta), JSON-LD
    headline, <title>, and og:site_name; ``sections``: the sections the page declares
    (metas named *section/*category, JSON-LD articleSection), folded."""

    og: str | None
    headline: str | None
    tag_title: str | None
    site: str | None
    sections: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class _Heading:
    index: int
    tag: str
    text: str
    folded: str


def choose_title(sources: TitleSources, scan: Scan, body_start: int) -> str | None:
    """The headline as printed.

    Headings that are the site's logo or an unrendered template are ignored, and
    trailing "| Section | Site" labels named by the metadata are cut from them.
    Then: the blocks of one <h1> that a metadata title confirms once joined; an <h1>
    (failing that, an <h2> near the body, or anywhere when it equals a metadata
    title; only a whole one when an <h1> is over the body) confirmed by
    og:title/JSON-LD/<title> (the metadata title instead when the heading only
    adds a label or date in front); else the <h1> right above the
    body that is not the site's name, unless the <h1> is in capitals or as long
    as a paragraph; else the
    metadata title without the site name; else the first <h1>; else <title>, or the
    line opening the story when <title> names the site (``opening_headline``).
    """
    site, sections = sources.site, sources.sections
    sources = TitleSources(
        og=_repaired_cut(sources.og, site, sections),
        headline=_repaired_cut(sources.headline, site, sections),
        tag_title=_repaired_cut(sources.tag_title, site, sections),
        site=site,
    )
    og, headline, tag_title, site = sources.og, sources.headline, sources.tag_title, sources.site
    refs = [fold(t) for t in (og, headline, tag_title) if t]
    stripped_refs = {fold(strip_site_name(t, site)) for t in (og, headline, tag_title) if t}
    site_names = _site_names(sources, printed_headings(scan))
    site_words = frozenset(WORD_RE.findall(site.casefold())) if site else frozenset()
    headings = _headings(scan, site_names, fold(site) if site else "", site_words)
    h1s = [h for h in headings if h.tag == "h1"]
    joined = _split_h1(scan, {*refs, *stripped_refs} - site_names)
    if joined is not None:
        return _as_written(joined, (headline, og, tag_title), site)
    metadata_title = (
        strip_site_name(headline, site, headline=True)
        if headline
        else strip_site_name(og, site)
        if og
        else None
    )
    # Category "the <h1> that is the og:title": a page may hold several <h1>s (a hidden
    # site name first, "国際ニュース：AFPBB News", which <title> also ends with); the
    # one equal to og:title or the JSON-LD headline beats one that is only part of <title>.
    exact = {fold(t) for t in (og, headline) if t}
    for h in h1s:
        if h.folded in exact and h.folded not in site_names:
            return _as_written(h.text, (headline, og, tag_title), site)
    near = _near_h1(h1s, body_start, site_names)
    for level in ("h1", "h2"):
        for h in headings:
            if h.tag != level or (
                # Far from the body, an <h2> counts only when it is a metadata title exactly.
                level == "h2" and abs(h.index - body_start) > H1_WINDOW and h.folded not in refs
            ):
                continue
            if len(h.folded) < 4 or h.folded in site_names:
                continue
            if (
                level == "h2"
                and near is not None
                and h.folded not in refs
                and h.folded not in stripped_refs
            ):
                # Category "a section heading that repeats part of the metadata title":
                # guides and explainers open with an <h2> "What is a mobile app?" under
                # the <h1>, and <title> reads "What is a Mobile App? [Definition + Types]".
                # Only an <h2> that is a metadata title whole beats the <h1> over the body.
                continue
            if any(h.folded == ref or (len(h.folded) > 10 and h.folded in ref) for ref in refs):
                if metadata_title and _first_half(h.text, metadata_title):
                    return metadata_title
                return _as_written(h.text, (headline, og, tag_title), site)
            rest = _label_before(h.text, {*refs, *stripped_refs})
            if rest:
                # Without og:title or a JSON-LD headline, the <title> part confirms the
                # heading's rest: that is the headline as printed.
                return metadata_title or rest
    confirmed = confirmed_block(scan, (og, headline, tag_title), site, site_names, body_start)
    if confirmed is not None:
        return _as_written(confirmed, (headline, og, tag_title), site)
    if not h1s and (h2 := main_h2(scan, metadata_title, WORD_RE)) is not None:
        return _as_written(h2, (headline, og, tag_title), site)
    if near is not None:
        # An <h1> typed in capitals is a display banner ("SUPPORTING SMALL
        # BUSINESSES") and one as long as a paragraph is a standfirst: not the
        # headline as written; the metadata title is.
        banner = near.isupper() or len(near.split()) > HEADLINE_MAX_WORDS
        return metadata_title if metadata_title and banner else near
    if metadata_title:
        return _unless_site(metadata_title, site, scan, body_start)
    if h1s and not (tag_title and h1_unlike_title(h1s[0].text, tag_title)):
        return h1s[0].text
    if tag_title:
        plain = _unless_site(strip_site_name(tag_title, site), site, scan, body_start)
        return (
            opening_headline(scan, body_start, plain)
            or headline_above(scan, body_start, plain)
            or plain
        )
    return styled_headline(scan, body_start)


def _near_h1(h1s: list[_Heading], body_start: int, site_names: set[str]) -> str | None:
    """The <h1> right above (or in) the body that is not the site's name."""
    near = [
        (abs(body_start - h.index), h.text)
        for h in h1s
        if body_start - H1_WINDOW <= h.index <= body_start + H1_WINDOW
        and len(h.text.split()) >= 2
        and h.folded not in site_names
    ]
    return min(near, key=lambda item: item[0])[1] if near else None


def _unless_site(title: str, site: str | None, scan: Scan, body_start: int) -> str:
    """``title``, unless it is only the site's name and a headline is set over the story.

    Category "the site's name as the page title": a title that is og:site_name itself
    or one domain-shaped token ("Reuters.com") names no story; the heading or
    headline-classed block over the story does, when there is one.
    """
    if (site and fold(title) == fold(site)) or DOMAIN_RE.match(title):
        return styled_headline(scan, body_start) or title
    return title


def _repaired_cut(text: str | None, site: str | None, sections: frozenset[str]) -> str | None:
    """``text`` with mojibake repaired and a site name behind a full-width or Hangul bar
    cut (``cut_bar_site``)."""
    return cut_bar_site(repair_mojibake(text), site, sections) if text else None


def _as_written(heading: str, candidates: tuple[str | None, ...], site: str | None) -> str:
    """``heading``, or when the page sets it in capitals, the metadata title with the
    same words (as the editor wrote it), if there is one."""
    if not heading.isupper():
        return heading
    folded = fold(heading)
    for text in candidates:
        if text:
            for variant in (strip_site_name(text, site), text):
                if fold(variant) == folded and not variant.isupper():
                    return variant
    return heading


def _site_names(sources: TitleSources, printed: frozenset[str] = frozenset()) -> set[str]:
    # Names of the site: og:site_name and the parts of "Headline | Site" titles other
    # than the headline's.
    names = {fold(sources.site)} if sources.site else set()
    site = fold(sources.site) if sources.site else ""
    for text in (sources.tag_title, sources.og):
        if text:
            parts = title_parts(text)
            keep = headline_part(parts, printed, site)
            names.update(fold(part) for i, part in enumerate(parts) if i != keep)
    # "Blog Name: Headline" with og:title "Headline": the rest of <title> names the site.
    if sources.tag_title and sources.og:
        title, og = fold(sources.tag_title), fold(sources.og)
        if len(og) > 10 and title != og:
            if title.startswith(og):
                names.add(title[len(og) :])
            elif title.endswith(og):
                names.add(title[: -len(og)])
    names.discard("")
    return names


def _headings(
    scan: Scan, site_names: set[str], site: str, site_words: frozenset[str] = frozenset()
) -> list[_Heading]:
    """The page's <h1>/<h2> blocks that can be a headline, cleaned of site-name labels."""
    headings = []
    for i, block in enumerate(scan.blocks):
        tag = block.tag
        if tag != "h1" and tag != "h2":
            continue
        # Category "permalink anchor": docs and blog themes end headings with a "¶" or
        # "#" link to themselves.
        text = PERMALINK_RE.sub("", block.text)
        if "{{" in text or (tag == "h1" and LOGO_RE.search(scan.names[block.element])):
            continue  # an unrendered template, or the site's logo
        if tag == "h1" and _names_the_site(text, site_words):
            continue
        if "&" in text:
            # Escaped twice in the page: "&#x26;" is printed literally.
            text = html.unescape(text)
        text = repair_mojibake(text)
        if site_names:
            text = _drop_site_labels(text, site_names, site)
        headings.append(_Heading(i, tag, text, fold(text)))
    return headings


def _names_the_site(text: str, site_words: frozenset[str]) -> bool:
    """Category "blog name in an <h1>": an <h1> of two or more words, every one of them
    a word of og:site_name ("Minecraft News" on "Minecraft Update News"), is the
    site's banner, not the story's headline."""
    words = WORD_RE.findall(text.casefold())
    return len(words) >= 2 and len(site_words) >= 2 and set(words) <= site_words


def _drop_site_labels(text: str, site_names: set[str], site: str) -> str:
    """``text`` without trailing ``| Section | Site`` parts that the metadata names as labels.

    After a dash only the site's own name goes: a dash also joins a headline's halves.
    """
    end = len(text)
    for match in reversed(list(TITLE_SPLIT_RE.finditer(text))):
        tail_text = text[match.end() : end]
        tail = fold(tail_text)
        if (
            tail not in site_names
            or len(tail_text.split()) > MAX_LABEL_WORDS
            or (match.group().strip() not in LABEL_SEPARATORS and tail != site)
        ):
            break
        end = match.start()
    return text[:end].strip() if end < len(text) else text


def _split_h1(scan: Scan, refs: set[str]) -> str | None:
    """Category "a headline set as several blocks inside one <h1>": lines parted by
    <br>s ("WEEKEND<br>CODING<br>AGENT"), or an overline in its own <div> ("Stuttgart
    hat's drauf") before the headline's <span> (": Stadt der Superlative"): the
    <h1>'s blocks joined, when a metadata title is exactly that."""
    for element, tag in enumerate(scan.tags):
        first, end = scan.first_block[element], scan.end_block[element]
        if tag != "h1" or not 1 < end - first <= MAX_H1_RUN or LOGO_RE.search(scan.names[element]):
            continue
        texts = [block.text for block in scan.blocks[first:end]]
        if fold("".join(texts)) in refs:
            joined = texts[0]
            for text in texts[1:]:
                # A part that opens with its own separator (": Stadt ...") joins without a space.
                joined += text if text[0] in ":;,.!?" else " " + text
            return joined
    return None


def _label_before(text: str, refs: set[str]) -> str | None:
    """``text`` without the label or date printed before it, when the rest is a
    metadata title (folded in ``refs``); else ``None``."""
    match = LABEL_PREFIX_RE.match(text)
    rest = text[match.end() :].strip() if match is not None else ""
    return rest if rest and fold(rest) in refs else None


def _first_half(heading: str, title: str) -> bool:
    """Category "headline split across elements": a heading that ends in a colon or
    dash ("Open Journalism Project:") and that the metadata title continues is the
    first half of the headline."""
    return (
        heading.rstrip().endswith((":", "-", "–", "—"))
        and fold(title).find(fold(heading)) >= 0
        and len(fold(title)) > len(fold(heading))
    )
