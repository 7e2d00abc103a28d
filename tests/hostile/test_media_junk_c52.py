"""c52: the junk sniff's two leftovers of k51c (flows/media.py).

A PDF behind junk: server junk, an ``<html>`` line, then a PDF's bytes, served as
``application/pdf`` (constructed), was read as a page through c51's junk sniff; so was the
same under ``application/octet-stream``, and a PHP notice before a streamed PDF ("headers
already sent", so the label stays ``text/html``) was handed to the parser. A PDF's header
(``%PDF-`` and a digit) in the first 2 KB of a body that does not begin as HTML is a PDF
under any label (``PDF_RE``; k52c: ``held_file``), and ``application/pdf`` is outvoted only
by bytes that begin as HTML, not by a page behind junk.

A page whose junk is followed by ``<head>`` or ``<meta charset>`` (templates that print no
``<html>``; PHP notices before the head) was refused while one followed by ``<html>`` was
read: those tags open a page too now, with the same limits (a line of its own, within the
first 1 KB, text before it).

A real CLI ingest against a loopback site (tests/hostile/site.py) and a real DuckDB file.
"""

from __future__ import annotations

from pathlib import Path

from flows.media import begins_as_html
from tests.hostile.site import Site, article_html
from tests.hostile.test_fetch_edge_f50 import _failed, _ingest, _rss, _source, _stored

OCTET = "application/octet-stream"
PHP = ("PHP Warning:  Undefined variable $lang in /var/www/html/index.php on line 3\n"
       "PHP Deprecated:  strftime(): Function strftime() is deprecated in "
       "/var/www/html/inc/date.php on line 41\n")
PHP_HTML = ("<br />\n<b>Notice</b>:  Undefined index: id in <b>/srv/www/page.php</b> on "
            "line <b>7</b><br />\n")
HEADERS_SENT = ("<br />\n<b>Warning</b>:  Cannot modify header information - headers "
                "already sent by (output started at /var/www/pdf.php:4) in "
                "<b>/var/www/pdf.php</b> on line <b>9</b><br />\n")
PDF = (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Length 44 >>\nstream\nBT /F1 12 Tf (Officials said) Tj ET\n"
       b"endstream\nendobj\n" + b"(Officials said on Tuesday.) Tj\n" * 200)


def _headless(title: str) -> str:
    """article_html less its doctype and ``<html>``: a template's page from ``<head>``."""
    return article_html(title).removeprefix("<!doctype html><html>")


def _from_meta(title: str) -> str:
    """A page that opens with its charset, then its title, no ``<html>`` or ``<head>``."""
    return '<meta charset="utf-8">\n' + _headless(title).removeprefix("<head>")


READ = {  # path -> (Content-Type, bytes, title)
    "/a/head": (OCTET, (PHP + _headless("Council passes budget")).encode(),
                "Council passes budget"),
    "/a/head-json": ("application/json", (PHP_HTML + _headless("Rail strike ends")).encode(),
                     "Rail strike ends"),
    "/a/meta": (OCTET, ("Notice: Undefined index: id in /srv/www/page.php on line 7\n"
                        + _from_meta("Library reopens")).encode("latin-1"),
                "Library reopens"),
    # a page that begins as HTML and names a PDF's header in its title is still a page
    "/a/about-pdf": ("text/html", article_html("What %PDF-1.7 means").encode(),
                     "What %PDF-1.7 means"),
}
REFUSED = {  # path -> (Content-Type, bytes)
    "/a/pdf": ("application/pdf", (PHP + "<html>\n").encode() + PDF),
    "/a/pdf-octet": (OCTET, (PHP + "<html>\n").encode() + PDF),
    "/a/pdf-sent": ("text/html; charset=UTF-8", HEADERS_SENT.encode() + PDF),
    "/a/pdf-html-first": ("application/pdf", b"<html>\n" + PDF),
    "/a/pdf-head": ("application/pdf", (PHP + _headless("Officials said")).encode()),
}


def test_a_pdf_behind_junk_is_refused_and_a_page_from_head_or_meta_is_read(
    tmp_path: Path,
) -> None:
    with Site() as site:
        for path, (ctype, body, _) in READ.items():
            site.set(path, body, ctype)
        for path, (ctype, body) in REFUSED.items():
            site.set(path, body, ctype)
        site.set("/rss", _rss(site, [*READ, *REFUSED]), "application/rss+xml")
        done, db = _ingest(tmp_path, _source(site, ["/rss"]))
    assert done.returncode == 3, done.stdout + done.stderr
    assert _stored(db) == {f"{site.url}{p}": title for p, (_, _, title) in READ.items()}, (
        done.stdout)
    for path in REFUSED:
        assert _failed(done.stdout, site, path, "MediaTypeRefused"), done.stdout
    # one line each, saying what the bytes are
    pdf_lines = [line for line in done.stdout.splitlines()
                 if "MediaTypeRefused" in line and "hold a PDF (its header at byte" in line]
    assert len(pdf_lines) == 4, done.stdout


def test_head_and_meta_after_junk_keep_the_junk_sniffs_limits() -> None:
    assert begins_as_html(PHP.encode() + b"<head>\n<title>x</title>")
    assert begins_as_html(PHP.encode() + b"<HEAD><TITLE>x</TITLE>")
    assert begins_as_html(PHP.encode() + b"<meta charset='utf-8'>")
    assert begins_as_html(PHP.encode() + b"<meta\ncharset=utf-8>")
    assert not begins_as_html(PHP.encode() + b"<header>x</header>")  # not the head
    assert not begins_as_html(PHP.encode() + b'<meta name="x" charset="utf-8">')
    assert not begins_as_html(b"PHP Warning: x <head>")  # not opening a line
    assert not begins_as_html(b"x\x1b[0m\n<head>")  # a control byte
    assert not begins_as_html(b"a" * 1100 + b"\n<meta charset=utf-8>")  # past 1 KB
