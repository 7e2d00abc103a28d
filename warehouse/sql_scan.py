"""SQL text that DuckDB's scanner would read for minutes, refused before it reads it (s50).

DuckDB's scanner (flex, from PostgreSQL's ``scan.l``) reads an operator, and a comment's
``/*`` (``xcstart``: ``/\\*{op_chars}*``), as far as the operator characters
``~!@#^&|`?+-*/%<>=`` go, then gives back all but what the token keeps (``yyless``) and
starts again there. A run of them that splits into many tokens is read again from each:
``/*`` nested without spaces (``/*/*/*...*/*/*/``), side by side (``/**//**/...``, also
inside a comment), or ``+`` and ``-`` (an operator gives back its trailing ones).
DuckDB 1.5.5 (docs/BENCHMARKS.md, "s50"): 8,000 nested ``/*`` take 6.7 s, 16,000 about
27 s, and 2,000 ``+`` in a row 8 s (cubic); the parser is not interruptible, so neither
``--timeout`` nor Ctrl-C stops it, and :func:`warehouse.sql_tokens.sql_tokens` (which
calls ``duckdb.tokenize``) is as slow. Depth alone costs nothing: 8,000 nested comments
with a space after each ``/*`` parse in a millisecond; deep parentheses, ``NOT`` and
unary chains, ``CASE`` and subqueries stop at DuckDB's expression depth or its parser's
stack, in milliseconds.

:func:`refuse_slow_scan` counts, in one pass, the token starts that re-read a run:
each ``/*`` (also inside a comment: ``/* /* */ */`` nests) and each ``+``/``-``
outside comments, in one unbroken run of operator characters; strings (``'...'``,
``E'...'`` with its backslashes, ``$tag$...$tag$``), quoted names and ``--`` comments are
no operators (DuckDB reads them once), and a quote or ``--`` inside a ``/* */``
comment is part of the comment. It reads the text DuckDB's parser reads (its Unicode
spaces made ASCII spaces: U+00A0 then ``E'\\''`` is an E string there) and its numbers as
flex does (``1_E'`` is 1, a name, a plain string), k50s. :data:`MAX_RUN_STARTS` (32) is
ten times more than real SQL writes in one run (``a*-1``, ``x<>-1``, ``/**/``, a banner
``/*****/``: one to three); at 32, a 128 KiB statement (Linux's limit for one argument)
made only of such runs is read in half a second (0.49 s of 32 ``+`` runs, 0.12 s of 32
nested ``/*``).
"""

from __future__ import annotations

import re

from pressroom.errors import QueryRefused
from warehouse.sql_tokens import DOLLAR, parser_text, string_end

MAX_RUN_STARTS = 32
_OPERATOR = frozenset("~!@#^&|`?+-*/%<>=")
_DIGITS = "0123456789"
# DuckDB's scanner's numbers (scan.l): {integer} is digits with single '_' between them,
# {decimal} an integer with '.' and an optional integer, or '.' and an integer, {real}
# either with [Ee][-+]?{integer}; a number then '..' is the integer alone (1..2).
_INTEGER = re.compile(r"[0-9](?:_?[0-9])*")
_REAL = re.compile(r"(?:[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)"
                   r"[Ee][-+]?[0-9](?:_?[0-9])*")
_DECIMAL = re.compile(r"[0-9](?:_?[0-9])*\.(?:[0-9](?:_?[0-9])*)?|\.[0-9](?:_?[0-9])*")
_WORD = re.compile(r"[A-Za-z0-9_$\x80-\U0010ffff]*")  # an identifier's rest
_PLAIN = re.compile(r"[^~!@#^&|`?+\-*/%<>='\"$A-Za-z0-9_.\x80-\U0010ffff]+")  # spaces, (),;
_IN_COMMENT = re.compile(r"[^~!@#^&|`?+\-*/%<>=]+")  # a comment's text between operators


def _word_char(c: str) -> bool:
    """A character an identifier goes on with (letters, digits, ``_``, ``$``, non-ASCII)."""
    return c.isalnum() or c in "_$" or not c.isascii()


def refuse_slow_scan(sql: str) -> None:
    """Raise QueryRefused if a run of operator characters in ``sql`` holds more than
    :data:`MAX_RUN_STARTS` token starts (see the module doc). One pass over the text."""
    at = run_starts(sql)
    if at is not None:
        raise QueryRefused(
            f"refused: more than {MAX_RUN_STARTS} '/*', '+' or '-' in one run of operator "
            f"characters (at character {at + 1}): DuckDB's scanner re-reads the run from "
            "each, for minutes and past --timeout; put spaces between them")


def run_starts(sql: str) -> int | None:
    """Where (a character offset) the first run of operator characters in ``sql`` holding
    more than :data:`MAX_RUN_STARTS` token starts reaches its limit; None if none does.
    Read on the text DuckDB's parser reads (:func:`~warehouse.sql_tokens.parser_text`:
    its Unicode spaces are ASCII spaces there, k50s), one character for one."""
    text = parser_text(sql)
    n = len(text)
    i, depth, starts = 0, 0, 0
    while i < n:
        c = text[i]
        if c in _OPERATOR:
            if c == "/" and text.startswith("/*", i):
                depth, starts, i = depth + 1, starts + 1, i + 2
            elif depth and c == "*" and text.startswith("*/", i):
                depth, i = depth - 1, i + 2
            elif not depth and c == "-" and text.startswith("--", i):
                starts = 0
                while i < n and text[i] not in "\n\r":  # -- to the end of the line
                    i += 1
                continue
            else:
                starts += 1 if not depth and c in "+-" else 0
                i += 1
            if starts > MAX_RUN_STARTS:
                return i - 1
            continue
        starts = 0  # any other character ends the run
        if depth:
            i = _past(_IN_COMMENT, text, i)
        elif c == "'":
            i = string_end(text, i)
        elif c == '"':  # a quoted name, "" doubled
            close = i + 1
            while (close := text.find('"', close)) != -1 and text.startswith('""', close):
                close += 2
            i = n if close == -1 else close + 1
        elif c == "$":  # $tag$...$tag$, or a parameter: $1, $1_2 (then $$ opens a string)
            i = string_end(text, i) if DOLLAR.match(text, i) else _past(_INTEGER, text, i + 1)
        elif c in _DIGITS or (c == "." and text[i + 1:i + 2].isdigit()):
            i = _number_end(text, i)
        elif _word_char(c):
            if c in "eE" and text.startswith("'", i + 1):  # E'...': backslashes escape
                i = string_end(text, i)
            else:  # an identifier or keyword; X'..', B'..', N'..' read on as '...'
                i = _past(_WORD, text, i + 1)
        else:
            i = max(_past(_PLAIN, text, i), i + 1)
    return None


def _past(pattern: re.Pattern[str], text: str, i: int) -> int:
    """The end of ``pattern``'s match at ``i`` (``i`` if none)."""
    found = pattern.match(text, i)
    return found.end() if found else i


def _number_end(text: str, i: int) -> int:
    """The end of the number DuckDB's scanner reads at ``i`` (``_INTEGER``'s comment):
    ``1_E'...'`` is 1, then the name ``_E``, then a plain string, and ``1E'...'`` is 1,
    then an E string (k50s: ``_`` read on past the digits hid an E string's end)."""
    found = _REAL.match(text, i) or _DECIMAL.match(text, i)
    if found and not text.startswith("..", found.end() - 1):  # 1..2: the integer alone
        return found.end()
    return max(_past(_INTEGER, text, i), i + 1)
