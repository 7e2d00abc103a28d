"""A fourth measuring set: the fixtures of Postlight's Mercury parser and their expectations.

    uv run python bench/postlight_set.py build [--mirror GIT_DIR] [--out DIR]
    uv run python bench/postlight_set.py measure [--out DIR] [--only pressroom] [--misses FILE]

Postlight's parser (github.com/postlight/parser) keeps one saved page per site and what its
maintainers wrote by hand as that page's title, author, date and first 13 content words;
``build`` writes them to a folder outside this project (``bench/postlight_build.py``, which
says how they are read), ``measure`` scores an extractor on that folder.

Scores (``measure``): title exact as ``bench.metrics.title_matches``; authors as
``bench.metrics.authors_match`` (the expected "A, B and C" split the same way); date twice:
the same day in UTC as the expected instant, and the same local day, where the page prints
the instant with an offset (an ISO date-time in the HTML equal to it) or the instant is
midnight east of UTC and the page prints that day (Mercury reads a printed day in the
site's zone), else the UTC day; day-only answers (trafilatura's) are compared as they are.
Body start: our body begins with ``first13``, and ``first13`` is within our first 60 words
(both with white space removed, see ``start_scores``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.metrics import authors_match, title_matches  # noqa: E402
from bench.postlight_build import (  # noqa: E402  (the builder's names, importable from here)
    DEFAULT_OUT,
    MIRROR,
    Expectation,
    build,
    day_printed,
    expectations,
    git,
    has_article_truth,
    midnight_local_day,
    parse_instant,
    parse_tests,
    printed_local_day,
    read_literal,
)
from parsers.decode import decode_html  # noqa: E402

__all__ = [
    "DEFAULT_OUT",
    "MIRROR",
    "RUNNERS",
    "Expectation",
    "build",
    "date_scores",
    "day_printed",
    "expectations",
    "git",
    "has_article_truth",
    "main",
    "measure",
    "midnight_local_day",
    "parse_instant",
    "parse_tests",
    "printed_local_day",
    "read_literal",
    "run_pressroom",
    "run_trafilatura",
    "score_page",
    "start_scores",
    "words",
]

START_WORDS = 13
WITHIN_WORDS = 60


def words(text: str | None) -> list[str]:
    return (text or "").split()


def start_scores(body: str, first13: str) -> tuple[bool, bool]:
    """(our body starts with ``first13``, ``first13`` is within our first 60 words).

    Compared with white space removed: ``first13`` is jQuery's ``text()`` of the content,
    which glues block elements ("186 cmAvailable Lengths", "America.The first lady") and
    has no spaces in Chinese or Japanese, where one "word" is a whole run of sentences."""
    want = "".join(words(first13))
    ours = words(body)
    return "".join(ours).startswith(want), want in "".join(ours[:WITHIN_WORDS])


def date_scores(value: date | datetime | None, truth: dict[str, Any]) -> tuple[bool, bool]:
    """(same UTC day as the expected instant, same local day where the page printed one)."""
    if value is None or not truth.get("date_day"):
        return False, False
    if isinstance(value, datetime):
        utc_day = (value.astimezone(UTC) if value.tzinfo else value).date()
        local = value.date()
    else:
        utc_day = local = value
    local_want = truth.get("local_day") or truth["date_day"]
    return str(utc_day) == truth["date_day"], str(local) == local_want


def score_page(truth: dict[str, Any], title: str | None, authors: Any, when: Any,
               body: str) -> dict[str, bool | None]:
    """Each field's hit (None where the page has no expectation for it)."""
    utc, local = date_scores(when, truth)
    exact, within = start_scores(body, truth.get("first13") or "")
    return {
        "title": title_matches(title, truth["title"]) if truth.get("title") else None,
        "author": authors_match(authors, truth["author"]) if truth.get("author") else None,
        "date_utc": utc if truth.get("date_day") else None,
        "date_local": local if truth.get("date_day") else None,
        "start": exact if truth.get("first13") else None,
        "start_60": within if truth.get("first13") else None,
    }


def run_pressroom(html: str, url: str) -> tuple[str | None, Any, Any, str]:
    from parsers import extract
    from pressroom.errors import ParseError
    try:
        article = extract(html, url=url)
    except ParseError:
        return None, None, None, ""
    return article.title, article.authors, article.published_at, article.body


def run_trafilatura(html: str, url: str) -> tuple[str | None, Any, Any, str]:
    import trafilatura
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None or isinstance(doc, dict):
        return None, None, None, ""
    day = date.fromisoformat(doc.date[:10]) if doc.date else None
    return doc.title, doc.author, day, doc.text or ""


RUNNERS = {"pressroom": run_pressroom, "trafilatura": run_trafilatura}


def measure(out: Path, names: list[str], misses: Path | None) -> dict[str, dict[str, list[int]]]:
    """Per extractor, per field: [hits, pages with that expectation]."""
    totals: dict[str, dict[str, list[int]]] = {n: {} for n in names}
    lines = []
    for path in sorted((out / "truth").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        html = decode_html((out / "html" / f"{path.stem}.html").read_bytes())
        for name in names:
            title, authors, when, body = RUNNERS[name](html, truth["url"])
            hits = score_page(truth, title, authors, when, body)
            for key, hit in hits.items():
                if hit is not None:
                    pair = totals[name].setdefault(key, [0, 0])
                    pair[0] += hit
                    pair[1] += 1
            if name == "pressroom" and not all(h is not False for h in hits.values()):
                lines.append(json.dumps({
                    "fixture": path.stem, "url": truth["url"],
                    "missed": [k for k, h in hits.items() if h is False],
                    "title": [title, truth.get("title")],
                    "author": [list(authors) if authors else None, truth.get("author")],
                    "date": [str(when) if when else None, truth.get("date_published")
                             or truth.get("date_day"), truth.get("local_day")],
                    "start": [" ".join(words(body)[:20]), truth.get("first13")],
                    "dek": truth.get("dek")}, ensure_ascii=False))
    if misses:
        misses.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return totals


LABELS = (("title", "title exact"), ("author", "authors"), ("date_utc", "date, UTC day"),
          ("date_local", "date, the page's local day"), ("start", "body starts at first13"),
          ("start_60", "first13 within first 60 words"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("command", choices=("build", "measure"))
    parser.add_argument("--mirror", type=Path, default=MIRROR, help="Postlight parser git dir")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--only", choices=tuple(RUNNERS), default=None)
    parser.add_argument("--misses", type=Path, default=None, help="pressroom's misses (JSONL)")
    args = parser.parse_args(argv)
    if args.command == "build":
        try:
            records = build(args.mirror, args.out)
        except subprocess.CalledProcessError as error:
            parser.error(  # exits with status 2
                f"no git mirror of Postlight's parser at {args.mirror} ("
                f"{error.stderr.decode(errors='replace').strip()}): fetch github:postlight/parser"
                " or pass --mirror GIT_DIR"
            )
        kept = [r for r in records if not r.skipped]
        print(f"{len(kept)} pages written to {args.out} (Postlight parser fixtures)")
        for record in records:
            if record.skipped:
                print(f"  skipped {record.fixture}: {record.skipped}")
        return
    if not any((args.out / "truth").glob("*.json")):
        parser.error(f"no pages in {args.out}: run `build --out {args.out}` first")
    names = [args.only] if args.only else list(RUNNERS)
    totals = measure(args.out, names, args.misses)
    print("| field | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for key, label in LABELS:
        cells = [f"{totals[n].get(key, [0, 0])[0]}/{totals[n].get(key, [0, 0])[1]}"
                 for n in names]
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
