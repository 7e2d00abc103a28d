"""Every fault of issue 4 through the real fetcher (and the parser behind it).

Each test names the fault, injects it with :mod:`tests.reliability.fault_server`
and checks the error class, whether it was retried, and that nothing hangs or
balloons. Whole-run behaviour (other sources unaffected, ``fetch_log``/``runs``,
recovery) is in ``test_ingest_faults.py``.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from flows.config import SourceConfig
from flows.http_records import Fetched
from flows.parsepool import parse_fetched
from pressroom.errors import (
    BlockedURL,
    BodyBrokeOff,
    ConnectError,
    FetchTimeout,
    HTTPStatusError,
    ParseError,
    RateLimited,
    ServerError,
    TooLarge,
    TooManyRedirects,
)
from tests.reliability.fault_server import (
    FaultServer,
    broken_chunked,
    brotli_bomb,
    closed_port,
    drip,
    encoded,
    gzip_bomb,
    gzipped,
    hang,
    ok,
    redirect,
    repeated,
    reset_mid_body,
    status,
    stream,
    wrong_length,
)
from tests.reliability.helpers import FAST, HANG, fetch, fetch_traced

PARA = ("<p>The ministry said on Monday that the agreement would take effect next year "
        "after ratification by both parliaments.</p>")
PAGE = ("<html><head><title>Agreement signed</title></head><body><article>"
        "<h1>Agreement signed</h1>" + PARA * 5 + "</article></body></html>").encode()
SOURCE = SourceConfig(name="faults", feeds=("http://127.0.0.1/feed",), timeout=0.5)


# -- connection faults -------------------------------------------------------------------


def test_connection_refused_is_transient_and_retried() -> None:
    out = fetch(f"http://127.0.0.1:{closed_port()}/a")
    assert isinstance(out.result, ConnectError)
    assert out.classes == ["ConnectError"] * FAST.max_attempts


def test_reset_mid_body_is_retried_then_recovers(srv: FaultServer) -> None:
    srv.route("/a", reset_mid_body(PAGE), reset_mid_body(PAGE), ok(PAGE))
    out = fetch(srv.url_for("/a"))
    assert isinstance(out.result, Fetched) and out.result.body == PAGE
    assert out.classes == ["BodyBrokeOff", "BodyBrokeOff", None]


def test_read_timeout_is_bounded_and_retried(srv: FaultServer) -> None:
    srv.route("/a", hang())
    out = fetch(srv.url_for("/a"), HANG)
    assert isinstance(out.result, FetchTimeout)
    assert out.classes == ["FetchTimeout"] * HANG.max_attempts
    assert out.seconds < HANG.max_attempts * HANG.timeout + 1.0


def test_slow_drip_trips_the_overall_time_limit(srv: FaultServer) -> None:
    # 1 byte/s never trips a per-read timeout; only a whole-request limit stops it.
    srv.route("/a", drip(PAGE, interval=1.0))
    policy = replace(HANG, max_attempts=1)
    out = fetch(srv.url_for("/a"), policy)
    assert isinstance(out.result, FetchTimeout)
    assert out.attempts[0].elapsed_ms < 1000
    assert out.attempts[0].status == 200  # headers came, the body never finished


def test_headers_then_silence_times_out(srv: FaultServer) -> None:
    srv.route("/a", hang(after_headers=True))
    out = fetch(srv.url_for("/a"), replace(HANG, max_attempts=1))
    assert isinstance(out.result, FetchTimeout)


# -- rate limits and server errors -------------------------------------------------------


def test_429_retry_after_seconds_is_honoured(srv: FaultServer) -> None:
    srv.route("/a", status(429, headers=[("Retry-After", "1")]), ok(PAGE))
    out = fetch(srv.url_for("/a"))
    assert isinstance(out.result, Fetched)
    assert out.statuses == [429, 200] and out.classes == ["RateLimited", None]
    gap = out.attempts[1].started_at - out.attempts[0].started_at
    assert gap >= timedelta(seconds=0.95)


def test_429_retry_after_http_date_is_honoured(srv: FaultServer) -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=2), usegmt=True)
    srv.route("/a", status(429, headers=[("Retry-After", when)]), ok(PAGE))
    out = fetch(srv.url_for("/a"))
    assert isinstance(out.result, Fetched)
    gap = out.attempts[1].started_at - out.attempts[0].started_at
    # The date has whole seconds, so the wait is between one and two seconds.
    assert timedelta(seconds=0.9) <= gap <= timedelta(seconds=2.5)


def test_retry_after_beyond_the_cap_is_not_waited_for(srv: FaultServer) -> None:
    srv.route("/a", status(429, headers=[("Retry-After", "86400")]))
    out = fetch(srv.url_for("/a"))
    assert isinstance(out.result, RateLimited) and out.result.retry_after == 86400
    assert len(out.attempts) == 1 and out.seconds < 2


def test_5xx_burst_is_retried_until_it_passes(srv: FaultServer) -> None:
    srv.route("/a", status(500), status(502), status(503), ok(PAGE))
    out = fetch(srv.url_for("/a"), replace(FAST, max_attempts=4))
    assert isinstance(out.result, Fetched)
    assert out.statuses == [500, 502, 503, 200]
    assert out.classes == ["ServerError"] * 3 + [None]


def test_5xx_burst_longer_than_the_attempts_fails_transient(srv: FaultServer) -> None:
    srv.route("/a", status(503))
    out = fetch(srv.url_for("/a"))
    assert isinstance(out.result, ServerError) and out.result.transient
    assert len(out.attempts) == FAST.max_attempts


def test_404_is_terminal_and_not_retried(srv: FaultServer) -> None:
    out = fetch(srv.url_for("/nothing"))
    assert isinstance(out.result, HTTPStatusError) and not out.result.transient
    assert len(out.attempts) == 1 and srv.hits("/nothing") == 1


# -- broken bodies -----------------------------------------------------------------------


def test_truncated_body_is_a_broken_body_not_an_unreachable_host(srv: FaultServer) -> None:
    srv.route("/a", wrong_length(PAGE[:100], declared=len(PAGE)), ok(PAGE))
    out = fetch(srv.url_for("/a"))
    assert isinstance(out.result, Fetched) and out.result.body == PAGE
    assert out.classes == ["BodyBrokeOff", None]


def test_short_content_length_cuts_the_body(srv: FaultServer) -> None:
    # HTTP/1.1 framing is the Content-Length: the extra bytes are not part of the body.
    srv.route("/a", wrong_length(PAGE, declared=50))
    out = fetch(srv.url_for("/a"))
    assert isinstance(out.result, Fetched) and out.result.body == PAGE[:50]


def test_chunked_that_breaks_off_is_a_broken_body(srv: FaultServer) -> None:
    srv.route("/a", broken_chunked([PAGE[:64], PAGE[64:128]]))
    out = fetch(srv.url_for("/a"))
    assert isinstance(out.result, BodyBrokeOff) and isinstance(out.result, ConnectError)
    assert "broke off" in str(out.result)
    assert out.classes == ["BodyBrokeOff"] * FAST.max_attempts


def test_corrupt_gzip_is_a_connect_error(srv: FaultServer) -> None:
    srv.route("/a", encoded(b"\x1f\x8b\x08\x00garbage-not-gzip", "gzip"))
    out = fetch(srv.url_for("/a"), replace(FAST, max_attempts=1))
    assert isinstance(out.result, ConnectError) and "corrupt" in str(out.result)


def test_well_formed_compressed_pages_still_decode(srv: FaultServer) -> None:
    import zlib

    import brotli

    srv.route("/gz", encoded(gzipped(PAGE), "gzip"))
    srv.route("/gz2", encoded(gzipped(PAGE[:200]) + gzipped(PAGE[200:]), "gzip"))
    srv.route("/br", encoded(brotli.compress(PAGE), "br"))
    srv.route("/df", encoded(zlib.compress(PAGE), "deflate"))
    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    srv.route("/rawdf", encoded(raw.compress(PAGE) + raw.flush(), "deflate"))
    srv.route("/stack", encoded(brotli.compress(gzipped(PAGE)), "gzip, br"))
    for path in ("/gz", "/gz2", "/br", "/df", "/rawdf", "/stack"):
        out = fetch(srv.url_for(path))
        assert isinstance(out.result, Fetched), (path, out.result)
        assert out.result.body == PAGE, path


# -- redirects ---------------------------------------------------------------------------


def test_redirect_loop_is_terminal(srv: FaultServer) -> None:
    srv.route("/a", redirect("/b"))
    srv.route("/b", redirect("/a"))
    out = fetch(srv.url_for("/a"))
    assert isinstance(out.result, TooManyRedirects) and "loop" in str(out.result)
    assert srv.hits("/a") == 1 and srv.hits("/b") == 1  # not retried


def test_long_redirect_chain_is_cut(srv: FaultServer) -> None:
    for i in range(20):
        srv.route(f"/hop{i}", redirect(f"/hop{i + 1}", 301))
    out = fetch(srv.url_for("/hop0"))
    assert isinstance(out.result, TooManyRedirects) and "more than" in str(out.result)
    assert srv.hits("/hop6") == 0  # stopped after max_redirects hops


@pytest.mark.parametrize("target", [
    "file:///etc/passwd", "ftp://127.0.0.1/pub/x", "gopher://127.0.0.1:70/", "data:text/html,x",
])
def test_redirect_to_another_scheme_is_blocked(srv: FaultServer, target: str) -> None:
    srv.route("/a", redirect(target))
    out = fetch(srv.url_for("/a"))
    assert isinstance(out.result, BlockedURL), out.result
    # The refusal is logged under the URL asked for (after the 302 row, unless httpx
    # already rejects the Location itself, as for data:), and it is not retried.
    assert out.classes[-1] == "BlockedURL" and out.statuses[:-1] in ([], [302])
    assert all(a.url == srv.url_for("/a") and a.attempt == 1 for a in out.attempts)


def test_redirect_to_another_host_is_bounded_by_allowed_hosts(srv: FaultServer) -> None:
    srv.route("/a", redirect("http://localhost:{port}/b".replace("{port}", str(srv.port))))
    srv.route("/b", ok(PAGE))
    policy = replace(FAST, allowed_hosts=frozenset({"127.0.0.1"}))
    out = fetch(srv.url_for("/a"), policy, private=frozenset({"127.0.0.1", "localhost"}))
    assert isinstance(out.result, BlockedURL) and "localhost" in str(out.result)
    assert srv.hits("/b") == 0


# -- size caps and bombs -----------------------------------------------------------------


def test_page_far_over_the_cap_stops_early(srv: FaultServer) -> None:
    total = 200_000_000  # never sent in full: the fetcher hangs up at the cap
    srv.route("/big", stream(repeated(b"<p>x</p>", total)))
    out = fetch(srv.url_for("/big"))
    assert isinstance(out.result, TooLarge)
    assert out.classes == ["TooLarge"]  # terminal
    assert out.attempts[0].bytes <= FAST.max_bytes + 256 * 1024
    assert out.seconds < 3


def test_declared_length_over_the_cap_is_refused_before_reading(srv: FaultServer) -> None:
    srv.route("/big", stream(repeated(b"a", 50_000_000), length=50_000_000))
    out = fetch(srv.url_for("/big"))
    assert isinstance(out.result, TooLarge) and out.attempts[0].bytes == 0


@pytest.mark.parametrize("kind", ["gzip", "br"])
def test_compression_bomb_is_capped_in_bounded_memory(srv: FaultServer, kind: str) -> None:
    inflated = 1 << 30 if kind == "br" else 300 << 20
    bomb = brotli_bomb(inflated) if kind == "br" else gzip_bomb(inflated)
    assert len(bomb) < 400_000  # small on the wire...
    srv.route("/bomb", encoded(bomb, kind))
    out, peak = fetch_traced(srv.url_for("/bomb"))
    assert isinstance(out.result, TooLarge), out.result  # ...but over the cap inflated
    assert out.classes == ["TooLarge"]
    # Before bounded decoding, httpx inflated a whole network chunk at once:
    # the brotli bomb alone asked for a gigabyte.
    assert peak < 40 * FAST.max_bytes, f"peak {peak / 1e6:.0f} MB"


def test_fifty_megabyte_single_line_is_capped(srv: FaultServer) -> None:
    size = 50_000_000
    srv.route("/line", stream(repeated(b"a", size), length=None))
    policy = replace(FAST, max_bytes=10_000_000, timeout=5.0)
    out = fetch(srv.url_for("/line"), policy)
    assert isinstance(out.result, TooLarge)


# -- hostile content: fetched fine, parsed to an Article or a ParseError --------------------


def _parse(srv: FaultServer, path: str) -> tuple[object, float]:
    out = fetch(srv.url_for(path), replace(FAST, max_bytes=20_000_000, timeout=5.0))
    assert isinstance(out.result, Fetched), out.result
    t0 = time.monotonic()
    try:
        result: object = parse_fetched(out.result, SOURCE, None)
    except ParseError as exc:
        result = exc
    return result, time.monotonic() - t0


def _binary(seed: int) -> bytes:
    return random.Random(seed).randbytes(300_000)


@pytest.mark.parametrize("content_type", ["text/html; charset=utf-8", "text/html"])
@pytest.mark.parametrize("body", [
    _binary(0), _binary(1), gzipped(_binary(2)), b"\x89PNG\r\n\x1a\n" + _binary(3),
    b"\x7fELF\x02\x01\x01" + bytes(5000) + _binary(4),
], ids=["random0", "random1", "gzip", "png", "elf"])
def test_binary_served_as_html_is_a_parse_error(
    srv: FaultServer, content_type: str, body: bytes
) -> None:
    srv.route("/bin", ok(body, content_type))
    result, seconds = _parse(srv, "/bin")
    assert isinstance(result, ParseError), result
    assert seconds < 5


def test_binary_that_decodes_to_replacement_chars_is_a_parse_error(srv: FaultServer) -> None:
    srv.route("/bin", ok(_binary(42), "text/html"))
    result, _ = _parse(srv, "/bin")
    assert isinstance(result, ParseError), result


@pytest.mark.parametrize(("content_type", "body"), [
    ("text/html; charset=nonsense-8", PAGE),
    ("text/html; charset=utf-16", PAGE),  # lying header: the bytes are ASCII
    ("text/html", b"<meta charset='utf-32'>" + PAGE),  # lying meta
    ("text/html; charset=utf-8", PAGE.replace(b"ministry", "министерство".encode("cp1251"))),
    ("text/html", PAGE.replace(b"Monday", "понедельник".encode()).replace(
        b"next year", "в следующем году".encode("cp1251"))),  # mixed encodings
    ("text/html; charset=utf-8", PAGE.replace(b"said", b"sa\x00id\x00")),  # NUL bytes
    ("text/html; charset=utf-8", PAGE.replace(b"would", b"w\xff\xfeould\xc3")),  # bad UTF-8
])
def test_bad_charsets_and_bytes_still_give_the_article(
    srv: FaultServer, content_type: str, body: bytes
) -> None:
    srv.route("/p", ok(body, content_type))
    result, seconds = _parse(srv, "/p")
    assert not isinstance(result, Exception), result
    assert result.title == "Agreement signed"  # type: ignore[attr-defined]
    assert seconds < 5
    assert "\x00" not in result.body  # type: ignore[attr-defined]


def test_hundred_thousand_deep_nesting_is_bounded(srv: FaultServer) -> None:
    deep = b"<html><body>" + b"<div>" * 100_000 + PAGE + b"</div>" * 100_000 + b"</body></html>"
    srv.route("/deep", ok(deep))
    result, seconds = _parse(srv, "/deep")
    assert seconds < 10
    assert isinstance(result, ParseError) or result.kind in ("article", "empty", "listing")  # type: ignore[attr-defined]


def test_huge_single_line_page_under_the_cap_is_bounded(srv: FaultServer) -> None:
    line = b"<html><body><h1>Long</h1><p>" + b"word " * 3_000_000 + b"</p></body></html>"
    srv.route("/line", ok(line))
    result, seconds = _parse(srv, "/line")
    assert seconds < 15
    assert isinstance(result, ParseError) or result.kind in ("article", "empty")  # type: ignore[attr-defined]


def test_stop_interrupts_a_hanging_response() -> None:
    """The server's own waits end on stop(): a hung client cannot hang the suite."""
    server = FaultServer().start()
    server.route("/a", drip(PAGE, interval=30.0))

    async def go() -> None:
        import httpx

        async with httpx.AsyncClient() as client, client.stream(
            "GET", server.url_for("/a")
        ) as response:
            async for _ in response.aiter_raw():
                break

    asyncio.run(go())
    t0 = time.monotonic()
    server.stop()
    assert time.monotonic() - t0 < 2
