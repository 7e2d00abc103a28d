"""Leave-site-out view of the author rules: each rule switched off alone, on every set.

    uv run python bench/author_ablation.py [--json OUT]

For every authored page of the dev set, the second set (Readability, newspaper4k) and
fundus (exact only, as ``bench/author_sources.py`` scores it), the arguments
``parsers.bylines.page_authors`` receives are kept from one extraction; then each rule
is switched off alone (a compiled pattern of the author modules made to match nothing,
wherever it is imported; a named rule function made to decide nothing) and
``page_authors`` is called again on every page. Printed per rule and set: pages lost
(exact with the rule, not without), pages gained, outputs changed, and how many
*sites* (host names) the lost pages come from. A rule whose pages come from one or two
dev sites and from no other set is fitted to those sites: on unseen pages it earns
little. Also printed: dev exact on pages whose site has one page in dev against those
whose site has several (the closest thing dev has to unseen pages).

The base is the re-call, not ``extract``: later stages of ``extract`` prune the tree
``page_authors`` read, so a few pages (dev 1, second 2 at d30dcfc) score differently
than in ``bench/extraction.py``; gains and losses are counted against the re-call.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.dates_fundus_set import FUNDUS, truth_pages  # noqa: E402
from bench.extraction import DEFAULT_DATASET, load  # noqa: E402
from bench.metrics import authors_match  # noqa: E402
from bench.second_set import load_second  # noqa: E402
from parsers import (  # noqa: E402
    author_boxes,
    author_cjk,
    author_declared,
    author_elements,
    author_hint_guards,
    author_hints,
    author_holders,
    author_names,
    author_outlets,
    author_words,
    byline_lines,
    byline_split,
    byline_with,
    bylines,
    name_trims,
)
from parsers import authors as author_rules  # noqa: E402
from parsers.decode import decode_html  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

extract = importlib.import_module("parsers.extract")
MODULES: tuple[ModuleType, ...] = (
    bylines,
    byline_lines,
    author_elements,
    author_rules,
    author_names,
    byline_split,
    author_outlets,
    name_trims,
    author_words,
    author_boxes,
    byline_with,
    author_declared,
    author_holders,
    author_cjk,
    author_hints,
    author_hint_guards,
)
NEVER = re.compile(r"(?!)")
# Validators, not rules: switched off they reject every name (NAME_RE) or nothing.
NOT_RULES = frozenset({"NAME_RE"})


def _const(value: Any) -> Callable[..., Any]:
    return lambda *_a, **_k: value


# Named rule functions and what "off" means for each (decides nothing, keeps its input).
FUNCTIONS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("name_beside_date", _const([])),
    ("_date_and_name", _const([])),
    ("_names_after_label", _const([])),
    ("with_co_authors", lambda _tag, printed, *_a, **_k: printed),
    ("cut_outlets", lambda text, *_a, **_k: text),
    ("without_outlets", lambda names, *_a, **_k: names),
    ("in_work_box", _const(False)),
    ("is_call_to_action", _const(False)),
    ("_person_before_role", _const(None)),
    ("_card_author", _const([])),
    ("in_directory", _const(False)),
    ("is_weak", _const(False)),
    ("extends", _const(False)),
    ("without_holders", lambda names, *_a, **_k: names),
    ("beats_weak", _const(False)),
    ("one_printed_name", _const(False)),
    ("is_cjk_name", _const(False)),
    ("cjk_names", _const([])),
    ("name_in_credit", _const(None)),
    ("opens_with_surname", _const(True)),
    # a58: the guards on markup hints (the hints themselves are read by ``scan``, before
    # the re-call, and stay on).
    ("refused", _const(False)),
)

Page = tuple[str, str, str, str]
Key = tuple[str, str]


def host(url: str) -> str:
    """The page's host name without "www."."""
    return (urlsplit(url).hostname or "").removeprefix("www.")


def authored_sets() -> dict[str, list[Page]]:
    """Every authored page of dev, the second set's Readability/newspaper4k and fundus."""
    dev = [(p.key, p.url, p.html, p.truth.get("author")) for p in load(DEFAULT_DATASET, None)]
    second = [
        (key, url, html, truth.get("author"))
        for key, url, html, truth in load_second(None, 1)
        if key.startswith(("readability/", "newspaper4k/"))
    ]
    fundus = [
        (key, url, decode_html(raw), ", ".join(str(a) for a in truth.get("authors") or []))
        for key, url, raw, truth in truth_pages(FUNDUS)
    ]
    return {
        name: [(k, u, h, t) for k, u, h, t in pages if t]
        for name, pages in (("dev", dev), ("second", second), ("fundus", fundus))
    }


