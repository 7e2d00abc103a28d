"""Bytes to text, for pages and feeds alike.

Order, as browsers and feed readers do it: a byte-order mark; then each declared
charset (HTTP header, ``<meta charset>``, ``<?xml encoding?>``), but only when the
bytes bear it out; then what the bytes themselves show (UTF-16/32 by their NUL
pattern, UTF-8 by validity, ISO-2022-JP by its escapes); then charset-normalizer.

Category "declared charset is wrong": a page that says euc-kr and is UTF-8, or says
UTF-8 and is windows-1251, is decoded by what it is, not by what it says (decoding by
the label would turn it into replacement characters and refuse it as binary).
Category "legacy CJK/Cyrillic labels": labels map to the superset codec browsers use
(WHATWG Encoding Standard), so euc-kr pages with cp949 syllables decode cleanly.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from types import MappingProxyType

from charset_normalizer import from_bytes

from pressroom.errors import ParseError

# Only the head of the document is searched for a charset declaration (as browsers do).
SNIFF_BYTES = 4096
# Detection and checks read a sample: it decides as well as the whole page, faster.
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
# WHATWG: browsers decode these with a superset codec (legacy pages rely on it). Keys
# are Python's canonical codec names, so every spelling of a label maps the same way.
SUPERSETS = MappingProxyType({
    "iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "tis-620": "cp874",
    "iso8859-11": "cp874", "euc_kr": "cp949", "gb2312": "gb18030", "gbk": "gb18030",
    "big5": "big5hkscs", "shift_jis": "cp932",
})
# Labels of the WHATWG Encoding Standard (encodings.json) that Python does not know.
# Category "every label a page or feed may declare": without them a Hebrew page saying
# iso-8859-8-i, or a Korean one saying windows-949, was left to detection. The
# "replacement" labels (iso-2022-kr, hz-gb-2312, iso-2022-cn) and x-user-defined are
# left out on purpose: browsers show such pages as one U+FFFD, so the bytes decide.
LABELS = MappingProxyType({
    # UTF-8, UTF-16
    "unicode-1-1-utf-8": "utf-8", "unicode11utf8": "utf-8", "unicode20utf8": "utf-8",
    "x-unicode20utf8": "utf-8", "unicodefffe": "utf-16-be", "csunicode": "utf-16-le",
    "iso-10646-ucs-2": "utf-16-le", "ucs-2": "utf-16-le", "unicode": "utf-16-le",
    "unicodefeff": "utf-16-le",
    # ISO-8859-x and the Windows code pages, in their other spellings
    **{f"iso8859{n}": f"iso8859-{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15)},
    **{f"x-cp125{n}": f"cp125{n}" for n in range(9)},
    "csiso88596e": "iso8859-6", "csiso88596i": "iso8859-6", "iso-8859-6-e": "iso8859-6",
    "iso-8859-6-i": "iso8859-6", "sun_eu_greek": "iso8859-7", "csiso88598e": "iso8859-8",
    "iso-8859-8-e": "iso8859-8", "visual": "iso8859-8", "csiso88598i": "iso8859-8",
    "iso-8859-8-i": "iso8859-8", "logical": "iso8859-8", "csisolatin9": "iso8859-15",
    "windows-874": "cp874", "dos-874": "cp874",
    # Cyrillic and Mac
    "koi": "koi8-r", "koi8": "koi8-r", "koi8-ru": "koi8-u", "x-mac-cyrillic": "mac-cyrillic",
    "x-mac-ukrainian": "mac-cyrillic", "x-mac-roman": "mac-roman", "mac": "mac-roman",
    "csmacintosh": "mac-roman",
    # Chinese, Japanese, Korean
    "x-gbk": "gb18030", "csgb2312": "gb18030", "gb_2312": "gb18030", "gb_2312-80": "gb18030",
    "cn-big5": "big5hkscs", "x-x-big5": "big5hkscs", "windows-31j": "cp932", "x-sjis": "cp932",
    "cseucpkdfmtjapanese": "euc_jp", "x-euc-jp": "euc_jp", "cseuckr": "cp949",
    "csksc56011987": "cp949", "iso-ir-149": "cp949", "ks_c_5601-1989": "cp949",
    "ksc_5601": "cp949", "windows-949": "cp949", "x-windows-949": "cp949",
})
# Category "a declared charset that is no page encoding": Python's codec registry also
# knows transforms (hex, base64, zlib, rot13), Python-only codecs (unicode_escape, idna,
# undefined) and encodings browsers refuse (UTF-7, EBCDIC, HZ). Declared, they failed the
# page or decoded it into other text; like browsers, only the WHATWG Encoding Standard's
# encodings are believed (plus UTF-32, which feeds use), else the bytes decide.
WEB_CODECS = frozenset({
    "utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-16-le", "utf-32", "utf-32-be",
    "utf-32-le", "cp866", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "cp874",
    "gb18030", "big5hkscs", "euc_jp", "iso2022_jp", "cp932", "cp949",
    *(f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
    *(f"cp125{n}" for n in range(9)),
})
# A declared codec is kept when at most this share of its non-ASCII output is U+FFFD
# (a stray broken byte in a long page does not overturn a right declaration).
MAX_BAD_SHARE = 0.01
ISO2022_ESCAPES = (b"\x1b$B", b"\x1b$@", b"\x1b(J", b"\x1b$(D")
# C0 controls, and lone surrogates (a str caller's text; no codec we use makes them):
# lxml and UTF-8 refuse the latter, so one would make the whole page a ParseError.
CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\ud800-\udfff]")
BINARY_SAMPLE = 4096
BINARY_RATIO = 0.1


def codec_for(label: str | None) -> str | None:
    """Python codec for a declared charset label (WHATWG superset first); None when
    unknown or not a page encoding (see WEB_CODECS)."""
    codec = _python_codec(label)
    return codec if codec in WEB_CODECS else None


def _python_codec(label: str | None) -> str | None:
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(LABELS.get(name, name)).name
    except LookupError:
        return None
    return codecs.lookup(SUPERSETS[name]).name if name in SUPERSETS else name


def declared_charset(data: bytes) -> str | None:
    """Codec named by ``<meta charset>`` or ``http-equiv`` in the head of ``data``."""
    match = META_CHARSET_RE.search(_without_comments(data[:SNIFF_BYTES]))
    if match is None:
        return None
    return codec_for(match.group(1).decode("ascii", "replace"))


def _without_comments(head: bytes) -> bytes:
    """``head`` with its ``<!-- -->`` comments cut out (an unclosed one runs to the end).

    Category "a charset declaration commented out": a template's old
    ``<!-- <meta charset=iso-8859-1> -->`` (or one in an IE conditional comment) came
    first and won, and a single-byte label fits any bytes, so a windows-1251 page
    became mojibake. Browsers' prescan skips comments (WHATWG HTML, "prescan a byte
    stream to determine its encoding"); str.find keeps this linear.
    """
    start = head.find(b"<!--")
    if start < 0:
        return head
    kept: list[bytes] = []
    pos = 0
    while start >= 0:
        kept.append(head[pos:start])
        end = head.find(b"-->", start + 2)  # "<!-->" is closed (WHATWG prescan)
        if end < 0:
            return b"".join(kept)
        pos = end + 3
        start = head.find(b"<!--", pos)
    kept.append(head[pos:])
    return b"".join(kept)


def bom_codec(data: bytes) -> tuple[str, int] | None:
    """Codec and length of the byte-order mark ``data`` starts with, if any."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    return None


