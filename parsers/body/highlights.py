"""A box of the story's highlights over the story (p48, issue 17).

Category "a highlights box over a news story": news CMSs print a labelled box of bullet
points summing the story up before its first paragraph: CNN's "STORY HIGHLIGHTS", CNBC's
"Key Points", Dagbladet's "Kort fortalt", Kleine Zeitung's "Der Artikel für Sie
zusammengefasst". The truths of every news set we may read leave the box out: Dragnet's
CNN pages (8), newspaper4k's cnn_article, goose3's cnn1, Postlight's CNBC fixture, fundus's
CNBC, Dagbladet (2) and Kleine Zeitung (docs/BENCHMARKS.md, "Body, p48"). Its bullets are
prose, so no other rule tells them from the story.

The labels are data (HIGHLIGHT_LABELS, folded: lower case, no closing colon). WCXB's truth
keeps a blog's "Key takeaways" box (dev: 10 pages, 2 left out), so that label is not one;
nor is a bare "Highlights" (NDTV's and digit.in's box, but HomeAdvisor's cost page, WCXB
dev 4074, opens with a "Highlights" box its truth keeps). A label only counts over the
story: no paragraph of LEAD_PROSE_CHARS or more comes before it in the container (dev 0246
prints "Key points" after its opening paragraph of 405 characters, and its truth keeps the
box; the longest line over a box the news truths drop is 162). The box is the smallest
element around the label holding more than it, the label its first text; it goes when it
holds at most BOX_MAX_CHARS and under MAX_BOX_SHARE of the container's text (else the label
sits loose among the story's paragraphs and nothing is dropped).
"""

from __future__ import annotations

from parsers.body.score import Sums
from parsers.scan import Scan

HIGHLIGHT_LABELS = frozenset(
    {
        "story highlights",  # CNN
        "key points",  # CNBC
        "kort fortalt",  # Dagbladet (Norwegian: "in brief")
        "der artikel für sie zusammengefasst",  # Kleine Zeitung
    }
)
# A paragraph this long before the label is the story's: the box is not over it.
LEAD_PROSE_CHARS = 250
# The boxes seen hold 3 to 5 bullets (CNBC's 600 characters, Kleine Zeitung's 900).
BOX_MAX_CHARS = 1200
MAX_BOX_SHARE = 0.4
# Category "the box's wrapper holds the story's opening too" (k48: an intro <div> with the
# labelled list and the lead paragraph under it): after the box's list, a line longer
# than a note on the list (Dagbladet's "Sammendraget er laget av ChatGPT og godkjent av
# Dagbladet.", 58 characters) is the story's, and the box ends before it.
BOX_NOTE_MAX_CHARS = 100


def is_highlight_label(text: str) -> bool:
    return text.strip().rstrip(":").strip().lower() in HIGHLIGHT_LABELS


def highlight_box_ranges(scan: Scan, sums: Sums, container: int) -> list[tuple[int, int]]:
    """The block range of a highlights box over the story inside ``container`` (above)."""
    start, end = scan.first_block[container], scan.end_block[container]
    blocks, parents = scan.blocks, scan.parents
    first_block, end_block = scan.first_block, scan.end_block
    for index in range(start, end):
        text = blocks[index].text
        if len(text) >= LEAD_PROSE_CHARS:
            return []
        if not is_highlight_label(text):
            continue
        element = blocks[index].element
        while element != container and end_block[element] - first_block[element] <= 1:
            element = parents[element]
        first, last = first_block[element], end_block[element]
        if element == container or first != index:
            return []
        size = sums.total(sums.text, first, last)
        if size > BOX_MAX_CHARS or size >= MAX_BOX_SHARE * sums.total(sums.text, start, end):
            return []
        return [(first, _list_end(scan, first, last))]
    return []


def _list_end(scan: Scan, first: int, last: int) -> int:
    """Where the box from ``first`` to ``last`` ends: before the first line after its
    list (``li`` blocks) longer than BOX_NOTE_MAX_CHARS, else at ``last``."""
    listed = False
    for index in range(first + 1, last):
        block = scan.blocks[index]
        if block.tag == "li":
            listed = True
        elif listed and len(block.text) > BOX_NOTE_MAX_CHARS:
            return index
    return last
