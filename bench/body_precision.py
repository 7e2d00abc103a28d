"""What our body keeps beyond the truth, by position and kind, on every set we may measure (b40).

    uv run python bench/body_precision.py collect OUT      # bodies of every set: OUT/<set>.jsonl
    uv run python bench/body_precision.py report OUT [--show KIND] [--limit N]
    uv run python bench/body_precision.py compare BEFORE AFTER

``collect`` runs ``parsers.extract`` (no profile) once per page of dev, the second set (all four
sources, every page), the third set (``/work/sets/extra``), the fourth (Postlight's fixtures)
and the fifth (goose3's) and writes key, url, our body and the truth to one JSON line each.
``report`` reads them: for the three sets with a whole gold body, P, R and F1 as
``bench/extraction.py`` computes them (F1 of the mean precision and recall), then the body lines
the gold lacks (``bench/body_misses.extra_lines``: position head / inside / tail) counted by
``KINDS`` below in characters, lines, pages and the precision bound (the mean precision the set
gains with those lines alone gone). The fourth and fifth sets give only the start of the body
(Postlight's ``first13``, goose's cleaned text): there the extra is what our body prints before
it (head only), by the same kinds; a page whose start we do not hold at all is left out.
``compare`` prints per set P, R, F1 of two collections and the pages whose F1 moved.
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

from bench.body_misses import extra_lines, folded, site_of  # noqa: E402
from bench.extraction import DEFAULT_DATASET, load  # noqa: E402
from bench.metrics import body_precision_recall, f1_of_means  # noqa: E402
from bench.second_set import load_second  # noqa: E402
from parsers import extract  # noqa: E402
from parsers.decode import decode_html  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

EXTRA = Path("/work/sets/extra")
FOURTH = Path("/work/sets/fourth")
FIFTH = Path("/work/sets/fifth")
WHOLE = ("dev", "second", "extra")
STARTS = ("fourth", "fifth")
START_WORDS = 13

KIND_MAX = 240
# The kinds the brief names, first match wins; each a pattern over one line of at most
# KIND_MAX characters. "title" (the page's headline printed again) is found apart.
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        (
            "caption/credit",
            r"\b(photo|photograph|image|picture|illustration|graphic|video)s?\b"
            r" *(by|credit|courtesy|:)|\bcredit:|getty|reuters/|\(ap\b|/ap\b|ap photo|"
            r"shutterstock|istock|\bafp\b|courtesy of|file photo|\bpictured\b|\(photo",
        ),
        (
            "newsletter/subscribe",
            r"newsletter|sign up|signup|subscri|donat|support (our|us)|"
            r"become a (member|subscriber|patron)|inbox|patreon|membership|register|log ?in\b",
        ),
        (
            "share/follow",
            r"^(share|tweet|email|print|facebook|twitter|linkedin|whatsapp|"
            r"pinterest|reddit|copy link|save|flipboard)\b.{0,60}$|\bfollow (us|@|\w+ on)|"
            r"\bon (twitter|facebook|instagram)\b|pic\.twitter\.com|\(@\w+\)",
        ),
        (
            "related headlines",
            r"^(read more|read also|also read|see also|more:|related|"
            r"recommended|watch:|listen:|read:|click here|continue reading|more from|more stories|"
            r"you may also|you might also|popular|trending|most (read|popular|viewed)|latest|"
            r"up next|further reading|next:|previous:|prev\b|next (post|article|story))",
        ),
        (
            "ad label",
            r"^(advertisement|advertising|sponsored|ad|promoted|paid (content|post)|"
            r"story continues below|article continues|scroll to continue)\b",
        ),
        (
            "tags/breadcrumbs",
            r"^(tags?|topics?|filed under|categor(y|ies)|posted in|keywords?|"
            r"labels?)\b|^home ?[>»›/|]|[>»›] .*[>»›]",
        ),
        (
            "bio box",
            r"\bis an? (\w+ ){0,4}(reporter|writer|journalist|editor|correspondent|"
            r"contributor|columnist|author|producer|freelance|blogger)\b|^about the author|"
            r"follow (him|her|them)|can be reached|\bwrite to \w|reach (him|her|them) at|"
            r"@\w+\.(com|org|net)\b",
        ),
        (
            "legal",
            r"©|\bcopyright\b|all rights reserved|\(c\) ?(19|20)\d\d|disclaimer|"
            r"terms of (use|service)|privacy policy|affiliate|commission|disclosure|"
            r"may not be (re)?published|without (prior )?(written )?permission",
        ),
        (
            "comments",
            r"\b\d+ (comments?|responses?|replies)\b|^comments?\b|leave a (reply|comment)|"
            r"post a comment|join the (conversation|discussion)|^reply\b|says:$",
        ),
        (
            "dateline/byline",
            r"^(by|written by|words by|author:|posted( by| on)?|reporting by|"
            r"updated|published|last (updated|modified))\b|\b\d+ ?min(ute)?s? read\b|"
            r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d|"
            r"\b\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
            r"\b(19|20)\d\d[-/.]\d\d?[-/.]\d|\b\d\d?[-/.]\d\d?[-/.](19|20)?\d\d\b|"
            r"\b\d\d?:\d\d\b|\bago$",
        ),
    )
)


def kind_of(line: str, title: str) -> str:
    """The line's kind: a named one, "title", or "short" (<= 80 characters) / "prose"."""
    text = line.strip()
    if title and folded(text) == folded(title):
        return "title"
    if len(text) <= KIND_MAX:
        for name, pattern in KINDS:
            if pattern.search(text):
                return name
    return "short" if len(text) <= 80 else "prose"


