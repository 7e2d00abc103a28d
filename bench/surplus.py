"""A census of surplus text: what our body keeps that the truth lacks, by kind and markup (b45).

    uv run python bench/surplus.py [--sets dev,second,extra,fourth,fifth,sixth] [--dump F.jsonl]
        [--show KIND] [--limit N] [--marks N]

For every page of each set, each line of our body (``parsers.extract``) is either held by the
truth (its folded text is inside the folded truth) or SURPLUS; each truth line our body does
not hold is MISSED. Each body line is traced to the page's block it came from
(``parsers.scan.scan_page``; folded text equal, else the first block holding it) and sorted
into a KIND by the markup around that block (the block's element and ``DEPTH`` ancestors:
tag, class and id words) and then by its shape (``KIND_SHAPES``), first match wins in KINDS'
order. The same kinds are given to the held lines, so a kind the truth of a set keeps shows
as held characters: a convention of that set, not a defect.

Per set and kind it prints surplus characters, lines, pages and sites, held characters
(the truth keeps lines of that kind) and the oracle: mean precision and recall if every body
line of the kind (held ones too) were dropped, as the change of F1. ``--marks N`` prints for
the N largest kinds the markup marks (tag or class word) that placed the lines, with the
number of sites (publishers) per set: a rule should rest on a mark shared by several.
The fourth and fifth sets give the body's start only: there only the lines before the start
(``bench/body_precision.head_lines``) are surplus, and nothing is held or missed.
Tokens and scores are ``bench.metrics``' (word 4-gram shingles).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.body_convention_kinds import CREDIT_RE, DATE_RE  # noqa: E402
from bench.body_conventions import page_scan, set_pages  # noqa: E402
from bench.body_misses import folded, site_of  # noqa: E402
from bench.body_precision import head_lines  # noqa: E402
from bench.fundus_body import as_read  # noqa: E402
from bench.metrics import body_precision_recall, f1_of_means  # noqa: E402
from parsers import extract  # noqa: E402
from parsers.scan import Scan  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

STARTS = ("fourth", "fifth")
DEPTH = 6  # ancestors of a block whose tag and names place it
BOX_MAX = 1500  # an element holding more text is a wrapper, not a box of furniture
SHORT = 120  # a line this short may be furniture by its shape
# Kinds by markup: (kind, tags, class/id word pattern). Words match a class or id token's
# part (split on space, "-", "_"), so "share" finds "article-share" and "share_bar".
KIND_MARKUP: tuple[tuple[str, frozenset[str], str], ...] = (
    (
        "caption/credit",
        frozenset({"figcaption", "figure"}),
        r"caption|credit|cutline|photo-?desc|image-?desc|wp-caption|copyright-?image",
    ),
    ("comments", frozenset(), r"comments?|disqus|replies|reply|respond|discussion"),
    ("share/social", frozenset(), r"share|sharing|social|sharebar|shariff|addthis|follow"),
    (
        "newsletter/subscription",
        frozenset(),
        r"newsletter|subscri\w*|signup|sign-?up|paywall|donat\w*|membership|premium|abo|abonn\w*|"
        r"register|login|paid|offer|promo",
    ),
    ("author bio", frozenset(), r"bio|author-?(box|bio|info|card|profile|about)|about-?author"),
    (
        "legal/cookie",
        frozenset(),
        r"cookies?|consent|gdpr|legal|copyright|disclaimer|privacy|"
        r"imprint|impressum",
    ),
    (
        "related/teaser links",
        frozenset(),
        r"related|teasers?|recommend\w*|more|read-?more|also|outbrain|taboola|cards?|"
        r"trending|popular|most-?read|latest|list-?item|widget|sidebar|tags?|topics?|keywords?",
    ),
    (
        "byline/date line",
        frozenset({"time", "address"}),
        r"byline|by-?line|author|authors|date|dateline|time|timestamp|published|updated|meta|"
        r"posted|reading-?time|credits?",
    ),
)
KIND_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        (
            "share/social",
            r"^(share|tweet|email|print|facebook|twitter|linkedin|whatsapp|"
            r"pinterest|reddit|copy link|teilen|partager|compartir)\b.{0,60}$",
        ),
        (
            "newsletter/subscription",
            r"newsletter|sign up|subscribe|subscription|donat|"
            r"support (our|us)|become a (member|subscriber)|abonn|inbox",
        ),
        (
            "comments",
            r"\b\d+ (comments?|responses?|replies)\b|^comments?\b|leave a (reply|"
            r"comment)|join the (conversation|discussion)",
        ),
        (
            "author bio",
            r"\bis an? (\w+ ){0,3}(reporter|writer|journalist|editor|correspondent|"
            r"contributor|columnist|author)\b|^about the author|can be reached at",
        ),
        ("legal/cookie", r"©|\bcopyright\b|all rights reserved|cookies?\b|privacy policy"),
        (
            "related/teaser links",
            r"^(read more|read also|also read|see also|more:|related|"
            r"recommended|you may also|you might also|more from|most (read|popular))",
        ),
        ("byline/date line", r"^(by|von|par|por|written by|posted|updated|published)\b"),
    )
)
KINDS = (
    "caption/credit",
    "byline/date line",
    "share/social",
    "related/teaser links",
    "newsletter/subscription",
    "comments",
    "author bio",
    "table/list furniture",
    "headings of other stories",
    "legal/cookie",
    "other",
    "other prose",
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
CELLS = frozenset({"td", "th", "li", "dt", "dd", "tr"})
SPLIT_RE = re.compile(r"[\s]+")
PATTERNS = tuple(
    (kind, tags, re.compile(rf"^(?:{words})$", re.I)) for kind, tags, words in KIND_MARKUP
)


def name_words(name: str) -> list[str]:
    """A class/id string's tokens and their parts split on "-" and "_" (hidden mark dropped)."""
    words: list[str] = []
    for token in SPLIT_RE.split(name.replace(" is-hidden", "").strip().lower()):
        if token:
            words.append(token)
            parts = [p for p in re.split(r"[-_]+", token) if p]
            if len(parts) > 1:
                words.extend(parts)
                words.extend("-".join(parts[i : i + 2]) for i in range(len(parts) - 1))
    return words


