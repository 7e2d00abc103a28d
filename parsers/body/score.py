"""Stage 2 of the body: score the blocks and choose the container.

Decides which element holds the story: the one whose good text (sentences, not
links, not furniture, not a second copy of the story) outweighs the links and
short lines it also holds, weighed mildly by its names and tag; then whether a
descendant holding most of that text is the story's own wrapper, and which
sibling elements are more of the same story (pages that split it per section).
Scoring by text, not by markup, is what holds up across site templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.body.labels import CONSENT_RE, CONTENT_TAGS, HARD, POSITIVE, SOFT, label_kinds
from parsers.body.lines import RIGHTS_NOTICE_MAX_CHARS, is_rights_notice
from parsers.scan import HEADING_TAGS, Block, Scan

# A block shorter than this is a label, not a paragraph, for scoring purposes.
MIN_SCORED_CHARS = 25
GOOD_LINK_DENSITY = 0.33
# Costs of link text and furniture text against good text when choosing the container.
LINK_COST = 1.5
SHORT_COST = 0.25
NEGATIVE_FACTOR = 0.6
POSITIVE_FACTOR = 1.5
MAX_FACTOR = POSITIVE_FACTOR * POSITIVE_FACTOR
# The chosen container gives way to a descendant holding this share of its good text
# when the descendant scores higher with the class factor capped at POSITIVE_FACTOR:
# an <article> or <main> that is also named "content" must not outscore, on its two
# bonuses alone, the story's own wrapper inside it that leaves out its asides.
INNER_GOOD_SHARE = 0.6
# A sibling of the container joins the body when it scores this share of the
# container and is nearly all good text (0.5 left out whole sections on WCXB dev;
# 0.15 let in sidebars).
SIBLING_SCORE_SHARE = 0.25
SIBLING_GOOD_SHARE = 0.7
SIBLING_LINK_DENSITY = 0.2
# This many paragraphs repeated in the same order are a second copy of the story
# (mobile and desktop renderings): counted once when scoring, so the element
# holding both copies does not outscore the story's own wrapper. Fewer repeats
# are per-item notes of a list ("provided courtesy of ...") and count each time;
# so do repeats under MIN_COPY_CHARS in all: a menu drawn twice (mobile and
# desktop navigation) repeats a few short descriptions, not a story.
MIN_COPY_RUN = 3
MIN_COPY_CHARS = 600
# Category "a widget in the sidebar or footer outscoring a short story": an element
# inside a SOFT-named ancestor (sidebar, footer, share bar) or an <aside>, <footer>
# or <nav> is page furniture by where it sits, whatever its own name says ("text
# widget", "recent posts"); it is weighed like a SOFT-named element. An ancestor
# holding at least FURNITURE_MAX_SHARE of the page's text is a misnamed wrapper.
# Category "a sidebar widget that is itself an <aside>" (a44: WordPress themes wrap each
# widget so, <aside id="text-2" class="widget widget_text">, in a column with no
# furniture name): such an element's own story word ("text", "content") earns it no
# bonus, so a long text widget does not outscore a short story beside it. Weighing it
# as SOFT (as its ancestors' tag would) served the same pages and moved two more of
# dev + second: the bonus alone is cancelled (the tag's text stays good text).
FURNITURE_TAGS = frozenset({"aside", "footer", "nav"})
FURNITURE_MAX_SHARE = 0.5
# A HARD-named element holding this share of the page's text is a misnamed wrapper
# (the story inside a "newsletter-post" or an unclosed popup), not boilerplate, unless
# (category "a consent manager's preference centre longer than the story", b39) its name
# is a consent manager's (``labels.CONSENT_RE``: OneTrust, Optanon) and it follows the
# story: a centre of 1,200 characters after a story of 750 is still no story. The SDK
# appends its centre to the page, after the story; a wrapper named so by chance (a tag
# slug, a theme's column, a page left inside an overlay, k39) has no story before it:
# STORY_BEFORE_CONSENT_CHARS of prose before the element decide, as for comment threads
# (a brief's one paragraph is enough; a site's tagline in the header is shorter) ...
MISNAMED_MIN_SHARE = 0.5
STORY_BEFORE_CONSENT_CHARS = 100
# ... except (category "pages whose story sits beside long comments") a comment
# thread after the story: on a blog post with dozens of replies the thread holds most
# of the page, and read as good text it outscored the story, whose own wrapper was
# then dropped as furniture. Comments follow what they discuss, so a thread-named
# element with this much prose (blocks of MIN_SCORED_CHARS, few links) before it on
# the page stays comments, however long; a wrapper around the story has none before it.
# Category "comment threads whose name also holds a story word" ("comment-body",
# "user-post-box comment-box"): the prose before such an element decides, not the
# story word, which otherwise kept the thread as content however short.
THREAD_RE = re.compile(r"(?:^|[\s_-])comments?(?:$|[\s_-])|commentlist|disqus")
STORY_BEFORE_THREAD_CHARS = 500
# Category "a short story against the site's rights notice" (c45): an element whose good
# text is all rights notices (``lines.is_rights_notice``: "Copyright ... All rights
# reserved", "記事・写真の無断転載を禁じます") scores no good text. Asahi Shimbun's footer
# prints 181 characters of them, unlinked, and outscored a story of one paragraph whose
# place names are topic links. Asked only of elements with at most RIGHTS_ONLY_MAX_CHARS
# of good text (two notices), so a page's large elements cost nothing.
RIGHTS_ONLY_MAX_CHARS = 2 * RIGHTS_NOTICE_MAX_CHARS


@dataclass(frozen=True, slots=True)
class Sums:
    """Prefix sums over the blocks (element ``i`` holds blocks ``first..end``), and
    per element its label bits and whether it sits in a comment thread or the like."""

    text: list[int]
    good: list[int]
    links: list[int]
    short: list[int]
    negative: list[bool]
    kinds: list[int]
    # Per element: inside a SOFT-named or furniture-tagged ancestor (FURNITURE_TAGS).
    furnished: list[bool]

    def total(self, series: list[int], first: int, end: int) -> int:
        """Sum of ``series`` over blocks ``first..end``."""
        return series[end] - series[first]


def prefix_sums(scan: Scan) -> Sums:
    """One pass over the blocks: characters of all, good, link and furniture text.

    Text inside comment threads, related-story boxes and the like is furniture
    here, so a long comment thread cannot outscore the story it follows.
    """
    text = [0]
    for block in scan.blocks:
        text.append(text[-1] + len(block.text))
    kinds = label_kinds(scan)
    negative = _hard_negative_elements(scan, kinds, text)
    good, links, short = [0], [0], [0]
    g = k = f = 0
    copies = _copied_blocks(scan)
    for index, block in enumerate(scan.blocks):
        size = len(block.text)
        k += block.link_chars
        if block.tag == "h1":
            pass  # the headline: it sits outside the body as often as inside
        elif negative[block.element]:
            f += size - block.link_chars
        elif size >= MIN_SCORED_CHARS and block.link_chars < size * GOOD_LINK_DENSITY:
            if copies[index]:
                f += size  # a second copy of the story is furniture beside the first
            else:
                g += size - block.link_chars
        elif block.link_chars * 2 < size and block.tag not in HEADING_TAGS:
            f += size
        good.append(g)
        links.append(k)
        short.append(f)
    return Sums(text, good, links, short, negative, kinds, _furnished_elements(scan, kinds, text))


def _copied_blocks(scan: Scan) -> list[bool]:
    """Per block: part of a second copy of a run of paragraphs (the whole story
    rendered twice, for mobile and desktop), which must not count twice.

    Headings ride along with a run but do not make one: a table of contents
    repeats the story's headings without being a copy of it.
    """
    blocks = scan.blocks
    flags = [False] * len(blocks)
    first_seen: dict[str, int] = {}
    run: list[int] = []
    paragraphs = 0  # non-heading blocks in ``run``
    last_first = -1
    for index, block in enumerate(blocks):
        if len(block.text) < MIN_SCORED_CHARS:
            continue
        first = first_seen.setdefault(block.text, index)
        if first == index:
            continue
        if block.tag in HEADING_TAGS:
            run.append(index)
            continue
        if first <= last_first:
            _flag_copy(run, paragraphs, blocks, flags)
            run, paragraphs = [], 0
        run.append(index)
        paragraphs += 1
        last_first = first
    _flag_copy(run, paragraphs, blocks, flags)
    return flags


def _flag_copy(run: list[int], paragraphs: int, blocks: list[Block], flags: list[bool]) -> None:
    """Mark the blocks of ``run`` as a copy when it is long enough to be the story's."""
    if paragraphs >= MIN_COPY_RUN and sum(len(blocks[i].text) for i in run) >= MIN_COPY_CHARS:
        for i in run:
            flags[i] = True


