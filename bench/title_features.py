"""A page's title candidates, each with the features a learned chooser reads (t35).

The candidates are the strings ``parsers.title.choose_title`` already builds from:
og:title (or a fallback meta), the JSON-LD headline and <title>, each as read and
with the site name cut (``strip_site_name``); the parts of og:title and <title>;
the page's <h1>s and the <h2>s near the body's start, cleaned of site labels as
``choose_title`` cleans them; and the title the rules choose. Equal strings
(folded) are one candidate that carries every source it came from.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from bench.title_sources import parsed_page
from parsers.headline_blocks import (
    H1_WINDOW,
    LOOSE_SPLIT_RE,
    MIN_PART_WORDS,
    SECTION_SPAN,
    confirmed_block,
    printed_headings,
    styled_headline,
)
from parsers.metadata import (
    _clean_title,
    declared_sections,
    ld_text,
    reconcile_title,
    unescaped,
)
from parsers.title import (
    TitleSources,
    _repaired_cut,
    _site_names,
    strip_site_name,
)
from parsers.title_headings import candidate_headings
from parsers.title_text import TITLE_SPLIT_RE, WORD_RE, fold, title_parts

# Sources a candidate can come from (one indicator feature each).
SOURCES = (
    "rules", "og", "og_cut", "ld", "ld_cut", "title", "title_cut",
    "og_part", "title_part", "loose_part", "h1", "h2", "block", "styled",
)
YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass
class Candidate:
    """One title string and the sources that give it."""

    text: str
    sources: set[str] = field(default_factory=set)
    h1_rank: int = -1  # order among the page's <h1>s (0: first), -1: not an <h1>
    h1_distance: int = -1  # blocks between the heading and the body's start


@dataclass
class PageCandidates:
    """The title the rules choose and every candidate with its features."""

    rules: str | None
    texts: list[str]
    features: list[dict[str, float]]


def page_candidates(html: str) -> PageCandidates:
    """Parse ``html`` once; the rules' title and the candidates with features."""
    with parsed_page(html) as (scan, meta, body_start):
        rules = reconcile_title(meta, scan, body_start)
        site = _clean_title(
            meta.first("og:site_name", "application-name", "apple-mobile-web-app-title")
        )
        sections = declared_sections(meta)
        og = _repaired_cut(_clean_title(unescaped(
            meta.first("og:title", "twitter:title", "title", "dc.title", "headline"))), site,
            sections)
        ld = _repaired_cut(_clean_title(unescaped(
            ld_text(meta.ld_main.get("headline")) or ld_text(meta.ld_main.get("name")))), site,
            sections)
        tag_title = _repaired_cut(_clean_title(unescaped(scan.title)), site, sections)
        sources = TitleSources(og=og, headline=ld, tag_title=tag_title, site=site)
        site_names = _site_names(sources, printed_headings(scan))
        site_words = frozenset(WORD_RE.findall(site.casefold())) if site else frozenset()
        headings = candidate_headings(scan, site_names, fold(site) if site else "", site_words)
        found: dict[str, Candidate] = {}

        def add(value: str | None, source: str) -> Candidate | None:
            if not value or len(fold(value)) < 2:
                return None
            key = fold(value)
            cand = found.setdefault(key, Candidate(value.strip()))
            cand.sources.add(source)
            return cand

        add(rules, "rules")
        for name, value, headline in (("og", og, False), ("ld", ld, True),
                                      ("title", tag_title, False)):
            add(value, name)
            if value:
                add(strip_site_name(value, site, headline=headline), name + "_cut")
        for name, value in (("og_part", og), ("title_part", tag_title)):
            parts = title_parts(value) if value else []
            for part in parts if len(parts) > 1 else ():
                add(part, name)
        add(confirmed_block(scan, (og, ld, tag_title), site, site_names, body_start), "block")
        add(styled_headline(scan, body_start), "styled")
        # Blocks over and at the story's start that are not mostly links: the printed text.
        printed = {fold(b.text) for b in scan.blocks[: body_start + SECTION_SPAN]
                   if b.link_chars * 2 <= len(b.text) and b.tag != "li"}
        for value in (og, ld, tag_title):
            for part in LOOSE_SPLIT_RE.split(value) if value else ():
                if len(part.split()) >= MIN_PART_WORDS and fold(part) in printed:
                    add(part, "loose_part")
        h1_rank = 0
        for h in headings:
            if h.tag == "h2" and abs(h.index - body_start) > H1_WINDOW:
                continue
            cand = add(h.text, h.tag)
            if cand is not None and h.tag == "h1":
                if cand.h1_rank < 0:
                    cand.h1_rank = h1_rank
                h1_rank += 1
            if cand is not None and (cand.h1_distance < 0
                                     or abs(h.index - body_start) < cand.h1_distance):
                cand.h1_distance = abs(h.index - body_start)
        meta_titles = [t for t in (og, ld, tag_title) if t]
        context = _Context(
            metas=[fold(t) for t in meta_titles],
            cuts=[fold(strip_site_name(t, site, headline=t is ld)) for t in meta_titles],
            site=fold(site) if site else "",
            site_names=site_names,
            h1_count=h1_rank,
            printed=printed,
        )
        cands = list(found.values())
        return PageCandidates(rules, [c.text for c in cands],
                              [features(c, context) for c in cands])


@dataclass(frozen=True)
class _Context:
    metas: list[str]
    cuts: list[str]
    site: str
    site_names: set[str]
    h1_count: int
    printed: set[str]


def features(cand: Candidate, ctx: _Context) -> dict[str, float]:
    """The features of one candidate (names -> values; absent means 0)."""
    key = fold(cand.text)
    words = len(cand.text.split())
    f: dict[str, float] = {f"src_{s}": 1.0 for s in cand.sources}
    f["n_sources"] = float(len(cand.sources))
    f["meta_exact"] = float(sum(m == key for m in ctx.metas))
    f["cut_exact"] = float(sum(m == key for m in ctx.cuts))
    f["meta_prefix"] = float(sum(m != key and m.startswith(key) for m in ctx.metas))
    f["meta_suffix"] = float(sum(m != key and m.endswith(key) for m in ctx.metas))
    f["meta_inside"] = float(sum(m != key and key in m for m in ctx.metas))
    f["longer_than_meta"] = float(sum(m != key and m in key for m in ctx.metas))
    f["printed"] = float(key in ctx.printed)
    f["log_words"] = math.log1p(words)
    f["short"] = float(words <= 3)
    f["long"] = float(words > 20)
    f["has_site"] = float(bool(ctx.site) and ctx.site in key)
    f["is_site"] = float(key in ctx.site_names)
    f["separator"] = float(TITLE_SPLIT_RE.search(cand.text) is not None)
    f["upper"] = float(cand.text.isupper())
    f["ends_colon"] = float(cand.text.rstrip().endswith((":", "-", "–", "—")))
    f["year"] = float(YEAR_RE.search(cand.text) is not None)
    if cand.h1_rank >= 0:
        f["h1_first"] = float(cand.h1_rank == 0)
        f["h1_many"] = float(ctx.h1_count > 1)
    if cand.h1_distance >= 0:
        f["heading_near"] = float(cand.h1_distance <= H1_WINDOW)
        f["heading_far"] = float(cand.h1_distance > 3 * H1_WINDOW)
    if "rules" in cand.sources:
        f["rules_confirmed"] = float(f["meta_exact"] + f["cut_exact"] > 0)
    if "h1" in cand.sources and not ctx.metas:
        f["h1_no_meta"] = 1.0
    return f
