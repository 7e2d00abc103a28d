"""Stage 4b of the body, date stamps: whether one line is the moment of publication.

Decides whether a short line over the story is a date stamp printed on its own line,
a date with its year beside a clock and at most a label or zone around them, in the
publisher's language ("Published: 15:56 BST, 27 April 2024 | Updated: ...",
"Aktualisiert am 28. April 2023, 20:22 Uhr"), which ``lines.is_lead_meta``'s
parts-are-dates reading refuses. It is asked where ``is_lead_meta`` is, before the
story's first paragraph. Why it holds back: a sentence that names a date and a clock
keeps its verbs, and a line with a figure of its own (a score, a room) or closing on a
dash (a dateline run into the story) is the story's, so all stay (b53, k53b).
"""

from __future__ import annotations

import re

from parsers.body.lines import LEAD_META_PART_WORDS
from parsers.date_words import DAY_MONTH_ALT

# b53, category "a date stamp over the story": the moment of publication (and update)
# printed on its own line, a clock beside a date with its year and a label or zone around
# them in the publisher's language ("Published: 15:56 BST, 27 April 2024 | Updated: ...",
# "Aktualisiert am 28. April 2023, 20:22 Uhr", "Giriş: 03.07.2024 - 18:24", "Associated
# Press - January 8, 2008 4:33 PM ET"), which is_lead_meta's parts-are-dates reading
# refuses. Once the dates and clocks are taken out, at most LEAD_META_PART_WORDS words may
# be left: a sentence holding a date and a clock keeps its verbs and stays.
STAMP_DATE_RE = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b|\b(?:19|20)\d\d-\d\d-\d\d|"
    rf"(?:\b\d{{1,2}}\.?\s+)?\b(?:{DAY_MONTH_ALT})\b\.?(?:\s+\d{{1,2}}\b)?,?\s+(?:19|20)\d\d\b",
    re.IGNORECASE,
)
STAMP_CLOCK_RE = re.compile(
    r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])(?:\s*[ap]\.?m\b\.?)?", re.I
)
STAMP_MAX_CHARS = 120
# k53b: a zone's offset is part of a stamp ("10:00 GMT+3", "(UTC+03:00)"); a figure left once
# the dates, clocks and offsets are out is the story's (a room, a score, a magnitude: "Press
# conference: 16 Nov 2019, 10:00, Room 5", "Final: 2-1, 16.11.2019 20:45"), and so is a line
# closing on a dash, a dateline run into the sentence under it ("Minsk, 16 November 2019,
# 10:00 -").
STAMP_ZONE_RE = re.compile(r"\b(?:GMT|UTC)\s*[+\-\u2212]\s*\d{1,2}(?::?\d{2})?", re.I)
STAMP_RUN_ON_RE = re.compile(r"(?:[-\u2013\u2014]|--)\s*$")
# The story's figures: a score ("2-1"), a decimal ("M5.2"), a number after a word ("Room 5");
# a stamp's own leftovers are no figure: a day the date pattern missed ("الأربعاء، 28 آب/",
# "Publiziert17."), a reading time ("Lesezeit: 5 Min.").
STAMP_FIGURE_RE = re.compile(
    r"\d\s*[-\u2013]\s*\d|\d[.,]\d|[^\W\d_]\s+\d+(?![\d.])(?!\s*min\b)", re.I
)


def is_date_stamp(text: str) -> bool:
    """A date stamp over the story (STAMP_DATE_RE, STAMP_CLOCK_RE): a date with its year, a
    clock, and no more than LEAD_META_PART_WORDS other words, no figure of its own, no
    dash closing it (k53b)."""
    if (
        len(text) > STAMP_MAX_CHARS
        or not STAMP_CLOCK_RE.search(text)
        or STAMP_RUN_ON_RE.search(text)
    ):
        return False
    rest, dates = STAMP_DATE_RE.subn(" ", STAMP_ZONE_RE.sub(" ", text))
    if not dates:
        return False
    rest = STAMP_CLOCK_RE.sub(" ", rest)
    if STAMP_FIGURE_RE.search(rest):
        return False
    return len(re.findall(r"[^\W\d_]+", rest)) <= LEAD_META_PART_WORDS
