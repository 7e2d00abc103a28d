"""k52c: attacks on c52's PDF-behind-junk rule (flows/media.py, ``held_file``).

Pages c52 refused: a page quoting a PDF's first lines in a ``<pre>`` (its header opening a
line), a page behind PHP notices naming ``%PDF-1.7`` in its title (it does not begin as
HTML), a template page beginning with a tag the HTML signature does not list. A page's end
tag after the header (``</pre>``, ``</h1>``) tells it from a file, which has none.

Files c52 stored as articles: a PDF behind more than 2 KB of PHP notices (text/html,
text/plain), PostScript (text: the parser's binary check passes it) behind a notice, after
an HTML notice or a blank line, a PNG or a .docx (ZIP) behind more notices than the
parser's 4 KB binary sample, a PDF after an ``<html>`` line that names ``%PDF-`` first.

A real CLI ingest against a loopback site (tests/hostile/site.py) and a real DuckDB file.
"""

from __future__ import annotations

from pathlib import Path

from tests.hostile.media_cases import check_read_and_refused
from tests.hostile.site import article_html
from tests.hostile.test_media_junk_c52 import HEADERS_SENT, OCTET, PDF, PHP

NOTICES = (PHP * 20).encode()  # 3.6 KB: past c52's 2 KB window
MORE_NOTICES = (PHP * 30).encode()  # 5.4 KB: past the parser's 4 KB binary sample
POSTSCRIPT = (b"%!PS-Adobe-3.0\n%%Title: Officials said\n%%Pages: 1\n/Times-Roman findfont "
              b"12 scalefont setfont\n" + b"72 700 moveto (Officials said on Tuesday that "
              b"the council passed the budget.) show\n" * 40 + b"showpage\n%%EOF\n")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8
DOCX = (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + b"[Content_Types].xml"
        + bytes(range(256)) * 8)


def _page(title: str, quoted: str) -> str:
    """article_html with ``quoted`` (a PDF's first lines, say) in a ``<pre>`` first."""
    return article_html(title).replace("<body>", f"<body><pre>\n{quoted}\n</pre>", 1)


READ = {  # path -> (Content-Type, bytes, title)
    "/a/pre": ("text/html", _page("Inside a malicious PDF", "%PDF-1.7\n1 0 obj\n"
                                  "<< /OpenAction 2 0 R >>").encode(),
               "Inside a malicious PDF"),
    "/a/junk-title": (OCTET, (PHP + article_html("What %PDF-1.7 means")).encode(),
                      "What %PDF-1.7 means"),
    "/a/junk-title-html": ("text/html", (PHP + article_html("Why %PDF-2.0 matters")).encode(),
                           "Why %PDF-2.0 matters"),
    "/a/figure": ("text/html", ("<figure><img src='/a.png'></figure>\n<p>Saved as %PDF-1.7."
                                "</p>\n" + article_html("Archive goes online")).encode(),
                  "Archive goes online"),
}
REFUSED = {  # path -> (Content-Type, bytes, what the line names)
    "/f/pdf-far": ("text/html; charset=UTF-8", NOTICES + PDF, "a PDF"),
    "/f/pdf-far-plain": ("text/plain", NOTICES + PDF, "a PDF"),
    "/f/ps": ("text/html", PHP.encode() + POSTSCRIPT, "PostScript"),
    "/f/ps-sent": (OCTET, HEADERS_SENT.encode() + POSTSCRIPT, "PostScript"),
    "/f/ps-blank": ("text/html", b"\n" + POSTSCRIPT, "PostScript"),
    "/f/png": ("text/html", MORE_NOTICES + PNG, "a PNG"),
    "/f/docx": ("text/html", MORE_NOTICES + DOCX, "a ZIP archive"),
    "/f/pdf-named-first": ("text/html", b"<html>x %PDF-1 y\n" + PDF, "a PDF"),
}


def test_pages_naming_a_pdf_header_are_read_and_files_behind_junk_refused(
    tmp_path: Path,
) -> None:
    check_read_and_refused(tmp_path, READ, REFUSED)
