"""Author names: clean bylines, drop roles and page-furniture words, dedupe."""

from __future__ import annotations

import re

from parsers.scan import clean_text

BY_PREFIX_RE = re.compile(
    r"^(?:(?:written|posted|reported|words|text|story|published|edited|reviewed|articles?|"
    r"posts|stories|recipe|photos?|insights)\s+)?"
    r"(?:by|from|author|authors|автор|аўтар)(?:\s*[:\-–—]\s*|\s+)",
    re.IGNORECASE,
)
_ROLE = (
    r"(?:(?:senior|chief|staff|contributing|associate|deputy|managing|executive|special|head|"
    r"lead|former|content|marketing|digital|freelance|guest|editorial|political|foreign|"
    r"business|news|health|science|tech|sports)\s+)*"
    r"(?:writer|editor|reporter|correspondent|contributor|columnist|journalist|producer|"
    r"staff|director|manager|founder|co-founder|ceo|cto|analyst|freelancer|intern|coordinator|"
    r"photographer|author|strategist|specialist|consultant|expert)\b"
)
# "Jane Doe, Staff Writer" / "Jane Doe | Senior Editor": the role goes, the name stays.
ROLE_RE = re.compile(
    r"\s*(?:[,|/–—-]|\bis\b)\s*(?:(?:the|a|an|our)\s+)?" + _ROLE + r".*$", re.IGNORECASE
)
# "Rachel MacDonald Writer": a role glued to the name by markup without a separator.
ROLE_TAIL_RE = re.compile(r"\s+" + _ROLE + r"(?:\s+(?:at|of)\s+.*)?$", re.IGNORECASE)
TRAILING_RE = re.compile(
    r"\s*(?:\||·|•|—|–|\bon\b\s+\w+\s+\d|\b(?:updated|published|posted|last|reviewed)\b|"
    r"\d{1,2}[:/.]\d).*$",
    re.IGNORECASE,
)
LABEL_RE = re.compile(
    r"^(?:(?:written|authored|posted|article|post|story|words|reviewed)\s+)?"
    r"(?:by|authors?(?:\(s\))?)\s*:?$|^(?:автор|аўтар)\s*:?$",
    re.IGNORECASE,
)
SPLIT_RE = re.compile(r"\s*(?:,|;|\band\b|&|\bи\b|\bі\b)\s*", re.IGNORECASE)
URL_RE = re.compile(r"^(?:https?:)?//|^www\.|\.(?:com|org|net)\b", re.IGNORECASE)
# Letters, spaces and name punctuation only; a name has no digits or @.
NAME_RE = re.compile(r"^[^\W\d_][^\d@#<>{}\[\]=]{1,78}$")
# Words a person's name does not contain (UI labels and stray navigation).
NOT_NAME_WORDS = frozenset(
    {"by", "from", "written", "posted", "published", "updated", "share", "follow", "more",
     "articles", "view", "profile", "read", "about", "home", "privacy", "posts", "menu",
     "login", "subscribe", "comments", "admin", "administrator"}
)
NAME_PARTICLES = frozenset(
    {"van", "der", "den", "de", "la", "le", "von", "da", "di", "del", "bin", "al", "du", "dos"}
)
MAX_AUTHORS = 8
MAX_PIECE_CHARS = 100
MAX_NAME_WORDS = 6


def clean_author(raw: str) -> str | None:
    """One author name from a byline fragment, or ``None`` when it is not a name."""
    text = clean_text(raw)
    if not text or URL_RE.search(text):
        return None
    text = BY_PREFIX_RE.sub("", text)
    text = ROLE_RE.sub("", text)
    text = TRAILING_RE.sub("", text).strip(" ,.:;-–—|")
    if not NAME_RE.match(text) or len(text.split()) > MAX_NAME_WORDS:
        return None
    return text


def split_byline(raw: str) -> list[str]:
    """Names in a byline such as ``By Jane Doe and John Roe``."""
    text = BY_PREFIX_RE.sub("", clean_text(raw))
    text = ROLE_RE.sub("", text)
    parts = SPLIT_RE.split(text) if len(text) > 3 else [text]
    names = []
    for part in parts:
        name = clean_author(part)
        # A lone upper-case token after a comma is a credential ("MS", "RD"), not a person.
        if name and not (name.isupper() and len(name) <= 5):
            names.append(name)
    return names


def dedupe(names: list[str]) -> tuple[str, ...]:
    """Names in first-seen order without case-insensitive duplicates."""
    seen: dict[str, str] = {}
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen[key] = name
    return tuple(seen.values())[:MAX_AUTHORS]


def looks_like_person(name: str) -> bool:
    """Stricter check for names found in page markup: 2-5 capitalised words, no UI words."""
    words = name.split()
    if not 2 <= len(words) <= 5:
        return False
    for word in words:
        if word.casefold() in NOT_NAME_WORDS:
            return False
        if not word[0].isupper() and word not in NAME_PARTICLES:
            return False
    return True


def names_from_strings(strings: list[str]) -> list[str]:
    """Authors from the text pieces of a byline element.

    The first name-like piece is the author; more follow only after a
    conjunction piece ("and", ","), so roles printed after the name are left out.
    """
    names: list[str] = []
    expect_more = True
    after_label = False
    for raw in strings:
        piece = clean_text(raw)
        if not piece:
            continue
        if len(piece) > MAX_PIECE_CHARS:
            break  # a sentence: the bio has started
        if SPLIT_RE.fullmatch(" " + piece + " ") or piece.casefold() in ("and", "&", ","):
            expect_more = True
            continue
        if not expect_more:
            break
        if LABEL_RE.match(piece):
            after_label = True
            continue
        text = ROLE_TAIL_RE.sub("", BY_PREFIX_RE.sub("", piece))
        # Right after a "By" label a one-word handle ("BeauHD") is a name too.
        found = [
            n
            for n in split_byline(text)
            if looks_like_person(n) or (after_label and " " not in n and len(n) > 2)
        ]
        after_label = False
        if found:
            names.extend(found)
            expect_more = piece.rstrip().endswith((",", "and", "&"))
        elif names:
            break
    return names
