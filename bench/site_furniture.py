"""Site furniture: our body's lines that other pages of the same host print too (sf35, issue 17).

    uv run python bench/site_furniture.py [--set dev|second|cleaneval|all] [--per-source N]
                                          [--cache DIR]

lc35 found that the lines our body keeps wrongly look like story lines on every feature a
line carries. The evidence that tells them apart is the same line on OTHER pages of the
site ("Follow us on Telegram", a standing disclaimer). This script measures whether that
evidence pays, with no parser change: for each page on a host with at least two other
pages, a line of our body (``parsers.extract(html, url).body``, paragraphs) is furniture
when its folded text is a line of the bodies of at least K other pages of the host (the
page itself left out) and has at least ``min_words`` words. Those lines are removed and
the page scored with ``bench.metrics.body_precision_recall`` before and after; "gold lines
lost" counts removed lines the gold holds (``bench/body_lines.py``'s labels).

Hosts: the page's URL; for the sets whose pages carry a placeholder URL, the page's own
canonical / og:url / <base> / CleanEval <text id> address, or CleanPortalEval's file
name (``bbc.co.uk_news_01``). A page with no address is on no host (never affected).
Figures: docs/BENCHMARKS.md, "Body, site furniture measured (sf35)".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.body_lines import line_labels  # noqa: E402
from bench.body_misses import folded  # noqa: E402
from bench.metrics import body_precision_recall, f1_of_means  # noqa: E402

CACHE = Path("/tmp/sf35-bodies")
PLACEHOLDER_HOSTS = ("", "fakehost", "example.com")
ADDRESS_TAG_RE = re.compile(
    r"<link\b[^>]*\bcanonical\b[^>]*>|<meta\b[^>]*\bog:url\b[^>]*>|<base\b[^>]*>|<text\s+id=[^>]*>",
    re.IGNORECASE,
)
ADDRESS_RE = re.compile(r"""(?:href|content|id)\s*=\s*["']?(https?://[^"'\s>]+)""", re.IGNORECASE)
PORTAL_STEM_RE = re.compile(r"^CleanPortalEval-master/(.+?)_\d+$")
KS = (1, 2, 3)
MIN_WORDS = (1, 3, 5, 8)


def site_of(url: str, html: str, key: str) -> str:
    """The page's host without ``www.``; '' when the page names no address."""
    host = urlsplit(url).hostname or ""
    if host not in PLACEHOLDER_HOSTS:
        return host.removeprefix("www.")
    portal = PORTAL_STEM_RE.match(key)
    if portal:
        return portal.group(1).split("_", 1)[0].removeprefix("www.")
    for tag in ADDRESS_TAG_RE.finditer(html[:200_000]):
        address = ADDRESS_RE.search(tag.group(0))
        if address:
            found = urlsplit(address.group(1)).hostname or ""
            if found and found not in PLACEHOLDER_HOSTS:
                return found.removeprefix("www.")
    return ""


def line_key(line: str) -> str:
    return folded(line)


def furniture(lines: list[str], others: Iterable[list[str]], k: int, min_words: int,
              guarded: bool = False) -> set[str]:
    """Folded lines of ``lines`` that at least ``k`` of ``others`` print (each page once).

    ``guarded``: an other page sharing half of this page's distinct lines or more is the same
    story saved twice (an update, a second URL), not evidence; and a line this page prints
    twice or more is a label of the story's own template ("What We Like", a credit line
    under each photo), not the site's furniture.
    """
    own = Counter(map(line_key, lines))
    seen: Counter[str] = Counter()
    for other in others:
        keys = {line_key(line) for line in other}
        if guarded and len(keys & own.keys()) * 2 >= len(own):
            continue
        seen.update(keys)
    return {key for key in own
            if seen[key] >= k and len(key.split()) >= min_words
            and not (guarded and own[key] > 1)}


def without(lines: list[str], removed: set[str]) -> list[str]:
    return [line for line in lines if line_key(line) not in removed]


def collect(which: str, per_source: int | None) -> list[dict[str, Any]]:
    """Per page: key, site, gold, our body's lines."""
    from bench.body_lines import body_pages
    from parsers import extract
    from pressroom.errors import ParseError

    pages = body_pages(which, per_source)
    out = []
    for page in pages:
        try:
            body = extract(page.html, url=page.url).body
        except ParseError:
            body = ""
        out.append({"key": page.key, "site": site_of(page.url, page.html, page.key),
                    "gold": page.truth.get("main_content") or "",
                    "lines": [line for line in body.split("\n\n") if line]})
    return out


def load_set(which: str, per_source: int | None, cache: Path) -> list[dict[str, Any]]:
    path = cache / f"{which}-{per_source}.json"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(collect(which, per_source)), encoding="utf-8")
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def multi_page(pages: list[dict[str, Any]], others_at_least: int = 2) -> dict[str, list[int]]:
    """Host -> indexes of its pages, for hosts where every page has >= 2 other pages."""
    by_site: dict[str, list[int]] = defaultdict(list)
    for index, page in enumerate(pages):
        if page["site"]:
            by_site[page["site"]].append(index)
    return {site: found for site, found in by_site.items() if len(found) > others_at_least}


