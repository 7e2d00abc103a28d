"""Authors against fundus's hand-written publisher parsers, per language, trafilatura beside.

    uv run python bench/authors_fundus.py [--only pressroom|trafilatura] [--show] [--misses]

Data: flairNLP/fundus (MIT), read in place from the mirror's git objects as
``bench/dates_fundus_set.py`` reads it: each publisher's test pages and what its
maintainer-checked parser extracts, here ``authors`` (a list of names). The truth is
that list joined with ", " (the dev annotation's form: "A, B and C"; the metric,
``bench.metrics.authors_match``, compares folded strings or sets of names, so case and
the joining words do not count).

Convention differences are counted apart, not as misses: fundus keeps a news agency or
the outlet as an author ("dpa", "AFP", "Redaktion", "Associated Press") where the dev
annotation credits people only; a page whose names match once such organisations are
taken out of both sides is "convention". Pages whose fundus list is empty are not
scored (fundus's parsers leave out what they cannot read; an empty list is not "no
author"), but the count where we name someone there is printed.

``--misses`` lists each miss with where the truth's first name is on the page: a JSON-LD
script, an author meta tag, a ``rel=author`` link, the printed text (with the words
before it, so a "Von"/"Par"/"Por" line shows), or nowhere.
"""

from __future__ import annotations

import html as html_lib
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.dates_fundus_set import FUNDUS, page_language, truth_pages  # noqa: E402
from bench.metrics import author_names, authors_match  # noqa: E402
from bench.rivals import chosen, rival_parser  # noqa: E402
from parsers import extract  # noqa: E402
from parsers.decode import decode_html  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

