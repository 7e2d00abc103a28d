"""A fifth measuring set: goose3's test fixtures and the expectations its tests compare.

    uv run python bench/goose_set.py build [--mirror GIT_DIR] [--out DIR]
    uv run python bench/goose_set.py measure [--out DIR] [--only pressroom] [--misses FILE]

goose3 (github.com/goose3/goose3, Apache-2.0) keeps saved pages in ``tests/data/<folder>/``
(``test_X.html``) beside a JSON of goose's expected output (``test_X.json``: ``url``,
``expected``); ``tests/test_<folder>.py``'s ``test_X`` says which expected fields it
compares. Only those are truths here (the JSON holds more, unchecked): ``title`` exact,
``cleaned_text`` as a prefix (goose's ``assert_cleaned_text`` compares the beginning of its
text with it), ``publish_date`` and ``authors`` exact (authors sorted). The pages are
third-party: nothing of them is copied into this project; ``build`` writes them to a folder
outside it (``html/<folder>--<test>.html``, bytes unchanged, ``truth/<...>.json``, a README).

Left out, each with its reason in ``skipped.json``: folders whose truths are no field we
score (``NOT_ARTICLES``), fixtures whose test first sets a goose configuration (a site
pattern, headers or lists off: the truth is that configuration's output), non-article pages
(``NOT_ARTICLE_PAGES``) and a second copy of a page with the same truths. A fixture whose
JSON names no URL on a real site is a snippet (a few lines of markup written for goose's
test, e.g. one ``<meta>``), scored apart from the pages under ``http://example.com/<name>``.

Scores (``measure``): title ``bench.metrics.title_matches``; authors
``bench.metrics.authors_match`` (goose's list joined by commas); date the same day as
printed in ``publish_date``; body twice for a prefix truth, ours begins with its first 13
words and they are within our first 60 (``bench.postlight_set.start_scores``), and the
shingle recall of the prefix in our body (``bench.metrics.body_precision_recall``;
precision means nothing against a prefix and is not given).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.metrics import authors_match, body_precision_recall, date_matches, title_matches  # noqa: E402
from bench.postlight_set import RUNNERS, git, start_scores, words  # noqa: E402
from parsers.decode import decode_html  # noqa: E402

MIRROR = Path("/work/.mirror/goose3+goose3/repo")
DEFAULT_OUT = Path("/tmp/goose-set")
DATA = "tests/data/"
START_WORDS = 13
# Folders whose truths are no field we score: the reason is printed.
NOT_ARTICLES: dict[str, str] = {
    "images": "which picture is the top image",
    "videos": "embedded videos",
    "tweets": "embedded tweets",
    "links": "the links goose finds",
    "tags": "the page's tags",
    "metas": "an encoding and meta fields",
    "opengraph": "the og: dictionary (and a date as goose's str())",
    "schema": "the schema.org dictionaries",
    "parser": "no expectation",
}
# Pages that are no news or blog article (as bench/postlight_set.py left genius's out).
NOT_ARTICLE_PAGES: dict[str, str] = {"content--allnewlyrics1": "song lyrics"}
SNIPPET_HOSTS = ("example.com", "exemple.com")
# expected field -> our name; the fields a test compares that we score.
FIELDS = {"title": "title", "cleaned_text": "body", "publish_date": "date", "authors": "authors"}
TEST_RE = re.compile(r"\n    def (test_\w+)\(self\):(.*?)(?=\n    def |\nclass |\Z)", re.S)
COMPARED_RE = re.compile(r"""fields\s*=\s*\[([^\]]*)\]|field\s*=\s*"(\w+)\"""")
CONFIGURED_RE = re.compile(r"getArticle\(\s*[^)\s]|\bconfig\w*\s*=\s*\{")


def compared_fields(source: str) -> dict[str, tuple[set[str], bool]]:
    """Per test function of a goose test module: (expected fields compared, configured)."""
    out = {}
    for match in TEST_RE.finditer(source):
        body = match.group(2)
        names: set[str] = set()
        for listed, single in COMPARED_RE.findall(body):
            names.update(re.findall(r"\"(\w+)\"", listed) if listed else [single])
        out[match.group(1)] = (names, bool(CONFIGURED_RE.search(body)))
    return out


