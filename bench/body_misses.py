"""What the body extractor drops (worst pages by recall) or keeps beyond the truth (--extra).

    uv run python bench/body_misses.py [--set second|dev|cleaneval] [--worst N] [--source NAME]
        [--per-source N] [--lines N] [--extra [--show KIND]]

For each of the ``--worst`` pages with the lowest body recall (``parsers.extract``,
no profile), prints P/R, the chosen container's tag and names, and the gold lines
our body does not hold (a line is held when its folded text is inside the folded
body), longest first. Grouping these into categories of pages is the reader's
work: the script only lists. The dev set is read from ``bench/extraction.py``'s
default dataset.

``--extra`` lists the other side, what costs precision: each body line whose folded
text is not inside the folded gold, by position (head: before the first line the
gold holds, tail: after the last, inside: between) and kind (``EXTRA_KINDS``, the
first pattern that matches a line of at most ``KIND_MAX`` characters; else "short"
or "prose"). Per position and kind it prints the characters, lines, pages and sites,
and the oracle bound: the mean precision the set would gain if those lines alone
were gone (recall cannot move, the lines are not in the gold). ``--show KIND`` prints
a sample of one kind's lines ("tail:short" for one position, "all" for every line)
with their page.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.cleaneval_set import FAKE_URL  # noqa: E402
from bench.cleaneval_set import pages as cleaneval_pages  # noqa: E402
from bench.extraction import DEFAULT_DATASET, Page, load  # noqa: E402
from bench.metrics import body_precision_recall  # noqa: E402
from bench.second_set import load_second  # noqa: E402
from parsers import extract  # noqa: E402
from parsers.decode import decode_html  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

FOLD_RE = re.compile(r"\W+")


def folded(text: str) -> str:
    """Lower case, every run of non-word characters one space."""
    return FOLD_RE.sub(" ", text.casefold()).strip()


KIND_MAX = 200
# The kinds issue 17 names, first match wins (order: the narrow ones first).
EXTRA_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("tweet chrome", r"pic\.twitter\.com|\(@\w+\)|view this post on instagram|"
         r"a post shared by|^— .*\b(19|20)\d\d$"),
        ("caption/credit", r"\b(photo|photograph|image|picture|illustration|graphic|video)s?\b"
         r" *(by|credit|courtesy|:)|\bcredit:|getty|reuters/|\(ap\b|/ap\b|ap photo|"
         r"shutterstock|istock|\bafp\b|courtesy of|file photo|\bpictured\b"),
        ("read more link", r"^(read more|read also|also read|see also|more:|related:|"
         r"recommended:|watch:|listen:|read:|click here|continue reading)"),
        ("ad label", r"^(advertisement|advertising|sponsored|ad|promoted|paid (content|post)|"
         r"story continues below|article continues|scroll to continue)\b"),
        ("newsletter/donation", r"newsletter|sign up|signup|subscribe|donat|support (our|us)|"
         r"become a (member|subscriber|patron)|inbox|patreon|membership"),
        ("share bar", r"^(share|tweet|email|print|facebook|twitter|linkedin|whatsapp|pinterest|"
         r"reddit|copy link|save|comment)\b.{0,60}$"),
        ("tags", r"^(tags?|topics?|filed under|categor(y|ies)|posted in|keywords?|labels?)\b"),
        ("author bio", r"\bis an? (\w+ ){0,3}(reporter|writer|journalist|editor|correspondent|"
         r"contributor|columnist|author|producer)\b|^about the author|follow (him|her|them)"),
        ("related", r"^(related|more from|more stories|you may also|you might also|recommended|"
         r"popular|trending|most (read|popular|viewed)|latest|up next|further reading)"),
        ("copyright", r"©|\bcopyright\b|all rights reserved|\(c\) ?(19|20)\d\d"),
        ("comments", r"\b\d+ (comments?|responses?|replies)\b|^comments?\b|leave a (reply|comment)|"
         r"post a comment|join the (conversation|discussion)"),
        ("breadcrumbs", r"^home ?[>»›/|]|[>»›] .*[>»›]"),
        ("byline", r"^(by|written by|words by|author:|posted by|reporting by)\b"),
        ("reading time", r"\b\d+ ?min(ute)?s? read\b"),
        ("date line", r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d|"
         r"\b\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
         r"\b(19|20)\d\d[-/.]\d\d?[-/.]\d|\b\d\d?[-/.]\d\d?[-/.](19|20)?\d\d\b|"
         r"\b(updated|published)\b"),
    )
)


def extra_kind(line: str, repeated: bool) -> str:
    """The first kind whose pattern matches a short line; a line printed twice is "repeated"."""
    text = line.strip()
    if repeated:
        return "repeated"
    if len(text) <= KIND_MAX:
        for name, pattern in EXTRA_KINDS:
            if pattern.search(text):
                return name
    return "short" if len(text) <= 80 else "prose"


def extra_lines(body: str, gold: str) -> list[tuple[str, str, str]]:
    """(position, kind, line) for each body line whose folded text the gold lacks."""
    held = folded(gold)
    lines = [line for line in body.splitlines() if folded(line)]
    inside = [folded(line) in held for line in lines]
    if not any(inside):
        return []  # nothing of the gold: a wrong container, not extra text around the story
    first = inside.index(True)
    last = len(inside) - 1 - inside[::-1].index(True)
    counts: dict[str, int] = defaultdict(int)
    for line in lines:
        counts[folded(line)] += 1
    rows = []
    for index, line in enumerate(lines):
        if inside[index]:
            continue
        position = "head" if index < first else "tail" if index > last else "inside"
        rows.append((position, extra_kind(line, counts[folded(line)] > 1), line))
    return rows


def site_of(key: str, url: str) -> str:
    """The page's host, or its key where the set gives no real address."""
    host = urlsplit(url).hostname or ""
    return key if not host or host in ("fakehost", "example.com") else host.removeprefix("www.")


