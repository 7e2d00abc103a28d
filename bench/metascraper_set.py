"""Titles, authors and dates on metascraper's integration pages (the seventh measuring set).

    uv run python bench/metascraper_set.py [--only pressroom|trafilatura|htmldate]
        [--show] [--misses] [--repo DIR]

Data: microlinkhq/metascraper (MIT), ``packages/metascraper/test/integration/<site>/``,
read in place from the mirror's git objects (nothing copied): 89 sites (news, trade
press, press-release wires, blogs, podcasts, and a few pages that are not articles),
90 saved pages (``input.html``; nytimes has two), the page's URL (``index.js``) and
metascraper's output for it (``snapshots/index.js.md``, AVA's snapshot; a ``t.is`` in
``index.js`` overrides it): ``title``, ``author`` (one string), ``date`` (a UTC instant).
A field a test leaves out of its snapshot (a date the page does not fix) is not scored.

That output is a regression fixture, not a gold standard. Every disagreement with any
extractor was looked at and the snapshot's value labelled in ``LABELS`` (``wrong``: the
page says otherwise; ``convention``: defensible but not ours, e.g. a title with the
site's name, the publisher as author, one of several authors, the modified date);
a value nobody disputes or labelled ``right`` is "checked". Figures are printed over
every article page, over the checked ones, and over "page": the checked values and, where
the snapshot is wrong and the page names someone, that name (``PAGE_VALUES``).
``NOT_ARTICLES`` (code hosts, social posts, home and topic pages, encyclopaedia entries)
are counted apart.

Scores: title exact after folding (``bench.metrics.title_matches``); author: same
folded string or set of names (``bench.metrics.authors_match``); date: the same
instant to the minute (a truth at exactly 00:00 or 12:00 UTC is how metascraper writes a
day without a time: there the day), and the same UTC day. trafilatura (title, author, date) and
htmldate (date, ``original_date=True``) give a day only, the page's own: their date is
scored on the UTC day. Every extractor gets the page's URL.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.metrics import authors_match, title_matches  # noqa: E402
from bench.rivals import rival_parser  # noqa: E402
from parsers import extract  # noqa: E402
from parsers.decode import decode_html  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

METASCRAPER = Path("/work/.mirror/microlinkhq+metascraper/repo")
DATA = "packages/metascraper/test/integration"
FIELDS = ("title", "author", "date")
TEST_RE = re.compile(r"test\)?\('([^']+)',\s*async")
URL_RE = re.compile(r"const url =\s*'([^']+)'")
INPUT_RE = re.compile(r"readFile\(resolve\(__dirname, '([^']+)'\)\)")
SECTION_RE = re.compile(r"^## (.+)$", re.MULTILINE)
VALUE_RE = re.compile(r"^\s+(\w+): (?:'(.*)'|null),$", re.MULTILINE)
ASSERT_RE = re.compile(r"t\.is\(\s*metadata\.(\w+),\s*'([^']*)'\s*\)")

# Pages that are not articles: scored apart.
NOT_ARTICLES = frozenset(
    {
        "github",
        "instagram",
        "linkedin-company",
        "learnnode",
        "milanocittastato",
        "qz",
        "teslahunt",
        "twitter-gif",
        "twitter-image",
        "vimeo",
        "wikipedia",
        "yandex",
    }
)

# The snapshot's value where some extractor disagrees, looked at on the page (m43,
# December 2026): (page, field) -> (label, why). Labels: right, wrong, convention.
SITE_NAME = ("convention", "the <title>/og:title with the site's name")
OG_VARIANT = ("convention", "og:title, a variant of the printed <h1>")
MODIFIED = ("convention", "the modified date (dateModified / article:modified_time)")
LABELS: dict[tuple[str, str], tuple[str, str]] = {
    **{
        (page, "title"): SITE_NAME
        for page in (
            "astier",
            "belfusto",
            "bfi",
            "bukvy",
            "economic-times",
            "engadget",
            "information-week",
            "lean-data",
            "npr",
            "reactpodcast",
            "the-boston-globe",
            "theflip",
            "techcrunch",
            "transistor",
            "zdnet",
        )
    },
    **{
        (page, "title"): OG_VARIANT
        for page in (
            "cnet",
            "pikabu",
            "silicon-valley-business-journal",
            "techmonitor",
        )
    },
    ("nytimes/article", "title"): ("convention", "og:title's '(Published 2017)' suffix"),
    ("nytimes/opinion", "title"): ("convention", "the 'Opinion |' section kicker"),
    ("acast", "title"): ("right", "the episode's name"),
    ("audiense", "author"): ("convention", "the name with its job title"),
    ("bfi", "author"): ("wrong", "the publisher's Facebook handle; no byline"),
    ("business-today", "author"): ("wrong", "a Twitter handle; the byline is Sonal Khetarpal"),
    ("googleblog", "author"): ("wrong", "the page says 'Posted by Brian Stevens'"),
    ("indiehackers", "author"): ("wrong", "the attribution of a quote"),
    ("linkedin-pulse", "author"): ("right", "the post's author"),
    ("npr", "author"): ("convention", "the first of two reporters"),
    ("segment-academy", "author"): ("convention", "the publisher as author"),
    ("sfstandard", "author"): ("wrong", "an e-mail address with the @ dropped"),
    ("the-boston-globe", "author"): ("wrong", "the byline with the outlet and date glued on"),
    ("transistor", "author"): ("wrong", "a link's text ('View the Website')"),
    ("usa-today", "author"): ("convention", "a desk credit ('Editors, USA TODAY')"),
    ("yahoo-news", "author"): ("convention", "the syndicating outlet (Mic)"),
    ("wired", "author"): ("wrong", "JSON-LD's 'WIRED Staff'; the byline is Adam Rogers"),
    ("arstechnica", "author"): (
        "wrong",
        "JSON-LD's 'Ars Staff'; the byline is Chris Stokel-Walker",
    ),
    ("belfusto", "author"): ("right", "the byline"),
    ("information-week", "author"): ("right", "the byline"),
    ("lean-data", "author"): ("right", "the byline"),
    ("nytimes/opinion", "author"): ("convention", "the podcast's name ('Sway')"),
    ("pikabu", "author"): ("right", "the poster's user name"),
    ("pr-newswire", "author"): ("convention", "the issuing company"),
    ("silicon-beat", "author"): ("right", "the byline"),
    ("techmonitor", "author"): ("right", "the byline"),
    **{
        (page, "date"): MODIFIED
        for page in (
            "arstechnica",
            "atlasobscura",
            "bbc",
            "bfi",
            "computerworld",
            "engadget",
            "fast-company",
            "fortune",
            "los-angeles-times",
            "marketing-land",
            "mashable",
            "medium",
            "nbcnews",
            "nytimes/article",
            "nytimes/opinion",
            "postplanner",
            "pr-newswire",
            "san-francisco-chronicle",
            "sfstandard",
            "silicon-beat",
            "techcrunch",
            "techmonitor",
            "the-guardian",
            "the-register",
            "theflip",
            "usa-today",
            "wired",
        )
    },
    ("acast", "date"): ("wrong", "the newest episode listed on the page, not this one"),
    ("blogger", "date"): ("right", "<abbr itemprop=datePublished title=...Z>"),
    ("cio", "date"): ("right", "the site's dateTimePublished (first published 1 Sep)"),
    ("economic-times", "date"): ("right", "'12 Jan, 2016, 10.34PM IST'"),
    ("npr", "date"): ("right", "published 22:36 in New York: the rivals' local day is the 23rd"),
    ("eweek", "date"): ("right", "article:published_time, JSON-LD and <time> agree"),
}

# What the page says where the snapshot is wrong and the page names someone (the "page"
# figures: checked values, and these in place of the wrong ones).
PAGE_VALUES: dict[tuple[str, str], str] = {
    ("arstechnica", "author"): "Chris Stokel-Walker",
    ("business-today", "author"): "Sonal Khetarpal",
    ("googleblog", "author"): "Brian Stevens",
    ("sfstandard", "author"): "Lauren Saria",
    ("the-boston-globe", "author"): "Mike Isaac",
    ("wired", "author"): "Adam Rogers",
}


def _git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True).stdout


def _snapshots(text: str) -> dict[str, dict[str, str | None]]:
    """Each test's snapshot object (string fields and nulls), by test name."""
    found: dict[str, dict[str, str | None]] = {}
    parts = SECTION_RE.split(text)
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        found[name.strip()] = {m[1]: m[2] for m in VALUE_RE.finditer(body)}
    return found