def body_of(html: str, url: str) -> tuple[str, str]:
    """(our body, our title) of a page; empty when the parser refuses it."""
    try:
        article = extract(html, url=url)
    except ParseError:
        return "", ""
    return article.body, article.title or ""


def pages_of(which: str) -> Iterator[tuple[str, str, str, str]]:
    """(key, url, html, truth) per page; truth is the gold body, or its start for STARTS."""
    if which in ("dev", "extra"):
        for page in load(DEFAULT_DATASET if which == "dev" else EXTRA, None):
            yield page.key, page.url, page.html, page.truth.get("main_content") or ""
    elif which == "second":
        for key, url, html, truth in load_second(None, None):
            yield key, url, html, truth.get("main_content") or ""
    else:
        folder = FOURTH if which == "fourth" else FIFTH
        for path in sorted((folder / "truth").glob("*.json")):
            truth = json.loads(path.read_text(encoding="utf-8"))
            start = truth.get("first13") if which == "fourth" else truth.get("body")
            if start:
                html = decode_html((folder / "html" / f"{path.stem}.html").read_bytes())
                yield path.stem, truth["url"], html, " ".join(start.split()[:START_WORDS])


def collect(out: Path) -> None:
    """Write OUT/<set>.jsonl: key, url, body, title, truth."""
    out.mkdir(parents=True, exist_ok=True)
    for which in WHOLE + STARTS:
        with (out / f"{which}.jsonl").open("w", encoding="utf-8") as handle:
            for key, url, html, truth in pages_of(which):
                body, title = body_of(html, url)
                row = {"key": key, "url": url, "body": body, "title": title, "truth": truth}
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{which}: written", flush=True)


def rows_of(folder: Path, which: str) -> list[dict[str, str]]:
    path = folder / f"{which}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


def head_lines(body: str, start: str) -> list[tuple[str, str, str]] | None:
    """("head", "", line) for each body line before ``start`` (white space removed, as
    ``bench/postlight_set.start_scores`` compares); None when the body does not hold it."""
    want = "".join(start.split())
    lines = [line for line in body.splitlines() if line.strip()]
    glued = ["".join(line.split()) for line in lines]
    for index in range(len(lines)):
        if want in "".join(glued[index:]) and want not in "".join(glued[index + 1 :]):
            return [("head", "", line) for line in lines[:index]]
    return None


