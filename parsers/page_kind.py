"""Page kind: "article", "listing" (an index of other stories) or "empty".

``parsers/body/listing.py`` finds teaser items inside the chosen text; this module
weighs the whole page: headline-like links against the body's own text, and a body
that is mostly link lines with short snippets. A declared article (og:type, JSON-LD)
overrules both.

Category "a list of dated links" (a section front or archive whose every line is a
headline link with its date beside it: ``<li><a>...</a> 2019-11-16</li>``,
``国务院常务会议部署稳就业措施（11月16日）``, ``Minister opens bridge 16.11.2019 14:30``):
the date is text outside the link, so such a line fell below the link-density share
that makes a line a headline link, most of all with short CJK headlines, and the list
was read as the story. A line whose text outside the link is only a date or time
stamp (and brackets or separators) counts as a headline link here.

Category "a short story beside a related-links block" (a one-paragraph brief, its
headline and date, then "Related", "See also" or "More from ..." with 20 or more
headline links, often dated: news agencies' briefs, blog posts with a related-posts
widget): the links outweighed the story's text and the page was read as a listing,
so the story was never stored. When the body holds a paragraph of prose, headline
links inside an ``<aside>``, an element named as related or more stories, or after
a heading that announces them do not count against it. A section front or tag page
keeps its own teaser links, which are none of these.

Category "a short post under its headline beside a blogroll" (blog posts of one or
two paragraphs, 2008-2012 templates: a blogroll, an archive list, "Recent posts" and
the navigation in columns beside the post, with no related marker): when the body's
first paragraph follows a heading that repeats the title (linked to the post or not),
with at most a date, byline or tag line between and no headline link, the post is
under its own headline, and only the headline links of its column count against it:
the parent of the smallest element holding the headline and the body. Links in other
columns are the site's.
A section front's or tag page's headline sits over its own list (a headline link
comes next), and an intro paragraph under it shares its column with the list.
"""

from __future__ import annotations

import re

from parsers.article import ArticleKind
from parsers.body import BodyResult
from parsers.body.listing import cjk_headline
from parsers.metadata import PageMeta, fold
from parsers.scan import HEADING_TAGS, Block, Scan

# A page whose chosen text is mostly link lists is an index, not a story.
LISTING_MIN_LINK_BLOCKS = 10
LISTING_LINK_TEXT_RATIO = 2.0
LISTING_MAX_BODY_CHARS = 5000
LISTING_MAX_SNIPPET_CHARS = 300
# ... unless the body holds this many paragraphs of this many characters: a short
# story on a page of many links (a portal's sidebars) is still a story.
LISTING_MAX_PROSE_PARAGRAPHS = 2
LISTING_PROSE_CHARS = 100
ARTICLE_OG_TYPES = ("article", "news", "blog")
# A headline-like link: this share of its line is link text, and 20+ characters with
# 3+ words, or a headline's worth of Han, kana or hangul.
HEADLINE_LINK_SHARE = 0.6
HEADLINE_CHARS = 20

_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?")
# Date and time stamps as list lines print them. Bounded: every part has a fixed width.
DATE_STAMP_RE = re.compile(
    r"\d{4}\s{0,2}[-/.年년]\s{0,2}\d{1,2}\s{0,2}[-/.月월]\s{0,2}\d{1,2}\s{0,2}[日일]?"
    r"|\d{1,2}\s{0,2}[-/.]\s{0,2}\d{1,2}\s{0,2}[-/.]\s{0,2}\d{2,4}"
    r"|\d{1,2}\s{0,2}[月월]\s{0,2}\d{1,2}\s{0,2}[日일]"
    rf"|\d{{1,2}}\s{{0,2}}{_MONTH}\s{{0,2}}\d{{4}}|{_MONTH}\s{{0,2}}\d{{1,2}},?\s{{0,2}}\d{{4}}"
    r"|(?<!\d)\d{1,2}[-/]\d{1,2}(?![\d/-])"
    r"|\d{1,2}:\d{2}(?::\d{2})?",
    re.IGNORECASE,
)
# Characters beside the link and the stamp: brackets, a separator, spaces.
STAMP_FRAME_CHARS = 4
# A class or id that names a block of links to other stories ("related-posts",
# "jp-relatedposts", "more-from", "see-also", "recommended").
RELATED_NAME_RE = re.compile(
    r"related|see-?also|also-?read|read-?also|more-?(?:from|stories|news|on|in)\b|recommend",
    re.IGNORECASE,
)
# A heading that announces such a block ("Related", "More from BelTA", "See also").
RELATED_HEADING_RE = re.compile(
    r"(?:related|see also|read also|also read|more (?:from|stories|news|on|in)|"
    r"you (?:may|might) also like|recommended)\b",
    re.IGNORECASE,
)
RELATED_HEADING_CHARS = 60
# Blocks between a post's headline and its first paragraph: a date, a byline, tags.
POST_HEADLINE_GAP = 5


def _undated(text: str) -> tuple[str, int]:
    """``text`` without its date and time stamps, and how many characters they took."""
    stamps = sum(len(m.group()) for m in DATE_STAMP_RE.finditer(text))
    return (DATE_STAMP_RE.sub(" ", text) if stamps else text), stamps


