"""k43: a raw deflate body whose first piece is one byte (a trickling server or proxy, one
chunk per byte) is read whole.

The deflate stage tells a zlib-wrapped stream from a raw one (servers often send raw
deflate under "deflate") by the zlib header failing to parse; one byte is no header yet,
so zlib took it without a word, the stage decided "zlib", and the second byte failed: a
DecodingError, the page lost on a slow line, read on a fast one. The stage now waits for
two bytes before deciding. Real loopback server, chunked pieces as sent.
"""

from __future__ import annotations

import zlib

import pytest

from flows.http_records import Fetched
from tests.reliability.fault_server import FaultServer, stream
from tests.reliability.helpers import fetch
from tests.reliability.test_ingest_faults import page

PAGE = page("Agreement signed", "<p>" + "The last paragraph of the story. " * 200 + "</p>")


def _raw_deflate(body: bytes) -> bytes:
    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return packer.compress(body) + packer.flush()


@pytest.mark.parametrize("wrapped", ["raw", "zlib"])
@pytest.mark.parametrize("first", [1, 2])
def test_deflate_whose_first_piece_is_short_is_read_whole(
    srv: FaultServer, wrapped: str, first: int
) -> None:
    sent = _raw_deflate(PAGE) if wrapped == "raw" else zlib.compress(PAGE)
    srv.route("/a", stream(lambda: iter([sent[:first], sent[first:]]), encoding="deflate"))
    out = fetch(srv.url_for("/a"))
    assert isinstance(out.result, Fetched), out.result  # raw, first 1: DecodingError
    assert out.result.body == PAGE


def test_deflate_trickled_a_byte_a_piece_is_read_whole(srv: FaultServer) -> None:
    sent = _raw_deflate(PAGE)
    pieces = [sent[i : i + 1] for i in range(len(sent))]
    srv.route("/a", stream(lambda: iter(pieces), encoding="deflate"))
    out = fetch(srv.url_for("/a"))
    assert isinstance(out.result, Fetched), out.result
    assert out.result.body == PAGE
