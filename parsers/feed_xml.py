"""Feed bytes to a safe XML tree: the encoding, the hardened guard, and recovery.

Every tree handed on comes out of one guard: defusedxml with entity declarations
and external references forbidden, so billion laughs, quadratic blow-up, XXE and
DTD fetching are refused, never expanded or fetched.

Categories, in the order they apply:

- "a gzip file, not a gzip transfer": ``sitemap.xml.gz`` is inflated (bounded).
- "every encoding a feed may use": a BOM, UTF-16/32 without one (NUL pattern), the
  ``<?xml encoding?>`` label, then the HTTP header's charset, each when the bytes bear
  it out (legacy CJK labels decode with the browsers' superset codec), else UTF-8 or
  detection; a bogus label never escapes as ``LookupError`` (parsers/decode.py does
  the work, shared with pages).
- "recover what feed readers recover", tried only when the strict parse fails:
  stray control characters, text or other markup (a PHP warning) before the root,
  undeclared HTML entities (``&nbsp;``), unescaped ``&``, a feed cut off mid-item
  (the complete items are kept), then whatever else libxml2's recovering parser
  mends. A DOCTYPE that declares entities is refused before recovery; every other
  DOCTYPE is dropped, so the recovering parser never sees a DTD, and its output goes
  through the same guard again.
"""

from __future__ import annotations

import bisect
import html.entities
import re
import zlib
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XMLParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from lxml import etree

from parsers.decode import bom_codec, decode_bytes, wide_codec
from parsers.limits import MAX_INPUT_CHARS
from pressroom.errors import FeedError

