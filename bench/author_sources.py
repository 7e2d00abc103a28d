"""Author sources side by side: which candidate alone would be exact, page by page.

    uv run python bench/author_sources.py [--set dev|second|both|fundus|all] [--misses] [--json OUT]

For every page with an author truth (the dev set; the second set's Readability and
newspaper4k pages; fundus's publisher pages, their ``authors`` joined with ", " as in
``bench/authors_fundus.py``, scored exact only: its convention column is not applied
here), the candidates ``parsers.bylines.page_authors`` weighs are
computed apart: JSON-LD people, author meta tags, a sharing card's "Written by", the
first author-marked element (the printed byline), "By" lines over and under the
story, and JSON-LD organisations. Prints how often each alone is exact (the ceiling
of a strategy that trusts it), how often the declared and the printed ones disagree
and which the truth follows then, and, with ``--misses``, every miss with all its
candidates. ``--json`` writes one line per page for closer reading.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections import Counter
from itertools import islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.dates_fundus_set import FUNDUS, truth_pages  # noqa: E402
from bench.extraction import DEFAULT_DATASET, load  # noqa: E402
from bench.metrics import authors_match  # noqa: E402
from bench.second_set import load_second  # noqa: E402
from parsers import author_elements, byline_lines, bylines  # noqa: E402
from parsers import authors as rules  # noqa: E402
from parsers import extract as _extract_pkg  # noqa: E402,F401
from parsers.author_boxes import in_directory  # noqa: E402
from parsers.author_holders import copyright_holders  # noqa: E402
from parsers.author_outlets import outlet_sites  # noqa: E402
from parsers.author_words import words_for  # noqa: E402
from parsers.decode import decode_html  # noqa: E402
from parsers.metadata import PageMeta, ld_names, unescaped  # noqa: E402
from parsers.scan import Scan  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

extract = importlib.import_module("parsers.extract")
SOURCES = ("jsonld", "meta", "card", "printed", "header", "trailer", "orgs")


def candidates(
    meta: PageMeta, scan: Scan, header: str, trailer: str, language: str | None = None
) -> dict[str, Any]:
    """Each source's names, computed as ``page_authors`` computes them."""
    words = words_for(language)
    people, orgs = ld_names(meta.ld_main.get("author"), meta.ld_objects)
    found: dict[str, Any] = {
        "jsonld": [n for raw in people for n in rules.person_names(unescaped(raw) or "", words)],
        "meta": bylines._meta_authors(
            meta, words, rules.site_names(meta), outlet_sites(meta), copyright_holders(meta)
        ),
        "card": bylines._card_author(meta, words),
        "orgs": [n for raw in orgs if (n := rules.clean_author(raw))],
        "header": byline_lines.byline_from_lines(header.splitlines(), words),
        "trailer": byline_lines.byline_from_lines(trailer.splitlines(), words),
        "raw_jsonld": people + orgs,
        "raw_meta": meta.all(*bylines.AUTHOR_KEYS)[:6],
        "site_names": sorted(rules.site_names(meta)),
    }
    printed: list[str] = []
    raw_box = ""
    boxes = (t for t in scan.author_tags if not in_directory(t))
    for tag in islice(boxes, bylines.MAX_AUTHOR_TAGS):
        strings = list(islice(tag.stripped_strings, bylines.MAX_BYLINE_PIECES))
        raw_box = raw_box or " / ".join(strings)[:160]
        printed = author_elements.names_from_tag(tag, strings, [], words)
        if printed:
            printed = author_elements.with_co_authors(
                tag, printed, bylines.MAX_BYLINE_PIECES, words
            )
            raw_box = " / ".join(strings)[:160]
            break
    found["printed"] = printed
    found["raw_box"] = raw_box
    found["raw_header"] = header[:300]
    return found


def analyse(pages: list[tuple[str, str, str, str | None]]) -> list[dict[str, Any]]:
    """One row per page: truth, output and every candidate."""
    seen: dict[str, Any] = {}
    original = extract.page_authors

    def spy(
        meta: PageMeta,
        scan: Scan,
        header: str,
        trailer: str,
        story: range,
        below: Any = (),
        language: str | None = None,
    ) -> Any:
        seen.update(candidates(meta, scan, header, trailer, language))
        return original(meta, scan, header, trailer, story, below, language)

    extract.page_authors = spy  # type: ignore[assignment]
    rows = []
    try:
        for key, url, html, truth in pages:
            seen.clear()
            try:
                got: Any = extract.extract(html, url=url).authors
            except ParseError:
                got = None
            row = {"key": key, "url": url, "want": truth, "got": list(got or ()), **seen}
            row["exact"] = bool(truth) and authors_match(got, truth)
            rows.append(row)
    finally:
        extract.page_authors = original  # type: ignore[assignment]
    return rows


