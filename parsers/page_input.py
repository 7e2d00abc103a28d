"""The page as text, before any tree: which input is refused, and the markup to parse.

Decides, for the bytes or str handed to ``parsers.extract``, whether the page is parsed
at all. Bytes are decoded (``parsers.decode``: a declared charset only when the bytes
bear it out, else what they show); the sizes in ``parsers.limits`` and emptiness are
checked; the markup is pruned (``parsers.prune``: scripts, styles, SVG and comments cut,
the JSON-LD texts kept aside) before the check for binary input and control characters
(``decode.check_text``), which then reads less text. A refused page raises ``ParseError``
saying why: callers handle that one type only. The decoded text before pruning is
returned too, since its scripts and comments may declare a date (``parsers.date_scripts``).
"""

from __future__ import annotations

from parsers.decode import check_text, decode_html
from parsers.limits import MAX_INPUT_CHARS, MAX_MARKUP_CHARS  # sizes: parsers/limits.py
from parsers.prune import close_title, prune_html
from pressroom.errors import ParseError


def prepare_text(html: str | bytes) -> tuple[str, list[str], str]:
    """Decoded, checked and pruned markup, the JSON-LD texts cut out with the scripts,
    and the decoded text before pruning (its scripts and comments may declare a date)."""
    if isinstance(html, bytes | bytearray):
        if len(html) > MAX_INPUT_CHARS:
            raise ParseError(f"document too large ({len(html):,} bytes; the limit is "
                             f"{MAX_INPUT_CHARS:,})")
        if not html.strip():
            raise ParseError("empty document")
        text = decode_html(bytes(html))
    elif isinstance(html, str):
        text = html
    else:
        raise ParseError(f"expected str or bytes, got {type(html).__name__}")
    if len(text) > MAX_INPUT_CHARS:
        raise ParseError(f"document too large ({len(text):,} characters; the limit is "
                         f"{MAX_INPUT_CHARS:,})")
    # Pruned first: the control-character check then reads less text.
    raw = text
    text, jsonld = prune_html(text)
    text = check_text(close_title(text))
    if len(text) > MAX_MARKUP_CHARS:
        raise ParseError(f"document too large ({len(text):,} characters of markup once "
                         f"scripts and styles are cut; the limit is {MAX_MARKUP_CHARS:,})")
    if not text.strip():
        raise ParseError("empty document")
    return text, jsonld, raw
