"""Main text: score the scanned blocks, pick the container, keep its paragraphs.

The stages, in the order a page goes through them (one module each):

    labels    what class and id words say about each element (bits)
    score     good text per element; the container and its sibling sections
    streams   the container again, when it is mostly a stream of other stories' teasers
    sidebars  the container again, when it sits in the sidebar or footer
    elements  sub-elements dropped whole: boilerplate, teaser grids, "Related" sections
    links     link lines that are still story (lists and tables inside it)
    lines     line filters: furniture lines among the paragraphs
    notices   line filters: notes about the page (print edition, age), picture viewer labels
    walls     line filters: a paywall's or login wall's prompt to log in or subscribe
    credits   line filters: a caption closed by its credit, a line naming only an agency
    tail      where the story ends: pitches, end labels, card lists, headline runs
    bio       the author's bio closing the story (after the authors are known)
    head      the story's head: the headline repeated, a subtitle, lines above it, filler

This module walks the container's blocks once (``extract_body``), asking the
stages above, and decides what remains about the story's head (a standfirst over
it, duplicates) and the gallery whose credited captions are its only text.
"""

from __future__ import annotations

from dataclasses import dataclass

from parsers.body.bars import is_link_bar, is_share_line
from parsers.body.bio import without_author_bio
from parsers.body.captions import caption_ranges
from parsers.body.controls import control_box_ranges
from parsers.body.credits import (
    ITEM_TAGS,
    follows_an_opener,
    is_agency_credit,
    is_credited_caption,
)
from parsers.body.elements import (
    end_section_ranges,
    excluded_ranges,
    heads_prose,
    is_more_stories_label,
    teaser_ranges,
)
from parsers.body.head import (
    ABOVE_HEADLINE_CHARS,
    PLACEHOLDER,
    PLACEHOLDER_CHARS,
    is_subtitle,
    label_once,
    repeats_title,
    story_beside_filler,
)
from parsers.body.highlights import highlight_box_ranges
from parsers.body.labels import (
    HARD,
    HARD_WORDS,
    POSITIVE,
    POSITIVE_WORDS,
    SOFT,
    SOFT_WORDS,
    TAIL,
    TAIL_WORDS,
    WEAK,
    WEAK_WORDS,
    label_kind,
)
from parsers.body.lines import (
    BOILERPLATE_RE,
    CELL_TAGS,
    CROSS_LINK_MAX_CHARS,
    CROSS_LINK_RE,
    FURNITURE_LINE_CHARS,
    LEAD_COUNTER_RE,
    LEAD_PARAGRAPHS,
    LEAD_PROSE_CHARS,
    NO_WORDS_RE,
    POST_FOOTER_RE,
    READING_TIME_RE,
    STANDFIRST_RE,
    is_disclosure,
    is_furniture_line,
    is_lead_meta,
    is_post_meta,
    is_repeated_byline,
    is_rights_notice,
)
from parsers.body.links import (
    LINK_DENSITY_DROP,
    in_cell,
    in_data_row,
    in_data_table,
    in_mixed_list,
    in_quote,
    in_story_list,
    is_date_data,
)
from parsers.body.listing import is_listing
from parsers.body.locale_labels import is_locale_label
from parsers.body.notices import is_page_notice, is_viewer_label
from parsers.body.score import Sums, prefix_sums, with_siblings
from parsers.body.score import best_container as scored_container
from parsers.body.sidebars import out_of_sidebar
from parsers.body.stamps import is_date_stamp
from parsers.body.stories import named_story
from parsers.body.streams import away_from_stream
from parsers.body.tail import (
    card_tail_cut,
    comment_label_cut,
    end_label_cut,
    heading_runs,
    is_card_meta,
    is_comment_label,
    sponsored_runs,
)
from parsers.body.units import units
from parsers.body.walls import is_access_prompt, names_what_it_gates
from parsers.dates import is_date_line
from parsers.metadata import fold
from parsers.scan import HEADING_TAGS, Scan

