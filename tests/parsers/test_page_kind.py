"""Page kind and which story is the body: hand-written golden pages, one per shape.

Categories (issue 17, "Body and page kind"): listing and index pages are recognised
as such, whatever the length of their teasers; on a page holding several stories
the body is the one the title names; teaser cards announced after the story are
not the body even when they are its longest text. See page_kind/README.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parsers import extract

FIXTURES = Path(__file__).parent / "page_kind"
NAMES = sorted(path.stem for path in FIXTURES.glob("*.html"))


def test_every_fixture_has_its_expectation() -> None:
    assert len(NAMES) >= 7
    assert all((FIXTURES / f"{name}.json").is_file() for name in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_page_kind_and_body(name: str) -> None:
    expected = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
    html = (FIXTURES / f"{name}.html").read_text("utf-8")
    article = extract(html, url=expected["url"])
    assert article.kind == expected["kind"], f"{name}: kind {article.kind!r}"
    if expected["kind"] == "article":
        assert article.title == expected["title"]
        assert article.body.split("\n\n") == expected["body"]
