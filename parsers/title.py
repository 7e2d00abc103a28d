"""The headline as printed: choosing between <h1>, og:title, JSON-LD headline and <title>.

Pure functions over strings and the page scan; ``parsers.metadata.reconcile_title``
gathers the metadata strings and calls ``choose_title``.
"""

from __future__ import annotations

from dataclasses import dataclass

from parsers.domain_tlds import is_domain
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
from parsers.title_glued_label import printed_end
from parsers.title_headings import (
    LOGO_RE,
    candidate_headings,
    far_h1,
    first_half,
    h2_under_site_h1,
    label_before,
    near_h1,
    part_of_title,
    split_h1,
)
from parsers.title_site_cut import strip_site_name
from parsers.title_text import (
    WORD_RE,
    cut_bar_site,
    fold,
    repair_mojibake,
    title_parts,
)

__all__ = [
    "LOGO_RE",
    "TitleSources",
    "choose_title",
    "fold",
    "repair_mojibake",
    "strip_site_name",
]


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
    as a paragraph; else the page's only <h1> far above the body when it is as long
    as a headline (``far_h1``); else, when every <h1> is far above the story, the
    <h2> right over it that reads as a headline (``h2_under_site_h1``); else the
    metadata title without the site name; else
    the first <h1>; else <title>, or the line opening the story when <title> names
    the site (``opening_headline``).
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
    headings = candidate_headings(scan, site_names, fold(site) if site else "", site_words)
    h1s = [h for h in headings if h.tag == "h1"]
    joined = split_h1(scan, {*refs, *stripped_refs} - site_names)
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
    near = near_h1(h1s, body_start, site_names)
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
                if h.index < body_start - H1_WINDOW and any(
                    part_of_title(h.text, t) for t in (og, headline, tag_title) if t
                ):
                    # t58: a far heading the metadata title holds inside its own sentence
                    # ("Statement ... on the World Day against Trafficking in Persons") is
                    # a part of the headline (an event's name), not the headline.
                    continue
                if metadata_title and first_half(h.text, metadata_title):
                    return metadata_title
                return _as_written(h.text, (headline, og, tag_title), site)
            rest = label_before(h.text, {*refs, *stripped_refs})
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
    if near is None and (far := far_h1(h1s, body_start, site_names, (og, headline, tag_title))):
        return far
    if metadata_title:
        if (h2 := h2_under_site_h1(scan, body_start, metadata_title)) is not None:
            return h2
        glued = printed_end(scan, body_start, metadata_title)
        return glued or _unless_site(metadata_title, site, scan, body_start)
    if h1s and not (tag_title and h1_unlike_title(h1s[0].text, tag_title)):
        return h1s[0].text
    if tag_title:
        plain = _unless_site(strip_site_name(tag_title, site), site, scan, body_start)
        return (
            opening_headline(scan, body_start, plain)
            or headline_above(scan, body_start, plain)
            or printed_end(scan, body_start, plain)
            or plain
        )
    return styled_headline(scan, body_start)


def _unless_site(title: str, site: str | None, scan: Scan, body_start: int) -> str:
    """``title``, unless it is only the site's name and a headline is set over the story.

    Category "the site's name as the page title": a title that is og:site_name itself
    or one domain-shaped token ("Reuters.com") names no story; the heading or
    headline-classed block over the story does, when there is one.
    """
    if (site and fold(title) == fold(site)) or is_domain(title, any_case=True):
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
