"""k51c: c51's junk sniff (flows/media.py ``LATE_HTML_RE``) read a page on a line of its
own as the page behind a server's junk under any refused label, so a script, a style
sheet, a CSV or an SVG holding a page in a string was stored as an article: a JavaScript
template literal (`` `\\n<!doctype html>...` ``), a print window's ``document.write``, a CSV's
quoted cell, an SVG's ``foreignObject``. Those labels are right and their syntax holds a
raw line break in a string: no junk sniff there (``NO_JUNK_TYPES``, ``+xml``). A real CLI
ingest against a loopback site and a real DuckDB file; the c51 pages behind junk (under
``application/octet-stream`` and ``application/json``) are still read."""

from __future__ import annotations

from pathlib import Path

from flows.media import check_page
from tests.hostile.site import Site, article_html
from tests.hostile.test_fetch_edge_f50 import _failed, _ingest, _rss, _source, _stored

PAGE = article_html("Harbour works begin next week")
NOT_PAGES = {  # path -> (Content-Type, bytes holding a page on a line of its own)
    "/a/bundle.js": ("application/javascript",
                     f"export function render() {{\n  return `\n{PAGE}`;\n}}\n"),
    "/a/print.js": ("text/javascript",
                    f"var w = window.open('');\nw.document.write(`\n{PAGE}`);\n"),
    "/a/site.css": ("text/css", f"/* the page this sheet styles:\n{PAGE} */\nbody {{ }}\n"),
    "/a/export.csv": ("text/csv", 'id,html\n1,"\n' + PAGE.replace('"', '""') + '"\n'),
    "/a/card.svg": ("image/svg+xml",
                    '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
                    "<foreignObject>\n" + PAGE.replace("<!doctype html>", "")
                    .replace("<html>", '<html xmlns="http://www.w3.org/1999/xhtml">')
                    + "</foreignObject></svg>"),
}
JUNK = "PHP Notice:  Undefined index: id in /var/www/index.php on line 7\n"
READ = {  # c51's: a page behind junk under a label a careless server gives
    "/a/octet": ("application/octet-stream", JUNK + article_html("Council passes budget"),
                 "Council passes budget"),
    "/a/json": ("application/json", JUNK + article_html("Rail strike ends"),
                "Rail strike ends"),
}


def test_a_page_in_a_script_style_sheet_csv_or_svg_is_not_an_article(tmp_path: Path) -> None:
    with Site() as site:
        for path, (ctype, text) in NOT_PAGES.items():
            site.set(path, text.encode(), ctype)
        for path, (ctype, text, _) in READ.items():
            site.set(path, text.encode(), ctype)
        site.set("/rss", _rss(site, [*NOT_PAGES, *READ]), "application/rss+xml")
        done, db = _ingest(tmp_path, _source(site, ["/rss"]))
    assert done.returncode == 3, done.stdout + done.stderr
    assert _stored(db) == {f"{site.url}{p}": title for p, (_, _, title) in READ.items()}, (
        done.stdout)
    for path in NOT_PAGES:
        assert _failed(done.stdout, site, path, "MediaTypeRefused"), done.stdout


def test_a_page_that_begins_as_html_is_still_read_under_those_labels() -> None:
    for ctype in ("application/javascript", "text/css", "text/csv", "image/svg+xml"):
        check_page(ctype, PAGE.encode(), "http://example.test/a")  # no junk: a page
