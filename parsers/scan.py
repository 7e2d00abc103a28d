"""One pass over the parsed page: text blocks for the body, plus the tags metadata needs.

Walking the tree once (iteratively, so 100k levels of nesting cannot overflow the
stack) is most of the extractor's cost after parsing; everything later works on
the flat lists collected here instead of asking BeautifulSoup again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from parsers.author_hints import AUTHOR_ELEMENT, HINT_ATTRS, is_markup_hint
from parsers.tree import Node

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
BUTTON_CONTENT_TAGS = ("p", "div", "h1", "h2", "article", "main", "section")
# Appended to the class/id text of hidden block elements (body.LABEL_PATTERNS: "soft").
HIDDEN_LABEL = " is-hidden"
# Category "a consent placeholder for an embed" (b44): form fields are skipped, but the
# element around each is recorded: an on/off control (a checkbox or radio ``<input>``,
# not disabled: Markdown task lists render disabled ones) in ``Scan.controls``, a field
# one types into in ``Scan.fields``. The body stage drops the small box around a lone
# control with no field beside it ("Externer Inhalt" toggles; ``body/controls.py``).
TOGGLE_INPUT_TYPES = frozenset({"checkbox", "radio"})
TEXT_INPUT_TYPES = frozenset({"", "text", "email", "password", "search", "tel", "number", "url"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Deeper subtrees are dropped: no real page nests this far, hostile ones do.
MAX_DEPTH = 200
AUTHOR_HINTS = ("author", "byline", "by-line", "writer", "contributor")
# Class words of reader-written blocks: their "author" is a commenter, not the writer.
# Category "author description": "author-description" holds the writer's credentials
# ("Licensed Q Arabica Grader, M.A. Journalism"), never the name.
NOT_AUTHOR_HINTS = ("comment", "testimonial", "description")
# Each list as one search: any of its words as a substring.
AUTHOR_HINT_RE = re.compile("|".join(map(re.escape, AUTHOR_HINTS)))
NOT_AUTHOR_HINT_RE = re.compile("|".join(map(re.escape, NOT_AUTHOR_HINTS)))
# Page-wide wrappers whose class lists mention "author" hold far more than a byline.
NOT_BYLINE_TAGS = frozenset({"html", "body", "main", "article"})
# Links to an author page: "/author/jane-doe", "/authors/jane-doe/", "/people/jane".
AUTHOR_HREF_RE = re.compile(
    r"/(?:author|authors|writers?|contributors?|people|staff|profiles?|producers|journalists?)"
    r"/[^/?#]{3,}/?(?:$|[?#])",
    re.IGNORECASE,
)
# Elements that show a relative time ("3 hours ago") and hold the instant in an attribute.
RELATIVE_TIME_TAGS = frozenset({"relative-time", "time-ago", "local-time", "abbr"})
STAMP_CLASS_RE = re.compile(r"time-?ago|timestamp|relative-?(?:date|time)|timeago|livestamp|utime")
# Category "dates in attributes": data attributes whose name says publication hold the
# instant on any element ("<span class='meta' data-published='2019-11-16T10:00Z'>").
PUBLISH_DATA_ATTRS = (
    "data-published", "data-publish-date", "data-published-date", "data-pubdate",
    "data-publishdate", "data-publish-time", "data-published-at", "data-date-published",
    "data-publication-date", "data-posted",
)
# Category "epoch values": timestamp data attributes on an element classed as a date
# or time ("<span class='date' data-timestamp='1573900000'>"); on other elements
# (video players, counters) such attributes are not the story's date.
TIMESTAMP_DATA_ATTRS = ("data-timestamp", "data-time", "data-datetime", "data-unixtime")
DATE_CLASS_RE = re.compile(r"(?:^|[\s_-])(?:date|time|datetime|timestamp)(?:$|[\s_-])")
PUBLISH_DATA_SET = frozenset(PUBLISH_DATA_ATTRS)
# An attribute value that is an instant: ISO-like, or Unix seconds/milliseconds.
# d56, category "the update's <time> before the publication's": WordPress themes' <time
# class="updated"> over <time class="entry-date published">. A class naming an update, and none
# naming the publication (a never-edited post's tag carries both).
UPDATE_CLASS_RE = re.compile(r"(?:^|[\s_-])(?:updated|modified)(?:$|[\s_-])", re.IGNORECASE)
PUBLISH_CLASS_RE = re.compile(r"publish|entry-date|posted|created", re.IGNORECASE)
STAMP_VALUE_RE = re.compile(r"\s*(?:\d{4}-\d{2}-\d{2}|\d{10}(?:\d{3})?\s*$)")
DATE_ITEMPROPS = frozenset({"datepublished", "datecreated", "datemodified", "uploaddate"})
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
WS_RE = re.compile(r"\s+")
INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


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
    metas: list[Mapping[str, str]] = field(default_factory=list)
    links: list[Mapping[str, str]] = field(default_factory=list)
    title: str | None = None
    jsonld: list[str] = field(default_factory=list)
    times: list[tuple[str, str]] = field(default_factory=list)
    # Values of <time> tags that microdata declares the modification (itemprop="dateModified").
    modified_times: set[str] = field(default_factory=set)
    # d56: values of <time> tags whose class names an update and no publication ("updated",
    # "post-modified"; not "entry-date published updated"): ``date_printed.original_times_first``.
    update_class_times: set[str] = field(default_factory=set)
    # Instants held in attributes of other date elements (see ``_attribute_stamp``).
    stamps: list[str] = field(default_factory=list)
    author_tags: list[Node] = field(default_factory=list)
    # ids of the ``author_tags`` only a markup hint marks (``author_hints``, a58): they must
    # pass ``author_hint_guards.refused``.
    markup_hints: set[int] = field(default_factory=set)
    marked: dict[int, int] = field(default_factory=dict)
    # ``date_furniture.is_date_line``'s answers by text: the body's and the date rules ask it of
    # one block up to four times, and pages repeat their lines.
    date_lines: dict[str, bool] = field(default_factory=dict)
    # Innermost block element around each enabled checkbox or radio input, and around
    # each text field (``<textarea>``, a text-like ``<input>``), in document order;
    # ``radios`` repeats the controls that are radio buttons.
    controls: list[int] = field(default_factory=list)
    radios: list[int] = field(default_factory=list)
    fields: list[int] = field(default_factory=list)


def clean_text(text: str) -> str:
    """Collapse whitespace and drop invisible characters."""
    # The same as WS_RE.sub(" ", ...).strip() (str.split and \s agree on what is
    # whitespace: tests/parsers/test_fast_paths.py), at a third of the cost; the
    # invisible characters are none of them ASCII.
    if not text.isascii():
        text = INVISIBLE_RE.sub("", text)
    return " ".join(text.split())


def _hidden(attrs: Mapping[str, str]) -> bool:
    if "hidden" in attrs:
        return True
    style = attrs.get("style")
    return style is not None and HIDDEN_STYLE_RE.search(style) is not None


def _is_author_hint(attrs: Mapping[str, str]) -> bool:
    if attrs.get("rel") == "author" or "author" in attrs.get("itemprop", ""):
        return True
    cls = attrs.get("class")
    if cls is None:
        return False
    lowered = cls.lower()
    # Substring tests: this runs for every element with a class.
    return (
        AUTHOR_HINT_RE.search(lowered) is not None
        and NOT_AUTHOR_HINT_RE.search(lowered) is None
    )


def _update_class(cls: str) -> bool:
    """Whether a class names an update and no publication ("updated", "post-modified")."""
    return UPDATE_CLASS_RE.search(cls) is not None and PUBLISH_CLASS_RE.search(cls) is None


def _attribute_stamp(name: str, attrs: Mapping[str, str]) -> str | None:
    """The instant a non-<time> element declares in an attribute, if it is a date element.

    Serves pages that print "3 hours ago" (or nothing) and keep the instant in
    markup: a ``datetime`` attribute on any element, GitHub-style
    ``<relative-time>`` elements, timeago-style elements (class "timeago",
    "timestamp", "relative-date" ...) with the instant in ``title``, ``content``
    or a ``data-*`` attribute, and microdata dates (``itemprop="datePublished"
    content=...``) outside <meta>.
    """
    value = attrs.get("datetime")
    if value:
        return value
    itemprop = attrs.get("itemprop")
    if itemprop is not None and itemprop.lower() in DATE_ITEMPROPS:
        # Category "a microdata date in an <abbr>'s title" (m43, metascraper's set):
        # Blogger's template, like hAtom themes, writes <abbr class="published"
        # itemprop="datePublished" title="2024-02-03T20:38:00Z">8:38 pm</abbr>; the
        # instant is the title, the text only its clock.
        title = attrs.get("title") if name == "abbr" else None
        if title and not attrs.get("content") and STAMP_VALUE_RE.match(title):
            return title
        return attrs.get("content") or None
    # Most elements have none of them: one pass over their few attributes says so.
    if not PUBLISH_DATA_SET.isdisjoint(attrs):
        for key in PUBLISH_DATA_ATTRS:
            value = attrs.get(key)
            if value and STAMP_VALUE_RE.match(value):
                return value
    cls = attrs.get("class")
    if cls is not None and DATE_CLASS_RE.search(cls.lower()):
        for key in TIMESTAMP_DATA_ATTRS:
            value = attrs.get(key)
            if value and STAMP_VALUE_RE.match(value):
                return value
    if name not in RELATIVE_TIME_TAGS and (cls is None or not STAMP_CLASS_RE.search(cls)):
        return None
    for key, value in attrs.items():
        if value and (key in ("title", "content") or key.startswith("data-")) and (
            STAMP_VALUE_RE.match(value)
        ):
            return value
    return None


def scan_page(root: Node, marks: tuple[Node, ...] = ()) -> Scan:
    """Walk the tree under ``root`` (``parsers.tree.parse``) once and collect blocks,
    metadata tags and byline candidates. ``marks`` are elements (a profile's body container) whose
    element index is recorded in ``Scan.marked`` keyed by ``id()``.
    """
    scan = Scan()
    mark_ids = {id(tag) for tag in marks}
    blocks = scan.blocks
    parents = scan.parents
    tags = scan.tags
    names = scan.names
    first_block = scan.first_block
    end_block = scan.end_block
    buffer: list[str] = []
    link_chars = 0
    link_depth = 0
    depth = 0
    block_stack: list[int] = []

    def flush() -> None:
        nonlocal link_chars
        if buffer:
            text = clean_text("".join(buffer))
            buffer.clear()
            if text and block_stack:
                owner = block_stack[-1]
                blocks.append(Block(text, min(link_chars, len(text)), owner, tags[owner]))
        link_chars = 0

    # Work stack of nodes still to visit, in reverse document order. A tuple
    # (element index or -1, is a link) marks where an element closes.
    work: list[object] = list(reversed(root.contents))
    while work:
        node = work.pop()
        kind = type(node)
        if kind is str:  # text of another kind (a script's, a <rt>'s) is a Special
            assert isinstance(node, str)
            buffer.append(node)
            if link_depth:
                link_chars += len(node.strip())
            continue
        if kind is tuple:
            assert isinstance(node, tuple)
            index, is_link = node
            depth -= 1
            if is_link:
                link_depth -= 1
            if index >= 0:
                flush()
                block_stack.pop()
                end_block[index] = len(blocks)
            continue
        if kind is not Node:
            continue  # script, style, template or ruby text
        assert isinstance(node, Node)
        name = node.name
        attrs = node.attrs
        if name in SKIP_TAGS:
            if name == "script" and "ld+json" in attrs.get("type", "").lower():
                scan.jsonld.append(node.get_text())
            elif name == "input" and block_stack:
                input_type = attrs.get("type", "").strip().lower()
                if input_type in TOGGLE_INPUT_TYPES and "disabled" not in attrs:
                    scan.controls.append(block_stack[-1])
                    if input_type == "radio":
                        scan.radios.append(block_stack[-1])
                elif input_type in TEXT_INPUT_TYPES:
                    scan.fields.append(block_stack[-1])
            elif name == "textarea" and block_stack:
                scan.fields.append(block_stack[-1])
            continue
        if name == "meta":
            scan.metas.append(attrs)
            continue
        if name == "link":
            scan.links.append(attrs)
            continue
        if name == "title":
            if scan.title is None:
                scan.title = clean_text(node.get_text())
            continue
        if name == "br":
            flush()
            continue
        hidden = bool(attrs) and _hidden(attrs)
        # Hidden inline bits are dropped; hidden blocks are only flagged, because
        # streaming-rendered pages park the whole article in a hidden div.
        if depth > MAX_DEPTH or (hidden and name not in BLOCK_TAGS):
            continue
        # A button is a label, unless broken markup left it open around the page.
        if name == "button" and node.find(BUTTON_CONTENT_TAGS) is None:
            continue
        is_link = name == "a"
        if is_link:
            link_depth += 1
            href = attrs.get("href")
            if href and AUTHOR_HREF_RE.search(href):
                scan.author_tags.append(node)
        elif name == "time":
            value = attrs.get("datetime", "")
            scan.times.append((value, node.get_text()))
            if value and attrs.get("itemprop", "").lower() == "datemodified":
                scan.modified_times.add(value)
            if value and _update_class(attrs.get("class", "")):
                scan.update_class_times.add(value)
        elif attrs:
            stamp = _attribute_stamp(name, attrs)
            if stamp is not None:
                prop = attrs.get("itemprop", "").lower()
                if prop in DATE_ITEMPROPS:
                    # A microdata date outside <meta>: read as <meta itemprop> is.
                    scan.metas.append({"itemprop": prop, "content": stamp})
                else:
                    scan.stamps.append(stamp)
        if name not in NOT_BYLINE_TAGS:
            if attrs and _is_author_hint(attrs):
                scan.author_tags.append(node)
            elif (
                name == AUTHOR_ELEMENT or not HINT_ATTRS.isdisjoint(attrs)
            ) and is_markup_hint(name, attrs):
                scan.author_tags.append(node)
                scan.markup_hints.add(id(node))
        index = -1
        if name in BLOCK_TAGS:
            flush()
            index = len(parents)
            parents.append(block_stack[-1] if block_stack else -1)
            tags.append(name)
            label = attrs.get("class", "") + " " + attrs.get("id", "") if attrs else ""
            names.append(label + HIDDEN_LABEL if hidden else label)
            first_block.append(len(blocks))
            end_block.append(len(blocks))
            block_stack.append(index)
            if mark_ids and id(node) in mark_ids:
                scan.marked[id(node)] = index
        depth += 1
        work.append((index, is_link))
        work.extend(reversed(node.contents))
    flush()
    return scan
