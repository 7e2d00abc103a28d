"""What the parser costs on the biggest page the fetcher hands it (d53).

The fetch cap (``max_bytes``, default 10,000,000 bytes) and the parser's markup limit
(``parsers.limits.MAX_MARKUP_CHARS``) decide together which pages are parsed. This
builds pages of a given size, of two shapes (``paragraphs``: one article's text in <p>;
``comments``: a long thread of small blocks with links, the shape that makes the most
elements per byte), and parses each in a fresh subprocess of this interpreter, several
times: wall time of ``parsers.extract`` and the process's peak RSS (VmHWM). Median of
the runs. Usage: ``uv run python bench/big_page.py [--runs 5] [--mb 10 8]
[--markup-limit 32000000]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, sys, time
from pathlib import Path
import parsers
from pressroom.errors import ParseError
if sys.argv[2] != "-":  # the limit a run measures under (parsers/limits.py's by default)
    import parsers.page_input
    parsers.page_input.MAX_MARKUP_CHARS = int(sys.argv[2])
body = Path(sys.argv[1]).read_bytes()
start = time.perf_counter()
try:
    article = parsers.extract(body, url="https://example.org/a/big")
    outcome = f"parsed, body {len(article.body or ''):,} chars"
except ParseError as exc:
    outcome = f"ParseError: {exc}"
seconds = time.perf_counter() - start
hwm = next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines()
           if line.startswith("VmHWM:"))
print(json.dumps({"seconds": seconds, "rss_mb": hwm / 1024, "outcome": outcome}))
"""

SENTENCE = ("Officials said on Tuesday that the harbour works would begin next week, "
            "weeks after the council passed the budget. ")


def page(shape: str, size: int) -> bytes:
    """A UTF-8 page of about ``size`` bytes, of ``shape``."""
    head = ("<!doctype html><html><head><meta charset='utf-8'><title>Harbour works begin"
            "</title></head><body><header><nav><a href='/'>Home</a></nav></header><main>"
            "<article><h1>Harbour works begin</h1>")
    tail = "</article></main><footer><p>(c) Example</p></footer></body></html>"
    if shape == "paragraphs":
        unit = f"<p>{SENTENCE * 4}</p>\n"
    else:
        unit = ("<div class='comment'><a href='/u/1'>reader</a> <span>2 h</span>"
                f"<p>{SENTENCE}</p><a href='#r'>Reply</a></div>\n")
    count = max(1, (size - len(head) - len(tail)) // len(unit))
    return (head + unit * count + tail).encode()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--mb", type=float, nargs="+", default=[10.0, 8.0])
    ap.add_argument("--shapes", nargs="+", default=["paragraphs", "comments"])
    ap.add_argument("--markup-limit", default="-",
                    help="parse under this MAX_MARKUP_CHARS (default: the shipped one)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for size_mb in args.mb:
            for shape in args.shapes:
                file = Path(tmp) / f"{shape}-{size_mb}.html"
                file.write_bytes(page(shape, int(size_mb * 1_000_000)))
                runs = [json.loads(subprocess.run(
                    [sys.executable, "-c", CHILD, str(file), args.markup_limit],
                    capture_output=True, text=True, check=True).stdout) for _ in range(args.runs)]
                secs = [r["seconds"] for r in runs]
                rss = [r["rss_mb"] for r in runs]
                print(f"{shape} {file.stat().st_size:,} bytes: extract median "
                      f"{statistics.median(secs):.1f} s (min {min(secs):.1f}, max "
                      f"{max(secs):.1f}), peak RSS median {statistics.median(rss):.0f} MB "
                      f"(max {max(rss):.0f}), {args.runs} runs: {runs[0]['outcome']}",
                      flush=True)


if __name__ == "__main__":
    main()
