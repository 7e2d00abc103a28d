"""Title strings: the parts of "Headline | Site", a folded form to compare, mojibake."""

from __future__ import annotations

import re

# ">" as a breadcrumb in <title>: "TV3 > News > National News > Story > Headline".
TITLE_SPLIT_RE = re.compile(r"\s+(?:[|·•»«:~/>]|::|[-–—])\s+")
FOLD_RE = re.compile(r"[\W_]+")
WORD_RE = re.compile(r"\w+")
# What sets a site's name off from the headline, spaced or not, in any script: "|",
# full-width "｜", box-drawing "│", the Hangul vowel "ㅣ" Korean sites print as a bar,
# "::", "»", ":", dashes. Too loose to split a title by; ``cut_site`` cuts at one only
# where the part beyond it is a name the page gives its own site.
SITE_SEP_RE = re.compile(r"\s*(?:::|[|｜│ㅣ·•»«~/>_:]|[-–—])\s*")
# Shorter folded names ("bt", "ap") are words of headlines too.
MIN_SITE_CHARS = 3
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


def cut_site(title: str, names: frozenset[str]) -> str:
    """``title`` without a trailing (else leading) part that is one of ``names``, the
    folded names the page gives its own site; unchanged when no part is one.

    Category "site name set off by any separator": "Headline-정치ㅣ한국일보",
    "Headline｜日刊ゲンダイDIGITAL", "Headline-Reuters", "Site: Headline". A headline
    whose own words hold a separator ("Q&A - part 2") keeps them: only a declared name
    is cut. The earliest cut that leaves a name keeps the parts before it
    ("Headline - Section | Site" loses only the site).
    """
    names = frozenset(n for n in names if len(n) >= MIN_SITE_CHARS)
    if not names:
        return title
    matches = list(SITE_SEP_RE.finditer(title))
    for match in matches:
        head, tail = title[: match.start()], title[match.end() :]
        if fold(tail) in names and fold(head):
            return head.strip()
    for match in reversed(matches):
        head, tail = title[: match.start()], title[match.end() :]
        if fold(head) in names and (len(tail.split()) >= 2 or len(fold(tail)) >= 8):
            return tail.strip()
    return title
