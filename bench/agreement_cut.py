"""Would trafilatura, run beside us, make our bodies better? Agreement cuts, measured.

    uv run python bench/agreement_cut.py [--sets dev,second,extra] [--extra DIR]

Issue 17 asks for body F1 >= 0.970 and prefers a maintained library to more rules. The
cheapest way a second extractor could help is as a vote: keep our body, but cut the lines
at its head or tail that the other extractor's text does not contain (a line "agrees"
when at least half of its word 4-grams are in trafilatura's text). Cuts that would remove
more than ``--max-cut`` of the body are not made (the two disagree about the story, not
its edges). Printed per set: pressroom, trafilatura (body only, no metadata), the per-page
best of the two (an oracle no selector reaches), and each cut, as F1 (P, R) under
``bench.metrics``; and each extractor's CPU seconds over the set, since any of these
would run trafilatura on every page.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.extraction import DEFAULT_DATASET, Page, load, ours  # noqa: E402
from bench.metrics import body_precision_recall, f1_of_means, shingles  # noqa: E402
from bench.second_set import load_second  # noqa: E402

AGREE = 0.5
EXTRA = Path("/work/sets/extra")
Triple = tuple[str, str, str]  # ours, trafilatura's, gold


def pages_of(name: str, extra: Path) -> list[Page]:
    if name == "dev":
        return load(DEFAULT_DATASET, None)
    if name == "extra":
        return load(extra, None)
    if name == "second":
        return [Page(k, u, h, t) for k, u, h, t in load_second(per_source=150)]
    raise SystemExit(f"unknown set {name!r} (dev, second, extra)")


def bodies(pages: list[Page]) -> tuple[list[Triple], float, float]:
    """(ours, trafilatura's, gold) per page, and each extractor's CPU seconds."""
    import trafilatura

    rows, ours_s, theirs_s = [], 0.0, 0.0
    for page in pages:
        start = time.process_time()
        mine = ours(page).body
        mid = time.process_time()
        theirs = trafilatura.extract(page.html, url=page.url, with_metadata=False) or ""
        ours_s, theirs_s = ours_s + mid - start, theirs_s + time.process_time() - mid
        rows.append((mine, theirs, page.truth.get("main_content") or ""))
    return rows, ours_s, theirs_s


def cut(mine: str, theirs: str, head: bool, tail: bool, max_cut: float) -> str:
    """``mine`` without its leading/trailing lines that ``theirs`` does not contain."""
    lines = [line for line in mine.split("\n") if line.strip()]
    known = set(shingles(theirs))
    agrees = [
        not (grams := shingles(line)) or sum(g in known for g in grams) / len(grams) >= AGREE
        for line in lines
    ]
    if not theirs.strip() or not any(agrees):
        return mine
    first = agrees.index(True) if head else 0
    last = len(agrees) - 1 - agrees[::-1].index(True) if tail else len(lines) - 1
    kept = "\n".join(lines[first : last + 1])
    return mine if len(kept) < (1 - max_cut) * len("\n".join(lines)) else kept


def f1(pair: tuple[float, float]) -> float:
    return 2 * pair[0] * pair[1] / (pair[0] + pair[1]) if sum(pair) else 0.0


def variants(max_cut: float) -> dict[str, Callable[[Triple], str | tuple[float, float]]]:
    def best(row: Triple) -> tuple[float, float]:
        a, b = (body_precision_recall(text, row[2]) for text in row[:2])
        return a if f1(a) >= f1(b) else b

    return {
        "pressroom": lambda row: row[0],
        "trafilatura": lambda row: row[1],
        "best of the two (oracle)": best,
        "cut head": lambda row: cut(row[0], row[1], True, False, max_cut),
        "cut tail": lambda row: cut(row[0], row[1], False, True, max_cut),
        "cut both": lambda row: cut(row[0], row[1], True, True, max_cut),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sets", default="dev,second,extra")
    parser.add_argument("--extra", type=Path, default=EXTRA, help="bench/wcxb_extra.py's set")
    parser.add_argument("--max-cut", type=float, default=0.3)
    args = parser.parse_args(argv)
    for name in args.sets.split(","):
        rows, ours_s, theirs_s = bodies(pages_of(name, args.extra))
        print(f"\n{name}: {len(rows)} pages; CPU s pressroom {ours_s:.1f}, "
              f"trafilatura body only {theirs_s:.1f}; cuts at most {args.max_cut:.0%}")
        for label, pick in variants(args.max_cut).items():
            scores = []
            for row in rows:
                got = pick(row)
                scores.append(got if isinstance(got, tuple) else body_precision_recall(got, row[2]))
            f, p, r = f1_of_means(scores)
            print(f"  {label:26} F1 {f:.4f} (P {p:.4f}, R {r:.4f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
