"""Bytes to text: BOM, then the document's own charset declaration, then detection."""

from __future__ import annotations

import codecs
import re
from types import MappingProxyType

from charset_normalizer import from_bytes

from pressroom.errors import ParseError

# Only the head of the document is searched for a charset declaration (as browsers do).
SNIFF_BYTES = 4096
# Detection is slow on big inputs and a sample decides as well as the whole page.
DETECT_BYTES = 64 * 1024
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
META_CHARSET_RE = re.compile(
    rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.IGNORECASE
)
# WHATWG: labels that browsers decode with a superset codec.
CODEC_ALIASES = MappingProxyType(
    {"iso-8859-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252"}
)
CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
BINARY_SAMPLE = 4096
BINARY_RATIO = 0.1


def _codec(label: str) -> str | None:
    name = CODEC_ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """Codec named by ``<meta charset>`` or ``http-equiv`` in the head of ``data``."""
    match = META_CHARSET_RE.search(data[:SNIFF_BYTES])
    if match is None:
        return None
    return _codec(match.group(1).decode("ascii", "replace"))


def decode_html(data: bytes) -> str:
    """Decode a page: BOM, declared charset, charset_normalizer, else UTF-8 with replacement."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    declared = declared_charset(data)
    # A UTF-16 declaration inside bytes we could read as ASCII is a lie.
    if declared is not None and not declared.startswith(("utf-16", "utf-32")):
        return data.decode(declared, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:DETECT_BYTES]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace")
    return data.decode("utf-8", errors="replace")


def check_text(text: str) -> str:
    """Reject binary content; drop NUL and other C0 controls that no page means to show."""
    sample = text[:BINARY_SAMPLE]
    # Binary shows as control characters, or, once decoded with replacement,
    # as U+FFFD; a real page has almost none of either.
    junk = len(CONTROL_RE.findall(sample)) + sample.count("\ufffd")
    if sample and junk > BINARY_RATIO * len(sample):
        raise ParseError("input looks binary, not HTML")
    return CONTROL_RE.sub("", text) if CONTROL_RE.search(text) else text
