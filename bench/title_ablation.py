"""Each title rule switched off in turn: which pages it wins and loses, on how many sites.

    uv run python bench/title_ablation.py [--set dev|second|news|fundus|extra|fourth|fifth|all]
                                          [--show RULE]

A rule fitted to one site's markup earns on that site and nothing elsewhere; this
shows it. Every page of the chosen sets (as ``bench/title_sources.py`` reads them)
is parsed once; then the title is chosen with all rules, and again with each rule
of ``parsers.title`` and its modules (``ablation.MODULES``) replaced by its neutral
(a predicate that never holds, a helper that finds nothing). Per rule and set:
pages the rule makes exact (lost without it), pages it makes wrong (gained
without it), and the number of distinct dev sites among them. A measurement
tool only: nothing here changes how pages are parsed.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import parsers.title as title_module  # noqa: E402
import parsers.title_glued_label as glued_module  # noqa: E402
import parsers.title_headings as headings_module  # noqa: E402
import parsers.title_site_cut as site_cut_module  # noqa: E402
from bench.metrics import title_matches  # noqa: E402
from bench.title_sources import SETS, pages, parsed_page  # noqa: E402
from parsers.metadata import reconcile_title  # noqa: E402

NEVER = re.compile(r"(?!)")


def _none(*_: Any, **__: Any) -> None:
    return None


def _false(*_: Any, **__: Any) -> bool:
    return False


def _first(value: Any, *_: Any, **__: Any) -> Any:
    return value


# Rule name -> the attributes of parsers.title set to a neutral value.
RULES: dict[str, dict[str, Any]] = {
    "logo h1 (LOGO_RE)": {"LOGO_RE": NEVER},
    "blog name in an h1 (names_the_site)": {"names_the_site": _false},
    "permalink anchor": {"PERMALINK_RE": NEVER},
    "labels cut from headings (drop_site_labels)": {"drop_site_labels": _first},
    "blocks of one h1 joined (split_h1)": {"split_h1": _none},
    "headline split across elements (first_half)": {"first_half": _false},
    "label or date before the h1 (label_before)": {"label_before": _false},
    "site label glued to the title (printed_end)": {"printed_end": _none},
    "headline in a styled block (confirmed_block)": {"confirmed_block": _none},
    "site's name as the page title (_unless_site)": {"_unless_site": _first},
    "capitals as written (_as_written)": {"_as_written": _first},
    "site name before the headline (headline_part)": {"headline_part": lambda *_: 0},
    "site name behind a bar (cut_bar_site)": {"cut_bar_site": _first},
    "source note after the headline (SOURCE_NOTE_RE)": {"SOURCE_NOTE_RE": NEVER},
    "lone headline h1 far above the story (far_h1)": {"far_h1": _none},
    "section h1 unlike <title> (h1_unlike_title)": {"h1_unlike_title": _false},
    "first h2 of <main> (main_h2)": {"main_h2": _none},
    "line opening the story (opening_headline)": {"opening_headline": _none},
    "headline over the story's block (headline_above)": {"headline_above": _none},
}


# The title rules' modules: a name is patched wherever one of them binds it.
MODULES = (title_module, headings_module, site_cut_module, glued_module)


@contextmanager
def patched(values: dict[str, Any]) -> Iterator[None]:
    """The title modules' attributes set to ``values`` for the block."""
    saved = [
        (module, name, getattr(module, name))
        for module in MODULES
        for name in values
        if hasattr(module, name)
    ]
    for module, name, _ in saved:
        setattr(module, name, values[name])
    try:
        yield
    finally:
        for module, name, value in saved:
            setattr(module, name, value)


def titles(html: str, variants: dict[str, dict[str, Any]]) -> dict[str, str | None]:
    """The title under each variant (``""``: all rules), from one parse of ``html``."""
    with parsed_page(html) as (scan, meta, body_start):
        found = {}
        for name, values in variants.items():
            with patched(values):
                found[name] = reconcile_title(meta, scan, body_start)
        return found


def main(argv: list[str] | None = None) -> int:
    """Print, per rule, pages it wins and loses on each set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=(*SETS, "all"), default="all",
                        dest="which")
    parser.add_argument("--show", action="append", default=[],
                        help="print the pages of rules whose name contains this")
    args = parser.parse_args(argv)
    variants = {"": {}, **RULES}
    wins: dict[tuple[str, str], list[str]] = {}
    losses: dict[tuple[str, str], list[str]] = {}
    sites: dict[str, set[str]] = {}
    base: dict[str, int] = {}
    for name, key, url, html, want in pages(args.which):
        try:
            found = titles(html, variants)
        except Exception as exc:  # a page extract() would refuse
            print(f"{key}: {type(exc).__name__}", file=sys.stderr)
            continue
        exact = title_matches(found[""], want)
        base[name] = base.get(name, 0) + exact
        for rule in RULES:
            without = title_matches(found[rule], want)
            if exact == without:
                continue
            bucket = wins if exact else losses
            bucket.setdefault((rule, name), []).append(f"{key}: {found[rule]!r} -> {found['']!r}")
            if name == "dev":
                sites.setdefault(rule, set()).add(urlsplit(url).hostname or "")
    print("all rules: " + ", ".join(f"{n} {v}" for n, v in base.items()))
    sets = list(base)
    print("\n| rule | " + " | ".join(f"{s} wins/losses" for s in sets) + " | dev sites |")
    print("|---|" + "---|" * len(sets) + "---|")
    for rule in RULES:
        cells = [f"{len(wins.get((rule, s), []))}/{len(losses.get((rule, s), []))}" for s in sets]
        print(f"| {rule} | " + " | ".join(cells) + f" | {len(sites.get(rule, ()))} |")
    for rule in (r for r in RULES if any(part in r for part in args.show)):
        for s in sets:
            for label, bucket in (("wins", wins), ("loses", losses)):
                for line in bucket.get((rule, s), []):
                    print(f"{rule} {label} {s} {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
