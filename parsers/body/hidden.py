"""Elements a reader of the page never sees, told by their class words (b43, issue 17).

``scan.py`` flags an element hidden by the ``hidden`` attribute or an inline style;
CSS frameworks hide one with a class instead, and accessibility classes keep text for
screen readers only. Both are read here from the element's class-and-id text, and
``elements.excluded_ranges`` drops what they name with the care given here to every
hidden element, by attribute, style or class (:func:`hidden_drop`: a folded story, an
accordion's answers stay).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from parsers.body.labels import HARD, SOFT, label_kind
from parsers.scan import HIDDEN_LABEL

if TYPE_CHECKING:
    from parsers.body.score import Sums
    from parsers.scan import Scan

# Category "hidden by a utility class" (fundus's publishers: Postmedia's five sites park
# the subscription and registration boxes in "intro-body__premium hidden"; Kleine
# Zeitung's machine summary in a tab panel "card hidden aria-expanded:block"): Tailwind's
# and Bootstrap 3's "hidden" and Bootstrap 4/5's "d-none" are display:none. A breakpoint
# variant that shows the element on wider screens ("hidden md:block", "d-none d-lg-flex")
# makes it a desktop element, seen (SHOWN_AT_WIDTH_RE); a state variant
# ("aria-expanded:block") is not shown when the page loads.
HIDDEN_CLASSES = frozenset({"hidden", "d-none", "hide"})
# b44, the same category as a BEM modifier: a block's "--hidden" or "--hide" state
# (Expressen's audio player "speech speech--hidden", Shopware's "is--hidden") and
# Bootstrap 2's "hide" utility. A modifier that names a breakpoint hides the element at one
# width only (AEM's grid "aem-GridColumn--sm--hide", WCXB dev 4506: its story column, R 0.98
# -> 0.60 when read as hidden), and "overflow--hidden" clips, it does not hide (dev 0054).
HIDDEN_MODIFIERS = ("--hidden", "--hide")
NOT_HIDING_WORDS = frozenset(
    {"overflow", "default", "phone", "tablet", "desktop", "mobile"}
    | {"xs", "sm", "md", "lg", "xl", "xxl"}
)
WORD_SPLIT_RE = re.compile(r"[-_]+")
# k43: every display value the frameworks name (a column shown as "md:table-cell", a list's
# "md:list-item"), Tailwind's important modifier ("lg:!block", v4 "lg:block!"), and
# Tailwind's "md:not-sr-only", which shows text kept for screen readers on wider screens.
DISPLAYS = (
    r"(?:block|flex|grid|inline|inline-block|inline-flex|inline-grid|inline-table|table"
    r"|table-(?:cell|row|caption|column|row-group|column-group|header-group|footer-group)"
    r"|list-item|contents|flow-root|not-sr-only)"
)
SHOWN_AT_WIDTH_RE = re.compile(
    rf"(?:^|\s)(?:(?:sm|md|lg|xl|2xl|min-\[[^\]\s]*\]):!?{DISPLAYS}!?"
    rf"|d-(?:sm|md|lg|xl|xxl)-{DISPLAYS})(?=\s|$)"
)
# Category "text for screen readers only" (Postmedia's "Article content" label before
# every paragraph group, 40 on a page, in "visually-hidden"): the accessibility classes of
# Bootstrap ("sr-only", "visually-hidden"), WordPress ("screen-reader-text"), HTML5
# Boilerplate ("visuallyhidden") and their utility-prefixed forms. A sighted reader never
# sees it, so it is not the story's text.
SCREEN_READER_CLASSES = frozenset(
    {"sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "u-visually-hidden"}
)
# A hidden table cell is a column the page sorts or filters by (a comparison table's
# sort keys): the table's data, left to the table rules.
CELL_TAGS = frozenset({"td", "th"})
# The panels of one accordion differ by a number in their id ("content-1", "content-2"):
# alike, as ``_hidden_series`` counts them, without it.
DIGITS_RE = re.compile(r"\d+")
UNSEEN_CACHE_SIZE = 4096


@lru_cache(maxsize=UNSEEN_CACHE_SIZE)
def hidden_by_class(name: str) -> bool:
    """Whether class-and-id text ``name`` hides its element by a utility class."""
    if not any(_hides(token) for token in name.split()):
        return False
    return SHOWN_AT_WIDTH_RE.search(name) is None


def _hides(token: str) -> bool:
    """Whether class token ``token`` is a hiding utility or a BEM "hidden" modifier."""
    if token in HIDDEN_CLASSES:
        return True
    if not token.endswith(HIDDEN_MODIFIERS):
        return False
    return NOT_HIDING_WORDS.isdisjoint(WORD_SPLIT_RE.split(token.lower())[:-1])


def series_key(name: str) -> str:
    """``name`` as hidden panels of one series share it: numbers dropped from a name
    hidden by a utility class; an element hidden by its attribute keeps its name."""
    return DIGITS_RE.sub("", name) if hidden_by_class(name) else name


@lru_cache(maxsize=UNSEEN_CACHE_SIZE)
def for_screen_readers(name: str) -> bool:
    """Whether class-and-id text ``name`` keeps its element for screen readers only."""
    return (
        not SCREEN_READER_CLASSES.isdisjoint(name.split())
        and SHOWN_AT_WIDTH_RE.search(name) is None
    )


# Category "the story's tail folded behind a 'Read more'" (k43): a short story shows its
# first paragraphs and keeps the rest in a block hidden by a utility class, shown by a
# button or a CSS toggle ("hidden peer-checked:block"). Too short to read like the story
# by itself (HIDDEN_MIN_BLOCKS), it is the story's end: paragraphs of prose
# (good text) after visible good text (half as much at least, f44), with none after
# it. A hidden box before the story (a machine summary in a tab panel) or a pitch set as a
# heading and a list (Postmedia's "intro-body__premium hidden") is no tail.
FOLDED_TAIL_MIN_GOOD_CHARS = 120
# f44: a teaser shows a paragraph or two and may fold more than it shows (2 shown, 3 in
# "story__more--hidden"): the visible good text before the tail is at least this share of it.
FOLDED_TAIL_MIN_SHOWN_SHARE = 0.5


def folded_tail(scan: Scan, sums: Sums, container: int, first: int, last: int) -> bool:
    """Whether blocks ``first..last``, hidden, are the end of the story in element
    ``container``."""
    start, end = scan.first_block[container], scan.end_block[container]
    good = sums.total(sums.good, first, last)
    return (
        good >= FOLDED_TAIL_MIN_GOOD_CHARS
        and sums.total(sums.good, start, first) >= good * FOLDED_TAIL_MIN_SHOWN_SHARE
        and sums.total(sums.good, last, end) == 0
        and all(block.tag == "p" for block in scan.blocks[first:last] if block.text.strip())
    )


# A hidden element (and nothing worse by its names) is dropped when less than
# this share of it is good text.
HIDDEN_GOOD_SHARE = 0.7
# ... or when smaller than a few paragraphs: footnote pop-ups, short FAQ answers.
HIDDEN_MIN_GOOD_CHARS = 400
HIDDEN_MIN_BLOCKS = 3
HIDDEN_FOOTNOTE_WORD = "footnote"
# ... unless it is one of this many hidden elements alike (same class and id text)
# in the container: the panels of an accordion or tabs, the story folded up.
MIN_HIDDEN_SERIES = 3


def hidden_drop(
    scan: Scan, sums: Sums, container: int, index: int, soft: bool, counts: dict[str, int]
) -> bool:
    """Whether hidden element ``index`` of ``container`` is furniture (dropped).

    Collapsed accordions and tabs hide story text too: only a hidden element that does
    not read like the story is furniture, unless it is one of a series of alike panels
    or (hidden by a class only, not named furniture: ``soft`` false) the story's folded
    tail. ``counts`` is :func:`_hidden_series`'s, shared over one container.
    """
    first, last = scan.first_block[index], scan.end_block[index]
    size = sums.total(sums.text, first, last)
    good = sums.total(sums.good, first, last)
    start, end = scan.first_block[container], scan.end_block[container]
    if good and sums.total(sums.good, start, end) == good:
        # k44: the container's story text is all in it, a short story a script shows
        # ("brief brief--hidden", b44's modifiers; "hidden", display:none alike): dropped,
        # the page had no body at all.
        return False
    return good < size * HIDDEN_GOOD_SHARE or (
        (good < HIDDEN_MIN_GOOD_CHARS or last - first < HIDDEN_MIN_BLOCKS)
        and not _hidden_series(scan, container, index, counts)
        and (soft or not folded_tail(scan, sums, container, first, last))
    )


def _hidden_series(scan: Scan, container: int, index: int, counts: dict[str, int]) -> bool:
    """Whether hidden element ``index`` is one of a series of alike hidden panels in
    ``container`` (the answers of an FAQ accordion, the tabs of a comparison): the
    story folded up, however short each panel. ``counts`` (hidden labels in the
    container) is filled on the first call."""
    if not counts:
        names, end = scan.names, scan.end_block[container]
        position = container + 1
        while position < len(names) and scan.first_block[position] < end:
            name = names[position]
            if name.endswith(HIDDEN_LABEL) or hidden_by_class(name):
                counts[series_key(name)] = counts.get(series_key(name), 0) + 1
            position += 1
        counts[""] = 0  # filled, even when nothing else is hidden
    return counts.get(series_key(scan.names[index]), 0) >= MIN_HIDDEN_SERIES


def only_hidden(name: str) -> bool:
    """Whether a SOFT label is so only because the element is hidden (and it is
    not a footnote pop-up, which repeats the notes kept elsewhere or not at all)."""
    if not name.endswith(HIDDEN_LABEL) or HIDDEN_FOOTNOTE_WORD in name.lower():
        return False
    return not label_kind(name[: -len(HIDDEN_LABEL)]) & (HARD | SOFT)
