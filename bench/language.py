"""Language identification: accuracy and cost per page of ``parsers.language``.

    uv run python bench/language.py [--limit N] [--rounds N]

Pages whose language is known: the WCXB development set (truth: the page's own
``<html lang>``, pages that declare one), Readability's test pages (``lang`` in
``expected-metadata.json``) and newspaper4k's test articles (the ``language``
their fixture was made with), plus newspaper4k's plain-text samples in eleven
languages (``tests/data/txt/<language>_article.txt``; truth from the file name).
The second-set sources are read in place from git clones (``bench/second_set.py``).

Each page's text is ``Article.body`` (the samples: the text itself), scored three
ways: as the page declares its language; undeclared (the declaration removed);
and declared wrongly (English declared for a page in another language, German
for an English one). "before" is the Cyrillic/Latin rule this module replaced,
kept here as the baseline. Cost: CPU time of ``language_of`` per page, median of
``--rounds`` passes after one warm-up call (the model loads once per process;
its load time is printed apart).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extraction import DEFAULT_DATASET, load  # noqa: E402
from bench.second_set import NEWSPAPER4K, READABILITY, newspaper4k, readability, tree  # noqa: E402
from parsers import extract  # noqa: E402
from parsers.language import _model, language_of, primary  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

LANG_ATTR_RE = re.compile(r"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z_-]+)", re.IGNORECASE)
SAMPLE_LANGS = {
    "arabic": "ar", "bengali": "bn", "burmese": "my", "chinese": "zh", "hindi": "hi",
    "japanese": "ja", "korean": "ko", "latvian": "lv", "nepali": "ne", "spanish": "es",
    "thai": "th",
}
CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
ENGLISH_WORDS_RE = re.compile(r"\b(?:the|and|of|to|is|that|with|for)\b", re.IGNORECASE)
CYRILLIC_LANGS = frozenset({"ru", "be", "uk", "bg", "sr", "mk", "kk", "ky", "mn", "tg"})

Case = tuple[str, str, str | None, str]  # key, truth, declared, text


def before(declared: str | None, text: str) -> str | None:
    """The rule replaced in issue 17 (parsers/metadata.py at cbc9b95), as the baseline."""
    sample = text[:3000]
    cyrillic = len(CYRILLIC_RE.findall(sample))
    latin = len(LATIN_RE.findall(sample))
    lang = declared.strip().lower().replace("_", "-").split("-")[0] if declared else None
    if lang and not lang.isalpha():
        lang = None
    if cyrillic + latin < 40:
        return lang
    if cyrillic > latin:
        if lang in CYRILLIC_LANGS:
            return lang
        if "ў" in sample:
            return "be"
        if any(c in sample for c in "їєґ"):
            return "uk"
        return "ru"
    if lang and lang not in CYRILLIC_LANGS:
        return lang
    return "en" if len(ENGLISH_WORDS_RE.findall(sample)) * 30 > len(sample.split()) else None


def body_of(html: str, url: str) -> str:
    try:
        article = extract(html, url=url)
    except ParseError:
        return ""
    return article.body or (article.title or "")


def cases(limit: int | None) -> list[Case]:
    """Every page or sample with a known language, and the text to read."""
    found: list[Case] = []
    for page in load(DEFAULT_DATASET, limit):
        match = LANG_ATTR_RE.search(page.html[:20000])
        truth = primary(match.group(1)) if match else None
        if truth:
            found.append((f"dev/{page.key}", truth, match.group(1) if match else None,
                          body_of(page.html, page.url)))
    for key, url, html, truth_record in [*readability(READABILITY), *newspaper4k(NEWSPAPER4K)]:
        truth = primary(truth_record.get("language"))
        if truth:
            found.append((key, truth, truth_record.get("language"), body_of(html, url)))
    for name, data in sorted(tree(NEWSPAPER4K, "tests/data/txt").items()):
        lang = SAMPLE_LANGS.get(name.removesuffix(".txt").removesuffix("_article"))
        if lang:
            found.append((f"sample/{name}", lang, None, data.decode("utf-8", errors="replace")))
    return found


def wrong(truth: str) -> str:
    return "de" if truth == "en" else "en"


def accuracy(rule: Callable[[str | None, str], str | None], pages: list[Case]) -> list[int]:
    """Right answers as declared, undeclared, declared wrongly."""
    declared = sum(rule(d, text) == truth for _, truth, d, text in pages if d)
    undeclared = sum(rule(None, text) == truth for _, truth, _, text in pages)
    wrongly = sum(rule(wrong(truth), text) == truth for _, truth, _, text in pages)
    return [declared, undeclared, wrongly]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--limit", type=int, default=None, help="first N dev pages only")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    start = time.process_time()
    _model()
    load_ms = 1000 * (time.process_time() - start)
    pages = cases(args.limit)
    groups = {
        "dev (declared lang)": [c for c in pages if c[0].startswith("dev/")],
        "readability + newspaper4k": [c for c in pages if not c[0].startswith(("dev/", "sample/"))],
        "newspaper4k text samples": [c for c in pages if c[0].startswith("sample/")],
    }
    print("| pages | n | declared: before / after | undeclared: before / after "
          "| declared wrongly: before / after |")
    print("|---|---|---|---|---|")
    for label, group in groups.items():
        old, new = accuracy(before, group), accuracy(language_of, group)
        n_declared = sum(1 for c in group if c[2])
        print(f"| {label} | {len(group)} | {old[0]}/{n_declared} / {new[0]}/{n_declared} "
              f"| {old[1]}/{len(group)} / {new[1]}/{len(group)} "
              f"| {old[2]}/{len(group)} / {new[2]}/{len(group)} |")
    for key, truth, _, text in pages:
        got = language_of(None, text)
        if got != truth:
            print(f"undeclared miss: {key} truth {truth} got {got} ({len(text)} chars)")
    passes = []
    for _ in range(args.rounds):
        start = time.process_time()
        for _, _, declared, text in pages:
            language_of(declared, text)
        passes.append(time.process_time() - start)
    print(f"\nmodel load {load_ms:.0f} ms once per process; language_of "
          f"{1000 * median(passes) / len(pages):.3f} ms per page (median of {args.rounds} passes "
          f"over {len(pages)} pages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
