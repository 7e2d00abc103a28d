"""The story's head: what over the story's first paragraphs is not the story.

Asked by ``extract_body`` as it walks the container: the headline printed again in
the body (a heading equal to the title, or near the start the untrimmed <h1> the
title was cut from), a subtitle or dek set as a heading, the short lines above the
headline, and template filler ("Lorem ipsum") beside a story in real words. Moved
out of ``parsers/body/__init__.py`` unchanged (lead, 2026-12-05), which had grown past
400 lines.
"""

from __future__ import annotations

import re

from parsers.body.lines import is_placeholder_prose
from parsers.scan import Block, Scan

# The title extractor may trim the <h1> ("Headline | Section", a date prefix): an
# <h1> near the body's start that starts or ends with a title this long (folded
# characters) is that headline.
MIN_TRIMMED_TITLE_CHARS = 15
# Short lines before the headline (kicker, date, breadcrumb) are not the story;
# more text than this there is a standfirst or story set above a repeated title
# (and an <h1> after it is no longer "near the start").
ABOVE_HEADLINE_CHARS = 200
# Category "template filler beside a story": a paragraph opening so, in a container
# that also holds a story in real words (STORY_BESIDE_FILLER_CHARS of prose in lines
# of STORY_LINE_CHARS that lines.is_placeholder_prose does not call filler; headings
# and labels like "Sample post" are shorter), is an unused template block, not
# the story's. Where all the prose is filler (a template or test page set in
# placeholder words), it is the text the page prints and stays.
PLACEHOLDER = "lorem ipsum"
PLACEHOLDER_CHARS = len(PLACEHOLDER)
STORY_BESIDE_FILLER_CHARS = 100
STORY_LINE_CHARS = 40
# A subtitle set in a heading tag under the headline (class "subtitle", "subheadline",
# "article-subtitle") is a standfirst too, when it comes before the story's first
# paragraph of LEAD_PROSE_CHARS; STANDFIRST_RE's other words ("summary", "intro",
# "subheading") also name the story's own opening sections, so only these count for
# headings. "Dek" may close a compound class word ("ArticleDek_root", "ContentHeaderDek").
SUBTITLE_RE = re.compile(r"sub-?title|sub-?headline|standfirst|dek(?=[\s_-]|$)")


def story_beside_filler(scan: Scan, elements: list[int], low: int, high: int) -> bool:
    """Whether the blocks read hold a paragraph of story in real words beside the
    placeholder text."""
    story = 0
    for element in elements:
        for block in scan.blocks[
            max(scan.first_block[element], low) : min(scan.end_block[element], high)
        ]:
            text = block.text
            if len(text) >= STORY_LINE_CHARS and not is_placeholder_prose(text):
                story += len(text)
                if story >= STORY_BESIDE_FILLER_CHARS:
                    return True
    return False


def label_once(scan: Scan, container: int, element: int) -> bool:
    """Whether no other element inside ``container`` carries ``element``'s class and
    id text: a standfirst is one of a kind, an item description of a list is not."""
    name, names, first_block = scan.names[element], scan.names, scan.first_block
    end = scan.end_block[container]
    index = container + 1
    while index < len(names) and first_block[index] < end:
        if index != element and names[index] == name:
            return False
        index += 1
    return True


def is_subtitle(scan: Scan, container: int, block: Block) -> bool:
    """Whether ``block`` is the one element inside ``container`` named as a subtitle
    or dek (SUBTITLE_RE), heading tag or not."""
    return SUBTITLE_RE.search(scan.names[block.element].lower()) is not None and label_once(
        scan, container, block.element
    )


def repeats_title(folded: str, folded_title: str | None, leading: bool) -> bool:
    """Whether a heading (folded) is the headline: the title itself anywhere, or near
    the body's start the untrimmed <h1> the title was cut from."""
    if not folded_title:
        return False
    if folded == folded_title:
        return True
    return (
        leading
        and len(folded_title) >= MIN_TRIMMED_TITLE_CHARS
        and (folded.startswith(folded_title) or folded.endswith(folded_title))
    )
