"""Chinese, Japanese and Korean pages of every set we may read: body, title and date.

    uv run python bench/cjk_body.py [--only pressroom|trafilatura] [--show]

Collects the pages whose truth body is written mostly in Han, kana or hangul (at least
``CJK_SHARE`` of its letters) from the dev set, the second set (all pages), the extra set,
the fourth and fifth sets and the sixth (fundus bodies), and scores per language (``ja``:
kana among them, ``ko``: hangul the most, ``zh``: Han alone) and extractor:

- body P/R/F1 as ``bench.metrics`` scores every set (word 4-gram shingles of ``\\w+``
  tokens: a Chinese or Japanese clause, written without spaces, is one token, so a
  shingle is four clauses and a page scores near 0 or 1);
- body P/R/F1 as a reader sees it (``reader_tokens``: each Han or kana character one
  token, hangul and Latin words as before: a shingle is four characters, what a Chinese
  or Japanese reader's "word" 4-gram is nearest to);
- title exact (``bench.metrics.title_matches``) and date same day where the set has them.

The fifth set's truth is goose's body prefix (recall of the prefix only, precision not
scored there: a prefix is not the whole story); the fourth set's is Postlight's first 13
words (whether our body starts with them, the ``start`` count), chosen by its title too.
CPU: about 25 s for both extractors (the sets are read whole, only the CJK pages extracted).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.dates_fundus_set import FUNDUS, truth_pages  # noqa: E402
from bench.extraction import DEFAULT_DATASET, load  # noqa: E402
from bench.fundus_body import as_read, truth_body  # noqa: E402
from bench.metrics import SHINGLE, body_precision_recall, date_matches, f1_of_means, title_matches  # noqa: E402
from bench.postlight_set import start_scores  # noqa: E402
from bench.second_set import load_second  # noqa: E402
from parsers import extract  # noqa: E402
from parsers.decode import decode_html  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

EXTRA = Path("/work/sets/extra")
FOURTH = Path("/work/sets/fourth")
FIFTH = Path("/work/sets/fifth")
HAN_KANA = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
KANA_RE = re.compile("[\u3040-\u30ff]")
HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HANGUL_RE = re.compile(f"[{HANGUL}]")
READER_TOKEN_RE = re.compile(f"[{HAN_KANA}]|(?:(?![{HAN_KANA}])\\w)+")
CJK_SHARE = 0.3


def language_of(text: str) -> str | None:
    """``ja``, ``zh`` or ``ko`` when CJK_SHARE of ``text``'s letters are Han, kana or
    hangul; None otherwise."""
    letters = sum(1 for char in text if char.isalpha())
    kana, han, hangul = (len(p.findall(text)) for p in (KANA_RE, HAN_RE, HANGUL_RE))
    if not letters or kana + han + hangul < letters * CJK_SHARE:
        return None
    if hangul >= kana + han:
        return "ko"
    return "ja" if kana >= (kana + han) * 0.05 else "zh"


def reader_tokens(text: str) -> list[str]:
    """Each Han or kana character one token; other words as ``\\w+``."""
    return READER_TOKEN_RE.findall(text)


def reader_precision_recall(predicted: str, gold: str) -> tuple[float, float]:
    """``bench.metrics.body_precision_recall`` over ``reader_tokens`` shingles."""

    def grams(text: str) -> Counter[tuple[str, ...]]:
        tokens = reader_tokens(text)
        if len(tokens) < SHINGLE:
            return Counter([tuple(tokens)]) if tokens else Counter()
        return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))

    pred, ref = grams(predicted), grams(gold)
    tp = sum((pred & ref).values())
    fp, fn = sum(pred.values()) - tp, sum(ref.values()) - tp
    if fp == fn == 0:
        return 1.0, 1.0
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)


# (set, key, url, html, truth body, truth title or None, truth date or None, mode): mode
# "full" (the whole story), "prefix" (goose's prefix: recall only) or "start" (Postlight's
# first 13 words: whether our body starts with them, ``postlight_set.start_scores``)
Sample = tuple[str, str, str, str, str, str | None, str | None, str]


def samples() -> Iterator[Sample]:
    """Every page of the sets whose truth body is CJK (``language_of``)."""
    for label, dataset in (("dev", DEFAULT_DATASET), ("extra", EXTRA)):
        for page in load(dataset, None):
            body = page.truth.get("main_content") or ""
            if language_of(body):
                yield (
                    label,
                    page.key,
                    page.url,
                    page.html,
                    body,
                    page.truth.get("title"),
                    page.truth.get("publish_date"),
                    "full",
                )
    for key, url, html, truth in load_second(None, 0):
        body = truth.get("main_content") or ""
        if language_of(body):
            yield "second", key, url, html, body, truth.get("title"), truth.get("date"), "full"
    for path in sorted((FIFTH / "truth").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        body = truth.get("body") or ""
        if language_of(body):
            html = decode_html((FIFTH / "html" / f"{path.stem}.html").read_bytes())
            title = truth.get("title") if truth.get("title") not in (None, "None") else None
            when = truth.get("date") if truth.get("date") not in (None, "None") else None
            yield "fifth", path.stem, truth["url"], html, body, title, when, "prefix"
    for path in sorted((FOURTH / "truth").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        first13 = truth.get("first13") if truth.get("first13") not in (None, "None") else ""
        title = truth.get("title") if truth.get("title") not in (None, "None") else None
        if language_of(first13 or title or "") and not truth.get("skipped"):
            html = decode_html((FOURTH / "html" / f"{path.stem}.html").read_bytes())
            when = truth.get("local_day") if truth.get("local_day") not in (None, "None") else None
            when = when or (truth.get("date_day") if truth.get("date_day") != "None" else None)
            yield "fourth", path.stem, truth["url"], html, first13, title, when, "start"
    for name, url, raw, truth in truth_pages(FUNDUS):
        body = truth_body(truth)
        if body and language_of(body):
            yield (
                "sixth",
                name,
                url,
                decode_html(raw),
                body,
                truth.get("title") or None,
                truth.get("publishing_date"),
                "full",
            )


def ours(html: str, url: str) -> tuple[str, str | None, Any]:
    try:
        article = extract(html, url=url)
    except ParseError:
        return "", None, None
    return article.body, article.title, article.published_at


def theirs(html: str, url: str) -> tuple[str, str | None, Any]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None or isinstance(doc, dict):
        return "", None, None
    return doc.text or "", doc.title, doc.date


RUNNERS: dict[str, Callable[[str, str], tuple[str, str | None, Any]]] = {
    "pressroom": ours,
    "trafilatura": theirs,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(RUNNERS), action="append")
    parser.add_argument("--show", action="store_true", help="one line per page")
    args = parser.parse_args(argv)
    names = args.only or list(RUNNERS)
    word: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    read: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    hits: Counter[tuple[str, str, str]] = Counter()
    totals: Counter[tuple[str, str]] = Counter()
    for label, key, url, html, gold, title, when, mode in samples():
        language = language_of(gold or title or "") or "?"
        gold = as_read(gold)
        groups = (f"{language} all", f"{language} {label}")
        for group in groups:
            totals[group, "pages"] += 1
            totals[group, "title"] += bool(title)
            totals[group, "date"] += bool(when)
            totals[group, "start"] += mode == "start" and bool(gold)
        for name in names:
            body, got_title, got_date = RUNNERS[name](html, url)
            body = as_read(body)
            title_ok = bool(title) and title_matches(got_title, title)
            date_ok = bool(when) and date_matches(got_date, when)
            start_ok = mode == "start" and bool(gold) and start_scores(body, gold)[0]
            for group in groups:
                hits[name, group, "title"] += title_ok
                hits[name, group, "date"] += date_ok
                hits[name, group, "start"] += start_ok
            pw = rw = pr = rr = -1.0
            if mode != "start":
                pw, rw = body_precision_recall(body, gold)
                pr, rr = reader_precision_recall(body, gold)
                if mode == "prefix":  # goose's prefix: recall only (precision counted as 1)
                    pw = pr = 1.0
                for group in groups:
                    word[name, group].append((pw, rw))
                    read[name, group].append((pr, rr))
            if args.show:
                print(
                    f"{name:11} {language} {label:6} {key:44} word P {pw:.3f} R {rw:.3f}"
                    f" read P {pr:.3f} R {rr:.3f} start {'ok' if start_ok else '--'}"
                    f" title {'ok' if title_ok else '--' if title else '  '}"
                    f" date {'ok' if date_ok else '--' if when else '  '}"
                    f" | {got_title!s:.40} | {got_date!s:.25} || {title!s:.40} | {when!s:.25}"
                )
    print(
        "| language, set | pages | "
        + " | ".join(
            f"{n} F1 word (P, R) | {n} F1 read (P, R) | {n} title, date, start" for n in names
        )
        + " |"
    )
    print("|---|---|" + "---|---|---|" * len(names))
    for group in sorted({g for g, _ in totals}):
        cells = []
        for name in names:
            for series in (word, read):
                if series[name, group]:
                    f1, p, r = f1_of_means(series[name, group])
                    cells.append(f"{f1:.3f} ({p:.3f}, {r:.3f})")
                else:
                    cells.append("-")
            cells.append(
                ", ".join(
                    f"{hits[name, group, k]}/{totals[group, k]}" for k in ("title", "date", "start")
                )
            )
        print(f"| {group} | {totals[group, 'pages']} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
