"""Markup hints of a byline holder beyond the class words ``scan.AUTHOR_HINTS`` reads (a58,
issue 17; the hints are those trafilatura's metadata tests list, ``bench/metadata_snippets.py``).

The hints (``is_markup_hint``, asked by ``parsers.scan`` of every element):
- an ``id`` that names the author: ``id="author"``, ``id="author-name"`` (``authorName``,
  ``author_name``); not ids that only hold the word ("author-bio", "comment-author",
  "co-authors-plus-css"), which name a box, a commenter or a stylesheet;
- ``data-component`` holding "byline" (the Guardian's "meta-byline", the BBC's
  "byline-block", Guardian r2's "Byline");
- ``data-testid`` naming the author's name or link (``AuthorURL``, ``author-name``,
  ``byline-author``), not its picture, bio or social links;
- the custom ``<author>`` element.

Not read: a "submitted-by" / "posted-by" class (Drupal, blog themes). On the open sets it
named nobody new and 5 pages wrongly ("Posted by Ree in | Pioneer Woman" -> "Ree in",
"Ed Brill | Highland Park, IL USA" -> "IL USA"); nor "username", a commenter's or the
signed-in reader's name on news pages (a58 in docs/BENCHMARKS.md).

A hint that names the name itself (``is_name_hint``: the id and test ids ending in "name",
"url" or "link") is a name element (``author_boxes.is_name_element``), as a class
``author-name`` is.

The guards such a hint must pass are ``parsers.author_hint_guards``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

AUTHOR_ID_RE = re.compile(r"author(?:[-_]?name)?", re.IGNORECASE)
BYLINE_COMPONENT = "byline"
AUTHOR_TESTID_RE = re.compile(
    r"(?:author|byline)(?:[-_]?(?:name|url|link))?|byline[-_]?author", re.IGNORECASE
)
NAME_HINT_RE = re.compile(r"author[-_]?(?:name|url|link)|byline[-_]?author", re.IGNORECASE)
AUTHOR_ELEMENT = "author"
# The attributes a hint is in: ``scan`` asks ``is_markup_hint`` only of an element holding
# one of them, or of an <author> (one C-level test per element instead of a call).
HINT_ATTRS = frozenset({"id", "data-component", "data-testid"})

def is_markup_hint(name: str, attrs: Mapping[str, str]) -> bool:
    """The element is marked as a byline holder by one of the hints above."""
    if name == AUTHOR_ELEMENT:
        return True
    if not attrs:
        return False
    element_id = attrs.get("id")
    if element_id is not None and AUTHOR_ID_RE.fullmatch(element_id):
        return True
    component = attrs.get("data-component")
    if component is not None and BYLINE_COMPONENT in component.lower():
        return True
    testid = attrs.get("data-testid")
    return testid is not None and AUTHOR_TESTID_RE.fullmatch(testid) is not None


def is_name_hint(attrs: Mapping[str, str]) -> bool:
    """The hint marks the name itself: ``id="author-name"``, ``data-testid="AuthorURL"``."""
    return any(
        (value := attrs.get(key)) is not None and NAME_HINT_RE.fullmatch(value) is not None
        for key in ("id", "data-testid")
    )
