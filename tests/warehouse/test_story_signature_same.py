"""Story signatures do not change with how they are computed: stored signatures are
compared with new ones, so a faster `paragraphs` or shingle set must give the same."""

from __future__ import annotations

import hashlib
import re
import unicodedata

import pytest

from tests.warehouse.storytext import seed_paragraphs
from warehouse import stories

# The seed release's signature as computed before the zip-built shingle set (main
# 02bb047): sha256 of the packed MinHash, and the shingle count.
SEED_MINHASH_SHA256 = "3ed93cfdfe5f114b7dd7c578962c2dd7ae0425c15413d392ef711d735a6251e9"
SEED_SHINGLES = 446


def per_line(body: str) -> list[list[str]]:
    """`stories.paragraphs` as it was written first: each line normalised on its own."""
    lines = [line.strip() for line in body.splitlines()]
    lines = [line for line in lines if line]
    if lines:
        lines[0] = stories._PLACE_DATE.sub("", stories._DATELINE.sub("", lines[0], count=1),
                                           count=1)
    out = []
    for line in lines:
        words = stories._WORD.findall(unicodedata.normalize("NFKC", line).casefold())
        if len(words) >= stories.MIN_PARAGRAPH_WORDS:
            out.append(words)
    return out


BODIES = {
    # NFKC compatibility forms (fullwidth letters, a ligature) and a line separator
    # inside what splitlines() cuts.
    "compatibility": "Ａｂｃ ﬁne ｔｅｘｔ here is\u2028more text with enough words " * 5,
    # Combining marks opening a line: nothing before them to compose with.
    "combining": "\n".join(f"\u0301e{i} word word word word word word" for i in range(8)),
    "dateline": "MINSK, 16 November (BelTA) - " + "one two three four five six " * 20,
    "japanese": "日本語のテキストです。これは試験の文章です。\n" * 6,
    "blank lines": "\n\n  \n" + "ΣΊΣΥΦΟΣ ΚΑΙ ΟΔΥΣΣΕΑΣ πήγαν στην αγορά σήμερα το πρωί\r\n" * 4,
    "seed": "\n\n".join(seed_paragraphs()),
}


@pytest.mark.parametrize("name", sorted(BODIES))
def test_paragraphs_are_the_lines_normalised_one_by_one(name: str) -> None:
    assert stories.paragraphs(BODIES[name]) == per_line(BODIES[name])


def test_shingles_are_every_five_word_window() -> None:
    words = re.findall(r"\w+", "\n\n".join(seed_paragraphs()).casefold())
    sliced = {" ".join(words[i : i + stories.SHINGLE])
              for i in range(len(words) - stories.SHINGLE + 1)}
    assert stories._shingles(words) == sliced
    assert stories._shingles(words[:4]) == set()


def test_the_seed_signature_is_unchanged() -> None:
    sig = stories.signature("\n\n".join(seed_paragraphs()))
    assert hashlib.sha256(stories.pack(sig.minhash)).hexdigest() == SEED_MINHASH_SHA256
    assert sig.n_shingles == SEED_SHINGLES
