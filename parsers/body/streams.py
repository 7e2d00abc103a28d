"""Container choice, correction: a stream of other stories' teasers is not the story.

Category "a teaser stream beating the article in container choice": a blog's slider
of featured posts, a portal's stream of "[...] Read more" items or the day's other
releases hold more prose in all than a short story, so the element around them (or
the page itself) outscores the story's own wrapper. When the chosen container holds
MIN_ITEMS or more teaser items (listing.py: one headline link and at most one
paragraph each), the choice is made again with the items' text counted as furniture;
the new choice stands only when it holds a story's worth of text outside the items
and sits under the page's headline (an <h1>) with none of the items: the story and
its headline belong together, the stream is beside them. A section front's <h1>
(the section's name) sits over its list, so such a page keeps its list and is
still judged a listing.
"""

from __future__ import annotations

from parsers.body.listing import MIN_ITEMS, item_spans
from parsers.body.score import LINK_COST, SHORT_COST, Sums, class_factor
from parsers.scan import Scan

# Good text outside the items for the new choice to be a story, not a caption.
STREAM_STORY_MIN_GOOD = 300


def away_from_stream(scan: Scan, sums: Sums, container: int) -> int:
    """``container``, or the story beside the teaser stream it mostly holds."""
    if container < 0:
        return container
    spans = item_spans(scan, sums, container)
    if len(spans) < MIN_ITEMS:
        return container
    blocks = scan.blocks
    flagged = [False] * len(blocks)
    for first, last in spans:
        for index in range(first, last):
            flagged[index] = True
    # Good text inside the items, as prefix sums like ``sums.good``.
    item_good = [0]
    for index in range(len(blocks)):
        own = sums.good[index + 1] - sums.good[index]
        item_good.append(item_good[-1] + (own if flagged[index] else 0))
    first_block, end_block = scan.first_block, scan.end_block
    best, best_score = -1, 0.0
    for index in range(len(first_block)):
        first, end = first_block[index], end_block[index]
        in_items = item_good[end] - item_good[first]
        good = sums.total(sums.good, first, end) - in_items
        if good < STREAM_STORY_MIN_GOOD:
            continue
        cost = LINK_COST * sums.total(sums.links, first, end)
        cost += SHORT_COST * (sums.total(sums.short, first, end) + in_items)
        score = (good - cost) * class_factor(scan, sums, index)
        if score >= best_score and score > 0:
            best, best_score = index, score
    if best < 0 or best == container or not _under_own_headline(scan, best, spans):
        return container
    return best


def _under_own_headline(scan: Scan, element: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``element`` or an ancestor holds an <h1> and none of the items."""
    heads = [index for index, block in enumerate(scan.blocks) if block.tag == "h1"]
    node = element
    while node >= 0:
        first, end = scan.first_block[node], scan.end_block[node]
        if any(first < last and low < end for low, last in spans):
            return False
        if any(first <= head < end for head in heads):
            return True
        node = scan.parents[node]
    return False
