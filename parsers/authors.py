"""Which names the page's author list keeps: the site's own names (og:site_name, the
JSON-LD publisher) and weak names (a login handle, an admin account) give way to people,
a longer list that includes a shorter one wins, duplicates go. Reading one name is
``parsers.author_names``, splitting a byline into people ``parsers.byline_split``, reading a
byline element's pieces ``parsers.author_elements``; their public names are importable from
here as before."""

from __future__ import annotations

import re
from typing import Any

from parsers.author_names import (
    BY_PREFIX_RE,
    MAX_NAME_WORDS,
    NAME_PARTICLES,
    NAME_RE,
    NOT_NAME_WORDS,
    QUOTES,
    REVIEWER_RE,
    ROLE_RE,
    ROLE_TAIL_RE,
    ROLE_WORD_RE,
    TRAILING_RE,
    URL_RE,
    clean_author,
    is_dateline,
    looks_like_person,
)
from parsers.byline_split import (
    CREDENTIAL_RE,
    CREDIT_LABEL_RE,
    MAX_LOOSE_WORDS,
    SECTION_TAIL_RE,
    WEEKDAY_TAIL_RE,
    WEEKDAYS,
    one_author,
    person_names,
    reads_as_prose,
    split_byline,
)
from parsers.metadata import PageMeta, fold, ld_types

__all__ = [
    "ACCOUNT_WORDS",
    "BY_PREFIX_RE",
    "CREDENTIAL_RE",
    "CREDIT_LABEL_RE",
    "HANDLE_RE",
    "MAX_AUTHORS",
    "MAX_LOOSE_WORDS",
    "MAX_NAME_WORDS",
    "NAME_PARTICLES",
    "NAME_RE",
    "NOT_NAME_WORDS",
    "ORGANISATION_TYPES",
    "QUOTES",
    "REVIEWER_RE",
    "ROLE_RE",
    "ROLE_TAIL_RE",
    "ROLE_WORD_RE",
    "SECTION_TAIL_RE",
    "SITE_LD_TYPES",
    "SITE_NAME_KEYS",
    "TRAILING_RE",
    "URL_RE",
    "WEEKDAYS",
    "WEEKDAY_TAIL_RE",
    "clean_author",
    "dedupe",
    "extends",
    "is_dateline",
    "is_weak",
    "looks_like_person",
    "one_author",
    "own_names",
    "person_names",
    "reads_as_prose",
    "site_names",
    "split_byline",
]

# Login names a CMS prints when nobody filled in the author ("admin", "NOC Admin").
ACCOUNT_WORDS = frozenset({"admin", "administrator", "webmaster"})
# Category "a staff account declared, a person printed" (m43, metascraper's set: Wired's
# JSON-LD "WIRED Staff" over the byline "Adam Rogers", Ars Technica's "Ars Staff" over
# "Chris Stokel-Walker"): a credit of a few words ending in "Staff" is the account that
# posted the piece, no person; the printed byline, when there is one, names the writer.
STAFF_WORD = "staff"
MAX_STAFF_WORDS = 3
# A login handle: one token, with dots, underscores or digits, or a capital inside
# ("jane.doe", "JaneD", "page.head.extra.author"); an all-lower-case token ("janedoe") is
# one too, tested with str.islower so that capitals of every script count ("Élodie",
# "Вадим") and names in scripts without case ("新間", "김민수") are never handles.
HANDLE_RE = re.compile(r"^(?=\S*(?:[._\d]|[a-z][A-Z]))\S+$")
# Pages name their site in these; a "person" with the same name is the site.
SITE_NAME_KEYS = ("og:site_name", "application-name", "twitter:site")
SITE_LD_TYPES = frozenset({"website", "organization", "newsmediaorganization", "corporation"})
# Of those, the types that say the site is an organisation (a WebSite may be a person's).
ORGANISATION_TYPES = SITE_LD_TYPES - {"website"}
MAX_AUTHORS = 8


def dedupe(names: list[str]) -> tuple[str, ...]:
    """Names in first-seen order without case-insensitive duplicates."""
    seen: dict[str, str] = {}
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen[key] = name
    return tuple(seen.values())[:MAX_AUTHORS]


def site_names(meta: PageMeta) -> frozenset[str]:
    """Folded names the page gives its own site: og:site_name, publisher, @handle."""
    return frozenset(f for name, _ in own_names(meta) if (f := fold(name)))


def own_names(meta: PageMeta) -> list[tuple[str, bool]]:
    """The names the page gives its own site, as written, each with whether the page
    declares it an organisation's (a JSON-LD publisher or object of ``ORGANISATION_TYPES``)."""
    names = [(name, False) for name in meta.all(*SITE_NAME_KEYS)]
    publisher = meta.ld_main.get("publisher")
    for obj in [publisher, *meta.ld_objects]:
        if isinstance(obj, dict) and (obj is publisher or ld_types(obj) & SITE_LD_TYPES):
            name: Any = obj.get("name")
            if isinstance(name, str):
                names.append((name, bool(ld_types(obj) & ORGANISATION_TYPES)))
    return names


def is_weak(name: str, sites: frozenset[str]) -> bool:
    """A declared author that is the site itself, a login handle, an admin or staff account."""
    split = name.split()
    words = {w.casefold() for w in split}
    handle = HANDLE_RE.match(name) is not None or (len(split) == 1 and name.islower())
    staff = 1 < len(split) <= MAX_STAFF_WORDS and split[-1].casefold() == STAFF_WORD
    return fold(name) in sites or bool(words & ACCOUNT_WORDS) or handle or staff


def extends(longer: list[str], shorter: list[str]) -> bool:
    """``longer`` names more people and includes every one of ``shorter``.

    Names are compared folded, and "Dr Jane Doe" counts as "Jane Doe".
    """
    if len(longer) <= len(shorter):
        return False
    folded = [fold(n) for n in longer]
    return all(any(f.endswith(fold(n)) for f in folded) for n in shorter if fold(n))
