"""The fourth measuring set's builder: Postlight's Mercury parser's fixtures and their
hand-written expectations, read from git and written to a folder outside this project.

    uv run python bench/postlight_set.py build [--mirror GIT_DIR] [--out DIR]

(the command line is ``bench/postlight_set.py``'s, which measures the folder this writes).

Postlight's parser (github.com/postlight/parser, code MIT / Apache-2.0) keeps one saved page
per site in ``fixtures/*.html`` and, in ``src/extractors/custom/<domain>/index.test.js``, the
URL it was fetched from and what its maintainers wrote by hand as that page's ``title``,
``author``, ``date_published`` (an ISO instant in UTC), ``dek`` and the first 13 words of
the content (``first13``, via ``excerptContent``). The pages are third-party pages: nothing
of them is copied into this project; ``build`` writes them to a folder outside it
(``html/<fixture>.html``, ``truth/<fixture>.json``, a crediting README). The pages are
bytes as saved but for one thing: Mercury saved them after its own ``normalizeMetaTags``,
which moves every ``<meta>``'s ``content`` into ``value`` (4,769 tags on 137 of the 146
pages), so ``build`` moves it back (``restore_meta_content``); without it no page declares
an og:, article: or author value and the set measured metadata-free pages (g39 found it).

Read from the git mirror the session's ``fetch`` tool writes (no work tree: ``git show``).
The JavaScript is not run: each ``readFileSync('./fixtures/X.html')`` opens a segment (from
the ``it``/``beforeAll``/``describe`` call around it to the next fixture's), and the segment's
``url``/``uri`` literal and ``assert.equal(<field>, '<literal>')`` calls are read.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.metrics import date_printed_in  # noqa: E402
from parsers.decode import decode_html  # noqa: E402

MIRROR = Path("/work/.mirror/postlight+parser/repo")
DEFAULT_OUT = Path("/tmp/postlight-set")
TESTS = "src/extractors/custom/"

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

# A <meta> tag with a value= attribute and no content=: Mercury's normalizeMetaTags output.
META_TAG_RE = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
META_VALUE_RE = re.compile(rb"(\s)value(\s*=)", re.IGNORECASE)
META_CONTENT_RE = re.compile(rb"\scontent\s*=", re.IGNORECASE)

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
    """``day`` printed in ``html`` (bench.metrics' spellings, and 2019年4月4日, 2019.04.04).

    Read through character references: fixtures saved by some tools spell 年 as ``&#x5E74;``,
    which a reader sees as 年 (d41 found three Japanese pages missing their local day so)."""
    html = unescape(html)
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


def restore_meta_content(raw: bytes) -> bytes:
    """Undo Mercury's ``normalizeMetaTags``: a ``<meta>``'s ``value=`` is its ``content=``.

    (Its other half, ``property=`` renamed ``name=``, is left: readers of og: and article:
    values accept either attribute, as pages use both.)
    """
    def tag(match: re.Match[bytes]) -> bytes:
        text = match.group(0)
        if META_CONTENT_RE.search(text):
            return text
        return META_VALUE_RE.sub(rb"\1content\2", text, count=1)

    return META_TAG_RE.sub(tag, raw)


def build(mirror: Path, out: Path) -> list[Expectation]:
    """Write the kept pages and their truths to ``out``; return every fixture's record."""
    records = expectations(mirror)
    (out / "html").mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    for expect in records:
        if expect.skipped:
            continue
        raw = restore_meta_content(
            git(mirror, "show", f"HEAD:fixtures/{expect.fixture}.html"))
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