XML_DECL_RE = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:\-]{1,40})""")
XML_DECL_TEXT_RE = re.compile(r"^\s*<\?xml[^>]{0,200}?\?>")
# XML 1.0 forbids these characters anywhere, even as references.
MISPLACED_DECL_RE = re.compile(r"<\?xml\s[^>]{0,300}\?>")
ILLEGAL_CHARS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
ENTITY_DECL_RE = re.compile(r"<!ENTITY", re.IGNORECASE)
DOCTYPE_START_RE = re.compile(r"<!DOCTYPE", re.IGNORECASE)
# Mended outside CDATA sections and comments: every '&' that does not start a reference
# XML knows, and every '<' that cannot start markup ("a < b"). Every pattern here is
# bounded or anchored, and the scans below use str.find: a hostile feed of unclosed
# comments, CDATA sections or tags costs linear time, not quadratic.
AMP_RE = re.compile(
    r"&(?:(#[0-9]{1,10};|#[xX][0-9a-fA-F]{1,8};)|([A-Za-z][A-Za-z0-9]{0,31};))?"
    r"|(<(?![A-Za-z_:/!?]))"
)
# Category "HTML inside a text element, unescaped" (<description>a<br>b</description>):
# the element's content becomes CDATA, so stray tags cannot swallow the items after it.
TEXT_NAMES = r"(?:[\w\-]{1,40}:)?(?:title|description|summary|content|encoded|subtitle)"
TEXT_OPEN_RE = re.compile(rf"<({TEXT_NAMES})(?:\s[^<>]{{0,2000}})?>", re.IGNORECASE)
TEXT_CLOSE_RE = re.compile(rf"</({TEXT_NAMES})\s{{0,20}}>", re.IGNORECASE)
XML_ENTITIES = frozenset({"amp;", "lt;", "gt;", "quot;", "apos;"})
ROOT_RE = re.compile(r"<([A-Za-z_][\w.\-]*(?::[\w.\-]+)?)[\s/>]")
ITEM_START_RE = re.compile(r"<(?:[\w.\-]+:)?(?:item|entry|url|sitemap)[\s/>]", re.IGNORECASE)
ITEM_END_RE = re.compile(r"</(?:[\w.\-]+:)?(?:item|entry|url|sitemap)\s*>", re.IGNORECASE)
RECOVER_MAX_CHARS = 20_000_000
FEED_ROOT_RE = re.compile(r"<(?:[\w.\-]{1,40}:)?(rss|feed|rdf|urlset|sitemapindex)[\s/>]",
                          re.IGNORECASE)
GZIP_MAGIC = b"\x1f\x8b"


def feed_text(data: bytes, charset: str | None = None) -> str:
    """The feed as text, its encoding label dropped (the text is already decoded).

    ``charset`` is the HTTP ``Content-Type`` one. Category "a feed whose only label is
    the HTTP header" (a koi8-r or windows-1251 feed with a bare ``<?xml?>``): without
    it a short feed went to detection, which misread it, its non-ASCII links with it.
    The ``<?xml encoding?>`` label comes first: the generator that encoded the bytes
    wrote it, while a header is often a server default (and a single-byte one fits any
    bytes, so it could not be overruled by them).
    """
    declared: list[str] = []
    if bom_codec(data) is None and wide_codec(data) is None:
        match = XML_DECL_RE.match(data[:512])
        if match is not None:
            declared.append(match.group(1).decode("ascii"))
        if charset:
            declared.append(charset)
    text = decode_bytes(data, declared).lstrip("\ufeff \t\r\n")
    decl = XML_DECL_TEXT_RE.match(text)
    return text[decl.end() :] if decl is not None else text


def _guarded(text: str) -> Element:
    """Parse through defusedxml: no entity declarations, nothing external."""
    try:
        root: Element = SafeET.fromstring(text, forbid_dtd=False, forbid_entities=True,
                                          forbid_external=True)
    except DefusedXmlException as exc:
        raise FeedError(f"hostile XML refused ({type(exc).__name__})") from exc
    return root


def _amp(match: re.Match[str]) -> str:
    numeric, named, lone_lt = match.group(1), match.group(2), match.group(3)
    if lone_lt is not None:
        return "&lt;"
    if numeric is not None:
        digits = numeric[2:-1] if numeric[1] in "xX" else numeric[1:-1]
        code = int(digits, 16 if numeric[1] in "xX" else 10)
        legal = code in (9, 10, 13) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0x10FFFF
        return f"&{numeric}" if legal and code not in (0xFFFE, 0xFFFF) else ""
    if named is not None:
        if named in XML_ENTITIES:
            return f"&{named}"
        chars = html.entities.html5.get(named)
        if chars is not None:  # an HTML entity the feed never declared
            return "".join(f"&#{ord(c)};" for c in chars)
        return f"&amp;{named}"
    return "&amp;"


def _cut_truncated(text: str) -> str:
    """A feed cut off before its root closes loses the item it was cut in, keeps the rest."""
    root = ROOT_RE.search(text)
    if root is None or re.search(rf"</{re.escape(root.group(1))}\s*>?\s*$", text[-2000:]):
        return text
    opened = [m.start() for m in ITEM_START_RE.finditer(text)]
    closed = [m.end() for m in ITEM_END_RE.finditer(text)]
    if opened and not closed:
        raise FeedError("not well-formed XML: cut off before the first complete item")
    # >=: in a minified feed the cut item opens where the last complete one closes.
    if opened and opened[-1] >= closed[-1]:
        return text[: opened[-1]]
    return text


def _without_doctype(text: str) -> str:
    """The text with its DOCTYPE (internal subset included) cut out."""
    found = DOCTYPE_START_RE.search(text)
    if found is None:
        return text
    start = found.start()
    end = text.find(">", start)
    bracket = text.find("[", start)
    if 0 <= bracket < end:
        close = text.find("]", bracket)
        end = text.find(">", close) if close >= 0 else -1
    return text[:start] if end < 0 else text[:start] + text[end + 1 :]


def _from_feed_root(text: str) -> str:
    """The text from the feed's root on, when markup that is no feed comes first.

    Category "server output before the feed": a PHP warning (``<br /><b>Warning</b>:
    Cannot modify header information ...``) or an HTML wrapper printed before
    ``<?xml``; its first tag became the root ("unknown feed type <br>"). Only cut when
    the first element is not a feed root, so a feed that quotes ``<rss`` in its text
    is left alone.
    """
    first = ROOT_RE.search(text)
    if first is None or FEED_ROOT_RE.match(text, first.start()):
        return text
    root = FEED_ROOT_RE.search(text, first.start())
    return text[root.start() :] if root is not None else text


def _cdata(inner: str) -> str:
    return f"<![CDATA[{inner.replace(']]>', ']]]]><![CDATA[>')}]]>"


def _text_elements_as_cdata(text: str) -> str:
    """Wrap the content of title/description/... elements that holds raw markup in CDATA."""
    closes: dict[str, tuple[list[int], list[int]]] = {}
    for m in TEXT_CLOSE_RE.finditer(text):
        starts, ends = closes.setdefault(m.group(1).lower(), ([], []))
        starts.append(m.start())
        ends.append(m.end())
    out: list[str] = []
    pos = skip = 0
    for m in TEXT_OPEN_RE.finditer(text):
        found = closes.get(m.group(1).lower())
        if m.start() < skip or found is None:
            continue
        i = bisect.bisect_left(found[0], m.end())
        if i == len(found[0]):
            continue
        inner = text[m.end() : found[0][i]]
        skip = found[1][i]
        if "<" in inner and "<![CDATA[" not in inner:
            out += [text[pos : m.end()], _cdata(inner)]
            pos = found[0][i]
    out.append(text[pos:])
    return "".join(out)


def _outside_cdata_and_comments(text: str) -> str:
    """Apply the '&' and '<' mending to the text between CDATA sections and comments."""
    out: list[str] = []
    pos = 0
    next_cdata, next_comment = text.find("<![CDATA["), text.find("<!--")
    while True:
        if next_cdata < 0 and next_comment < 0:
            break
        if next_comment < 0 or 0 <= next_cdata < next_comment:
            start, closer = next_cdata, "]]>"
        else:
            start, closer = next_comment, "-->"
        end = text.find(closer, start + 4)
        end = len(text) if end < 0 else end + len(closer)  # an unclosed one runs to the end
        out += [AMP_RE.sub(_amp, text[pos:start]), text[start:end]]
        pos = end
        if next_cdata < pos:
            next_cdata = text.find("<![CDATA[", pos)
        if next_comment < pos:
            next_comment = text.find("<!--", pos)
    out.append(AMP_RE.sub(_amp, text[pos:]))
    return "".join(out)


def mended(text: str) -> str:
    """What the recovering path feeds the parser: the text with reader-forgiven faults fixed."""
    if ENTITY_DECL_RE.search(text):
        raise FeedError("hostile XML refused (entity declarations in a malformed feed)")
    text = _from_feed_root(_without_doctype(text))
    text = MISPLACED_DECL_RE.sub("", text)
    text = ILLEGAL_CHARS_RE.sub("", text)
    start = text.find("<")
    text = text[start:] if start > 0 else text
    text = _outside_cdata_and_comments(_text_elements_as_cdata(text))
    return _cut_truncated(text)


def _recovered(text: str) -> Element:
    """libxml2's recovering parser, with no DTD, no network, no entities; then the guard."""
    if len(text) > RECOVER_MAX_CHARS:
        raise FeedError(f"malformed feed too large to recover ({len(text)} characters)")
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                             load_dtd=False, dtd_validation=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.LxmlError as exc:
        raise FeedError(f"not well-formed XML: {exc}") from exc
    if root is None:
        raise FeedError("not well-formed XML: nothing recoverable")
    return _guarded(etree.tostring(root, encoding="unicode"))