def kept_arguments(sets: dict[str, list[Page]]) -> dict[Key, tuple[Any, str, str]]:
    """``page_authors``'s arguments of each page, with its truth and host."""
    kept: dict[Key, tuple[Any, str, str]] = {}
    original = extract.page_authors
    box: dict[str, Any] = {}

    def spy(*args: Any, **kwargs: Any) -> Any:
        box["args"] = (args, kwargs)
        return original(*args, **kwargs)

    extract.page_authors = spy
    try:
        for name, pages in sets.items():
            for key, url, html, truth in pages:
                box.clear()
                with contextlib.suppress(ParseError):
                    extract.extract(html, url=url)
                kept[(name, key)] = (box.get("args"), truth, host(url))
    finally:
        extract.page_authors = original
    return kept


def score(kept: dict[Key, tuple[Any, str, str]]) -> dict[Key, tuple[bool, tuple[str, ...]]]:
    """Exact or not, and the names, of every page with the rules as they stand now."""
    out = {}
    for page, (args, truth, _) in kept.items():
        got = tuple(bylines.page_authors(*args[0], **args[1])) if args else ()
        out[page] = (authors_match(got, truth), got)
    return out


def switches() -> list[tuple[str, list[tuple[ModuleType, str]], Any]]:
    """Each rule with every module attribute that holds it and its "off" value."""
    patterns: dict[int, tuple[str, list[tuple[ModuleType, str]]]] = {}
    for module in MODULES:
        for attr, value in vars(module).items():
            if isinstance(value, re.Pattern) and attr.isupper() and attr not in NOT_RULES:
                patterns.setdefault(id(value), (attr, []))[1].append((module, attr))
    found: list[tuple[str, list[tuple[ModuleType, str]], Any]] = [
        (attr, places, NEVER) for attr, places in patterns.values()
    ]
    for name, off in FUNCTIONS:
        places = [(m, name) for m in MODULES if hasattr(m, name)]
        found.append((f"{name}()", places, off))
    return found


def main(argv: list[str] | None = None) -> int:
    """Print the singleton view, then one line per rule."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=None, help="every rule's pages")
    args = parser.parse_args(argv)
    sets = authored_sets()
    kept = kept_arguments(sets)
    base = score(kept)
    for name in sets:
        sizes = Counter(h for (s, _), (_, _, h) in kept.items() if s == name)
        alone = [(base[p][0]) for p, (_, _, h) in kept.items() if p[0] == name and sizes[h] == 1]
        several = [base[p][0] for p, (_, _, h) in kept.items() if p[0] == name and sizes[h] > 1]
        print(
            f"{name}: {sum(v[0] for p, v in base.items() if p[0] == name)}/{len(sets[name])}"
            f" exact (re-call); site with one page {sum(alone)}/{len(alone)},"
            f" with several {sum(several)}/{len(several)}"
        )
    print("| rule | " + " | ".join(f"{s} lost/gained/changed (sites lost)" for s in sets) + " |")
    print("|---|" + "---|" * len(sets))
    rows = []
    for label, places, off in switches():
        saved = [(m, a, getattr(m, a)) for m, a in places]
        for module, attr in places:
            setattr(module, attr, off)
        try:
            result = score(kept)
        finally:
            for module, attr, value in saved:
                setattr(module, attr, value)
        row: dict[str, Any] = {"rule": label}
        cells = []
        for name in sets:
            mine = [p for p in result if p[0] == name]
            lost = [(p[1], kept[p][2]) for p in mine if base[p][0] and not result[p][0]]
            gained = [(p[1], kept[p][2]) for p in mine if result[p][0] and not base[p][0]]
            changed = sum(result[p][1] != base[p][1] for p in mine)
            row[name] = {"lost": lost, "gained": gained, "changed": changed}
            cells.append(f"{len(lost)}/{len(gained)}/{changed} ({len({h for _, h in lost})})")
        rows.append(row)
        print(f"| {label} | " + " | ".join(cells) + " |", flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
