"""Reading JSON-LD as leniently as its consumers do: the repairs for broken CMS output.

Strict JSON is tried first; the repairs run only when it fails (rare, so their
cost per character does not matter), and a value they cannot read is skipped
rather than guessed inside.
"""

from __future__ import annotations

import json
import re
from typing import Any

# Category "JSON-LD in an attribute": Next.js sites that pass their structured data
# through ``metadata.other["script:ld+json"]`` get ``<meta name="script:ld+json"
# content="{&quot;@type&quot;: ...}">``, no script; read after the page's real scripts.
JSONLD_META_NAME = "script:ld+json"
# Broken JSON-LD: places where reading may restart, and what is cut before reading.
MAX_JSONLD_RESTARTS = 20
# A line comment's indent is matched without line breaks: ``^\s*`` would run over every
# blank line after each line start and back again (minutes on 150k newlines).
JSONLD_WRAPPER_RE = re.compile(r"<!--|-->|<!\[CDATA\[|\]\]>|^[^\S\n]*//.*$", re.MULTILINE)
# A comma before a closing bracket (only cut once strict reading failed; the rare
# string that holds ",]" loses its comma, a price worth paying for the rest).
TRAILING_COMMA_RE = re.compile(r",(\s*[}\]])")
# Category "missing comma": a value ends a line and the next line starts a key or value.
MISSING_COMMA_RE = re.compile(r'((?<!\\)"|\d|true|false|null|[}\]])([ \t\r]*\n\s*)(?=["{\[])')
JSON_START_RE = re.compile(r"[{\[]")
# Characters after a closing quote that end a string (anything else: a quote inside it).
STRING_END_CHARS = frozenset(",:}]")
# Category "half a surrogate pair": a CMS that cuts a text inside an emoji escapes
# half of its UTF-16 pair ("\\ud83d"), which JSON decodes to a lone surrogate that
# UTF-8 (and so storage) refuses. Such an escape (an odd run of backslashes before
# ``u``: an even run is an escaped backslash) becomes U+FFFD before decoding; a whole
# pair is kept. The JSON-LD escapes are the only way text gets a lone surrogate:
# ``decode.check_text`` drops them from str input, and lxml and ``html.unescape`` turn
# ``&#xD83D;`` into U+FFFD.
SURROGATE_ESCAPE_RE = re.compile(
    r"(?<!\\)(\\+)u([dD][89abAB][0-9a-fA-F]{2}(?:\\u[dD][c-fC-F][0-9a-fA-F]{2})?"
    r"|[dD][c-fC-F][0-9a-fA-F]{2})"
)
# The JavaScript repairs walk characters in Python (about 3 us a character): bounded
# per page, so a page of many large broken scripts costs well under a second.
MAX_REPAIR_CHARS_PER_PAGE = 200_000
# Category "live blogs over the size cap" (The Mirror): a live blog inlines every update
# in its ``LiveBlogPosting`` (840,000 characters), past the cap a whole script is read
# under; its own scalar fields come first (type, datePublished, headline) and are read
# from the script's head, up to the first nested value.
OVERSIZED_HEAD_CHARS = 8_000
HEAD_START_RE = re.compile(r"\s*\{")
HEAD_PAIR_RE = re.compile(
    r'\s*"(?P<key>[@\w:-]{1,64})"\s*:\s*'
    r'(?P<value>"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false|null)\s*,?'
)


def load_page_jsonld(scripts: list[str], max_chars: int) -> list[Any]:
    """The JSON values of a page's ld+json scripts (each no longer than ``max_chars``)."""
    budget = MAX_REPAIR_CHARS_PER_PAGE
    values: list[Any] = []
    for raw in scripts:
        if len(raw) > max_chars:
            head = oversized_head(raw)
            if head:
                values.append(head)
            continue
        raw = _whole_pairs(raw)
        try:
            values.append(json.loads(raw, strict=False))
            continue
        except (ValueError, RecursionError):
            pass
        javascript = len(raw) <= budget
        if javascript:
            budget -= len(raw)
        values.extend(_lenient(raw, javascript))
    return values


