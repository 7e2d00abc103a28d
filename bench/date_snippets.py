"""Publication dates on htmldate's own unit-test snippets: its expected day against ours.

    uv run python bench/date_snippets.py [--repo DIR] [--show all|miss] [--skipped]

htmldate's ``tests/unit_tests.py`` (Apache-2.0) asserts the day ``find_date`` gives on
about 150 inline ``<html>`` snippets, each a small page built around one date category
(a meta name, a ``<time>`` element, a JSON-LD key, a text label, a URL). The file is read
from the mirror's git objects at run time; nothing of its text is copied into this project.
The statements are read with ``ast``, never run: a case is an ``assert`` comparing
``find_date(HTML, ...)`` (or htmldate's internal ``search_page(HTML, options)``, reported
apart) with a ``"YYYY-MM-DD"`` string or ``None``, where HTML is a string literal or a
name bound to one earlier in the same test function. Every other call (the CLI wrapper,
``"<" * 100``, a tree, a mock) is counted as skipped with its reason. No case of the file
loads a page from disk; the mirror's evaluation pages (tests/eval*, tests/cache,
tests/test_set, tests/realworld_tests.py) are held back and never read here.

Ours: ``parsers.extract(html, url=...)`` (the entry every date bench uses), the case's
``url`` where it gives one, else ``FAKE_URL``; ``published_at``'s day in its own offset.
Options we do not have are noted beside the case and the case still counts:
``original_date=False`` (htmldate then prefers the last modification; we always give the
publication), ``extensive_search=False`` (htmldate then leaves the free text alone; we
have no such switch). Options that change what the expected value means are skipped:
``min_date`` (a bound we do not take), ``deferred_url_extractor``, an ``outputformat``
that prints no ``%Y-%m-%d`` day.

Each case is sorted by agreement (``same day``, ``both none``, ``we none``, ``we other
day``, ``they none we some``) and each disagreement by the snippet's shape (``shape``:
what the date is carried by) and form (``form``: a spelling that alone leaves the day open,
a two-digit year, a numeric day and month both up to 12, a year only), so a category of
misses shows as one row.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.mirror_file import mirror_file  # noqa: E402
from parsers import extract  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

MIRROR = Path("/work/.mirror/adbar+htmldate/repo")
TESTS_PATH = "tests/unit_tests.py"
FAKE_URL = "http://fakehost/test/page.html"
ENTRIES = ("find_date", "search_page")
DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Options whose case still counts (noted); options that change what is expected (skipped).
NOTED = ("original_date", "extensive_search")
SKIPPING = ("min_date", "max_date", "deferred_url_extractor")
AGREEING = ("same day", "both none")


@dataclass
class Case:
    """One assert: the entry called, its snippet, options, and htmldate's expected day."""

    test: str
    line: int
    entry: str
    html: str
    expected: date | None
    url: str | None = None
    options: dict[str, object] = field(default_factory=dict)


def _entry_call(node: ast.expr) -> ast.Call | None:
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and (node.func.id in ENTRIES or node.func.id == "cli_examine")
    ):
        return node
    return None


def _expected(compare: ast.Compare) -> tuple[bool, date | None, str]:
    """(readable, the expected day or None, what it is) of ``== "..."`` or ``is None``."""
    op, right = compare.ops[0], compare.comparators[0]
    if isinstance(op, ast.Is) and isinstance(right, ast.Constant) and right.value is None:
        return True, None, "None"
    if isinstance(op, ast.Eq) and isinstance(right, ast.Constant):
        value = right.value
        if isinstance(value, str) and DAY_RE.match(value):
            return True, date.fromisoformat(value[:10]), value
    return False, None, ast.unparse(right)


