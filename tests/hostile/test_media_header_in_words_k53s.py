"""k53s: attacks on d53's ``held_file`` (flows/media.py): a file's header anywhere in the
body, the first with no page's end tag after it, makes the body that file.

HTML lets a page leave out the end tags of its last paragraph, list item, cell, body and
html (the spec's optional tags; html-minifier's ``removeOptionalTags``, Google's HTML
style guide): such a page, complete and valid, has no end tag after the words of its last
paragraph. One naming ``%PDF-1.7``, ``GIF89a`` or ``%!PS-Adobe-3.0`` there (document-tool,
security, web news) was refused as a PDF, a GIF or PostScript (MediaTypeRefused, put on the
retry schedule, refused again every time). On 648b78e only the first 16 KB were looked at,
so such a page past them was read; d53 looks at the whole body. A file's text header opens
a line (behind a notice's line break, a BOM, or as the body's first bytes); a page's
sentence names it mid-line. Files behind junk are still refused (k52c's and d53's tests).

A real CLI ingest against a loopback site (tests/hostile/site.py) and a real DuckDB file.
"""

from __future__ import annotations

from pathlib import Path

from tests.hostile.media_cases import check_read_and_refused
from tests.hostile.test_media_junk_c52 import PDF, PHP

LONG = "".join(f"<p>Paragraph {i}: officials said on Tuesday that the archive opens next "
               "week, weeks after the council passed the budget" for i in range(200))


def _minified(title: str, last: str, *, long: bool = True) -> bytes:
    """A complete page with its optional end tags left out, ``last`` its last words."""
    return (f"<!doctype html><html lang=en><meta charset=utf-8><title>{title}</title>"
            f'<meta property="og:type" content="article"><h1>{title}</h1>'
            f"{LONG if long else ''}<p>{last}").encode()


READ = {  # path -> (Content-Type, bytes, title)
    "/a/pdf-far": ("text/html", _minified(
        "The archive keeps its scans", "Each scan is saved as a file that begins with "
        "%PDF-1.7, the version the archive's scanners write."), "The archive keeps its scans"),
    "/a/gif-far": ("text/html", _minified(
        "The oldest animation online", "The format's second version, GIF89a, added the "
        "loop that made it famous."), "The oldest animation online"),
    "/a/ps-far": ("text/html", _minified(
        "Printers still speak it", "Their drivers open every job with %!PS-Adobe-3.0 and "
        "a title line."), "Printers still speak it"),
    "/a/pdf-near": ("text/html", _minified(
        "A short note on scans", "Scans are files that begin with %PDF-1.7 here.",
        long=False), "A short note on scans"),
}
REFUSED = {  # path -> (Content-Type, bytes, what the line names)
    "/f/pdf-behind-notice": ("text/html", PHP.encode() * 120 + PDF, "a PDF"),
    "/f/pdf-behind-bom": ("text/html", b"\xef\xbb\xbf" + PDF, "a PDF"),
}


def test_a_complete_page_naming_a_header_in_its_last_words_is_read(tmp_path: Path) -> None:
    check_read_and_refused(tmp_path, READ, REFUSED)
