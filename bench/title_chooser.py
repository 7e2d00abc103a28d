"""A learned title chooser, measured honestly: 5-fold CV on dev, then unseen sets (t35).

    uv run python bench/title_chooser.py collect --set all --out CACHE   # parse once
    uv run python bench/title_chooser.py evaluate CACHE [--alone] [--show] [--weights FILE]

``collect`` parses every titled page of ``bench/title_sources.py``'s sets (dev,
second's printed reference, Google News, fundus) and writes, per page, the rules'
title, the candidates (``bench/title_features.py``), their features and labels
(``bench.metrics.title_matches`` against the reference) as JSON lines.

``evaluate`` trains a conditional logit (a softmax over each page's candidates,
linear in the features, L2-regularised, full-batch gradient descent from zero:
deterministic, no randomness, pure Python) and prints: the rules' in-sample dev
exact; the chooser's exact on each held-out fold of a 5-fold split of dev by page
(fold = SHA-1 of the page key mod 5); the chooser trained on all of dev on the
second set, Google News and fundus, against the rules on the same pages; and the
same for an arbiter that keeps the rules' title where a metadata title confirms it
and lets the chooser decide elsewhere. ``--weights`` writes the all-dev weights.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FOLDS = 5
L2 = 0.01
STEPS = 1000  # chosen by dev CV: 300 steps 644, 1000 steps 645; L2 0.1: 642, 0.001: 638
RATE = 0.5
# Features that carry the rules' own choice (hidden with --alone).
RULE_FEATURES = frozenset({"src_rules", "rules_confirmed"})

Page = dict[str, Any]
Weights = dict[str, float]


def collect(which: str, out: Path) -> int:
    """Write every titled page's candidates, features and labels as JSON lines."""
    from bench.metrics import title_matches
    from bench.title_features import page_candidates
    from bench.title_sources import pages

    with out.open("w", encoding="utf-8") as handle:
        for name, key, _url, html, want in pages(which):
            try:
                page = page_candidates(html)
            except Exception as exc:  # a page extract() would refuse
                print(f"{key}: {type(exc).__name__}", file=sys.stderr)
                continue
            handle.write(json.dumps({
                "set": name, "key": key, "want": want, "rules": page.rules,
                "rules_exact": title_matches(page.rules, want),
                "texts": page.texts, "features": page.features,
                "labels": [title_matches(t, want) for t in page.texts],
            }, ensure_ascii=False) + "\n")
    return 0


