"""What a page prints around an author's name that is not the name: a contact, an
agency, an outlet or place, "By" in another language. Pure string rules."""

from __future__ import annotations

import re

# Category "By in another language" inside the name's element: "Von Jane Doe", "Par
# Jane Doe", "Por Jane Doe". Case-sensitive, and only before two capitalised words, so
# a surname "Von Trier" alone stays.
FOREIGN_BY_RE = re.compile(
    r"^(?:[Vv]on|[Pp]ar|[Pp]or|[Dd]oor|[Pp]rzez)\s+(?=[A-ZÀ-Þ][\w'’.-]*\s+[A-ZÀ-Þ])"
)
# Category "outlet or place after the name": "Jane Doe for the Daily Planet", "Jane Doe
# in Washington"; cut only after a person's name ("Center for Drug Evaluation" stays).
OUTLET_AFTER_RE = re.compile(r"\s+(?:[Ff]or|[Ii]n)\s+(?:[Tt]he\s+)?[A-Z]")
# Category "agency after the name": "JANE DOE Associated Press", "Jane Doe / AFP"; the
# agency is the story's source, not a co-author. Case-sensitive: "AP", not "ap".
AGENCY_TAIL_RE = re.compile(
    r"(?:\s*[,|/–—-]\s*|\s+)(?:(?:[Tt]he\s+)?Associated\s+Press|AP|AFP|Agence\s+France-Presse|"
    r"Reuters|REUTERS|Bloomberg|UPI|dpa|DPA|PA(?:\s+Media)?|Press\s+Association|Xinhua|TASS|"
    r"EFE|ANSA|Kyodo|Yonhap|CNN)\s*$"
)
# Category "outlet or desk after a slash" (g35): "Eliot Caroom/The Star-Ledger", "Jarrett
# Renshaw/Statehouse Bureau" (a US newspaper's credit form), "By Ed Silverman // November
# 6th": the name is before the slash. ``parsers.author_names.clean_author`` cuts it only after a
# person's name ("Internet/E-Mail Tools", "srf/hosb", "Social/Online" stay).
SLASH_TAIL_RE = re.compile(r"\s*/+\s*(?:[Tt]he\s+)?[A-Z][^/]*$")
# Category "a place after the name" (k35): "Jane Doe, Kyiv", "Von Anna Berg, Berlin", "By
# JANE DOE, WASHINGTON": a correspondent's place after a person's name in one credit.
# ``parsers.byline_split.split_byline`` drops a place after a comma that follows a person's
# name; since a37 the gazetteer (``parsers.places``) says what is a place ("New Delhi" is,
# "Sutrisno" is not). These shapes decide only where it is missing: one capitalised word,
# not all capitals (a credential: "MD", "CEPF®"), no dot ("Jr.", "Ph.D."), and none of the
# endings of English agent nouns (``AGENT_ENDING_RE``: "Dietitian", "Editor"; so the
# places "Manchester", "Ecuador" are missed).
PLACE_WORD_RE = re.compile(r"^[^\W\d_](?:[^\W\d_]|[-'’](?=[^\W\d_]))*$")
AGENT_ENDING_RE = re.compile(r"(?:er|or|ist|ian|ant|ent|eer)$", re.IGNORECASE)
# Category "a place printed after ', in' between co-authors" (k35): "By Jane Doe, in
# Kyiv, and John Roe, in Lviv": a place of one to three capitalised words that an "and"
# (or ";") follows is where that author wrote, and more names follow. Without this,
# ``SECTION_TAIL_RE`` (g35's section links after ", in") ended the byline at the first
# place and dropped the co-author.
PLACE_BEFORE_AND_RE = re.compile(
    r"\s*,\s*in\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}(?=\s*(?:,\s*)?(?:and|&)\s|\s*;)"
)
# Category "a dateline or heading where a name should be" (k35, g35): "IN ST. GERMAIN",
# "AT CARVEN", "On Quadrille Today" (a post's heading read as its byline), "In Kyiv": a
# person's name never opens with a preposition of place; "FROM WASHINGTON", "From Kyiv":
# after "From" one word is a place or a source, not a person ("From Jane Doe" is a byline).
DATELINE_RE = re.compile(r"^(?:(?:in|at|on)\s+\S|from\s*:?\s+[^\s,;]+$)", re.IGNORECASE)
# Category "contact after the name": "Jane Doe jane.doe@planet.com", "Jane Doe @janedoe".
# A match starts only where a run of spaces or of address characters starts (the
# leftmost match anyway): from every position inside a long run, the search went to its
# end and back, seconds for one hostile author value of 20,000 letters.
CONTACT_RE = re.compile(
    r"(?<!\s)\s*\(?(?:(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<!\S)@\w{2,})\)?"
)

def around_name(text: str) -> str:
    """``text`` without a contact, a "By" in another language and an agency tail."""
    text = FOREIGN_BY_RE.sub("", CONTACT_RE.sub("", text).strip())
    return without_agency(text)


def without_agency(text: str) -> str:
    """``text`` without an agency after a name of two or more words ("By The
    Associated Press" alone is the agency, and stays)."""
    match = AGENCY_TAIL_RE.search(text)
    if match is None or len(text[: match.start()].split()) < 2:
        return text
    return text[: match.start()]


# Category "a brand that starts with a number": "By 3i Global", a declared author "98 Buck
# Social". The digits are the first word only, each later word is capitalised and none
# counts or times something ("2 Comments", "5 Min Read", "12 Hours Ago").
NUMBERED_BRAND_RE = re.compile(r"^\d{1,3}[^\W\d_]{0,12}(?:\s+[A-Z][^\W\d_'’.&-]*){1,3}$")
COUNTED_WORDS = frozenset(
    {"comments", "comment", "min", "mins", "minute", "minutes", "hour", "hours", "ago", "read",
     "views", "shares", "likes", "replies", "responses", "words", "days", "weeks", "years",
     "photos", "articles", "posts", "stories", "results", "items", "reviews", "steps", "ways",
     "things", "tips", "best", "reasons"}
)


def is_place_word(piece: str) -> bool:
    """``piece`` is shaped like a one-word place ("Kyiv", "Zürich", "Saint-Denis"), not
    a credential ("MD", "Ph.D.", "Jr.") or an agent noun ("Dietitian", "Editor")."""
    return (
        PLACE_WORD_RE.match(piece) is not None
        and piece[0].isupper()
        and not piece.isupper()
        and AGENT_ENDING_RE.search(piece) is None
    )


def is_numbered_brand(text: str) -> bool:
    """``text`` is a name that starts with a number ("3i Global", "98 Buck Social")."""
    return NUMBERED_BRAND_RE.match(text) is not None and not any(
        word.casefold() in COUNTED_WORDS for word in text.split()
    )
