"""Lines set near a headline that are not it: bylines and credits, clocks and dates
without a year, paths of sections, calls to a tool and set-aside captions, as data for
``parsers.headline_blocks`` (``opening_headline``, ``headline_above``)."""

from __future__ import annotations

import re

from parsers.date_patterns import DATE_WORDS_RE, MONTH_ALT

# Words of two letters or more, in any script.
LETTER_WORD_RE = re.compile(r"[^\W\d_]{2,}")
BYLINE_START_RE = re.compile(r"^\s*by\s", re.IGNORECASE)
# A clock in the line: a dated credit ("Associated Press - January 14, 2008 12:53 PM ET").
CLOCK_RE = re.compile(r"\b\d{1,2}:\d{2}\b")
SENTENCE_END_RE = re.compile(r"[.:,。][\"'”’)」]*\s*$")
# Lines that open a story's block in the same place on such layouts and are not its
# headline (k47 on t47):
# - a credit line that is not a "By ..." byline: "Posted by", "Written by", "Photo:",
#   "Associated Press Writer", "From staff reports";
# - a date is_date_line does not take, because the year is left out or a place is put
#   before it: "Tuesday 15th January", "Updated Tuesday, January 15", "Gaza City, 15
#   January 2008" (a day and a month, at most DATE_LEFTOVER_WORDS words besides the
#   weekday and DATE_WORDS_RE's labels);
# - a path of sections ("News > Middle East > Gaza") and a dateline's lead-in, cut by a
#   dash ("Gaza City, Jan 15 (Reuters) -").
CREDIT_RE = re.compile(
    r"^\s*(?:(?:posted|written|reported|filed|compiled|edited|story|text|words|photos?|"
    r"pictures?|images?)\s+by\s|(?:photos?|pictures?|images?|source)\s*:)"
    r"|\b(?:press|staff|special)\s+writer$|^\s*from\s+(?:staff|wire)\s+reports?$",
    re.IGNORECASE,
)
DAY_MONTH_RE = re.compile(
    rf"(?<!\w)(?:\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:{MONTH_ALT})"
    rf"|(?:{MONTH_ALT})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?)(?!\w)",
    re.IGNORECASE,
)
DATE_LEFTOVER_WORDS = 2
PATH_OR_LEAD_IN_RE = re.compile(r"\s[>»›|]\s|\s[-–—]\s*$")

# Passed as furniture at any length, never taken (k49c on t49): a photo's caption, a table's
# caption or a pull quote set between the headline and the story, as news sites print them
# (``_set_aside``), and lines that call to a tool or another page: a "Related:", "Read more:"
# or "Editor's note:" line, a newsletter box's "Sign up ..." / "Get the latest ...", an audio
# player's "Listen to this article", a comment count ("12 reader comments on this story").
ASIDE_TAGS = frozenset({"figure", "figcaption", "caption", "blockquote"})
ASIDE_DEPTH = 3
CALL_LINE_RE = re.compile(
    r"^\s*(?:(?:related|see also|read (?:more|also)|also read|editor'?s note)\s*:"
    r"|(?:sign up|subscribe|get the latest|listen to)\b|\d+\s+(?:\w+\s+)?comments?\b)",
    re.IGNORECASE,
)


def day_and_month(text: str) -> bool:
    """A day and a month with little else: a date line without its year, or a place's."""
    if DAY_MONTH_RE.search(text) is None:
        return False
    rest = DATE_WORDS_RE.sub(" ", DAY_MONTH_RE.sub(" ", text))
    return len(LETTER_WORD_RE.findall(rest)) <= DATE_LEFTOVER_WORDS
