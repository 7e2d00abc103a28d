"""Titles on a broad set of news pages the rules were not tuned on: L3S Google News.

    uv run python bench/titles_google_news.py [--root DIR] [--only pressroom|trafilatura]
        [--out FILE]

Data: the L3S Google News set (Kohlschütter et al., 2010; ``page-signal-master``
in j-szulc/html-cleaning-dataset-merged, no licence stated: read in place from
a git clone, never copied). 621 news pages of 2008 from many sites, each with an
annotated copy; the title truth is the first non-empty text the annotators marked
headline (``bench.second_set.headline``), on the 604 pages that mark one. The
extraction bench samples 150 of these pages; this script reads all of them, for
both extractors, title only. Pages get Readability's harness URL (no URL title).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.metrics import title_matches  # noqa: E402
from bench.second_set import MERGED, googlenews  # noqa: E402
from parsers import extract  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402


def ours(html: str, url: str) -> str | None:
    try:
        return extract(html, url=url).title
    except ParseError:
        return None


def theirs(html: str, url: str) -> str | None:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    return None if doc is None or isinstance(doc, dict) else doc.title


def main(argv: list[str] | None = None) -> int:
    """Print title exact per extractor; misses of the last one go to ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=MERGED, help="the merged repo's clone")
    parser.add_argument("--only", choices=("pressroom", "trafilatura"), action="append")
    parser.add_argument("--out", type=Path, default=None, help="misses as JSON lines")
    args = parser.parse_args(argv)
    pages = [p for p in googlenews(args.root, None) if p[3]["title"]]
    for name in args.only or ["pressroom", "trafilatura"]:
        function = ours if name == "pressroom" else theirs
        misses = []
        for key, url, html, truth in pages:
            got = function(html, url)
            if not title_matches(got, truth["title"]):
                misses.append({"key": key, "got": got, "want": truth["title"]})
        hits = len(pages) - len(misses)
        print(f"{name}: title exact {hits}/{len(pages)} ({100 * hits / len(pages):.1f}%)")
        if args.out is not None:
            with args.out.open("w", encoding="utf-8") as handle:
                for row in misses:
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
