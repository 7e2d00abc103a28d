"""A gzip whose deflate stream ended but whose 8-byte trailer is missing or cut is whole (o44).

o43 made a compressed body cut short ``BodyBrokeOff`` (transient, asked again), judged by
zlib's end of stream, which for gzip comes only after the CRC-32 and size trailer. A
server that always drops the trailer (old ``ob_gzhandler`` set-ups, a proxy that ends
the body at the deflate stream's end) was then asked every run and never stored, though
the text had all come: the deflate stream's final block carries its own end. Browsers
read such a page: Firefox inflates gzip as raw deflate and stops at its end, never
reading the trailer (``nsHTTPCompressConv``; an unclean stop is an error only under
``network.http.enforce-framing.http``), Chromium skips the trailer's bytes unchecked
(``GzipSourceStream::STATE_GZIP_FOOTER``), curl's ``gzip_do_close`` asks nothing. Now the
text is whole when the deflate stream ended and the trailer bytes that came agree with
it (``flows.inflate._ZlibStage.ended``); a body cut inside the deflate stream stays
``BodyBrokeOff`` as before. Real loopback servers, the real fetcher, a real ingest.
"""

from __future__ import annotations

import asyncio
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from flows.fetch import Fetcher
from flows.http_records import Fetched
from flows.runtime import make_client
from pressroom.errors import BodyBrokeOff
from tests.reliability.fault_server import Behaviour, FaultServer, encoded, gzipped, ok
from tests.reliability.helpers import FAST, LOOPBACK, fetch
from tests.reliability.test_ingest_faults import DB, ingest, page, rss, source

PAGE = page("Trailer lost", "".join(f"<p>Paragraph {i} of the statement.</p>" for i in range(40)))
GZ = gzipped(PAGE)
HEADER = 10  # gzip's fixed header, no optional fields (gzip.compress writes none)
TRAILER = 8
ONCE = replace(FAST, max_attempts=1)


def _zlib(body: bytes) -> bytes:
    return zlib.compress(body)


def _served(body: bytes, how: str) -> Behaviour:
    return encoded(body, "gzip") if how == "declared" else ok(body, "text/html")


def _fetch_each(urls: list[str]) -> list[Fetched | Exception]:
    """Each URL through one real fetcher and client, one attempt each (a sweep of cuts)."""

    async def go() -> list[Fetched | Exception]:
        results: list[Fetched | Exception] = []
        async with make_client(LOOPBACK) as client:
            fetcher = Fetcher(client, lambda _attempt: None)
            for url in urls:
                try:
                    results.append(await fetcher.get(url, ONCE))
                except Exception as exc:  # the test inspects the class
                    results.append(exc)
        return results

    return asyncio.run(go())


@pytest.mark.parametrize("how", ["declared", "undeclared"])
@pytest.mark.parametrize("kept", range(TRAILER))
def test_a_gzip_missing_all_or_part_of_its_trailer_is_read_whole(
    srv: FaultServer, how: str, kept: int
) -> None:
    srv.route("/a", _served(GZ[: len(GZ) - TRAILER + kept], how))
    out = fetch(srv.url_for("/a"))
    assert isinstance(out.result, Fetched), out.result
    assert out.result.body == PAGE
    assert out.classes == [None]  # read on the first attempt


@pytest.mark.parametrize("how", ["declared", "undeclared"])
def test_a_gzip_cut_inside_its_deflate_stream_broke_off_at_every_byte(
    srv: FaultServer, how: str
) -> None:
    # every cut from the first deflate byte to the last one before the trailer
    ends = range(HEADER + 1, len(GZ) - TRAILER)
    for end in ends:
        srv.route(f"/cut/{end}", _served(GZ[:end], how))
    results = _fetch_each([srv.url_for(f"/cut/{end}") for end in ends])
    wrong = [
        (end, result)
        for end, result in zip(ends, results, strict=True)
        if not (isinstance(result, BodyBrokeOff) and "stops before" in str(result))
    ]
    assert len(results) > 200 and wrong == []


def test_a_trailer_that_does_not_agree_with_the_text_is_not_a_lost_trailer(
    srv: FaultServer,
) -> None:
    # a guard: the trailer bytes that came must be the text's CRC; three CRC bytes, one
    # wrong, are no lost trailer (a whole wrong CRC fails as corrupt, as before)
    bad = bytearray(GZ[: len(GZ) - 5])
    bad[-1] ^= 0xFF
    srv.route("/a", encoded(bytes(bad), "gzip"))
    out = fetch(srv.url_for("/a"), ONCE)
    assert isinstance(out.result, BodyBrokeOff), out.result


@pytest.mark.parametrize("kept", range(4))
def test_a_zlib_deflate_missing_its_adler32_is_read_whole(srv: FaultServer, kept: int) -> None:
    body = _zlib(PAGE)
    srv.route("/a", encoded(body[: len(body) - 4 + kept], "deflate"))
    out = fetch(srv.url_for("/a"))
    assert isinstance(out.result, Fetched), out.result
    assert out.result.body == PAGE


def test_a_zlib_deflate_cut_inside_its_stream_broke_off(srv: FaultServer) -> None:
    body = _zlib(PAGE)
    srv.route("/a", encoded(body[: len(body) - 5], "deflate"))
    out = fetch(srv.url_for("/a"), ONCE)
    assert isinstance(out.result, BodyBrokeOff), out.result


def test_a_second_member_missing_its_trailer_is_read_whole_and_cut_inside_is_not(
    srv: FaultServer,
) -> None:
    more = gzipped(b"<p>The annex.</p>")
    srv.route("/whole", encoded(GZ + more[:-TRAILER], "gzip"))
    srv.route("/cut", encoded(GZ + more[: HEADER + 3], "gzip"))
    whole = fetch(srv.url_for("/whole"))
    assert isinstance(whole.result, Fetched) and whole.result.body == PAGE + b"<p>The annex.</p>"
    cut = fetch(srv.url_for("/cut"), ONCE)
    assert isinstance(cut.result, BodyBrokeOff), cut.result


def test_a_server_that_never_sends_the_trailer_has_its_page_stored(tmp_path: Path) -> None:
    db = DB(tmp_path / "trailer.duckdb")
    with FaultServer() as srv:
        srv.route("/feed.xml", ok(rss([f"{srv.url}/a/1"]), "application/rss+xml"))
        srv.route("/a/1", encoded(GZ[:-TRAILER], "gzip"))
        src = source("notrailer", srv.url_for("/feed.xml"))
        run_id, reports = ingest([src], db.path)
        assert reports["notrailer"].status == "ok"
        assert db.titles("notrailer") == {"Trailer lost"}
        assert {c for _s, c, _a in db.log(f"{srv.url}/a/1", run_id)} == {None}
        (body,) = db.rows("SELECT body FROM articles WHERE title = 'Trailer lost'")[0]
        assert str(body).endswith("Paragraph 39 of the statement.")