def _hard_negative_elements(scan: Scan, kinds: list[int], text_before: list[int]) -> list[bool]:
    """Per element: inside (or being) a comment thread, related box, popup...

    Story wrappers sometimes carry such words too ("newsletter-post", markup
    left open inside a popup), so elements that look like content or hold
    most of the page's text are never flagged. Parents are numbered before
    their children, so one forward pass suffices.
    """
    page_chars = text_before[-1]
    prose_before: list[int] = []  # filled when a long thread-named element is met
    flags: list[bool] = []
    for index, parent in enumerate(scan.parents):
        if parent >= 0 and flags[parent]:
            flags.append(True)
            continue
        first = scan.first_block[index]
        kind = kinds[index]
        flags.append(
            kind & HARD != 0
            and scan.tags[index] not in CONTENT_TAGS
            and (
                (
                    kind & POSITIVE == 0
                    and (
                        text_before[scan.end_block[index]] - text_before[first]
                        < page_chars * MISNAMED_MIN_SHARE
                        or (
                            CONSENT_RE.search(scan.names[index].lower()) is not None
                            and _prose_before(scan, prose_before)[first]
                            >= STORY_BEFORE_CONSENT_CHARS
                        )
                    )
                )
                or (
                    # With a story word too ("comment-body"): see THREAD_RE.
                    THREAD_RE.search(scan.names[index].lower()) is not None
                    and _prose_before(scan, prose_before)[first] >= STORY_BEFORE_THREAD_CHARS
                )
            )
        )
    return flags


