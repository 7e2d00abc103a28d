"""A page that prints two releases does not glue them into one story (review of issue 16).

Real DuckDB files written through write_batch. A "News in brief" page carrying two
short releases in full is a near-copy of each; before, the second release joined
the story of the first through that page; and stored *before* both releases, the
page was their story's first copy and each release, contained in it, joined it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.warehouse.storytext import DATELINE, SAME_TOPIC, TITLE, seed_paragraphs
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


def _pages() -> dict[str, tuple[str, str, str, str]]:
    """name -> (source, slug, title, body): a digest printing two short releases in
    full, the two releases, and a trimmed copy of each."""
    release = seed_paragraphs()[:3]
    police = SAME_TOPIC.split("\n\n")
    return {
        "digest": ("digest", "brief", "News in brief", "\n\n".join([*release, *police])),
        "release": ("belta", "un", TITLE, "\n\n".join(release)),
        "police": ("mvd", "un-2", POLICE, SAME_TOPIC),
        # Its own dateline, the last paragraph trimmed, a credit line.
        "trimmed": ("azernews", "un", TITLE.upper(), "\n\n".join([
            "Baku, November 16 (AzerNews) - " + release[0].removeprefix(DATELINE),
            release[1], "Source: BelTA"])),
        "police_trimmed": ("tut", "un-2", POLICE.upper(),
                           "\n\n".join([*police[:2], "Source: Ministry of Internal Affairs"])),
    }


@pytest.mark.parametrize("order", [
    # The digest first (it was the story's first copy and glued both releases), ...
    ("digest", "release", "police"), ("digest", "police", "release"),
    # ... between them, and last.
    ("release", "digest", "police"), ("police", "digest", "release"),
    ("release", "police", "digest"), ("police", "release", "digest"),
    # A trimmed copy before its release, with the digest first or not.
    ("digest", "trimmed", "release", "police"), ("trimmed", "digest", "police", "release"),
])
def test_a_digest_glues_no_releases_in_any_order(tmp_path: Path, order: tuple[str, ...]) -> None:
    pages = _pages()
    rest = [n for n in ("trimmed", "police_trimmed") if n not in order]
    with open_warehouse(tmp_path / "w.duckdb") as wh:
        ids = {name: _write(wh, *pages[name], days=day)
               for day, name in enumerate([*order, *rest])}
        story = {name: _story(wh, i) for name, i in ids.items()}
        # The two releases are two stories whichever came first; the digest is in
        # at most one of them; each trimmed copy is in its release's story.
        assert story["release"] != story["police"]
        assert story["trimmed"] == story["release"]
        assert story["police_trimmed"] == story["police"]
        incremental = _clusters(wh)
        wh.rebuild_stories()
        assert _clusters(wh) == incremental
