"""Author names: clean bylines, drop roles and credentials-free noise, dedupe."""

from __future__ import annotations

import re

from parsers.scan import clean_text

BY_PREFIX_RE = re.compile(
    r"^(?:(?:written|posted|reported|words|text|story|published|edited|reviewed)\s+)?"
    r"(?:by|from|author|authors|автор|аўтар)\s*[:\-–—]?\s+",
    re.IGNORECASE,
)
# "Jane Doe, Staff Writer" / "Jane Doe | Senior Editor": the role goes, the name stays.
ROLE_RE = re.compile(
    r"\s*(?:[,|/–—-]|\bis\b)\s*(?:(?:the|a|an|our)\s+)?(?:senior\s+|chief\s+|staff\s+|"
    r"contributing\s+|associate\s+|deputy\s+|managing\s+|executive\s+|special\s+|"
    r"political\s+|foreign\s+|business\s+|news\s+|health\s+|science\s+|tech\s+|sports\s+)*"
    r"(?:writer|editor|reporter|correspondent|contributor|columnist|journalist|producer|"
    r"staff|director|manager|founder|co-founder|ceo|cto|analyst|freelancer|intern|"
    r"photographer|author|team lead|strategist|specialist|consultant)\b.*$",
    re.IGNORECASE,
)
TRAILING_RE = re.compile(r"\s*(?:\||·|•|—|–|\bon\b\s+\w+\s+\d|\bupdated\b|\d{1,2}[:/.]\d).*$",
                         re.IGNORECASE)
SPLIT_RE = re.compile(r"\s*(?:,|;|\band\b|&|\bи\b|\bі\b)\s*", re.IGNORECASE)
URL_RE = re.compile(r"^(?:https?:)?//|^www\.|\.(?:com|org|net)\b", re.IGNORECASE)
# Letters, spaces and name punctuation only; a name has no digits or @.
NAME_RE = re.compile(r"^[^\W\d_][^\d@#<>{}\[\]=]{1,78}$")
MAX_AUTHORS = 8
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