def _prose_before(scan: Scan, series: list[int]) -> list[int]:
    """Characters of prose blocks (MIN_SCORED_CHARS, under GOOD_LINK_DENSITY link
    text) before each block, filled into ``series`` on the first call."""
    if not series:
        series.append(0)
        for block in scan.blocks:
            size = len(block.text)
            prose = size >= MIN_SCORED_CHARS and block.link_chars < size * GOOD_LINK_DENSITY
            series.append(series[-1] + (size if prose else 0))
    return series


def _furnished_elements(scan: Scan, kinds: list[int], text_before: list[int]) -> list[bool]:
    """Per element: inside a sidebar, footer or other furniture (FURNITURE_TAGS), not
    counting the element's own name. Parents come first, so one forward pass."""
    limit = text_before[-1] * FURNITURE_MAX_SHARE
    first_block, end_block, tags = scan.first_block, scan.end_block, scan.tags
    flags: list[bool] = []
    for parent in scan.parents:
        flags.append(
            parent >= 0
            and (
                flags[parent]
                or (
                    (kinds[parent] & SOFT != 0 or tags[parent] in FURNITURE_TAGS)
                    and text_before[end_block[parent]] - text_before[first_block[parent]] < limit
                )
            )
        )
    return flags


def class_factor(scan: Scan, sums: Sums, index: int) -> float:
    """Mild preference from class/id names, semantic tags and where the element sits
    (never decisive alone)."""
    factor = 1.0
    kind = sums.kinds[index]
    if kind & (HARD | SOFT) or sums.furnished[index]:
        factor *= NEGATIVE_FACTOR
    if kind & POSITIVE and not _furniture_tagged(scan, sums, index):
        factor *= POSITIVE_FACTOR
    if scan.tags[index] in ("article", "main"):
        factor *= POSITIVE_FACTOR
    return factor


def _furniture_tagged(scan: Scan, sums: Sums, index: int) -> bool:
    """Whether element ``index`` is itself furniture by its tag (FURNITURE_TAGS), holding
    under FURNITURE_MAX_SHARE of the page's text (more is a misnamed wrapper)."""
    if scan.tags[index] not in FURNITURE_TAGS:
        return False
    size = sums.total(sums.text, scan.first_block[index], scan.end_block[index])
    return size < sums.text[-1] * FURNITURE_MAX_SHARE


def _raw_score(scan: Scan, sums: Sums, index: int) -> float:
    """Good text less the cost of the links and furniture beside it."""
    first, end = scan.first_block[index], scan.end_block[index]
    cost = LINK_COST * sums.total(sums.links, first, end)
    cost += SHORT_COST * sums.total(sums.short, first, end)
    good = sums.total(sums.good, first, end)
    if 0 < good <= RIGHTS_ONLY_MAX_CHARS and _rights_only(scan, sums, first, end):
        return -cost
    return good - cost


