"""Main text: score the scanned blocks, pick the container, keep its paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.dates import is_date_line
from parsers.metadata import fold
from parsers.scan import HEADING_TAGS, Scan

NEGATIVE_RE = re.compile(
    r"comment|share|sharing|social|related|sidebar|footer|\bmenu|navbar|breadcrumb|cookie|"
    r"newsletter|subscri|promo|advert|\bads?\b|sponsor|popup|modal|widget|recommend|"
    r"more-stories|author-bio|signup|banner|masthead|skip-link|pagination|disqus|outbrain|"
    r"taboola|rss|print|toolbar|tags\b|tag-list|meta-data|byline|dateline|copyright",
    re.IGNORECASE,
)
POSITIVE_RE = re.compile(
    r"article|\bbody|content|entry|main|\bpost|\bstory|\btext|blog|prose|rich-text",
    re.IGNORECASE,
)
# A block shorter than this is a label, not a paragraph, for scoring purposes.
MIN_SCORED_CHARS = 25
# Levels above a paragraph that share its score (the parent takes it whole).
SCORE_LEVELS = 4
LINK_DENSITY_DROP = 0.5
BOILERPLATE_RE = re.compile(
    r"^(?:advertisement|share( this)?( article| story)?|read more|related( articles| stories)?|"
    r"continue reading|click here|sign up|subscribe|follow us|print|email|tweet|"
    r"share on \w+|image source|photo:.*|getty images|loading\.{0,3}|"
    # Closing disclaimers of press-release pages.
    r"(?:for information media\. )?not an official record\.?|all rights reserved\.?)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class BodyResult:
    """Paragraphs of the main text and the facts ``kind`` is decided from."""

    paragraphs: list[str]
    container: int
    link_blocks: int
    text_blocks: int


def _good(text: str, link_chars: int) -> bool:
    return len(text) >= MIN_SCORED_CHARS and link_chars < len(text) * 0.33


def score_elements(scan: Scan) -> list[float]:
    """Readability-style scores: each paragraph credits its ancestors, parents most."""
    scores = [0.0] * len(scan.parents)
    parents = scan.parents
    for block in scan.blocks:
        text = block.text
        if not _good(text, block.link_chars):
            continue
        points = 1.0 + text.count(",") + min(len(text) / 100.0, 3.0)
        index = block.element
        if block.tag not in ("div", "td", "section", "article", "main", "body"):
            # Paragraph-like block: its parent is the container that earns the score.
            index = parents[index]
        level = 0
        while index >= 0 and level < SCORE_LEVELS:
            divider = 1 if level == 0 else (2 if level == 1 else level * 3)
            scores[index] += points / divider
            index = parents[index]
            level += 1
    return scores


def _adjusted(scan: Scan, scores: list[float], index: int, link_chars: list[int],
              text_chars: list[int]) -> float:
    total = text_chars[scan.end_block[index]] - text_chars[scan.first_block[index]]
    links = link_chars[scan.end_block[index]] - link_chars[scan.first_block[index]]
    density = links / total if total else 1.0
    weight = 0.0
    names = scan.names[index]
    if names.strip():
        if NEGATIVE_RE.search(names):
            weight -= 25
        if POSITIVE_RE.search(names):
            weight += 25
    if scan.tags[index] in ("article", "main"):
        weight += 10
    return (scores[index] + weight) * (1.0 - density)


def extract_body(scan: Scan, container: int | None = None, title: str | None = None) -> BodyResult:
    """Paragraphs of the main text.

    With ``container`` (a profile's body element index) only its blocks are
    used; otherwise the best-scoring element is chosen.
    """
    blocks = scan.blocks
    text_chars = [0]
    link_chars = [0]
    for block in blocks:
        text_chars.append(text_chars[-1] + len(block.text))
        link_chars.append(link_chars[-1] + block.link_chars)
    if container is None:
        scores = score_elements(scan)
        best = -1
        best_score = 0.0
        for index, score in enumerate(scores):
            if score <= 0:
                continue
            adjusted = _adjusted(scan, scores, index, link_chars, text_chars)
            if adjusted > best_score:
                best, best_score = index, adjusted
        if best < 0:
            return BodyResult([], -1, 0, 0)
        container = best
    start, end = scan.first_block[container], scan.end_block[container]
    excluded = _excluded_ranges(scan, container, text_chars)
    folded_title = fold(title) if title else None
    paragraphs: list[str] = []
    link_blocks = text_blocks = 0
    position = start
    for skip_start, skip_end in [*excluded, (end, end)]:
        for block in blocks[position:skip_start]:
            text = block.text
            if block.link_chars > len(text) * LINK_DENSITY_DROP:
                link_blocks += 1
                continue
            if len(text) < 80 and (BOILERPLATE_RE.match(text) or is_date_line(text)):
                continue
            if block.tag in HEADING_TAGS and folded_title and fold(text) == folded_title:
                continue
            text_blocks += 1
            paragraphs.append(text)
        position = max(position, skip_end)
    return BodyResult(paragraphs, container, link_blocks, text_blocks)


def _excluded_ranges(scan: Scan, container: int, text_chars: list[int]) -> list[tuple[int, int]]:
    """Block ranges of boilerplate sub-elements (comments, share bars) inside the container."""
    start, end = scan.first_block[container], scan.end_block[container]
    total = text_chars[end] - text_chars[start]
    ranges: list[tuple[int, int]] = []
    # Elements are numbered in document order, so descendants follow the container.
    index = container + 1
    count = len(scan.parents)
    while index < count and scan.first_block[index] < end:
        first, last = scan.first_block[index], scan.end_block[index]
        if scan.tags[index] in ("nav", "aside", "footer", "form") or (
            NEGATIVE_RE.search(scan.names[index]) and not POSITIVE_RE.search(scan.names[index])
        ):
            size = text_chars[last] - text_chars[first]
            if size < total * 0.5:
                ranges.append((first, last))
                # Skip this element's descendants: their blocks are already excluded.
                index += 1
                while index < count and scan.first_block[index] < last:
                    index += 1
                continue
        index += 1
    return ranges