def fold_of(key: str) -> int:
    """The CV fold of a page, fixed by its key."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % FOLDS


def scores(weights: Weights, page: Page) -> list[float]:
    return [sum(weights.get(k, 0.0) * v for k, v in f.items()) for f in page["features"]]


def choose(weights: Weights, page: Page) -> int:
    """Index of the best-scored candidate (the first on ties; -1: none)."""
    s = scores(weights, page)
    return max(range(len(s)), key=lambda i: (s[i], -i)) if s else -1


def train(pages: list[Page], l2: float = L2, steps: int = STEPS, rate: float = RATE) -> Weights:
    """Conditional-logit weights: maximise the log-probability of the page's right
    candidates (summed) under a softmax of linear scores; pages with no right
    candidate teach nothing and are skipped."""
    usable = [p for p in pages if any(p["labels"])]
    names = sorted({k for p in usable for f in p["features"] for k in f})
    weights: Weights = dict.fromkeys(names, 0.0)
    for _ in range(steps):
        grad: dict[str, float] = dict.fromkeys(names, 0.0)
        for page in usable:
            s = scores(weights, page)
            top = max(s)
            e = [math.exp(x - top) for x in s]
            total = sum(e)
            right = sum(x for x, label in zip(e, page["labels"], strict=True) if label)
            for f, x, label in zip(page["features"], e, page["labels"], strict=True):
                # d log(P(right)) / d score_i = [label] x/right - x/total
                g = (x / right if label else 0.0) - x / total
                if g:
                    for k, v in f.items():
                        grad[k] += g * v
        n = len(usable)
        for k in names:
            weights[k] += rate * (grad[k] / n - l2 * weights[k])
    return {k: round(v, 6) for k, v in weights.items() if abs(v) >= 1e-6}


def exact(weights: Weights, page: Page, arbiter: bool) -> bool:
    """Whether the chooser (or the arbiter) gives the reference on ``page``."""
    if arbiter and page["confirmed"]:
        return bool(page["rules_exact"])
    i = choose(weights, page)
    return bool(page["labels"][i]) if i >= 0 else False


def without_rules(page: Page) -> Page:
    """``page`` with the rules' own choice hidden from the features: the chooser then
    learns from the sources alone (the rules' title stays a candidate when another
    source gives it)."""
    features = [{k: v for k, v in f.items() if k not in RULE_FEATURES} for f in page["features"]]
    keep = [i for i, f in enumerate(features) if any(k.startswith("src_") for k in f)]
    return {**page, "features": [features[i] for i in keep],
            "labels": [page["labels"][i] for i in keep], "texts": [page["texts"][i] for i in keep]}


def _moves(now: list[bool], rules: list[bool]) -> str:
    gained = sum(b and not o for b, o in zip(now, rules, strict=True))
    lost = sum(o and not b for b, o in zip(now, rules, strict=True))
    return f"+{gained}/-{lost}"


def evaluate(
    cache: Path, weights_out: Path | None, alone: bool = False, show: bool = False
) -> int:
    """Print CV on dev and the all-dev chooser on the other sets."""
    pages = [json.loads(line) for line in cache.open(encoding="utf-8")]
    for page in pages:
        page["confirmed"] = any(f.get("src_rules") and f.get("rules_confirmed")
                                for f in page["features"])
    if alone:
        pages = [without_rules(p) for p in pages]
    by_set: dict[str, list[Page]] = {}
    for page in pages:
        by_set.setdefault(page["set"], []).append(page)
    dev = by_set.get("dev", [])
    rules = sum(p["rules_exact"] for p in dev)
    ceiling = sum(any(p["labels"]) for p in dev)
    print(f"dev: {len(dev)} pages, rules in-sample {rules} ({100 * rules / len(dev):.1f} %), "
          f"a right candidate exists on {ceiling}")
    print("\n| fold | pages | rules | chooser | arbiter |\n|---|---|---|---|---|")
    totals: Counter[str] = Counter()
    for k in range(FOLDS):
        held = [p for p in dev if fold_of(p["key"]) == k]
        weights = train([p for p in dev if fold_of(p["key"]) != k])
        row = Counter(pages=len(held), rules=sum(p["rules_exact"] for p in held),
                      chooser=sum(exact(weights, p, False) for p in held),
                      arbiter=sum(exact(weights, p, True) for p in held))
        totals.update(row)
        print(f"| {k} | {row['pages']} | {row['rules']} | {row['chooser']} | {row['arbiter']} |")
    n = totals["pages"]
    print(f"| all | {n} | {totals['rules']} | {totals['chooser']} "
          f"({100 * totals['chooser'] / n:.1f} %) | {totals['arbiter']} "
          f"({100 * totals['arbiter'] / n:.1f} %) |")
    weights = train(dev)
    print("\ntrained on all of dev; unseen sets:\n")
    print("| set | pages | rules | chooser | arbiter | chooser +/- | arbiter +/- |")
    print("|---|---|---|---|---|---|---|")
    for name, group in by_set.items():
        r = [bool(p["rules_exact"]) for p in group]
        c = [exact(weights, p, False) for p in group]
        a = [exact(weights, p, True) for p in group]
        print(f"| {name}{' (in-sample)' if name == 'dev' else ''} | {len(group)} | {sum(r)} "
              f"| {sum(c)} | {sum(a)} | {_moves(c, r)} | {_moves(a, r)} |")
        if show and name != "dev":
            for page, now, was in zip(group, c, r, strict=True):
                if now != was:
                    i = choose(weights, page)
                    print(f"  {'gains' if now else 'loses'} {page['key']}: "
                          f"{page['texts'][i]!r} (rules {page['rules']!r})")
    print("\nweights: " + ", ".join(f"{k} {v:+.2f}" for k, v in
                                    sorted(weights.items(), key=lambda kv: -abs(kv[1]))))
    if weights_out:
        weights_out.write_text(json.dumps(weights, indent=1, sort_keys=True) + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("collect", help="parse the sets once, write candidates")
    c.add_argument("--set", choices=("dev", "second", "news", "fundus", "all"), default="all",
                   dest="which")
    c.add_argument("--out", type=Path, required=True)
    e = sub.add_parser("evaluate", help="5-fold CV on dev, then the unseen sets")
    e.add_argument("cache", type=Path)
    e.add_argument("--weights", type=Path, default=None, help="write the all-dev weights")
    e.add_argument("--alone", action="store_true",
                   help="hide the rules' choice: the sources and their features only")
    e.add_argument("--show", action="store_true",
                   help="list the pages of the unseen sets where the chooser differs in result")
    args = parser.parse_args(argv)
    if args.command == "collect":
        return collect(args.which, args.out)
    return evaluate(args.cache, args.weights, args.alone, args.show)


if __name__ == "__main__":
    raise SystemExit(main())
