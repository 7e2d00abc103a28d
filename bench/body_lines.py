"""A learned keep/drop filter over the body's lines (lc35, issue 17): features, trainer, CV.

    uv run python bench/body_lines.py collect [--cache DIR]  # features: dev, second, CleanEval
    uv run python bench/body_lines.py cv [--folds 5]         # site-grouped CV on dev
    uv run python bench/body_lines.py unseen                 # train on dev, score the others
    uv run python bench/body_lines.py weights                # the model trained on all dev

Each line of our body (``parsers.extract``'s paragraphs, after every rule) gets the
features ``line_features`` reads off the scan: its element's tag, class/id bits
(``parsers.body.labels``) on the element and its ancestors up to the container,
depth, link density, length, punctuation, case, digits, position in the body and its
neighbours. Its label is keep when its folded text is inside the folded gold
(``bench/body_misses.py``'s matching), else drop. The model is a logistic regression
trained in pure Python (seeded SGD: the same run gives the same weights), each line
weighted by its share of the page's words, so a page counts once as in the metric.
A line is dropped only when the model's keep probability is under a threshold.

Scores use ``bench.metrics`` on the body with the dropped lines gone, against the
same pages' body with none gone (the current extractor). Dev is split by site (the
page's host): no site is in both the training and the test fold. The figures, and why
the filter was not adopted (it does not beat the rules it would follow), are in
docs/BENCHMARKS.md, "Body, a learned line filter (lc35)".
"""

from __future__ import annotations

import argparse
import importlib
import math
import pickle
import random
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.body_misses import folded  # noqa: E402
from bench.metrics import SHINGLE, body_precision_recall, f1_of_means, shingles  # noqa: E402
from parsers.body.labels import HARD, POSITIVE, SOFT, TAIL, WEAK, label_kind  # noqa: E402
from parsers.dates import is_date_line  # noqa: E402
from parsers.scan import HEADING_TAGS, Scan  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

extract_module = importlib.import_module("parsers.extract")

CACHE = Path("/tmp/lc35-lines")
BITS = (HARD, SOFT, WEAK, TAIL, POSITIVE)
TAG_GROUPS = (("p",), ("li", "dt", "dd"), ("td", "th", "tr"), tuple(sorted(HEADING_TAGS)), ("div",),
              ("blockquote", "pre"))
SENTENCE_END_RE = re.compile(r"[.!?…\"”’')\]]$")
SEPARATOR_RE = re.compile(r"[|•·»›]")
FEATURES = (
    "log_chars", "log_words", "link_density",
    *(f"tag_{group[0]}" for group in TAG_GROUPS), "tag_other",
    "position", "chars_before", "chars_after", "first", "last",
    "sentence_end", "colon_end", "upper_share", "digit_share", "lower_start",
    *(f"own_{bit}" for bit in BITS), *(f"above_{bit}" for bit in BITS),
    "log_depth", "same_parent_prev", "same_parent_next", "log_prev", "log_next",
    "share_of_longest", "in_list", "date_line", "repeated", "separators", "commas_per_word",
    "short_run",
)


