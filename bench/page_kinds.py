"""Page kinds on both measuring sets: how many pages the generic extractor calls
"article", "listing" or "empty", and (``--save``/``--against``) which pages changed
kind between two versions of the parsers.

    uv run python bench/page_kinds.py [--save FILE] [--against FILE] [--per-source N]

Every page of both sets is an article (their truths are article texts), so each
"listing" is an article refused as a listing: counted as "not articles" by an
ingest and never stored. ``--per-source`` as in bench/extraction.py (default: all
of the second set, not the 150-page sample).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extraction import DEFAULT_DATASET, load  # noqa: E402
from bench.second_set import load_second  # noqa: E402
from parsers import extract  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402


def kinds(pages: list[tuple[str, str, str]]) -> dict[str, str]:
    """Page key -> kind ("error" when the extractor refuses the page)."""
    found = {}
    for key, url, html in pages:
        try:
            found[key] = extract(html, url=url).kind
        except ParseError:
            found[key] = "error"
    return found


def main(argv: list[str] | None = None) -> int:
    """Count kinds per set; list the pages whose kind differs from ``--against``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--per-source", type=int, default=None)
    parser.add_argument("--save", type=Path, help="write the kinds here (JSON)")
    parser.add_argument("--against", type=Path, help="kinds saved by an earlier run")
    args = parser.parse_args(argv)
    sets = {
        "dev": [(p.key, p.url, p.html) for p in load(args.dataset, None)],
        "second": [(key, url, html) for key, url, html, _truth
                   in load_second(None, args.per_source)],
    }
    result = {name: kinds(pages) for name, pages in sets.items()}
    before = json.loads(args.against.read_text("utf-8")) if args.against else None
    for name, found in result.items():
        counts = Counter(found.values())
        print(f"{name}: {len(found)} pages, "
              + ", ".join(f"{k} {n}" for k, n in sorted(counts.items())))
        if before is not None:
            changed = sorted((k, before[name].get(k), v) for k, v in found.items()
                             if before[name].get(k) != v)
            print(f"  {len(changed)} changed kind against {args.against}")
            for key, old, new in changed:
                print(f"  {key}: {old} -> {new}")
    if args.save:
        args.save.write_text(json.dumps(result, indent=1, sort_keys=True), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
