"""c51: a page whose bytes begin with server-side junk before its doctype, served under a
label f50 refuses (``application/octet-stream``), was refused as ``MediaTypeRefused``
(k50a's leftover): PHP's notices printed as text, a stray "ok", blank lines. Now a doctype
or an ``<html>`` tag opening a line within the first 1 KB, behind text with no NUL or
control bytes, is a page (flows/media.py ``LATE_HTML_RE``). A real CLI ingest against a
loopback site (tests/hostile/site.py) and a real DuckDB file.

Still refused: bytes that begin as a file no page is (a PDF with a doctype on its second
line), a binary head (NUL bytes) before a doctype, JSON holding a page in a string, and a
doctype past the first 1 KB of junk."""

from __future__ import annotations

from pathlib import Path

from flows.media import begins_as_html
from tests.hostile.site import Site, article_html
from tests.hostile.test_fetch_edge_f50 import _failed, _ingest, _rss, _source, _stored

OCTET = "application/octet-stream"
PHP = ("PHP Warning:  Undefined variable $lang in /var/www/html/index.php on line 3\n"
       "PHP Deprecated:  strftime(): Function strftime() is deprecated in "
       "/var/www/html/inc/date.php on line 41\n\n")
READ = {  # path -> (Content-Type, bytes, title)
    "/a/php": (OCTET, (PHP + article_html("Council passes budget")).encode(),
               "Council passes budget"),
    "/a/ok": ("application/json", ("\r\n\r\nok\r\n  " + article_html("Rail strike ends")
                                   .upper().replace("<!DOCTYPE HTML>", "<!DOCTYPE html>")
                                   ).encode(), "RAIL STRIKE ENDS"),
    "/a/notice": (OCTET, ("Notice: Undefined index: id in /srv/www/page.php on line 7\n"
                          + article_html("Library reopens").removeprefix("<!doctype html>")
                          ).encode("latin-1"), "Library reopens"),
}
DOCTYPE_LINE = b"\n<!doctype html><html><head><title>Officials said</title></head>"
STILL_REFUSED = {
    "/a/pdf": (OCTET, b"%PDF-1.4" + DOCTYPE_LINE + b"<p>Officials said.</p>" * 200),
    "/a/binary": (OCTET, b"\x00\x00\x00\x18ftypmp42" + DOCTYPE_LINE + b"<p>x.</p>" * 200),
    "/a/api": ("application/json", b'{"id": 1,\n "html": "<!doctype html><p>Officials said'
                                   b'.</p>"}' + b" " * 2000),
    "/a/far": (OCTET, b"PHP Warning: x\n" * 80 + DOCTYPE_LINE + b"<p>Officials said.</p>"),
}


def test_a_page_behind_server_side_junk_is_read(tmp_path: Path) -> None:
    with Site() as site:
        for path, (ctype, body, _) in READ.items():
            site.set(path, body, ctype)
        for path, (ctype, body) in STILL_REFUSED.items():
            site.set(path, body, ctype)
        site.set("/rss", _rss(site, [*READ, *STILL_REFUSED]), "application/rss+xml")
        done, db = _ingest(tmp_path, _source(site, ["/rss"]))
    assert done.returncode == 3, done.stdout + done.stderr
    stored = _stored(db)
    assert stored == {f"{site.url}{p}": title for p, (_, _, title) in READ.items()}, (
        done.stdout)
    for path in STILL_REFUSED:
        assert _failed(done.stdout, site, path, "MediaTypeRefused"), done.stdout


def test_the_junk_before_a_late_doctype_must_be_text_on_lines_of_its_own() -> None:
    assert begins_as_html(PHP.encode() + b"<html lang='en'>")
    assert not begins_as_html(b"PHP Warning: x <!doctype html>")  # not opening a line
    assert not begins_as_html(b"x\x1b[0m\n<!doctype html>")  # a control byte
    assert not begins_as_html(b"a" * 1100 + b"\n<!doctype html>")  # past the first 1 KB
    assert not begins_as_html(b"junk\n<htmlx>")