def pages(repo: Path) -> list[tuple[str, str, bytes, dict[str, str | None]]]:
    """(key, url, page bytes, metascraper's fields) of every integration page."""
    listing = _git(repo, "ls-tree", "--name-only", "HEAD", DATA + "/").decode().split()
    found = []
    for folder in sorted(listing):
        site = folder.rsplit("/", 1)[1]
        script = _git(repo, "show", f"HEAD:{folder}/index.js").decode()
        snaps = _snapshots(_git(repo, "show", f"HEAD:{folder}/snapshots/index.js.md").decode())
        starts = [m.start() for m in TEST_RE.finditer(script)] + [len(script)]
        shared = URL_RE.search(script[: starts[0]])
        for start, end in pairwise(starts):
            block = script[start:end]
            test_name = TEST_RE.match(block)
            own_url = URL_RE.search(block) or shared
            source = INPUT_RE.search(block)
            if test_name is None or own_url is None or source is None:
                continue
            truth = dict(snaps.get(test_name[1], {}))
            truth.update({m[1]: m[2] for m in ASSERT_RE.finditer(block)})
            key = site if len(starts) == 2 else f"{site}/{source[1].rsplit('/', 1)[1][:-5]}"
            raw = _git(repo, "show", f"HEAD:{folder}/{source[1]}")
            found.append((key, own_url[1], raw, truth))
    return found


