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
# feed; a footer's "copyright The Times."): a part of <title> spelt as a domain (the whole
# title, or cut from the rest by a separator or "'s": "Bloomberg.com: Japan"; not a
# story's subject, k48: "Amazon.com shares fall as holiday sales slow"), an RSS/Atom
# <link> whose title is <title> (a feed is the site's or a section's), or a copyright
# notice naming <title>.
# Possessive, and started only at the title's start or after a separator: linear on a
# hostile title ("a-a-a-..." made every dash a start, each scanning to the end).
DOMAIN_WORD_RE = re.compile(
    r"(?:^|[:|»]\s*|\s[-–—]\s+)(?:[^\W_][\w-]*+\.)++(?:com|net|org|info|biz|uk)"
    r"(?:'s\b|\s*[:|»]|\s+[-–—]\s|\s*$)",
    re.IGNORECASE,
)
FEED_RELS = ("alternate",)
# Only a feed's type: an alternate <link> of another language, a print or an oEmbed
# version carries the story's own title (k48).
FEED_TYPE_RE = re.compile(r"rss|atom", re.IGNORECASE)
# "(c)" alone, not a clause's letter ("501(c)(3)", "section 230(c)"; k48).
COPYRIGHT_RE = re.compile(r"©|(?<![\w)])\(c\)|\bcopyright\b", re.IGNORECASE)
# What stands between the mark and the owner's name: more marks, years, "by"
# ("© Copyright 2006 Charleston Daily Mail", "copyright The Times", "© Press TV 2007").
NOTICE_FILLER_RE = re.compile(
    r"^(?:\s|©|\(c\)|copyright|by\b|\d{4}(?:\s*[-–]\s*\d{4})?|[,.:])*", re.IGNORECASE
)
NOTICE_WINDOW = 40
MAX_MARKS = 4
# Category "the <title> is the story's own" (k47): a headline's words recur in the story
# under it, a site's name's do not ("SuperSoccer", "National Hockey League" over a game
# report). More than half of <title>'s words of STORY_WORD_CHARS letters or more, and at
# least MIN_STORY_WORDS of them, printed in the STORY_SPAN blocks under the opening line.
STORY_WORD_RE = re.compile(r"[^\W\d_]{4,}")
# A headline's words recur inflected ("Gaza strike kills eleven" over "killed", "Amazon.com
# shares fall as holiday sales slow" over "holidays", "slowed"; k48): words are compared
# without these endings.
ENDING_RE = re.compile(r"(?:ing|ed|s)$")
MIN_STORY_WORDS = 2
STORY_SPAN = 30
# Category "titles in scripts written without spaces" (k48; Chinese, Japanese, Thai news
# pages): a headline is one run of characters there, never a "word" the story repeats
# whole; its pairs of characters are, each counted as half a word.
UNSPACED_RE = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def names_site(scan: Scan, story_start: int, title: str, *, notice: bool | None = None) -> bool:
    """True unless the page shows ``title`` to be the story's own name: no site signal
    above, and its words recur in the blocks from ``story_start`` on. ``notice``: whether
    a block holds a copyright notice naming ``title`` (``copyright_names``), when the
    caller has scanned for it already; else the blocks are scanned here."""
    folded = fold(title)
    if DOMAIN_WORD_RE.search(title):
        return True
    for link in scan.links:
        if (
            link.get("rel", "").lower() in FEED_RELS
            and FEED_TYPE_RE.search(link.get("type", ""))
            and fold(link.get("title", "")) == folded
        ):
            return True
    if notice is None:
        notice = any(copyright_names(b.text, folded) for b in scan.blocks)
    if notice:
        return True
    words, pairs = _story_words(title)
    story = " ".join(b.text for b in scan.blocks[story_start : story_start + STORY_SPAN])
    story_words, story_pairs = _story_words(story)
    shared = len(words & story_words) + len(pairs & story_pairs) / 2
    total = len(words) + len(pairs) / 2
    return not (shared >= MIN_STORY_WORDS and shared * 2 > total)


def copyright_names(text: str, folded_title: str) -> bool:
    """Whether ``text`` holds a copyright notice naming ``folded_title`` (folded) next
    to its mark: "© 2008 Title", "copyright Title", "Title © 2008"."""
    if not folded_title:
        return False
    # Read NOTICE_WINDOW characters on either side of the first MAX_MARKS marks, beside
    # the title's length: a block of marks costs no more than a notice (k48).
    reach = len(folded_title) * 2 + NOTICE_WINDOW
    for count, mark in enumerate(COPYRIGHT_RE.finditer(text)):
        if count == MAX_MARKS:
            break
        after = text[mark.start() : mark.start() + reach]
        after = after[NOTICE_FILLER_RE.match(after).end() :]  # type: ignore[union-attr]
        before = text[max(0, mark.start() - reach) : mark.start()].rstrip(" \t\n0123456789,–-")
        if fold(after).startswith(folded_title) or fold(before).endswith(folded_title):
            return True
    return False


def _story_words(text: str) -> tuple[set[str], set[str]]:
    """Words of STORY_WORD_CHARS letters or more, and pairs of characters of unspaced runs."""
    pairs = {run[i : i + 2] for run in UNSPACED_RE.findall(text) for i in range(len(run) - 1)}
    words = {
        ENDING_RE.sub("", w) for w in STORY_WORD_RE.findall(UNSPACED_RE.sub(" ", text).casefold())
    }
    return words, pairs
