"""Authors from a byline element's text pieces: which piece is the name, which the role,
the bio, a reviewer or a co-author in a sibling link (``parsers.author_names`` cleans each name)."""

from __future__ import annotations

import re
from itertools import islice, takewhile

from parsers.author_boxes import is_name_element
from parsers.author_cjk import LIST_SEPARATORS, cjk_names
from parsers.author_words import ENGLISH, Words, is_label, unmarked
from parsers.authors import (
    BY_PREFIX_RE,
    MAX_LOOSE_WORDS,
    NOT_NAME_WORDS,
    REVIEWER_RE,
    ROLE_RE,
    ROLE_TAIL_RE,
    ROLE_WORD_RE,
    is_dateline,
    looks_like_person,
    split_byline,
)
from parsers.scan import clean_text
from parsers.tree import Node

# A piece ending in a conjunction announces another name ("Jane Doe and").
ENDS_WITH_AND_RE = re.compile(r"(?:,|&|\band)\s*$", re.IGNORECASE)
# "This post was written by Jane Doe, Head of ...": the byline inside a sentence.
INNER_BY_RE = re.compile(r"\b(?:written|authored|posted|reported)\s+by\s*:?\s+", re.IGNORECASE)
INLINE_BYLINE_TAGS = frozenset({"a", "span"})
MAX_PIECE_CHARS = 100
MAX_NAME_ELEMENTS = 4


def _is_loose_name(name: str) -> bool:
    """A name printed right after "By" or in a name-only element: any short name."""
    words = name.split()
    return (
        len(name) > 2
        and len(words) <= MAX_LOOSE_WORDS
        and not any(w.casefold() in NOT_NAME_WORDS for w in words)
    )


def _strip_role_tail(text: str) -> str:
    """ "Rachel MacDonald Writer" -> "Rachel MacDonald", but "Newsroom Staff" stays whole."""
    stripped = ROLE_TAIL_RE.sub("", text)
    return stripped if len(stripped.split()) >= 2 else text


def names_from_strings(
    strings: list[str],
    *,
    relaxed: bool = False,
    reviewers: list[str] | None = None,
    words: Words = ENGLISH,
) -> list[str]:
    """Authors from the text pieces of a byline element.

    The first name-like piece is the author; more follow only after a
    conjunction piece ("and", ","), so roles printed after the name are left out.
    ``relaxed`` (the element holds only the name) accepts any short name, as does
    a piece after a "By" label or prefix. Names after "Reviewed by" are not authors;
    they go to ``reviewers`` when it is given.
    """
    names: list[str] = []
    expect_more = True
    after_label = named_after_label = False
    in_review = False
    for raw in strings:
        piece = clean_text(unmarked(raw))
        if not piece:
            continue
        if len(piece) > MAX_PIECE_CHARS:
            break  # a sentence: the bio has started
        if is_dateline(piece) and not after_label:
            # "FROM WASHINGTON" (``author_names.is_dateline``): no name, though "From" is a "By";
            # after a "By" label ("By" / "On Yee", a37) the piece is a name.
            if names:
                break
            continue
        if words.split_re.fullmatch(" " + piece + " ") or (
            piece.casefold() in ("and", "&", ",") or piece in LIST_SEPARATORS
        ):
            expect_more = True
            continue
        if names and not named_after_label and is_label(piece, words):
            # Category "kicker before the By": "Tech Industry / by / Steven Musil": what
            # came before the label was a section or source, not the writer.
            names, expect_more = [], True
        if not expect_more:
            break
        if review := REVIEWER_RE.search(piece):
            if names:
                break  # the writer came first; the reviewer is not a co-author
            rest = piece[review.end() :]
            # "Reviewed by" alone: the reviewer's name is the next piece.
            in_review = not rest
            if reviewers is not None:
                reviewers.extend(takewhile(looks_like_person, split_byline(rest, words)))
            continue
        if is_label(piece, words):
            after_label = True
            continue
        if names and ROLE_WORD_RE.search(piece):
            break  # "Jane Doe", ",", "Senior Editor": the title, not a second author
        unprefixed = BY_PREFIX_RE.sub("", piece)
        if words.by_prefix_re is not None:
            unprefixed = words.by_prefix_re.sub("", unprefixed)
        if unprefixed == piece and (inner := INNER_BY_RE.search(piece)):
            unprefixed = piece[inner.end() :]
        loose = relaxed or after_label or unprefixed != piece
        # The role after a comma goes first: "Jane Doe, Daily Planet Staff Writer".
        parts = split_byline(
            _strip_role_tail(ROLE_RE.sub("", unprefixed) or unprefixed),
            words,
            after_by=after_label or (unprefixed != piece and piece[:4].casefold() != "from"),
        )
        # After a "By" label a handle ("BeauHD") or a team ("the Acme Team") is a name
        # too; later parts must look like people, and the first that does not starts the
        # title ("Jane Doe, Head of Marketing and Community Development").
        # A CJK name ("松村太郎") has no capitalised words: a piece of a byline element
        # that is one, or lists several ("张伟、李娜"), names writers, first or after other
        # CJK names (``author_cjk.cjk_names``, a40, k40a).
        found: list[str] = []
        cjk_found: set[str] = set()
        for n in parts:
            if (people := cjk_names(n, words.language)) and all(f in cjk_found for f in found):
                cjk_found.update(people)
                found.extend(people)
                continue
            if not (looks_like_person(n) or (not found and loose and _is_loose_name(n))):
                break
            found.append(n)
        after_label = False
        if in_review:
            in_review = not found
            if reviewers is not None:
                reviewers.extend(found)
            continue
        if found:
            named_after_label = named_after_label or loose
            names.extend(found)
            expect_more = ENDS_WITH_AND_RE.search(piece) is not None
        elif names:
            break
    return names


def names_from_tag(
    tag: Node, strings: list[str], reviewers: list[str] | None = None, words: Words = ENGLISH
) -> list[str]:
    """Authors from a byline element's text pieces ``strings`` (see ``names_from_strings``).

    When the markup marks the element as the name itself (``itemprop=author``,
    ``rel=author``, a class like ``author-name``), a one-word or brand name counts too.
    """
    if not is_name_element(tag):
        # Category "name element inside an author box": "Tech Insider / Alex Perry /
        # 1 day ago", where the markup marks which piece is the person.
        # The first such element that holds a person's name names the writer (a brand
        # in the same list, "Corti", does not); co-authors printed beside it join through
        # ``with_co_authors``, while a reviewer or editor box further on does not.
        for inner in islice(tag.find_all(is_name_element), MAX_NAME_ELEMENTS):
            found = names_from_strings(list(inner.stripped_strings), words=words)
            if found:
                return with_co_authors(inner, found, MAX_NAME_ELEMENTS * 2, words)
    return names_from_strings(
        strings, relaxed=is_name_element(tag), reviewers=reviewers, words=words
    )


def with_co_authors(
    tag: Node, names: list[str], max_pieces: int, words: Words = ENGLISH
) -> list[str]:
    """``names`` from one inline byline element, plus co-authors in its sibling links.

    "<a>Jane Doe</a>, <a>John Roe</a> & <a>Ann Poe</a>": each link holds one name,
    the line around them holds them all. The line counts only if it starts with
    the element's own names, so a menu around an author link adds nothing.
    """
    parent = tag.parent
    if tag.name not in INLINE_BYLINE_TAGS or parent is None:
        return names
    strings = list(islice(parent.stripped_strings, max_pieces))
    line = names_from_strings(strings, words=words)
    return line if len(line) > len(names) and line[: len(names)] == names else names