def chain(scan: Scan, element: int, sizes: list[int]) -> Iterator[tuple[str, str]]:
    """The block's element and its ancestors up to DEPTH, while each holds at most BOX_MAX
    characters (a larger one is a wrapper of the story, whose names do not place a line)."""
    for _ in range(DEPTH + 1):
        if element < 0 or sizes[element] > BOX_MAX:
            return
        yield scan.tags[element], scan.names[element]
        element = scan.parents[element]


def element_sizes(scan: Scan) -> list[int]:
    """Characters of text each element holds (its blocks')."""
    starts = [0]
    for b in scan.blocks:
        starts.append(starts[-1] + len(b.text))
    return [
        starts[end] - starts[first]
        for first, end in zip(scan.first_block, scan.end_block, strict=True)
    ]


def kind_of(scan: Scan | None, sizes: list[int], block: int, line: str) -> tuple[str, str]:
    """(kind, mark): the markup mark ("tag:aside", "word:related") or shape that placed it."""
    if scan is not None and block >= 0:
        b = scan.blocks[block]
        links = b.link_chars >= len(b.text) / 2
        for tag, name in chain(scan, b.element, sizes):
            words = name_words(name)
            for kind, tags, pattern in PATTERNS:
                if tag in tags:
                    return kind, f"tag:{tag}"
                hit = next((w for w in words if pattern.match(w)), None)
                if hit is not None:
                    return kind, f"word:{hit}"
        if b.tag in HEADINGS and links:  # a heading that links elsewhere
            return "headings of other stories", f"tag:{b.tag}+link"
        if links:
            return "related/teaser links", "shape:link-dense"
    if len(line) <= SHORT * 2:
        for kind, shape in KIND_SHAPES:
            if shape.search(line):
                return kind, "shape"
        if CREDIT_RE.search(line):
            return "caption/credit", "shape"
        if len(line) <= 100 and DATE_RE.search(line) and len(line.split()) <= 14:
            return "byline/date line", "shape:date"
    if scan is not None and block >= 0 and scan.blocks[block].tag in CELLS and len(line) <= SHORT:
        return "table/list furniture", f"tag:{scan.blocks[block].tag}"
    if scan is not None and block >= 0 and scan.blocks[block].tag in HEADINGS:
        return "other", f"tag:{scan.blocks[block].tag}"
    return ("other", "short") if len(line) <= SHORT else ("other prose", "-")


