"""Whether a page's <title> names the site (or a section) rather than the story.

``headline_blocks.opening_headline`` replaces a <title> that is the page's only title by
the line opening the story's block; that is right only when <title> names the outlet
("National Hockey League", "Bloomberg.com: Japan", "Asharq Alawsat Newspaper (English)")
and wrong when it is the story's own headline, worded otherwise than anything printed
(k47: "Israeli raid leaves eleven dead" over a block opening "From our correspondent").
Parsers are pure, so the signal comes from the page alone.
"""

from __future__ import annotations

import re

from parsers.scan import Scan
from parsers.title_text import fold

# Category "the <title> names the site" (t48; 2008-era news pages: Bloomberg.com,
# blackenterprise.com, Indiantelevision.com's section pages; Asharq Al-Awsat English's
# feed; a footer's "copyright The Times."): a word of <title> spelt as a domain, an
# RSS/Atom <link> whose title is <title> (a feed is the site's or a section's), or a
# copyright line printing <title>.
DOMAIN_WORD_RE = re.compile(
    r"(?<![\w.])(?:www\.)?[^\W_][\w-]*(?:\.[\w-]+)*\.(?:com|net|org|co\.uk|info|biz)(?![\w.])",
    re.IGNORECASE,
)
FEED_RELS = ("alternate",)
COPYRIGHT_RE = re.compile(r"©|\(c\)|\bcopyright\b", re.IGNORECASE)
# Category "the <title> is the story's own" (k47): a headline's words recur in the story
# under it, a site's name's do not ("SuperSoccer", "National Hockey League" over a game
# report). More than half of <title>'s words of STORY_WORD_CHARS letters or more, and at
# least MIN_STORY_WORDS of them, printed in the STORY_SPAN blocks under the opening line.
STORY_WORD_RE = re.compile(r"[^\W\d_]{4,}")
MIN_STORY_WORDS = 2
STORY_SPAN = 30


def names_site(scan: Scan, story_start: int, title: str) -> bool:
    """True unless the page shows ``title`` to be the story's own name: no site signal
    above, and its words recur in the blocks from ``story_start`` on."""
    folded = fold(title)
    if DOMAIN_WORD_RE.search(title):
        return True
    for link in scan.links:
        if link.get("rel", "").lower() in FEED_RELS and fold(link.get("title", "")) == folded:
            return True
    if any(COPYRIGHT_RE.search(b.text) and folded in fold(b.text) for b in scan.blocks):
        return True
    words = {w.casefold() for w in STORY_WORD_RE.findall(title)}
    story = " ".join(b.text for b in scan.blocks[story_start : story_start + STORY_SPAN])
    shared = words & set(STORY_WORD_RE.findall(story.casefold()))
    return not (len(shared) >= MIN_STORY_WORDS and len(shared) * 2 > len(words))
