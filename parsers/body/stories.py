"""Container choice, second step: the one story the page is about, among several.

A press office's page of the day's releases or a live page of dated entries holds
several stories in one container, each under a heading of the same rank; the
container is right for all of them, and the body would be all of them. When
two or more such sections read as stories (dated under their heading, with
STORY_MIN_GOOD characters of good text) and exactly one heading is the page's
title, the body is that section: the story the page is named for, not the first
or the longest. Sections that are not dated are a story's own subsections (an
article's headline repeated over its text is not a page of several stories).
"""

from __future__ import annotations

from collections.abc import Sequence

from parsers.body.score import Sums
from parsers.dates import is_date_line
from parsers.metadata import fold
from parsers.scan import HEADING_TAGS, Scan

# Good text of a section for it to count as a story.
STORY_MIN_GOOD = 300
# A story's date line sits within this many blocks under its heading.
DATE_AFTER_HEADING_BLOCKS = 3
DATE_LINE_MAX_CHARS = 80
# A heading longer than the title by a prefix or suffix ("Release: <title>") still
# names it when the title is at least this long (folded characters).
MIN_NAMED_TITLE_CHARS = 15


def named_story(
    scan: Scan, sums: Sums, elements: Sequence[int], title: str | None
) -> tuple[int, int] | None:
    """Block range of the story named by ``title`` when ``elements`` hold several
    dated stories under headings of one rank; None when they do not."""
    if not title:
        return None
    folded_title = fold(title)
    blocks = scan.blocks
    for element in elements:
        start, end = scan.first_block[element], scan.end_block[element]
        ranks: dict[str, list[int]] = {}
        for index in range(start, end):
            if blocks[index].tag in HEADING_TAGS:
                ranks.setdefault(blocks[index].tag, []).append(index)
        for tag, heads in ranks.items():
            if len(heads) < 2:
                continue
            named = [i for i in heads if _names(fold(blocks[i].text), folded_title)]
            if len(named) != 1:
                continue
            sections = [(i, _section_end(scan, i, heads, element, tag)) for i in heads]
            stories = [s for s in sections if _is_story(scan, sums, s)]
            section = next(s for s in sections if s[0] == named[0])
            if len(stories) >= 2 and section in stories:
                return section
    return None


def _names(folded: str, folded_title: str) -> bool:
    """Whether a heading (folded) is the title, or the title with a prefix or suffix."""
    if folded == folded_title:
        return True
    return len(folded_title) >= MIN_NAMED_TITLE_CHARS and (
        folded.startswith(folded_title) or folded.endswith(folded_title)
    )


def _section_end(scan: Scan, head: int, heads: list[int], container: int, tag: str) -> int:
    """Where the section under heading ``head`` ends: at the next heading of its rank
    or above (``tag`` compares as rank: "h2" < "h3"), and at the latest where the
    element holding it and the other ``heads`` ends (not in the footer after them)."""
    first_block, end_block, parents = scan.first_block, scan.end_block, scan.parents
    outer = scan.blocks[head].element
    while outer != container and not any(
        first_block[outer] <= other < end_block[outer] for other in heads if other != head
    ):
        outer = parents[outer]
    end = end_block[outer]
    for index in range(head + 1, end):
        other = scan.blocks[index].tag
        if other in HEADING_TAGS and other <= tag:
            return index
    return end


def _is_story(scan: Scan, sums: Sums, section: tuple[int, int]) -> bool:
    """A dated section with a story's worth of good text."""
    first, last = section
    if sums.total(sums.good, first, last) < STORY_MIN_GOOD:
        return False
    return any(
        len(block.text) < DATE_LINE_MAX_CHARS and is_date_line(block.text, scan.date_lines)
        for block in scan.blocks[first + 1 : min(first + 1 + DATE_AFTER_HEADING_BLOCKS, last)]
    )