def ours(html: str, url: str) -> dict[str, Any]:
    try:
        article = extract(html, url=url)
    except ParseError:
        return {"title": None, "author": [], "date": None}
    return {"title": article.title, "author": list(article.authors), "date": article.published_at}


def trafilatura_fields(html: str, url: str) -> dict[str, Any]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None or isinstance(doc, dict):
        return {"title": None, "author": [], "date": None}
    names = [n.strip() for n in (doc.author or "").split(";") if n.strip()]
    return {"title": doc.title, "author": names, "date": doc.date}


def htmldate_fields(html: str, url: str) -> dict[str, Any]:
    from htmldate import find_date

    return {"date": find_date(html, url=url, original_date=True, outputformat="%Y-%m-%d")}


RUNS: dict[str, Callable[[str, str], dict[str, Any]]] = {
    "pressroom": ours,
    "trafilatura": trafilatura_fields,
    "htmldate": htmldate_fields,
}


def day_only(want: str) -> bool:
    """Whether metascraper's ``want`` is a day without a time (it writes 00:00 or noon UTC)."""
    return want.endswith(("T00:00:00.000Z", "T12:00:00.000Z"))


def date_marks(got: datetime | str | None, want: str) -> tuple[bool, bool]:
    """(same instant to the minute, same UTC day) of ``got`` against the UTC ``want``;
    on a day-only ``want`` the first is the second."""
    if got is None:
        return False, False
    truth = datetime.fromisoformat(want.replace("Z", "+00:00")).astimezone(UTC)
    if isinstance(got, str):
        return False, got[:10] == truth.date().isoformat()
    if day_only(want):
        same = got.astimezone(UTC).date() == truth.date()
        return same, same
    utc = got.astimezone(UTC)
    minute = utc.replace(second=0, microsecond=0) == truth.replace(second=0, microsecond=0)
    return minute, utc.date() == truth.date()


