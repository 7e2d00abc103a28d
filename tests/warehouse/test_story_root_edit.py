"""A story's first copy that changes to another text leaves its story (review of issue 16).

Real DuckDB files written through write_batch. A story's id is the article id of
its first copy; before, that article, re-clustered as a story of its own, took
its own id again, which was still its old story's id, so it stayed in the story
it no longer belonged to, and ``--rebuild`` gave other clusters.
"""

from __future__ import annotations

from pathlib import Path

from tests.warehouse.storytext import SAME_TOPIC, copies
from tests.warehouse.test_stories import _clusters, _story, _write
from warehouse import open_warehouse


def test_a_root_rewritten_to_another_text_leaves_its_story(tmp_path: Path) -> None:
    c = copies()
    with open_warehouse(tmp_path / "w.duckdb") as wh:
        root = _write(wh, "belta", "un", "UN resolution", c["belta"][1], days=0)
        mfa = _write(wh, "mfa_mission", "un", "UN resolution", c["mfa_mission"][1], days=1)
        aze = _write(wh, "azernews", "un", "UN resolution", c["azernews"][1], days=2)
        # BelTA's page now carries another release (same URL, another text).
        assert _write(wh, "belta", "un", "Police welcome UN resolution", SAME_TOPIC,
                      days=3) == root
        assert _story(wh, mfa) == _story(wh, aze) == mfa  # the earliest copy left names it
        assert _story(wh, root) == root
        incremental = _clusters(wh)
        assert frozenset({root}) in incremental
        # Later copies of the release still join it, and the rebuild agrees.
        menafn = _write(wh, "menafn", "un", "UN resolution", c["menafn"][1], days=4)
        assert _story(wh, menafn) == mfa
        incremental = _clusters(wh)
        wh.rebuild_stories()
        assert _clusters(wh) == incremental