def line_features(scan: Scan, container: int, blocks: list[int], lines: list[str]) -> list[
        list[float]]:
    """One feature vector per body line (``blocks[i]``: the scan block of ``lines[i]``, -1
    when not found)."""
    kinds: dict[int, int] = {}

    def kind(element: int) -> int:
        if element not in kinds:
            label = scan.names[element]
            kinds[element] = label_kind(label) if len(label) > 1 else 0
        return kinds[element]

    total = sum(len(line) for line in lines) or 1
    longest = max((len(line) for line in lines), default=1) or 1
    counts = Counter(lines)
    rows = []
    before = 0
    for i, text in enumerate(lines):
        index = blocks[i]
        block = scan.blocks[index] if index >= 0 else None
        element = block.element if block is not None else -1
        tag = block.tag if block is not None else ""
        words = len(text.split())
        letters = sum(1 for c in text if c.isalpha()) or 1
        own = kind(element) if element >= 0 else 0
        above = depth = 0
        parent = scan.parents[element] if element >= 0 else -1
        walk = parent
        while walk >= 0 and walk != container and depth < 50:
            above |= kind(walk)
            depth += 1
            walk = scan.parents[walk]
        def parent_of(j: int) -> int:
            if 0 <= j < len(lines) and blocks[j] >= 0:
                return scan.parents[scan.blocks[blocks[j]].element]
            return -2
        short_run = 0
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and len(lines[j]) < 80:
                short_run += 1
        row = [
            math.log1p(len(text)), math.log1p(words),
            (block.link_chars / len(text)) if block is not None and text else 0.0,
            *(1.0 if tag in group else 0.0 for group in TAG_GROUPS),
            0.0 if any(tag in group for group in TAG_GROUPS) else 1.0,
            i / max(len(lines) - 1, 1), before / total, (total - before - len(text)) / total,
            1.0 if i == 0 else 0.0, 1.0 if i == len(lines) - 1 else 0.0,
            1.0 if SENTENCE_END_RE.search(text) else 0.0, 1.0 if text.endswith(":") else 0.0,
            sum(1 for c in text if c.isupper()) / letters,
            sum(1 for c in text if c.isdigit()) / max(len(text), 1),
            1.0 if text[:1].islower() else 0.0,
            *(1.0 if own & bit else 0.0 for bit in BITS),
            *(1.0 if above & bit else 0.0 for bit in BITS),
            math.log1p(depth),
            1.0 if parent_of(i - 1) == parent >= 0 else 0.0,
            1.0 if parent_of(i + 1) == parent >= 0 else 0.0,
            math.log1p(len(lines[i - 1])) if i > 0 else 0.0,
            math.log1p(len(lines[i + 1])) if i + 1 < len(lines) else 0.0,
            len(text) / longest,
            1.0 if parent >= 0 and scan.tags[parent] in ("ul", "ol", "dl") else 0.0,
            1.0 if len(text) < 80 and is_date_line(text, scan.date_lines) else 0.0,
            1.0 if counts[text] > 1 else 0.0,
            min(len(SEPARATOR_RE.findall(text)), 5) / 5,
            text.count(",") / max(words, 1),
            short_run / 2,
        ]
        rows.append(row)
        before += len(text)
    return rows


def _blocks_of(scan: Scan, lines: list[str]) -> list[int]:
    """The scan block of each line, matched in order (NFC as ``extract`` writes them)."""
    texts = [unicodedata.normalize("NFC", b.text) for b in scan.blocks]
    found = []
    position = 0
    for line in lines:
        index = -1
        for j in range(position, len(texts)):
            if texts[j] == line:
                index = j
                break
        if index < 0:
            index = next((j for j in range(len(texts)) if texts[j] == line), -1)
        else:
            position = index + 1
        found.append(index)
    return found


def page_rows(html: str, url: str) -> tuple[list[str], list[list[float]]]:
    """Our body's lines and their features."""
    seen: list[tuple[Scan, int]] = []
    original = extract_module.extract_body

    def recording(scan: Scan, sums: Any, container: int, title: Any, siblings: bool = False,
                  **options: Any) -> Any:
        # b53b's keep_stamps (and any later option) passes through: a recorder that took
        # fewer arguments made every page fail and left the bench with no lines.
        result = original(scan, sums, container, title, siblings, **options)
        seen.append((scan, result.container))
        return result

    setattr(extract_module, "extract_body", recording)  # noqa: B010
    try:
        body = extract_module.extract(html, url=url).body
    except ParseError:
        return [], []
    finally:
        setattr(extract_module, "extract_body", original)  # noqa: B010
    lines = [line for line in body.split("\n\n") if line]
    if not lines or not seen:
        return lines, [[0.0] * len(FEATURES) for _ in lines]
    scan, container = seen[-1]
    return lines, line_features(scan, container, _blocks_of(scan, lines), lines)


