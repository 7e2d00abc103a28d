"""How many pages of the allowed sets ``flows.media.held_file`` refuses, whole and cut short.

    uv run python bench/k53s_held_file_cuts.py

A download cut short (a close-delimited body, no Content-Length) reaches ``check_page``
as it came. ``held_file`` refuses a body holding a file's header with no page end tag
after it, so a page quoting a header is refused when the cut falls between the header
and the next end tag. For each page: refused whole or not; the cut lengths that refuse
it (exactly: the union of [header end, next end tag end)); 20 random cuts checked by
calling ``held_file`` itself. Sets: dev, second, /work/sets/extra, fourth, fifth (k53s).
"""

from __future__ import annotations

import gzip
import random
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.second_set import load_second
from flows.media import (
    FILE_HEADER_RE,
    FILE_PAGE_END_RE,
    LINE_OPENERS,
    TEXT_HEADER_STARTS,
    held_file,
)

SETS = {"dev": Path("/work/shared/datasets/wcxb-articles-dev/html"),
        "extra": Path("/work/sets/extra/html"), "fourth": Path("/work/sets/fourth/html"),
        "fifth": Path("/work/sets/fifth/html")}


def pages() -> Iterator[tuple[str, bytes]]:
    """(set name, page bytes) for every page of the sets; the second set as UTF-8."""
    for name, folder in SETS.items():
        for path in sorted(folder.iterdir()):
            data = path.read_bytes()
            yield name, gzip.decompress(data) if path.name.endswith(".gz") else data
    for _key, _url, html, _truth in load_second():
        yield "second", html.encode("utf-8")


def refusing_cuts(body: bytes, *, mid_line: bool = False) -> tuple[int, int]:
    """(headers found, cut lengths in 1..len(body) whose prefix ``held_file`` refuses);
    ``mid_line``: a text header counts wherever it sits (d53's rule, before k53s)."""
    spans = []
    for header in FILE_HEADER_RE.finditer(body):
        at = header.start()
        if (not mid_line and body[at] in TEXT_HEADER_STARTS and at > 0
                and not body.endswith(LINE_OPENERS, 0, at)):
            continue
        end = FILE_PAGE_END_RE.search(body, header.end())
        spans.append((header.end(), end.end() if end else len(body) + 1))
    total = reached = 0
    for start, stop in sorted(spans):
        start = max(start, reached)
        if stop > start:
            total, reached = total + stop - start, stop
    return len(spans), total


def main() -> None:
    rng = random.Random(53)
    stats: dict[str, dict[str, float]] = {}
    for name, body in pages():
        row = stats.setdefault(name, dict.fromkeys(
            ("pages", "whole", "headers", "cuttable", "share", "cuts", "refused"), 0.0))
        row["pages"] += 1
        row["whole"] += held_file(body) is not None
        headers, cuts = refusing_cuts(body)
        row["headers"] += headers > 0
        row["cuttable"] += cuts > 0
        row["share"] += cuts / max(len(body), 1)
        for _ in range(20):
            row["cuts"] += 1
            row["refused"] += held_file(body[:rng.randint(1, len(body))]) is not None
    for name, row in stats.items():
        print(f"{name}: {row['pages']:.0f} pages, {row['whole']:.0f} refused whole, "
              f"{row['headers']:.0f} holding a file header, {row['cuttable']:.0f} refused "
              f"by some cut, {100 * row['share'] / row['pages']:.4f}% of cuts refuse; "
              f"random cuts refused {row['refused']:.0f} of {row['cuts']:.0f}")


if __name__ == "__main__":
    main()
