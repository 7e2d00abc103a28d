"""The recovering feed path cannot be used to slip hostile XML past the guard.

Each attack from test_xml.py is wrapped in a fault a real feed may have: some make
the strict parse fail before it reaches the DTD (text, a control character or a
stray '&' before the root), so the document goes down the recovery path
(parsers/feed_xml.py); others are mended before any parse (a bogus label, UTF-16
without BOM) or after the DTD (a cut-off document). Whatever the path, the attack
is refused or read with nothing expanded: no local file read, no request made, no
blow-up in time.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from parsers.feed_xml import mended
from parsers.feeds import Feed, parse_feed
from pressroom.errors import FeedError
from tests.reliability.fault_server import FaultServer, ok
from tests.security.test_xml import CANARY, attacks


def _junk_before(doc: bytes) -> bytes:
    return b"oops " + doc


def _control_char_first(doc: bytes) -> bytes:
    return b"\x01" + doc


def _bogus_encoding(doc: bytes) -> bytes:
    return doc.replace(b'<?xml version="1.0"?>', b'<?xml version="1.0" encoding="bogus"?>', 1)


def _utf16_without_bom(doc: bytes) -> bytes:
    return doc.decode("utf-8").encode("utf-16-le")


def _cut_off(doc: bytes) -> bytes:
    return doc[: doc.rindex(b"</channel>")] + b"<item><title>cut"


def _stray_ampersand_first(doc: bytes) -> bytes:
    return b"a & b\n" + doc


WRAPS: dict[str, Callable[[bytes], bytes]] = {
    "junk_before": _junk_before,
    "control_char_first": _control_char_first,
    "bogus_encoding": _bogus_encoding,
    "utf16_without_bom": _utf16_without_bom,
    "cut_off": _cut_off,
    "stray_ampersand_first": _stray_ampersand_first,
}
ENTITY_ATTACKS = ("billion_laughs", "quadratic_blowup", "xxe_file", "xxe_http",
                  "parameter_entity")


@pytest.fixture
def canary(tmp_path: Path) -> Path:
    path = tmp_path / "canary.txt"
    path.write_text(CANARY, encoding="utf-8")
    return path


@pytest.mark.parametrize("wrap", list(WRAPS))
@pytest.mark.parametrize("name", [*ENTITY_ATTACKS, "external_dtd", "xinclude"])
def test_malformed_hostile_feed_refused_without_reading_or_fetching(
    canary: Path, name: str, wrap: str
) -> None:
    with FaultServer() as srv:
        for path in ("/xxe", "/evil.dtd", "/ext.dtd"):
            srv.route(path, ok(b'<!ENTITY ext "' + CANARY.encode() + b'">', "text/plain"))
        doc = WRAPS[wrap](attacks(canary)[name].replace(b"{base}", srv.url.encode()))
        t0 = time.monotonic()
        try:
            result: Feed | FeedError = parse_feed(doc)
        except FeedError as exc:
            result = exc
        assert time.monotonic() - t0 < 1.0
        asked = [r.path for r in srv.requests]
    assert asked == []
    assert CANARY not in repr(result)
    if name in ENTITY_ATTACKS:
        assert isinstance(result, FeedError) and "hostile" in str(result), result
    elif isinstance(result, Feed):
        assert all(CANARY not in (i.title or "") and "lol" not in (i.title or "")
                   for i in result.items)


@pytest.mark.parametrize(
    "text",
    [
        '<rss><!DOCTYPE x [<!ENTITY a "b">]><channel/></rss>',  # DOCTYPE out of place
        "<rss>&a;<!ENTITY a 'b'></rss>",
        '<!DOCTYPE rss [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p">%p;]><rss>&x</rss>',
        "<rss><channel><title><![CDATA[ <!ENTITY in cdata ]]></title>&</channel></rss>",
    ],
)
def test_recovery_refuses_any_entity_declaration(text: str) -> None:
    with pytest.raises(FeedError, match="hostile"):
        mended(text)


def test_recovery_drops_external_dtd_before_the_recovering_parser() -> None:
    text = '<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/ext.dtd"><rss>&ext; & x</rss>'
    assert "DOCTYPE" not in mended(text) and "ext.dtd" not in mended(text)


def test_entity_references_left_in_recovered_text_are_never_expanded() -> None:
    feed = parse_feed(b"\x01<rss><channel><item><title>&ext;&lol9;</title>"
                      b"<link>https://a.example/1</link></item></channel></rss>")
    assert feed.items[0].title == "&ext;&lol9;"


@pytest.mark.parametrize(
    "doc",
    [
        b"<rss>&" + b"<!--" * 5000 + b"x" * 50_000,  # unclosed comments
        b"<rss>&" + b"<![CDATA[" * 5000 + b"x" * 50_000,  # unclosed CDATA sections
        b"<rss>&" + b"<title>a<b>" * 5000 + b"x" * 50_000,  # unclosed text elements
        b"<rss>&" + b"<!DOCTYPE x [" * 5000 + b"x" * 50_000,  # unclosed DOCTYPEs
    ],
    ids=["comments", "cdata", "titles", "doctypes"],
)
def test_recovery_is_linear_on_unclosed_constructs(doc: bytes) -> None:
    # Each of these took minutes with a lazy regex scanning to the end per opener.
    t0 = time.monotonic()
    with contextlib.suppress(FeedError):
        parse_feed(doc)
    assert time.monotonic() - t0 < 2.0
