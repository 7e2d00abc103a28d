"""A picture's caption written in paragraphs inside its ``figcaption`` (b45, issue 17).

Category "a caption nested in figcaption": ``extract_body`` drops a block whose own tag is
``figcaption``, but many CMSs wrap the caption's text in ``<p>``, ``<div>`` or ``<span
class=...>`` blocks inside it (``<figcaption><p>Trump only stayed ... AP</p></figcaption>``:
Nine News, ZDF, Golem, Rheinische Post, Globe and Mail, 20 Minuten, Seznam Zprávy, NRK,
Expressen, Le Figaro, Quanta Magazine, PMC's figures); those blocks were read as the story's
paragraphs. ``bench/surplus.py`` counted them as surplus on the fundus, WCXB dev and extra
sets. The element itself is the mark (HTML's own), not a publisher's class word.

Guards: a ``figcaption`` after a ``blockquote`` in its figure is the quote's attribution
(HTML's recommended markup for a quote; the gold of WCXB dev 4715 and Luxemburger Wort keeps
the name); one of more than CAPTION_MAX_CHARS is not a caption (an unclosed tag swallowing
the story); and when the captions hold MAX_CAPTION_SHARE of the container's text they are
the page's story (a picture gallery), so none is dropped.
"""

from __future__ import annotations

from parsers.body.score import Sums
from parsers.scan import Scan

# The longest caption seen in the sets is about 600 characters; a longer figcaption holds
# more than a caption (broken markup left it open).
CAPTION_MAX_CHARS = 1000
# Captions holding this share of the container's text are its story (a gallery).
MAX_CAPTION_SHARE = 0.5


def caption_ranges(scan: Scan, sums: Sums, container: int) -> list[tuple[int, int]]:
    """Block ranges of the ``figcaption`` elements inside ``container`` (see the module)."""
    start, end = scan.first_block[container], scan.end_block[container]
    tags, first_block, end_block = scan.tags, scan.first_block, scan.end_block
    ranges: list[tuple[int, int]] = []
    held = 0
    element = container
    # Elements are in document order: the container's descendants follow it, and the first
    # element starting at or past its last block is outside it. ``list.index`` finds each
    # figcaption without a Python loop over every element.
    while True:
        try:
            element = tags.index("figcaption", element + 1)
        except ValueError:
            break
        if first_block[element] >= end:
            break
        if first_block[element] < end_block[element]:
            size = sums.total(sums.text, first_block[element], end_block[element])
            if size <= CAPTION_MAX_CHARS and not _quote_attribution(scan, element):
                ranges.append((first_block[element], end_block[element]))
                held += size
    if not ranges or held >= MAX_CAPTION_SHARE * sums.total(sums.text, start, end):
        return []
    return ranges


def _quote_attribution(scan: Scan, caption: int) -> bool:
    """The figcaption's parent ``figure`` holds a ``blockquote``, before the caption or,
    as HTML also allows the caption first, after it (k45: "<figure><figcaption>Jane Doe
    </figcaption><blockquote>...": the name was dropped)."""
    parent = scan.parents[caption]
    if parent < 0 or scan.tags[parent] != "figure":
        return False
    end = scan.end_block[parent]
    element = parent + 1
    # The figure's descendants follow it in document order; the first element starting
    # at or past its last block is outside it.
    while element < len(scan.tags) and scan.first_block[element] < end:
        if scan.tags[element] == "blockquote":
            return True
        element += 1
    return False