def measure(pages: list[dict[str, Any]], k: int, min_words: int,
            guarded: bool = False) -> dict[str, Any]:
    """Scores before and after removing furniture, on every page and on the multi-page hosts."""
    hosts = multi_page(pages)
    before = [body_precision_recall("\n\n".join(p["lines"]), p["gold"]) for p in pages]
    after = list(before)
    affected = removed = lost = 0
    for found in hosts.values():
        for index in found:
            page = pages[index]
            others = [pages[other]["lines"] for other in found if other != index]
            gone = furniture(page["lines"], others, k, min_words, guarded)
            kept = without(page["lines"], gone)
            if len(kept) == len(page["lines"]):
                continue
            affected += 1
            dropped = [line for line in page["lines"] if line_key(line) in gone]
            removed += len(dropped)
            lost += sum(line_labels(dropped, page["gold"]))
            after[index] = body_precision_recall("\n\n".join(kept), page["gold"])
    on_hosts = [index for found in hosts.values() for index in found]
    return {
        "k": k, "min_words": min_words, "guarded": guarded,
        "hosts": len(hosts), "host_pages": len(on_hosts),
        "affected": affected, "removed": removed, "gold_lost": lost,
        "all_before": f1_of_means(before), "all_after": f1_of_means(after),
        "hosts_before": f1_of_means(before[i] for i in on_hosts),
        "hosts_after": f1_of_means(after[i] for i in on_hosts),
    }


def _fmt(triple: tuple[float, float, float]) -> str:
    return "{:.5f} (P {:.5f} R {:.5f})".format(*triple)


def report(name: str, pages: list[dict[str, Any]]) -> None:
    hosts = multi_page(pages)
    sizes = Counter(len(found) for found in hosts.values())
    named = sum(1 for page in pages if page["site"])
    print(f"## {name}: {len(pages)} pages, {named} with a host, {len(hosts)} hosts with >= 3 "
          f"pages holding {sum(len(f) for f in hosts.values())} pages "
          f"(pages per host: {dict(sorted(sizes.items()))})")
    print("| guards | K | min words | pages affected | lines removed | gold lines lost "
          "| multi-page hosts F1 before | after | whole set F1 before | after |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for guarded in (False, True):
        for k in KS:
            for min_words in MIN_WORDS:
                row = measure(pages, k, min_words, guarded)
                print(f"| {'on' if guarded else 'off'} | {k} | {min_words} | {row['affected']} "
                      f"| {row['removed']} | {row['gold_lost']} "
                      f"| {_fmt(row['hosts_before'])} | {_fmt(row['hosts_after'])} "
                      f"| {_fmt(row['all_before'])} | {_fmt(row['all_after'])} |")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--set", choices=("dev", "second", "cleaneval", "all"), default="all")
    parser.add_argument("--per-source", type=int, default=150,
                        help="pages per Dragnet / Google News source (0: all)")
    parser.add_argument("--cache", type=Path, default=CACHE)
    args = parser.parse_args(argv)
    per_source = args.per_source or None
    names = ("dev", "second", "cleaneval") if args.set == "all" else (args.set,)
    for name in names:
        report(name, load_set(name, per_source if name == "second" else None, args.cache))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
