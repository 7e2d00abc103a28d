"""Which source of a page's title the references follow: each candidate scored alone.

    uv run python bench/title_sources.py [--set dev|second|news|fundus|extra|fourth|fifth|all]
                                         [--out FILE]

For every titled page of the development set, the second set's Readability and
newspaper4k pages (against the printed reference, ``title_printed``), all of L3S
Google News and fundus's test pages (``bench/titles_fundus.py``; their truth is the
publisher parser's title, mostly og:title or the JSON-LD headline), and the extra,
fourth and fifth sets (WCXB's other development pages, Postlight's and goose3's
fixtures, read from their folders under /work/sets), the candidates
``parsers.title.choose_title`` chooses from are scored alone, exact as the
extraction bench scores titles (folded): og:title, the JSON-LD headline and
<title>, each raw and with the site name cut (``strip_site_name``); the first
<h1> and the <h1> nearest the body's start; and as ceilings, whether any <h1>,
any <h1>-<h6> or any block prints the reference. Then the disagreements: on pages
where the nearest <h1> and the cut metadata title differ, how often each is the
reference. ``--out`` writes every page's candidates, ours and the reference as
JSON lines (the misses' causes are read from there). CPU: about one extraction per page.
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extraction import DEFAULT_DATASET, load  # noqa: E402
from bench.metrics import title_matches  # noqa: E402
from bench.second_set import (  # noqa: E402
    MERGED,
    NEWSPAPER4K,
    READABILITY,
    googlenews,
    newspaper4k,
    readability,
)
from bench.titles_fundus import FUNDUS, truth_pages  # noqa: E402
from parsers import extract  # noqa: E402
from parsers.body import best_container, prefix_sums  # noqa: E402
from parsers.decode import decode_html  # noqa: E402
from parsers.extract import _prepare_text  # noqa: E402
from parsers.metadata import PageMeta, _clean_title, collect_meta, ld_text, unescaped  # noqa: E402
from parsers.scan import Scan, scan_page  # noqa: E402
from parsers.title import choose_title, strip_site_name  # noqa: E402
from parsers.tree import parse, release  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

# The third, fourth and fifth sets (bench/wcxb_extra.py, postlight_set.py, goose_set.py).
EXTRA = Path("/work/sets/extra")
FOURTH = Path("/work/sets/fourth")
FIFTH = Path("/work/sets/fifth")
SETS = ("dev", "second", "news", "fundus", "extra", "fourth", "fifth")
SOURCES = ("ours", "og", "og_cut", "ld", "ld_cut", "title", "title_cut", "h1_first", "h1_near")
CEILINGS = ("h1_any", "heading_any", "block_any")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def traced_title(html: str, url: str) -> tuple[str | None, int]:
    """Our title, and the line of ``choose_title`` that returned it (0: none ran)."""
    exits: list[int] = []

    def local(frame: FrameType, event: str, arg: object) -> Any:
        if event == "return":
            exits.append(frame.f_lineno)
        return local

    def calls(frame: FrameType, event: str, arg: object) -> Any:
        return local if frame.f_code is choose_title.__code__ else None

    sys.settrace(calls)
    try:
        title = extract(html, url=url).title
    except ParseError:
        title = None
    finally:
        sys.settrace(None)
    return title, exits[-1] if exits else 0


@contextmanager
def parsed_with_container(html: str) -> Iterator[tuple[Scan, PageMeta, int, int]]:
    """The page's scan, its metadata, the body's container element and the index of the
    body's first block, as ``parsers.extract`` finds them before it chooses a title; the
    tree is released after."""
    text, jsonld, _ = _prepare_text(html)
    root, elements = parse(text)
    try:
        scan = scan_page(root)
        scan.jsonld.extend(jsonld)
        meta = collect_meta(scan)
        container = best_container(scan, prefix_sums(scan))
        start = scan.first_block[container] if container >= 0 else len(scan.blocks)
        yield scan, meta, container, start
    finally:
        release(elements)


@contextmanager
def parsed_page(html: str) -> Iterator[tuple[Scan, PageMeta, int]]:
    """``parsed_with_container`` without the container."""
    with parsed_with_container(html) as (scan, meta, _container, start):
        yield scan, meta, start


def candidates(html: str, url: str) -> dict[str, Any]:
    """The page's title candidates, our title and the line of ``choose_title`` that
    returned it (``None`` where the page has no such candidate)."""
    ours, line = traced_title(html, url)
    with parsed_page(html) as (scan, meta, body_start):
        og = _clean_title(
            unescaped(meta.first("og:title", "twitter:title", "title", "dc.title", "headline"))
        )
        ld = _clean_title(
            unescaped(ld_text(meta.ld_main.get("headline")) or ld_text(meta.ld_main.get("name")))
        )
        title = _clean_title(unescaped(scan.title))
        site = _clean_title(
            meta.first("og:site_name", "application-name", "apple-mobile-web-app-title")
        )
        h1s = [(i, b.text) for i, b in enumerate(scan.blocks) if b.tag == "h1" and b.text]
        near = min(h1s, key=lambda item: abs(item[0] - body_start))[1] if h1s else None
        return {
            "ours": ours,
            "line": line,
            "og": og,
            "og_cut": strip_site_name(og, site) if og else None,
            "ld": ld,
            "ld_cut": strip_site_name(ld, site, headline=True) if ld else None,
            "title": title,
            "title_cut": strip_site_name(title, site) if title else None,
            "h1_first": h1s[0][1] if h1s else None,
            "h1_near": near,
            "site": site,
            "h1s": [t for _, t in h1s][:6],
            "headings": [b.text for b in scan.blocks if b.tag in HEADINGS and b.text],
            "blocks": {b.text for b in scan.blocks if len(b.text) < 400},
        }


def pages(which: str) -> list[tuple[str, str, str, str, str]]:
    """(set, key, url, html, reference) of the titled pages of ``which``."""
    found = []
    if which in ("dev", "all"):
        found += [("dev", p.key, p.url, p.html, p.truth["title"])
                  for p in load(DEFAULT_DATASET, None) if p.truth.get("title")]
    if which in ("second", "all"):
        for key, url, html, truth in [*readability(READABILITY), *newspaper4k(NEWSPAPER4K)]:
            if truth.get("title_printed"):
                found.append(("second", key, url, html, truth["title_printed"]))
    if which in ("news", "all"):
        found += [("news", key, url, html, truth["title"])
                  for key, url, html, truth in googlenews(MERGED, None) if truth["title"]]
    if which in ("extra", "all") and EXTRA.exists():
        found += [("extra", p.key, p.url, p.html, p.truth["title"])
                  for p in load(EXTRA, None) if p.truth.get("title")]
    for name, folder in (("fourth", FOURTH), ("fifth", FIFTH)):
        if which in (name, "all") and folder.exists():
            for path in sorted((folder / "truth").glob("*.json")):
                truth = json.loads(path.read_text(encoding="utf-8"))
                if (truth.get("title") or "").strip():
                    html = decode_html((folder / "html" / f"{path.stem}.html").read_bytes())
                    found.append((name, path.stem, truth["url"], html, truth["title"]))
    if which in ("fundus", "all") and FUNDUS.exists():
        found += [("fundus", key, url, decode_html(raw), truth["title"])
                  for key, url, raw, truth in truth_pages(FUNDUS)
                  if (truth.get("title") or "").strip()]
    return found


def main(argv: list[str] | None = None) -> int:
    """Print, per set, how often each candidate alone is the reference."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=(*SETS, "all"), default="all",
                        dest="which")
    parser.add_argument("--out", type=Path, default=None, help="every page's candidates")
    args = parser.parse_args(argv)
    counts: dict[str, Counter[str]] = {}
    # Per line of choose_title that returned: pages, exact, and the dev sites.
    lines: dict[int, Counter[str]] = {}
    sites: dict[int, set[str]] = {}
    handle = args.out.open("w", encoding="utf-8") if args.out else None
    for name, key, url, html, want in pages(args.which):
        c = candidates(html, url)
        tally = counts.setdefault(name, Counter())
        tally["pages"] += 1
        for source in SOURCES:
            tally[source] += title_matches(c[source], want)
        tally["h1_any"] += any(title_matches(h, want) for h in c["h1s"])
        tally["heading_any"] += any(title_matches(h, want) for h in c["headings"])
        tally["block_any"] += any(title_matches(b, want) for b in c["blocks"])
        exact = title_matches(c["ours"], want)
        per_line = lines.setdefault(c["line"], Counter())
        per_line[name] += 1
        per_line[name + "_exact"] += exact
        if name == "dev":
            sites.setdefault(c["line"], set()).add(urlsplit(url).hostname or "")
        meta_cut = c["ld_cut"] or c["og_cut"] or c["title_cut"]
        if c["h1_near"] and meta_cut and not title_matches(c["h1_near"], meta_cut):
            tally["differ"] += 1
            tally["differ_h1"] += title_matches(c["h1_near"], want)
            tally["differ_meta"] += title_matches(meta_cut, want)
        if handle:
            row = {k: v for k, v in c.items() if k != "blocks"}
            handle.write(json.dumps({"set": name, "key": key, "want": want,
                                     "exact": exact, "url": url, **row},
                                    ensure_ascii=False) + "\n")
    if handle:
        handle.close()
    print("| set | pages | " + " | ".join(SOURCES + CEILINGS) + " |")
    print("|---" * (2 + len(SOURCES) + len(CEILINGS)) + "|")
    for name, tally in counts.items():
        print(f"| {name} | {tally['pages']} | "
              + " | ".join(str(tally[s]) for s in SOURCES + CEILINGS) + " |")
    for name, tally in counts.items():
        print(f"\n{name}: nearest <h1> and cut metadata title differ on {tally['differ']} pages; "
              f"the <h1> is the reference on {tally['differ_h1']}, the metadata title on "
              f"{tally['differ_meta']}")
    code = inspect.getsource(choose_title).splitlines()
    first = choose_title.__code__.co_firstlineno
    print("\n| line of choose_title | dev exact/pages (sites) | " + " | ".join(SETS[1:])
          + " | returns |")
    print("|---" * (len(SETS) + 2) + "|")
    for line, per_line in sorted(lines.items()):
        text = code[line - first].strip() if line >= first else ""
        cells = [f"{per_line[n + '_exact']}/{per_line[n]}"
                 for n in SETS]
        cells[0] += f" ({len(sites.get(line, ()))})"
        print(f"| {line} | " + " | ".join(cells) + f" | `{text[:70]}` |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
