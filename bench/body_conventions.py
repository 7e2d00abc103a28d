"""Does the gold keep a kind of line, page by page and set by set, and do we (b41, issue 17)?

    uv run python bench/body_conventions.py measure [--sets dev,second,...] [--show KIND]
        [--limit N] [--dump LINES.jsonl]
    uv run python bench/body_conventions.py never --bodies OUT [--min-sites N] [--limit N]

b40 found that what our body keeps beyond the truth is mostly lines whose status the gold
texts disagree on, and named the conventions: captions and credits, date stamps over the
story, prose after it. ``measure`` finds the lines of each kind in the PAGE (every block
``parsers.scan.scan_page`` reads, not only our body), near the story: from BEFORE blocks
before the first block of STORY_BLOCK characters the gold holds to AFTER blocks after the
last. Per set (the second set per source) it prints: pages whose gold holds such a line /
lacks one / both, and the lines by gold (holds, lacks) and by our body (keeps, drops). A
line is held by a text when its folded text is inside one of the text's lines at most
about twice as long ("March 5, 2017" alone is not held by a sentence naming the day). The
kinds (KINDS; first match of the first three wins):

- agency-only line: names only a news or picture agency ("Associated Press", "AFP, AP");
- credit in caption markup / caption (markup): a block in a ``figcaption`` or in an
  element classed as a caption or credit, a credit alone (CREDIT_ONLY_RE) or the rest;
- credit line: a picture credit by its words ("Photo: ...", "(Credit: ...)");
- date stamp over story: a short date-and-time line in the BEFORE blocks over the story;
- after the story, shapes (POST_KINDS): origin note, correction/update, wire credits,
  writer contact / bio, company boilerplate; and every prose block after the one element
  classed as the story's text (STORY_ELEMENT_RE) that holds the gold's first block.

Sets: dev, second (all four sources, every page), extra, CleanEval (``bench/cleaneval_set``),
fundus (``bench/fundus_body``: its parsers' summary, cross-heads and paragraphs) with whole
gold bodies; fourth and fifth give the body's start only: there a line over the
story is judged (held when the start opens with it), nothing after it.

``never`` reads ``bench/body_precision.py collect``'s folder and lists the shapes (folded,
digits as 0) of lines our body keeps that the gold lacks and no gold line of dev, second or
extra has, on at least ``--min-sites`` sites: the recall-neutral precision wins, if any shape
is common enough to name.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.body_convention_kinds import (  # noqa: E402
    AGENCY_ONLY_RE,
    CAPTION_NAME_RE,
    CREDIT_ONLY_MAX,
    CREDIT_ONLY_RE,
    CREDIT_RE,
    DATE_RE,
    DATE_STAMP_MAX,
    DATE_STAMP_WORDS,
    KINDS,
    POST_KINDS,
    PROSE_CHARS,
    STORY_ELEMENT_RE,
)
from bench.body_misses import extra_lines, folded, site_of  # noqa: E402
from bench.body_precision import EXTRA, FIFTH, FOURTH, START_WORDS  # noqa: E402
from bench.extraction import DEFAULT_DATASET, load  # noqa: E402
from bench.second_set import load_second  # noqa: E402
from parsers import extract  # noqa: E402
from parsers.decode import decode_html  # noqa: E402
from parsers.extract import _prepare_text  # noqa: E402
from parsers.scan import Scan, scan_page  # noqa: E402
from parsers.tree import parse, release  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

STARTS = ("fourth", "fifth")
BEFORE = 8  # blocks before the first gold block that are "over the story"
AFTER = 12  # blocks after the last gold block that are "after the story"
STORY_BLOCK = 40  # a gold block this long locates the story (a shorter one may be a label)


def held_in(text: str, lines: list[str]) -> bool:
    """True when ``text`` (folded) is inside one of ``lines`` (folded) at most twice as long."""
    want = folded(text)
    return bool(want) and any(want in line and len(line) <= 2 * len(want) + 20 for line in lines)


def is_caption_block(scan: Scan, element: int, tag: str, depth: int = 4) -> bool:
    """The block is a ``figcaption`` or sits in an element (or up to ``depth`` ancestors) classed
    as a caption or credit."""
    if tag == "figcaption":
        return True
    for _ in range(depth):
        if element < 0:
            return False
        if scan.tags[element] == "figcaption" or CAPTION_NAME_RE.search(scan.names[element]):
            return True
        element = scan.parents[element]
    return False


def post_kind(text: str) -> str | None:
    for name, pattern in POST_KINDS:
        if len(text) <= 600 and pattern.search(text):
            return name
    return None


def page_scan(html: str) -> Scan | None:
    try:
        text, _, _ = _prepare_text(html)
    except ParseError:
        return None
    root, elements = parse(text)
    try:
        return scan_page(root)
    finally:
        release(elements)


def kinds_of_page(
    html: str, gold: str, body: str, start_only: bool
) -> list[tuple[str, str, bool, bool]] | None:
    """(kind, line, gold holds it, our body holds it) for each line of the conventions near
    the story; None when the page does not parse or the story is not found in it."""
    scan = page_scan(html)
    if scan is None:
        return None
    gold_lines = [folded(line) for line in gold.splitlines() if folded(line)]
    body_lines = [folded(line) for line in body.splitlines() if folded(line)]
    blocks = scan.blocks
    if start_only:
        want = folded(gold)
        first = next(
            (
                i
                for i, b in enumerate(blocks)
                if len(folded(b.text)) >= 20
                and (
                    folded(b.text) in want
                    or want.startswith(folded(b.text)[:40])
                    or want[:40] in folded(b.text)
                )
            ),
            -1,
        )
        if first < 0:
            return None
        last = first
    else:
        whole = folded(gold)
        story = [
            i
            for i, b in enumerate(blocks)
            if len(b.text) >= STORY_BLOCK and folded(b.text) in whole
        ]
        if not story:
            return None
        first, last = story[0], story[-1]
    rows = []
    if not start_only:
        rows.extend(_after_story_element(scan, gold_lines, body_lines, first))
    for index in range(max(0, first - BEFORE), min(len(blocks), last + AFTER + 1)):
        block = blocks[index]
        text = block.text
        if not folded(text):
            continue
        kinds = []
        if AGENCY_ONLY_RE.search(text):
            kinds.append("agency-only line")
        elif index <= last and is_caption_block(scan, block.element, block.tag):
            credit = len(text) <= CREDIT_ONLY_MAX and CREDIT_ONLY_RE.search(text)
            kinds.append("credit in caption markup" if credit else "caption (markup)")
        elif index <= last and len(text) <= 240 and CREDIT_RE.search(text):
            kinds.append("credit line")
        if (
            first - BEFORE <= index < first + (0 if start_only else 1)
            and len(text) <= DATE_STAMP_MAX
            and len(text.split()) <= DATE_STAMP_WORDS
            and DATE_RE.search(text)
            and not (scan.title and folded(scan.title) == folded(text))
        ):
            kinds.append("date stamp over story")
        if not start_only and index >= last - 8:
            kind = post_kind(text)
            if kind:
                kinds.append(kind)
        if start_only and kinds:
            # Only a line over the story can be judged against the start.
            if index >= first:
                continue
            in_gold = folded(gold).startswith(folded(text)[:60])
        else:
            in_gold = held_in(text, gold_lines)
        for kind in kinds:
            rows.append((kind, text, in_gold, held_in(text, body_lines)))
    return rows


def _after_story_element(
    scan: Scan, gold_lines: list[str], body_lines: list[str], first: int
) -> list[tuple[str, str, bool, bool]]:
    """Prose blocks (not mostly links) after the end of the one element classed as the
    story's text that holds the gold's first block; none when no such element."""
    holders = [
        e
        for e, name in enumerate(scan.names)
        if STORY_ELEMENT_RE.search(name) and scan.first_block[e] <= first < scan.end_block[e]
    ]
    if not holders:
        return []
    end = scan.end_block[holders[0]]  # the outermost: elements are in document order
    rows = []
    for block in scan.blocks[end : end + AFTER]:
        text = block.text
        if len(text) >= PROSE_CHARS and block.link_chars < len(text) / 2:
            rows.append(
                (
                    "prose after the story element",
                    text,
                    held_in(text, gold_lines),
                    held_in(text, body_lines),
                )
            )
    return rows


def our_body(html: str, url: str) -> str:
    try:
        return extract(html, url=url).body
    except ParseError:
        return ""


def set_pages(which: str) -> Iterator[tuple[str, str, str, str]]:
    """(key, url, html, gold) per page; for STARTS the gold is the start of the body."""
    if which in ("dev", "extra"):
        for page in load(DEFAULT_DATASET if which == "dev" else EXTRA, None):
            yield page.key, page.url, page.html, page.truth.get("main_content") or ""
    elif which == "second":
        for key, url, html, truth in load_second(None, None):
            yield key, url, html, truth.get("main_content") or ""
    elif which == "fundus":
        from bench.dates_fundus_set import FUNDUS
        from bench.fundus_body import body_pages

        yield from body_pages(FUNDUS)
    elif which == "cleaneval":
        from bench.cleaneval_set import FAKE_URL
        from bench.cleaneval_set import pages as cleaneval_pages

        for key, html, gold in cleaneval_pages(decode_html):
            yield key, FAKE_URL, html, gold
    else:
        folder = FOURTH if which == "fourth" else FIFTH
        for path in sorted((folder / "truth").glob("*.json")):
            truth = json.loads(path.read_text(encoding="utf-8"))
            start = truth.get("first13") if which == "fourth" else truth.get("body")
            if start:
                html = decode_html((folder / "html" / f"{path.stem}.html").read_bytes())
                yield path.stem, truth["url"], html, " ".join(start.split()[:START_WORDS])


def group_of(which: str, key: str) -> str:
    return f"second/{key.split('/', 1)[0]}" if which == "second" else which


def measure(sets: list[str], show: str | None, limit: int, dump: Path | None) -> None:
    # (group, kind) -> counters
    inc: dict[tuple[str, str], set[str]] = defaultdict(set)
    exc: dict[tuple[str, str], set[str]] = defaultdict(set)
    lines: dict[tuple[str, str, bool, bool], int] = defaultdict(int)
    pages: dict[str, int] = defaultdict(int)
    judged: dict[str, int] = defaultdict(int)
    shown: dict[str, int] = defaultdict(int)
    out = dump.open("w", encoding="utf-8") if dump else None
    for which in sets:
        for key, url, html, gold in set_pages(which):
            group = group_of(which, key)
            pages[group] += 1
            body = our_body(html, url)
            rows = kinds_of_page(html, gold, body, which in STARTS)
            if rows is None:
                continue
            judged[group] += 1
            for kind, text, in_gold, in_body in rows:
                (inc if in_gold else exc)[(group, kind)].add(key)
                lines[(group, kind, in_gold, in_body)] += 1
                if out:
                    row = {
                        "set": group,
                        "key": key,
                        "kind": kind,
                        "line": text,
                        "gold": in_gold,
                        "body": in_body,
                    }
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                if show in (kind, "all") and shown[kind] < limit:
                    shown[kind] += 1
                    mark = ("G" if in_gold else "-") + ("B" if in_body else "-")
                    print(f"   {mark} {group} {key} [{kind}] {text[:150]}")
    print(
        "set | pages (story found) | kind | pages gold holds / lacks / both | "
        "lines: gold holds (we keep, drop) | gold lacks (we keep, drop)"
    )
    for kind in KINDS:
        for group in sorted(pages):
            a, b = inc[(group, kind)], exc[(group, kind)]
            if not a and not b:
                continue
            print(
                f"{group} | {pages[group]} ({judged[group]}) | {kind} | "
                f"{len(a)} / {len(b)} / {len(a & b)} | "
                f"{lines[(group, kind, True, True)]}, {lines[(group, kind, True, False)]} | "
                f"{lines[(group, kind, False, True)]}, {lines[(group, kind, False, False)]}"
            )
    if out:
        out.close()


SHAPE_RE = re.compile(r"\d+")


def shape(line: str) -> str:
    return SHAPE_RE.sub("0", folded(line))


def never(folder: Path, min_sites: int, limit: int) -> None:
    """Shapes of extra lines no gold line of any set has, on >= ``min_sites`` sites."""
    gold_shapes: set[str] = set()
    extra: dict[str, set[str]] = defaultdict(set)
    sample: dict[str, str] = {}
    for which in ("dev", "second", "extra"):
        for raw in (folder / f"{which}.jsonl").read_text(encoding="utf-8").split("\n")[:-1]:
            row = json.loads(raw)
            gold_shapes.update(shape(line) for line in row["truth"].splitlines())
            for position, _, line in extra_lines(row["body"], row["truth"]):
                if len(line) <= 200:
                    key = shape(line)
                    extra[key].add(f"{which}:{site_of(row['key'], row['url'])}")
                    sample.setdefault(key, f"{position} {which} {row['key']}")
    found = [(len(s), k) for k, s in extra.items() if k not in gold_shapes and len(s) >= min_sites]
    for count, key in sorted(found, reverse=True)[:limit]:
        print(f"{count:4} sites  {key[:90]!r}  e.g. {sample[key]}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("command", choices=("measure", "never"))
    parser.add_argument("--sets", default="dev,second,extra,cleaneval,fundus,fourth,fifth")
    parser.add_argument("--show", default=None)
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--dump", type=Path, default=None, help="measure: every line as JSON")
    parser.add_argument("--bodies", type=Path, default=None, help="never: body_precision OUT")
    parser.add_argument("--min-sites", type=int, default=3)
    args = parser.parse_args(argv)
    if args.command == "measure":
        measure(args.sets.split(","), args.show, args.limit, args.dump)
    else:
        never(args.bodies, args.min_sites, args.limit)


if __name__ == "__main__":
    main()
