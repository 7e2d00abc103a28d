"""zstd frames walked by their headers, for RFC 9659's window limit on every frame.

f50 read the window of the first frame only: a skippable frame first (RFC 8878, 3.1.2,
any 8 bytes and a length), or a second frame, asked for up to libzstd's own 128 MB
unchecked (k50a). The walk reads each frame's header and its blocks' 3-byte headers
(3.1.1.2), never their contents, and stops once the raw and RLE blocks passed decode to
more than the cap: the decoder stops there too, so no later frame is reached. It walks
at most WALK_BLOCKS blocks (tiny compressed blocks, 4 bytes each, made a 10 MB body cost
3.9 s of walking; an honest encoder's blocks decode to 128 KB, so 65,536 of them are
8 GB): past that, libzstd's own 128 MB limit holds, and the cap bounds what is touched.
"""

from __future__ import annotations

ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
# RFC 9659, 3: a zstd content coding uses a window of at most 8 MB, and a decoder may
# refuse a larger one (Chromium does): a frame asking for more is refused unread.
ZSTD_WINDOW_MAX = 8 * 1024 * 1024
WALK_BLOCKS = 65_536
_SKIPPABLE_TAIL = b"\x2a\x4d\x18"  # magic 0x184D2A50 to 0x184D2A5F, little-endian


def wide_window(raw: bytes, budget: int | None = None) -> int | None:
    """The window of the first frame in ``raw`` asking for more than ZSTD_WINDOW_MAX (a
    single segment's window is its content size), or None. ``budget``: stop once the
    blocks walked surely decode to more (the fetcher's cap); or after WALK_BLOCKS.
    Bytes that are not zstd, or cut short, end the walk: the decoder says what they are."""
    at, size, out, blocks = 0, len(raw), 0, 0
    while at + 6 <= size and (budget is None or out <= budget) and blocks < WALK_BLOCKS:
        if raw[at + 1 : at + 4] == _SKIPPABLE_TAIL and raw[at] & 0xF0 == 0x50:
            at += 8 + int.from_bytes(raw[at + 4 : at + 8], "little")
            blocks += 1  # empty skippable frames, 8 bytes each: walked as blocks are
            continue
        if raw[at : at + 4] != ZSTD_MAGIC:
            return None
        descriptor, at = raw[at + 4], at + 5
        single = descriptor & 0x20
        window = 0
        if not single:  # a window descriptor: exponent and mantissa
            base = 1 << (10 + (raw[at] >> 3))
            window, at = base + (base // 8) * (raw[at] & 7), at + 1
        at += (0, 1, 2, 4)[descriptor & 3]  # the dictionary id
        width = (1 if single else 0, 2, 4, 8)[descriptor >> 6]
        if single:
            window = (int.from_bytes(raw[at : at + width], "little")
                      + (256 if width == 2 else 0))
        at += width
        if window > ZSTD_WINDOW_MAX:
            return window
        while at + 3 <= size:  # blocks: last flag, type (raw, RLE, compressed), size
            header = int.from_bytes(raw[at : at + 3], "little")
            kind, length = (header >> 1) & 3, header >> 3
            at += 3 + (1 if kind == 1 else length)
            out, blocks = out + (length if kind < 2 else 0), blocks + 1
            if header & 1 or blocks >= WALK_BLOCKS or (budget is not None and out > budget):
                break
        at += 4 if descriptor & 4 else 0  # the content checksum
    return None
