"""What the body extractor drops: the worst pages by recall and their missed lines.

    uv run python bench/body_misses.py [--set second|dev] [--worst N] [--source NAME]
        [--per-source N] [--lines N]

For each of the ``--worst`` pages with the lowest body recall (``parsers.extract``,
no profile), prints P/R, the chosen container's tag and names, and the gold lines
our body does not hold (a line is held when its folded text is inside the folded
body), longest first. Grouping these into categories of pages is the reader's
work: the script only lists. The dev set is read from ``bench/extraction.py``'s
default dataset.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extraction import DEFAULT_DATASET, Page, load  # noqa: E402
from bench.metrics import body_precision_recall  # noqa: E402
from bench.second_set import load_second  # noqa: E402
from parsers import extract  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

FOLD_RE = re.compile(r"\W+")


def folded(text: str) -> str:
    """Lower case, every run of non-word characters one space."""
    return FOLD_RE.sub(" ", text.casefold()).strip()


def missed_lines(body: str, gold: str) -> list[str]:
    """Gold lines whose folded text is not inside the folded body, longest first."""
    held = folded(body)
    lines = [line for line in gold.splitlines() if folded(line) and folded(line) not in held]
    return sorted(lines, key=len, reverse=True)


def main(argv: list[str] | None = None) -> int:
    """Print the worst pages by recall with what was dropped."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("dev", "second"), default="second", dest="which")
    parser.add_argument("--worst", type=int, default=40)
    parser.add_argument("--source", default=None, help="only keys starting with this")
    parser.add_argument("--per-source", type=int, default=150)
    parser.add_argument("--lines", type=int, default=6, help="missed lines shown per page")
    args = parser.parse_args(argv)
    if args.which == "dev":
        pages = load(DEFAULT_DATASET, None)
    else:
        pages = [Page(*sample) for sample in load_second(None, args.per_source)]
    if args.source:
        pages = [p for p in pages if p.key.startswith(args.source)]
    rows = []
    for page in pages:
        try:
            body = extract(page.html, url=page.url).body
        except ParseError:
            body = ""
        gold = page.truth.get("main_content") or ""
        precision, recall = body_precision_recall(body, gold)
        rows.append((recall, precision, page, body, gold))
    rows.sort(key=lambda row: row[0])
    for recall, precision, page, body, gold in rows[: args.worst]:
        lost = missed_lines(body, gold)
        print(f"== {page.key} R {recall:.3f} P {precision:.3f} body {len(body)} gold {len(gold)}"
              f" missed {sum(map(len, lost))} chars in {len(lost)} lines")
        for line in lost[: args.lines]:
            print("   -", line[:160])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
