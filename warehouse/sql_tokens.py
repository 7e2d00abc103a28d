"""SQL text in tokens as DuckDB's parser reads it: the one walk over statement text
behind every check of it (:func:`warehouse.sandbox.refuse_calls`,
:mod:`warehouse.lake_statements`, :func:`warehouse.view_writes.written`,
:mod:`warehouse.sql_parse_cost`). One statement of ``pressroom sql`` is read once: the
session hands the checks one :class:`SqlText`, whose tokens are made when a check first
asks for them (c51; each check took the text and read it again, up to four times).

DuckDB's own scanner says where each token starts and what it is (``duckdb.tokenize``),
but not on the text its parser reads, and not where a token ends:

* the parser first turns the Unicode spaces it knows (U+00A0, U+2000-U+200B, U+202F,
  U+205F, U+2060, U+3000, U+FEFF) outside quotes and ``--`` comments into ASCII spaces
  (``Parser::StripUnicodeSpaces``), so ``FROM<U+00A0>query(...)`` calls ``query``, where
  ``duckdb.tokenize`` reads one identifier; :func:`parser_text` does the same, byte for
  byte (its quirks too: a quote inside a ``/* */`` comment counts as one);
* the parser reads a C string: nothing after a NUL character is read, so neither is it here;
* ``duckdb.tokenize`` gives UTF-8 byte offsets (here: characters, the same in the text
  given and the text read, one space standing for one Unicode space), and each token runs
  on to the next one's start, comments and white space included. Here a quoted string or
  identifier is scanned to its closing quote (``''`` and ``""`` doubled, ``E''``'s
  backslashes, ``$tag$``, a string continued on the next line), any other token stops at
  white space or a comment, and what lies between tokens must be white space or comments
  (nested ``/* */``, ``--`` to the end of a line): anything else is where DuckDB's
  scanner stopped (an unterminated string, ``U&''``), one ``unlexed`` token to the end, a
  text that does not parse and so never runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import duckdb

Kind = Literal["keyword", "word", "quoted", "string", "number", "symbol", "unlexed"]

_SPACE = " \t\n\r\f\v"
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# The characters parser_text may change: the Unicode spaces _unicode_spaces finds (its
# UTF-8 sequences, as code points; keep the two alike) and NUL. None in the text: no work.
_STRIPPED = re.compile("[\u00a0\u2000-\u200b\u202f\u205f\u2060\u3000\ufeff\x00]")
_KIND_NAMES = {int(kind): name for name, kind in duckdb.token_type.__members__.items()}
# A dollar quote's delimiter: $$ or $tag$ (a tag: letters, digits, _ and any non-ASCII).
DOLLAR = re.compile(r"\$(?:[A-Za-z_\x80-\U0010ffff][A-Za-z_0-9\x80-\U0010ffff]*)?\$")


@dataclass(frozen=True, slots=True)
class Token:
    """One token: ``kind``; ``text`` as the parser reads it; ``start``/``end``, character
    offsets into the SQL given (comments and white space lie between tokens)."""

    kind: Kind
    text: str
    start: int
    end: int

    @property
    def name(self) -> str:
        """A keyword or identifier as DuckDB compares names: a quoted identifier without
        its quotes, ASCII letters lower-cased (other letters are not folded)."""
        text = self.text
        if self.kind == "quoted" and len(text) > 1 and text.endswith('"'):
            text = text[1:-1].replace('""', '"')
        return text.translate(_ASCII_LOWER)

    def is_symbol(self, text: str) -> bool:
        """Whether this is the punctuation or operator ``text``."""
        return self.kind == "symbol" and self.text == text


class SqlText:
    """A statement's text and its tokens (:func:`sql_tokens`), read at most once: the
    first check that asks reads them, the others share the list (a check that needs no
    tokens, a text without ``group`` read-only, costs nothing)."""

    __slots__ = ("_tokens", "sql")

    def __init__(self, sql: str) -> None:
        self.sql = sql
        self._tokens: list[Token] | None = None

    @property
    def tokens(self) -> list[Token]:
        """The tokens of :attr:`sql`, read on first use."""
        if self._tokens is None:
            self._tokens = sql_tokens(self.sql)
        return self._tokens


def read_once(sql: str | SqlText) -> SqlText:
    """``sql`` as a :class:`SqlText` (the one given, or a new one for a bare string)."""
    return sql if isinstance(sql, SqlText) else SqlText(sql)


def sql_tokens(sql: str) -> list[Token]:
    """The tokens of ``sql`` as DuckDB's parser reads them, comments dropped (see the
    module doc). Raises UnicodeEncodeError for text that is not Unicode (a lone
    surrogate): DuckDB takes no such text."""
    text = parser_text(sql)
    data = text.encode("utf-8")
    starts: list[tuple[int, str]] = []
    byte_at, char_at, ascii_only = 0, 0, text.isascii()  # ASCII: bytes are characters
    for byte_start, duckdb_kind in duckdb.tokenize(text):
        if ascii_only:
            char_at = byte_start
        else:
            char_at += len(data[byte_at:byte_start].decode("utf-8"))
            byte_at = byte_start
        kind = _KIND_NAMES[int(duckdb_kind)]  # pybind11's enum == and .name: slow (k49b)
        if kind != "comment":
            starts.append((char_at, kind))
    tokens: list[Token] = []
    position = _skip_gap(text, 0)
    for i, (start, kind) in enumerate(starts):
        limit = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        if position < start:  # DuckDB read a token where this walk saw none
            tokens.append(Token("unlexed", text[position:start], position, start))
        end = min(_token_end(text, start, kind, limit), limit)
        tokens.append(Token(_kind(kind, text[start:end]), text[start:end], start, end))
        position = _skip_gap(text, end)
    if position < len(text):  # DuckDB's scanner stopped: the rest does not parse
        tokens.append(Token("unlexed", text[position:], position, len(text)))
    return tokens


def parser_text(sql: str) -> str:
    """``sql`` as DuckDB's parser reads it: its Unicode spaces outside quotes and ``--``
    comments made ASCII spaces (DuckDB 1.5's ``Parser::StripUnicodeSpaces``, ported on
    the UTF-8 bytes with its bounds), and nothing after a NUL."""
    if not _STRIPPED.search(sql):  # none of those spaces, no NUL: the text as given
        return sql
    data = sql.encode("utf-8")
    spaces = _unicode_spaces(data)
    if spaces:
        parts, previous = [], 0
        for at, size in spaces:
            parts += [data[previous:at], b" "]
            previous = at + size
        parts.append(data[previous:])
        sql = b"".join(parts).decode("utf-8")
    return sql.split("\x00", 1)[0]


def _unicode_spaces(q: bytes) -> list[tuple[int, int]]:
    """(byte offset, length) of each Unicode space DuckDB's parser makes an ASCII space."""
    n, pos, found = len(q), 0, []
    while pos + 2 < n:  # regular text
        c, c1, c2 = q[pos], q[pos + 1], q[pos + 2]
        if c == 0xC2 and c1 == 0xA0:
            found.append((pos, 2))
        if c == 0xE2:
            if (c1 == 0x80 and (0x80 <= c2 <= 0x8B or c2 == 0xAF)) or \
                    (c1 == 0x81 and c2 in (0x9F, 0xA0)):
                found.append((pos, 3))
        elif (c == 0xE3 and c1 == 0x80 and c2 == 0x80) or (c == 0xEF and c1 == 0xBB and c2 == 0xBF):
            found.append((pos, 3))
        elif c in b"\"'":  # quoted: to the closing quote (doubled quotes skipped)
            pos += 1
            while pos + 1 < n and not (q[pos] == c and q[pos + 1] != c):
                pos += 2 if q[pos] == c else 1
            if pos + 1 >= n:
                break
            pos += 1
            continue
        elif c == 0x24 and (c1 == 0x24 or _tag_char(c1, first=True)):  # $tag$ ... $tag$
            pos += 1
            start = pos
            while pos + 2 < n and q[pos] != 0x24 and _tag_char(q[pos], first=False):
                pos += 1
            if pos + 2 >= n:
                break
            if q[pos] != 0x24:
                continue  # no tag after all: read on as regular text from here
            closing = b"$" + q[start:pos] + b"$"
            while pos + 2 < n and not (q[pos] == 0x24 and q.startswith(closing, pos)):
                pos += 1
            if pos + 2 >= n:
                break
            pos += len(closing) - 1
            continue
        elif c == 0x2D and c1 == 0x2D:  # -- to the end of the line
            while pos < n and q[pos] not in b"\n\r":
                pos += 1
            if pos >= n:
                break
            continue
        pos += 1
    return found


