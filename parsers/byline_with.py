""""with" in a byline: between two writers it is "and" ("By Dieter Hogen with Uta
Pippig"); before a contribution it credits help ("with additional reporting by John
Roe"). Pure string rules, applied by ``parsers.authors.split_byline`` before the byline
is cut into names (moved from ``parsers.name_trims``, a38)."""

from __future__ import annotations

import re

# Category "'with' in a byline" (x37b): "By Dieter Hogen with Uta Pippig" joins two
# writers, as "and" does; "with" before a contribution ("with additional reporting by",
# "with photos by", "with contributions from", "with files from", "with wire reports")
# credits help, not a writer, and is cut with all that follows; "with the Associated
# Press" becomes "and the Associated Press", which the agency and outlet rules drop.
# Lower-case "with" only: "Kristian With" is a surname. A join needs a name on both sides
# (k37c): the word before ends in a lower-case letter, an initial's dot, ")" or two
# capitals ("Q&A with John Roe" names the interviewee); no two lower-case words follow
# ("Updated with new details" is no co-author; "with dpa" is an agency, dropped as "and
# dpa" is); "with" and lower-case words up to "by", "from" or "of" ("with input from",
# "with translation by", "with the help of") is a help credit.
# Each "with" is reached from one start per run of whitespace (linear on hostile runs).
WITH_HELP_WORDS = (
    "reporting", "contributions?", "contributing", "photos?", "photographs?", "photography",
    "pictures", "images", "illustrations?", "graphics", "videos?", "research", "files",
    "wire reports", "wire services", "staff reports", "wire and staff reports", "wires",
    "editing", "assistance", "help", "interviews?",
)
WITH_HELP_RE = re.compile(
    r"(?<=\S)(?:\s*[,;]\s*|\s+)with\s+(?:(?:(?:additional|further|extra|more)\s+)?"
    rf"(?:{'|'.join(WITH_HELP_WORDS)})\b|(?:[a-z]+\s+){{1,3}}(?:by|from|of)\s).*$"
)
WITH_JOIN_RE = re.compile(
    r"(?:(?<=[a-z.'’)])|(?<=[A-Z]{2}))(?:\s*[,;]\s*|\s+)with\s+(?=\S)(?![a-z]+\s+[a-z])"
)


def with_as_and(text: str) -> str:
    """``text`` with a help credit after "with" cut and "with" between names as "and"."""
    if "with" not in text:
        return text
    return WITH_JOIN_RE.sub(" and ", WITH_HELP_RE.sub("", text))