def wide_codec(data: bytes) -> str | None:
    """UTF-16/32 without a BOM, told by where the NULs fall around the first characters."""
    head = data[:4]
    if len(head) < 4 or b"\0" not in head:
        return None
    if head[:3] == b"\0\0\0" and head[3]:
        return "utf-32-be"
    if head[0] and head[1:] == b"\0\0\0":
        return "utf-32-le"
    if not head[0] and head[1] and not head[2] and head[3]:
        return "utf-16-be"
    if head[0] and not head[1] and head[2] and not head[3]:
        return "utf-16-le"
    return None


def fits(data: bytes, codec: str) -> bool:
    """Whether the bytes decode as ``codec`` with (almost) no replacement characters."""
    sample = data[:DETECT_BYTES]
    try:
        codecs.getincrementaldecoder(codec)().decode(sample, final=False)
        return True
    except UnicodeDecodeError:
        pass
    text = codecs.getincrementaldecoder(codec)(errors="replace").decode(sample, final=False)
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return text.count("\ufffd") <= MAX_BAD_SHARE * non_ascii


def is_utf8(data: bytes) -> bool:
    """Valid UTF-8 with multi-byte characters: no legacy text looks like this by chance."""
    sample = data[:DETECT_BYTES]
    if sample.isascii():
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def confirmed(label: str | None, data: bytes) -> str | None:
    """The codec ``label`` names if the bytes bear it out; what they are if plainly UTF-8."""
    codec = codec_for(label)
    if codec is None:
        return None  # a bogus label: the bytes decide
    if codec.startswith(("utf-16", "utf-32")):
        # A UTF-16/32 label on bytes without the NUL pattern is a lie (an ASCII page).
        wide = wide_codec(data)
        return None if wide is None else wide
    if codec != "utf-8" and is_utf8(data):
        return "utf-8"
    return codec if fits(data, codec) else None


def decode_bytes(data: bytes, declared: Iterable[str | None] = ()) -> str:
    """Decode ``data``: BOM, declared labels the bytes bear out, byte evidence, detection."""
    bom = bom_codec(data)
    if bom is not None:
        return data[bom[1] :].decode(bom[0], errors="replace")
    for label in declared:
        codec = confirmed(label, data)
        if codec is not None:
            return data.decode(codec, errors="replace")
    wide = wide_codec(data)
    if wide is not None:
        return data.decode(wide, errors="replace")
    if data[:DETECT_BYTES].isascii() and any(e in data for e in ISO2022_ESCAPES):
        return data.decode("iso2022_jp", errors="replace")  # 7-bit: valid UTF-8 too
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:DETECT_BYTES]).best()
    codec = _python_codec(best.encoding) if best is not None else None
    if codec is not None:
        return data.decode(codec, errors="replace")
    return data.decode("utf-8", errors="replace")


def decode_html(data: bytes, header: str | None = None) -> str:
    """Decode a page: BOM, the header's then the page's charset if the bytes agree, detection."""
    return decode_bytes(data, (header, declared_charset(data)))


def check_text(text: str) -> str:
    """Reject binary content; drop NUL, other C0 controls and lone surrogates that no page
    means to show."""
    sample = text[:BINARY_SAMPLE]
    # Binary shows as control characters, or, once decoded with replacement,
    # as U+FFFD; a real page has almost none of either.
    junk = len(CONTROL_RE.findall(sample)) + sample.count("\ufffd")
    if sample and junk > BINARY_RATIO * len(sample):
        raise ParseError("input looks binary, not HTML")
    return CONTROL_RE.sub("", text) if CONTROL_RE.search(text) else text
