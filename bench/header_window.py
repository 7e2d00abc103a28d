"""How far below the headline a dev page prints its byline: what bounds the header window.

    uv run python bench/header_window.py [--dataset DIR] [--limit N]

``parsers.extract`` scans the short lines from just above the <h1> down to a few blocks
into the body for bylines and dates. When the <h1> sits far above the body, that window
had no upper bound (bench/hostile_inputs.py, date_dot_lines). For every dev page whose
<h1> is at or above the body's first block, this prints the gap between them, and how
many blocks below the <h1> the first window line naming a gold author sits (a surname
of the gold author, as a word), with a line per page where that is over 20 blocks; and
the largest offset of the bylines more than HEADER_BLOCKS_BEFORE blocks over the body,
which only the blocks under the <h1> keep: what HEADER_BLOCKS_UNDER_TITLE must cover.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extraction import DEFAULT_DATASET, load  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402


def _surnames(author: Any) -> list[str]:
    names = author if isinstance(author, list) else re.split(r",| and |;", str(author or ""))
    return [n.split()[-1] for n in (str(x).strip() for x in names) if len(n.split()) >= 1
            and len(n.split()[-1]) >= 3]


def main() -> None:
    """Print the distribution of headline-to-body gaps and byline offsets on dev."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    # The module, not parsers.extract (the package exports the function under that name).
    extract_module = importlib.import_module("parsers.extract")
    seen: list[tuple[int, int, list[str]]] = []  # (h1, start, block texts) of one page
    original = extract_module._header_lines

    def spy(scan: Any, body: Any) -> tuple[list[str], list[str]]:
        start = scan.first_block[body.container] if body.container >= 0 else 0
        h1 = next((i for i, b in enumerate(scan.blocks) if b.tag == "h1"), -1)
        seen.append((h1, start, [b.text for b in scan.blocks]))
        return original(scan, body)

    extract_module._header_lines = spy
    gaps: list[int] = []
    offsets: list[tuple[int, str]] = []
    far: list[tuple[int, str]] = []  # bylines more than HEADER_BLOCKS_BEFORE over the body
    for page in load(args.dataset, args.limit):
        seen.clear()
        try:
            extract_module.extract(page.html, url=page.url)
        except ParseError:
            continue
        if not seen or not 0 <= seen[-1][0] <= seen[-1][1]:
            continue
        h1, start, texts = seen[-1]
        gaps.append(start - h1)
        names = _surnames(page.truth.get("author"))
        hi = start + extract_module.HEADER_BLOCKS_AFTER
        for i in range(h1 + 1, min(hi, len(texts))):
            line = texts[i]
            if len(line) < extract_module.HEADER_LINE_CHARS and any(
                    re.search(rf"\b{re.escape(n)}\b", line) for n in names):
                offsets.append((i - h1, page.key))
                if start - i > extract_module.HEADER_BLOCKS_BEFORE:
                    far.append((i - h1, page.key))
                if i - h1 > 20:
                    print(f"{page.key}: h1 {h1}, byline {i}, body {start}: {line[:80]!r}")
                break
    print(f"pages with the <h1> at or above the body: {len(gaps)}")
    print(f"gap h1 -> body start, blocks: max {max(gaps, default=0)}, "
          f"over 20: {sum(g > 20 for g in gaps)}, over 50: {sum(g > 50 for g in gaps)}")
    print(f"pages whose window names a gold author below the <h1>: {len(offsets)}")
    by = Counter(o for o, _ in offsets)
    print("offset below the <h1>: pages  " + ", ".join(f"{o}: {n}" for o, n in sorted(by.items())))
    worst = sorted(offsets, reverse=True)[:5]
    print("largest offsets (blocks, page): " + ", ".join(f"{o} {k}" for o, k in worst))
    print(f"of those more than {extract_module.HEADER_BLOCKS_BEFORE} blocks over the body: "
          f"{len(far)}, largest offsets below the <h1>: "
          + ", ".join(f"{o} {k}" for o, k in sorted(far, reverse=True)[:5]))


if __name__ == "__main__":
    main()
