"""Scores on a WCXB-layout set split by how each page's truth was made.

    uv run python bench/wcxb_strata.py [--dataset DIR] [--trafilatura]

WCXB's ground-truth files record, in ``_internal.page_type.confidence``, whether a
page's annotation was ``verified`` by a person or ``preprocessed`` (other values are
rare and counted as ``other``). The development set is 84 % verified; a set whose mix
differs can score differently on the same extractor without any change in how well it
reads pages, so this prints title, author, date and body per stratum, and, for titles,
how often the truth is the page's <h1> or its og:title where the two differ (the one
choice a title rule cannot settle from the page). Aggregate figures only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extraction import DEFAULT_DATASET, Output, Page, load, ours  # noqa: E402
from bench.metrics import (  # noqa: E402
    authors_match,
    body_precision_recall,
    date_matches,
    f1_of_means,
    title_matches,
)

STRATA = ("verified", "preprocessed", "other")


def stratum(dataset: Path, key: str) -> str:
    """The page's annotation stratum, read from its ground-truth file."""
    record = json.loads((dataset / "ground-truth" / f"{key}.json").read_text(encoding="utf-8"))
    confidence = record.get("_internal", {}).get("page_type", {}).get("confidence")
    return confidence if confidence in STRATA[:2] else "other"


def title_fields(html: str) -> tuple[str, str]:
    """The page's first <h1> text and its og:title ("" when absent)."""
    try:
        doc = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return "", ""
    h1s = doc.xpath("//h1")
    h1 = h1s[0].text_content().strip() if h1s else ""
    og = str(doc.xpath('string(//meta[@property="og:title"]/@content)')).strip()
    return h1, og


def scores(pages: list[Page], strata: dict[str, str],
           extractor: Callable[[Page], Output]) -> dict[str, dict[str, float]]:
    """Per stratum: pages, title/author/date hits and their denominators, body F1."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    pairs: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for page in pages:
        out, truth, group = extractor(page), page.truth, counts[strata[page.key]]
        group["pages"] += 1
        pairs[strata[page.key]].append(
            body_precision_recall(out.body, truth.get("main_content") or ""))
        group["title"] += title_matches(out.title, truth.get("title"))
        if truth.get("publish_date"):
            group["dated"] += 1
            group["date"] += date_matches(out.date, truth["publish_date"])
        if truth.get("author"):
            group["authored"] += 1
            group["author"] += authors_match(out.authors, truth["author"])
    return {name: {**counts[name], "body_f1": f1_of_means(pairs[name])[0]}
            for name in STRATA if counts[name]["pages"]}


def title_sources(pages: list[Page], strata: dict[str, str]) -> dict[str, Counter[str]]:
    """Per stratum, on pages whose <h1> and og:title differ: which one the truth is."""
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for page in pages:
        h1, og = title_fields(page.html)
        if not (h1 and og) or title_matches(h1, og):
            continue
        group, truth = found[strata[page.key]], page.truth.get("title")
        group["differ"] += 1
        group["h1"] += title_matches(h1, truth)
        group["og"] += title_matches(og, truth)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--trafilatura", action="store_true", help="score trafilatura too")
    args = parser.parse_args(argv)
    pages = load(args.dataset, None)
    strata = {page.key: stratum(args.dataset, page.key) for page in pages}
    extractors: dict[str, Callable[[Page], Output]] = {"pressroom": ours}
    if args.trafilatura:
        from bench.extraction import trafilatura_extract
        extractors["trafilatura"] = trafilatura_extract
    print("| extractor | stratum | pages | body F1 | title | author | date |")
    print("|---|---|---|---|---|---|---|")
    for name, extractor in extractors.items():
        for group, s in scores(pages, strata, extractor).items():
            print(f"| {name} | {group} | {s['pages']:.0f} | {s['body_f1']:.3f} "
                  f"| {s['title']:.0f}/{s['pages']:.0f} | {s.get('author', 0):.0f}"
                  f"/{s.get('authored', 0):.0f} | {s.get('date', 0):.0f}/{s.get('dated', 0):.0f} |")
    print("\n| stratum | <h1> and og:title differ | truth is the <h1> | truth is og:title |")
    print("|---|---|---|---|")
    for group, c in sorted(title_sources(pages, strata).items()):
        print(f"| {group} | {c['differ']} | {c['h1']} | {c['og']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
