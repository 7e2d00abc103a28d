"""Categories of bench/body_snippets.py's cases: where the needle sits in the snippet.

The first category whose tag names or class/id words hold the needle's element or one of
its ancestors wins; a needle found in no text node (a tag name, an attribute, words glued
across tags) has its own category.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, Tag

if TYPE_CHECKING:
    from bench.body_snippets import Case

# The needle's place in the snippet, first match wins: (name, tag names, class/id words).
CATEGORIES: tuple[tuple[str, frozenset[str], re.Pattern[str] | None], ...] = (
    ("comments", frozenset(), re.compile(r"comment|repl(y|ies)|respond|disqus", re.I)),
    ("navigation", frozenset({"nav", "menu"}), re.compile(r"nav|menu|breadcrumb", re.I)),
    ("footers", frozenset({"footer"}), re.compile(r"footer", re.I)),
    (
        "share/teaser/related blocks",
        frozenset(),
        re.compile(r"share|social|teaser|related|newsletter|subscri|promo|advert|ad-", re.I),
    ),
    ("asides", frozenset({"aside"}), re.compile(r"sidebar|aside", re.I)),
    ("code", frozenset({"pre", "code", "kbd", "samp", "tt"}), None),
    ("tables", frozenset({"table", "td", "th", "tr", "caption"}), None),
    ("captions", frozenset({"figure", "figcaption"}), re.compile(r"caption", re.I)),
    ("headings", frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "summary"}), None),
    ("lists", frozenset({"ul", "ol", "li", "dl", "dt", "dd"}), None),
    ("quotes", frozenset({"blockquote", "q"}), None),
    ("links", frozenset({"a"}), None),
    ("header", frozenset({"header"}), re.compile(r"header", re.I)),
    ("hidden", frozenset({"script", "style", "noscript", "template"}), re.compile(r"hidden")),
)


def _holder(doc: str, needle: str) -> Tag | None:
    soup = BeautifulSoup(doc, "html.parser")
    probe = " ".join(needle.split())[:40]
    for string in soup.find_all(string=True):
        if probe and probe in " ".join(str(string).split()) and isinstance(string.parent, Tag):
            return string.parent
    for tag in reversed(soup.find_all(True)):  # the needle spans tags: the smallest holder
        if probe in " ".join(tag.get_text(" ").split()):
            return tag
    return None


def category(case: Case) -> str:
    """The needle's category (first match of CATEGORIES up its element's ancestors)."""
    holder = _holder(case.doc, case.needle)
    if holder is None:
        return "not in the snippet's text (a tag name, an attribute, glued words)"
    chain = [holder, *holder.parents]
    for name, tags, words in CATEGORIES:
        for tag in chain:
            if not isinstance(tag, Tag) or tag.name == "[document]":
                continue
            marks = f"{tag.get('class')} {tag.get('id')}"
            if tag.name in tags or (words is not None and words.search(marks)):
                return name
    return "plain text (paragraphs, divs, wild text)"
