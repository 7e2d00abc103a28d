"""One line's space in the date patterns: a date is printed on one line of the page.

Category "a date read across two blocks" (q46, issue 17): the date finders read a page's
header, trailer and evidence text as its blocks joined by "\\n", and ``\\s`` matches that
"\\n", so a pattern read pieces of two lines as one date: a German figure "15.000 Menschen"
under "6. November 2023" as its clock 15:00, a year-less "Nov 6" ending one line and
"2019 was ..." starting the next as 6 November 2019, a byline "ET Bureau" under a date's
clock as its zone. ``one_line`` spells a pattern's ``\\s`` as ``[^\\S\\n]`` (any space but
the join), so every date pattern is read within one line. Where crossing a line is right
it is said apart: a date printed in pieces, one block each (a calendar leaf, a clock's or a
label's own block by its date line: ``date_pieces``), and a clock line under a two-digit-year
date (``date_printed.short_year_line``). A value read alone (a meta value, a ``<time>``'s
text) is one date whatever its markup's line breaks: ``dates.parse_date`` reads it with
``as_one_line``.
"""

from __future__ import annotations

# Whitespace other than the "\n" that joins two blocks.
SPACE = r"[^\S\n]"


def one_line(pattern: str) -> str:
    r"""``pattern`` with every ``\s`` outside a character class as ``SPACE``.

    A ``\s`` inside a class ("[\s,]") cannot be spelled so; it raises ``ValueError``, and the
    pattern writes ``(?:\s|,)`` instead.
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            pair = pattern[i : i + 2]
            if pair == r"\s":
                if in_class:
                    raise ValueError(f"\\s in a character class: {pattern[i - 10 : i + 10]!r}")
                out.append(SPACE)
            else:
                out.append(pair)
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            i += 1
            # A "]" first in the class (after an optional "^") is a literal.
            if pattern[i : i + 1] == "^":
                out.append("^")
                i += 1
            if pattern[i : i + 1] == "]":
                out.append("]")
                i += 1
            continue
        if char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    return "".join(out)


def as_one_line(value: str) -> str:
    """A value read alone (a meta value, a ``<time>``'s text) with its line breaks as spaces:
    the markup's wrapping, not two blocks."""
    return value.replace("\n", " ")