def report(folder: Path, show: str | None, limit: int) -> None:
    """Per set: P/R/F1, then extra characters by position and kind."""
    for which in WHOLE + STARTS:
        rows = rows_of(folder, which)
        chars: dict[tuple[str, str], int] = defaultdict(int)
        count: dict[tuple[str, str], int] = defaultdict(int)
        on: dict[tuple[str, str], set[str]] = defaultdict(set)
        sites: dict[tuple[str, str], set[str]] = defaultdict(set)
        gain: dict[tuple[str, str], float] = defaultdict(float)
        pairs = []
        shown = 0
        for row in rows:
            body, truth = row["body"], row["truth"]
            if which in WHOLE:
                base = body_precision_recall(body, truth)
                pairs.append(base)
                found = extra_lines(body, truth)
            else:
                found = head_lines(body, truth) or []
            typed = [(pos, kind_of(line, row["title"]), line) for pos, _, line in found]
            for group in {(pos, kind) for pos, kind, _ in typed}:
                gone = {line for pos, kind, line in typed if (pos, kind) == group}
                if which in WHOLE:
                    kept = "\n\n".join(x for x in body.splitlines() if x not in gone)
                    gain[group] += body_precision_recall(kept, truth)[0] - base[0]
            for pos, kind, line in typed:
                chars[(pos, kind)] += len(line)
                count[(pos, kind)] += 1
                on[(pos, kind)].add(row["key"])
                sites[(pos, kind)].add(site_of(row["key"], row["url"]))
                wanted = (kind, f"{pos}:{kind}", "all", f"{which}:{pos}:{kind}")
                if show in wanted and shown < limit:
                    shown += 1
                    print(f"   {which} {row['key']} [{pos}:{kind}] {line[:160]}")
        f1, precision, recall = f1_of_means(pairs)
        scores = f"F1 {f1:.5f} P {precision:.5f} R {recall:.5f}" if pairs else "start only"
        print(
            f"== {which}: {len(rows)} pages, {scores}; extra {sum(chars.values())} chars "
            f"in {sum(count.values())} lines"
        )
        for group in sorted(chars, key=lambda g: (-gain[g], -chars[g])):
            bound = f"{gain[group] / len(rows):+8.5f}" if which in WHOLE else ""
            print(
                f"   {group[0]:6} {group[1]:22} {chars[group]:8} {count[group]:6}"
                f" {len(on[group]):5} {len(sites[group]):5} {bound}"
            )


def compare(before: Path, after: Path, limit: int) -> None:
    """Per set: P/R/F1 before and after, and the pages whose F1 moved most."""
    for which in WHOLE:
        old, new = rows_of(before, which), rows_of(after, which)
        old_pairs = [body_precision_recall(r["body"], r["truth"]) for r in old]
        new_pairs = [body_precision_recall(r["body"], r["truth"]) for r in new]
        a, b = f1_of_means(old_pairs), f1_of_means(new_pairs)
        print(
            f"== {which}: F1 {a[0]:.5f} -> {b[0]:.5f}, P {a[1]:.5f} -> {b[1]:.5f},"
            f" R {a[2]:.5f} -> {b[2]:.5f}"
        )
        moved = []
        for row, (p0, r0), (p1, r1) in zip(old, old_pairs, new_pairs, strict=True):
            if (p0, r0) != (p1, r1):
                moved.append((p1 - p0, r1 - r0, row["key"]))
        for dp, dr, key in sorted(moved, key=lambda m: m[0] + m[1])[:limit]:
            print(f"   {key}: P {dp:+.4f} R {dr:+.4f}")
        print(f"   {len(moved)} pages moved")
    for which in STARTS:
        old, new = rows_of(before, which), rows_of(after, which)
        for label, rows in (("before", old), ("after", new)):
            starts = sum(head_lines(r["body"], r["truth"]) == [] for r in rows)
            print(
                f"== {which} {label}: body begins with the truth's first words {starts}/{len(rows)}"
            )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("command", choices=("collect", "report", "compare"))
    parser.add_argument("folders", type=Path, nargs="+")
    parser.add_argument("--show", default=None, help="report: print lines of this kind")
    parser.add_argument("--limit", type=int, default=60)
    args = parser.parse_args(argv)
    if args.command == "collect":
        collect(args.folders[0])
    elif args.command == "report":
        report(args.folders[0], args.show, args.limit)
    else:
        compare(args.folders[0], args.folders[1], args.limit)


if __name__ == "__main__":
    main()
