"""Cut script, style, svg and similar subtrees out of raw HTML before parsing.

BeautifulSoup spends most of a page's time creating nodes; inline SVG icons and
scripts are a good share of them and never hold article text. The cut is made
by a linear scan (no backtracking regex) that follows the HTML tokenizer closely
enough: comments first, raw-text elements end at their first closing tag.
"""

from __future__ import annotations

import re

OPEN_RE = re.compile(r"<!--|<(script|style|svg|noscript|template|math)\b", re.IGNORECASE)
JSONLD_TYPE_RE = re.compile(r"""type\s*=\s*["']?application/ld\+json""", re.IGNORECASE)
RAW_TEXT = frozenset({"script", "style"})
# Nesting of the same element (svg in svg) is followed this deep; deeper is left to the parser.
MAX_NESTING = 32


def _close_of(lower: str, name: str, start: int) -> int:
    """Index just past ``</name ...>`` matching the element opened before ``start``; -1 if none."""
    closing = "</" + name
    if name in RAW_TEXT:
        end = lower.find(closing, start)
    else:
        opening = "<" + name
        depth = 1
        position = start
        end = -1
        while depth and depth <= MAX_NESTING:
            end = lower.find(closing, position)
            if end < 0:
                return -1
            inner = lower.find(opening, position, end)
            if inner >= 0:
                depth += 1
                position = inner + len(opening)
                continue
            depth -= 1
            position = end + len(closing)
        if depth:
            return -1
    if end < 0:
        return -1
    gt = lower.find(">", end)
    return -1 if gt < 0 else gt + 1


def prune_html(html: str) -> tuple[str, list[str]]:
    """``html`` without script/style/svg/noscript/template/math/comments, and the JSON-LD texts."""
    lower = html.lower()
    if len(lower) != len(html):
        # Case folding changed lengths (rare non-ASCII): indexes would not line up.
        return html, []
    pieces: list[str] = []
    jsonld: list[str] = []
    position = 0
    while True:
        match = OPEN_RE.search(lower, position)
        if match is None:
            break
        start = match.start()
        name = match.group(1)
        if name is None:
            end = lower.find("-->", match.end())
            end = -1 if end < 0 else end + 3
        else:
            tag_end = lower.find(">", match.end())
            if tag_end < 0:
                break
            end = _close_of(lower, name, tag_end + 1)
            if end >= 0 and name == "script" and JSONLD_TYPE_RE.search(html, start, tag_end):
                jsonld.append(html[tag_end + 1 : lower.rfind("</", tag_end, end)])
        if end < 0:
            # Unclosed: leave the rest to the parser, which copes with broken markup.
            break
        pieces.append(html[position:start])
        position = end
    if not pieces:
        return html, jsonld
    pieces.append(html[position:])
    return "".join(pieces), jsonld
