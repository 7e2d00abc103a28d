"""Publication dates beyond English: fundus's per-publisher test pages, by language and script.

    uv run python bench/dates_fundus_set.py [--only pressroom|htmldate] [--hide-url] [--show]

Data: flairNLP/fundus (MIT), ``tests/resources/parser/test_data/<country>/``: for each
of its ~180 publishers (40 countries: German, English, Japanese, Korean, Chinese,
Turkish, Russian, Ukrainian, Vietnamese, Arabic-script and more) one or a few saved
article pages (``<Publisher>_<crawl date>.html.gz``), the page's URL (``meta.info``)
and what fundus's hand-written parser for that publisher extracts (``<Publisher>.json``,
one entry per parser version, oldest first), including ``publishing_date``. That value
is the truth: a regression fixture checked by fundus's maintainers, a second opinion
rather than an annotation. A value without an offset is the page's local time.

The pages are read in place from the mirror's git objects; nothing of theirs is
copied into this project. None of them is a reserved set.

Score: same local day (``bench.metrics.date_matches``: the truth's day as written,
ours in the offset it carries). The page's language is its ``<html lang>`` (else the
folder's country); the script is the one most of the title's letters are written in.
Both extractors are given the page's URL, as the pipeline is; ``--hide-url`` gives
them Readability's harness URL instead, so the day must come from the page.
``--printed-only`` also takes out what a page declares (``<meta>`` tags, scripts,
``datetime``/``content`` attributes, ``<time>`` tags' values), so only the dates the
page prints are left: the mode that shows which languages' spellings are read.
``--fetched-at`` gives our extractor the page's crawl time as its fetch time, as the
pipeline does: ``meta.info``'s ``crawl_date``, a naive time read as Berlin's (fundus does
not say its zone; Kicker's "vor 14 Minuten" crawled at 15:37 is its declared 15:24+02:00,
Tagesspiegel's "Heute, 12:37 Uhr" at 12:44 its 10:37Z), else the file name's day at 12:00
UTC; ``--show`` marks pages with only that day and those crawled within 3 hours of midnight.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.metrics import date_matches  # noqa: E402
from bench.rivals import chosen, rival_parser  # noqa: E402
from parsers import extract  # noqa: E402
from parsers.decode import decode_html  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

FUNDUS = Path("/work/.mirror/flairNLP+fundus/repo")
DATA = "tests/resources/parser/test_data"
FAKE_URL = "http://fakehost/test/page.html"
BERLIN = ZoneInfo("Europe/Berlin")
LANG_RE = re.compile(r"<html[^>]*?\slang=[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
VERSION_RE = re.compile(r"V(\d+)(?:_(\d+))?$")
# What ``--printed-only`` removes: declared dates (meta, JSON-LD and config scripts,
# machine-readable attributes); the text a reader sees stays.
DECLARED_RES = (
    re.compile(r"<script\b.*?</script\s*>", re.IGNORECASE | re.DOTALL),
    re.compile(r"<meta\b[^>]*>", re.IGNORECASE),
    re.compile(
        r"\s(?:datetime|content|data-[\w-]+|title)\s*=\s*(?:\"[^\"]*\"|'[^']*')", re.IGNORECASE
    ),
)


def page_language(html: str, name: str) -> str:
    """The page's ``<html lang>``, else its fundus folder's country and a ``?``."""
    match = LANG_RE.search(html[:5000])
    return match[1].lower() if match else name.split("/")[0] + "?"


def _git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True).stdout


def _version_key(name: str) -> tuple[int, int]:
    match = VERSION_RE.match(name)
    return (int(match[1]), int(match[2] or 0)) if match else (0, 0)


def truth_pages(repo: Path) -> list[tuple[str, str, bytes, dict[str, Any]]]:
    """(country/file, url, page bytes, what fundus extracts) of every test page.

    A publisher's pages pair with its parser versions in order (each version's test
    page is the one crawled while it was current); a publisher whose count of pages
    and versions differ is left out rather than guessed.
    """
    listing = _git(repo, "ls-tree", "-r", "--name-only", "HEAD", DATA).decode().split("\n")
    by_folder: dict[str, list[str]] = {}
    for path in listing:
        if path.count("/") == DATA.count("/") + 2:
            by_folder.setdefault(path.rsplit("/", 1)[0], []).append(path)
    found = []
    for folder, files in sorted(by_folder.items()):
        country = folder.rsplit("/", 1)[1]
        meta = json.loads(_git(repo, "show", f"HEAD:{folder}/meta.info") or b"{}")
        for truth_path in sorted(f for f in files if f.endswith(".json")):
            publisher = truth_path.rsplit("/", 1)[1][: -len(".json")]
            truth = json.loads(_git(repo, "show", f"HEAD:{truth_path}"))
            versions = sorted(truth, key=_version_key)
            htmls = sorted(
                f for f in files
                if f.rsplit("/", 1)[1].startswith(publisher + "_") and f.endswith(".html.gz")
            )
            if len(htmls) != len(versions):
                continue
            for version, html_path in zip(versions, htmls, strict=True):
                name = html_path.rsplit("/", 1)[1]
                url = meta.get(name, {}).get("url", FAKE_URL)
                raw = gzip.decompress(_git(repo, "show", f"HEAD:{html_path}"))
                found.append((f"{country}/{name[: -len('.html.gz')]}", url, raw, truth[version]))
    return found


def crawl_times(repo: Path) -> dict[str, tuple[datetime, bool]]:
    """(crawl time, whether ``meta.info`` gave the hour) of every page, by country/file."""
    listing = _git(repo, "ls-tree", "-r", "--name-only", "HEAD", DATA).decode().split("\n")
    found: dict[str, tuple[datetime, bool]] = {}
    for path in listing:
        if not path.endswith(".html.gz"):
            continue
        folder, name = path.rsplit("/", 1)
        key = f"{folder.rsplit('/', 1)[1]}/{name[: -len('.html.gz')]}"
        day = re.search(r"_(\d{4})_(\d{2})_(\d{2})\.html\.gz$", name)
        if day:
            noon = datetime(int(day[1]), int(day[2]), int(day[3]), 12, tzinfo=UTC)
            found[key] = (noon, False)
    for path in (p for p in listing if p.endswith("/meta.info")):
        country = path.rsplit("/", 2)[1]
        for name, info in json.loads(_git(repo, "show", f"HEAD:{path}") or b"{}").items():
            if info.get("crawl_date"):
                stamp = datetime.fromisoformat(info["crawl_date"]).replace(tzinfo=BERLIN)
                found[f"{country}/{name[: -len('.html.gz')]}"] = (stamp, True)
    return found


def pages(repo: Path) -> list[tuple[str, str, bytes, str, str]]:
    """(country/file, url, page bytes, truth publishing_date, title) of every dated page."""
    return [
        (name, url, raw, truth["publishing_date"], truth.get("title") or "")
        for name, url, raw, truth in truth_pages(repo)
        if truth.get("publishing_date")
    ]


def script_of(text: str) -> str:
    """The script most letters of ``text`` are written in (first word of the Unicode name)."""
    counts: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            script = name.split(" ")[0] if name else "?"
            counts["Han" if script == "CJK" else script] += 1
    return counts.most_common(1)[0][0].title() if counts else "?"


def printed_only(html: str) -> str:
    """``html`` without the dates it declares (``--printed-only``)."""
    for pattern in DECLARED_RES:
        html = pattern.sub(" ", html)
    return html


def ours(html: str, url: str, fetched_at: datetime | None = None) -> str | None:
    try:
        value = extract(html, url=url, fetched_at=fetched_at).published_at
    except ParseError:
        return None
    return value.isoformat() if value is not None else None


def theirs(html: str, url: str, fetched_at: datetime | None = None) -> str | None:
    from htmldate import find_date

    return find_date(html, url=url, original_date=True, outputformat="%Y-%m-%d")


def main(argv: list[str] | None = None) -> int:
    """Print same-local-day accuracy per extractor, language and script."""
    parser = rival_parser(__doc__, FUNDUS, "htmldate")
    parser.add_argument("--hide-url", action="store_true", help="give the harness URL")
    parser.add_argument("--printed-only", action="store_true", help="drop declared dates")
    parser.add_argument("--show", action="store_true", help="one line per page")
    parser.add_argument("--fetched-at", action="store_true", help="give the crawl time")
    args = parser.parse_args(argv)
    runs = chosen(args, {"pressroom": ours, "htmldate": theirs}, "fundus")
    if runs is None:
        return 1
    dated = pages(args.repo)
    crawled = crawl_times(args.repo) if args.fetched_at else {}
    hits: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    nones: Counter[str] = Counter()
    for name, url, raw, gold, title in dated:
        html = decode_html(raw)
        if args.printed_only:
            html = printed_only(html)
        language = page_language(html, name)
        groups = ("all", f"lang {language}", f"script {script_of(title)}")
        for group in groups:
            totals[group] += 1
        for label, run in runs.items():
            hide = args.hide_url or args.printed_only
            fetched, hour_known = crawled.get(name, (None, True))
            value = run(html, FAKE_URL if hide else url, fetched if label == "pressroom" else None)
            ok = date_matches(value, gold)
            for group in groups:
                hits[label, group] += ok
            nones[label] += value is None
            if args.show:
                mark = "ok  " if ok else ("none" if value is None else "MISS")
                midnight = fetched is not None and (
                    fetched.hour < 3 or fetched.hour >= 21 or not hour_known
                )
                note = ("  day only" if not hour_known else "  near midnight") if midnight else ""
                print(
                    f"{label:9} {mark} {name:42} {language:4} gold {gold[:25]:25} got {value}{note}"
                )
    total = totals["all"]
    print(f"fundus test pages with a publishing_date: {total}")
    for label in runs:
        print(
            f"{label:9} same day {hits[label, 'all']}/{total} "
            f"({hits[label, 'all'] / max(total, 1):.1%}); no date {nones[label]}"
        )
    for group in sorted(g for g in totals if g != "all"):
        row = "  ".join(f"{label} {hits[label, group]}" for label in runs)
        print(f"  {group:16} {totals[group]:3}  {row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
