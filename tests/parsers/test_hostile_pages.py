"""Pages a hostile or broken site serves (review v21): found by attacking the parsers.

Each case ran into a hang, a lost page or an unstorable Article before its fix.
"""

from __future__ import annotations

import time

from parsers import extract
from parsers.jsonld import load_jsonld

URL = "https://news.example.org/2019/11/16/story"
STORY = "<p>The council met and agreed the statement on the budget for the next year.</p>"
# Far above what these inputs take (well under 0.1 s), far below what they took before.
CPU_LIMIT = 3.0


def _ld_page(script: str) -> str:
    return (f"<html><head><script type='application/ld+json'>{script}</script></head>"
            f"<body>{STORY}</body></html>")


def test_broken_jsonld_of_blank_lines_is_read_in_linear_time() -> None:
    # The comment cut's ``^\s*//`` ran over all the blank lines after each line start:
    # 34 s of CPU for 150,000 newlines, a page of 150 kB.
    start = time.process_time()
    assert load_jsonld("\n" * 150_000 + "{") == []
    assert extract(_ld_page(" \n" * 90_000 + "x"), url=URL).body
    assert time.process_time() - start < CPU_LIMIT


def test_a_line_comment_in_jsonld_is_still_cut() -> None:
    raw = '{"@type": "NewsArticle",\n\n   // the date\n  "headline": "H",}'
    assert load_jsonld(raw) == [{"@type": "NewsArticle", "headline": "H"}]
