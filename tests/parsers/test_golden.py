"""Quality gate: a fixed sample of WCXB dev pages scored against their ground truth.

Data: WCXB (Murrough Foley, 2026), CC-BY-4.0 (see golden/README.md). The floors
sit a little under what the extractor scores today, so a real regression fails
while the gate runs in about a second.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path

import pytest

from bench.metrics import (
    authors_match,
    body_precision_recall,
    date_matches,
    f1_of_means,
    title_matches,
)
from parsers import Article, extract

GOLDEN = Path(__file__).parent / "golden"
KEYS = sorted(path.name.removesuffix(".html.gz") for path in GOLDEN.glob("*.html.gz"))
# A page under this body F1 means the wrong part of the page was taken.
PAGE_BODY_F1_FLOOR = 0.5
AGGREGATE_BODY_F1_FLOOR = 0.945
TITLE_FLOOR = 0.85
DATE_FLOOR = 0.82
AUTHOR_FLOOR = 0.70


def truth(key: str) -> dict[str, str | None]:
    data: dict[str, str | None] = json.loads((GOLDEN / f"{key}.json").read_text("utf-8"))
    return data


@cache
def extracted(key: str) -> Article:
    html = gzip.decompress((GOLDEN / f"{key}.html.gz").read_bytes())
    return extract(html, url=str(truth(key)["url"]))


def test_golden_set_is_present() -> None:
    assert len(KEYS) >= 40


@pytest.mark.parametrize("key", KEYS)
def test_page_body_is_the_main_text(key: str) -> None:
    precision, recall = body_precision_recall(
        extracted(key).body, truth(key)["main_content"] or ""
    )
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    assert f1 >= PAGE_BODY_F1_FLOOR, f"{key}: P={precision:.2f} R={recall:.2f}"


def test_aggregate_floors() -> None:
    pairs = []
    titles = dates = dated = authors = authored = 0
    for key in KEYS:
        article, gold = extracted(key), truth(key)
        pairs.append(body_precision_recall(article.body, gold["main_content"] or ""))
        titles += title_matches(article.title, gold["title"])
        if gold["publish_date"]:
            dated += 1
            dates += date_matches(article.published_at, gold["publish_date"])
        if gold["author"]:
            authored += 1
            authors += authors_match(article.authors, gold["author"])
    f1, _, _ = f1_of_means(pairs)
    assert f1 >= AGGREGATE_BODY_F1_FLOOR
    assert titles >= TITLE_FLOOR * len(KEYS)
    assert dates >= DATE_FLOOR * dated
    assert authors >= AUTHOR_FLOOR * authored