def oversized_head(raw: str) -> dict[str, Any]:
    """The scalar fields that open a JSON-LD object too large to read whole."""
    head = raw[:OVERSIZED_HEAD_CHARS]
    start = HEAD_START_RE.match(head)
    if start is None:
        return {}
    found: dict[str, Any] = {}
    position = start.end()
    while (pair := HEAD_PAIR_RE.match(head, position)) is not None:
        try:
            found[pair["key"]] = json.loads(pair["value"], strict=False)
        except ValueError:
            break
        position = pair.end()
    return found


def load_jsonld(raw: str) -> list[Any]:
    """The JSON values of one ld+json script.

    Serves CMS templates that emit broken JSON-LD: HTML comments or CDATA around
    it, raw newlines and tabs inside strings, trailing commas, an extra brace,
    several objects one after another; and, written as JavaScript rather than
    JSON, comments (``//``, ``/* */``), single-quoted strings, quotes left
    unescaped inside a string, a missing comma at a line end.
    """
    raw = _whole_pairs(raw)
    try:
        return [json.loads(raw, strict=False)]
    except (ValueError, RecursionError):
        return _lenient(raw, len(raw) <= MAX_REPAIR_CHARS_PER_PAGE)


def _whole_pairs(raw: str) -> str:
    """``raw`` with each escape of half a surrogate pair made U+FFFD's escape."""
    if "\\u" not in raw:
        return raw
    return SURROGATE_ESCAPE_RE.sub(_pair_or_replacement, raw)


def _pair_or_replacement(match: re.Match[str]) -> str:
    backslashes, code = match.group(1), match.group(2)
    if len(backslashes) % 2 == 0 or len(code) == 10:
        return match.group(0)
    return backslashes + "ufffd"


def _lenient(raw: str, javascript: bool) -> list[Any]:
    """The values of broken JSON-LD, with the JavaScript repairs when ``javascript``."""
    text = JSONLD_WRAPPER_RE.sub(" ", raw)
    if javascript:
        text = MISSING_COMMA_RE.sub(r"\1,\2", _javascript_to_json(text))
    text = TRAILING_COMMA_RE.sub(r"\1", text)
    decoder = json.JSONDecoder(strict=False)
    values: list[Any] = []
    pos = 0
    for _ in range(MAX_JSONLD_RESTARTS):
        start = JSON_START_RE.search(text, pos)
        if start is None:
            break
        try:
            value, pos = decoder.raw_decode(text, start.start())
        except (ValueError, RecursionError):
            # "{{...}}": the value starts one character on.
            pos = start.start() + 1
            continue
        values.append(value)
    return values


def _javascript_to_json(text: str) -> str:
    """``text`` with comments cut, strings double-quoted and inner quotes escaped.

    Category "JSON-LD written as JavaScript". A quote closes a string only when
    what follows it (after spaces) is ``, : } ]``, the end, or a new line (a
    missing comma); any other quote inside a string is the text's own.
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "\"'":
            i = _string(text, i, out)
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _string(text: str, start: int, out: list[str]) -> int:
    """Append the string opening at ``start`` as JSON; return the index after it."""
    quote = text[start]
    n = len(text)
    parts = ['"']
    j = start + 1
    while j < n:
        c = text[j]
        if c == "\\" and j + 1 < n:
            # \' is no JSON escape: the quote alone is.
            parts.append("'" if text[j + 1] == "'" else text[j : j + 2])
            j += 2
            continue
        if c == quote:
            k = j + 1
            while k < n and text[k] in " \t\r\n":
                k += 1
            if k >= n or text[k] in STRING_END_CHARS or "\n" in text[j + 1 : k]:
                parts.append('"')
                out.append("".join(parts))
                return j + 1
            parts.append('\\"' if c == '"' else c)
        elif c == '"':
            parts.append('\\"')
        else:
            parts.append(c)
        j += 1
    out.append("".join(parts))
    return n
