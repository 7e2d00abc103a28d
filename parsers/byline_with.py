""""with" in a byline: between two writers it is "and" ("By Dieter Hogen with Uta
Pippig"); before a contribution it credits help ("with additional reporting by John
Roe"), and before an organisation it names where the writer works ("with the New York
Times"). Pure string rules, applied by ``parsers.byline_split.split_byline`` before the byline
is cut into names, and by ``parsers.byline_lines`` to a credit line printed without "By"."""

from __future__ import annotations

import re

from parsers.outlet_words import OUTLET_WORDS

# Category "'with' in a byline" (x37b): "By Dieter Hogen with Uta Pippig" joins two
# writers, as "and" does; "with" before a contribution ("with additional reporting by",
# "with photos by", "with contributions from", "with files from", "with wire reports")
# credits help, not a writer, and is cut with all that follows ("with the Associated
# Press" goes as an organisation, below; "with AP", "with dpa" become "and AP", which the
# agency rule drops).
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
# A help credit that its "by" closes: "with" and up to four lower-case words before it.
CREDIT_CLOSED_BY_RE = re.compile(r"(?:\s*[,;]\s*|\s+)with(?:\s+[a-z]+){1,4}\s*")
WITH_JOIN_RE = re.compile(
    r"(?:(?<=[a-z.'’)])|(?<=[A-Z]{2}))(?:\s*[,;]\s*|\s+)with\s+(?=\S)(?![a-z]+\s+[a-z])"
)


# Category "an organisation after 'with'" (a38): "By Jane Doe with the New York Times",
# "By Jane Doe with The Texas Tribune", "By Jane Doe with NBC News": a paper, agency or
# partner newsroom after "with" is the writer's affiliation, not a co-author, and goes
# (its capitalised words, joined by "of" or "for"; an "and" after it ends it: "with
# the New York Times and John Roe" keeps John Roe). An organisation's name here: an
# article leads it (a person's name never opens with "the"), or it holds an abbreviation
# in capitals and ends in a word that names a kind of outlet (``OUTLET_WORDS``: "NBC
# News", "KFF Health News"); "with Sarah Daily", "with Emily Post" stay co-authors. Only
# between names, as the join (after a word that ends a name).
# An organisation's possessive before a name ("with The Washington Post's John Roe",
# "with the New York Times' John Roe", "with ProPublica's John Roe") names a co-author and
# where that co-author works: the organisation goes, the name is joined as by "and"; an "&"
# ends the organisation as "and" does ("with The New York Times & John Roe") (k38: both
# were swallowed into the organisation, with the co-author). A word's apostrophe before a
# letter other than a final "s" is the name's own ("O'Brien").
_ORG_WORD = r"[A-Z](?:[\w.&-]|['’](?!s\b)(?=\w))*"
_ORG_WORDS = rf"{_ORG_WORD}(?:\s+(?:(?:of|for)\s+)?{_ORG_WORD})*"
WITH_ORG_RE = re.compile(
    r"(?:(?<=[a-z.'’)])|(?<=[A-Z]{2}))(?:\s*[,;]\s*|\s+)with\s+"
    rf"(?P<org>{_ORG_WORDS}|the\s+{_ORG_WORDS})(?:['’]s?(?P<before_name>\s+(?=[A-Z]))?)?"
)
ORG_ARTICLES = frozenset({"the", "The"})


def _is_organisation(name: str) -> bool:
    """``name`` (capitalised words after "with") names an organisation (``WITH_ORG_RE``)."""
    words = name.split()
    if words[0] in ORG_ARTICLES:
        return len(words) > 1
    return (
        any(len(w) > 1 and w.isupper() for w in words)
        and not name.isupper()
        and words[-1].casefold() in OUTLET_WORDS
    )


def _without_organisations(text: str) -> str:
    """``text`` without an organisation after "with" (``WITH_ORG_RE``)."""

    def cut(match: re.Match[str]) -> str:
        if match.group("before_name"):
            return " and "
        return "" if _is_organisation(match.group("org")) else match.group()

    return WITH_ORG_RE.sub(cut, text)


def with_as_and(text: str) -> str:
    """``text`` with a help credit or an organisation after "with" cut, and "with"
    between names as "and"."""
    if "with" not in text:
        return text
    return WITH_JOIN_RE.sub(" and ", _without_organisations(WITH_HELP_RE.sub("", text)))


def help_credit_start(line: str, by_start: int) -> int | None:
    """Where a help credit after "with" starts in ``line`` when the "by" at ``by_start``
    closes it ("Jane Doe, with additional reporting by John Roe" -> 8), or ``None``:
    "with" and lower-case words only up to that "by" (k38: "Joe Biden, with help from
    Kamala Harris, signed the bill passed by Congress" is a sentence, its "by" another)."""
    match = WITH_HELP_RE.search(line, 0, by_start + 1) if "with" in line else None
    if match and CREDIT_CLOSED_BY_RE.fullmatch(line, match.start(), by_start):
        return match.start()
    return None
