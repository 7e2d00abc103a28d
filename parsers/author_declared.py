"""Declared authors against each other and against the printed byline (a39): which of
them the page means. ``parsers.bylines`` reads the names; these rules choose."""

from __future__ import annotations

from parsers import authors as author_rules
from parsers.metadata import fold


def beats_weak(names: list[str], found: list[str], publishers: frozenset[str]) -> bool:
    """Category "the publisher in the author meta, the writer in another key": ``author``
    = "Condé Nast", the holder the page's copyright meta names (``parsers.author_holders``),
    and ``article:author`` = the writer (Condé Nast's sites: wired.com, wired.jp,
    pitchfork.com, newyorker.com). A later key's ``names`` beat an earlier key's ``found``
    when every earlier name is weak (the site or its holder, folded in ``publishers``, a
    handle, an admin account: ``authors.is_weak``) and some later one is not. Not when the
    later names are one earlier name split in two (a blog owner holding the copyright,
    ``author`` "Jane Doe", ``dc.creator`` "Doe, Jane": ``one_printed_name``; k39b)."""
    weak = author_rules.is_weak
    return (
        all(weak(n, publishers) for n in found)
        and any(not weak(n, publishers) for n in names)
        and not one_printed_name(names, found)
    )


def one_printed_name(declared: list[str], printed: list[str]) -> bool:
    """Category "a surname-first declared name split in two": a declared "Gillman, Steve"
    (the citation order, in a Parse.ly or CMS author value) reads as two people, "Gillman"
    and "Steve"; the byline prints "by Steve Gillman". The declared names, each one word,
    are together the words of one printed name, so the printed name is meant. Two real
    one-word co-authors ("Smith, Jones") are split as before: no printed name is made of
    both."""
    if len(declared) < 2 or any(len(name.split()) != 1 for name in declared):
        return False
    words = sorted(fold(name) for name in declared)
    return any(sorted(fold(w) for w in name.split()) == words for name in printed)