def _tag_char(byte: int, *, first: bool) -> bool:
    return (0x41 <= byte <= 0x5A or 0x61 <= byte <= 0x7A or byte == 0x5F or byte >= 0x80
            or (not first and 0x30 <= byte <= 0x39))


def _kind(duckdb_kind: str, text: str) -> Kind:
    if duckdb_kind == "string_const":
        return "string"
    if duckdb_kind == "numeric_const":
        return "number"
    if duckdb_kind == "identifier":
        return "quoted" if text.startswith('"') else "word"
    if duckdb_kind == "keyword" and text[:1].isascii() and (text[:1].isalpha() or text[:1] == "_"):
        return "keyword"
    return "symbol"  # operators, parameters, and DuckDB's keywords that are no words (::)


def _token_end(text: str, start: int, kind: str, limit: int) -> int:
    """Where the token DuckDB starts at ``start`` ends (before ``limit``, the next one)."""
    if kind == "string_const":
        return string_end(text, start)
    if kind == "identifier" and text.startswith('"', start):
        close = start + 1
        while (close := text.find('"', close)) != -1 and text.startswith('""', close):
            close += 2
        return len(text) if close == -1 else close + 1
    end = start + 1
    while end < limit and text[end] not in _SPACE and not text.startswith(("--", "/*"), end):
        end += 1
    return end


