"""Is a piece of text one person's name? ``clean_author`` cleans a byline fragment (a
"By", a role, a trailing date or outlet go) and refuses what is no name (a dateline, a URL,
a label, a call to action); ``looks_like_person`` is the stricter test for names found in
page markup. The role and reviewer patterns the byline readers share live here too.
Splitting a byline into its people is ``parsers.byline_split``; which names the page's
author list keeps is ``parsers.authors``."""

from __future__ import annotations

import re

from parsers.author_cjk import is_credit_line, name_in_credit
from parsers.author_words import NOT_NAMES, is_call_to_action, unmarked
from parsers.name_trims import (
    DATELINE_RE,
    OUTLET_AFTER_RE,
    SLASH_TAIL_RE,
    around_name,
    is_numbered_brand,
)
from parsers.scan import clean_text

BY_PREFIX_RE = re.compile(
    r"^(?:(?:written|posted|reported|words|text|story|published|edited|reviewed|articles?|"
    r"posts|stories|recipe|photos?|insights)\s+)?"
    r"(?:by|from|author|authors|contributors?)(?:\s*[:\-–—]\s*|\s+)",
    re.IGNORECASE,
)
_ROLE_NOUNS = (
    r"(?:writer|editor|reporter|correspondent|contributor|columnist|journalist|producer|"
    r"staff|director|manager|founder|co-founder|ceo|cto|analyst|freelancer|intern|coordinator|"
    r"photographer|author|strategist|specialist|consultant|expert|desk|engineer)"
)
_ROLE = (
    r"(?:(?:senior|sr\.?|chief|staff|contributing|associate|deputy|managing|executive|special|head|"
    r"lead|former|content|marketing|digital|freelance|guest|editorial|political|foreign|"
    r"business|news|health|science|tech|sports)\s+)*" + _ROLE_NOUNS + r"\b"
)
# After a name, a piece with a role word is that person's title ("Print Managing Editor").
ROLE_WORD_RE = re.compile(r"\b" + _ROLE_NOUNS + r"s?\b", re.IGNORECASE)
# "Jane Doe, Staff Writer" / "Jane Doe | Senior Editor": the role goes, the name stays.
# Category "role with the outlet's name": "Jane Doe, Daily Planet Staff Writer" (up to
# three words of the outlet before the role). Plural after a separator only ("Jane Doe
# and John Roe, Senior Reporters"): a team named with a role ("The Currency editors")
# keeps its name.
ROLE_RE = re.compile(
    r"\s*(?:(?:[,|/–—-]|\bis\b)\s*(?:(?:the|a|an|our)\s+)?|[,|]\s*(?:[\w.&'’-]+\s+){1,3}?)"
    + _ROLE[: -len(r"\b")]
    + r"s?\b.*$",
    re.IGNORECASE,
)
# "Rachel MacDonald Writer": a role glued to the name by markup without a separator.
ROLE_TAIL_RE = re.compile(r"\s+" + _ROLE + r"(?:\s+(?:at|of)\s+.*)?$", re.IGNORECASE)
# k40a: a middle dot between two Han characters joins a transliterated name's parts
# ("约翰·史密斯", ``author_cjk.TRANSLITERATED_RE``); elsewhere it separates ("Jane Doe · 3 min").
TRAILING_RE = re.compile(
    r"\s*(?:\||(?<![\u4e00-\u9fff])·|·(?![\u4e00-\u9fff])|•|●|∙|—|–|\bon\b\s+\w+\s+\d|"
    r"\b(?:updated|published|posted|last|reviewed)\b|"
    r"\d{1,2}[:/.]\d).*$",
    re.IGNORECASE,
)
URL_RE = re.compile(r"^(?:https?:)?//|^www\.|\.(?:com|org|net)\b", re.IGNORECASE)
# Letters, spaces and name punctuation only; a name has no digits or @.
NAME_RE = re.compile(r"^[^\W\d_][^\d@#<>{}\[\]=]{1,78}$")
# Words a person's name does not contain (UI labels and stray navigation).
NOT_NAME_WORDS = frozenset(
    {
        "by",
        "from",
        "written",
        "posted",
        "published",
        "updated",
        "share",
        "follow",
        "more",
        "articles",
        "view",
        "profile",
        "read",
        "about",
        "home",
        "privacy",
        "posts",
        "menu",
        "login",
        "subscribe",
        "comments",
        "admin",
        "administrator",
        "author",
        "skip",
    }
)
NAME_PARTICLES = frozenset(
    {"van", "der", "den", "de", "la", "le", "von", "da", "di", "del", "bin", "al", "du", "dos"}
)
# "Medically reviewed by", "Fact checked by", "Edited by": someone else than the writer.
REVIEWER_RE = re.compile(
    r"\b(?:reviewed|checked|edited|verified|approved)\s+by\b\s*:?\s*", re.IGNORECASE
)
QUOTES = "\"'“”‘’«»"
MAX_NAME_WORDS = 6


