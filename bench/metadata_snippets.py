"""Titles, authors and dates on trafilatura's inline metadata snippets.

    uv run python bench/metadata_snippets.py [--repo DIR] [--show] [--misses]

Data: adbar/trafilatura (Apache-2.0), ``tests/metadata_tests.py`` at the mirror's HEAD,
read at run time from its git objects (nothing copied). Only that file: the tests that
load pages (realworld tests, ``tests/cache``, ``tests/resources``, eval data) are held
back and never opened. The cases are read statically (``ast``; no trafilatura code runs):
each ``extract_metadata(doc[, url])`` whose result is compared with ``.title``,
``.author`` or ``.date`` by ``==`` or ``is None``, straight or in a ``for`` loop over a
list of tuples. Every other assertion is counted as skipped, with the reason.

Each case runs ``parsers.extract(doc, url=...)`` (the entry every bench uses), with the
test's URL when it gives one, else ``DEFAULT_URL`` (a neutral path: no date, no words).
Agreement: title, the folded string (``bench.metrics.fold``; an expected ``None`` agrees
with no title); author, ``bench.metrics.authors_match`` on trafilatura's ``"; "``-joined
string (``None`` agrees with no author); date, the same day. Cases are grouped by
category: what the snippet tests, read from its markup (``category``).

These are unit fixtures of another library's conventions, not a gold standard: a
disagreement is a question, not a miss (BENCHMARKS "t56" says which ones we keep).
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.metrics import authors_match, fold  # noqa: E402
from bench.mirror_file import mirror_file  # noqa: E402
from parsers import extract  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

TRAFILATURA = Path("/work/.mirror/adbar+trafilatura/repo")
TEST_FILE = "tests/metadata_tests.py"
DEFAULT_URL = "https://www.example.org/page"
FIELDS = ("title", "author", "date")
# Fields trafilatura's Document has and an Article does not (or not as one string).
NOT_OURS = frozenset(
    {
        "sitename",
        "url",
        "description",
        "license",
        "image",
        "categories",
        "tags",
        "pagetype",
        "as_dict",
    }
)


@dataclass(frozen=True, slots=True)
class Case:
    test: str
    line: int
    field: str
    doc: str
    url: str | None
    expected: str | None


@dataclass(slots=True)
class Read:
    cases: list[Case]
    skipped: Counter[str]


def _text(node: ast.expr | None, env: dict[str, str]) -> str | None:
    """A string the expression spells statically (constants, f-strings of known names, +)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return env.get(node.id)
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                if value.conversion != -1 or value.format_spec is not None:
                    return None
                text = _text(value.value, env)
            else:
                text = _text(value, env)
            if text is None:
                return None
            parts.append(text)
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left, env), _text(node.right, env)
        return None if left is None or right is None else left + right
    return None


def _expected(node: ast.expr, env: dict[str, str]) -> tuple[bool, str | None]:
    if isinstance(node, ast.Constant) and node.value is None:
        return True, None
    text = _text(node, env)
    return text is not None, text


def _call_of(node: ast.expr) -> ast.Call | None:
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "extract_metadata"
    ):
        return node
    return None


def _compared(test: ast.expr) -> tuple[ast.expr, str, ast.expr] | None:
    """``X.field == V`` or ``X.field is None`` as (X, field, V)."""
    if not (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.left, ast.Attribute)
    ):
        return None
    if not isinstance(test.ops[0], (ast.Eq, ast.Is)):
        return None
    return test.left.value, test.left.attr, test.comparators[0]


