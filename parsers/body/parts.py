"""Stage 3 of the body, a guard: the story cut into alike, misnamed parts is not boilerplate.

Category "the story cut into alike parts around ads, each part misnamed" (r43, fundus's
publishers): a template that sets an ad or a sidebar slot between every few paragraphs
wraps each run of paragraphs in an element of one class, and that class may hold a
furniture word beside its story word: POLITICO Europe's ``sidebar-grid__content
article__content`` (a layout grid with the story beside an ad column: "sidebar" SOFT, inside
a ``sidebar-grid__container`` per run), Jyllands-Posten's
``c-article-inline-element-container__text-width paywalled`` (the story gated by script:
"paywall" HARD). Each part holds a small share of the container, so
``elements.excluded_ranges`` dropped them one by one and the body came out empty or without
its first half. Parts are the elements of one class-and-id text that names both furniture
(a HARD or SOFT word, ``labels.label_kind``) and the article or story (PART_STORY_RE),
MIN_PARTS of them or more in the container (outermost ones), holding MIN_GOOD_SHARE of its
good text together; a named element that is or holds such a part stays. Furniture of one
class that does not name the story is not read so: captions of a photo essay
("wp-caption-text", "caption-centered"), disclaimers ("cmp-richtext--disclaimer"),
"above-cta" boxes, the page's own unnamed forms and footers (WCXB dev and Dragnet pages,
where POSITIVE's "text" or no name at all let them in); nor is a comment thread, whose
text is not good text (score.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from parsers.body.labels import HARD, SOFT, label_kind
from parsers.body.score import Sums
from parsers.scan import Scan

# Parts of one class: one element holding most of the story is the existing guard's
# (elements.MAX_DROPPED_SHARE); a story cut in parts has at least two.
MIN_PARTS = 2
# Share of the container's good text the parts hold together.
MIN_GOOD_SHARE = 0.5
# The part's name says it is the story's: "article__content", "c-article-...".
PART_STORY_RE = re.compile(r"article|story")
# k43: parts of one story are alike by the words of their names that name the story or
# furniture, numbers dropped: a template numbers each part's id ("article-part-1",
# "content-2") or marks one part ("... paywalled first"), and parts keyed by their whole
# name were each alone, dropped one by one (the body came out empty).
DIGITS_RE = re.compile(r"\d+")


class StoryParts:
    """The block ranges of the parts a container's story is cut into (found on the
    first question: most containers are never asked)."""

    def __init__(self, scan: Scan, sums: Sums, container: int) -> None:
        self._scan, self._sums, self._container = scan, sums, container
        self._ranges: list[tuple[int, int]] | None = None

    def holds_part(self, first: int, last: int) -> bool:
        """Whether blocks ``first..last`` (an element) are or hold a whole part."""
        if self._ranges is None:
            self._ranges = _part_ranges(self._scan, self._sums, self._container)
        ranges = self._ranges
        position = bisect_left(ranges, (first, first))
        while position < len(ranges) and ranges[position][0] < last:
            if ranges[position][1] <= last:
                return True
            position += 1
        return False


def _part_ranges(scan: Scan, sums: Sums, container: int) -> list[tuple[int, int]]:
    """Sorted block ranges of the story's parts in ``container`` (none: [])."""
    start, end = scan.first_block[container], scan.end_block[container]
    good_total = sums.total(sums.good, start, end)
    found: dict[str, list[tuple[int, int]]] = {}
    good: dict[str, int] = {}
    index = container + 1
    names, first_block, end_block = scan.names, scan.first_block, scan.end_block
    while index < len(names) and first_block[index] < end:
        label = names[index]
        first, last = first_block[index], end_block[index]
        if (
            last > first
            and PART_STORY_RE.search(lowered := label.lower()) is not None
            # The name's own bits: labels.py may have read a paywall wrapper as the story.
            and label_kind(lowered) & (HARD | SOFT)
        ):
            key = _part_key(lowered)
            ranges = found.setdefault(key, [])
            # A nested element of the same key is inside a part already counted.
            if not ranges or first >= ranges[-1][1]:
                ranges.append((first, last))
                good[key] = good.get(key, 0) + sums.total(sums.good, first, last)
        index += 1
    limit = good_total * MIN_GOOD_SHARE
    return sorted(
        span
        for label, ranges in found.items()
        if len(ranges) >= MIN_PARTS and good[label] >= limit > 0
        for span in ranges
    )


def _part_key(lowered: str) -> str:
    """What parts of one story share in lower-cased name ``lowered``: its words that name
    the story or furniture, numbers dropped (k43: numbered ids, a first part's modifier)."""
    words = {
        word
        for word in DIGITS_RE.sub("", lowered).split()
        if PART_STORY_RE.search(word) is not None or label_kind(word) & (HARD | SOFT)
    }
    return " ".join(sorted(words))