def _dated_link(block: Block) -> bool:
    """Whether the block is a headline link whose only other text is a date stamp."""
    if not block.link_chars or not any(c.isdigit() for c in block.text):
        return False
    rest, stamps = _undated(block.text)
    if not stamps:
        return False
    # Outside the link and the stamps: brackets, a separator, spaces at most.
    outside = len(block.text) - block.link_chars - stamps
    return outside <= STAMP_FRAME_CHARS and (
        (block.link_chars >= HEADLINE_CHARS and len(rest.split()) >= 3) or cjk_headline(rest)
    )


def _headline_link(block: Block) -> bool:
    """Mostly link text, several words (or CJK characters), or a dated headline link."""
    text = block.text
    return (
        block.link_chars >= len(text) * HEADLINE_LINK_SHARE
        and ((block.link_chars >= HEADLINE_CHARS and text.count(" ") >= 2) or cjk_headline(text))
    ) or _dated_link(block)


def _related_blocks(scan: Scan, container: int) -> set[int]:
    """Blocks inside a related-links block (see the module docstring); none when
    the body's container is inside one (then it is the page's own text)."""
    tags, names, parents = scan.tags, scan.names, scan.parents
    related = [False] * len(tags)
    for index, tag in enumerate(tags):  # a parent comes before its children
        parent = parents[index]
        related[index] = (tag == "aside" or bool(RELATED_NAME_RE.search(names[index]))
                          or (parent >= 0 and related[parent]))
    if container >= 0 and related[container]:
        return set()
    own = (range(scan.first_block[container], scan.end_block[container]) if container >= 0
           else range(0))
    found = {n for n, b in enumerate(scan.blocks) if related[b.element]}
    for n, block in enumerate(scan.blocks):
        if (block.tag in HEADING_TAGS and len(block.text) <= RELATED_HEADING_CHARS
                and RELATED_HEADING_RE.match(block.text)):
            # What follows the heading inside its parent, unless the story does.
            parent = parents[block.element]
            end = scan.end_block[parent] if parent >= 0 else len(scan.blocks)
            if not (n < own.stop and own.start < end and own.start > n):
                found.update(range(n + 1, end))
    return found


def _post_column(scan: Scan, body: BodyResult, title: str | None) -> range | None:
    """Blocks of the column holding a post under its own headline (see the module
    docstring), or None when the body's first paragraph does not follow one."""
    if not title or body.container < 0 or not body.paragraphs:
        return None
    blocks, parents = scan.blocks, scan.parents
    low, high = scan.first_block[body.container], scan.end_block[body.container]
    start = next((n for n in range(low, high) if blocks[n].text == body.paragraphs[0]), -1)
    folded = fold(title)
    head = -1
    for n in range(start - 1, max(start - 2 - POST_HEADLINE_GAP, -1), -1):
        block = blocks[n]
        if fold(block.text) == folded and (
            block.tag in HEADING_TAGS or block.link_chars * 2 < len(block.text)
        ):
            head = n  # a post's heading often links to the post itself
            break
        if _headline_link(block):
            return None  # a list's link comes first: the heading is the list's
    if start < 0 or head < 0:
        return None
    # The smallest element holding the headline and the body, then its parent.
    element = blocks[head].element
    while element >= 0 and not (scan.first_block[element] <= low < high <= scan.end_block[element]):
        element = parents[element]
    if element < 0 or parents[element] < 0:
        return None
    column = parents[element]
    return range(scan.first_block[column], scan.end_block[column])


def page_kind(
    body: BodyResult, body_text: str, meta: PageMeta, scan: Scan, title: str | None = None
) -> ArticleKind:
    """"listing" for index pages (many headline links, little own text), "empty", "article"."""
    og_type = (meta.first("og:type") or "").lower()
    declared_article = bool(meta.ld_main) or og_type.startswith(ARTICLE_OG_TYPES)
    if body.listing and not declared_article:
        return "listing"  # teaser items, however long (parsers/body/listing.py)
    # Two paragraphs of prose, or one longer than a teaser's snippet, are a story,
    # however many headline links surround it.
    prose = sum(
        LISTING_MAX_PROSE_PARAGRAPHS if len(p) > LISTING_MAX_SNIPPET_CHARS else 1
        for p in body.paragraphs
        if len(p) >= LISTING_PROSE_CHARS
    )
    if (
        not declared_article
        and len(body_text) < LISTING_MAX_BODY_CHARS
        and prose < LISTING_MAX_PROSE_PARAGRAPHS
    ):
        # A story of one paragraph: links to related stories are not its rivals.
        aside = _related_blocks(scan, body.container) if prose else set()
        column = (_post_column(scan, body, title) if prose else None) or range(len(scan.blocks))
        headline_chars = sum(b.link_chars for n, b in enumerate(scan.blocks)
                             if n in column and n not in aside and _headline_link(b))
        if headline_chars > LISTING_LINK_TEXT_RATIO * len(body_text):
            return "listing"
        # A dated headline link the body kept as text is a link line all the same.
        kept = set(body.paragraphs)
        dated = 0
        if body.container >= 0:
            first, end = scan.first_block[body.container], scan.end_block[body.container]
            dated = sum(1 for b in scan.blocks[first:end] if b.text in kept and _dated_link(b))
        link_blocks, text_blocks = body.link_blocks + dated, body.text_blocks - dated
        # Teasers: a headline link and a short snippet each.
        if (
            link_blocks >= LISTING_MIN_LINK_BLOCKS
            and link_blocks >= text_blocks
            and len(body_text) < LISTING_MAX_SNIPPET_CHARS * max(text_blocks, 1)
        ):
            return "listing"
    return "article" if body_text.strip() else "empty"
