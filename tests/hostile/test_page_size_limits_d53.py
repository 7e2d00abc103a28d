"""d53: the parser's markup limit and the fetch cap agree at the default.

``max_bytes`` (default 10,000,000 bytes) let a page of 9 MB be fetched and archived, and
the parser then refused it above 8,000,000 characters of markup (parsers/limits.py,
k52's left): a long article (a live blog, a transcript) was written off, "refused by
the parsers (not asked again)". bench/big_page.py: a 10 MB page parses in ~5 s (12 s
for the densest shape) at 120-220 MB peak RSS, well inside the parse pool's 120 s, so
the limit is the default cap: every page the default lets in is parsed. A source that
raises ``max_bytes`` past it has a bigger page refused in one line, kept in the raw
archive, and read again by ``reparse`` (one line again, no traceback).

A real CLI ingest against a loopback site (tests/hostile/site.py), a real DuckDB file.
"""

from __future__ import annotations

from pathlib import Path

from tests.hostile.site import Site
from tests.hostile.test_fetch_edge_f50 import _ingest, _pressroom, _rss, _source, _stored

SENTENCE = ("Officials said on Tuesday that the harbour works would begin next week, "
            "weeks after the council passed the budget. ")


def _long_page(title: str, size: int) -> bytes:
    head = (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"</head><body><article><h1>{title}</h1>")
    tail = "</article></body></html>"
    unit = f"<p>{SENTENCE * 4}</p>\n"
    return (head + unit * ((size - len(head) - len(tail)) // len(unit)) + tail).encode()


def test_a_page_under_the_default_cap_is_parsed(tmp_path: Path) -> None:
    with Site() as site:
        site.set("/a/long", _long_page("A long live blog", 9_000_000), "text/html")
        site.set("/rss", _rss(site, ["/a/long"]), "application/rss+xml")
        done, db = _ingest(tmp_path, _source(site, ["/rss"]))
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert _stored(db) == {f"{site.url}/a/long": "A long live blog"}


def test_a_page_over_the_parsers_limit_is_one_line_and_read_again_by_reparse(
        tmp_path: Path) -> None:
    url_path = "/a/huge"
    with Site() as site:
        site.set(url_path, _long_page("A huge page", 10_500_000), "text/html")
        site.set("/rss", _rss(site, [url_path]), "application/rss+xml")
        done, db = _ingest(tmp_path, _source(site, ["/rss"], "max_bytes = 12000000"))
        url = f"{site.url}{url_path}"
    again = _pressroom("reparse", "--no-prefect", "--sources", str(tmp_path / "s.toml"),
                       "--db", str(db))
    assert "Traceback" not in done.stderr + again.stderr
    lines = [x for x in done.stdout.splitlines() if url in x]
    assert len(lines) == 1, done.stdout
    assert "ParseError: document too large" in lines[0], lines[0]
    assert "10,000,000" in lines[0], lines[0]
    assert _stored(db) == {}
    said = [x for x in (again.stdout + again.stderr).splitlines() if url in x
            or "too large" in x]
    assert len(said) == 1 and "too large" in said[0], again.stdout + again.stderr
