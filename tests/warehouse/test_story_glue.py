"""A page that prints two releases does not glue them into one story (review of issue 16).

Real DuckDB files written through write_batch. A "News in brief" page carrying two
short releases in full is a near-copy of each; before, the second release joined
the story of the first through that page; and stored *before* both releases, the
page was their story's first copy and each release, contained in it, joined it.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.warehouse.storytext import DATELINE, SAME_TOPIC, TITLE, seed_paragraphs
from tests.warehouse.test_stories import _clusters, _story, _write
from warehouse import open_warehouse, stories

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


def _shapes() -> dict[str, tuple[str, str, str]]:
    """Digests the paragraph positions alone do not place: shape -> (digest, release,
    police statement)."""
    paras = seed_paragraphs()
    police = SAME_TOPIC.split("\n\n")
    one = " ".join(p.removeprefix(DATELINE) for p in paras[:2])  # a one-paragraph release
    other = " ".join(police[:2])
    return {
        # One-paragraph releases, each with its dateline in the digest: the second
        # shares no paragraph with the digest word for word (its own dateline is cut).
        "datelines": (one + "\n\n" + "MINSK, 17 November (BelTA) - " + other,
                      DATELINE + one, "MINSK, 17 November (BelTA) - " + other),
        # Each release run into one paragraph: no paragraph in common at all.
        "run_in": (" ".join(paras[:3]) + "\n\n" + " ".join(police),
                   "\n\n".join(paras[:3]), SAME_TOPIC),
        # The statement opens with a standfirst of its own, as long as the digest's
        # first item is in paragraphs: it looks placed at the digest's lead.
        "standfirst": (one + "\n\n" + other, "UN adopts resolution on human trafficking\n\n"
                       + one, "Police welcome UN resolution on trafficking in persons\n\n"
                       + other),
    }


@pytest.mark.parametrize("police_first", [False, True])
@pytest.mark.parametrize("shape", ["datelines", "run_in", "standfirst"])
def test_a_digest_stored_first_glues_no_releases_in_any_shape(
        tmp_path: Path, shape: str, police_first: bool) -> None:
    digest, release, police = _shapes()[shape]
    with open_warehouse(tmp_path / "w.duckdb") as wh:
        _write(wh, "digest", "brief", "News in brief", digest, days=0)
        pages = [("belta", "un", TITLE, release), ("mvd", "un-2", POLICE, police)]
        ids = [_write(wh, *page, days=1 + n)
               for n, page in enumerate(pages[::-1] if police_first else pages)]
        assert _story(wh, ids[0]) != _story(wh, ids[1])
        incremental = _clusters(wh)
        wh.rebuild_stories()
        assert _clusters(wh) == incremental


@pytest.mark.parametrize("digest_first", [False, True])
def test_a_trimmed_copy_with_an_edited_lead_still_joins(tmp_path: Path,
                                                        digest_first: bool) -> None:
    """The copy shares no first paragraph with the release (a word of it edited, the
    last paragraph trimmed): its lead is placed by its words, not word for word."""
    digest, release, police = _shapes()["run_in"][0], "\n\n".join(seed_paragraphs()[:3]), \
        SAME_TOPIC
    first, second, _ = seed_paragraphs()[:3]
    edited = first.replace("adopted", "has adopted").replace("resolution", "draft resolution")
    assert stories.paragraph_hash(stories.paragraphs(edited)[0]) != stories.paragraph_hash(
        stories.paragraphs(first)[0])
    with open_warehouse(tmp_path / "w.duckdb") as wh:
        if digest_first:
            _write(wh, "digest", "brief", "News in brief", digest, days=0)
        root = _write(wh, "belta", "un", TITLE, release, days=1)
        _write(wh, "mvd", "un-2", POLICE, police, days=2)
        copy = _write(wh, "azernews", "un", TITLE.upper(), edited + "\n\n" + second, days=3)
        assert _story(wh, copy) == _story(wh, root)


@pytest.mark.parametrize("order", list(itertools.permutations(["digest", "release", "police",
                                                               "short"])))
def test_a_short_trimmed_copy_joins_its_release_whatever_the_order(
        tmp_path: Path, order: tuple[str, ...]) -> None:
    """The copy keeps the release's first paragraph and a half: too small a part of
    the digest to be its copy, it still joins its release's story, in the digest's
    story or out of it, and the release joins the copy's."""
    release = seed_paragraphs()[:3]
    pages = {**{k: v for k, v in _pages().items() if k in ("digest", "release", "police")},
             "short": ("azernews", "un", TITLE.upper(), "\n\n".join([
                 "Baku, November 16 (AzerNews) - " + release[0].removeprefix(DATELINE),
                 " ".join(release[1].split()[:13]), "Source: BelTA"]))}
    with open_warehouse(tmp_path / "w.duckdb") as wh:
        ids = {name: _write(wh, *pages[name], days=day) for day, name in enumerate(order)}
        story = {name: _story(wh, i) for name, i in ids.items()}
        assert story["release"] != story["police"]
        assert story["short"] == story["release"]
        incremental = _clusters(wh)
        wh.rebuild_stories()
        assert _clusters(wh) == incremental
