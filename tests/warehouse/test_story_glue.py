"""A page that prints two releases does not glue them into one story (review of issue 16).

Real DuckDB files written through write_batch. A "News in brief" page carrying two
short releases in full is a near-copy of each; before, the second release joined
the story of the first through that page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.warehouse.storytext import SAME_TOPIC, TITLE, seed_paragraphs
from tests.warehouse.test_stories import _clusters, _story, _write
from warehouse import open_warehouse

POLICE = "Police welcome UN resolution"


@pytest.mark.parametrize("paragraphs", [2, 3])
def test_a_digest_page_does_not_glue_two_releases(tmp_path: Path, paragraphs: int) -> None:
    release = "\n\n".join(seed_paragraphs()[:paragraphs])
    with open_warehouse(tmp_path / "w.duckdb") as wh:
        first = _write(wh, "belta", "un", TITLE, release, days=0)
        digest = _write(wh, "digest", "brief", "News in brief",
                        release + "\n\n" + SAME_TOPIC, days=1)
        police = _write(wh, "mvd", "un-2", POLICE, SAME_TOPIC, days=2)
        # The digest prints the release in full: a copy of it. The police statement
        # is another release on the topic: a story of its own, as without the digest.
        assert _story(wh, digest) == _story(wh, first) == first
        assert _story(wh, police) == police
        incremental = _clusters(wh)
        wh.rebuild_stories()
        assert _clusters(wh) == incremental


def test_copies_of_each_release_still_join_their_own_story(tmp_path: Path) -> None:
    release = "\n\n".join(seed_paragraphs()[:3])
    with open_warehouse(tmp_path / "w.duckdb") as wh:
        first = _write(wh, "belta", "un", TITLE, release, days=0)
        _write(wh, "digest", "brief", "News in brief", release + "\n\n" + SAME_TOPIC, days=1)
        police = _write(wh, "mvd", "un-2", POLICE, SAME_TOPIC, days=2)
        again = _write(wh, "azernews", "un", TITLE.upper(),
                       "Baku, November 16 (AzerNews) - " + release + "\n\nSource: BelTA", days=3)
        police_copy = _write(wh, "tut", "un-2", POLICE.upper(),
                             SAME_TOPIC + "\n\nSource: Ministry of Internal Affairs", days=4)
        assert _story(wh, again) == first
        assert _story(wh, police_copy) == police