__all__ = [
    "HARD",
    "HARD_WORDS",
    "POSITIVE",
    "POSITIVE_WORDS",
    "SOFT",
    "SOFT_WORDS",
    "TAIL",
    "TAIL_WORDS",
    "WEAK",
    "WEAK_WORDS",
    "BodyResult",
    "Sums",
    "best_container",
    "extract_body",
    "label_kind",
    "prefix_sums",
    "with_siblings",
    "without_author_bio",
]

# A paragraph this long seen a second time in another wrapper is a carousel clone, a
# teaser repeating the story's lead or a box rendered twice (mobile and desktop), not
# more of the story. Under the same parent as its first copy it is the story's own
# repetition (category "a paragraph repeated in place": a pull quote, a spec line, a
# refrain), unless it continues a run of copies (a block cloned whole). Counted in units
# (units.py, c44): a Japanese notice repeated under each reaction button is 32 characters.
MIN_DUPLICATE_CHARS = 40


def best_container(scan: Scan, sums: Sums) -> int:
    """The element holding the story: the best scored (score.py), unless that is mostly
    a stream of other stories' teasers beside it (streams.py) or a box in the sidebar
    or footer (sidebars.py)."""
    return out_of_sidebar(scan, sums, away_from_stream(scan, sums, scored_container(scan, sums)))


@dataclass(frozen=True, slots=True)
class BodyResult:
    """Paragraphs of the main text and the facts ``kind`` is decided from."""

    paragraphs: list[str]
    container: int
    link_blocks: int
    text_blocks: int
    # The container is mostly a list of teaser items (listing.py): an index page.
    listing: bool = False
    # b53b: the date stamps met over the story (stamps.is_date_stamp), kept or not: extract.py
    # keeps those that restate no date of the page's own (keep_stamps).
    stamps: tuple[str, ...] = ()


def story_under(scan: Scan, index: int, end: int) -> bool:
    """k53b: text of LEAD_PROSE_CHARS after block ``index`` (before ``end``): a story under a
    date stamp, where a release of one short dated line ("Meeting postponed to 16.11.2019,
    10:00") has none and is that line."""
    chars = 0
    for later in range(index + 1, end):
        chars += len(scan.blocks[later].text)
        if chars >= LEAD_PROSE_CHARS:
            return True
    return False


