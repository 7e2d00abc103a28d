"""Hostile XML feeds: refused cleanly, no local file read, no request made."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import duckdb
import pytest

from flows.config import SourceConfig
from flows.ingest import run_sources
from parsers.feeds import Feed, parse_feed
from pressroom.errors import FeedError
from tests.reliability.fault_server import FaultServer, ok

CANARY = "pressroom-canary-7f3a9c"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><item><title>&lol9;</title><link>{base}/a</link></item></channel></rss>
"""
QUADRATIC = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + b"x" * 50_000
             + b'">]><rss version="2.0"><channel><item><title>' + b"&a;" * 50_000
             + b"</title><link>{base}/a</link></item></channel></rss>")


def attacks(canary: Path) -> dict[str, bytes]:
    """Each hostile feed, with ``{base}`` standing for the server's base URL."""
    uri = canary.as_uri()
    item = "<item><title>&xxe;</title><link>{base}/a</link></item>"
    return {
        "billion_laughs": BILLION_LAUGHS,
        "quadratic_blowup": QUADRATIC,
        "xxe_file": (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "{uri}">]>'
                     f'<rss version="2.0"><channel>{item}</channel></rss>').encode(),
        "xxe_http": ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "{base}/xxe">]>'
                     f'<rss version="2.0"><channel>{item}</channel></rss>').encode(),
        "parameter_entity": (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM '
                             b'"{base}/evil.dtd"> %p;]><rss version="2.0"><channel>'
                             b"<item><link>{base}/a</link></item></channel></rss>"),
        "external_dtd": (b'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{base}/ext.dtd">'
                         b'<rss version="2.0"><channel><item><title>&ext;</title>'
                         b"<link>{base}/a</link></item></channel></rss>"),
        "xinclude": ('<?xml version="1.0"?><rss version="2.0" '
                     'xmlns:xi="http://www.w3.org/2001/XInclude"><channel><item><title>'
                     f'<xi:include href="{uri}" parse="text"/></title>'
                     "<link>{base}/a</link></item></channel></rss>").encode(),
    }


@pytest.fixture
def canary(tmp_path: Path) -> Path:
    """A local file whose content must never show up anywhere."""
    path = tmp_path / "canary.txt"
    path.write_text(CANARY, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["billion_laughs", "quadratic_blowup", "xxe_file", "xxe_http",
                                  "parameter_entity", "external_dtd", "xinclude"])
def test_parse_feed_refuses_or_ignores_hostile_xml(canary: Path, name: str) -> None:
    data = attacks(canary)[name].replace(b"{base}", b"http://127.0.0.1:9")
    t0 = time.monotonic()
    try:
        result: Feed | FeedError = parse_feed(data)
    except FeedError as exc:
        result = exc
    assert time.monotonic() - t0 < 1.0
    assert CANARY not in repr(result)
    if name not in ("external_dtd", "xinclude"):
        assert isinstance(result, FeedError) and "hostile" in str(result), result
    elif isinstance(result, Feed):
        # Undeclared entity or an XInclude element: nothing expanded, nothing fetched.
        assert all(CANARY not in (i.title or "") for i in result.items)


def test_hostile_feeds_through_ingest_read_nothing_and_request_nothing(
    canary: Path, tmp_path: Path
) -> None:
    db = tmp_path / "xml.duckdb"
    feeds = attacks(canary)
    with FaultServer() as srv:
        sources = []
        for name, body in feeds.items():
            srv.route(f"/{name}.xml", ok(body.replace(b"{base}", srv.url.encode()),
                                         "application/rss+xml"))
            sources.append(SourceConfig(
                name=name.replace("_", "-"), feeds=(srv.url_for(f"/{name}.xml"),),
                allow_private_network=True, min_delay=0.0, timeout=2.0, respect_robots=False))
        srv.route("/a", ok(b"<html><body><h1>a</h1><p>article</p></body></html>"))
        # An expansion bomb would burn CPU for minutes: count this process's CPU, not the
        # wall clock, so a loaded machine cannot fail the test (11-13 s wall at load 16-19).
        t0 = time.process_time()
        _, reports = asyncio.run(run_sources(sources, db, as_tasks=False, lock_timeout=5.0))
        assert time.process_time() - t0 < 10
        asked = {r.path for r in srv.requests}
    # Only the feeds themselves were requested (plus /a from the two feeds that parse).
    assert not asked & {"/xxe", "/evil.dtd", "/ext.dtd"}, asked
    refused = {r.source: r for r in reports}
    for name in ("billion_laughs", "quadratic_blowup", "xxe_file", "xxe_http",
                 "parameter_entity"):
        report = refused[name.replace("_", "-")]
        assert report.status == "failed" and str(report.error).startswith("FeedError:"), name
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table in ("fetch_log", "runs", "article_versions", "pages", "seen_urls"):
            dump = con.execute(f"SELECT * FROM {table}").fetchall()
            assert CANARY not in repr(dump), table
    finally:
        con.close()
