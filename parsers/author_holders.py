"""Category "the copyright holder declared as author" (a39): a CMS that fills the author
meta with the publisher. Condé Nast's sites (wired.com, wired.jp, pitchfork.com,
newyorker.com) declare ``<meta name="author" content="Condé Nast">`` beside
``<meta name="copyright" content="Copyright (c) Condé Nast 2022">`` and name the writer in
``article:author`` and the printed byline. The holder a page's rights metadata names is
the page's publisher: as a declared author it is weak, and a person declared under
another key beats it (``author_declared.beats_weak``). A printed line does not: on a
wire page that declares "The Sports Network" as author and holder, "Top Shelf by Dan Di
Sciullo" in the menu is another piece's byline (second set, googlenews).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from parsers.metadata import PageMeta, fold

# Meta keys that state the page's rights (HTML's "copyright", Dublin Core's rights).
COPYRIGHT_KEYS = ("copyright", "dc.rights", "dcterms.rights")
# What surrounds the holder in a rights line: "Copyright", the (c)/© mark, years and
# year ranges, "All rights reserved" ("Copyright (c) Condé Nast 2022",
# "© 2019-2024 The Daily Planet. All rights reserved.").
RIGHTS_WORDS_RE = re.compile(
    r"\bcopyright\b|©|&copy;|\(c\)|\b\d{4}(?:\s*[-–]\s*\d{4})?\b|\ball rights reserved\b",
    re.IGNORECASE,
)
EDGE_CHARS = " .,;:|-–—"
# A holder longer than this is a sentence (a licence text), not a name.
MAX_HOLDER_WORDS = 6
MAX_HOLDERS = 4


def copyright_holders(meta: PageMeta) -> list[str]:
    """The names the page's rights metadata gives as the holder: the ``copyright`` (or
    Dublin Core rights) meta with its mark, years and "All rights reserved" removed, and a
    JSON-LD ``copyrightHolder``'s name."""
    holders = [h for raw in meta.all(*COPYRIGHT_KEYS)[:MAX_HOLDERS] if (h := _holder(raw))]
    declared: Any = meta.ld_main.get("copyrightHolder")
    for obj in declared if isinstance(declared, list) else [declared]:
        name = obj.get("name") if isinstance(obj, dict) else obj
        if isinstance(name, str) and (holder := _holder(name)):
            holders.append(holder)
    return holders[:MAX_HOLDERS]


def _holder(raw: str) -> str | None:
    """The holder's name in one rights line, ``None`` when nothing name-like is left."""
    text = " ".join(RIGHTS_WORDS_RE.sub(" ", raw).split()).strip(EDGE_CHARS)
    if not text or len(text.split()) > MAX_HOLDER_WORDS or not any(c.isalpha() for c in text):
        return None
    return text


# A site's printed rights notice: a line led by "Copyright", (c) or © that says "All rights
# reserved" ("© mediagene Inc. All Rights Reserved."); a picture's "© Jane Doe" credit does
# not say it, and its holder is a person who may be an author.
PRINTED_RIGHTS_RE = re.compile(r"^\s*(?:copyright\b|©|\(c\))", re.IGNORECASE)
RESERVED_RE = re.compile(r"\ball rights reserved\b", re.IGNORECASE)
MAX_RIGHTS_CHARS = 200


def printed_holders(lines: Iterable[str]) -> list[str]:
    """The holders the page's printed rights notices name (``PRINTED_RIGHTS_RE`` and
    ``RESERVED_RE``, at most ``MAX_RIGHTS_CHARS``)."""
    return [
        holder
        for line in lines
        if len(line) <= MAX_RIGHTS_CHARS
        and PRINTED_RIGHTS_RE.match(line)
        and RESERVED_RE.search(line)
        and (holder := _holder(line))
    ][:MAX_HOLDERS]


def without_holders(names: list[str], holders: frozenset[str]) -> list[str]:
    """Category "the publisher among the declared authors" (a39, gizmodo.jp: two author
    metas, "mediagene Inc." and the writer; the footer "© mediagene Inc. All Rights
    Reserved."): ``names`` without those the page's rights name as holder (``holders``,
    folded), when someone else is left."""
    rest = [n for n in names if fold(n) not in holders]
    return rest or names
