"""d53: a file behind more than 16 KB of server junk is refused, as one behind less is.

k52c looked for a file's header (``held_file``) in the first 16 KB only (four times the
parser's binary sample): a PDF, a PNG or a .docx streamed after more PHP notices than that
(a loop that warns on every row prints 100 KB of them) reached the parser, and the PDF,
its text readable, was stored as an article. What tells a file from a page is what follows
its header (no page's end tag), not how far in it sits: the header is looked for in the
whole body. Pages that quote ``%PDF-1.7`` past 16 KB (in a ``<pre>``, or in a title behind
notices) are still read.

A real CLI ingest against a loopback site (tests/hostile/site.py) and a real DuckDB file.
"""

from __future__ import annotations

from pathlib import Path

from tests.hostile.media_cases import check_read_and_refused
from tests.hostile.site import article_html
from tests.hostile.test_media_file_behind_junk_k52c import DOCX, PNG, POSTSCRIPT
from tests.hostile.test_media_junk_c52 import PDF, PHP, PHP_HTML

FAR = (PHP * 120).encode()  # 21 KB: past k52c's 16 KB window
VERY_FAR = (PHP_HTML * 1000).encode()  # 110 KB of HTML notices
LONG = "".join(f"<p>Paragraph {i}: officials said on Tuesday that the harbour works "
               "begin next week, weeks after the council passed the budget.</p>\n"
               for i in range(200))  # 25 KB of a page's text


def _late_pre(title: str) -> str:
    """A long page quoting a PDF's first lines in a ``<pre>`` past the first 16 KB."""
    quoted = "<pre>\n%PDF-1.7\n1 0 obj\n<< /OpenAction 2 0 R >>\n</pre>"
    return article_html(title).replace("<body>", f"<body>{LONG}{quoted}", 1)


READ = {  # path -> (Content-Type, bytes, title)
    "/a/late-pre": ("text/html", _late_pre("Inside a malicious PDF, again").encode(),
                    "Inside a malicious PDF, again"),
    "/a/far-title": ("text/html", FAR + article_html("What %PDF-1.7 means").encode(),
                     "What %PDF-1.7 means"),
}
REFUSED = {  # path -> (Content-Type, bytes, what the line names)
    "/f/pdf": ("text/html; charset=UTF-8", FAR + PDF, "a PDF"),
    "/f/pdf-plain": ("text/plain", FAR + PDF, "a PDF"),
    "/f/pdf-very-far": ("text/html", VERY_FAR + PDF, "a PDF"),
    "/f/ps": ("text/html", FAR + POSTSCRIPT, "PostScript"),
    "/f/png": ("text/html", FAR + PNG, "a PNG"),
    "/f/docx": ("text/html", VERY_FAR + DOCX, "a ZIP archive"),
}


def test_files_far_behind_junk_are_refused_and_pages_quoting_a_header_late_read(
    tmp_path: Path,
) -> None:
    check_read_and_refused(tmp_path, READ, REFUSED)