def clean_author(raw: str, *, declared: bool = False, language: str = "") -> str | None:
    """One author name from a byline fragment, or ``None`` when it is not a name.

    ``declared``: the page declares ``raw`` as a person's name (JSON-LD author), or
    prints "By" (or "and") right before it; the dateline rule is for unlabelled printed
    text only (category "a person the page declares": "In Hee Lee", "On Yee Chan" open
    like "In Kyiv", k36b; category "a person after a printed By", a37: "By On Yee").
    ``language``: the page's, for a CJK writer's credit (``author_cjk.name_in_credit``)."""
    # JSON-LD written by hand sometimes quotes the name inside the string.
    text = clean_text(unmarked(raw)).strip(QUOTES)
    if not declared and is_dateline(text):  # "IN ST. GERMAIN", "FROM WASHINGTON"
        return None
    text = around_name(BY_PREFIX_RE.sub("", text))
    text = ROLE_RE.sub("", text)
    text = TRAILING_RE.sub("", text)
    text = text.strip(" ,.:;-–—|")
    if (after := OUTLET_AFTER_RE.search(text)) and looks_like_person(text[: after.start()]):
        text = text[: after.start()]
    if (slash := SLASH_TAIL_RE.search(text)) and looks_like_person(text[: slash.start()]):
        text = text[: slash.start()]
    if not text or URL_RE.search(text):
        return None
    if not text.isascii() and is_credit_line(text):
        # "신현주 기자", "记者 张三" (``author_cjk.name_in_credit``, k40a); k41a: a credit
        # line whose piece is no name on the page ("记者 北京") names nobody, not itself.
        if (cjk := name_in_credit(text, language)) is None:
            return None
        text = cjk
    # "David Jackson - Editorial Team": the affiliation goes, but "ACME - Cloud" is one name.
    head, dash, _ = text.partition(" - ")
    if dash and len(head.split()) >= 2:
        text = head
    if not (NAME_RE.match(text) or is_numbered_brand(text)) or len(text.split()) > MAX_NAME_WORDS:
        return None
    # A label in any language ("Autor", SRF's byline box) or a link after it ("Read
    # more") is never a person's name.
    return None if text.casefold() in NOT_NAMES or is_call_to_action(text) else text


def is_dateline(text: str) -> bool:
    """``text`` is a dateline or a heading, no name (``name_trims.DATELINE_RE``): "IN ST.
    GERMAIN", "On Quadrille Today", "FROM WASHINGTON"."""
    # Most names start with another letter: no regex call for them (clean_author runs
    # once per piece of every byline).
    return text[:1] in "IiAaOoFf" and DATELINE_RE.match(text) is not None


def looks_like_person(name: str) -> bool:
    """Stricter check for names found in page markup: 2-5 capitalised words, no UI words."""
    words = name.split()
    if not 2 <= len(words) <= 5:
        return False
    for word in words:
        if word.casefold() in NOT_NAME_WORDS:
            return False
        # A nickname or maiden name in brackets: "Anna (Maria) Nowak".
        word = word.strip("()")
        if not word[:1].isupper() and word not in NAME_PARTICLES:
            return False
    return True
