"""Page kind: whether the chosen text is an index of other stories, not a story.

A section front, a tag or category archive and a search results page put their
teasers where a story would be: a linked headline plus an excerpt and a date,
repeated. Read as a body, such a list can be the longest text on the page (tens
of thousands of characters on a busy archive), so its length says nothing; its
shape does. The body is a listing when most of its text sits in item elements
(each wrapping one headline link and a short excerpt), and there are many of
them. A story's own linked section headings are not such items: they are not
wrapped one per element with their text, and a story's paragraphs run longer.
``extract`` still lets a declared article (og:type, JSON-LD) overrule this.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from parsers.body.links import LINK_DENSITY_DROP
from parsers.body.score import GOOD_LINK_DENSITY, Sums
from parsers.scan import Scan

# A headline link: nearly all link text, at least this many characters and words.
ITEM_HEADLINE_CHARS = 20
ITEM_HEADLINE_WORDS = 3
# Category "CJK listing pages": a Chinese or Japanese headline has no spaces and a
# Korean one is short, so neither met the rule above and a section front of them was
# stored as one article. This many Han, kana or hangul characters make a headline.
ITEM_HEADLINE_CJK = 8
CJK_RE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# An item (the element around one headline link, holding no other) is at most this
# long: headline, excerpt, date, byline. Longer entries are a roundup's own text.
ITEM_MAX_CHARS = 1000
# The headline opens its item: only a kicker or a date (this many characters) comes
# before it. A link closing a box ("Learn more about ...") is no headline.
ITEM_LEAD_CHARS = 40
# Paragraphs of prose (this long, few links) in one item; date and byline lines are shorter.
ITEM_MAX_PARAGRAPHS = 1
ITEM_PROSE_CHARS = 100
# At least this many items holding this share of the body's elements' text.
MIN_ITEMS = 6
ITEMS_TEXT_SHARE = 0.75


def is_listing(scan: Scan, sums: Sums, elements: Sequence[int]) -> bool:
    """Whether ``elements`` (the body's container and joined siblings) are mostly
    a list of teaser items: MIN_ITEMS or more, holding ITEMS_TEXT_SHARE of their text."""
    total = items = item_chars = 0
    for element in elements:
        start, end = scan.first_block[element], scan.end_block[element]
        total += sums.total(sums.text, start, end)
        count, chars = _items(scan, sums, element)
        items += count
        item_chars += chars
    return items >= MIN_ITEMS and item_chars >= total * ITEMS_TEXT_SHARE > 0


def _items(scan: Scan, sums: Sums, container: int) -> tuple[int, int]:
    """How many teaser items ``container`` holds, and their characters."""
    spans = item_spans(scan, sums, container)
    return len(spans), sum(sums.total(sums.text, first, last) for first, last in spans)


def cjk_headline(text: str) -> bool:
    """Whether ``text`` holds a headline's worth of Han, kana or hangul."""
    return len(CJK_RE.findall(text)) >= ITEM_HEADLINE_CJK


def headline_cards(scan: Scan, titles: Sequence[int], container: int,
                   ) -> Iterator[tuple[int, int, int]]:
    """(title block, its card, the block its card may not reach) for each of ``titles``
    (headline blocks inside ``container``, in order) not the container's own text.

    A headline's card is the largest element around it that reaches neither neighbouring
    headline, inside ``container``: from the block after the headline before it to the
    headline after it (the container's ends for the first and the last)."""
    parents, first_block, end_block = scan.parents, scan.first_block, scan.end_block
    start, end = first_block[container], end_block[container]
    for position, block_index in enumerate(titles):
        low = titles[position - 1] + 1 if position else start
        high = titles[position + 1] if position + 1 < len(titles) else end
        element = scan.blocks[block_index].element
        if element == container:
            continue
        while (parent := parents[element]) != container and (
            first_block[parent] >= low and end_block[parent] <= high
        ):
            element = parent
        yield block_index, element, high


def item_spans(scan: Scan, sums: Sums, container: int) -> list[tuple[int, int]]:
    """Block ranges of the teaser items inside ``container``."""
    blocks = scan.blocks
    first_block, end_block = scan.first_block, scan.end_block
    start, end = first_block[container], end_block[container]
    titles = [
        index
        for index in range(start, end)
        if blocks[index].link_chars > len(text := blocks[index].text) * LINK_DENSITY_DROP
        and (
            (len(text) >= ITEM_HEADLINE_CHARS and len(text.split()) >= ITEM_HEADLINE_WORDS)
            or cjk_headline(text)
        )
    ]
    spans: list[tuple[int, int]] = []
    for block_index, element, _high in headline_cards(scan, titles, container):
        first, last = first_block[element], end_block[element]
        size = sums.total(sums.text, first, last)
        prose = sum(
            len(other.text) >= ITEM_PROSE_CHARS
            and other.link_chars < len(other.text) * GOOD_LINK_DENSITY
            for other in blocks[first:last]
        )
        # A headline with its excerpt: one paragraph at most (a roundup's entries,
        # however short, run to several).
        lead = sums.total(sums.text, first, block_index)
        if (
            last - first >= 2
            and size <= ITEM_MAX_CHARS
            and prose <= ITEM_MAX_PARAGRAPHS
            and lead <= ITEM_LEAD_CHARS
        ):
            spans.append((first, last))
    return spans
