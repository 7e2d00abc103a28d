"""Container choice, correction: a picture post is under its own headline.

Category "a picture or video post beside a site-wide box" (blogs of 2008-2012: a
post of a photo or a clip with a caption line or none, its heading repeating the
title inside the post's element, "post", "entry", "post-header"). The post has
little or no prose of its own, so a licence note, an about-me blurb or a footer
credit elsewhere on the page outscored it and was stored as its text. When the
chosen container holds little good text and the headline sits outside it, in a
small element named as the post (a story word, labels.POSITIVE, and no furniture
word) that holds more than the headline, that element is the container: the
post's own lines, however short, rather than a box every page of the site prints.
A story's headline outside its text is common (a header over the story's column):
it is only read so when the chosen text is as short as such a box and sits
outside the post's parent (a short story beside its own "post-header" stays).
"""

from __future__ import annotations

from parsers.body.labels import HARD, POSITIVE, SOFT, label_kind
from parsers.body.score import Sums
from parsers.metadata import fold
from parsers.scan import HEADING_TAGS, Scan

# The chosen container holds less good text than this: a box's few lines, not a
# story (b26 found boxes beating stories of 370 characters and more: another case).
BOX_MAX_GOOD = 300
# The post's element holds at most this many blocks: a headline, a date or byline
# line, a caption or two, a comments link; not a column of other posts.
POST_MAX_BLOCKS = 8
HEADLINE_TAGS = frozenset({"h1", "h2", "h3"})


def under_own_headline(scan: Scan, sums: Sums, container: int, title: str | None) -> int:
    """``container``, or the small post element around the headline outside it."""
    if container < 0 or not title:
        return container
    low, high = scan.first_block[container], scan.end_block[container]
    if sums.total(sums.good, low, high) >= BOX_MAX_GOOD:
        return container
    folded = fold(title)
    head = next(
        (
            n
            for n, block in enumerate(scan.blocks)
            if block.tag in HEADLINE_TAGS and fold(block.text) == folded
        ),
        -1,
    )
    if head < 0 or low <= head < high:
        return container
    element = scan.blocks[head].element
    while element >= 0 and scan.end_block[element] - scan.first_block[element] < 2:
        element = scan.parents[element]  # the heading's own wrappers
    if element < 0:
        return container
    first, end = scan.first_block[element], scan.end_block[element]
    if (
        scan.tags[element] in HEADING_TAGS  # a heading nested in a heading: no post around it
        or end - first > POST_MAX_BLOCKS
        or (first <= low and high <= end)
    ):
        return container  # a column, or it holds the chosen box already
    kind = label_kind(scan.names[element])
    if not kind & POSITIVE or kind & (HARD | SOFT):
        return container
    column = scan.parents[element]
    if column >= 0 and scan.first_block[column] <= low and high <= scan.end_block[column]:
        return container  # a short story beside its own header ("post-header" over "entry")
    return element