# Organisations fundus keeps as authors (agencies, newsrooms, the outlet's desk).
AGENCY_RE = re.compile(
    r"^(?:dpa|afp|ap|apa|ansa|efe|epd|kna|sid|reuters|associated press|agence france-presse|"
    r"bloomberg|pti|ians|ani|xinhua|tass|ria novosti|kyodo|yonhap|anp|belga|sda|keystone-sda|"
    r"(?:the )?[\w .'-]*(?:redaktion|redaction|rédaction|redazione|redacción|redacao|redação|"
    r"newsroom|staff|team|desk|online|editorial|editors?|agencies|agencias|wires?)|"
    r"[\w.'-]+\.(?:com|de|fr|it|es|net|org|at|ch)(?:\.\w\w)?)$",
    re.IGNORECASE,
)
SCRIPT_RE = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
LD_RE = re.compile(r"<script\b[^>]*ld\+json[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
META_AUTHOR_RE = re.compile(r"<meta\b[^>]*(?:author|creator|byl)[^>]*>", re.IGNORECASE)
REL_AUTHOR_RE = re.compile(
    r"<a\b[^>]*rel=[\"']?author[^>]*>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL
)
TAG_RE = re.compile(r"<[^>]+>")
STYLE_RE = re.compile(r"<(style|noscript|svg)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
SPACE_RE = re.compile(r"\s+")
BEFORE_CHARS = 24


def plain(text: str) -> str:
    """Case folded, accents dropped (for finding a name in the page)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def without_agencies(names: frozenset[str], raw: list[str]) -> frozenset[str]:
    """``names`` without those that are organisations in ``raw``'s spelling."""
    agencies = {n for n in raw if AGENCY_RE.match(n.strip())}
    return names - {name for a in agencies for name in author_names(a)}


def split_names(value: Any) -> list[str]:
    """An extractor's authors as a list of names (trafilatura joins with "; ")."""
    if not value:
        return []
    if isinstance(value, str):
        return [n.strip() for n in value.split(";") if n.strip()]
    return [str(n) for n in value]


def verdict(got: list[str], truth: list[str]) -> str:
    """"exact", "convention" (organisations apart), "none" or "miss"."""
    joined = ", ".join(truth)
    if got and authors_match(got, joined):
        return "exact"
    ours = without_agencies(author_names(", ".join(got)), got)
    theirs = without_agencies(author_names(joined), truth)
    if ours == theirs and (ours or got):
        return "convention"
    if not theirs and got:
        return "convention"
    return "none" if not got else "miss"


def where(html: str, name: str) -> str:
    """Where ``name`` is on the page: the sources holding it, printed text with its lead-in."""
    wanted = plain(name)
    found = []
    if any(wanted in plain(html_lib.unescape(s)) for s in LD_RE.findall(html)):
        found.append("jsonld")
    if any(wanted in plain(html_lib.unescape(m)) for m in META_AUTHOR_RE.findall(html)):
        found.append("meta")
    if any(wanted in plain(TAG_RE.sub(" ", a)) for a in REL_AUTHOR_RE.findall(html)):
        found.append("rel")
    text = SCRIPT_RE.sub(" ", html)
    text = SPACE_RE.sub(" ", html_lib.unescape(TAG_RE.sub(" ", STYLE_RE.sub(" ", text))))
    at = plain(text).find(wanted)
    if at >= 0:
        found.append(f"text[{text[max(0, at - BEFORE_CHARS):at].strip()}]")
    elif not found and wanted in plain(html):
        found.append("elsewhere")
    return " ".join(found) or "nowhere"


def ours(html: str, url: str) -> list[str]:
    try:
        return list(extract(html, url=url).authors)
    except ParseError:
        return []


def theirs(html: str, url: str) -> list[str]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    return split_names(getattr(doc, "author", None)) if doc is not None else []


def main(argv: list[str] | None = None) -> int:
    """Print exact / convention / miss per extractor and language."""
    parser = rival_parser(__doc__, FUNDUS, "trafilatura")
    parser.add_argument("--show", action="store_true", help="one line per page")
    parser.add_argument("--misses", action="store_true", help="our misses, with where the name is")
    args = parser.parse_args(argv)
    runs = chosen(args, {"pressroom": ours, "trafilatura": theirs}, "fundus")
    if runs is None:
        return 1
    counts: Counter[tuple[str, str, str]] = Counter()
    totals: Counter[str] = Counter()
    named_without_truth: Counter[str] = Counter()
    unscored = 0
    for name, url, raw, truth in truth_pages(args.repo):
        html = decode_html(raw)
        want = [str(a) for a in truth.get("authors") or [] if str(a).strip()]
        language = page_language(html, name)
        if not want:
            unscored += 1
            for label, run in runs.items():
                named_without_truth[label] += bool(run(html, url))
            continue
        groups = ("all", f"lang {language}")
        for group in groups:
            totals[group] += 1
        for label, run in runs.items():
            got = run(html, url)
            mark = verdict(got, want)
            for group in groups:
                counts[label, group, mark] += 1
            if args.show or (args.misses and label == "pressroom" and mark in ("miss", "none")):
                print(f"{label:11} {mark:10} {name:44} {language:3} want {want!r} got {got!r}")
                if args.misses and label == "pressroom" and mark in ("miss", "none"):
                    print(f"{'':23}where: {where(html, want[0])}"[:200])
    total = totals["all"]
    print(f"fundus test pages with authors: {total} (without: {unscored})")
    for label in runs:
        exact, conv = counts[label, "all", "exact"], counts[label, "all", "convention"]
        print(
            f"{label:11} exact {exact}/{total} ({exact / max(total, 1):.1%}); convention only "
            f"{conv}; exact or convention {(exact + conv) / max(total, 1):.1%}; miss "
            f"{counts[label, 'all', 'miss']}; none {counts[label, 'all', 'none']}; "
            f"names someone where fundus has nobody {named_without_truth[label]}/{unscored}"
        )
    print("| language | pages | " + " | ".join(f"{label} exact+conv" for label in runs) + " |")
    print("|---|---|" + "---|" * len(runs))
    for group in sorted(g for g in totals if g != "all"):
        row = " | ".join(
            f"{counts[label, group, 'exact']}+{counts[label, group, 'convention']}"
            for label in runs
        )
        print(f"| {group[5:]} | {totals[group]} | {row} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
