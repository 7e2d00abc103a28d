"""Which answers to an article fetch can be a page at all, by their media type (f50).

Many press sites send their pages as ``text/plain``, with no ``Content-Type``, or
under a wrong label, so the label alone refuses little: only a type that is
clearly no page (a PDF, JSON, a picture, a sound, an archive, an office file, a
script) is refused, and even then not when the bytes begin as HTML does (the
MIME Sniffing Standard's HTML signatures, section 7.1: a page served as
``application/octet-stream`` by a misconfigured server is still read). Anything
else, a missing or unparsable label included, is handed to the parser as before.
Feeds, sitemaps, listings and robots.txt are not checked here (a JSON Feed is
JSON): only article fetches ask (``FetchPolicy.pages_only``).
"""

from __future__ import annotations

import re

from pressroom.errors import MediaTypeRefused

# Top-level types no article is served as: pictures, sound, film, fonts, 3-D models.
NOT_PAGE_TOPS = frozenset({"image", "audio", "video", "font", "model"})
# Whole types of other documents and data: PDF and PostScript, JSON, archives and
# compressed files, scripts and style sheets, binaries, office and calendar files.
NOT_PAGE_TYPES = frozenset(
    {
        "application/pdf", "application/postscript", "application/rtf",
        "application/json", "application/javascript", "application/x-javascript",
        "application/ecmascript", "application/wasm",
        "application/octet-stream", "application/x-msdownload", "application/java-archive",
        "application/x-shockwave-flash",
        "application/zip", "application/gzip", "application/x-gzip", "application/x-tar",
        "application/x-bzip2", "application/x-xz", "application/zstd",
        "application/x-7z-compressed", "application/vnd.rar", "application/x-rar-compressed",
        "application/msword", "application/ogg",
        "text/css", "text/javascript", "text/ecmascript", "text/csv", "text/calendar",
        "text/vcard", "text/event-stream",
    }
)
# Families named by a suffix or a prefix: application/ld+json, problem+json, epub+zip;
# Word, Excel and PowerPoint (OOXML and older), OpenDocument.
NOT_PAGE_SUFFIXES = ("+json", "+zip")
NOT_PAGE_PREFIXES = (
    "application/vnd.openxmlformats-", "application/vnd.oasis.opendocument.",
    "application/vnd.ms-",
)
# The MIME Sniffing Standard's HTML signatures (7.1): after a UTF-8 BOM and white space,
# a tag that begins an HTML document, then white space or ">"; or a comment.
HTML_START_RE = re.compile(
    rb"\A(?:\xef\xbb\xbf)?[\t\n\x0c\r ]*<(?:(?:!doctype html|html|head|script|iframe|h1|div"
    rb"|font|table|a|style|title|b|body|br|p)[\t\n\x0c\r >]|!--)",
    re.IGNORECASE,
)


def media_type(content_type: str) -> str:
    """The ``type/subtype`` of a Content-Type value, lower-cased ("" when there is none)."""
    return content_type.split(";", 1)[0].strip().lower()


def is_not_page(media: str) -> bool:
    """True when ``media`` (a lower-cased ``type/subtype``) is clearly no page."""
    top = media.split("/", 1)[0]
    return (top in NOT_PAGE_TOPS or media in NOT_PAGE_TYPES
            or media.endswith(NOT_PAGE_SUFFIXES) or media.startswith(NOT_PAGE_PREFIXES))


def check_page(content_type: str, body: bytes, url: str) -> None:
    """Raise :class:`MediaTypeRefused` when an article's answer is clearly no page."""
    media = media_type(content_type)
    if not is_not_page(media) or HTML_START_RE.match(body[:4096]):
        return
    raise MediaTypeRefused(f"{url} answered {media or content_type!r}, not a page "
                           "(its bytes do not begin as HTML)")
