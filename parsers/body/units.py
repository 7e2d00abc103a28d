"""Text length in units of information, whatever the script (c44, issue 17).

Category "pages written in Chinese, Japanese or Korean": the body's limits count
characters, tuned on alphabetic text, where a word is about six characters with its space.
A Han or kana character carries about a word's share of that (one Han character is 1.5-3
Latin characters of a translation; Japanese and Chinese print no spaces), and a hangul
syllable two letters or more: a Japanese sentence of 20 characters says what an English
one of 50 does. ``units`` counts each such character WIDE_UNITS times, every other
character once, so a line wholly in ASCII or any alphabet measures as before.

Used where a limit tells a sentence from a label (``body.MIN_DUPLICATE_CHARS``). Not used
in the container's score (``score.prefix_sums``): c44 tried it there (docs/BENCHMARKS.md,
"CJK, c44"); it found Asahi Shimbun's story (a Japanese paragraph against an English
copyright line) and lost a Japanese post's start to an author box of Japanese lines and
English links (fourth set, techlog.iij.ad.jp).
"""

from __future__ import annotations

import re

# Units of one Han, kana or hangul character (the low end of the 1.5-3 range).
WIDE_UNITS = 2
# Hangul jamo, hiragana and katakana, compatibility jamo, Han (extension A, unified),
# hangul syllables, Han compatibility ideographs.
WIDE_RE = re.compile(
    "[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)


def units(text: str) -> int:
    """Length of ``text`` in units: each Han, kana or hangul character WIDE_UNITS, the
    rest one each."""
    if text.isascii():
        return len(text)
    return len(text) + (WIDE_UNITS - 1) * len(WIDE_RE.findall(text))