def _rights_only(scan: Scan, sums: Sums, first: int, end: int) -> bool:
    """Whether every block of good text in ``first..end`` is a rights notice."""
    good = sums.good
    for index in range(first, end):
        if good[index + 1] > good[index] and not is_rights_notice(scan.blocks[index].text):
            return False
    return True


def _score(scan: Scan, sums: Sums, index: int) -> float:
    return _raw_score(scan, sums, index) * class_factor(scan, sums, index)


def element_score(scan: Scan, sums: Sums, index: int) -> float:
    """What element ``index`` scores as a container (good text less costs, weighed)."""
    return _score(scan, sums, index)


def best_container(scan: Scan, sums: Sums) -> int:
    """Element whose good text outweighs the links and furniture it also holds."""
    best, best_score = -1, 0.0
    first_block, end_block, good = scan.first_block, scan.end_block, sums.good
    for index in range(len(first_block)):
        gained = good[end_block[index]] - good[first_block[index]]
        if gained * MAX_FACTOR <= best_score:
            continue  # cannot win even with every bonus
        score = _score(scan, sums, index)
        # ">=": on a tie the later (deeper) element wins, it holds less furniture.
        if score >= best_score and score > 0:
            best, best_score = index, score
    return _inner_container(scan, sums, best) if best >= 0 else best


def _inner_container(scan: Scan, sums: Sums, container: int) -> int:
    """The element holding most of ``container``'s good text (itself or a descendant)
    that scores best with the class factor capped: compounded bonuses (tag and name)
    may choose among rivals, not between a wrapper and the story inside it."""
    first_block, end_block, good = scan.first_block, scan.end_block, sums.good
    end = end_block[container]
    limit = INNER_GOOD_SHARE * (good[end] - good[first_block[container]])
    best, best_score = container, _capped_score(scan, sums, container)
    index = container + 1
    count = len(first_block)
    while index < count and first_block[index] < end:
        if good[end_block[index]] - good[first_block[index]] >= limit:
            score = _capped_score(scan, sums, index)
            if score > best_score:
                best, best_score = index, score
        index += 1
    return best


def _capped_score(scan: Scan, sums: Sums, index: int) -> float:
    """``_score`` with at most one bonus (the tag's or the name's)."""
    factor = min(class_factor(scan, sums, index), POSITIVE_FACTOR)
    return _raw_score(scan, sums, index) * factor


def with_siblings(scan: Scan, sums: Sums, container: int) -> list[int]:
    """``container`` plus sibling elements that are clearly more of the story.

    Some pages split the text over sibling sections (one per heading); the best
    single element then holds only one of them. Wrappers holding just the
    container are climbed first. Siblings join when they read well and score
    near the container.
    """
    node = container
    parents, first_block, end_block = scan.parents, scan.first_block, scan.end_block
    while parents[node] >= 0 and _only_adds_heading(scan, parents[node], node):
        node = parents[node]
    parent = parents[node]
    if parent < 0:
        return [container]
    threshold = SIBLING_SCORE_SHARE * _score(scan, sums, container)
    siblings: list[int] = []
    end = end_block[parent]
    for index in range(parent + 1, len(parents)):
        if first_block[index] >= end:
            break
        if parents[index] == parent:
            siblings.append(index)
    joined: list[int] = []
    for index in siblings:
        first, last = first_block[index], end_block[index]
        size = sums.total(sums.text, first, last)
        if index == node:
            joined.append(container)
        elif (
            size > 0
            and not sums.negative[index]
            and not (sums.kinds[index] & SOFT or scan.tags[index] in FURNITURE_TAGS)
            and sums.total(sums.good, first, last) >= size * SIBLING_GOOD_SHARE
            and sums.total(sums.links, first, last) < size * SIBLING_LINK_DENSITY
            and _score(scan, sums, index) >= threshold
        ):
            joined.append(index)
    return joined


def _only_adds_heading(scan: Scan, parent: int, node: int) -> bool:
    """Whether ``parent`` holds nothing but ``node`` and a heading before it (a
    section: its title, then the wrapper of its text)."""
    first, end = scan.first_block[parent], scan.end_block[parent]
    inner = scan.first_block[node]
    if end != scan.end_block[node] or inner - first > 1:
        return False
    return inner == first or scan.blocks[first].tag in HEADING_TAGS
