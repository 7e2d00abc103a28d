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
# Streamed server rendering (React 18 Suspense, Next.js): a section that was not ready
# leaves an empty <template id="B:1"> (or "P:1") in place, followed by a fallback
# ("Loading...") up to a <!--/$--> comment, and is sent later, at the page's end, in
# <div hidden id="S:1">, which a script moves into place. Done here, the section is
# read where it belongs and not as hidden text after the footer.
STREAM_SLOT_RE = re.compile(r"""\s+id=["']?[BP]:(\w+)["']?\s*>$""")
STREAM_DIV_RE = re.compile(r"""<div\s+hidden(?:=["']{2})?\s+id=["']?S:(\w+)["']?\s*>""")
STREAM_FALLBACK_END = "<!--/$-->"
# A fallback is a spinner or a line of text; a longer stretch is not one.
MAX_FALLBACK_CHARS = 2000
DIV_EDGE_RE = re.compile(r"<(/?)div\b", re.IGNORECASE)
# Where a streamed section goes (all other comments are cut).
SLOT_MARK = "<!--slot:{}-->"
SLOT_MARK_RE = re.compile(r"<!--slot:(\w+)-->")
# Category "a <title> whose end tag is missing or mangled" (``</titavaScript"``, a
# crawl's spliced bytes): the tokenizer reads a title as text up to ``</title>``, so
# the whole page becomes the title and the body is empty. Real titles hold no
# markup, so the title ends where the first tag after it starts.
TITLE_OPEN_RE = re.compile(r"<title\b[^>]*>", re.IGNORECASE)
TAG_START_RE = re.compile(r"<[/!a-zA-Z]")
TITLE_CLOSE_RE = re.compile(r"</title\s*>", re.IGNORECASE)


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
    """``html`` without script/style/svg/noscript/template/math/comments, and the JSON-LD texts.

    Streamed sections (STREAM_SLOT_RE) are moved from the page's end into their slots.
    """
    pieces: list[str] = []
    jsonld: list[str] = []
    streamed: set[str] | None = None  # keys of the streamed sections, found when needed
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
        if name is not None and name.lower() == "template" and close_start == tag_end + 1:
            slot = STREAM_SLOT_RE.search(html, match.end(), tag_end + 1)
            if slot is not None:
                if streamed is None:
                    streamed = {found[1] for found in STREAM_DIV_RE.finditer(html, end)}
                if slot[1] in streamed:
                    pieces.append(SLOT_MARK.format(slot[1]))
                    position = _fallback_end(html, end)
    if not pieces:
        return html, jsonld
    pieces.append(html[position:])
    text = "".join(pieces)
    return (_place_streamed(text) if streamed else text), jsonld


def _fallback_end(html: str, start: int) -> int:
    """Where the fallback after a streamed section's slot ends (``start``: none found)."""
    end = html.find(STREAM_FALLBACK_END, start, start + MAX_FALLBACK_CHARS)
    if end < 0 or html.find("<template", start, end) >= 0:
        return start  # no end mark, or the next slot comes first
    return end + len(STREAM_FALLBACK_END)


def _place_streamed(html: str) -> str:
    """``html`` with each streamed <div hidden id="S:key"> moved to its slot mark."""
    sections: dict[str, str] = {}
    kept: list[str] = []
    position = 0
    slots = set(SLOT_MARK_RE.findall(html))
    for found in STREAM_DIV_RE.finditer(html):
        if found.start() < position or found[1] not in slots:
            continue  # inside the previous section (cut with it), or nowhere to go: stays
        depth = 1
        for edge in DIV_EDGE_RE.finditer(html, found.end()):
            depth += -1 if edge[1] else 1
            if depth == 0:
                sections[found[1]] = html[found.end() : edge.start()]
                kept.append(html[position : found.start()])
                position = html.find(">", edge.end()) + 1 or len(html)
                break
        else:
            break  # unclosed: so are the ones after it (and scanning again is quadratic)
    kept.append(html[position:])
    placed: set[str] = set()

    def fill(mark: re.Match[str]) -> str:
        key = mark[1]
        if key in placed or key not in sections:
            return ""
        placed.add(key)
        return SLOT_MARK_RE.sub(fill, sections[key])

    return SLOT_MARK_RE.sub(fill, "".join(kept))


def close_title(html: str) -> str:
    """``html`` with its first <title> closed before the first tag that follows it,
    when that tag is not ``</title>`` (see TITLE_OPEN_RE)."""
    opened = TITLE_OPEN_RE.search(html)
    if opened is None:
        return html
    tag = TAG_START_RE.search(html, opened.end())
    if tag is None or TITLE_CLOSE_RE.match(html, tag.start()):
        return html
    return f"{html[: tag.start()]}</title>{html[tag.start() :]}"
