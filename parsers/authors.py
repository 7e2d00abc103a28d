"""Author names: clean bylines, drop roles and page-furniture words, dedupe; the site's
own names. Reading a byline element's pieces is ``parsers.author_elements``."""

from __future__ import annotations

import re
from typing import Any

from parsers.author_words import ENGLISH, NOT_NAMES, Words, is_call_to_action, unmarked
from parsers.byline_with import with_as_and
from parsers.date_weekday_words import WEEKDAY_WORDS
from parsers.metadata import PageMeta, fold, ld_types
from parsers.name_trims import (
    DATELINE_RE,
    OUTLET_AFTER_RE,
    PLACE_BEFORE_AND_RE,
    SLASH_TAIL_RE,
    around_name,
    is_numbered_brand,
    is_place_word,
)
from parsers.places import known_place
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
TRAILING_RE = re.compile(
    r"\s*(?:\||·|•|●|∙|—|–|\bon\b\s+\w+\s+\d|\b(?:updated|published|posted|last|reviewed)\b|"
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
# Login names a CMS prints when nobody filled in the author ("admin", "NOC Admin").
ACCOUNT_WORDS = frozenset({"admin", "administrator", "webmaster"})
# A login handle: one token, with dots, underscores or digits, or a capital inside
# ("jane.doe", "JaneD", "page.head.extra.author"); an all-lower-case token ("janedoe") is
# one too, tested with str.islower so that capitals of every script count ("Élodie",
# "Вадим") and names in scripts without case ("新間", "김민수") are never handles.
HANDLE_RE = re.compile(r"^(?=\S*(?:[._\d]|[a-z][A-Z]))\S+$")
# "Medically reviewed by", "Fact checked by", "Edited by": someone else than the writer.
REVIEWER_RE = re.compile(
    r"\b(?:reviewed|checked|edited|verified|approved)\s+by\b\s*:?\s*", re.IGNORECASE
)
# Category "a byline with its sections after ', in'" (g35): "By TPN, in News, Portugal,
# Business", "by Joseph Dickerson, Filed under: Interview, Memorabilia" print the story's
# section links after the names; what follows is where the story is filed (or a place),
# never another author. English "in" (lower case) or a filing label.
SECTION_TAIL_RE = re.compile(
    r"\s*,\s*(?:in|(?i:filed\s+under|posted\s+in|categor(?:y|ies)|tags?):?)\s+\S.*$"
)
# Category "a byline with its weekday" (g35): "by Lucy Zhang on Wednesday, October 19,
# 2011": the date's comma would split the line, leaving "Lucy Zhang on Wednesday", so the
# weekday and all after it go from the whole byline first. Only where a date or a time
# follows the weekday (a day, a month, "at"): a paper named for its weekday ("The Mail on
# Sunday", "Scotland on Sunday", k35) keeps its name.
WEEKDAY_TAIL_RE = re.compile(
    r"\s+on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b,?\s+"
    r"(?=\d|at\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b).*$",
    re.IGNORECASE,
)
# "content: Site, design: Jane Doe": a credits list names roles, not the story's author.
CREDIT_LABEL_RE = re.compile(r"(?:^|[,;|])\s*[^\W\d_]+\s*:\s")
# Pages name their site in these; a "person" with the same name is the site.
SITE_NAME_KEYS = ("og:site_name", "application-name", "twitter:site")
SITE_LD_TYPES = frozenset({"website", "organization", "newsmediaorganization", "corporation"})
# Of those, the types that say the site is an organisation (a WebSite may be a person's).
ORGANISATION_TYPES = SITE_LD_TYPES - {"website"}
QUOTES = "\"'“”‘’«»"
# After a comma: a credential or suffix, not a given name ("MD", "Ph.D.", "Jr.").
# One capital and a dot is an initial ("Kooman, F."), two capitals are not.
CREDENTIAL_RE = re.compile(r"^(?:[A-Z]\.?[A-Z][A-Z.]{0,6}|Ph\.?\s?D\.?|Jr\.?|Sr\.?|I{2,3}|IV)$")
# Category "a day after the name" (a36, googlenews "Tameka Kee, Friday"): a weekday's full
# name after a person's name and a comma says when, not who.
WEEKDAYS = frozenset(days[0].casefold() for _, week in WEEKDAY_WORDS for days in week)
MAX_AUTHORS = 8
MAX_NAME_WORDS = 6
MAX_LOOSE_WORDS = 4


def clean_author(raw: str, *, declared: bool = False) -> str | None:
    """One author name from a byline fragment, or ``None`` when it is not a name.

    ``declared``: the page declares ``raw`` as a person's name (JSON-LD author), or
    prints "By" (or "and") right before it; the dateline rule is for unlabelled printed
    text only (category "a person the page declares": "In Hee Lee", "On Yee Chan" open
    like "In Kyiv", k36b; category "a person after a printed By", a37: "By On Yee")."""
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


def person_names(raw: str, words: Words = ENGLISH) -> list[str]:
    """The people of one declared person's name (JSON-LD ``Person.name``).

    Category "several authors in one declared name": "Jane Doe and John Roe" is two
    people when each side reads as a person and no comma adds an outlet; anything else
    is one name.
    """
    # With a comma the name may end in an outlet ("Jane Doe and John Roe, The Planet").
    # k38: "with" as a byline's (``byline_with``): "Jane Doe with The Texas Tribune".
    with_ = " with " in raw
    if (with_ or words.person_and_re.search(raw)) and "," not in raw:
        names = split_byline(raw, words, declared=True)
        if (len(names) > 1 or with_) and names and all(looks_like_person(n) for n in names):
            return names
    if people := _people_before_places(raw, words):
        return people
    name = clean_author(raw, declared=True) or _person_before_role(raw)
    return [name] if name else []


def _people_before_places(raw: str, words: Words) -> list[str]:
    """Category "a place after the name" in a declared name (k35): "Jane Doe, Kyiv" and
    "Jane Doe, Kyiv, Ukraine" name Jane Doe, written from Kyiv. Each piece after the first
    comma must name a place (``_is_place``: "Jane Doe, Dietitian" or "Jane Doe, MD" stay
    whole, a29; a37: "Jane Doe, New Delhi" is Jane Doe) and the piece before it must name
    people."""
    head, *tail = (p.strip() for p in clean_text(unmarked(raw)).split(","))
    if not tail or not all(_is_place(p) for p in tail):
        return []
    people = person_names(head, words) if head else []
    return people if people and all(looks_like_person(n) for n in people) else []


def _person_before_role(raw: str) -> str | None:
    """Category "a role after the declared name, in any language": "Povilas
    Aleksandravičius, Mykolo Romerio universiteto ... profesorius" is too long for a name
    and ``ROLE_RE`` knows English roles only; the person is the piece before the comma
    when it reads as one. Only where the whole credit is no name ("Jane Doe, Dietitian"
    stays as declared)."""
    head, comma, _ = clean_text(unmarked(raw)).partition(",")
    head = head.strip()
    return (head if comma and looks_like_person(head)
            and clean_author(head, declared=True) == head else None)


def split_byline(
    raw: str, words: Words = ENGLISH, *, declared: bool = False, after_by: bool = False
) -> list[str]:
    """Names in a byline such as ``By Jane Doe and John Roe`` (``words``: "Von", "und");
    ``declared``: as :func:`clean_author`'s; ``after_by``: the page printed "By" (a label)
    before ``raw``."""
    text = clean_text(unmarked(raw))
    if words.by_prefix_re is not None:
        text = words.by_prefix_re.sub("", text)
    unprefixed = BY_PREFIX_RE.sub("", text)
    # Category "a person after a printed By" (a37): "By On Yee" names a person, though "On
    # Yee" alone opens like a dateline ("On Quadrille Today"); "From" is no such "By":
    # "FROM WASHINGTON" stays a dateline.
    after_by = after_by or (unprefixed != text and text[:4].casefold() != "from")
    text = around_name(with_as_and(unprefixed))
    if len(CREDIT_LABEL_RE.findall(text)) > 1:
        return []
    text = PLACE_BEFORE_AND_RE.sub("", WEEKDAY_TAIL_RE.sub("", text))
    text = ROLE_RE.sub("", SECTION_TAIL_RE.sub("", text))
    names: list[str] = []
    last = ""  # the name before the piece
    in_place = False
    for separator, part in _pieces(text, words) if len(text) > 3 else [("", text)]:
        comma = separator.strip() == ","
        # Category "a place after the name" (k35, a37; ``_is_place``): a place after a
        # person's name and a comma ("Jane Doe, Kyiv", "JANE DOE, NEW DELHI") is where the
        # person wrote, not a co-author; so is what follows it up to the next "and" ("Kyiv,
        # Ukraine"), but not a person the gazetteer knows as none ("Kyiv, John Roe").
        if in_place and comma:
            in_place = known_place(part.strip(" .")) is not False or not looks_like_person(part)
        else:
            in_place = comma and _is_place(part) and looks_like_person(last)
        # "By Jane Doe and On Yee": a name after "By" or "and" is no dateline.
        named = declared or (after_by if not separator else not comma and ";" not in separator)
        name = None if in_place else clean_author(part, declared=named)
        # A lone upper-case token or a suffix after a comma is a credential ("MS", "RD",
        # "Jr."), not a person.
        if name and not (name.isupper() and len(name) <= 5) and not (
            comma and CREDENTIAL_RE.match(name)
        ):
            names.append(name)
            last = name
    return names


def _is_place(piece: str) -> bool:
    """A piece of a byline that names a place, in any case ("Kyiv", "KYIV", "New Delhi"),
    or a day (``WEEKDAYS``): the gazetteer's answer (``parsers.places``: "Sutrisno" is no
    place), else the shape of one word (``name_trims.is_place_word``); never "MD", "Jr."."""
    piece = piece.strip(" .")
    if piece.casefold() in WEEKDAYS:
        return True
    if CREDENTIAL_RE.match(piece):
        return False
    known = known_place(piece)
    if known is None:
        return is_place_word(piece) or (is_place_word(piece.title()) and piece.isupper())
    return known


def _pieces(text: str, words: Words) -> list[tuple[str, str]]:
    """The pieces of a byline between the separators of ``words.split_re``, each with
    the separator before it ("" for the first)."""
    pieces: list[tuple[str, str]] = []
    separator, start = "", 0
    for match in words.split_re.finditer(text):
        pieces.append((separator, text[start : match.start()]))
        separator, start = match.group(), match.end()
    pieces.append((separator, text[start:]))
    return pieces


def one_author(raw: str, words: Words = ENGLISH, scholarly: bool = True) -> list[str]:
    """The person of a value that holds one author, "Surname, Given" turned round.

    "Roy, Aniruddha" -> "Aniruddha Roy", "Jong, Michiel de" -> "Michiel de Jong",
    "Kooman, F." -> "F. Kooman"; "Jane Doe, MD" or "Jane Doe, Staff Writer" keep the
    name before the comma; anything else is read as a byline. Outside the scholarly keys
    (``scholarly`` false: an ``author`` tag repeated), a surname of two words that is no
    particle's ("De Jong, Michiel") is a given name and surname and what follows its
    comma a place (category "a place after the name", k35: "Jane Doe, Kyiv" in each of
    two tags is not "Kyiv Jane Doe"; CNN repeats "Josh Levs, CNN").
    """
    text = clean_text(unmarked(raw))
    surname, comma, given = text.partition(",")
    given = given.strip()
    family = surname.split()
    if (
        comma
        and (scholarly or len(family) == 1 or family[0].casefold() in NAME_PARTICLES)
        and "," not in given
        and words.split_re.search(" " + text.replace(",", " ") + " ") is None
        and 1 <= len(surname.split()) <= 2
        and not surname.isupper()  # "AFP, Reuters": two agencies
        and 1 <= len(given.split()) <= 3
        and not ROLE_WORD_RE.search(given)
        and not CREDENTIAL_RE.match(given)
    ):
        name = clean_author(f"{given} {surname.strip()}")
        if name:
            return [name]
    return split_byline(text, words)


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
        # A nickname or maiden name in brackets: "Anna (Maria) Nowak".
        word = word.strip("()")
        if not word[:1].isupper() and word not in NAME_PARTICLES:
            return False
    return True


def reads_as_prose(byline: str, words: Words = ENGLISH) -> bool:
    """True for "By Monday, the council had approved the plan": a sentence, not a byline.

    Some piece is too long to be a name and not shaped like one.
    """
    return any(
        len(piece.split()) > MAX_LOOSE_WORDS and not looks_like_person(piece)
        for piece in split_byline(byline, words)
    )


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
    """A declared author that is the site itself, a login handle or an admin account."""
    words = {w.casefold() for w in name.split()}
    handle = HANDLE_RE.match(name) is not None or (len(name.split()) == 1 and name.islower())
    return fold(name) in sites or bool(words & ACCOUNT_WORDS) or handle


def extends(longer: list[str], shorter: list[str]) -> bool:
    """``longer`` names more people and includes every one of ``shorter``.

    Names are compared folded, and "Dr Jane Doe" counts as "Jane Doe".
    """
    if len(longer) <= len(shorter):
        return False
    folded = [fold(n) for n in longer]
    return all(any(f.endswith(fold(n)) for f in folded) for n in shorter if fold(n))
