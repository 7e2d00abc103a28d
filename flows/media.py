"""Which answers to an article fetch can be a page at all, by their media type (f50).

Many press sites send their pages as ``text/plain``, with no ``Content-Type``, or
under a wrong label, so the label alone refuses little: only a type that is
clearly no page (a PDF, JSON, a picture, a sound, an archive, an office file, a
script) is refused, and even then not when the bytes begin as HTML does (the
MIME Sniffing Standard's HTML signatures, section 7.1, widened by k50a: a page served
as ``application/octet-stream`` by a misconfigured server is still read; c51: also
behind a few lines of server-side junk, LATE_HTML_RE). Anything
else, a missing or unparsable label included, is handed to the parser as before,
unless its bytes begin as a file that is no page (a PDF, a PNG: NOT_PAGE_SIGNATURES).
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
# The MIME Sniffing Standard's HTML signatures (7.1), widened (k50a): after a UTF-8 BOM
# and white space, an XML declaration (XHTML) or a comment, a tag that begins an HTML
# document or its head or body (meta, link, header, section, article, span, h2: pages
# cut from templates begin so), then white space, "/" or ">". A UTF-16 page (BOM) is
# read in UTF-8 first. Refusing is losing the page: a careless server's label alone
# must not do it. Wider on purpose than parsers.listings.HTML_START_RE (doctype, <html>,
# <head>), which tells a page from a feed at a feed's URL: there a feed opening with a
# comment ("<!-- generator -->") must not pass for a page; here a page must not be lost.
HTML_START_RE = re.compile(
    rb"\A(?:\xef\xbb\xbf)?[\t\n\x0c\r ]*(?:<\?xml[^<>]{0,300}\?>[\t\n\x0c\r ]*)?"
    rb"<(?:(?:!doctype html|html|head|body|title|meta|link|base|script|style|noscript"
    rb"|iframe|header|nav|main|section|article|div|span|font|table|center|form|ul|h[1-6]"
    rb"|a|b|i|br|p)[\t\n\x0c\r />]|!--)",
    re.IGNORECASE,
)
# A page behind server-side junk (c51): PHP's notices printed as text ("PHP Warning:
# Undefined variable $x in /var/www/index.php on line 3", "Deprecated: ..."), a stray
# "ok", blank lines, a framework's debug line, before the doctype. Several CMSs on shared
# hosts send that under application/octet-stream. Read as a page when a doctype, an
# <html> tag, or (c52: templates that print no <html>, PHP sites whose notices come
# before their <head>) a <head> or <meta charset> tag opens a line within the first
# JUNK_LIMIT bytes and the text before it is text: no NUL or other control bytes (a
# binary file's), and, the tag opening a line, no JSON string (a raw line break ends
# none) holds it. Bytes that begin as a file no page is (NOT_PAGE_SIGNATURES), or hold
# one behind the junk (FILE_HEADER_RE), are refused before this is asked.
JUNK_LIMIT = 1024
LATE_HTML_RE = re.compile(
    rb"[\n\r][\t\x0c ]*<(?:(?:!doctype[\t\n\x0c\r ]+html|html|head)[\t\n\x0c\r />]"
    rb"|meta[\t\n\x0c\r ]+charset[\t\n\x0c\r =])", re.IGNORECASE)
# A file behind junk (c52: a PDF; k52c: the files of NOT_PAGE_SIGNATURES whose header is
# no page's words): a PHP script that printed notices (as text, or as HTML: "<br />\n<b>
# Warning</b>: ... headers already sent", so the label stays text/html), an <html> line,
# or an included file's BOM before streaming a PDF, PostScript, a picture or an office
# file (a .docx is a ZIP); or such bytes labelled application/pdf. Its header anywhere in
# the body makes it such a file under any label unless a page's end tag follows it
# (FILE_PAGE_END_RE): a page naming "%PDF-1.7" in its title, or quoting a PDF's first
# lines in a <pre> (security and document-tool news), goes on as HTML; a file does not.
# c52 looked for a PDF in 2 KB only, and refused those pages when they did not begin as
# HTML (behind junk) or the header opened a line (the <pre>); k52c in 16 KB, so a file
# behind more notices (a loop warning on every row prints 100 KB) reached the parser and
# a PDF was stored as an article (d53). What follows the header tells a file from a page,
# not how far in it sits: no window (the whole 10 MB cap is searched in ~0.1 s). A
# header in text's letters (a PDF's, PostScript's, a GIF's) counts only where it opens a
# line (the body's first bytes, after a line break or an included file's BOM), as a file
# behind notices does: HTML lets a complete page leave out its last end tags (</p>,
# </body>, </html>: the spec's optional tags, minifiers' removeOptionalTags), and one
# naming "%PDF-1.7" or "GIF89a" mid-sentence in its last paragraph was refused (k53s).
# (Checked after the match, TEXT_HEADER_STARTS: a look-behind in the pattern cost the
# search its literal prefixes, 1 s on a 10 MB page instead of 0.1 s.)
FILE_HEADER_RE = re.compile(
    rb"%PDF-[0-9]|%!PS-Adobe-|\x89PNG\r\n\x1a\n|GIF8[79]a|\xff\xd8\xff|PK\x03\x04"
    rb"|Rar!\x1a\x07|7z\xbc\xaf\x27\x1c|OggS\x00|\x1aE\xdf\xa3")
TEXT_HEADER_STARTS = (ord("%"), ord("G"))
LINE_OPENERS = (b"\n", b"\r", b"\xef\xbb\xbf")
FILE_KINDS = {b"%P": "a PDF", b"%!": "PostScript", b"\x89P": "a PNG", b"GI": "a GIF",
              b"\xff\xd8": "a JPEG", b"PK": "a ZIP archive", b"Ra": "a RAR archive",
              b"7z": "a 7-Zip archive", b"Og": "Ogg", b"\x1aE": "a WebM or Matroska film"}
# End tags of the elements a page's text sits in (not <b> or <br>: a PHP notice printed
# after a file ends in them).
FILE_PAGE_END_RE = re.compile(
    rb"</(?:pre|code|samp|kbd|tt|xmp|textarea|p|div|span|td|th|li|dd|blockquote|script"
    rb"|style|body|html|title|head|h[1-6]|a|em|strong|figure|figcaption|section|article"
    rb"|main|table|nav|header|footer|form)[\t\n\x0c\r ]*>", re.IGNORECASE)
NOT_TEXT_RE = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Labels of texts whose own syntax puts a page on a line of its own (k51c): a script's
# template literal (`\n<!doctype html>...`, a print window's document.write), a style
# sheet's comment, a CSV's quoted cell, an XML file's element (SVG's foreignObject). There
# the label is right and the page is a string in it: no junk sniff (a page that begins as
# HTML is still read, HTML_START_RE).
NO_JUNK_TYPES = frozenset({
    "application/javascript", "application/x-javascript", "application/ecmascript",
    "text/javascript", "text/ecmascript", "text/css", "text/csv", "text/calendar",
    "text/vcard", "text/event-stream",
})
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Signatures of files that are no page (the MIME Sniffing Standard, 6.1 and 7.1:
# pictures, sound, archives, PDF, PostScript): such bytes are refused under any label,
# text/html included, as a label never outvotes bytes that plainly begin as HTML (k50a:
# a PDF sent as text/html was stored as an article with no title, its text the PDF's).
# Not gzip: one no header declared is inflated first, and one that is not is the
# parser's to refuse as binary (flows/inflate.py).
NOT_PAGE_SIGNATURES = (
    (b"%PDF-", "a PDF"), (b"%!PS-Adobe-", "PostScript"), (b"\x89PNG\r\n\x1a\n", "a PNG"),
    (b"GIF87a", "a GIF"), (b"GIF89a", "a GIF"), (b"\xff\xd8\xff", "a JPEG"),
    (b"PK\x03\x04", "a ZIP archive"), (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"OggS\x00", "Ogg"), (b"ID3", "an MP3"), (b"\x1aE\xdf\xa3", "a WebM or Matroska film"),
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
    kind = next((name for magic, name in NOT_PAGE_SIGNATURES if body.startswith(magic)), None)
    if kind is not None:
        raise MediaTypeRefused(f"{url} answered {media or content_type!r}, but its bytes "
                               f"begin as {kind}, not a page")
    if (held := held_file(body)) is not None:
        kind, at = held
        raise MediaTypeRefused(f"{url} answered {media or content_type!r}, but its bytes "
                               f"hold {kind} (its header at byte {at}), not a page")
    clear = begins_as_html(body, after_junk=False)
    # application/pdf: only bytes that begin as HTML outvote it, not a page behind junk
    junk = (media not in NO_JUNK_TYPES and media != "application/pdf"
            and not media.endswith(("+xml", "/xml")))
    if not is_not_page(media) or clear or begins_as_html(body, after_junk=junk):
        return
    raise MediaTypeRefused(f"{url} answered {media or content_type!r}, not a page "
                           "(its bytes do not begin as HTML)")


def begins_as_html(body: bytes, *, after_junk: bool = True) -> bool:
    """True when ``body`` begins as an HTML page does (HTML_START_RE), UTF-16 included,
    or (``after_junk``) opens one within its first JUNK_LIMIT bytes behind lines of text
    (LATE_HTML_RE)."""
    head = body[:4096]
    if head.startswith(UTF16_BOMS):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    if HTML_START_RE.match(head) is not None:
        return True
    if not after_junk:
        return False
    late = LATE_HTML_RE.search(head, 0, JUNK_LIMIT)
    return late is not None and NOT_TEXT_RE.search(head, 0, late.start()) is None


def held_file(body: bytes) -> tuple[str, int] | None:
    """What file ``body`` holds behind junk (FILE_HEADER_RE anywhere, no page's end tag
    after it: the first such header, where the file begins) and where its header begins;
    else None. One pass: a header followed by an end tag is a page's words, and the search
    goes on after that tag."""
    start = 0
    while (header := FILE_HEADER_RE.search(body, start)) is not None:
        at = header.start()
        if (body[at] in TEXT_HEADER_STARTS and at > 0
                and not body.endswith(LINE_OPENERS, 0, at)):
            start = at + 1  # a page's words: "files that begin with %PDF-1.7"
            continue
        end = FILE_PAGE_END_RE.search(body, header.end())
        if end is None:
            return FILE_KINDS[header.group()[:2]], header.start()
        start = end.end()
    return None