def truth_of(name: str, data: dict[str, Any], fields: set[str]) -> dict[str, Any]:
    """The scored truths of one fixture (None where its test compares no such field)."""
    expected = data.get("expected", {})
    url = data.get("url") or ""
    snippet = not url or urlsplit(url).hostname in SNIPPET_HOSTS
    truth: dict[str, Any] = {
        "fixture": name, "url": url or f"http://example.com/{name}",
        "kind": "snippet" if snippet else "page"}
    for field, ours in FIELDS.items():
        value = expected.get(field) if field in fields else None
        if isinstance(value, list):
            value = ", ".join(sorted(value))
        truth[ours] = value if value else None
    if truth["date"]:
        truth["date"] = truth["date"][:10]
    return truth


def expectations(mirror: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The kept fixtures' truths, and the reason each other fixture was left out."""
    listing = git(mirror, "ls-tree", "-r", "HEAD", DATA).decode().splitlines()
    blobs = {line.split("\t", 1)[1]: line.split()[2] for line in listing}
    kept, skipped, seen = [], {}, {}
    for path in sorted(p for p in blobs if p.endswith(".json")):
        folder, test = path[len(DATA):-5].split("/", 1)
        name = f"{folder}--{test[5:]}"
        html_path = path[:-5] + ".html"
        if folder in NOT_ARTICLES or html_path not in blobs:
            skipped[name] = NOT_ARTICLES.get(folder, "no saved page")
            continue
        tests = compared_fields(git(mirror, "show", f"HEAD:tests/test_{folder}.py").decode())
        fields, configured = tests.get(test, (set(), False))
        data = json.loads(git(mirror, "show", f"HEAD:{path}"))
        truth = truth_of(name, data, fields)
        twin = seen.get(blobs[html_path])
        if configured:
            skipped[name] = "its test sets a goose configuration first"
        elif name in NOT_ARTICLE_PAGES:
            skipped[name] = NOT_ARTICLE_PAGES[name]
        elif not any(truth[f] for f in FIELDS.values()):
            skipped[name] = "no title, body, date or authors compared"
        elif twin and all(truth[f] == twin[f] for f in FIELDS.values()):
            skipped[name] = f"the same page and truths as {twin['fixture']}"
        else:
            truth["html"] = html_path
            seen.setdefault(blobs[html_path], truth)
            kept.append(truth)
    return kept, skipped


README = """# goose3's test fixtures as a measuring set

Saved pages from github.com/goose3/goose3 (`tests/data/`, commit {commit}) with the expected
title, cleaned_text (a prefix), publish_date and authors its tests compare. goose3 is
Apache-2.0 (Gravity.com's Goose, ported by Xavier Grangier, maintained by the goose3
project); the pages are their publishers' and are not redistributed: this folder is built
locally by Pressroom's `bench/goose_set.py` for measurement only. Credit goose3 wherever
results on it are quoted.
"""


def build(mirror: Path, out: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Write the kept fixtures and their truths to ``out``."""
    kept, skipped = expectations(mirror)
    (out / "html").mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    for truth in kept:
        raw = git(mirror, "show", f"HEAD:{truth.pop('html')}")
        (out / "html" / f"{truth['fixture']}.html").write_bytes(raw)
        (out / "truth" / f"{truth['fixture']}.json").write_text(
            json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    commit = git(mirror, "rev-parse", "HEAD").decode().strip()
    (out / "README.md").write_text(README.format(commit=commit), encoding="utf-8")
    (out / "skipped.json").write_text(json.dumps(skipped, indent=1), encoding="utf-8")
    return kept, skipped


def prefix_words(prefix: str) -> list[str]:
    """The prefix's words, less a last word goose's cut may have split."""
    tokens = words(prefix)
    return tokens[:-1] if tokens and prefix[-1:].isalnum() and len(tokens) > START_WORDS else tokens


def score_page(truth: dict[str, Any], title: str | None, authors: Any, when: Any,
               body: str) -> dict[str, float | bool | None]:
    """Each field's score (None where the fixture has no truth for it)."""
    prefix = truth.get("body") or ""
    start, within = start_scores(body, " ".join(words(prefix)[:START_WORDS]))
    recall = body_precision_recall(body, " ".join(prefix_words(prefix)))[1]
    return {
        "title": title_matches(title, truth["title"]) if truth.get("title") else None,
        "authors": authors_match(authors, truth["authors"]) if truth.get("authors") else None,
        "date": date_matches(when, truth["date"]) if truth.get("date") else None,
        "start": start if prefix else None,
        "start_60": within if prefix else None,
        "recall": recall if prefix else None,
    }


def measure(out: Path, names: list[str], misses: Path | None) -> dict[str, dict[str, list[float]]]:
    """Per extractor and kind ("page", "snippet"), per field: [sum of scores, fixtures]."""
    totals: dict[str, dict[str, list[float]]] = {}
    lines = []
    for path in sorted((out / "truth").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        html = decode_html((out / "html" / f"{path.stem}.html").read_bytes())
        for name in names:
            title, authors, when, body = RUNNERS[name](html, truth["url"])
            scores = score_page(truth, title, authors, when, body)
            group = totals.setdefault(f"{name} {truth['kind']}", {})
            for key, value in scores.items():
                if value is not None:
                    pair = group.setdefault(key, [0.0, 0])
                    pair[0] += float(value)
                    pair[1] += 1
            missed = [k for k, v in scores.items() if v is False or (k == "recall" and v is not None
                                                                    and float(v) < 0.9)]
            if name == "pressroom" and missed:
                lines.append(json.dumps({
                    "fixture": path.stem, "url": truth["url"], "missed": missed,
                    "recall": scores["recall"], "title": [title, truth.get("title")],
                    "authors": [list(authors) if authors else None, truth.get("authors")],
                    "date": [str(when) if when else None, truth.get("date")],
                    "start": [" ".join(words(body)[:20]), " ".join(words(truth.get("body"))[:20])],
                }, ensure_ascii=False))
    if misses:
        misses.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return totals


LABELS = (("title", "title exact"), ("authors", "authors"), ("date", "date, same day"),
          ("start", "body begins with the first 13 words"),
          ("start_60", "first 13 words within our first 60"),
          ("recall", "prefix shingle recall (mean)"))


def table(totals: dict[str, dict[str, list[float]]]) -> list[str]:
    groups = sorted(totals, key=lambda g: (g.split()[1], g))
    rows = ["| field | " + " | ".join(groups) + " |", "|---|" + "---|" * len(groups)]
    for key, label in LABELS:
        cells = []
        for group in groups:
            total, count = totals[group].get(key, [0.0, 0])
            cells.append("-" if not count else f"{total / count:.3f} ({int(count)})"
                         if key == "recall" else f"{int(total)}/{int(count)}")
        rows.append(f"| {label} | " + " | ".join(cells) + " |")
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("command", choices=("build", "measure"))
    parser.add_argument("--mirror", type=Path, default=MIRROR, help="goose3's git dir")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--only", choices=tuple(RUNNERS), default=None)
    parser.add_argument("--misses", type=Path, default=None, help="pressroom's misses (JSONL)")
    args = parser.parse_args(argv)
    if args.command == "build":
        try:
            kept, skipped = build(args.mirror, args.out)
        except subprocess.CalledProcessError as error:
            parser.error(  # exits with status 2
                f"no git mirror of goose3 at {args.mirror} ("
                f"{error.stderr.decode(errors='replace').strip()}): fetch github:goose3/goose3"
                " or pass --mirror GIT_DIR")
        pages = sum(t["kind"] == "page" for t in kept)
        print(f"{pages} pages and {len(kept) - pages} snippets written to {args.out} (goose3)")
        for name, reason in skipped.items():
            print(f"  skipped {name}: {reason}")
        return
    if not any((args.out / "truth").glob("*.json")):
        parser.error(f"no fixtures in {args.out}: run `build --out {args.out}` first")
    names = [args.only] if args.only else list(RUNNERS)
    print("\n".join(table(measure(args.out, names, args.misses))))


if __name__ == "__main__":
    main()
