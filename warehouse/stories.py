"""Story signatures: which article bodies are copies of one release.

Pure functions, no database (the persistent index is :mod:`warehouse.story_index`).

How a body becomes a signature, and why:

- **Normalise.** NFKC and casefold; paragraphs are the body's lines. A leading
  dateline with an agency credit ("MINSK, 16 November (BelTA) - ",
  "LONDON (Reuters) — ") is cut from the first paragraph, and paragraphs of fewer
  than :data:`MIN_PARAGRAPH_WORDS` words are dropped (:mod:`parsers.story_text`, which
  a parse worker runs beside the article): credit lines ("Source:
  BelTA"), photo captions and share buttons are what copies add or drop.
- **Boilerplate.** A paragraph that already appeared in
  :data:`BOILERPLATE_DOCS` (one) or more earlier documents *of the same source*
  is that source's furniture ("Subscribe to our newsletter ...") or stock
  background paragraph, and is left out, so two mostly-boilerplate pages of one
  source, or two releases of one ministry sharing a background paragraph, do not
  look alike. Counting per source keeps a syndicated paragraph (same text, many
  sources) in. A threshold above one would let the first few boilerplate pages
  of a source glue together before the furniture is known. The price: a source
  re-publishing a release word for word under a new URL gets no signature left
  (a story of its own).
- **Shingles.** Word 5-grams of what is left (``\\w+`` tokens; in Chinese and
  Japanese, which put no spaces between words, each Han or kana character is a
  word, so shingles are 5-character n-grams there). Five words are
  long enough that two different releases on one topic share few of them, short
  enough that a light edit changes only a few.
- **Short bodies.** Fewer than :data:`MIN_WORDS` words left: no signature, the
  article is a story of its own (a 20-word notice would otherwise match every
  other notice of its kind).
- **MinHash + LSH.** :data:`NUM_PERM` = 128 permutations (rensa's RMinHash,
  seeded, stable across processes), cut into :data:`BANDS` = 32 bands of
  :data:`ROWS` = 4. Two bodies become candidates when one band is equal; the
  chance is 1 - (1 - J^4)^32: 0.87 at Jaccard 0.5, 0.99 at 0.6, 0.9995 at 0.7.
- **Confirmation.** A candidate is a copy when its estimated Jaccard is at least
  :data:`JACCARD_MIN` (0.5), or when the smaller body is at least
  :data:`CONTAINMENT_MIN` (0.85) contained in the larger with Jaccard at least
  :data:`JACCARD_FLOOR` (0.3): a copy with a paragraph trimmed or added keeps
  Jaccard about 0.7-0.9; two releases on one topic stay near 0.1.
- **Parts start at the lead.** Containment is not transitive: a page printing
  two releases (a "News in brief" digest) contains each, and two releases
  printed by one digest must never share a story, whichever arrives first. A
  body that is a part of a larger one (fewer shingles, Jaccard below
  :data:`LEAD_FREE`, 0.8) counts as its copy only if it starts where the larger
  one starts (:func:`starts_at_lead`): its first paragraph that the larger body
  also prints, word for word after normalising, is the larger body's first, or
  no further down there than in itself with the paragraphs before it mostly in
  the larger body (an edited lead, not a headline or standfirst of its own). A
  trimmed copy keeps the lead; the second release of a digest starts in its
  middle. A part sharing no paragraph with the larger body is not
  placed, so not a copy: a digest that runs each release into one paragraph, or
  prints a one-paragraph release with its dateline, glues nothing either. Two
  disjoint parts of one body cannot both reach 0.8 (their Jaccards add up to at
  most 1, and below :data:`JACCARD_FLOOR` no copy is confirmed), so a part at
  0.8 or more needs no test. The price: a part of a body whose first paragraph
  the part lacks (its lead cut, or the larger body opening with a long
  paragraph of its site's own), or whose paragraphs are all edited or cut
  differently, joins only at Jaccard 0.8 or more.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import rensa

from parsers.story_text import _DATELINE as _DATELINE
from parsers.story_text import _PLACE_DATE as _PLACE_DATE
from parsers.story_text import _WORD as _WORD
from parsers.story_text import MIN_PARAGRAPH_WORDS as MIN_PARAGRAPH_WORDS
from parsers.story_text import StoryText, story_text
from parsers.story_text import int64 as _int64
from parsers.story_text import paragraph_hash as paragraph_hash
from parsers.story_text import paragraphs as paragraphs

NUM_PERM = 128
BANDS = 32
ROWS = 4
SEED = 20191116
SHINGLE = 5
MIN_WORDS = 50
BOILERPLATE_DOCS = 1
JACCARD_MIN = 0.5
CONTAINMENT_MIN = 0.85
JACCARD_FLOOR = 0.3
LEAD_FREE = 0.8
LEAD_EDIT_MIN = 0.5


@dataclass(frozen=True, slots=True)
class Signature:
    """A body's MinHash (empty when too short) and the paragraph hashes it saw."""

    minhash: tuple[int, ...]
    n_shingles: int
    paragraphs: tuple[int, ...]

    @property
    def short(self) -> bool:
        """True when the body is too short to cluster."""
        return not self.minhash