def cases(source: str) -> tuple[list[Case], Counter[str]]:
    """The readable cases of every test function, and the skipped ones counted by reason."""
    found: list[Case] = []
    skipped: Counter[str] = Counter()
    for function in ast.parse(source).body:
        if not isinstance(function, ast.FunctionDef):
            continue
        strings: dict[str, str] = {}
        for node in ast.walk(function):
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, value = node.targets[0], node.value
                if (
                    isinstance(target, ast.Name)
                    and isinstance(value, ast.Constant)
                    and isinstance(value.value, str)
                ):
                    # ast.walk visits in breadth order; statements of one body in order,
                    # and the tests bind their snippets at the top level of the function.
                    strings[target.id] = value.value
                    continue
            if not isinstance(node, ast.Assert) or not isinstance(node.test, ast.Compare):
                continue
            call = _entry_call(node.test.left)
            if call is None:
                continue
            case, reason = _case(function.name, node, call, strings)
            if case is None:
                skipped[reason] += 1
            else:
                found.append(case)
    return found, skipped


def _case(
    test: str, node: ast.Assert, call: ast.Call, strings: dict[str, str]
) -> tuple[Case | None, str]:
    """The case one assert makes, or None and why it is skipped."""
    assert isinstance(call.func, ast.Name) and isinstance(node.test, ast.Compare)
    entry = call.func.id
    if entry == "cli_examine":
        return None, "cli_examine (the CLI's wrapper of find_date)"
    readable, expected, spelt = _expected(node.test)
    if not readable:
        return None, f"expected value not a day or None ({spelt[:30]})"
    first = call.args[0] if call.args else None
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        html = first.value
    elif isinstance(first, ast.Name) and first.id in strings:
        html = strings[first.id]
    else:
        what = ast.unparse(first) if first is not None else "nothing"
        return None, f"first argument not a string ({what[:20]})"
    if "<" not in html:
        return None, "first argument not HTML"
    options: dict[str, object] = {}
    url = None
    for keyword in call.keywords:
        if keyword.arg is None or not isinstance(keyword.value, ast.Constant):
            return None, "keyword not a constant"
        value = keyword.value.value
        if keyword.arg == "url":
            url = str(value)
        elif keyword.arg in SKIPPING:
            return None, f"option we do not have: {keyword.arg}"
        elif keyword.arg == "outputformat":
            if not str(value).startswith("%Y-%m-%d"):
                return None, f"outputformat {value!r} prints no day"
        elif keyword.arg == "verbose":
            continue
        elif keyword.arg in NOTED:
            options[keyword.arg] = value
        else:
            return None, f"option {keyword.arg}"
    if entry == "search_page":
        options["entry"] = "search_page"
    return Case(test, node.lineno, entry, html, expected, url, options), ""


def ours(case: Case) -> date | None:
    """Our publication day for the snippet."""
    try:
        value = extract(case.html, url=case.url or FAKE_URL).published_at
    except ParseError:
        return None
    return value.date() if value is not None else None


def agreement(expected: date | None, got: date | None) -> str:
    """Which of the five classes a case falls in."""
    if expected is None:
        return "both none" if got is None else "they none we some"
    if got is None:
        return "we none"
    return "same day" if got == expected else "we other day"


# What carries the date in a snippet, most specific first (the first that matches names it).
SHAPES = (
    ("image url", re.compile(r"<img\b|og:image", re.I)),
    ("address in a meta", re.compile(r"<meta\b[^>]*content=\"https?://[^\"]*/\d{4}/", re.I)),
    (
        "modification meta",
        re.compile(r"<meta\b[^>]*=\"[^\"]*(?:modif|updat|last)[^\"]*\"[^>]*>", re.I),
    ),
    ("copyright", re.compile(r"©|&copy;|copyright", re.I)),
    ("meta element", re.compile(r"<meta\b[^>]*(?:content|datetime)=", re.I)),
    ("json-ld / script key", re.compile(r"\"date(?:Published|Created|Modified)\"\s*:", re.I)),
    ("time element", re.compile(r"<time\b", re.I)),
    ("abbr element", re.compile(r"<abbr\b", re.I)),
    ("link title attribute", re.compile(r"<a\b[^>]*title=", re.I)),
    ("class named for a date", re.compile(r"class=\"[^\"]*(?:date|fecha|time)", re.I)),
    ("page title", re.compile(r"<title>", re.I)),
    ("labelled text", re.compile(r"\b[\w ]{2,30}:\s*\d", re.UNICODE)),
)
TWO_DIGIT_YEAR_RE = re.compile(r"(?<![\d./-])\d{1,2}([./-])\d{1,2}\1\d{2}(?![\d./-]?\d)")
NUMERIC_RE = re.compile(r"(?<![\d./-])(\d{1,2})[./-](\d{1,2})[./-]\d{4}(?!\d)")
FIRST_OF_JANUARY_RE = re.compile(r"01[./-]01|-01-01|1\.1\.|January 1|Jan 1")