def extract_body(
    scan: Scan,
    sums: Sums,
    container: int,
    title: str | None,
    siblings: bool = False,
    keep_stamps: frozenset[str] = frozenset(),
) -> BodyResult:
    """Paragraphs of the main text inside element ``container`` (-1: none).

    Boilerplate sub-elements, teaser cards, sections under a "Related posts"
    style heading, link lists, furniture lines, cross-links ("Related: ..."),
    repeated bylines, second copies of a paragraph (elsewhere), a standfirst opening the body
    and a heading that repeats ``title`` are left out. With ``siblings``, story-like sibling
    elements of the container are read too. A date stamp over the story is left out unless its
    text is in ``keep_stamps`` (b53b: the page's dates decide, which are read after the body).
    """
    if container < 0:
        return BodyResult([], -1, 0, 0)
    elements = with_siblings(scan, sums, container) if siblings else [container]
    # One story among several (stories.py): only its blocks are read.
    low, high = named_story(scan, sums, elements, title) or (0, len(scan.blocks))
    folded_title = fold(title) if title else None
    paragraphs: list[str] = []
    seen: dict[str, int] = {}  # paragraph -> parent element of its first copy
    last_copy: str | None = None  # the paragraph kept last, when a second copy
    link_blocks = text_blocks = 0
    above = 0  # characters kept so far, while no headline was met
    kept: list[int] = []  # block index of each paragraph
    prose_met = False  # a paragraph of LEAD_PROSE_CHARS was kept
    card_meta: list[int] = []  # paragraphs kept before each byline or date line
    comment_marks: list[int] = []  # paragraphs kept before each dropped comment label
    more_labels: set[str] = set()  # MORE_STORIES_RE lines outside lists
    captions: list[str] = []  # credited captions dropped: a gallery's story if nothing else
    stamps: list[str] = []  # date stamps over the story (BodyResult.stamps)
    story_beside: bool | None = None  # asked at the first placeholder paragraph
    # Per list element: whether it holds prose (per table row: unlinked text). Asked
    # once per list, not once per item, so a menu of thousands of links costs linear time.
    mixed: dict[int, bool] = {}
    for element in elements:
        start = max(scan.first_block[element], low)
        end = min(scan.end_block[element], high)
        if start >= end:
            continue
        position = start
        skipped = sorted(
            [
                *excluded_ranges(scan, element, sums),
                *teaser_ranges(scan, sums, element),
                *end_section_ranges(scan, element),
                *control_box_ranges(scan, sums, element),  # b44: consent placeholders
                *caption_ranges(scan, sums, element),  # b45: a caption's paragraphs
                *highlight_box_ranges(scan, sums, element),  # p48: a highlights box
            ]
        )
        for skip_start, skip_end in [*skipped, (end, end)]:
            for index in range(position, min(skip_start, end)):
                block = scan.blocks[index]
                text = block.text
                kept_stamp = False
                if (
                    block.link_chars > len(text) * LINK_DENSITY_DROP
                    and not heads_prose(scan, index, end, skipped)
                    and not in_story_list(scan, sums, block, element)
                    and not in_mixed_list(scan, block, element, mixed)
                    and not in_data_row(scan, block, element, mixed)
                ):
                    link_blocks += 1
                    continue
                if block.tag == "figcaption":
                    continue  # captions are not part of the story's text
                if text[:PLACEHOLDER_CHARS].lower() == PLACEHOLDER:
                    if story_beside is None:
                        story_beside = story_beside_filler(scan, elements, low, high)
                    if story_beside:
                        continue  # template filler left in an unused (often hidden) block
                if is_card_meta(text, scan.date_lines) and not is_date_data(scan, block, element):
                    card_meta.append(len(paragraphs))
                if block.tag not in CELL_TAGS and is_more_stories_label(text):
                    more_labels.add(text)
                if len(text) < FURNITURE_LINE_CHARS and (
                    BOILERPLATE_RE.match(text)
                    or is_locale_label(  # p50: the same labels in other languages
                        text,
                        block.tag in HEADING_TAGS or in_cell(scan, block, element, CELL_TAGS),
                    )
                    or (
                        is_date_line(text, scan.date_lines)
                        and not is_date_data(scan, block, element)
                    )
                    or NO_WORDS_RE.match(text)
                    or READING_TIME_RE.search(text)
                    or is_post_meta(text)
                ):
                    continue
                if is_credited_caption(text):
                    captions.append(text)
                    continue
                if (
                    is_furniture_line(text)
                    or is_disclosure(text)
                    or (is_page_notice(text) and not in_quote(scan, block, element))
                    or (
                        is_access_prompt(text)  # b57; a step in a list: k57
                        and not in_quote(scan, block, element)
                        and not in_cell(scan, block, element, ITEM_TAGS)
                        and (  # a step in a table cell: b58
                            names_what_it_gates(text)
                            or not in_cell(scan, block, element, CELL_TAGS)
                        )
                    )
                    or is_rights_notice(text)
                    or (
                        is_agency_credit(text)
                        and not in_data_table(scan, block, element)
                        and not in_cell(scan, block, element, ITEM_TAGS)
                        and not follows_an_opener(paragraphs)
                    )
                    or (is_share_line(text) and not in_cell(scan, block, element, CELL_TAGS))
                    or (is_viewer_label(text) and not in_cell(scan, block, element, CELL_TAGS))
                    or (is_link_bar(text) and not in_data_table(scan, block, element))
                    or POST_FOOTER_RE.match(text) is not None
                ):
                    continue
                if (
                    not prose_met
                    # A table's or list's figures are data, a timeline's years headings.
                    and block.tag not in CELL_TAGS
                    and block.tag not in HEADING_TAGS
                ):
                    if LEAD_COUNTER_RE.match(text) or is_lead_meta(text, scan.date_lines):
                        continue
                    if is_date_stamp(text) and story_under(scan, index, end):
                        stamps.append(text)
                        if text not in keep_stamps:
                            continue
                        kept_stamp = True
                lead = not prose_met  # no paragraph of LEAD_PROSE_CHARS before this one
                # A kept stamp is no prose (r53b): the lines under it are judged as in the
                # read that dropped it.
                prose_met = prose_met or (len(text) >= LEAD_PROSE_CHARS and not kept_stamp)
                if block.tag in HEADING_TAGS and repeats_title(
                    fold(text),
                    folded_title,
                    block.tag == "h1" and above < ABOVE_HEADLINE_CHARS,
                ):
                    if above < ABOVE_HEADLINE_CHARS:
                        # Section labels, dates, player widgets above the headline.
                        text_blocks -= len(paragraphs)
                        for dropped in paragraphs:
                            seen.pop(dropped, None)
                        paragraphs.clear()
                        kept.clear()  # parallel to ``paragraphs``
                        card_meta.clear()  # its counts were of the paragraphs dropped
                    above = ABOVE_HEADLINE_CHARS  # one headline: later ones are sections
                    continue
                if len(text) < CROSS_LINK_MAX_CHARS and (
                    CROSS_LINK_RE.match(text)
                    or (block.tag not in HEADING_TAGS and is_repeated_byline(text))
                ):
                    continue
                if (
                    len(paragraphs) < LEAD_PARAGRAPHS
                    and block.tag not in HEADING_TAGS
                    and STANDFIRST_RE.search(scan.names[block.element].lower())
                    and label_once(scan, element, block.element)
                ):
                    continue
                if lead and is_subtitle(scan, element, block):
                    continue
                copy = False
                if units(text) >= MIN_DUPLICATE_CHARS and block.tag not in CELL_TAGS:
                    parent = scan.parents[block.element]
                    if text in seen:
                        if seen[text] != parent or (last_copy is not None and last_copy != text):
                            continue
                        copy = True
                    else:
                        seen[text] = parent
                last_copy = text if copy else None
                text_blocks += 1
                above += len(text)
                paragraphs.append(text)
                kept.append(index)
            if skip_start < end and is_comment_label(scan.blocks[skip_start].text):
                comment_marks.append(len(paragraphs))
            position = max(position, skip_end)
    runs = heading_runs(scan, kept)
    ads = sponsored_runs(paragraphs)
    if runs or ads:
        drop = {i for first, last in runs for i in range(first, last)} | ads
        paragraphs = [p for i, p in enumerate(paragraphs) if i not in drop]
        text_blocks -= len(drop)
        # Each mark counts the paragraphs kept before it: minus the dropped ones among them.
        card_meta = [m - sum(1 for i in drop if i < m) for m in card_meta]
        comment_marks = [m - sum(1 for i in drop if i < m) for m in comment_marks]
    cut = min(
        end_label_cut(paragraphs, more_labels),
        card_tail_cut(paragraphs, card_meta),
        comment_label_cut(paragraphs, comment_marks),
    )
    text_blocks -= len(paragraphs) - cut
    # kb42: a gallery's credited captions are its story when nothing else is (a sentence).
    if not cut and any(len(c) >= LEAD_PROSE_CHARS for c in captions):
        paragraphs, cut, text_blocks = captions, len(captions), len(captions)
    return BodyResult(
        paragraphs[:cut],
        container,
        link_blocks,
        text_blocks,
        is_listing(scan, sums, elements),
        tuple(stamps),
    )