def report_extra(pages: list[tuple[str, str, str, str]], show: str | None, limit: int) -> None:
    """Per position and kind: characters, lines, pages, sites and the precision bound."""
    chars: dict[tuple[str, str], int] = defaultdict(int)
    count: dict[tuple[str, str], int] = defaultdict(int)
    on: dict[tuple[str, str], set[str]] = defaultdict(set)
    sites: dict[tuple[str, str], set[str]] = defaultdict(set)
    gain: dict[tuple[str, str], float] = defaultdict(float)
    shown = 0
    for key, url, body, gold in pages:
        base, _ = body_precision_recall(body, gold)
        rows = extra_lines(body, gold)
        for group in {(position, kind) for position, kind, _ in rows}:
            gone = {line for position, kind, line in rows if (position, kind) == group}
            kept = "\n\n".join(line for line in body.splitlines() if line not in gone)
            gain[group] += body_precision_recall(kept, gold)[0] - base
        for position, kind, line in rows:
            chars[(position, kind)] += len(line)
            count[(position, kind)] += 1
            on[(position, kind)].add(key)
            sites[(position, kind)].add(site_of(key, url))
            if show in (kind, f"{position}:{kind}", "all") and shown < limit:
                shown += 1
                print(f"   {key} [{position}:{kind}] {line[:150]}")
    total = sum(chars.values())
    print(f"{len(pages)} pages, {total} extra characters in {sum(count.values())} lines")
    head = ("position", "kind", "chars", "lines", "pages", "sites", "P bound")
    print("{:8} {:20} {:>7} {:>6} {:>5} {:>5} {:>8}".format(*head))
    for group in sorted(chars, key=lambda g: -gain[g]):
        print(f"{group[0]:8} {group[1]:20} {chars[group]:7} {count[group]:6} {len(on[group]):5}"
              f" {len(sites[group]):5} {gain[group] / len(pages):+8.5f}")


def missed_lines(body: str, gold: str) -> list[str]:
    """Gold lines whose folded text is not inside the folded body, longest first."""
    held = folded(body)
    lines = [line for line in gold.splitlines() if folded(line) and folded(line) not in held]
    return sorted(lines, key=len, reverse=True)


def body_of(page: Page) -> str:
    """Our body of the page ("" when the parser refuses it)."""
    try:
        return extract(page.html, url=page.url).body
    except ParseError:
        return ""


def main(argv: list[str] | None = None) -> int:
    """Print the worst pages by recall with what was dropped."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set", choices=("dev", "second", "cleaneval"), default="second", dest="which"
    )
    parser.add_argument("--worst", type=int, default=40)
    parser.add_argument("--source", default=None, help="only keys starting with this")
    parser.add_argument("--per-source", type=int, default=150)
    parser.add_argument("--lines", type=int, default=6, help="missed lines shown per page")
    parser.add_argument("--extra", action="store_true", help="what is kept beyond the truth")
    parser.add_argument("--show", default=None, help="with --extra: print lines of this kind")
    args = parser.parse_args(argv)
    if args.which == "dev":
        pages = load(DEFAULT_DATASET, None)
    elif args.which == "cleaneval":
        pages = [Page(key, FAKE_URL, html, {"main_content": ref}) for key, html, ref in
                 cleaneval_pages(lambda data: decode_html(data))]
    else:
        pages = [Page(*sample) for sample in load_second(None, args.per_source)]
    if args.source:
        pages = [p for p in pages if p.key.startswith(args.source)]
    if args.extra:
        report_extra([(p.key, p.url, body_of(p), p.truth.get("main_content") or "")
                      for p in pages], args.show, args.worst)
        return 0
    rows = []
    for page in pages:
        body = body_of(page)
        gold = page.truth.get("main_content") or ""
        precision, recall = body_precision_recall(body, gold)
        rows.append((recall, precision, page, body, gold))
    rows.sort(key=lambda row: row[0])
    for recall, precision, page, body, gold in rows[: args.worst]:
        lost = missed_lines(body, gold)
        print(f"== {page.key} R {recall:.3f} P {precision:.3f} body {len(body)} gold {len(gold)}"
              f" missed {sum(map(len, lost))} chars in {len(lost)} lines")
        for line in lost[: args.lines]:
            print("   -", line[:160])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