class _Reader:
    def __init__(self) -> None:
        self.read = Read([], Counter())

    def function(self, fn: ast.FunctionDef) -> None:
        env: dict[str, str] = {}
        lists: dict[str, list[ast.expr]] = {}
        bound: dict[str, ast.Call | None] = {}
        for statement in fn.body:
            self._statement(fn.name, statement, env, lists, bound, None)

    def _statement(
        self,
        test: str,
        statement: ast.stmt,
        env: dict[str, str],
        lists: dict[str, list[ast.expr]],
        bound: dict[str, ast.Call | None],
        row: dict[str, ast.expr] | None,
    ) -> None:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
            if isinstance(target, ast.Name):
                if isinstance(value, ast.List):
                    lists[target.id] = list(value.elts)
                text = _text(value, env)
                if text is not None:
                    env[target.id] = text
                bound[target.id] = _call_of(value)
            elif isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple):
                for name, part in zip(target.elts, value.elts, strict=False):
                    text = _text(part, env)
                    if isinstance(name, ast.Name) and text is not None:
                        env[name.id] = text
        elif isinstance(statement, ast.For):
            self._loop(test, statement, env, lists, bound)
        elif isinstance(statement, ast.Assert):
            self._assert(test, statement, env, bound, row)

    def _loop(
        self,
        test: str,
        loop: ast.For,
        env: dict[str, str],
        lists: dict[str, list[ast.expr]],
        bound: dict[str, ast.Call | None],
    ) -> None:
        rows = lists.get(loop.iter.id) if isinstance(loop.iter, ast.Name) else None
        names = (
            [n.id for n in loop.target.elts if isinstance(n, ast.Name)]
            if isinstance(loop.target, ast.Tuple)
            else []
        )
        asserts = sum(isinstance(s, ast.Assert) for s in ast.walk(loop))
        if rows is None or not names:
            self.read.skipped["a loop over something not a literal list of tuples"] += asserts
            return
        for element in rows:
            if not isinstance(element, ast.Tuple) or len(element.elts) != len(names):
                self.read.skipped["a loop row of another shape"] += asserts
                continue
            row = dict(zip(names, element.elts, strict=True))
            local = dict(bound)
            for statement in loop.body:
                self._statement(test, statement, env, {}, local, row)

    def _assert(
        self,
        test: str,
        statement: ast.Assert,
        env: dict[str, str],
        bound: dict[str, ast.Call | None],
        row: dict[str, ast.expr] | None,
    ) -> None:
        compared = _compared(statement.test)
        if compared is None:
            self.read.skipped[_why_not(statement.test)] += 1
            return
        subject, field, value = compared
        call = _call_of(subject) or (
            bound.get(subject.id) if isinstance(subject, ast.Name) else None
        )
        if call is None:
            self.read.skipped["the result of a helper of trafilatura's (extract_json, ...)"] += 1
            return
        if field not in FIELDS:
            reason = "a field an Article does not hold" if field in NOT_OURS else f"field {field}"
            self.read.skipped[f"{reason} ({field})"] += 1
            return
        if any(k.arg == "author_blacklist" for k in call.keywords):
            self.read.skipped["author_blacklist (trafilatura's option; no such input here)"] += 1
            return
        names = dict(env)
        for key, node in (row or {}).items():
            text = _text(node, env)
            if text is not None:
                names[key] = text
        doc = _text(call.args[0], names) if call.args else None
        url = _text(call.args[1], names) if len(call.args) > 1 else None
        if row is not None and isinstance(value, ast.Name) and value.id in row:
            value = row[value.id]
        ok, expected = _expected(value, names)
        if doc is None or not ok:
            self.read.skipped["document or expected value not a static string"] += 1
            return
        self.read.cases.append(Case(test, statement.lineno, field, doc, url, expected))


def _why_not(test: ast.expr) -> str:
    if isinstance(test, ast.Compare) and not isinstance(test.ops[0], (ast.Eq, ast.Is)):
        return "not an equality (e.g. endswith, len, all)"
    if isinstance(test, ast.Compare) and isinstance(test.left, ast.Tuple):
        return "several fields compared at once (trafilatura's JSON-LD helper)"
    if isinstance(test, ast.Compare) and isinstance(test.left, ast.Call):
        name = test.left.func.id if isinstance(test.left.func, ast.Name) else "a call"
        return f"a helper of trafilatura's compared ({name})"
    return "not an equality (e.g. endswith, len, all)"


def cases(text: str) -> Read:
    """Every scorable case of the file, and the skipped assertions counted by reason."""
    reader = _Reader()
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            reader.function(node)
    return reader.read