def line_labels(lines: list[str], gold: str) -> list[int]:
    """1 (keep) for a line whose folded text is inside the folded gold, or (4 words or more)
    half of whose word 4-grams the gold holds: the metric's unit. A line the gold holds
    trimmed or split differently is still mostly the story's."""
    held, reference = folded(gold), shingles(gold)
    labels = []
    for line in lines:
        if folded(line) in held:
            labels.append(1)
            continue
        own = shingles(line)
        count = sum(own.values())
        whole = count > 0 and len(next(iter(own))) == SHINGLE
        labels.append(1 if whole and sum((own & reference).values()) >= count / 2 else 0)
    return labels


def body_pages(which: str, per_source: int | None = 150) -> list[Any]:
    """The pages of a body-measuring set (``dev``, ``cleaneval`` or ``second``, that one
    with ``per_source`` pages of each large source) as ``bench.extraction.Page``s."""
    from bench.cleaneval_set import FAKE_URL
    from bench.cleaneval_set import pages as cleaneval_pages
    from bench.extraction import DEFAULT_DATASET, Page, load
    from bench.second_set import load_second
    from parsers.decode import decode_html

    if which == "dev":
        return load(DEFAULT_DATASET, None)
    if which == "cleaneval":
        return [Page(key, FAKE_URL, html, {"main_content": ref})
                for key, html, ref in cleaneval_pages(lambda data: decode_html(data))]
    return [Page(*sample) for sample in load_second(None, per_source)]


def collect(which: str) -> list[dict[str, Any]]:
    """Per page: key, site, gold, lines, features, labels."""
    pages = body_pages(which)
    out = []
    for page in pages:
        gold = page.truth.get("main_content") or ""
        lines, rows = page_rows(page.html, page.url)
        labels = line_labels(lines, gold)
        host = urlsplit(page.url).hostname or ""
        site = page.key if host in ("", "fakehost", "example.com") else host.removeprefix("www.")
        out.append({"key": page.key, "site": site, "gold": gold, "lines": lines,
                    "rows": rows, "labels": labels})
    return out


def load_set(which: str, cache: Path) -> list[dict[str, Any]]:
    path = cache / f"{which}.pickle"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(collect(which)))
    data: list[dict[str, Any]] = pickle.loads(path.read_bytes())
    return data


def examples(pages: list[dict[str, Any]]) -> list[tuple[list[float], int, float]]:
    """(features, label, weight): each line weighted by its share of its page's words."""
    out = []
    for page in pages:
        words = [max(len(line.split()), 1) for line in page["lines"]]
        total = sum(words) or 1
        for row, label, count in zip(page["rows"], page["labels"], words, strict=True):
            out.append((row, label, count / total))
    return out


def train(pages: list[dict[str, Any]], seed: int = 35, epochs: int = 30, rate: float = 0.05,
          l2: float = 1e-4) -> dict[str, Any]:
    """Logistic regression by seeded SGD over standardised features."""
    data = examples(pages)
    width = len(FEATURES)
    total = sum(w for _, _, w in data) or 1.0
    mean = [sum(r[k] * w for r, _, w in data) / total for k in range(width)]
    std = [math.sqrt(sum(w * (r[k] - mean[k]) ** 2 for r, _, w in data) / total) or 1.0
           for k in range(width)]
    xs = [[(r[k] - mean[k]) / std[k] for k in range(width)] for r, _, _ in data]
    scale = len(data) / total
    weights = [0.0] * width
    bias = 0.0
    order = list(range(len(data)))
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(order)
        step = rate / (1 + epoch)
        for i in order:
            x, (_, label, w) = xs[i], data[i]
            z = bias + sum(a * b for a, b in zip(weights, x, strict=True))
            p = 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))
            g = (p - label) * w * scale
            bias -= step * g
            for k in range(width):
                weights[k] -= step * (g * x[k] + l2 * weights[k])
    return {"features": list(FEATURES), "mean": mean, "std": std, "weights": weights,
            "bias": bias}