def gunzipped(data: bytes) -> bytes:
    """``data`` inflated when it is a gzip file, else unchanged.

    Category "a gzip file, not a gzip transfer": the sitemaps protocol allows
    ``sitemap.xml.gz``, served as ``application/x-gzip`` with no Content-Encoding, so
    the fetcher hands on the compressed bytes (no XML starts with 0x1f). Inflated in
    bounded steps and refused past the parsers' input limit: a gzip bomb stops there.
    """
    if not data.startswith(GZIP_MAGIC):
        return data
    out: list[bytes] = []
    size = 0
    rest = data
    try:
        while rest.startswith(GZIP_MAGIC):  # concatenated members, as gzip allows
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            while rest and not inflater.eof:
                piece = inflater.decompress(rest, MAX_INPUT_CHARS + 1 - size)
                size += len(piece)
                out.append(piece)
                if size > MAX_INPUT_CHARS:
                    raise FeedError(f"gzip-compressed feed inflates past {MAX_INPUT_CHARS:,} bytes")
                rest = inflater.unconsumed_tail
                if not piece and rest:
                    break  # no progress: a corrupt stream
            rest = inflater.unused_data if inflater.eof else b""
    except zlib.error as exc:
        if not out:
            raise FeedError(f"corrupt gzip-compressed feed: {exc}") from exc
        # A cut-off download: the inflated part is recovered like any truncated feed.
    return b"".join(out)


def parse_xml(data: bytes, charset: str | None = None) -> Element:
    """The feed's root element, parsed strictly or recovered; ``FeedError`` otherwise."""
    text = feed_text(gunzipped(data), charset)
    if not text.strip():
        raise FeedError("empty feed")
    try:
        return _guarded(text)
    except XMLParseError as exc:
        first_error = exc
    try:
        fixed = mended(text)
        try:
            return _guarded(fixed)
        except XMLParseError:
            return _recovered(fixed)
    except XMLParseError as exc:
        raise FeedError(f"not well-formed XML: {first_error}") from exc
