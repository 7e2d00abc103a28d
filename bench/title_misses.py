"""Title misses by category and set, from ``bench/title_sources.py --out`` files.

    uv run python bench/title_sources.py --set all --out FILE
    uv run python bench/title_misses.py FILE [FILE ...] [--show CATEGORY-PREFIX]

Each page where our title is not the reference (folded, as the benches compare) gets
one category from the relation between our title, the reference and the page's
candidates: a part one of them has and the other lacks (a site name, a subtitle, a
kicker), the source the reference comes from when the words differ (a metadata title,
another heading), an entity or Unicode spelling, or no title. The categories describe
the shape of a miss, not whose convention is right: whether the sets agree on one is
read from the counts per set (a shape on one set only, or one that goes both ways, is
a convention). ``--show`` lists the pages of the categories starting with the prefix.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers.title_text import fold  # noqa: E402

SETS = ("dev", "second", "extra", "fourth", "fifth", "fundus", "news")
METADATA = ("og", "og_cut", "ld", "ld_cut", "title", "title_cut")


def spelled(text: str) -> str:
    """``text`` folded after entities, compatibility forms and "&" are spelt out."""
    text = unicodedata.normalize("NFKC", html.unescape(text)).replace("&", " and ")
    return fold(text)


def site_names(row: dict[str, Any]) -> set[str]:
    """Folded names the page gives its site: og:site_name, the host, its first label."""
    host = (urlsplit(row["url"]).hostname or "").removeprefix("www.")
    return {fold(row.get("site") or ""), fold(host), fold(host.split(".")[0])} - {""}


def category(row: dict[str, Any]) -> str:
    """The shape of one miss (see the module docstring)."""
    ours, want = row["ours"], row["want"]
    if not ours:
        return "no title"
    got, ref = fold(ours), fold(want)
    if spelled(ours) == spelled(want):
        return "spelling: entity, Unicode form, '&'"
    names = site_names(row)

    def is_site(rest: str) -> bool:
        return any(rest == n or n in rest or (len(rest) > 3 and rest in n) for n in names)

    for longer, shorter, whose in ((got, ref, "we keep"), (ref, got, "the truth keeps")):
        if shorter and shorter in longer:
            start = longer.find(shorter)
            before, after = longer[:start], longer[start + len(shorter) :]
            if before and after:
                return f"{whose} words on both sides"
            where = "a trailing" if after else "a leading"
            rest = after or before
            if is_site(rest):
                return f"{whose} {where} site name"
            return f"{whose} {where} part" + (" (subtitle)" if after else " (kicker, label)")
    for key in ("og", "ld"):
        value = (row.get(key) or "").rstrip()
        if value.endswith(("...", "…")) and ref.startswith(fold(value.rstrip(".… "))):
            return "truncated metadata title"
    from_metadata = {key for key in METADATA if row.get(key) and fold(row[key]) == ref}
    if from_metadata:
        source = "<title>" if from_metadata <= {"title", "title_cut"} else "og:title/JSON-LD"
        return f"other words: the truth is {source}"
    if any(fold(h) == ref for h in row.get("h1s") or []):
        return "other words: the truth is another <h1>"
    if any(fold(h) == ref for h in row.get("headings") or []):
        return "other words: the truth is another heading"
    return "other words: the truth is in no heading or metadata title"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, help="title_sources.py --out files")
    parser.add_argument("--show", default=None, help="list the pages of these categories")
    args = parser.parse_args(argv)
    counts: dict[str, Counter[str]] = {}
    exact: Counter[str] = Counter()
    pages: Counter[str] = Counter()
    shown = []
    for path in args.files:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            pages[row["set"]] += 1
            if row["exact"]:
                exact[row["set"]] += 1
                continue
            name = category(row)
            counts.setdefault(name, Counter())[row["set"]] += 1
            if args.show is not None and name.startswith(args.show):
                shown.append(
                    f"{name} | {row['set']} {row['key']} | ours {row['ours']!r} | "
                    f"truth {row['want']!r} | line {row['line']}"
                )
    sets = [s for s in SETS if pages[s]]
    print("| category | " + " | ".join(sets) + " |")
    print("|---" * (len(sets) + 1) + "|")
    for name, per_set in sorted(counts.items(), key=lambda item: -sum(item[1].values())):
        print(f"| {name} | " + " | ".join(str(per_set[s]) for s in sets) + " |")
    print("| **exact / pages** | " + " | ".join(f"{exact[s]}/{pages[s]}" for s in sets) + " |")
    for text in sorted(shown):
        print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
