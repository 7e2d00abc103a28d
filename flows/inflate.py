"""Bounded decompression: gzip, deflate, brotli and zstd inflated in small steps.

httpx inflates a whole network chunk in one call, so a 300-byte brotli bomb
can become hundreds of MB before any size check; these decoders never yield
more than ``DECODE_PIECE`` bytes at a time, so the fetcher's cap bites first.

:func:`inflate_undeclared` undoes a gzip layer no header names (a CDN or proxy
that dropped ``Content-Encoding``, ``foo.html.gz`` served as ``text/html``), as
trafilatura's ``handle_compressed_file`` and Scrapy's ``SitemapSpider`` (gzip
magic, ``gunzip(max_size=...)``) do, under the same cap as a declared gzip.

zstd, which we never ask for, is undone all the same (f50: some CDNs send it to any
client; it was stored as it came): through pyarrow's codec, already a dependency
(warehouse/arrow.py), under the same cap. Registered codings we cannot undo
(``compress``, ...) are named by :attr:`BoundedDecoder.refused`; unknown names pass
through, as browsers and httpx let them.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterator

import brotli
import httpx

from flows.http_errors import cut_short, keep_piece
from flows.http_records import FetchPolicy
from flows.media import media_type
from flows.zstd_frames import ZSTD_WINDOW_MAX, wide_window
from pressroom.errors import TooLarge, UnsupportedCoding

DECODE_PIECE = 64 * 1024
# RFC 1952: ID1 ID2 and CM=8 (deflate), the only method gzip defines.
GZIP_MAGIC = b"\x1f\x8b\x08"
# Types that name a gzip *file* (sitemap.xml.gz, a .tar.gz): handed on as they are,
# as before (parsers.feed_xml.gunzipped reads a gzipped sitemap under its own limit).
GZIP_FILE_TYPES = frozenset(
    {
        "application/gzip",
        "application/x-gzip",
        "application/x-gunzip",
        "application/gzipped",
        "application/gzip-compressed",
        "application/x-gzip-compressed",
        "gzip/document",
    }
)


# Registered content codings (IANA's HTTP Content Coding Registry) no decoder here
# undoes: LZW, encrypted (RFC 8188), dictionary-compressed, EXI and pack200. A body
# under one is refused (UnsupportedCoding), never read as text.
UNDOABLE_CODINGS = frozenset(
    {"compress", "x-compress", "aes128gcm", "dcb", "dcz", "exi", "pack200-gzip"}
)


class _CorruptStream(Exception):
    """A stage's stream is not valid in its coding (read as httpx.DecodingError)."""


