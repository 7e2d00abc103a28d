"""A light document tree, built by lxml's HTML parser: the same tree BeautifulSoup builds.

BeautifulSoup spent half of a page's extraction time turning lxml's parse events
into its own objects (docs/BENCHMARKS.md). The extractor reads only elements'
names, attributes and strings, so ``parse`` takes the same events from the same
parser (``lxml.etree.HTMLParser(recover=True)`` fed the same text, retried as
UTF-8 bytes when lxml refuses it) and keeps what BeautifulSoup would keep:

- a string is the text between two events (a comment or processing instruction
  splits it); a string of ASCII whitespace only becomes "\\n" or " " unless
  inside <pre> or <textarea>;
- text inside <script>, <style>, <template>, <rt>, <rp> (the innermost such
  element) is of its own type (``Special``), which ``get_text`` and
  ``stripped_strings`` of other elements leave out, and these elements' own
  text is only strings of their type;
- comments, processing instructions and the doctype are not kept.

``Node`` offers the few calls of BeautifulSoup's ``Tag`` the extractor uses,
with the same results. Profiles' CSS selectors still run on BeautifulSoup
(``parsers/profile_fields.py``), mapped onto this tree by document order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType

from bs4.exceptions import ParserRejectedMarkup
from lxml import etree

ROOT_NAME = "[document]"
ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"
PRESERVE_WHITESPACE = frozenset({"pre", "textarea"})
NO_ATTRS: Mapping[str, str] = MappingProxyType({})


class Special(str):
    """Text of a <script>, <style>, <template>, <rt> or <rp> (``kind`` names which)."""

    __slots__ = ()
    kind = ""


class ScriptText(Special):
    __slots__ = ()
    kind = "script"


class StyleText(Special):
    __slots__ = ()
    kind = "style"


class TemplateText(Special):
    __slots__ = ()
    kind = "template"


class RubyText(Special):
    __slots__ = ()
    kind = "rt"


class RubyParenthesis(Special):
    __slots__ = ()
    kind = "rp"


CONTAINERS: Mapping[str, type[Special]] = MappingProxyType(
    {"script": ScriptText, "style": StyleText, "template": TemplateText, "rt": RubyText,
     "rp": RubyParenthesis}
)


class Node:
    """One element: its name, attributes (plain strings), parent and children."""

    __slots__ = ("attrs", "contents", "name", "parent")

    def __init__(self, name: str, attrs: Mapping[str, str], parent: Node | None) -> None:
        self.name = name
        self.attrs = attrs
        self.parent = parent
        self.contents: list[Node | str] = []

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.attrs.get(key, default)

    @property
    def parents(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    @property
    def descendants(self) -> Iterator[Node | str]:
        """Every element and string inside, in document order."""
        stack: list[Node | str] = list(reversed(self.contents))
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, Node) and node.contents:
                stack.extend(reversed(node.contents))

    def _strings(self, strip: bool) -> Iterator[str]:
        # Only strings of this element's own type, as BeautifulSoup's default.
        kind = CONTAINERS.get(self.name)
        for node in self.descendants:
            if isinstance(node, Node):
                continue
            if (type(node) is not kind) if kind is not None else (type(node) is not str):
                continue
            if strip:
                node = node.strip()
                if not node:
                    continue
            yield node

    @property
    def stripped_strings(self) -> Iterator[str]:
        return self._strings(True)

    def get_text(self, separator: str = "") -> str:
        return separator.join(self._strings(False))

    def find_all(
        self,
        match: str | Callable[[Node], bool],
        *,
        href: re.Pattern[str] | None = None,
        limit: int | None = None,
    ) -> list[Node]:
        """Elements inside with this name (or for which ``match`` is true), and, given
        ``href``, an ``href`` attribute the pattern finds; at most ``limit``."""
        found: list[Node] = []
        for node in self.descendants:
            if not isinstance(node, Node):
                continue
            if not (match(node) if callable(match) else node.name == match):
                continue
            if href is not None:
                value = node.attrs.get("href")
                if value is None or href.search(value) is None:
                    continue
            found.append(node)
            if limit is not None and len(found) >= limit:
                break
        return found

    def find(self, names: str | Iterable[str]) -> Node | None:
        """The first element inside with this name (or one of these names)."""
        wanted = {names} if isinstance(names, str) else set(names)
        for node in self.descendants:
            if isinstance(node, Node) and node.name in wanted:
                return node
        return None

    def detach(self) -> None:
        """Take this element out of its parent (a profile's ``drop``)."""
        if self.parent is not None:
            siblings = self.parent.contents
            for i, child in enumerate(siblings):
                if child is self:
                    del siblings[i]
                    break
            self.parent = None


class _Builder:
    """lxml parser target that builds ``Node``s as BeautifulSoup's lxml builder does."""

    def __init__(self) -> None:
        self.root = Node(ROOT_NAME, NO_ATTRS, None)
        self.elements: list[Node] = []
        self.stack: list[Node] = [self.root]
        self.buffer: list[str] = []
        self.preserve = 0
        self.containers: list[type[Special]] = []

    def _end_data(self) -> None:
        buffer = self.buffer
        if not buffer:
            return
        text = "".join(buffer)
        buffer.clear()
        if not self.preserve and not text.strip(ASCII_SPACES):
            text = "\n" if "\n" in text else " "
        self.stack[-1].contents.append(self.containers[-1](text) if self.containers else text)

    def start(self, tag: str, attrib: Mapping[str, str]) -> None:
        if self.buffer:
            self._end_data()
        parent = self.stack[-1]
        # lxml hands each element a new dict (an immutable empty mapping when none).
        node = Node(tag, attrib if attrib else NO_ATTRS, parent)
        parent.contents.append(node)
        self.elements.append(node)
        self.stack.append(node)
        if tag in PRESERVE_WHITESPACE:
            self.preserve += 1
        container = CONTAINERS.get(tag)
        if container is not None:
            self.containers.append(container)

    def end(self, tag: str) -> None:
        if self.buffer:
            self._end_data()
        stack = self.stack
        if stack[-1].name != tag:
            # Pop up to the most recent open element of this name, as BeautifulSoup's
            # _popToTag does; an end tag of no open element closes nothing.
            if not any(node.name == tag for node in stack[1:]):
                return
            while stack[-1].name != tag:
                self._pop()
        self._pop()

    def _pop(self) -> None:
        node = self.stack.pop()
        if node.name in PRESERVE_WHITESPACE:
            self.preserve -= 1
        if node.name in CONTAINERS:
            self.containers.pop()

    def data(self, text: str) -> None:
        self.buffer.append(text)

    def comment(self, text: str) -> None:
        self._end_data()

    def pi(self, target: str, data: str) -> None:
        self._end_data()

    def doctype(self, name: str, pubid: str, system: str) -> None:
        self._end_data()

    def close(self) -> None:
        return None


def _feed(markup: str | bytes, encoding: str | None) -> _Builder:
    builder = _Builder()
    try:
        parser = etree.HTMLParser(target=builder, recover=True, encoding=encoding)
        parser.feed(markup)
        parser.close()
    except (UnicodeDecodeError, LookupError, etree.ParserError) as exc:
        raise ParserRejectedMarkup(exc) from exc
    builder._end_data()
    return builder


def parse(text: str) -> tuple[Node, list[Node]]:
    """The document's root and every element in document order.

    Raises ``bs4``'s ``ParserRejectedMarkup`` where BeautifulSoup would.
    """
    if text and text[0] == "\ufeff":
        text = text[1:]
    rejections: list[ParserRejectedMarkup] = []
    for markup, encoding in ((text, None), (text.encode("utf8"), "utf8")):
        try:
            builder = _feed(markup, encoding)
        except ParserRejectedMarkup as exc:
            rejections.append(exc)
            continue
        root, elements = builder.root, builder.elements
        # lxml's parser and its target live in a reference cycle: the builder must not
        # hold the tree, or only the collector could free it.
        del builder.root, builder.elements, builder.stack
        return root, elements
    raise ParserRejectedMarkup(
        "The markup you provided was rejected by the parser. Trying a different parser or "
        "a different encoding may help.\n\nOriginal exception(s) from parser:\n "
        + "\n ".join(str(e) for e in rejections)
    )


def release(elements: list[Node]) -> None:
    """Break the parent links, so the tree is freed as soon as it is dropped (no cycles
    left for the collector to find)."""
    for node in elements:
        node.parent = None