def signature(body: str, boilerplate: Iterable[int] = (), *,
              text: StoryText | None = None) -> Signature:
    """The signature of ``body``, leaving out paragraphs whose hash is in ``boilerplate``.

    ``text`` (the body's :func:`~parsers.story_text.story_text`, as its parse
    worker computed it) saves normalising the body again; only the paragraphs
    kept are split into words, so a body that is all boilerplate costs nothing more.
    """
    skip = frozenset(boilerplate)
    if text is None:
        text = story_text(body)
    words = [w for t, h in zip(text.texts, text.hashes, strict=True) if h not in skip
             for w in t.split(" ")]
    distinct = tuple(dict.fromkeys(text.hashes))
    if len(words) < MIN_WORDS:
        return Signature((), 0, distinct)
    shingles = _shingles(words)
    mh = rensa.RMinHash(num_perm=NUM_PERM, seed=SEED)
    mh.update(list(shingles))  # a minimum: the order does not matter
    return Signature(tuple(int(v) for v in mh.digest()), len(shingles), distinct)


def _shingles(words: Sequence[str]) -> set[str]:
    """The distinct word :data:`SHINGLE`-grams of ``words``, each joined by spaces
    (``zip`` over shifted lists: the same set as slicing at every index, ~25 % less CPU)."""
    return set(map(" ".join, zip(*(words[i:] for i in range(SHINGLE)), strict=False)))


def band_keys(minhash: Sequence[int]) -> list[int]:
    """One signed 64-bit key per band: equal keys mean an equal band."""
    return [
        _int64(struct.pack(f"<H{ROWS}I", b, *minhash[b * ROWS : (b + 1) * ROWS]))
        for b in range(BANDS)
    ]


def pack(minhash: Sequence[int]) -> bytes:
    """The MinHash as bytes for the warehouse (little-endian uint32)."""
    return struct.pack(f"<{len(minhash)}I", *minhash)


def unpack(data: bytes) -> tuple[int, ...]:
    """Inverse of :func:`pack`."""
    return struct.unpack(f"<{len(data) // 4}I", data)


def jaccard(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity: the share of equal MinHash values."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def is_copy(a: Signature | tuple[tuple[int, ...], int], b: Signature | tuple[tuple[int, ...], int]
            ) -> tuple[bool, float]:
    """Whether two signatures are copies of one release, and their estimated Jaccard."""
    mh_a, n_a = (a.minhash, a.n_shingles) if isinstance(a, Signature) else a
    mh_b, n_b = (b.minhash, b.n_shingles) if isinstance(b, Signature) else b
    j = jaccard(mh_a, mh_b)
    if j >= JACCARD_MIN:
        return True, j
    if j < JACCARD_FLOOR or min(n_a, n_b) <= 0:
        return False, j
    # |A ∩ B| = J (|A| + |B|) / (1 + J); containment of the smaller set in the larger.
    containment = j * (n_a + n_b) / (1 + j) / min(n_a, n_b)
    return containment >= CONTAINMENT_MIN, j


def starts_at_lead(part: Sequence[Sequence[str]], whole: Sequence[int],
                   whole_minhash: Sequence[int], n_whole: int) -> bool:
    """Whether a body of paragraphs ``part`` (:func:`paragraphs`) starts at the lead of
    a body of paragraph hashes ``whole``, MinHash ``whole_minhash`` and ``n_whole``
    shingles. Its first paragraph that ``whole`` also has, word for word, must be
    no further down there than in ``part``, and the paragraphs of ``part`` before
    it, if it is not ``whole``'s first, must be mostly in ``whole`` (at least
    :data:`LEAD_EDIT_MIN` of their shingles, from the MinHashes): an edited lead,
    not a line of the part's own (a headline repeated, a standfirst). No paragraph
    in common (every one edited, or the paragraphs cut differently): False, nothing
    places it there."""
    where = {h: i for i, h in reversed(list(enumerate(whole)))}
    for i, words in enumerate(part):
        j = where.get(paragraph_hash(words))
        if j is None:
            continue
        if j == 0 or j > i:
            return j == 0
        shingles = _shingles([w for p in part[:i] for w in p])
        if not shingles:
            return False
        mh = rensa.RMinHash(num_perm=NUM_PERM, seed=SEED)
        mh.update(list(shingles))
        est = jaccard(tuple(int(v) for v in mh.digest()), whole_minhash)
        return est * (len(shingles) + n_whole) / (1 + est) / len(shingles) >= LEAD_EDIT_MIN
    return False


def words_of(body: str | StoryText) -> list[list[str]]:
    """:func:`paragraphs` of a body, or of its :class:`StoryText` (no normalising again)."""
    return body.words() if isinstance(body, StoryText) else paragraphs(body)


def part_elsewhere(body: str | StoryText, n_part: int, n_whole: int, whole: Sequence[int],
                   whole_minhash: Sequence[int], j: float) -> bool:
    """Whether ``body`` (``n_part`` shingles), a copy at estimated Jaccard ``j`` of a
    body of ``n_whole`` shingles, paragraph hashes ``whole`` and MinHash
    ``whole_minhash``, is a part of it not placed at its lead, so no copy of it
    after all (see "Parts start at the lead" above)."""
    return (n_part < n_whole and j < LEAD_FREE
            and not starts_at_lead(words_of(body), whole, whole_minhash, n_whole))