class _ZlibStage:
    """gzip or deflate, inflated at most ``DECODE_PIECE`` bytes per step."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._wbits = 16 + zlib.MAX_WBITS if kind == "gzip" else zlib.MAX_WBITS
        self._d = zlib.decompressobj(self._wbits)
        self._started = False
        self._head = b""  # deflate's first byte, until a second says zlib or raw (k43)
        self._fed = False
        self._trailer = False  # bytes after the last gzip member: ignored
        self._check = 0 if kind == "gzip" else 1  # this member's CRC-32 / Adler-32 so far
        self._size = 0  # and its inflated size

    @property
    def ended(self) -> bool:
        """True when the stream read so far ends with a whole member (trailer checked),
        or with a deflate stream that ended and only its trailer missing, or was given
        nothing."""
        return self._d.eof or not self._fed or self._only_trailer_missing()

    def _only_trailer_missing(self) -> bool:
        """The member's deflate stream ended (its final block read) and what is missing is
        all or the end of its check trailer (gzip's CRC-32 and size, zlib's Adler-32), the
        bytes of it that came agreeing with the text (o44).

        The final block carries the end of the text: browsers read such a body (Firefox
        inflates gzip as raw deflate and never reads the trailer, Chromium skips its bytes
        unchecked, curl asks nothing at the end), and a server that always drops the
        trailer was asked every run and never stored. Told without a second decoder: a
        copy of the decoder is given the trailer the text implies, less the ``held`` bytes
        zlib may already hold; it reaches the end only if the deflate stream had ended (no
        more than 8 bytes are given, and a trailer needs all 8 after the deflate end)."""
        if self.kind == "gzip":
            trailer = struct.pack("<II", self._check, self._size & 0xFFFFFFFF)
        elif self._wbits > 0:  # zlib-wrapped deflate (raw deflate has no trailer)
            trailer = struct.pack(">I", self._check)
        else:
            return False
        for held in range(len(trailer)):
            probe = self._d.copy()
            try:
                probe.decompress(trailer[held:], 1)
            except zlib.error:
                continue
            if probe.eof:
                return True
        return False

    def _count(self, out: bytes) -> None:
        if self.kind == "gzip":
            self._check = zlib.crc32(out, self._check)
        else:
            self._check = zlib.adler32(out, self._check)
        self._size += len(out)

    def feed(self, data: bytes) -> Iterator[bytes]:
        self._fed = self._fed or bool(data)
        if self.kind == "deflate" and not self._started:
            # One byte is no zlib header yet: zlib takes it without a word, and a raw
            # stream trickled a byte a piece failed on its second byte (k43).
            data, self._head = self._head + data, b""
            if len(data) < 2:
                self._head = data
                return
        while data and not self._trailer:
            try:
                out = self._d.decompress(data, DECODE_PIECE)
            except zlib.error:
                if self.kind == "deflate" and not self._started:
                    # Servers often send raw deflate without the zlib header.
                    self._wbits = -zlib.MAX_WBITS
                    self._d = zlib.decompressobj(self._wbits)
                    self._started = True
                    continue
                raise
            self._started = True
            self._count(out)
            data = self._d.unconsumed_tail
            if self._d.eof and self.kind == "gzip" and self._d.unused_data:
                data = self._d.unused_data
                if data.startswith(GZIP_MAGIC[: len(data)]):  # concatenated gzip members
                    self._d = zlib.decompressobj(self._wbits)
                    self._check = self._size = 0
                else:  # padding or junk after a whole member, as gzip(1) and browsers
                    data, self._trailer = b"", True
            elif self._d.eof:
                data = b""
            if out:
                yield out

    def flush(self) -> Iterator[bytes]:
        out = self._d.flush()
        self._count(out)
        if out:
            yield out


class _BrotliStage:
    """brotli, drained in bounded pieces (a bomb never lands in memory at once)."""

    def __init__(self) -> None:
        self._d = brotli.Decompressor()
        self._fed = False

    @property
    def ended(self) -> bool:
        """True when the stream read so far is whole (its last meta-block), or was empty."""
        return self._d.is_finished() or not self._fed

    def feed(self, data: bytes) -> Iterator[bytes]:
        if not data:
            return
        self._fed = True
        out = self._d.process(data, output_buffer_limit=DECODE_PIECE)
        if out:
            yield out
        while not self._d.can_accept_more_data():
            out = self._d.process(b"", output_buffer_limit=DECODE_PIECE)
            if not out:
                break
            yield out

    def flush(self) -> Iterator[bytes]:
        return iter(())


class _ZstdStage:
    """zstd: the compressed bytes gathered (at most ``limit``), then read back through
    pyarrow's streaming decoder ``DECODE_PIECE`` bytes at a time, so the fetcher's cap
    stops a bomb after its first pieces (a 32 KB frame of 1 GB of zeros reads 10 MB
    and stops, the process 6 MB larger)."""

    kind = "zstd"

    def __init__(self, limit: int | None) -> None:
        self._raw = bytearray()
        self._limit = limit
        self._cut = False

    @property
    def ended(self) -> bool:
        """False when the stream stopped inside a frame (cut short on the way)."""
        return not self._cut

    def feed(self, data: bytes) -> Iterator[bytes]:
        self._raw += data
        if self._limit is not None and len(self._raw) > self._limit:
            raise TooLarge(f"its zstd body is over the {self._limit}-byte cap before decoding")
        return iter(())

    def flush(self) -> Iterator[bytes]:
        if not self._raw:
            return
        raw = bytes(self._raw)
        window = wide_window(raw, self._limit)  # every frame's window, not the first's (k50a)
        if window is not None:  # the server's choice, not a line's fault: terminal
            raise UnsupportedCoding(f"a zstd frame asks for a {window}-byte window, over "
                                    f"the {ZSTD_WINDOW_MAX} RFC 9659 allows")
        import pyarrow as pa  # only for a zstd body: most runs never meet one

        stream = pa.input_stream(pa.py_buffer(raw), compression="zstd")
        while True:
            try:
                out = stream.read(DECODE_PIECE)
            except OSError as exc:  # pyarrow's ArrowIOError
                if "truncated" in str(exc).lower():
                    self._cut = True
                    return
                raise _CorruptStream(f"zstd: {exc}") from exc
            if not out:
                return
            yield out


class BoundedDecoder:
    """Content-Encoding decoding that yields bounded pieces, for the size cap to act on.

    Unknown codings pass through untouched (httpx does the same); we never ask
    for them. A registered one no stage undoes is named by :attr:`refused`, for the
    caller to refuse. Decoder failures raise :class:`httpx.DecodingError`. Whether the
    stream was whole is :attr:`ended`: httpx's own decoders do not ask (a gzip cut
    short inflates to the part that came, with no word), Go's ``compress/gzip`` and
    Python's ``gzip`` module fail on it (``io.ErrUnexpectedEOF``, ``EOFError``).
    """

    def __init__(self, content_encoding: str, *, limit: int | None = None) -> None:
        names = [n.strip().lower() for n in content_encoding.split(",") if n.strip()]
        self._stages: list[_ZlibStage | _BrotliStage | _ZstdStage] = []
        self.refused = next((name for name in names if name in UNDOABLE_CODINGS), None)
        for name in reversed(names):  # the last coding applied is undone first
            if name in ("gzip", "x-gzip", "deflate"):
                self._stages.append(_ZlibStage("deflate" if name == "deflate" else "gzip"))
            elif name == "br":
                self._stages.append(_BrotliStage())
            elif name == "zstd":  # ``limit``: the most compressed bytes gathered
                self._stages.append(_ZstdStage(limit))

    @property
    def ended(self) -> bool:
        """True unless a coding's stream stopped before its end (o43: a gzip, deflate or
        brotli body cut short by a dropped connection or a truncating proxy or cache,
        its HTTP framing whole). A body given nothing has nothing cut."""
        return all(stage.ended for stage in self._stages)

    @property
    def codings(self) -> str:
        """The codings undone, for messages (``gzip``, ``br``, ``gzip, br``)."""
        return ", ".join(
            "br" if isinstance(s, _BrotliStage) else s.kind for s in reversed(self._stages)
        )

    def feed(self, data: bytes) -> Iterator[bytes]:
        """Decoded pieces of the next raw chunk."""
        yield from self._run(0, data)

    def flush(self) -> Iterator[bytes]:
        """Whatever the stages still hold at the end of the body."""
        for index, stage in enumerate(self._stages):
            for piece in self._guard(stage.flush):
                yield from self._run(index + 1, piece)

    def _run(self, index: int, data: bytes) -> Iterator[bytes]:
        if index == len(self._stages):
            if data:
                yield data
            return
        stage = self._stages[index]
        for piece in self._guard(lambda: stage.feed(data)):
            yield from self._run(index + 1, piece)

    @staticmethod
    def _guard(make: Callable[[], Iterator[bytes]]) -> Iterator[bytes]:
        try:
            yield from make()
        except (zlib.error, brotli.error, _CorruptStream) as exc:
            raise httpx.DecodingError(f"corrupt compressed body: {exc}") from exc


def inflate_undeclared(
    body: bytes, content_type: str, url: str, policy: FetchPolicy
) -> tuple[bytes, int] | None:
    """``body`` and its size inflated when it is gzip no header declared, else ``None``.

    Applied once, after the declared codings are undone, so a body gzipped twice
    under ``Content-Encoding: gzip`` is read too (one layer more, never a third).
    The inflated size counts against ``policy.max_bytes`` piece by piece, so a bomb
    raises :class:`TooLarge` as a declared one does. A body that starts with the
    magic but does not inflate gives ``None``: it is kept as it came, and the parser
    refuses it as binary. A whole gzip
    of nothing gives ``b""``, a blank answer asked again (kg42); bytes after the last
    whole member are ignored (:class:`_ZlibStage`). A gzip that inflates cleanly but
    stops before its end (cut short on the way, o43) raises :class:`BodyBrokeOff`:
    transient, asked again, never stored as a partial page.
    """
    if not body.startswith(GZIP_MAGIC) or media_type(content_type) in GZIP_FILE_TYPES:
        return None
    stage = _ZlibStage("gzip")
    chunks: list[bytes] = []
    size = 0
    try:
        for start in range(0, len(body), DECODE_PIECE):
            for piece in stage.feed(body[start : start + DECODE_PIECE]):
                size = keep_piece(chunks, piece, size, url, policy)
        for piece in stage.flush():
            size = keep_piece(chunks, piece, size, url, policy)
    except zlib.error:
        return None
    except TooLarge:
        if not policy.truncate:
            raise
        return b"".join(chunks)[: policy.max_bytes], policy.max_bytes
    if not stage.ended:
        # Cut however early, even before its first inflated byte (k43: a page cut in its
        # header or first block's tables was kept as its raw bytes, refused as binary and
        # marked seen, never asked again); bytes that do not inflate left above.
        raise cut_short(url, "gzip (no Content-Encoding named it)", size)
    return b"".join(chunks), size


def archived_body(body: bytes, content_type: str, url: str, max_bytes: int) -> bytes:
    """An archived page's bytes as the fetcher gives them since g42 (o43, for ``reparse``):
    a page archived before g42 as its gzip bytes (no header named the coding; refused
    then as "input looks binary") is inflated by :func:`inflate_undeclared` under the
    source's ``max_bytes``, so the parsers, pure, read the page. A bomb is
    :class:`TooLarge` and a gzip cut short :class:`BodyBrokeOff`, as at the fetch edge."""
    if not body.startswith(GZIP_MAGIC):
        return body
    sniffed = inflate_undeclared(body, content_type, url, FetchPolicy(max_bytes=max_bytes))
    return body if sniffed is None else sniffed[0]