# What a snippet tests, read from its markup: first match wins, per field.
TITLE_CATEGORIES = (
    ("JSON-LD shapes", re.compile(r"application/ld\+json")),
    (
        "title separators and site names",
        re.compile(r"<title>[^<]*(?:»|\s[-|–]\s|^\s*-)|<title>[^<]*\.(?:com|org)<"),
    ),
    (
        "metadata title (og/dc/itemprop/name=title)",
        re.compile(r"og:title|dc\.title|itemprop=\"headline\"|name=\"title\""),
    ),
    ("<title> vs h1", re.compile(r"<title>[^<]+</title>.*<h1", re.S)),
    ("headings and classed title blocks", re.compile(r"<h\d|class=\"[^\"]*title")),
    ("<title> only", re.compile(r"<title>")),
)
AUTHOR_CATEGORIES = (
    ("not an author (quote, figure, sidebar)", re.compile(r"figure|sidebar|quote-author")),
    ("author meta names", re.compile(r"<meta[^>]+(?:author|creator)")),
    ("JSON-LD shapes", re.compile(r"application/ld\+json")),
    ("'By' prefixes and bylines", re.compile(r"By[:&\s]|byline|Byline|submitted-by")),
    (
        "sanitising (roles, outlets, emoji, nicknames, handles)",
        re.compile(r"—|–|from |For |_|\"The|<div class=\"title|@"),
    ),
    ("multiple authors", re.compile(r" and |, ")),
    (
        "author markup (rel, class, id, itemprop, element)",
        re.compile(r"author|writer|username|AuthorURL"),
    ),
)


def category(case: Case) -> str:
    table = {"title": TITLE_CATEGORIES, "author": AUTHOR_CATEGORIES}.get(case.field, ())
    for name, pattern in table:
        if pattern.search(case.doc):
            return name
    return "dates" if case.field == "date" else "other"


def ours(case: Case) -> str | None:
    """Our value for the case's field, as a string (authors joined by '; ')."""
    try:
        article = extract(case.doc, url=case.url or DEFAULT_URL)
    except ParseError as exc:
        return f"<ParseError: {str(exc)[:60]}>"
    if case.field == "title":
        return article.title
    if case.field == "author":
        return "; ".join(article.authors) or None
    return article.published_at.date().isoformat() if article.published_at else None


def agrees(case: Case, got: str | None) -> bool:
    if case.expected is None:
        return not got
    if case.field == "title":
        return fold(got) == fold(case.expected)
    if case.field == "author":
        return authors_match(got, case.expected)
    return (got or "")[:10] == case.expected[:10]


def results(read: Read) -> Iterator[tuple[Case, str | None, bool]]:
    for case in read.cases:
        got = ours(case)
        yield case, got, agrees(case, got)


def main(argv: list[str] | None = None) -> int:
    """Print agreement per field and per category, and the skipped assertions."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repo", type=Path, default=TRAFILATURA, help="trafilatura's git directory"
    )
    parser.add_argument("--show", action="store_true", help="print every case")
    parser.add_argument("--misses", action="store_true", help="print the disagreements")
    args = parser.parse_args(argv)
    read = cases(mirror_file(args.repo, TEST_FILE))
    per_field: Counter[tuple[str, bool]] = Counter()
    per_category: Counter[tuple[str, str, bool]] = Counter()
    for case, got, same in results(read):
        per_field[case.field, same] += 1
        per_category[case.field, category(case), same] += 1
        if args.show or (args.misses and not same):
            mark = "=" if same else "x"
            where = f"{case.test}:{case.line} [{category(case)}]"
            print(f"{mark} {case.field:6} {where} want {case.expected!r} got {got!r}")
            print(f"    {case.doc[:300]!r}")
    for field in FIELDS:
        hits, total = per_field[field, True], per_field[field, True] + per_field[field, False]
        print(f"{field:6} {hits}/{total} agree")
        for key in sorted({c for f, c, _ in per_category if f == field}):
            agree, differ = per_category[field, key, True], per_category[field, key, False]
            print(f"    {key:58} {agree}/{agree + differ}")
    print(f"cases {len(read.cases)}; assertions skipped {sum(read.skipped.values())}:")
    for reason, count in read.skipped.most_common():
        print(f"    {count:3}  {reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