def marks(field: str, got: Any, want: str) -> tuple[bool, ...]:
    """The scores of one field: (exact,) or, for dates, (minute, UTC day)."""
    if field == "title":
        return (title_matches(got, want),)
    if field == "author":
        return (authors_match(got, want),)
    return date_marks(got, want)


def shown(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return repr(value)


def main(argv: list[str] | None = None) -> int:
    """Print agreement per extractor and field, over all and over checked truth."""
    parser = rival_parser(__doc__, METASCRAPER, "trafilatura")
    parser.set_defaults(only=None)
    for action in parser._actions:
        if action.dest == "only":
            action.choices = tuple(RUNS)
    parser.add_argument("--show", action="store_true", help="every disagreement, one line")
    parser.add_argument("--misses", action="store_true", help="pressroom's misses only")
    args = parser.parse_args(argv)
    if not args.repo.exists():
        print(f"no metascraper clone at {args.repo}", file=sys.stderr)
        return 1
    runs = {args.only: RUNS[args.only]} if args.only else RUNS
    hits: Counter[tuple[str, ...]] = Counter()
    totals: Counter[tuple[str, ...]] = Counter()
    labelled: Counter[tuple[str, str]] = Counter()
    found = pages(args.repo)
    for key, url, raw, truth in found:
        html = decode_html(raw)
        group = "other" if key.split("/")[0] in NOT_ARTICLES else "articles"
        got = {label: run(html, url) for label, run in runs.items()}
        for field in FIELDS:
            want = truth.get(field)
            if not want:
                continue
            label, why = LABELS.get((key, field), ("", ""))
            if label:
                labelled[field, label] += group == "articles"
            checked = group == "articles" and label in ("", "right")
            scopes = [(group, want)] + ([("checked", want)] if checked else [])
            corrected = PAGE_VALUES.get((key, field)) if label == "wrong" else None
            if checked or corrected:
                scopes.append(("page", corrected or want))
            for scope, _ in scopes:
                totals[scope, field] += 1
            for name, values in got.items():
                if field not in values:
                    continue
                score = marks(field, values[field], want)
                for scope, value in scopes:
                    scored = score if value == want else marks(field, values[field], value)
                    for index, ok in enumerate(scored):
                        hits[name, scope, field, str(index)] += ok
                wanted = args.show or (args.misses and name == "pressroom")
                if wanted and not (all(score) if name == "pressroom" else score[-1]):
                    note = f"  [{label}: {why}]" if label else ""
                    print(
                        f"{name:11} {field:6} {key:28} want {want!r} got "
                        f"{shown(values[field])}{note}"
                    )
    print(
        f"metascraper integration pages: {len(found)} "
        f"({sum(1 for p in found if p[0].split('/')[0] not in NOT_ARTICLES)} articles)"
    )
    for scope in ("articles", "checked", "page", "other"):
        print(f"\n{scope}:")
        for field in FIELDS:
            total = totals[scope, field]
            if not total:
                continue
            cells = []
            for name, run in runs.items():
                if field == "date":
                    minute, day = hits[name, scope, field, "0"], hits[name, scope, field, "1"]
                    cell = f"day {day}" if name != "pressroom" else f"minute {minute}, day {day}"
                    cells.append(f"{name} {cell}")
                elif run is not htmldate_fields:
                    cells.append(f"{name} {hits[name, scope, field, '0']}")
            print(f"  {field:6} {total:3}  " + "; ".join(cells))
    print(
        "\nlabelled snapshot values (articles): "
        + ", ".join(f"{field} {label} {n}" for (field, label), n in sorted(labelled.items()))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
