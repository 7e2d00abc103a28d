"""Stage 4b of the body, bars printed as one line: a share bar ("Digg | Facebook |
E-mail") and a portal's bar of links or reader tools ("About | Privacy Policy | Site
Map", "E-mail | Print"), dropped as furniture by the line filters (lines.py) unless the
line is data in a cell (links.in_cell, links.in_data_table, parsers.body)."""

from __future__ import annotations

import re

from parsers.body.lines import SENTENCE_BREAK_RE

# Category "share bars printed as a line" (older news sites, and "Share: Facebook |
# Email" today): a line of at most SHARE_LINE_MAX_CHARS split by "|" or "•" with
# MIN_SHARE_TARGETS or more items naming a share target is the bar. Data (a cell's or
# item's line, even wrapped in a <p>/<div>: links.in_cell, z40a) is not.
SHARE_TARGET_RE = re.compile(
    r"\b(?:digg|del\.icio\.us|reddit|facebook|twitter|e-?mail|print|stumbleupon|linkedin|"
    r"newsvine|fark|furl|nowpublic|whatsapp|pinterest|tumblr|yahoo! buzz)\b",
    re.IGNORECASE,
)
SHARE_LINE_SPLIT_RE = re.compile(r"\s*[|•]\s*")
LINK_BAR_SPLIT_RE = re.compile(r"\s*\|\s*")
SHARE_LINE_MAX_CHARS = 120
# An item is the target's name, after a label ("Share this:"), not a sentence about it.
SHARE_ITEM_MAX_WORDS = 2
MIN_SHARE_TARGETS = 2


def is_share_line(text: str) -> bool:
    """A share bar printed as one line of items split by "|" or "•", two or more of them
    naming a share target ("Digg | Facebook | E-mail", "Email | Print |")."""
    if len(text) > SHARE_LINE_MAX_CHARS or not SHARE_LINE_SPLIT_RE.search(text):
        return False
    named = 0
    for part in SHARE_LINE_SPLIT_RE.split(text):
        item = part.rpartition(":")[2]  # "Post this story to: del.icio.us"
        if len(item.split()) <= SHARE_ITEM_MAX_WORDS and SHARE_TARGET_RE.search(item):
            named += 1
    return named >= MIN_SHARE_TARGETS


# Category "a portal's link bars printed as a line" (older news portals laid out in
# tables: "News: ePaper | Front Page | National | ...", "About | Privacy Policy | Site
# Map", "E-mail | Print", "Font Size -", "Send this article to Friends by E-Mail"). A
# line of LINK_BAR_MIN_ITEMS or more items split by "|", each of at most
# LINK_BAR_ITEM_MAX_WORDS words and no sentence among them, is a bar of links; a line
# whose every item names a reader tool (READER_TOOL_RE) is the story's tool bar.
LINK_BAR_MIN_ITEMS = 4
LINK_BAR_ITEM_MAX_WORDS = 4
LINK_BAR_MAX_CHARS = 400
READER_TOOL_RE = re.compile(
    r"(?:print(?:er[- ]friendly)?(?: (?:this )?(?:article|story|page|version|format))?|"
    r"e-?mail(?: this)?(?: (?:article|story|page))?|"
    r"(?:send|refer|e-?mail)(?: this (?:article|story|page))? to (?:a )?friends?(?: by e-?mail)?|"
    r"(?:font|text) size:?[\s+-]*|(?:hide|show|view|read) (?:all )?comments(?: \(\d+\))?|"
    r"comments? - \d+|rate this (?:article|story)|bookmark this (?:page|article|story)|"
    # No colon after a bare "Email": "Email:" labels a form's or a contact block's field.
    r"back to top|view all news)[\s.-]*",
    re.IGNORECASE,
)


def is_link_bar(text: str) -> bool:
    """A portal's bar of links or reader tools printed as one line."""
    if len(text) > LINK_BAR_MAX_CHARS or SENTENCE_BREAK_RE.search(text):
        return False
    items = [item for item in LINK_BAR_SPLIT_RE.split(text.strip()) if item]
    if items and all(READER_TOOL_RE.fullmatch(item) for item in items):
        return True
    return len(items) >= LINK_BAR_MIN_ITEMS and all(
        len(item.split()) <= LINK_BAR_ITEM_MAX_WORDS for item in items
    )