def shape(case: Case) -> str:
    """The snippet's category: what carries the date htmldate expects (or a wrong one)."""
    if case.options.get("original_date") is False:
        return "original-vs-updated"
    if case.url is not None:
        return "url parameter"
    for name, pattern in SHAPES:
        if pattern.search(case.html):
            return name
    return "free text"


def form(case: Case) -> str:
    """How the snippet spells its date, where the spelling alone leaves the day open: a
    two-digit year (year first or last), a numeric day and month both up to 12, a year only."""
    if TWO_DIGIT_YEAR_RE.search(case.html) and not NUMERIC_RE.search(case.html):
        return "two-digit year"
    for match in NUMERIC_RE.finditer(case.html):
        first, second = int(match.group(1)), int(match.group(2))
        if first <= 12 and second <= 12 and first != second:
            return "day/month order open"
    expected = case.expected
    if (
        expected is not None
        and (expected.month, expected.day) == (1, 1)
        and not FIRST_OF_JANUARY_RE.search(case.html)
    ):
        return "year only"
    return "-"


def main(argv: list[str] | None = None) -> int:
    """Print agreement per class, disagreements per shape, and the skipped cases per reason."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--repo", type=Path, default=MIRROR)
    parser.add_argument("--show", choices=("all", "miss"), help="one line per case")
    args = parser.parse_args(argv)
    if not (args.repo / "HEAD").exists() and not (args.repo / ".git").exists():
        print(f"no htmldate mirror at {args.repo}", file=sys.stderr)
        return 1
    found, skipped = cases(mirror_file(args.repo, TESTS_PATH))
    per_entry: dict[str, Counter[str]] = {entry: Counter() for entry in ENTRIES}
    per_shape: Counter[tuple[str, str, str]] = Counter()
    noted: Counter[str] = Counter()
    for case in found:
        got = ours(case)
        kind = agreement(case.expected, got)
        per_entry[case.entry][kind] += 1
        for option, value in case.options.items():
            if option != "entry":
                noted[f"{option}={value}"] += 1
        if kind not in AGREEING:
            per_shape[shape(case), form(case), kind] += 1
        if args.show == "all" or (args.show == "miss" and kind not in AGREEING):
            opts = " ".join(f"{k}={v}" for k, v in case.options.items() if k != "entry")
            print(
                f"{case.entry:11} {case.test}:{case.line:<5} {kind:17} expected "
                f"{case.expected} ours {got} [{shape(case)}; {form(case)}] {opts}".rstrip()
            )
    for entry, counts in per_entry.items():
        total = sum(counts.values())
        agree = sum(counts[k] for k in AGREEING)
        line = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        print(f"{entry}: {total} cases, agree {agree}/{total}: {line}")
    print("options noted (cases still counted): " + ", ".join(
        f"{k} {v}" for k, v in sorted(noted.items())) or "none")
    print("disagreements by shape (what carries the date) and form (a spelling left open):")
    for (name, spelling, kind), count in sorted(per_shape.items()):
        print(f"  {name:22} {spelling:20} {kind:17} {count}")
    print(f"skipped: {sum(skipped.values())}")
    for reason, count in skipped.most_common():
        print(f"  {count:3} {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
