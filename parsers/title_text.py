"""Title strings: the parts of "Headline | Site", a folded form to compare, mojibake."""

from __future__ import annotations

import re

# ">" as a breadcrumb in <title>: "TV3 > News > National News > Story > Headline".
TITLE_SPLIT_RE = re.compile(r"\s+(?:[|·•»«:~/>]|::|[-–—])\s+")
FOLD_RE = re.compile(r"[\W_]+")
WORD_RE = re.compile(r"\w+")
# UTF-8 read as Latin-1 or Windows-1252 by the site itself: "Investorâ\x80\x99s",
# "Investorâ€™s". A lead byte (Â-ô) followed by a continuation byte as it decodes.
MOJIBAKE_RE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


def fold(text: str) -> str:
    """Case-, punctuation- and space-insensitive form used to compare titles."""
    return FOLD_RE.sub("", text.casefold())


def repair_mojibake(text: str) -> str:
    """``text`` with UTF-8 that was decoded as Latin-1/Windows-1252 turned back, when it
    round-trips exactly; else unchanged."""
    if MOJIBAKE_RE.search(text) is None:
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return text


def title_parts(text: str) -> list[str]:
    """The parts of a ``Headline | Site`` style title, in order."""
    return [part for part in TITLE_SPLIT_RE.split(text) if part.strip()]
