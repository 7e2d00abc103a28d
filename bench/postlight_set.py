"""A fourth measuring set: the fixtures of Postlight's Mercury parser and their expectations.

    uv run python bench/postlight_set.py build [--mirror GIT_DIR] [--out DIR]
    uv run python bench/postlight_set.py measure [--out DIR] [--only pressroom] [--misses FILE]

Postlight's parser (github.com/postlight/parser, code MIT / Apache-2.0) keeps one saved page
per site in ``fixtures/*.html`` and, in ``src/extractors/custom/<domain>/index.test.js``, the
URL it was fetched from and what its maintainers wrote by hand as that page's ``title``,
``author``, ``date_published`` (an ISO instant in UTC), ``dek`` and the first 13 words of
the content (``first13``, via ``excerptContent``). The pages are third-party pages: nothing
of them is copied into this project; ``build`` writes them to a folder outside it
(``html/<fixture>.html``, bytes unchanged, ``truth/<fixture>.json``, a crediting README).

Read from the git mirror the session's ``fetch`` tool writes (no work tree: ``git show``).
The JavaScript is not run: each ``readFileSync('./fixtures/X.html')`` opens a segment (from
the ``it``/``beforeAll``/``describe`` call around it to the next fixture's), and the segment's
``url``/``uri`` literal and ``assert.equal(<field>, '<literal>')`` calls are read.

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
import re
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.metrics import authors_match, date_printed_in, title_matches  # noqa: E402
from parsers.decode import decode_html  # noqa: E402

MIRROR = Path("/work/.mirror/postlight+parser/repo")
DEFAULT_OUT = Path("/tmp/postlight-set")
TESTS = "src/extractors/custom/"
START_WORDS = 13
WITHIN_WORDS = 60

# Sites whose fixtures are no news or blog article, so "where the body starts", its title
# and its author mean something else: left out of the set (the reason is printed).
NOT_ARTICLES: dict[str, str] = {
    "www.reddit.com": "a forum thread (post and comments)",
    "www.youtube.com": "a video page",
    "github.com": "a code repository's page",
    "twitter.com": "a tweet and its replies",
    "pastebin.com": "a paste",
    "genius.com": "song lyrics",
    "clinicaltrials.gov": "a trial registry record",
    "jvndb.jvn.jp": "a vulnerability database record",
    "bookwalker.jp": "a shop's book page",
}

FIXTURE_RE = re.compile(r"""readFileSync\(\s*['"`]\./fixtures/([^'"`]+)\.html['"`]""")
BLOCK_RE = re.compile(r"\b(?:it|test|beforeAll|beforeEach|describe)\(")
URL_RE = re.compile(r"\b(?:const\s+|let\s+)?(?:url|uri)\s*=\s*")
# assert.equal(<expression>, <string>): the expressions that name a field we score.
FIELDS: dict[str, str] = {
    "title": "title",
    "author": "author",
    "date_published": "date_published",
    "dek": "dek",
    "first13": "first13",
    "date_published.split('T')[0]": "date_day",
}
ASSERT_RE = re.compile(r"assert\.equal\(\s*([^,]+?)\s*,\s*")
EXCERPT_RE = re.compile(r"const\s+(\w+)\s*=\s*excerptContent\((?:[^;]*?),\s*13\s*\)", re.S)
ISO_RE = re.compile(
    r"\b(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d)?)(?:\.\d+)?\s*(Z|[+-]\d\d:?\d\d)\b")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}


@dataclass(slots=True)
class Expectation:
    """One fixture's URL and hand-written expectations (None where the test sets none)."""

    fixture: str
    site: str
    url: str = ""
    title: str | None = None
    author: str | None = None
    date_published: str | None = None
    date_day: str | None = None
    dek: str | None = None
    first13: str | None = None
    local_day: str | None = None
    skipped: str | None = field(default=None)


def read_literal(text: str, at: int) -> tuple[str, int] | None:
    """A JavaScript string expression at ``at`` ('a', "a", `a`, joined by +): value, end."""
    parts: list[str] = []
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at >= len(text) or text[at] not in "'\"`":
            return ("".join(parts), at) if parts else None
        quote, at, chars = text[at], at + 1, []
        while at < len(text) and text[at] != quote:
            if text[at] == "\\" and at + 1 < len(text):
                at += 1
                if text[at] == "u" and re.match(r"[0-9a-fA-F]{4}", text[at + 1:at + 5]):
                    chars.append(chr(int(text[at + 1:at + 5], 16)))
                    at += 4
                else:
                    chars.append(ESCAPES.get(text[at], text[at]))
            else:
                chars.append(text[at])
            at += 1
        parts.append("".join(chars))
        at += 1
        rest = re.match(r"\s*\+\s*", text[at:])
        if not rest:
            return "".join(parts), at
        at += rest.end()


def parse_tests(js: str, site: str) -> list[Expectation]:
    """The expectations of each fixture a test file reads."""
    found = [(m.start(), m.group(1)) for m in FIXTURE_RE.finditer(js)]
    blocks = [m.start() for m in BLOCK_RE.finditer(js)]
    starts = [max((b for b in blocks if b <= at), default=0) for at, _ in found]
    out = []
    for index, (_, fixture) in enumerate(found):
        end = starts[index + 1] if index + 1 < len(found) else len(js)
        segment = js[starts[index]:end]
        expect = Expectation(fixture, site)
        url_match = URL_RE.search(segment) or _last(URL_RE, js[:starts[index]])
        if url_match:
            source = segment if URL_RE.search(segment) else js
            literal = read_literal(source, url_match.end())
            expect.url = literal[0] if literal else ""
        names = dict(FIELDS)
        names.update({m.group(1): "first13" for m in EXCERPT_RE.finditer(segment)})
        for match in ASSERT_RE.finditer(segment):
            name = names.get(re.sub(r"\s+", "", match.group(1)).replace('"', "'"))
            literal = read_literal(segment, match.end())
            if name and literal and getattr(expect, name) is None:
                setattr(expect, name, literal[0])
        if expect.date_published and not expect.date_day:
            expect.date_day = expect.date_published[:10]
        out.append(expect)
    return out


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    matches = list(pattern.finditer(text))
    return matches[-1] if matches else None


def has_article_truth(expect: Expectation) -> bool:
    return any((expect.title, expect.author, expect.date_day, expect.first13))


def printed_local_day(html: str, instant: str) -> str | None:
    """The local day of the first ISO date-time in ``html`` with a non-zero offset that is
    the expected instant (the page printed it in its zone), else None."""
    want = parse_instant(instant)
    if want is None:
        return None
    for match in ISO_RE.finditer(html):
        day, clock, zone = match.groups()
        if zone == "Z" or zone.replace(":", "") in ("+0000", "-0000"):
            continue
        zone = zone if ":" in zone else zone[:3] + ":" + zone[3:]
        try:
            seen = datetime.fromisoformat(f"{day}T{clock}{zone}")
        except ValueError:
            continue
        if seen == want:
            return day
    return None


def midnight_local_day(html: str, instant: str) -> str | None:
    """The next day, where the expected instant is midnight in a zone east of UTC (10:00 to
    23:00 UTC on the hour: Mercury reads a printed day in the site's zone) and the page
    prints that day: the day the reader saw."""
    want = parse_instant(instant)
    if want is None or (want.minute, want.second, want.microsecond) != (0, 0, 0):
        return None
    if not 10 <= want.astimezone(UTC).hour <= 23:
        return None
    day = (want.astimezone(UTC) + timedelta(days=1)).date()
    return str(day) if day_printed(html, day) else None


def day_printed(html: str, day: date) -> bool:
    """``day`` printed in ``html`` (bench.metrics' spellings, and 2019年4月4日, 2019.04.04)."""
    if date_printed_in(html, str(day)):
        return True
    y, m, d = day.year, day.month, day.day
    return bool(re.search(rf"{y}\s*年\s*0?{m}\s*月\s*0?{d}\s*日|{y}\.0?{m}\.0?{d}\b", html))


def parse_instant(value: str | None) -> datetime | None:
    if not value or "T" not in value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def git(mirror: Path, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(mirror), *args],
                          capture_output=True, check=True).stdout


def expectations(mirror: Path) -> list[Expectation]:
    """Every fixture's expectations, skipped ones marked with the reason."""
    listing = git(mirror, "ls-tree", "-r", "--name-only", "HEAD", TESTS).decode().split()
    out: list[Expectation] = []
    seen: set[str] = set()
    for path in sorted(p for p in listing if p.endswith("/index.test.js")):
        site = path[len(TESTS):].split("/", 1)[0]
        for expect in parse_tests(git(mirror, "show", f"HEAD:{path}").decode(), site):
            if expect.fixture in seen:
                continue
            seen.add(expect.fixture)
            if site in NOT_ARTICLES:
                expect.skipped = NOT_ARTICLES[site]
            elif not expect.url:
                expect.skipped = "no URL in the test"
            elif not has_article_truth(expect):
                expect.skipped = "no title, author, date or content expectation"
            out.append(expect)
    return out


README = """# Postlight parser fixtures as a measuring set

Saved pages from github.com/postlight/parser (`fixtures/`, commit {commit}) with the URL and
the title, author, date_published, dek and first 13 content words its maintainers wrote by
hand in `src/extractors/custom/<domain>/index.test.js`. The parser's code is MIT /
Apache-2.0 (Postlight); the pages are their publishers' and are not redistributed: this
folder is built locally by Pressroom's `bench/postlight_set.py` for measurement only.
Credit Postlight's parser wherever results on it are quoted.
"""


def build(mirror: Path, out: Path) -> list[Expectation]:
    """Write the kept pages and their truths to ``out``; return every fixture's record."""
    records = expectations(mirror)
    (out / "html").mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    for expect in records:
        if expect.skipped:
            continue
        raw = git(mirror, "show", f"HEAD:fixtures/{expect.fixture}.html")
        (out / "html" / f"{expect.fixture}.html").write_bytes(raw)
        if expect.date_published:
            text = decode_html(raw)
            expect.local_day = (printed_local_day(text, expect.date_published)
                                or midnight_local_day(text, expect.date_published))
        (out / "truth" / f"{expect.fixture}.json").write_text(
            json.dumps(asdict(expect), ensure_ascii=False, indent=1), encoding="utf-8")
    commit = git(mirror, "rev-parse", "HEAD").decode().strip()
    (out / "README.md").write_text(README.format(commit=commit), encoding="utf-8")
    (out / "skipped.json").write_text(json.dumps(
        {e.fixture: e.skipped for e in records if e.skipped}, indent=1), encoding="utf-8")
    return records


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