def block_index(scan: Scan | None) -> dict[str, int]:
    index: dict[str, int] = {}
    if scan is not None:
        for i, b in enumerate(scan.blocks):
            index.setdefault(folded(b.text), i)
    return index


def find_block(scan: Scan | None, index: dict[str, int], line: str) -> int:
    key = folded(line)
    hit = index.get(key)
    if hit is not None or scan is None or len(key) < 8:
        return -1 if hit is None else hit
    return next((i for i, b in enumerate(scan.blocks) if key in folded(b.text)), -1)


def our_body(html: str, url: str) -> str:
    try:
        return extract(html, url=url).body
    except ParseError:
        return ""


WRONG = "no line held (another text)"


@dataclass(frozen=True, slots=True)
class Line:
    kind: str
    mark: str
    held: bool
    position: str  # of a surplus line: head, inside, tail (of the held lines); "" when held
    text: str


@dataclass(slots=True)
class Page:
    key: str
    site: str
    body: str
    gold: str
    missed: int  # characters of truth lines our body does not hold
    lines: list[Line] = field(default_factory=list)


def page_of(which: str, key: str, url: str, html: str, gold: str) -> Page:
    """One page: each body line placed (kind, mark), held or surplus, and where."""
    body = our_body(html, url)
    if which == "sixth":
        body = as_read(body)
    scan = page_scan(html)
    index = block_index(scan)
    sizes = element_sizes(scan) if scan is not None else []
    texts = [line.strip() for line in body.splitlines() if folded(line)]
    missed = 0
    if which in STARTS:
        surplus = {line.strip() for _, _, line in head_lines(body, gold) or []}
        held = [text not in surplus for text in texts]
    else:
        whole, ours = folded(gold), folded(body)
        held = [folded(text) in whole for text in texts]
        missed = sum(len(g) for g in gold.splitlines() if folded(g) and folded(g) not in ours)
    first = held.index(True) if any(held) else len(held)
    last = len(held) - 1 - held[::-1].index(True) if any(held) else -1
    page = Page(key, site_of(key, url), body, gold, missed)
    for number, (text, keep) in enumerate(zip(texts, held, strict=True)):
        kind, mark = kind_of(scan, sizes, find_block(scan, index, text), text)
        if which not in STARTS and not any(held):
            kind, mark = WRONG, "-"
        position = (
            "" if keep else "head" if number < first else "tail" if number > last else "inside"
        )
        page.lines.append(Line(kind, mark, keep, position, text))
    return page


def pages(which: str) -> Iterator[tuple[str, str, str, str]]:
    yield from set_pages("fundus" if which == "sixth" else which)


def without(page: Page, kind: str, surplus_only: bool) -> tuple[float, float]:
    """The page's (P, R) with its body lines of ``kind`` gone (only the surplus ones)."""
    kept = "\n".join(
        line.text for line in page.lines if line.kind != kind or (surplus_only and line.held)
    )
    return body_precision_recall(kept, page.gold)


