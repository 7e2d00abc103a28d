"""Cut script, style, svg and similar subtrees out of raw HTML before parsing.

BeautifulSoup spends most of a page's time creating nodes; inline SVG icons and
scripts are a good share of them and never hold article text. The cut is made
by a linear scan (no backtracking regex) that follows the HTML tokenizer closely
enough: comments first, raw-text elements end at their first closing tag. The
page is never copied whole except for the result (peak memory matters).
"""

from __future__ import annotations

import re
from types import MappingProxyType

OPEN_RE = re.compile(r"<!--|<(script|style|svg|noscript|template|math)\b", re.IGNORECASE)
JSONLD_TYPE_RE = re.compile(r"""type\s*=\s*["']?application/ld\+json""", re.IGNORECASE)
RAW_TEXT = frozenset({"script", "style"})
# Open or close tag of each element that can nest (svg in svg).
TAG_EDGE_RE = MappingProxyType(
    {
        name: re.compile(rf"<(/?){name}\b", re.IGNORECASE)
        for name in ("script", "style", "svg", "noscript", "template", "math")
    }
)
# Nesting deeper than this is left to the parser.
MAX_NESTING = 32


def _close_of(html: str, name: str, start: int) -> tuple[int, int]:
    """(start, end) of the ``</name>`` closing the element opened before ``start``."""
    depth = 1
    for match in TAG_EDGE_RE[name].finditer(html, start):
        if match.group(1):
            depth -= 1
            if depth == 0:
                gt = html.find(">", match.end())
                return (match.start(), gt + 1) if gt >= 0 else (-1, -1)
        elif name not in RAW_TEXT:
            depth += 1
            if depth > MAX_NESTING:
                break
    return -1, -1


def prune_html(html: str) -> tuple[str, list[str]]:
    """``html`` without script/style/svg/noscript/template/math/comments, and the JSON-LD texts."""
    pieces: list[str] = []
    jsonld: list[str] = []
    position = 0
    while True:
        match = OPEN_RE.search(html, position)
        if match is None:
            break
        start = match.start()
        name = match.group(1)
        if name is None:
            end = html.find("-->", match.end())
            end = -1 if end < 0 else end + 3
        else:
            tag_end = html.find(">", match.end())
            if tag_end < 0:
                break
            close_start, end = _close_of(html, name.lower(), tag_end + 1)
            if end >= 0 and name.lower() == "script" and JSONLD_TYPE_RE.search(
                html, start, tag_end
            ):
                jsonld.append(html[tag_end + 1 : close_start])
        if end < 0:
            # Unclosed: leave the rest to the parser, which copes with broken markup.
            break
        pieces.append(html[position:start])
        position = end
    if not pieces:
        return html, jsonld
    pieces.append(html[position:])
    return "".join(pieces), jsonld
