"""An article body's paragraphs as story clustering reads them (pure).

Story signatures (:mod:`warehouse.stories`) are built from these normalised
paragraphs. Normalising is most of a signature's CPU (NFKC, casefold, the word
regex: ~1 ms a body), and a pure function of the body, so a parse worker
computes it beside the article (:func:`story_text`) and the ingest process,
where every millisecond competes with the event loop and the batch writes,
only looks the result up. Why each rule is what it is: :mod:`warehouse.stories`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

MIN_PARAGRAPH_WORDS = 6

# Han, kana and CJK compatibility ideographs: each character is a word (these
# scripts put no spaces between words; a whole clause as one "word" left a news
# item too few words to be signed). Every other script: runs of \w as before.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(f"[{_CJK}]|[^\\W{_CJK}]+")
# "MINSK, 16 November (BelTA) - ", "WASHINGTON (Reuters) — ", "Baku, Nov 16 (AZERTAC): "
_DATELINE = re.compile(r"^[^\n()]{0,60}\([^()\n]{1,40}\)\s*[-–—:]{1,2}\s*")
# "MINSK, 16 November - " without an agency: capitals, a comma, a short date, a dash.
_PLACE_DATE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý .'-]{1,30},[^\n]{1,25}?\s[-–—]{1,2}\s")


def int64(data: bytes) -> int:
    """A signed 64-bit hash of ``data`` (blake2b)."""
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little", signed=True)


def paragraphs(body: str) -> list[list[str]]:
    """The body's paragraphs as lists of normalised words, credit lines and dateline cut."""
    lines = [line.strip() for line in body.splitlines()]
    lines = [line for line in lines if line]
    if lines:
        first = _DATELINE.sub("", lines[0], count=1)
        lines[0] = _PLACE_DATE.sub("", first, count=1)
    # Line by line: one text normalised at once costs more (a single character that
    # needs NFKC sends the whole body down the slow path; 16 % more CPU on dev bodies).
    out: list[list[str]] = []
    for line in lines:
        words = _WORD.findall(unicodedata.normalize("NFKC", line).casefold())
        if len(words) >= MIN_PARAGRAPH_WORDS:
            out.append(words)
    return out


def paragraph_hash(words: Sequence[str]) -> int:
    """A signed 64-bit hash of one normalised paragraph."""
    return int64(" ".join(words).encode("utf-8"))


@dataclass(frozen=True, slots=True)
class StoryText:
    """A body's :func:`paragraphs`, each one's words joined by single spaces (a word
    never holds a space, so :meth:`words` gives them back), and their hashes."""

    texts: tuple[str, ...]
    hashes: tuple[int, ...]

    def words(self) -> list[list[str]]:
        """The paragraphs as :func:`paragraphs` gives them."""
        return [text.split(" ") for text in self.texts]


def story_text(body: str) -> StoryText:
    """The :class:`StoryText` of ``body``."""
    texts = tuple(" ".join(words) for words in paragraphs(body))
    return StoryText(texts, tuple(int64(t.encode("utf-8")) for t in texts))
