"""The gazetteer file damaged, and places written in other Unicode forms (k37b).

Category "a place after the name" (k35, a37, g37): ``parsers/places.bin`` is read once per
process; a file cut short, emptied or out of order is no gazetteer (the shape rules of
``parsers.name_trims`` decide, as without the file), not a crash of every page with a comma
in its byline, nor silent wrong answers. A place typed decomposed ("Zu\u0308rich", as macOS
writes) or in full-width letters is the place its composed form names.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.build_places import PLACES_PATH
from parsers import places
from parsers.authors import split_byline


@pytest.fixture
def damaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the places file in ``tmp_path`` that the test damages; ``PLACES_FILE``
    names it (an absolute path: ``resources.files(...).joinpath`` gives that path)."""
    copy = tmp_path / "places.bin"
    copy.write_bytes(PLACES_PATH.read_bytes())
    monkeypatch.setattr(places, "PLACES_FILE", str(copy))
    places.place_names.cache_clear()
    yield copy
    places.place_names.cache_clear()


def _cut(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-3])


def _emptied(path: Path) -> None:
    path.write_bytes(b"")


def _shuffled(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[len(data) // 2 :] + data[: len(data) // 2])


def _a_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


@pytest.mark.parametrize("damage", [_cut, _emptied, _shuffled, _a_folder])
def test_a_damaged_places_file_is_no_gazetteer(damaged: Path, damage: object) -> None:
    # Fails without the checks of parsers.places.keys_of: a cut file raised ValueError on
    # every byline with a comma, an empty one answered False for every place ("Kyiv" a
    # co-author), a shuffled one lost places to the bisection, a folder IsADirectoryError.
    assert callable(damage)
    damage(damaged)
    assert places.known_place("Kyiv") is None
    assert split_byline("By Jane Doe, Kyiv") == ["Jane Doe"]
    assert split_byline("By Jane Doe, John Roe") == ["Jane Doe", "John Roe"]


def test_the_committed_places_file_passes_the_checks() -> None:
    keys = places.keys_of(PLACES_PATH.read_bytes())
    assert keys is not None
    assert all(a < b for a, b in itertools.pairwise(keys))


@pytest.mark.parametrize(
    "piece", ["Zu\u0308rich", "Mu\u0308nchen", "Sa\u0303o Paulo", "Ｋｙｉｖ", "ＮＥＷ ＤＥＬＨＩ"]
)
def test_a_place_in_another_unicode_form_is_known(piece: str) -> None:
    # Fails without NFKC in parsers.places.folded: the decomposed "Zürich" and the
    # full-width "Kyiv" were no place, and stayed as co-authors.
    assert places.known_place(piece) is True
    assert split_byline(f"By Jane Doe, {piece}") == ["Jane Doe"]
