"""CPU time of ``extract`` on hostile pages, old code against new, alternately.

    uv run python bench/hostile_inputs.py --old DIR [--new DIR] [--rounds 2]

Each case runs in a fresh interpreter per code tree (``--old``: a checkout of this
project, e.g. ``git archive main | tar -x -C DIR``); prints the median CPU seconds of
each and the load average. The cases are the review v21 findings (issue 17).
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
}
PROGRAM = """
import sys, time
sys.path.insert(0, {code!r})
from parsers import extract
STORY = {story!r}
doc = {expr}
extract('<p>warm</p>', url='https://e.org/w')
t = time.process_time()
try:
    extract(doc, url='https://e.org/a')
except Exception:
    pass
print(time.process_time() - t)
"""


def _cpu(code: Path, expr: str) -> float:
    program = PROGRAM.format(code=str(code), story=STORY, expr=expr)
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                         check=True, cwd=code)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    """Time every case on both trees, alternately; print medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True)
    parser.add_argument("--new", type=Path, default=ROOT)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()}")
    for name, expr in CASES.items():
        old: list[float] = []
        new: list[float] = []
        for _ in range(args.rounds):
            old.append(_cpu(args.old, expr))
            new.append(_cpu(args.new, expr))
        o, n = statistics.median(old), statistics.median(new)
        print(f"{name}: old {o:.3f} s, new {n:.3f} s CPU (old/new {o / max(n, 1e-9):.0f}x)",
              flush=True)
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
