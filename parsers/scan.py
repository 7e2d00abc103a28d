"""One pass over the parsed page: text blocks for the body, plus the tags metadata needs.

Walking the tree once (iteratively, so 100k levels of nesting cannot overflow the
stack) is most of the extractor's cost after parsing; everything later works on
the flat lists collected here instead of asking BeautifulSoup again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag
from bs4.element import (
    CData,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    ProcessingInstruction,
)

# Subtrees that never hold article text.
SKIP_TAGS = frozenset(
    {
        "script", "style", "noscript", "svg", "template", "iframe", "select",
        "input", "textarea", "canvas", "video", "audio", "object", "embed", "map",
        "option", "math",
    }
)
BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
        "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th",
        "tbody", "thead", "tfoot", "caption", "figure", "figcaption", "header", "footer",
        "aside", "nav", "form", "fieldset", "address", "details", "summary", "body", "hr",
        "center", "html", "legend", "menu", "dialog",
    }
)
BUTTON_CONTENT_TAGS = ["p", "div", "h1", "h2", "article", "main", "section"]
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Deeper subtrees are dropped: no real page nests this far, hostile ones do.
MAX_DEPTH = 200
AUTHOR_HINT_RE = re.compile(r"author|byline|by-line|writer|contributor", re.IGNORECASE)
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
WS_RE = re.compile(r"\s+")
INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
IGNORED_STRINGS = (Comment, Declaration, Doctype, CData, ProcessingInstruction)


@dataclass(slots=True)
class Block:
    """A run of text between block boundaries, owned by its innermost block element."""

    text: str
    link_chars: int
    element: int
    tag: str


@dataclass(slots=True)
class Scan:
    """What one walk over a page collected."""

    blocks: list[Block] = field(default_factory=list)
    # Per block-level element, indexed alike: parent index, tag, class+id text,
    # and the half-open range of blocks inside it.
    parents: list[int] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    first_block: list[int] = field(default_factory=list)
    end_block: list[int] = field(default_factory=list)
    metas: list[dict[str, str]] = field(default_factory=list)
    links: list[dict[str, str]] = field(default_factory=list)
    title: str | None = None
    jsonld: list[str] = field(default_factory=list)
    times: list[tuple[str, str]] = field(default_factory=list)
    author_tags: list[Tag] = field(default_factory=list)
    anchors: int = 0
    marked: dict[int, int] = field(default_factory=dict)


def clean_text(text: str) -> str:
    """Collapse whitespace and drop invisible characters."""
    return WS_RE.sub(" ", INVISIBLE_RE.sub("", text)).strip()


def _attr_text(value: object) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value) if value is not None else ""


def _hidden(attrs: Mapping[str, object]) -> bool:
    if "hidden" in attrs:
        return True
    style = attrs.get("style")
    return bool(style) and HIDDEN_STYLE_RE.search(_attr_text(style)) is not None


def scan_page(soup: BeautifulSoup, marks: tuple[Tag, ...] = ()) -> Scan:
    """Walk ``soup`` once and collect blocks, metadata tags and byline candidates.

    ``marks`` are elements (a profile's body container) whose element index is
    recorded in ``Scan.marked`` keyed by ``id()``.
    """
    scan = Scan()
    mark_ids = {id(tag) for tag in marks}
    blocks = scan.blocks
    parents = scan.parents
    first_block = scan.first_block
    end_block = scan.end_block
    buffer: list[str] = []
    link_chars = 0
    link_depth = 0
    block_stack: list[int] = []
    # Frames: (element, children, next child index, element index or -1 when inline).
    stack: list[list[object]] = []

    def flush() -> None:
        nonlocal link_chars
        if buffer:
            text = clean_text("".join(buffer))
            buffer.clear()
            if text and block_stack:
                owner = block_stack[-1]
                blocks.append(Block(text, min(link_chars, len(text)), owner, scan.tags[owner]))
        link_chars = 0

    def open_block(tag: Tag, name: str, attrs: Mapping[str, object]) -> int:
        flush()
        index = len(parents)
        parents.append(block_stack[-1] if block_stack else -1)
        scan.tags.append(name)
        scan.names.append(_attr_text(attrs.get("class")) + " " + _attr_text(attrs.get("id")))
        first_block.append(len(blocks))
        end_block.append(len(blocks))
        block_stack.append(index)
        if mark_ids and id(tag) in mark_ids:
            scan.marked[id(tag)] = index
        return index

    root = soup
    stack.append([root, root.contents, 0, -1])
    while stack:
        frame = stack[-1]
        children = frame[1]
        position = frame[2]
        assert isinstance(children, list) and isinstance(position, int)
        if position >= len(children):
            stack.pop()
            element = frame[0]
            assert isinstance(element, Tag)
            if element.name == "a":
                link_depth -= 1
            index = frame[3]
            assert isinstance(index, int)
            if index >= 0:
                flush()
                block_stack.pop()
                end_block[index] = len(blocks)
            continue
        frame[2] = position + 1
        child = children[position]
        if isinstance(child, NavigableString):
            if isinstance(child, IGNORED_STRINGS):
                continue
            buffer.append(child)
            if link_depth:
                link_chars += len(child.strip())
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        attrs = child.attrs
        if name in SKIP_TAGS or name == "title":
            if name == "script":
                kind = _attr_text(attrs.get("type")).lower()
                if "ld+json" in kind:
                    scan.jsonld.append(child.get_text())
            elif name == "title" and scan.title is None:
                scan.title = clean_text(child.get_text())
            continue
        if name == "meta":
            scan.metas.append({k: _attr_text(v) for k, v in attrs.items()})
            continue
        if name == "link":
            scan.links.append({k: _attr_text(v) for k, v in attrs.items()})
            continue
        if name == "br":
            flush()
            continue
        if len(stack) > MAX_DEPTH or _hidden(attrs):
            continue
        # A button is a label, unless broken markup left it open around the page.
        if name == "button" and child.find(BUTTON_CONTENT_TAGS) is None:
            continue
        if name == "time":
            scan.times.append((_attr_text(attrs.get("datetime")), child.get_text()))
        elif name == "a":
            scan.anchors += 1
            link_depth += 1
        if (
            attrs.get("rel") == ["author"]
            or "author" in _attr_text(attrs.get("itemprop"))
            or AUTHOR_HINT_RE.search(_attr_text(attrs.get("class")))
        ):
            scan.author_tags.append(child)
        index = open_block(child, name, attrs) if name in BLOCK_TAGS else -1
        stack.append([child, child.contents, 0, index])
    flush()
    return scan
