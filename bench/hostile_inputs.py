"""CPU time of ``extract`` on hostile pages, old code against new, alternately.

    uv run python bench/hostile_inputs.py --old DIR [--new DIR] [--rounds 2]

Each case runs in a fresh interpreter per code tree (``--old``: a checkout of this
project, e.g. ``git archive main | tar -x -C DIR``); prints the median CPU seconds of
each and the load average. The cases are the review v21 findings (issue 17) and the reviews since.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORY = "<p>The council met and agreed the statement on the budget for the next year.</p>"
CASES = {
    # JSON-LD that is no JSON: 60,000 blank lines (the comment cut backtracked).
    "jsonld_blank_lines": "'<html><head><script type=\"application/ld+json\">' + '\\n' * 60_000 "
                          "+ 'x</script></head><body>' + STORY",
    # One author meta of one 30,000-letter word (the contact trim backtracked).
    "author_long_word": "'<html><head><meta name=author content=\"By ' + 'A' * 30_000 "
                        "+ '\"></head><body>' + STORY",
    # At the size cap: 990,000 paragraphs of one letter (the bound, unchanged).
    "many_elements_at_cap": "'<html><body>' + '<p>a</p>' * 990_000",
    # tests/parsers/test_extract.py's large hostile inputs (their time is measured here,
    # not asserted there: a wall-clock limit fails on a busy machine, not on slow code).
    "lt_flood": "'<' * 100_000",
    "nested_100k": "'<div>' * 100_000 + 'deep' + '</div>' * 100_000",
    "tables_50k": "'<table>' * 50_000",
    "jsonld_deep": "'<script type=\"application/ld+json\">' + '[' * 100_000 + '</script><p>x</p>'",
    "huge_text": "'<p>' + 'a ' * 3_000_000 + '</p>'",
    "gigantic": "'<p>' + 'x' * 9_000_000 + '</p>'",
    # Review r29: the rules t29, a29, b29 and d29 landed, each fed what it reads.
    # 20,000 'Posted by ... in ... on' lines of 100 characters (byline_lines.POSTED_AT_RE).
    "posted_by_lines": "'<article><h1>T t</h1>' + ('<p>Posted by ' + 'ab in ' * 14 "
                       "+ 'on on on</p>') * 20_000 + STORY * 3 + '</article>'",
    # 50,000 'date ·' lines, each joined with the next (byline_lines._date_and_name).
    "date_dot_lines": "'<article><h1>T t</h1>' + '<p>Dec. 19, 2025 ·</p>' * 50_000 "
                      "+ STORY * 3 + '</article>'",
    # 20,000 <h2> repeating part of the <title> (title.choose_title's section <h2>).
    "h2_repeats_title": "'<title>What is a Mobile App? [Definition + Types]</title>"
                        "<h1>What is a mobile app</h1>' + '<h2>What is a Mobile App?</h2>' "
                        "* 20_000 + STORY * 3",
    # 30,000 'post' elements holding the title as a heading, beside a one-line box
    # (body/posts.under_own_headline).
    "post_headings": "'<title>Pic post</title>' + '<div class=post><h2>Pic post</h2></div>' "
                     "* 30_000 + '<div class=box><p>Licence: CC BY.</p></div>'",
    # 20,000 date bars, headlines, clock times and date lines (date_lines' two rules).
    "date_bars_and_clocks": "('<p>Tuesday, January 15, 2008</p><h1>Head line</h1><p>16:30</p>"
                            "<p>Stand: 22.04.2024, 06:00 Uhr</p>') * 20_000 + STORY * 3",
    # Review k30: the rules d30, a30 and t30 landed, each fed what it reads.
    # An AMP and a canonical address of 1.4 MB of date-like path (published.address_date).
    "huge_addresses": "'<link rel=amphtml href=\"' + '/2024/1' * 200_000 + '\"><link rel="
                      "canonical href=\"/' + '2024-1-' * 200_000 + '\"><h1>T t</h1>' + STORY * 3",
    # 100,000 'day-Mon-year' lines (dates.DMY_RE's hyphenated form).
    "hyphen_dmy_lines": "'<article><h1>T t</h1>' + '<p>19-Dec-2025-19-Dec-</p>' * 100_000 "
                        "+ STORY * 3 + '</article>'",
    # 100,000 author spans of one class in one byline box (a30's co-authors rule read
    # them; reverted in 8272a5b, the case stays for the byline readers).
    "co_author_spans": "'<article><h1>T t</h1><div class=byline>' + '<span class=author>"
                       "Anna Berg</span>' * 100_000 + '</div>' + STORY * 3 + '</article>'",
    # 100,000 name lines beside dates under the headline (name line beside the date).
    "name_lines_beside_dates": "'<article><h1>T t</h1>' + '<p>Elliot Raba</p><p>23.07.2025 "
                               "· 6 min read</p>' * 100_000 + STORY * 3 + '</article>'",
    # One <h1> of 100,000 lines parted by <br>, a <title> to join them to (title._split_h1).
    "h1_br_lines": "'<title>' + 'Word ' * 50 + '</title><h1>' + 'Word<br>' * 100_000 "
                   "+ '</h1>' + STORY * 3",
    # Review k32: d31's relative stamps (run with a fetch time, see FETCHED) and a31's
    # bylines by the page's language. 100,000 stamp lines under the headline.
    "relative_stamp_lines": "'<article><h1>T t</h1>' + '<p>vor 3 Stunden</p>' * 100_000 "
                            "+ STORY * 3 + '</article>'",
    # 50,000 short lines of a stamp's words and digits, no stamp (date_furniture.is_date_line reads
    # each: about 0.8 ms CPU a line at load 10, 40 s for this 4 MB page; linear).
    "stamp_word_lines": "'<article><h1>T t</h1>' + ('<p>' + 'il y a 3 ' * 8 + '</p>') * 50_000 "
                        "+ STORY * 3 + '</article>'",
    # Review p33: the same lines, each its own (no answer to reuse), with a year after a
    # day and the month names' work both patterns do (MDY_RE, DMY_RE).
    "stamp_year_lines": "'<article><h1>T t</h1>' + ''.join('<p>%d ' % i + 'il y a 3 2019 ' * 4 "
                        "+ '</p>' for i in range(50_000)) + STORY * 3 + '</article>'",
    # A byline box of 100,000 'und' on a German page; a meta author of 100,000 'and'.
    "und_byline_box": "'<html lang=de><article><h1>T t</h1><div class=byline>Von Anna Berg' "
                      "+ ' und Jan Roe' * 100_000 + '</div>' + STORY * 3 + '</article>'",
    "and_meta_author": "'<html><head><meta name=author content=\"Anna Berg' + ' and Jan Roe' "
                       "* 100_000 + '\"></head><body>' + STORY * 3",
    # 2,000,000 right-to-left marks before one byline (author_words.unmarked).
    "rtl_marks_byline": "'<article><h1>T t</h1><p>' + '\\u200f' * 2_000_000 + 'By Anna Berg</p>' "
                        "+ STORY * 3 + '</article>'",
}
# Cases run with a fetch time (the rules that read one are idle without it).
FETCHED = frozenset({"relative_stamp_lines"})
PROGRAM = """
import sys, time
from datetime import UTC, datetime
sys.path.insert(0, {code!r})
from parsers import extract
STORY = {story!r}
doc = {expr}
extract('<p>warm</p>', url='https://e.org/w')
t = time.process_time()
try:
    extract(doc, url='https://e.org/a'{fetched})
except Exception as exc:
    if type(exc).__name__ != 'ParseError':
        print('raised', type(exc).__name__, file=sys.stderr)
print(time.process_time() - t)
"""


def _cpu(code: Path, expr: str, fetched: bool = False) -> float:
    at = ", fetched_at=datetime(2026, 12, 4, 12, tzinfo=UTC)" if fetched else ""
    program = PROGRAM.format(code=str(code), story=STORY, expr=expr, fetched=at)
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                         check=True, cwd=code)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    """Time every case on both trees, alternately; print medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True)
    parser.add_argument("--new", type=Path, default=ROOT)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cases", nargs="+", choices=sorted(CASES), help="only these cases")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()}")
    for name, expr in CASES.items():
        if args.cases and name not in args.cases:
            continue
        old: list[float] = []
        new: list[float] = []
        for _ in range(args.rounds):
            old.append(_cpu(args.old, expr, name in FETCHED))
            new.append(_cpu(args.new, expr, name in FETCHED))
        o, n = statistics.median(old), statistics.median(new)
        print(f"{name}: old {o:.3f} s, new {n:.3f} s CPU (old/new {o / max(n, 1e-9):.0f}x)",
              flush=True)
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
