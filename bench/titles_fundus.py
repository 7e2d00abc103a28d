"""Titles against a curated multi-site judge: fundus's per-publisher test pages.

    uv run python bench/titles_fundus.py [--only pressroom|trafilatura] [--sources]
        [--out FILE] [--repo DIR]

Data: flairNLP/fundus (MIT), read in place from the mirror's git objects as
``bench/dates_fundus_set.py`` reads it (nothing copied): ~180 publishers in ~40
countries, each with one or a few saved article pages and what fundus's
hand-written, maintainer-checked parser for that publisher extracts. The truth is
that parser's ``title``; score: exact after folding case, punctuation and spaces
(``bench.metrics.title_matches``), as the extraction bench scores titles. Pages get
their own URL (``meta.info``), as the pipeline does. Per language (``<html lang>``,
else the folder's country) and script (most of the truth's letters).

``--sources`` also scores each candidate ``parsers.title.choose_title`` chooses
from, alone (``bench/title_sources.py``'s candidates: og:title, the JSON-LD
headline, <title>, each raw and with the site name cut; the first <h1> and the
<h1> nearest the body), and on pages where the nearest <h1> and the cut metadata
title differ, how often each is the truth; and how many truths the page prints as
one block (a fairer judge of the headline as printed: fundus's parsers mostly read
og:title or the JSON-LD headline, which may be a variant the page never shows).
``--out`` writes every page's candidates (with ``--sources``) or ours and the
truth as JSON lines.

Convention differences: fundus's parsers sometimes keep a kicker or the site's
name in the title, or take the metadata title where the page prints another; the
``--out`` rows carry every candidate so these can be counted apart from misses.
CPU: about one extraction a page per extractor (two with ``--sources``).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.dates_fundus_set import FUNDUS, page_language, script_of, truth_pages  # noqa: E402
from bench.metrics import title_matches  # noqa: E402
from bench.rivals import chosen, rival_parser  # noqa: E402
from bench.titles_google_news import ours, theirs  # noqa: E402
from parsers.decode import decode_html  # noqa: E402

SOURCES = ("og", "og_cut", "ld", "ld_cut", "title", "title_cut", "h1_first", "h1_near")


def main(argv: list[str] | None = None) -> int:
    """Print title exact per extractor, language and script (and per source)."""
    parser = rival_parser(__doc__, FUNDUS, "trafilatura")
    parser.add_argument("--sources", action="store_true", help="each candidate alone")
    parser.add_argument("--out", type=Path, default=None, help="every page as JSON lines")
    args = parser.parse_args(argv)
    runs = chosen(args, {"pressroom": ours, "trafilatura": theirs}, "fundus")
    if runs is None:
        return 1
    hits: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    tally: Counter[str] = Counter()
    publishers: set[str] = set()
    handle = args.out.open("w", encoding="utf-8") if args.out else None
    for name, url, raw, truth in truth_pages(args.repo):
        want = truth.get("title") or ""
        if not want.strip():
            continue
        html = decode_html(raw)
        language = page_language(html, name)
        groups = ("all", f"lang {language}", f"script {script_of(want)}")
        for group in groups:
            totals[group] += 1
        publishers.add(name.rsplit("_", 3)[0])
        row: dict[str, Any] = {"key": name, "url": url, "lang": language, "want": want}
        for label, run in runs.items():
            got = run(html, url)
            ok = title_matches(got, want)
            row[label] = got
            row[label + "_exact"] = ok
            for group in groups:
                hits[label, group] += ok
        if args.sources:
            row.update(_scored_sources(html, url, want, tally))
            for label in runs:
                tally["printed_" + label] += row["printed"] and row[label + "_exact"]
        if handle:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    if handle:
        handle.close()
    total = totals["all"]
    print(f"fundus test pages with a title: {total} ({len(publishers)} publishers)")
    for label in runs:
        share = hits[label, "all"] / max(total, 1)
        print(f"{label:11} title exact {hits[label, 'all']}/{total} ({share:.1%})")
    for group in sorted(g for g in totals if g != "all"):
        cells = "  ".join(f"{label} {hits[label, group]}" for label in runs)
        print(f"  {group:18} {totals[group]:3}  {cells}")
    if args.sources:
        print("\n| source alone | " + " | ".join(SOURCES) + " | h1_any |")
        print("|---" * (2 + len(SOURCES)) + "|")
        print(f"| exact of {tally['pages']} | "
              + " | ".join(str(tally[s]) for s in SOURCES) + f" | {tally['h1_any']} |")
        cells = ", ".join(f"{label} {tally['printed_' + label]}" for label in runs)
        print(f"\ntruth printed as one block of the page on {tally['printed']} pages: {cells}")
        print(f"nearest <h1> and cut metadata title differ on {tally['differ']} pages; the "
              f"<h1> is the truth on {tally['differ_h1']}, the metadata title on "
              f"{tally['differ_meta']}")
    return 0


def _scored_sources(html: str, url: str, want: str, tally: Counter[str]) -> dict[str, Any]:
    """The page's candidates (``bench.title_sources.candidates``), each scored into ``tally``."""
    from bench.title_sources import candidates

    c = candidates(html, url)
    tally["pages"] += 1
    for source in SOURCES:
        tally[source] += title_matches(c[source], want)
    tally["h1_any"] += any(title_matches(h, want) for h in c["h1s"])
    printed = any(title_matches(b, want) for b in c["blocks"])
    tally["printed"] += printed
    meta_cut = c["ld_cut"] or c["og_cut"] or c["title_cut"]
    if c["h1_near"] and meta_cut and not title_matches(c["h1_near"], meta_cut):
        tally["differ"] += 1
        tally["differ_h1"] += title_matches(c["h1_near"], want)
        tally["differ_meta"] += title_matches(meta_cut, want)
    row = {k: v for k, v in c.items() if k not in ("blocks", "ours")}
    row["host"] = urlsplit(url).hostname or ""
    row["printed"] = printed
    return row


if __name__ == "__main__":
    raise SystemExit(main())
