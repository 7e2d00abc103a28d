"""Stage 4a of the body: which link lines inside the container are still story.

A block nearly all link text is navigation, except where the page shows it is
not: a linked item in a list set between the story's paragraphs (the books or
tools a story names), in a list that also holds a sentence, or in a table row
beside unlinked data. Also decides when a date line is data (a table cell, a
list of dated items) rather than the story's dateline.
"""

from __future__ import annotations

from parsers.body.lines import FURNITURE_LINE_CHARS
from parsers.body.score import GOOD_LINK_DENSITY, MIN_SCORED_CHARS, Sums
from parsers.dates import is_date_line
from parsers.scan import Block, Scan

# Blocks nearly all link text are navigation; a list item that is a link plus a few
# words is still story text (0.5 lost more recall than it gained precision on WCXB dev).
LINK_DENSITY_DROP = 0.85
# A link line in a list set between the story's paragraphs (more than this share of
# the container's good text before the list and STORY_LIST_AFTER after it) is part
# of the story (the books or tools it names) when it reads as a title, at least
# STORY_LIST_MIN_WORDS words; link lists at the story's edges are navigation or
# other stories (0.02 before and 0.1 after kept more of those than of the story on
# WCXB dev).
STORY_LIST_BEFORE = 0.1
STORY_LIST_AFTER = 0.25
STORY_LIST_MIN_WORDS = 2
# A link item in a list that also holds a prose item (at least MIN_SCORED_CHARS,
# under GOOD_LINK_DENSITY link text) is one of the story's points that happens to
# link, not navigation: menus and link lists hold no sentence of their own.
LIST_TAGS = frozenset({"ul", "ol"})
# Likewise a link cell in a table row that also holds unlinked text is table data.
ROW_TAGS = frozenset({"tr"})
# A date alone in a table cell is data (a schedule, a release history), not the
# story's dateline, which is never set in a table.
TABLE_CELL_TAGS = frozenset({"td", "th"})
TABLE_TAGS = frozenset({"table"})
# Likewise a list holding this many date lines is dated data (an event listing, a
# changelog, a timeline): its dates are kept. A dateline comes once.
DATE_DATA_MIN_LINES = 3
DATA_LIST_TAGS = frozenset({"ul", "ol", "dl"})
# A line set in a block quotation is someone's words the story quotes (k40c).
QUOTE_TAGS = frozenset({"blockquote"})


def in_story_list(scan: Scan, sums: Sums, block: Block, container: int) -> bool:
    """Whether a link line of a few words sits in a list with story text on both sides."""
    if len(block.text.split()) < STORY_LIST_MIN_WORDS:
        return False
    element = _list_of(scan, block, container)
    if element < 0:
        return False
    start, end = scan.first_block[container], scan.end_block[container]
    good = sums.total(sums.good, start, end)
    return (
        sums.total(sums.good, start, scan.first_block[element]) > good * STORY_LIST_BEFORE
        and sums.total(sums.good, scan.end_block[element], end) > good * STORY_LIST_AFTER
    )


def _list_of(
    scan: Scan, block: Block, container: int, list_tags: frozenset[str] = LIST_TAGS
) -> int:
    """The innermost list (of ``list_tags``) holding ``block`` inside ``container``, or -1."""
    parents, tags = scan.parents, scan.tags
    element = block.element
    while element != container and element >= 0 and tags[element] not in list_tags:
        element = parents[element]
    return -1 if element == container else element


def in_cell(scan: Scan, block: Block, container: int, cell_tags: frozenset[str]) -> bool:
    """Whether ``block`` is a table cell or list item (of ``cell_tags``) inside ``container``,
    or the only block of one: a cell that wraps its text in a <p> or a <div> is data too
    (k40c: a table of scores' '1 of 4'). A cell holding more blocks is a layout's (an old
    page's story set in a <td>, a slideshow's item of caption and counter), not data."""
    if block.tag in cell_tags:
        return True
    cell = _list_of(scan, block, container, cell_tags)
    return cell >= 0 and scan.end_block[cell] - scan.first_block[cell] == 1


def in_data_table(scan: Scan, block: Block, container: int) -> bool:
    """Whether ``block`` is a table cell (or a cell's only block, :func:`in_cell`) of a
    table with header cells (<th>) inside ``container``: a data table's. A cell of a
    table without headers may be a layout's or a tool bar's (older portals set their
    'E-mail | Print' and section bars in one-cell tables, o41)."""
    if not in_cell(scan, block, container, TABLE_CELL_TAGS):
        return False
    table = _list_of(scan, block, container, TABLE_TAGS)
    parents, tags = scan.parents, scan.tags
    for other in scan.blocks[scan.first_block[table] : scan.end_block[table]] if table >= 0 else ():
        element = other.element
        while element != table and element >= 0:
            if tags[element] == "th":
                return True
            element = parents[element]
    return False


def in_quote(scan: Scan, block: Block, container: int) -> bool:
    """Whether ``block`` sits in a block quotation inside ``container``: a note about a
    page quoted there is the story's (a paper's correction quoting its print note)."""
    return _list_of(scan, block, container, QUOTE_TAGS) >= 0


def is_date_data(scan: Scan, block: Block, container: int) -> bool:
    """Whether a date line is data: a table cell's, or one of DATE_DATA_MIN_LINES or
    more date lines of one list inside ``container``."""
    if block.tag in TABLE_CELL_TAGS:
        return True
    element = _list_of(scan, block, container, DATA_LIST_TAGS)
    if element < 0:
        return False
    dates = 0
    for other in scan.blocks[scan.first_block[element] : scan.end_block[element]]:
        if len(other.text) < FURNITURE_LINE_CHARS and is_date_line(other.text, scan.date_lines):
            dates += 1
            if dates >= DATE_DATA_MIN_LINES:
                return True
    return False


def in_mixed_list(scan: Scan, block: Block, container: int, memo: dict[int, bool]) -> bool:
    """Whether a link line sits in a list that also holds a prose line: a story's
    list whose items partly link, not a menu or a list of other stories. ``memo``
    keeps the answer per list."""
    element = _list_of(scan, block, container)
    if element < 0:
        return False
    if element not in memo:
        memo[element] = _holds_prose(scan, element)
    return memo[element]


def in_data_row(scan: Scan, block: Block, container: int, memo: dict[int, bool]) -> bool:
    """Whether a link line is a cell of a table row that also holds text that is not
    a link (a company beside its ticker and revenue, a product beside its price):
    table data, where a menu laid out as a table is links alone. ``memo`` keeps the
    answer per row."""
    row = _list_of(scan, block, container, ROW_TAGS)
    if row < 0:
        return False
    if row not in memo:
        memo[row] = any(
            other.link_chars * 2 < len(other.text)
            for other in scan.blocks[scan.first_block[row] : scan.end_block[row]]
        )
    return memo[row]


def _holds_prose(scan: Scan, element: int) -> bool:
    """Whether element ``element`` holds a block of prose (not mostly link text)."""
    return any(
        len(other.text) >= MIN_SCORED_CHARS
        and other.link_chars < len(other.text) * GOOD_LINK_DENSITY
        for other in scan.blocks[scan.first_block[element] : scan.end_block[element]]
    )