def keep_probability(model: dict[str, Any], row: list[float]) -> float:
    z = model["bias"] + sum(
        w * (v - m) / s
        for w, v, m, s in zip(model["weights"], row, model["mean"], model["std"], strict=True)
    )
    return 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))


def scored(pages: list[dict[str, Any]], model: dict[str, Any] | None, threshold: float) -> list[
        tuple[float, float]]:
    pairs = []
    for page in pages:
        lines = page["lines"]
        if model is not None:
            lines = [line for line, row in zip(lines, page["rows"], strict=True)
                     if keep_probability(model, row) >= threshold]
        pairs.append(body_precision_recall("\n\n".join(lines), page["gold"]))
    return pairs


THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5)


def line_counts(pages: list[dict[str, Any]], model: dict[str, Any], threshold: float) -> str:
    dropped_true = dropped_false = 0
    for page in pages:
        for row, label in zip(page["rows"], page["labels"], strict=True):
            if keep_probability(model, row) < threshold:
                dropped_true += label
                dropped_false += 1 - label
    return f"dropped {dropped_false} extra / {dropped_true} gold lines"


def report(name: str, base: list[tuple[float, float]], by: dict[float, list[tuple[float, float]]],
           notes: dict[float, str]) -> None:
    f1, p, r = f1_of_means(base)
    print(f"{name}: {len(base)} pages, current F1 {f1:.5f} P {p:.5f} R {r:.5f}")
    for threshold, pairs in by.items():
        f, pp, rr = f1_of_means(pairs)
        print(f"  drop under {threshold:.2f}: F1 {f:.5f} ({f - f1:+.5f}) P {pp:.5f} R {rr:.5f}"
              f"  {notes.get(threshold, '')}")


def cross_validate(pages: list[dict[str, Any]], folds: int) -> None:
    sites = sorted({page["site"] for page in pages})
    random.Random(35).shuffle(sites)
    fold_of = {site: i % folds for i, site in enumerate(sites)}
    by: dict[float, list[tuple[float, float]]] = {t: [] for t in THRESHOLDS}
    base: list[tuple[float, float]] = []
    counts: dict[float, list[int]] = {t: [0, 0] for t in THRESHOLDS}
    for fold in range(folds):
        train_pages = [p for p in pages if fold_of[p["site"]] != fold]
        test_pages = [p for p in pages if fold_of[p["site"]] == fold]
        model = train(train_pages)
        base += scored(test_pages, None, 0.0)
        for threshold in THRESHOLDS:
            by[threshold] += scored(test_pages, model, threshold)
            for page in test_pages:
                for row, label in zip(page["rows"], page["labels"], strict=True):
                    if keep_probability(model, row) < threshold:
                        counts[threshold][label] += 1
    notes = {t: f"dropped {c[0]} extra / {c[1]} gold lines" for t, c in counts.items()}
    report(f"dev, {folds}-fold by site ({len(sites)} sites)", base, by, notes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("collect", "cv", "unseen", "weights"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=CACHE)
    args = parser.parse_args(argv)
    if args.command == "collect":
        for which in ("dev", "second", "cleaneval"):
            pages = load_set(which, args.cache)
            lines = sum(len(p["lines"]) for p in pages)
            kept = sum(sum(p["labels"]) for p in pages)
            print(f"{which}: {len(pages)} pages, {lines} lines, {kept} in the gold")
        return 0
    dev = load_set("dev", args.cache)
    if args.command == "cv":
        cross_validate(dev, args.folds)
        return 0
    model = train(dev)
    if args.command == "weights":
        for name, weight in sorted(zip(FEATURES, model["weights"], strict=True),
                                   key=lambda x: (-abs(x[1]), x[0])):
            print(f"{name:20} {weight:+.17g}")
        print(f"{'bias':20} {model['bias']:+.17g}")
        return 0
    for which in ("second", "cleaneval"):
        pages = load_set(which, args.cache)
        by = {t: scored(pages, model, t) for t in THRESHOLDS}
        notes = {t: line_counts(pages, model, t) for t in THRESHOLDS}
        report(which, scored(pages, None, 0.0), by, notes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
