"""Which people a byline or a declared name holds: ``split_byline`` cuts "By Jane Doe and
John Roe, Kyiv" at its separators and keeps the pieces that are names (a place, a day, a
credential or a section list after a comma is nobody); ``person_names`` reads a declared
(JSON-LD) name, ``one_author`` a value that holds one author ("Surname, Given" turned
round), ``reads_as_prose`` tells a sentence from a byline. Each piece is cleaned by
``parsers.author_names``."""

from __future__ import annotations

import re

from parsers.author_names import (
    BY_PREFIX_RE,
    NAME_PARTICLES,
    ROLE_RE,
    ROLE_WORD_RE,
    clean_author,
    looks_like_person,
)
from parsers.author_words import ENGLISH, Words, unmarked
from parsers.byline_with import with_as_and
from parsers.date_weekday_words import WEEKDAY_WORDS
from parsers.name_trims import PLACE_BEFORE_AND_RE, around_name, is_place_word
from parsers.places import known_place
from parsers.scan import clean_text

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
# After a comma: a credential or suffix, not a given name ("MD", "Ph.D.", "Jr.").
# One capital and a dot is an initial ("Kooman, F."), two capitals are not.
CREDENTIAL_RE = re.compile(r"^(?:[A-Z]\.?[A-Z][A-Z.]{0,6}|Ph\.?\s?D\.?|Jr\.?|Sr\.?|I{2,3}|IV)$")
# Category "a day after the name" (a36, googlenews "Tameka Kee, Friday"): a weekday's full
# name after a person's name and a comma says when, not who.
WEEKDAYS = frozenset(days[0].casefold() for _, week in WEEKDAY_WORDS for days in week)
MAX_LOOSE_WORDS = 4


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
    name = clean_author(raw, declared=True, language=words.language) or _person_before_role(raw)
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
    return (
        head
        if comma and looks_like_person(head) and clean_author(head, declared=True) == head
        else None
    )


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
        name = None if in_place else clean_author(part, declared=named, language=words.language)
        # A lone upper-case token or a suffix after a comma is a credential ("MS", "RD",
        # "Jr."), not a person.
        if (
            name
            and not (name.isupper() and len(name) <= 5)
            and not (comma and CREDENTIAL_RE.match(name))
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


def reads_as_prose(byline: str, words: Words = ENGLISH) -> bool:
    """True for "By Monday, the council had approved the plan": a sentence, not a byline.

    Some piece is too long to be a name and not shaped like one.
    """
    return any(
        len(piece.split()) > MAX_LOOSE_WORDS and not looks_like_person(piece)
        for piece in split_byline(byline, words)
    )