def string_end(text: str, start: int) -> int:
    """The end of the string constant at ``start``: '...', E'...', X'...', B'...' (each
    continued by a quote on a later line: SQL's ``'a'<newline>'b'``) or $tag$...$tag$."""
    dollar = DOLLAR.match(text, start)
    if dollar:
        close = text.find(dollar.group(), dollar.end())
        return len(text) if close == -1 else close + len(dollar.group())
    escapes = text[start] in "eE"
    doubled = text[start] not in "xXbB"
    i = start if text[start] == "'" else start + 1
    while True:
        i += 1
        while i < len(text):
            if (escapes and text[i] == "\\") or (doubled and text.startswith("''", i)):
                i += 2  # a backslash's character, or a doubled quote
            elif text[i] == "'":
                break
            else:
                i += 1
        if i >= len(text):
            return len(text)
        i += 1
        following = _continued(text, i)
        if following is None:
            return i
        i = following


def _continued(text: str, i: int) -> int | None:
    """The quote that continues a string closed before ``i``: white space holding a line
    break (``--`` comments allowed, each ended by a line break after it), then a quote."""
    newline = False
    while i < len(text):
        c = text[i]
        if c in "\n\r":
            newline, i = True, i + 1
        elif c in " \t\f":
            i += 1
        elif text.startswith("--", i):  # to the line's end (one pass: no find per stop)
            while i < len(text) and text[i] not in "\n\r":
                i += 1
        elif c == "'" and newline:
            return i
        else:
            return None
    return None


def _skip_gap(text: str, i: int) -> int:
    """Past the white space and comments (nested ``/* */``, ``--`` to a line's end) at ``i``."""
    while i < len(text):
        if text[i] in _SPACE:
            i += 1
        elif text.startswith("--", i):
            while i < len(text) and text[i] not in "\n\r":
                i += 1
        elif text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < len(text) and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
        else:
            return i
    return i
