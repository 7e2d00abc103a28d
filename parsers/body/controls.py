"""Small boxes in the story built around one on/off control (b44, issue 17).

Category "a consent placeholder for an embed": where a story embeds a post, a video or a
podcast, publishers' CMSs (ZEIT, GameStar, Tagesspiegel: "Empfohlener redaktioneller
Inhalt ... Externer Inhalt ... Ich bin damit einverstanden, dass ...") print a box asking
leave to load it, with a checkbox to give it. The box's words are prose and its class names
are hashed or say only "embed" (which is also the story's own embedded post: b43 tried it),
so neither the scoring nor the names tell it; its one shared mark is the control, which
``scan.py`` skips with the other form fields while recording the block element around it
(``Scan.controls``). The box is the largest element around the control, inside the
container, of at most BOX_MAX_CHARS and under MAX_BOX_SHARE of the container's text.

Guards, each from a page of the sets where the box was the story's: a box with several
controls (a recipe's ingredients, a poll's answers) or one of several alike boxes with a
control each (a checklist's items: WCXB dev 4053, 4694) is a list the reader ticks; a box
with a field one types into (``Scan.fields``: a newsletter's email, a comment form) is a
form, which the gold of WCXB dev 4460 keeps; a box holding a hidden element is a CSS-only
toggle ("Read more" folds the story's tail behind a checkbox: ``hidden peer-checked:block``)
that the hidden rules decide; so is a box ending in the story's folded tail with no hidden
class in the markup (its stylesheet hides it, f44): a short label and then paragraphs of
prose longer than the rest of the box that end the story (``hidden.folded_tail``), where a
consent box's ask comes before its control and outweighs what follows it.
"""

from __future__ import annotations

from parsers.body.hidden import folded_tail, hidden_by_class
from parsers.body.score import Sums
from parsers.scan import HIDDEN_LABEL, Scan

# A consent box is a heading, a sentence or two and the control's label (ZEIT's 400
# characters, Tagesspiegel's 640); a larger element around the control holds more.
BOX_MAX_CHARS = 1000
# A box holding this share of the container's text is the page's content (a form page).
MAX_BOX_SHARE = 0.5


def control_box_ranges(scan: Scan, sums: Sums, container: int) -> list[tuple[int, int]]:
    """Block ranges of the small boxes around one on/off control inside ``container``."""
    if not scan.controls:
        return []
    start, end = scan.first_block[container], scan.end_block[container]
    limit = min(BOX_MAX_CHARS, MAX_BOX_SHARE * sums.total(sums.text, start, end))
    parents, first_block, end_block = scan.parents, scan.first_block, scan.end_block
    boxes: dict[int, int] = {}  # box element -> controls in it
    climbed: dict[int, int] = {}  # element -> its box (every element a climb passed)
    for element in scan.controls:
        if element <= container or first_block[element] >= end:
            continue  # outside the container (or the container itself)
        if sums.total(sums.text, first_block[element], end_block[element]) > limit:
            continue
        path = [element]
        box = climbed.get(element)
        while box is None:
            parent = parents[path[-1]]
            if parent == container or (
                sums.total(sums.text, first_block[parent], end_block[parent]) > limit
            ):
                box = path[-1]
            else:
                box = climbed.get(parent)
                path.append(parent)
        for passed in path:
            climbed[passed] = box
        boxes[box] = boxes.get(box, 0) + 1
    radios: dict[int, int] = {}  # box element -> radio buttons in it
    for element in scan.radios:
        if (box := climbed.get(element)) is not None:
            radios[box] = radios.get(box, 0) + 1
    siblings: dict[int, int] = {}  # parent -> boxes under it
    for box in boxes:
        siblings[parents[box]] = siblings.get(parents[box], 0) + 1
    fields = _holders(scan, scan.fields, boxes)
    return [
        (first_block[box], end_block[box])
        for box, controls in boxes.items()
        if (controls == 1 or radios.get(box) == controls)
        and siblings[parents[box]] == 1
        and box not in fields
        and end_block[box] > first_block[box]
        and not _holds_hidden(scan, box)
        and not _ends_in_tail(scan, sums, container, box)
    ]


def _holders(scan: Scan, elements: list[int], boxes: dict[int, int]) -> set[int]:
    """The ``boxes`` that are or hold one of ``elements``."""
    found: set[int] = set()
    parents = scan.parents
    lowest = min(boxes, default=0)  # a box's elements follow it: none before the first box
    for element in elements:
        while element >= lowest:
            if element in boxes:
                found.add(element)
                break
            element = parents[element]
    return found


def _holds_hidden(scan: Scan, box: int) -> bool:
    """Whether element ``box`` is or holds a hidden element (a toggle's folded text)."""
    names, end = scan.names, scan.end_block[box]
    index = box
    while index < len(names) and (index == box or scan.first_block[index] < end):
        name = names[index]
        if name.endswith(HIDDEN_LABEL) or hidden_by_class(name):
            return True
        index += 1
    return False


def _ends_in_tail(scan: Scan, sums: Sums, container: int, box: int) -> bool:
    """Whether element ``box`` ends in the story's folded tail (a CSS-only "Read more"
    toggle, its tail hidden by the stylesheet): its last run of paragraphs holds more text
    than the rest of the box (the toggle's label) and is the story's end."""
    first, last = scan.first_block[box], scan.end_block[box]
    tail = last
    while tail > first and (
        scan.blocks[tail - 1].tag == "p" or not scan.blocks[tail - 1].text.strip()
    ):
        tail -= 1
    if tail == last:
        return False
    return sums.total(sums.text, tail, last) > sums.total(sums.text, first, tail) and folded_tail(
        scan, sums, container, tail, last
    )
