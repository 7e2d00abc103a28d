"""Stage 3 of the body: sub-elements of the container dropped whole.

Decides which parts inside the chosen container are not the story, as whole
elements: named boilerplate (comments, share bars, hidden pop-ups) that is not
most of the container, grids of teaser cards (a linked headline plus an excerpt,
repeated) or one card named for a teaser, and sections opened by an end-of-story
heading ("Related posts", "About the author"). Dropping whole elements here keeps
the line filters of stage 4 from having to recognise every line of a box one by one.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from parsers.body.hidden import (
    CELL_TAGS,
    for_screen_readers,
    hidden_by_class,
    hidden_drop,
    only_hidden,
)
from parsers.body.labels import CONSENT_RE, HARD, SOFT, TAIL, WEAK
from parsers.body.links import LINK_DENSITY_DROP
from parsers.body.listing import headline_cards
from parsers.body.parts import StoryParts
from parsers.body.score import GOOD_LINK_DENSITY, THREAD_RE, Sums
from parsers.scan import HEADING_TAGS, Scan

BOILERPLATE_TAGS = frozenset({"nav", "aside", "footer", "form"})
# A named-boilerplate element inside the container is dropped only when it holds
# less than this share of the container's text (else the names are misleading), but
# a comment thread (score.THREAD_RE) or (b39, category "a consent manager's preference
# centre longer than the story") a consent manager's (labels.CONSENT_RE) that scoring
# judged furniture goes whatever its share: the story's paragraphs and the SDK's centre
# may share one container (straight under <body>).
MAX_DROPPED_SHARE = 0.5
# A WEAK-named element is dropped when less than this share of it is good text.
WEAK_GOOD_SHARE = 0.5
# A TAIL-named element with at most this share of the container's good text after
# it, and under TAIL_WEAK_SHARE of its text, is dropped even when it reads well.
TAIL_GOOD_AFTER = 0.1
TAIL_WEAK_SHARE = 0.3
# Teaser cards ("more stories" grids): an element holding one link line of at least
# TEASER_TITLE_CHARS (the headline) and at most TEASER_CARD_CHARS in all; this many
# such cards under one parent are a teaser list, whatever their class names say.
TEASER_TITLE_CHARS = 20
TEASER_CARD_CHARS = 400
# A card whose headline follows a kicker or date line (within TEASER_LEAD_CHARS) may
# carry a longer excerpt: a story's own linked section headings open their sections
# directly, while teaser grids print the section and date above each headline.
TEASER_LED_CARD_CHARS = 1000
MIN_TEASER_CARDS = 3
# A card list holding more of the container's text than this is the page's content
# (a resource directory, a roundup), not teasers beside it.
TEASER_MAX_SHARE = 0.3
# Category "a teaser of another story, named so" (bt42, fundus's publishers: Welt's
# "c-teaser" inside the story, NDR's "teaser" boxes after it, Stern's "teaser__link",
# rbb24's "manualteaser", MDR, Berliner Zeitung; trafilatura drops every element whose class
# or id says "teaser"): an element of the container whose class or id holds TEASER_NAME,
# holding a linked heading (the other story's headline; a product card's "Browse funds" link
# is no heading), at most TEASER_LED_CARD_CHARS of text and under TEASER_MAX_SHARE of the
# container's, goes even alone. A "teaser" wrapper without a linked heading, or longer, is
# the story's own lead (the Washington Post's "teaser-content" wraps its first paragraphs;
# German sites' "article-teaser" is the standfirst), and named teasers holding
# TEASER_MAX_SHARE of the container together are the page's content (WCXB dev: a hub page's
# Drupal "teaser" cards, an AEM product page's "cmp-teaser" blocks).
TEASER_NAME = "teaser"
# Teasers follow the story: a card list with more than this share of the
# container's good text after it sits inside the story (a listicle's entries).
TEASER_MAX_GOOD_AFTER = 0.25
# A linked heading followed by an unlinked paragraph this long heads a section of
# the story (self-anchored headings, listicle entries linking to the product, a
# company over its figures); a list of linked headings with no text between them
# stays a link list (80 left out short sections on WCXB dev).
PROSE_AFTER_HEADING_CHARS = 25
# The paragraph may come within this many blocks of the heading: a price or rating
# line, or an unlinked sub-heading ("Best for beginners"), often sits between a
# listicle entry's linked title and its text; dropped blocks (a share bar, a
# figure's credit) do not count.
PROSE_AFTER_HEADING_BLOCKS = 3
# Blocks before the headline inside a card (section label, date) stay under this.
TEASER_LEAD_CHARS = 40
# Headings that open a section which is never the story's: everything the heading
# introduces (its section element, or in flat markup the blocks up to the next
# heading) is dropped.
END_HEADING_RE = re.compile(
    r"^(?:related (?:(?:blog |news )?(?:articles|posts|stories)|reading|content|links)|"
    r"you (?:may|might) also (?:like|enjoy)|(?:more )?(?:articles|stories|posts) you (?:may|might) "
    r"(?:also )?(?:like|enjoy)|recommended(?: for you| reading| articles| posts| stories)|"
    r"recent(?: posts| articles)|latest(?: posts| articles| stories)|more (?:from|by) .{1,40}|"
    r"read (?:this )?next|keep reading|what to read next|about the authors?|"
    r"meet the authors?|citations|footnotes|article sources|further reading|"
    r"related (?:reads|topics)|popular (?:articles|posts|stories)|watch next|"
    r"(?:sign up|subscribe) (?:for|to) (?:our|the) .{0,40}newsletters?|"
    # Reading lists, comment threads, product shelves and notices after the story.
    r"more (?:articles|resources)|other (?:related )?(?:posts|articles|stories)"
    r"(?: you.ll (?:love|like|enjoy))?|related (?:publications|products|pages|blog posts)|"
    r"additional reading(?: on .{1,40})?|you (?:may|might) (?:also )?be interested in.{0,40}|"
    r"discussion about this (?:post|article)|meet the testers|featured in this article|"
    r"check out next|disclaimer|"
    # "Related articles that may interest you", "Related market trackers", "More <site> insights".
    r"related (?:[\w-]+ ){0,2}(?:articles|posts|stories|reads|trackers|guides)"
    r"(?: (?:that|you|on|from) .{0,40})?|you (?:may|might) like|more .{1,30} insights)[:.!…]*$",
    re.IGNORECASE,
)
END_HEADING_MAX_CHARS = 60
# Labels over other stories that END_HEADING_RE does not know, printed in any tag
# ("Other popular blogs", "You'll also love...", "What others are reading"): such a
# line (not a list item, under END_HEADING_MAX_CHARS) after END_LABEL_AFTER_SHARE of
# the body's text cuts the body there, like an end-of-story heading. A bare "More
# recipes" may head the story's own last section, so a qualifier is required.
MORE_STORIES_RE = re.compile(
    r"^(?:(?:other|more) (?:(?:popular|great|related|recent|similar) (?:[\w-]+ )?|[\w-]+ )"
    r"(?:blogs?|posts?|articles?|stories|recipes|guides|reads)"
    r"(?: you(?:'ll|’ll| will)? (?:may |might )?(?:also )?(?:enjoy|like|love))?|"
    r"(?:other|more) (?:blogs?|posts?|articles?|stories|recipes|guides|reads)"
    r" you(?:'ll|’ll| will)? (?:may |might )?(?:also )?(?:enjoy|like|love)|"
    r"you(?:'ll|’ll| will)? (?:also )?love|(?:what )?others are reading|"
    r"featured (?:blogs?|posts?|articles?|stories)|"
    r"explore more(?: related)? (?:content|articles|posts|stories)|"
    r"(?:good|more) articles to read(?: together| next)?|today.s .{0,20}favou?rites)\W*$",
    re.IGNORECASE,
)
# Teaser cards announced by such a label or an end-of-story heading (within this many
# blocks before the first card: "More from <site>", then the grid) are other stories
# whatever their share of the container: after a short story they are often the
# longest text on the page.
ANNOUNCED_CARDS_BLOCKS = 2


def excluded_ranges(scan: Scan, container: int, sums: Sums) -> list[tuple[int, int]]:
    """Block ranges of boilerplate sub-elements (comments, share bars) inside the container."""
    start, end = scan.first_block[container], scan.end_block[container]
    total = sums.total(sums.text, start, end)
    good_total = sums.total(sums.good, start, end)
    ranges: list[tuple[int, int]] = []
    # Elements are numbered in document order, so descendants follow the container.
    index = container + 1
    count = len(scan.parents)
    tags = scan.tags
    hidden_names: dict[str, int] = {}  # filled on the first hidden element met
    parts = StoryParts(scan, sums, container)  # r43: the story cut into misnamed parts
    while index < count and scan.first_block[index] < end:
        first, last = scan.first_block[index], scan.end_block[index]
        kind = sums.kinds[index]
        size = sums.total(sums.text, first, last)
        name = scan.names[index]
        if (kind & SOFT and only_hidden(name)) or (
            not kind & (HARD | SOFT) and tags[index] not in CELL_TAGS and hidden_by_class(name)
        ):  # b43: hidden by a utility class (hidden.py), as by the attribute
            drop = hidden_drop(scan, sums, container, index, bool(kind & SOFT), hidden_names)
        elif kind & (HARD | SOFT) or tags[index] in BOILERPLATE_TAGS or for_screen_readers(name):
            # (b43: text for screen readers only, hidden.py, is furniture so too.)
            # A comment thread after the story goes however much of the container
            # it holds (scoring judged it so: score.py, THREAD_RE).
            # r43: a part of the story cut into misnamed parts stays (parts.py).
            drop = (size < total * MAX_DROPPED_SHARE and not parts.holds_part(first, last)) or (
                sums.negative[index]
                and (
                    THREAD_RE.search(lowered := name.lower()) is not None
                    or CONSENT_RE.search(lowered) is not None
                )
            )
        elif kind & WEAK:
            drop = sums.total(sums.good, first, last) < size * WEAK_GOOD_SHARE or (
                # After the story's end (an author box, a tag cloud), good text or not.
                kind & TAIL != 0
                and size < total * TAIL_WEAK_SHARE
                and sums.total(sums.good, last, end) <= good_total * TAIL_GOOD_AFTER
            )
        else:
            drop = False
        if drop and last > first:
            ranges.append((first, last))
            # Skip this element's descendants: their blocks are already excluded.
            index += 1
            while index < count and scan.first_block[index] < last:
                index += 1
            continue
        index += 1
    return ranges


def heads_prose(
    scan: Scan, index: int, end: int, skipped: list[tuple[int, int]] | None = None
) -> bool:
    """Whether block ``index`` is a heading followed (within PROSE_AFTER_HEADING_BLOCKS
    blocks, before ``end`` and the next linked heading) by a prose paragraph: a section
    heading that links to itself (anchor links) or to the thing it names, kept
    although it is all link text. Unlinked sub-headings do not end the search, and
    blocks of ``skipped`` ranges (a figure's credit, a share bar) are passed over."""
    blocks = scan.blocks
    if blocks[index].tag not in HEADING_TAGS:
        return False
    seen = 0
    position = index + 1
    while position < end and seen < PROSE_AFTER_HEADING_BLOCKS:
        skip = next((last for first, last in skipped or () if first <= position < last), None)
        if skip is not None:
            position = skip
            continue
        after = blocks[position]
        if after.tag in HEADING_TAGS:
            if after.link_chars * 2 >= len(after.text):
                return False
        elif (
            len(after.text) >= PROSE_AFTER_HEADING_CHARS
            and after.link_chars < len(after.text) * GOOD_LINK_DENSITY
        ):
            return True
        seen += 1
        position += 1
    return False


def _is_link_line(text: str, link_chars: int) -> bool:
    return link_chars > len(text) * LINK_DENSITY_DROP and len(text) >= TEASER_TITLE_CHARS


def teaser_ranges(scan: Scan, sums: Sums, container: int) -> list[tuple[int, int]]:
    """Block ranges of teaser cards inside the container: repeated small elements,
    each a linked headline plus a line or two (excerpt, date, section).

    A card is the largest element around a link line that holds no other link
    line; the story's own paragraphs are never inside such a small element with a
    headline link, and a listicle's entries are longer than a teaser. A card named
    for a teaser (``_named_teasers``) goes even alone.
    """
    start, end = scan.first_block[container], scan.end_block[container]
    blocks = scan.blocks
    titles = [i for i in range(start, end) if _is_link_line(blocks[i].text, blocks[i].link_chars)]
    if not titles:
        return []
    named = _named_teasers(scan, sums, container, titles)
    if len(titles) < MIN_TEASER_CARDS:
        return named
    parents, first_block, end_block = scan.parents, scan.first_block, scan.end_block
    cards: dict[int, list[int]] = {}
    # Neighbouring link lines bound a card: it may not reach either of them.
    for block_index, element, high in headline_cards(scan, titles, container):
        first, last = first_block[element], end_block[element]
        if last == block_index + 1 and first == block_index:
            # A bare link line is no card (a card wraps an excerpt or a date): the
            # link-line rules decide it, e.g. a source list that also holds prose.
            continue
        if last == block_index + 1 and heads_prose(scan, block_index, high):
            # A bare linked heading over prose heads a section; cards wrap their excerpt.
            continue
        lead = sums.total(sums.text, first, block_index)
        if lead <= TEASER_LEAD_CHARS and sums.total(sums.text, first, last) <= (
            TEASER_LED_CARD_CHARS if lead else TEASER_CARD_CHARS
        ):
            cards.setdefault(parents[element], []).append(element)
    limit = TEASER_MAX_SHARE * sums.total(sums.text, start, end)
    good_limit = TEASER_MAX_GOOD_AFTER * sums.total(sums.good, start, end)
    ranges: list[tuple[int, int]] = []
    for group in cards.values():
        spans = [(first_block[card], end_block[card]) for card in group]
        if (
            len(group) >= MIN_TEASER_CARDS
            and (
                sum(sums.total(sums.text, first, last) for first, last in spans) < limit
                or _announced(scan, start, spans[0][0])
            )
            and sums.total(sums.good, spans[-1][1], end) <= good_limit
        ):
            ranges.extend(spans)
    return ranges + named


def _named_teasers(
    scan: Scan, sums: Sums, container: int, titles: list[int]
) -> list[tuple[int, int]]:
    """Block ranges of elements named for a teaser (TEASER_NAME) that hold one of the
    link lines ``titles`` and little text: one other story's card, even alone."""
    start, end = scan.first_block[container], scan.end_block[container]
    limit = min(TEASER_LED_CARD_CHARS, TEASER_MAX_SHARE * sums.total(sums.text, start, end))
    names, first_block, end_block = scan.names, scan.first_block, scan.end_block
    # The link lines that are headings, in order: one bisection per named element (kg42:
    # scanning every link line for each was quadratic, 16,000 named cards cost 3.7 s).
    heads = [title for title in titles if scan.blocks[title].tag in HEADING_TAGS]
    ranges: list[tuple[int, int]] = []
    named = 0.0  # text of all elements named so, each counted once
    index, count = container + 1, len(names)
    while index < count and first_block[index] < end:
        first, last = first_block[index], end_block[index]
        if TEASER_NAME in names[index].lower():
            size = sums.total(sums.text, first, last)
            named += size
            head = bisect_left(heads, first)
            if size <= limit and head < len(heads) and heads[head] < last:
                ranges.append((first, last))
            index += 1
            while index < count and first_block[index] < last:
                index += 1  # its descendants are inside it
            continue
        index += 1
    if named >= TEASER_MAX_SHARE * sums.total(sums.text, start, end):
        return []
    return ranges


def _announced(scan: Scan, start: int, first: int) -> bool:
    """Whether a "More from ..." style label sits just before block ``first`` (a card
    list's first block), no further back than the container's first block ``start``."""
    blocks = scan.blocks
    for index in range(first - 1, max(first - 1 - ANNOUNCED_CARDS_BLOCKS, start - 1), -1):
        text = blocks[index].text
        if text:
            return len(text) <= END_HEADING_MAX_CHARS and (
                END_HEADING_RE.match(text) is not None or MORE_STORIES_RE.match(text) is not None
            )
    return False


def end_section_ranges(scan: Scan, container: int) -> list[tuple[int, int]]:
    """Block ranges introduced by a heading such as "Related posts" or "About the author"."""
    start, end = scan.first_block[container], scan.end_block[container]
    blocks, parents = scan.blocks, scan.parents
    first_block, end_block = scan.first_block, scan.end_block
    ranges: list[tuple[int, int]] = []
    for index in range(start, end):
        block = blocks[index]
        if (
            block.tag not in HEADING_TAGS
            or len(block.text) > END_HEADING_MAX_CHARS
            or not END_HEADING_RE.match(block.text)
        ):
            continue
        if index == start or block.element == container:
            # A story that opens with such a heading is that section, not followed by it.
            continue
        # The section: the largest element inside the container that opens with the heading.
        element = block.element
        while (
            (parent := parents[element]) >= 0
            and parent != container
            and (first_block[parent] == index)
        ):
            element = parent
        last = end_block[element]
        if last == index + 1:
            # Flat markup: the heading's section runs to the next heading.
            parent = parents[element]
            parent_end = end_block[parent] if 0 <= parent != container else end
            last = index + 1
            while last < parent_end and blocks[last].tag not in HEADING_TAGS:
                last += 1
        ranges.append((index, last))
    return ranges


def is_more_stories_label(text: str) -> bool:
    """A short line introducing other stories (MORE_STORIES_RE)."""
    return len(text) <= END_HEADING_MAX_CHARS and MORE_STORIES_RE.match(text) is not None
