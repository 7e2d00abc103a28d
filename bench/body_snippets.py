"""Bodies on trafilatura's inline unit-test snippets: text kept or dropped, by category.

    uv run python bench/body_snippets.py [--repo DIR] [--show] [--misses]

Data: adbar/trafilatura (Apache-2.0), ``tests/unit_tests.py`` at the mirror's HEAD, read
at run time from its git objects (nothing copied). Only that file: the realworld tests,
``tests/cache``, ``tests/resources`` and the eval data are held back and never opened, and
a test function that loads a file (``open``, ``RESOURCES_DIR``, ``path.join``, ...) is
skipped whole, as is any call given ``config=NEW_CONFIG`` (a settings file of theirs).
The cases are read statically (``ast``; no trafilatura code runs): an assertion that a
string is ``in`` or ``not in`` (or ``.count(...) == 0``, or ``==``: the whole body, scored
as kept) the result of ``extract(doc)`` or
``bare_extraction(doc).text``, where ``doc`` is a static string (also through
``html.fromstring``/``load_html``/``copy``), straight or in a ``for`` loop over a literal.

Options: those that change only the output's markup (``output_format``, ``include_links``,
``include_images``, ``include_formatting``, ``config``, ``fast``, ...) are run as if
absent, but a needle holding markup (``<``, ``**``, ``](``, a line break) is skipped; those
equal to trafilatura's defaults and ours (``include_tables=True``, ``favor_*=False``,
``include_comments=False``) are kept; every other (``favor_precision=True``,
``favor_recall=True``, ``include_comments=True``, ``include_tables=False``, ``prune_xpath``,
``target_language``, ...) is a setting we do not have: skipped and counted by option.

Each case runs ``parsers.extract(doc, url=...)`` (the benches' entry; the test's ``url=``
when given, else ``DEFAULT_URL``) and looks for the needle in the body (whitespace folded).
A disagreement is either ``kept`` (we keep text they assert is dropped: the precision
side) or ``dropped`` (we drop text they keep: the recall side). Categories come from the
needle's place in the snippet's markup (``category``). These are fixtures of another
library's conventions, not a gold standard (BENCHMARKS "b56" says which we follow).
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.body_snippet_categories import category  # noqa: E402
from bench.metadata_snippets import TRAFILATURA, _text  # noqa: E402
from bench.mirror_file import mirror_file  # noqa: E402
from parsers import extract  # noqa: E402
from pressroom.errors import ParseError  # noqa: E402

TEST_FILE = "tests/unit_tests.py"
DEFAULT_URL = "https://www.example.org/page"
EXTRACTORS = frozenset({"extract", "bare_extraction", "extract_with_metadata"})
WRAPPERS = frozenset({"fromstring", "load_html", "copy", "document_fromstring", "deepcopy"})
MARKUP_ONLY = frozenset(
    {
        "output_format",
        "include_links",
        "include_images",
        "include_formatting",
        "config",
        "fast",
        "no_fallback",
        "with_metadata",
        "url",
        "record_id",
        "tei_validation",
        "as_dict",
    }
)
OUR_DEFAULTS = {
    "include_tables": True,
    "favor_precision": False,
    "favor_recall": False,
    "include_comments": False,
}
LOADS_A_FILE = re.compile(r"\bopen\(|RESOURCES_DIR|path\.join|read_text\(|read_bytes\(|load_mock")
MARKUP = re.compile(r"<|\*|\]\(|\n|^#|\||=|~~|\$|\"")
# The test file's own wrappers of extract, as they build the page: name -> whether the
# intro paragraph comes first by default (``_extract_doc``'s ``intro=True``).
HELPERS = {"_extract_doc": True, "_table_md": True, "_table_txt": False}
INTRO = "_INTRO"


@dataclass(frozen=True, slots=True)
class Case:
    test: str
    line: int
    doc: str
    url: str | None
    needle: str
    kept: bool  # True: they assert the needle is in the body; False: not in it


@dataclass(slots=True)
class Read:
    cases: list[Case]
    skipped: Counter[str]


def _unwrap(node: ast.expr) -> ast.expr:
    """``(x or "")`` -> x; ``bare_extraction(...).text`` -> the call."""
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
        return _unwrap(node.values[0])
    if isinstance(node, ast.Attribute) and node.attr == "text":
        return _unwrap(node.value)
    return node


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


class _Reader:
    def __init__(self, module: dict[str, str]) -> None:
        self.read = Read([], Counter())
        self.module = module

    def function(self, fn: ast.FunctionDef, text: str) -> None:
        asserts = sum(isinstance(s, ast.Assert) for s in ast.walk(fn))
        if LOADS_A_FILE.search(ast.get_source_segment(text, fn) or ""):
            self.read.skipped["a test that loads a file (held back, never read)"] += asserts
            return
        if fn.decorator_list:
            self.read.skipped["a parametrized test (cases not read)"] += asserts
            return
        self._block(fn.name, fn.body, dict(self.module), {}, {})

    def _block(
        self,
        test: str,
        body: list[ast.stmt],
        env: dict[str, str],
        lists: dict[str, list[ast.expr]],
        bound: dict[str, ast.expr],
    ) -> None:
        for statement in body:
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                self._assign(statement.targets[0], statement.value, env, lists, bound)
            elif isinstance(statement, ast.For):
                self._loop(test, statement, env, lists, bound)
            elif isinstance(statement, ast.Try):
                asserts = sum(isinstance(s, ast.Assert) for s in ast.walk(statement))
                self.read.skipped["inside try/finally (a setting changed in place)"] += asserts
            elif isinstance(statement, (ast.With, ast.If)):
                self._block(test, statement.body, env, lists, bound)
            elif isinstance(statement, ast.Assert):
                self._assert(test, statement, env, bound)

    @staticmethod
    def _assign(
        target: ast.expr,
        value: ast.expr,
        env: dict[str, str],
        lists: dict[str, list[ast.expr]],
        bound: dict[str, ast.expr],
    ) -> None:
        if isinstance(target, ast.Name):
            if isinstance(value, (ast.List, ast.Tuple)):
                lists[target.id] = list(value.elts)
            text = _text(value, env)
            if text is not None:
                env[target.id] = text
            else:
                env.pop(target.id, None)
            bound[target.id] = value
        elif isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple):
            for name, part in zip(target.elts, value.elts, strict=False):
                text = _text(part, env)
                if isinstance(name, ast.Name) and text is not None:
                    env[name.id] = text

    def _loop(
        self,
        test: str,
        loop: ast.For,
        env: dict[str, str],
        lists: dict[str, list[ast.expr]],
        bound: dict[str, ast.expr],
    ) -> None:
        if isinstance(loop.iter, (ast.List, ast.Tuple)):
            rows: list[ast.expr] | None = list(loop.iter.elts)
        elif isinstance(loop.iter, ast.Name):
            rows = lists.get(loop.iter.id)
        else:
            rows = None
        if rows is None:
            asserts = sum(isinstance(s, ast.Assert) for s in ast.walk(loop))
            self.read.skipped["a loop over something not a literal"] += asserts
            return
        for row in rows:
            local, local_bound = dict(env), dict(bound)
            self._assign(loop.target, row, local, {}, local_bound)
            self._block(test, loop.body, local, lists, local_bound)

    def _assert(
        self, test: str, statement: ast.Assert, env: dict[str, str], bound: dict[str, ast.expr]
    ) -> None:
        found = _needle(statement.test, env)
        if found is None:
            self.read.skipped["not a text-in-body assertion"] += 1
            return
        needle, subject, kept = found
        call = _resolve(subject, bound)
        if call is None:
            self.read.skipped["the result of something else (baseline, a helper, a tree)"] += 1
            return
        why = _options_skip(call)
        if why is not None:
            self.read.skipped[why] += 1
            return
        doc = _document(call.args[0], env, bound) if call.args else None
        helper = _name(call.func)
        if doc is not None and helper in HELPERS:
            intro = next(
                (
                    k.value.value
                    for k in call.keywords
                    if k.arg == "intro" and isinstance(k.value, ast.Constant)
                ),
                HELPERS[helper],
            )
            inner = f"<p>{self.module.get(INTRO, '')}</p>{doc}" if intro else doc
            doc = f"<html><body><article>{inner}</article></body></html>"
        if doc is None:
            self.read.skipped["document not a static string (built as a tree)"] += 1
            return
        if MARKUP.search(needle) or not needle.strip():
            self.read.skipped["a needle of markup or layout (tags, markdown, line breaks)"] += 1
            return
        url = next((_text(k.value, env) for k in call.keywords if k.arg == "url"), None)
        self.read.cases.append(Case(test, statement.lineno, doc, url, needle, kept))


def _needle(test: ast.expr, env: dict[str, str]) -> tuple[str, ast.expr, bool] | None:
    """``"x" in R`` / ``"x" not in R`` / ``R.count("x") == 0`` as (needle, R, kept)."""
    if not isinstance(test, ast.Compare) or len(test.ops) != 1:
        return None
    op, right = test.ops[0], test.comparators[0]
    if isinstance(op, (ast.In, ast.NotIn)):
        needle = _text(test.left, env)
        return None if needle is None else (needle, _unwrap(right), isinstance(op, ast.In))
    left = test.left
    if isinstance(op, ast.Eq) and not isinstance(left, ast.Call | ast.Constant):
        needle = _text(right, env)  # R == "the whole body": its text is kept
        if needle:
            return needle, _unwrap(left), True
    if isinstance(op, ast.Eq) and isinstance(left, ast.Call) and _name(left.func) in EXTRACTORS:
        needle = _text(right, env)
        if needle:
            return needle, left, True
    if (
        isinstance(op, ast.Eq)
        and isinstance(left, ast.Call)
        and isinstance(left.func, ast.Attribute)
        and left.func.attr == "count"
        and left.args
        and isinstance(right, ast.Constant)
        and right.value in (0, 1)
    ):
        needle = _text(left.args[0], env)
        if needle is not None:
            return needle, _unwrap(left.func.value), right.value == 1
    return None


def _resolve(subject: ast.expr, bound: dict[str, ast.expr]) -> ast.Call | None:
    for _ in range(3):  # content = parsed.text; parsed = extract_with_metadata(...)
        subject = _unwrap(subject)
        if isinstance(subject, ast.Name) and subject.id in bound:
            subject = bound[subject.id]
    if isinstance(subject, ast.Call) and _name(subject.func) in EXTRACTORS | HELPERS.keys():
        return subject
    return None


def _options_skip(call: ast.Call) -> str | None:
    for keyword in call.keywords:
        name, value = keyword.arg, keyword.value
        if name == "config" and isinstance(value, ast.Name) and value.id == "NEW_CONFIG":
            return "config=NEW_CONFIG (a settings file in tests/resources, held back)"
        if name is None or name in MARKUP_ONLY or name == "intro":
            continue
        given = value.value if isinstance(value, ast.Constant) else None
        if name in OUR_DEFAULTS and given is OUR_DEFAULTS[name]:
            continue
        shown = f"{name}={given!r}" if isinstance(value, ast.Constant) else name
        return f"an option we do not have ({shown})"
    return None


def _document(node: ast.expr, env: dict[str, str], bound: dict[str, ast.expr]) -> str | None:
    for _ in range(4):
        if isinstance(node, ast.Call) and _name(node.func) in WRAPPERS and node.args:
            node = node.args[0]
        elif isinstance(node, ast.Name) and node.id not in env and node.id in bound:
            node = bound[node.id]
        else:
            break
    return _text(node, env)


def cases(text: str) -> Read:
    """Every scorable case of the file (deduplicated), skipped assertions by reason."""
    tree = ast.parse(text)
    module: dict[str, str] = {}
    for node in tree.body:  # the file's string constants (_INTRO, ...)
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            value = _text(node.value, module)
            if isinstance(target, ast.Name) and value is not None:
                module[target.id] = value
    reader = _Reader(module)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            reader.function(node, text)
    seen: set[tuple[str, str | None, str, bool]] = set()
    unique = []
    for case in reader.read.cases:
        key = (case.doc, case.url, case.needle, case.kept)
        if key in seen:
            reader.read.skipped["the same case again (another option or loop pass)"] += 1
        else:
            seen.add(key)
            unique.append(case)
    return Read(unique, reader.read.skipped)


def body(case: Case) -> str:
    try:
        return extract(case.doc, url=case.url or DEFAULT_URL).body
    except ParseError as exc:
        return f"<ParseError: {str(exc)[:60]}>"


def agrees(case: Case, got: str) -> bool:
    present = " ".join(case.needle.split()) in " ".join(got.split())
    return present == case.kept


def side_of(kept: bool) -> str:
    return "dropped (recall side)" if kept else "kept (precision side)"


def side(case: Case) -> str:
    """Where a disagreement counts: we keep what they drop, or drop what they keep."""
    return side_of(case.kept)


def main(argv: list[str] | None = None) -> int:
    """Print agreement per category and side, and the skipped assertions by reason."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repo", type=Path, default=TRAFILATURA, help="trafilatura's git directory"
    )
    parser.add_argument("--show", action="store_true", help="print every case")
    parser.add_argument("--misses", action="store_true", help="print the disagreements")
    args = parser.parse_args(argv)
    read = cases(mirror_file(args.repo, TEST_FILE))
    tally: Counter[tuple[str, str]] = Counter()
    for case in read.cases:
        got = body(case)
        same = agrees(case, got)
        where = category(case)
        tally[where, "agree" if same else side(case)] += 1
        if args.show or (args.misses and not same):
            mark = "=" if same else "x"
            want = "in" if case.kept else "NOT in"
            print(f"{mark} {case.test}:{case.line} [{where}] {case.needle[:70]!r} {want} body")
            print(f"    doc {case.doc[:400]!r}")
            print(f"    got {got[:200]!r}")
    agree = sum(n for (_, s), n in tally.items() if s == "agree")
    print(f"cases {len(read.cases)}: {agree} agree")
    print(f"    {'category':66} agree  kept(P)  dropped(R)")
    for where in sorted({w for w, _ in tally}):
        row = [tally[where, s] for s in ("agree", side_of(False), side_of(True))]
        print(f"    {where:66} {row[0]:5}  {row[1]:7}  {row[2]:10}")
    print(f"assertions skipped {sum(read.skipped.values())}:")
    for reason, count in read.skipped.most_common():
        print(f"    {count:3}  {reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