def report(which: str, done: list[Page], marks: int) -> None:
    """The set's table: per kind surplus characters, lines, pages, sites, by position, held
    characters and, for whole truths, the precision bound and the drop-all change."""
    whole = which not in STARTS
    chars: dict[str, int] = defaultdict(int)
    held: dict[str, int] = defaultdict(int)
    nlines: dict[str, int] = defaultdict(int)
    where: dict[tuple[str, str], int] = defaultdict(int)
    on: dict[str, set[str]] = defaultdict(set)
    sites: dict[str, set[str]] = defaultdict(set)
    mark_sites: dict[tuple[str, str], set[str]] = defaultdict(set)
    mark_chars: dict[tuple[str, str], int] = defaultdict(int)
    for page in done:
        for line in page.lines:
            if line.held:
                held[line.kind] += len(line.text)
                continue
            chars[line.kind] += len(line.text)
            nlines[line.kind] += 1
            where[(line.kind, line.position)] += len(line.text)
            on[line.kind].add(page.key)
            sites[line.kind].add(page.site)
            mark_sites[(line.kind, line.mark)].add(page.site)
            mark_chars[(line.kind, line.mark)] += len(line.text)
    total = sum(chars.values())
    scores = [body_precision_recall(p.body, p.gold) for p in done] if whole else []
    base = f1_of_means(scores) if whole else (0.0, 0.0, 0.0)
    missed = sum(p.missed for p in done)
    print(
        f"\n== {which}: {len(done)} pages; surplus {total} chars, truth lines missed "
        f"{missed} chars"
        + (
            f"; F1 {base[0]:.3f} (P {base[1]:.3f}, R {base[2]:.3f})"
            if whole
            else " (start only: lines over the start)"
        )
    )
    print(
        f"{'kind':28} {'chars':>7} {'share':>6} {'lines':>6} {'pages':>5} {'sites':>5} "
        f"{'head/inside/tail':>20} {'held':>8}"
        + ("  P bound | drop all: dP dR dF1" if whole else "")
    )
    for kind in sorted((*KINDS, WRONG), key=lambda k: -chars[k]):
        if not chars[kind] and not held[kind]:
            continue
        spots = "/".join(str(where[(kind, p)]) for p in ("head", "inside", "tail"))
        text = (
            f"{kind:28} {chars[kind]:7} {chars[kind] / max(total, 1):6.3f} "
            f"{nlines[kind]:6} {len(on[kind]):5} {len(sites[kind]):5} {spots:>20} {held[kind]:8}"
        )
        if whole:
            bound = f1_of_means(
                without(p, kind, True) if any(x.kind == kind for x in p.lines) else s
                for p, s in zip(done, scores, strict=True)
            )
            after = f1_of_means(
                without(p, kind, False) if any(x.kind == kind for x in p.lines) else s
                for p, s in zip(done, scores, strict=True)
            )
            text += (
                f"  {bound[1] - base[1]:+.4f} | {after[1] - base[1]:+.4f} "
                f"{after[2] - base[2]:+.4f} {after[0] - base[0]:+.4f}"
            )
        print(text)
    if marks:
        print("marks (kind, mark: surplus chars, sites):")
        top = sorted(mark_chars, key=lambda m: -mark_chars[m])[:marks]
        print(
            "  "
            + "; ".join(f"{k} {m}: {mark_chars[(k, m)]}, {len(mark_sites[(k, m)])}" for k, m in top)
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--sets", default="dev,second,extra,fourth,fifth,sixth")
    parser.add_argument("--dump", type=Path, default=None, help="every body line as JSON")
    parser.add_argument("--show", default=None, help="print surplus lines of this kind")
    parser.add_argument("--limit", type=int, default=30)
    parser.add_argument("--marks", type=int, default=12)
    args = parser.parse_args(argv)
    out = args.dump.open("w", encoding="utf-8") if args.dump else None
    for which in args.sets.split(","):
        done = []
        shown = 0
        for key, url, html, gold in pages(which):
            page = page_of(which, key, url, html, gold)
            done.append(page)
            for line in page.lines:
                if out:
                    row = {"set": which, "key": key, "site": page.site, **asdict(line)}
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                if not line.held and args.show in (line.kind, "all") and shown < args.limit:
                    shown += 1
                    print(f"   {which} {key} [{line.kind} {line.mark}] {line.text[:140]}")
        report(which, done, args.marks)
    if out:
        out.close()


if __name__ == "__main__":
    main()
