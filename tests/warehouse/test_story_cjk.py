"""Chinese and Japanese copies of one release cluster (review of issue 16).

Chinese and Japanese put no spaces between words: before, a whole clause was one
``\\w+`` "word", so a news item of four paragraphs had too few words and
paragraphs to be signed and every copy was a story of its own. Real DuckDB
files written through write_batch.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.parsers.cjk_pages import CHINESE, JAPANESE, TRADITIONAL, Story
from tests.warehouse.test_stories import _clusters, _story, _write
from warehouse import open_warehouse, stories

CREDIT = {"zh": "（来源：新华社）", "ja": "（共同通信）", "zh-Hant": "（中央社）"}


def _copy(story: Story) -> str:
    """Another site's copy: a credit line added, the last paragraph trimmed."""
    return "\n\n".join([*story.paragraphs[:-1], CREDIT[story.lang]])


@pytest.mark.parametrize("story", [CHINESE, JAPANESE], ids=lambda s: s.lang)
def test_a_cjk_release_and_its_copy_are_one_story(tmp_path: Path, story: Story) -> None:
    assert not stories.signature("\n\n".join(story.paragraphs)).short
    with open_warehouse(tmp_path / "w.duckdb") as wh:
        first = _write(wh, "xinhua", "a", story.title, "\n\n".join(story.paragraphs), days=0)
        copy = _write(wh, "portal", "b", story.title + "（图）", _copy(story), days=1)
        other = _write(wh, "cna", "c", TRADITIONAL.title, "\n\n".join(TRADITIONAL.paragraphs),
                       days=2)
        assert _story(wh, copy) == first
        assert _story(wh, other) == other
        incremental = _clusters(wh)
        wh.rebuild_stories()
        assert _clusters(wh) == incremental


def test_words_of_spaced_scripts_are_unchanged() -> None:
    body = "Minsk hosts the youth ice hockey tournament, ёлка и Москва 2019 года, 서울시는 1일"
    assert stories.paragraphs(body) == [
        ["minsk", "hosts", "the", "youth", "ice", "hockey", "tournament", "ёлка", "и",
         "москва", "2019", "года", "서울시는", "1일"]]
