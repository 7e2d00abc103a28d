"""<h1> or og:title: where the two differ, which one the reference takes, and the markup
around the <h1> that might predict it (t44, issue 17).

    uv run python bench/title_h1_og.py [--set dev|second|news|fundus|extra|fourth|fifth|
                                        seventh|all] [--out FILE] [--misses FILE]

For every titled page of the sets ``bench/title_sources.py`` reads, plus the seventh
(metascraper's integration pages, whose snapshot titles keep site names: a convention of
its own), the <h1> nearest the body's start is compared with the cut metadata title
(og:title or twitter:title with the site name cut, failing that the JSON-LD headline,
failing that the cut <title>). Where they differ (folded, as the benches score), the
reference is the <h1>, the metadata title, or neither; each such page is counted under
every markup signal it shows:

- where the <h1> sits: inside the element the body was taken from, inside an
  <article>/<main> or a story-classed element ("article", "post", "entry", "story"),
  under a site header (a <header>/<nav> outside any story element, or a class naming the
  masthead, the logo or the brand), or none of these;
- how far from the body's first block (``H1_WINDOW`` blocks), and how many <h1>s;
- how the two strings relate: the metadata title longer (the <h1> and a tail, a kicker
  and the <h1>, the <h1> inside), the <h1> longer (likewise), the same words in another
  order or spelling (half the words shared), or other words;
- the <h1> naming the site (og:site_name or the host), in capitals, over 20 words.

``--out`` writes every differing page (JSON lines); ``--misses`` writes every page
where our title is not the reference, with the page's <title>, og:title,
twitter:title, JSON-LD headline and the <h1>/<h2>s near the story. CPU: about two
extractions per page.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.metascraper_set import METASCRAPER  # noqa: E402
from bench.metascraper_set import pages as metascraper_pages  # noqa: E402
from bench.metrics import title_matches  # noqa: E402
from bench.title_misses import category  # noqa: E402
from bench.title_sources import SETS, pages, parsed_with_container  # noqa: E402
from parsers import extract  # noqa: E402
from parsers.decode import decode_html  # noqa: E402
from parsers.headline_blocks import H1_WINDOW  # noqa: E402
from parsers.metadata import _clean_title, ld_text, unescaped  # noqa: E402
from parsers.scan import Scan  # noqa: E402
from parsers.title import strip_site_name  # noqa: E402
from parsers.title_text import WORD_RE, fold  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

ALL_SETS = (*SETS, "seventh")
STORY_TAGS = frozenset({"article", "main"})
STORY_NAME_RE = re.compile(r"article|(?:^|[\s_-])post|entry|story|headline|content", re.I)
HEADER_NAME_RE = re.compile(
    r"masthead|navbar|logo|brand|(?:site|global|main|top|page)[-_]?header|(?:^|\s)header(?:$|\s)",
    re.I,
)


def ancestors(scan: Scan, element: int) -> list[int]:
    found = []
    while element >= 0:
        found.append(element)
        element = scan.parents[element]
    return found


def where(scan: Scan, element: int, container: int) -> str:
    """Where the <h1> sits (see the module docstring), the first that holds."""
    chain = ancestors(scan, element)
    if container >= 0 and container in chain:
        return "in the body's element"
    story = header = False
    for e in chain[1:]:
        tag, names = scan.tags[e], scan.names[e]
        if tag in STORY_TAGS or (STORY_NAME_RE.search(names) and tag not in ("html", "body")):
            story = True
        if not story and (tag in ("header", "nav") or HEADER_NAME_RE.search(names)):
            header = True
    if story:
        return "in a story element"
    if header or HEADER_NAME_RE.search(scan.names[element]):
        return "under a site header"
    return "elsewhere"


def relation(h1: str, meta: str) -> str:
    a, b = fold(h1), fold(meta)
    if b.startswith(a):
        return "meta = h1 + tail"
    if b.endswith(a):
        return "meta = kicker + h1"
    if a in b:
        return "meta holds h1"
    if a.startswith(b):
        return "h1 = meta + tail"
    if a.endswith(b):
        return "h1 = kicker + meta"
    if b in a:
        return "h1 holds meta"
    wa, wb = set(WORD_RE.findall(h1.casefold())), set(WORD_RE.findall(meta.casefold()))
    if wa and wb and len(wa & wb) * 2 >= min(len(wa), len(wb)):
        return "variant (half the words shared)"
    return "other words"


def page_row(name: str, key: str, url: str, html: str, want: str) -> dict[str, Any]:
    try:
        ours = extract(html, url=url).title
    except ParseError:
        ours = None
    with parsed_with_container(html) as (scan, meta, container, start):
        og = _clean_title(unescaped(meta.first("og:title")))
        tw = _clean_title(unescaped(meta.first("twitter:title")))
        ld = _clean_title(unescaped(ld_text(meta.ld_main.get("headline"))))
        title = _clean_title(unescaped(scan.title))
        site = _clean_title(
            meta.first("og:site_name", "application-name", "apple-mobile-web-app-title")
        )
        meta_title = (
            strip_site_name(og or tw, site)
            if (og or tw)
            else strip_site_name(ld, site, headline=True)
            if ld
            else strip_site_name(title, site)
            if title
            else None
        )
        h1s = [(i, b) for i, b in enumerate(scan.blocks) if b.tag == "h1" and b.text]
        near = min(h1s, key=lambda item: abs(item[0] - start)) if h1s else None
        row: dict[str, Any] = {
            "set": name,
            "key": key,
            "url": url,
            "want": want,
            "ours": ours,
            "exact": title_matches(ours, want),
            "og": og,
            "twitter": tw,
            "ld": ld,
            "title": title,
            "site": site,
            "meta": meta_title,
            "h1s": [b.text for _, b in h1s][:6],
            "near_headings": [
                f"{b.tag}: {b.text}"
                for b in scan.blocks[max(0, start - H1_WINDOW) : start + 8]
                if b.tag in ("h1", "h2") and b.text
            ],
        }
        if near is None or not meta_title:
            row["differ"] = None
            return row
        index, block = near
        h1 = block.text
        row["h1"] = h1
        row["differ"] = not title_matches(h1, meta_title)
        if not row["differ"]:
            return row
        row["truth"] = (
            "h1"
            if title_matches(h1, want)
            else "meta"
            if title_matches(meta_title, want)
            else "neither"
        )
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        site_names = {fold(site or ""), fold(host), fold(host.split(".")[0])} - {""}
        row["signals"] = {
            "where": where(scan, block.element, container),
            "distance": "far (> H1_WINDOW)" if abs(index - start) > H1_WINDOW else "near",
            "h1 count": "one <h1>" if len(h1s) == 1 else "several <h1>s",
            "relation": relation(h1, meta_title),
            "h1 names the site": str(fold(h1) in site_names),
            "h1 in capitals": str(h1.isupper()),
            "h1 over 20 words": str(len(h1.split()) > 20),
            "meta from": "og/twitter" if (og or tw) else "JSON-LD" if ld else "<title>",
            "ours": (
                "h1"
                if title_matches(ours, h1)
                else "meta"
                if title_matches(ours, meta_title)
                else "other"
            ),
        }
    return row


def all_pages(which: str) -> Iterator[tuple[str, str, str, str, str]]:
    if which != "seventh":
        yield from pages(which)
    if which in ("seventh", "all") and METASCRAPER.exists():
        for key, url, raw, truth in metascraper_pages(METASCRAPER):
            if truth.get("title"):
                yield "seventh", key, url, decode_html(raw), truth["title"] or ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--set", choices=(*ALL_SETS, "all"), default="all", dest="which")
    parser.add_argument("--out", type=Path, default=None, help="every differing page")
    parser.add_argument("--misses", type=Path, default=None, help="every title miss")
    args = parser.parse_args(argv)
    tally: dict[tuple[str, str, str], Counter[str]] = {}
    differ: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    out = args.out.open("w", encoding="utf-8") if args.out else None
    misses = args.misses.open("w", encoding="utf-8") if args.misses else None
    for name, key, url, html, want in all_pages(args.which):
        row = page_row(name, key, url, html, want)
        totals[name] += 1
        if misses and not row["exact"]:
            cut = {
                f"{key}_cut": strip_site_name(row[key], row["site"], headline=key == "ld")
                for key in ("og", "ld", "title")
                if row[key]
            }
            row["category"] = category({**row, **cut, "headings": row["h1s"]})
            misses.write(json.dumps(row, ensure_ascii=False) + "\n")
        if not row["differ"]:
            continue
        differ[name] += 1
        differ[name + " " + row["truth"]] += 1
        for signal, value in row["signals"].items():
            tally.setdefault((signal, value, name), Counter())[row["truth"]] += 1
        if out:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    for handle in (out, misses):
        if handle:
            handle.close()
    names = [n for n in ALL_SETS if totals[n]]
    print(
        "| set | titled pages | <h1> and metadata differ | truth <h1> | truth metadata | neither |"
    )
    print("|---|---|---|---|---|---|")
    for n in names:
        print(
            f"| {n} | {totals[n]} | {differ[n]} | {differ[n + ' h1']} | "
            f"{differ[n + ' meta']} | {differ[n + ' neither']} |"
        )
    print("\nPer signal, per set: <h1> right / metadata right (neither)\n")
    print("| signal | value | " + " | ".join(names) + " | all but seventh |")
    print("|---" * (3 + len(names)) + "|")
    for signal, value in sorted({(s, v) for s, v, _ in tally}):
        cells, h1_all, meta_all = [], 0, 0
        for n in names:
            c = tally.get((signal, value, n), Counter())
            cells.append(f"{c['h1']}/{c['meta']} ({c['neither']})" if c else "")
            if n != "seventh":
                h1_all, meta_all = h1_all + c["h1"], meta_all + c["meta"]
        print(f"| {signal} | {value} | " + " | ".join(cells) + f" | {h1_all}/{meta_all} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