def summary(label: str, rows: list[dict[str, Any]], misses: bool) -> None:
    """Ceilings, disagreements and (with ``misses``) the misses of one set."""
    authored = [r for r in rows if r["want"]]
    print(f"\n## {label}: {sum(r['exact'] for r in authored)}/{len(authored)} exact")
    ceiling: Counter[str] = Counter()
    present: Counter[str] = Counter()
    for row in authored:
        for source in SOURCES:
            if row.get(source):
                present[source] += 1
                ceiling[source] += authors_match(row[source], row["want"])
    any_exact = sum(any(authors_match(r.get(s), r["want"]) for s in SOURCES) for r in authored)
    print("| source | pages naming someone | exact alone |")
    print("|---|---|---|")
    for source in SOURCES:
        print(f"| {source} | {present[source]} | {ceiling[source]} |")
    print(f"| any one of them | | {any_exact} |")
    declared: Counter[str] = Counter()
    for row in authored:
        dec = row["jsonld"] or row["meta"] or row["card"]
        shown = row["printed"] or row["header"]
        if not dec or not shown:
            continue
        same = authors_match(dec, ", ".join(shown))
        d_ok, p_ok = authors_match(dec, row["want"]), authors_match(shown, row["want"])
        declared["agree" if same else "disagree"] += 1
        if not same:
            follows = {(True, True): "both", (True, False): "declared"}.get(
                (d_ok, p_ok), "printed" if p_ok else "neither"
            )
            declared[f"truth follows {follows}"] += 1
    print(
        "declared (JSON-LD, meta, card) against printed (author element, By line): "
        + ", ".join(f"{k} {v}" for k, v in sorted(declared.items()))
    )
    none_truth = [r for r in rows if not r["want"] and r["got"]]
    print(
        f"pages with no author truth where we name someone: {len(none_truth)}/"
        f"{sum(not r['want'] for r in rows)}"
    )
    if misses:
        for row in authored:
            if row["exact"]:
                continue
            print(f"\n{row['key']} want={row['want']!r} got={row['got']!r} {row['url'][:90]}")
            for source in SOURCES:
                if row.get(source):
                    mark = "=" if authors_match(row[source], row["want"]) else " "
                    print(f"   {mark}{source}: {row[source]!r}")
            for raw in ("raw_jsonld", "raw_meta", "raw_box", "site_names"):
                if row.get(raw):
                    print(f"    {raw}: {row[raw]!r}"[:220])


def main(argv: list[str] | None = None) -> int:
    """Run over the chosen sets and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("dev", "second", "both", "fundus", "all"), default="both")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--json", type=Path, default=None, help="one JSON line per page")
    args = parser.parse_args(argv)
    sets: list[tuple[str, list[tuple[str, str, str, str | None]]]] = []
    if args.set in ("dev", "both", "all"):
        dev = [(p.key, p.url, p.html, p.truth.get("author")) for p in load(DEFAULT_DATASET, None)]
        sets.append(("dev", dev))
    if args.set in ("second", "both", "all"):
        second = [
            (key, url, html, truth.get("author"))
            for key, url, html, truth in load_second(None, 1)
            if key.startswith(("readability/", "newspaper4k/"))
        ]
        sets.append(("second", second))
    if args.set in ("fundus", "all"):
        fundus = [
            (key, url, decode_html(raw), ", ".join(str(a) for a in truth.get("authors") or []))
            for key, url, raw, truth in truth_pages(FUNDUS)
        ]
        sets.append(("fundus", fundus))
    out = args.json.open("w", encoding="utf-8") if args.json else None
    for label, pages in sets:
        rows = analyse(pages)
        summary(label, rows, args.misses)
        for row in rows if out else ():
            out.write(json.dumps({"set": label, **row}, ensure_ascii=False, default=str) + "\n")
    if out:
        out.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
