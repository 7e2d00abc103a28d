"""Byline words per language (rules as data): the "By" of a byline, author labels, "and".

Category "byline in another language": "Von Jane Doe", "Autor: Jane Doe", "Jane Doe und
John Roe". A language's words apply only on a page in that language ("Von" on an English
page is a name particle, "e" a letter), the English ones on every page, as before.

Sources: ``AND`` is the "and" of CLDR's standard list pattern for two items (``{0} und
{1}``; unicode-org ICU ``ListFormatterData``; Ukrainian has both CLDR's older "та" and
newer "і", Romanian both spellings of "și"). ``BY`` and ``LABELS`` are the newspaper
style of the language: the preposition a byline starts with ("Von", "Par", "Por",
"Door", "Av"), and the word a byline box labels its names with ("Autor:", "Auteur").
Languages whose bylines use no preposition (Polish, Czech, Russian print "Autor:") have
no ``BY``; Italian "di" is left out: it is also the particle of many surnames ("Di Maio").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from types import MappingProxyType

# language -> (byline prepositions, author labels, "and" between names)
TABLE = MappingProxyType(
    {
        "de": (("von",), ("autor", "autorin", "autoren", "autorinnen"), ("und",)),
        "fr": (("par",), ("auteur", "auteure", "auteurs", "autrice"), ("et",)),
        "es": (("por",), ("autor", "autora", "autores"), ("y",)),
        "pt": (("por",), ("autor", "autora", "autores"), ("e",)),
        "it": ((), ("autore", "autrice", "autori"), ("e",)),
        "ca": (("per",), ("autor", "autora"), ("i",)),
        "nl": (("door",), ("auteur", "auteurs"), ("en",)),
        "da": (("af",), ("forfatter",), ("og",)),
        "no": (("av",), ("forfatter",), ("og",)),
        "sv": (("av",), ("författare", "skribent"), ("och",)),
        "is": (("eftir",), ("höfundur",), ("og",)),
        "fi": ((), ("kirjoittaja",), ("ja",)),
        "pl": ((), ("autor", "autorka", "autorzy"), ("i",)),
        "cs": ((), ("autor", "autorka", "autoři"), ("a",)),
        "sk": ((), ("autor", "autorka"), ("a",)),
        "hu": ((), ("szerző",), ("és",)),
        "ro": ((), ("autor",), ("și", "şi")),
        "tr": ((), ("yazar",), ("ve",)),
        "ru": ((), ("автор", "авторы"), ("и",)),
        "uk": ((), ("автор", "авторка", "автори"), ("і", "та")),
        "be": ((), ("аўтар",), ("і",)),
        "bg": ((), ("автор",), ("и",)),
    }
)
# Every language's label and "By" words: alone, none of them is ever a person's name
# ("Autor" from SRF's label, "por" from a byline box on a page of any language).
NOT_NAMES = frozenset(w for by, labels, _ in TABLE.values() for w in (*by, *labels)) | {
    "author",
    "authors",
    "by",
}
# English labels alone on a line or in a piece: "By", "Written by", "Author(s):".
LABEL_RE = re.compile(
    r"^(?:(?:written|authored|posted|article|post|story|words)\s+)?"
    r"(?:by|authors?(?:\(s\))?)\s*:?$",
    re.IGNORECASE,
)
# Category "fact box of a reviewed work": "Titel: Das Institut / Autor: Stephen King /
# Verlag: Heyne" under a book review names the book's author, not the story's. A line
# that opens with one of these labels and a colon (title, publisher, ISBN, pages, price,
# in the languages of TABLE; "Title IX" is no label) marks its neighbours as such a box.
_WORK_LABELS = (
    r"(?:title|titel|titre|título|titolo|publisher|verlag|éditeur|éditions|editorial|"
    r"editore|uitgever|uitgeverij|förlag|forlag|wydawnictwo|nakladatel|isbn|pages|seiten|"
    r"páginas|pagine|price|preis|prix|precio|prezzo)"
)
WORK_FACT_RE = re.compile(rf"^{_WORK_LABELS}\s*:\s*\S", re.IGNORECASE)
# The same box with bold labels and no colons (DW: "<strong>Titel</strong> Das Institut",
# "<strong>Autor</strong> Stephen King"): a work label and its value on one line, beside
# an author label line of the same form; or each label alone on its line, its value on
# the next ("Titel" / "Das Institut" / "Autor" / "Stephen King" / "Verlag" / "Heyne").
WORK_INLINE_RE = re.compile(rf"^{_WORK_LABELS}\s+\S", re.IGNORECASE)
WORK_LONE_RE = re.compile(rf"^{_WORK_LABELS}\s*:?$", re.IGNORECASE)
# Category "a teaser opening with a work label" (k33): "By Jane Doe" beside one "Title:
# What the council decided" line is the story's byline over a teaser or subheading; a
# box labels its author ("Author:", "Autor") and holds more facts (publisher, pages,
# price). A "By" line is in a box only with a second fact line within this many lines.
# A labelled author line beside one fact line still is (a window may cut a box short).
BOX_REACH = 3
# Category "call to action after an author label": a theme with no author prints its
# "By" or "Author:" and then a link ("Read more", "View all posts", "Weiterlesen"). A
# piece made only of these navigation words is never a name; a name holding one
# ("Thomas More", "Herbert Read") has a word that is not. Sharing links too ("Share on
# Facebook", k33), and a copy-link button's label and its status ("Copy link", "Link
# copied": m43, Yahoo's byline element holds its share bar, whose status text followed the
# outlet's name).
ACTION_WORDS = frozenset(
    {
        "read", "more", "continue", "continued", "reading", "view", "see", "show", "all",
        "posts", "articles", "stories", "profile", "bio", "full", "share", "follow",
        "subscribe", "contact", "email", "click", "here", "learn", "about", "home", "menu",
        "next", "previous", "prev", "back", "top", "skip", "to", "content", "comments",
        "login", "log", "in", "sign", "up", "weiterlesen", "mehr", "lesen", "lire", "la",
        "suite", "plus", "leer", "más", "ler", "mais", "leggi", "di", "più", "lees", "meer",
        "verder", "on", "facebook", "twitter", "linkedin", "whatsapp", "pinterest", "reddit",
        "telegram", "print", "copy", "copied", "link",
    }
)  # fmt: skip
ACTION_WORD_RE = re.compile(r"[^\W\d_]+")
# The same link with a name after it ("Read more about Jane", "View all posts by Jane
# Doe", k33): a piece that opens with one of these verbs and another navigation word is
# a call to action whatever follows. A name may start with a navigation word ("Di La
# Rosa", "More Thomas"), not with a verb of these and a second one.
ACTION_VERBS = frozenset(
    {"read", "view", "see", "show", "continue", "learn", "click", "more", "follow", "share",
     "subscribe", "contact", "email", "weiterlesen", "mehr", "lesen", "lire", "leer", "ler",
     "leggi", "lees"}
)  # fmt: skip
_EN_BY = r"by|written by"
# Bidirectional marks and embeddings (LRM, RLM, ALM, LRE..RLO, LRI..PDI): a page mixing
# Hebrew or Arabic with Latin names sets them around a Latin byline; they are no letters.
BIDI_RE = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
_EN_LABELS = r"authors?|contributors?"


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in words)


@dataclass(frozen=True)
class Words:
    """The byline patterns of one language, English included.

    ``byline_re``: a header line that is a byline ("By Jane Doe", "Von: Jane Doe",
    "Autor: Jane Doe"); ``by_re``: one that opens with "By" ("Von"), not a label;
    ``by_prefix_re``: the "By" or label before a name;
    ``label_name_re``: an author label and the names after it, with no colon
    ("Autorin/Autor Roman Goncharenko"); ``label_re``: a label alone ("By",
    "Autorin/Autor:"); ``split_re``: between names;
    ``person_and_re``: "and" inside one declared name; ``language``: the page's language
    (ISO 639-1), "" when unknown (CJK names are read by it: ``author_cjk``).
    """

    byline_re: re.Pattern[str]
    by_re: re.Pattern[str]
    label_name_re: re.Pattern[str]
    by_prefix_re: re.Pattern[str] | None
    label_re: re.Pattern[str] | None
    split_re: re.Pattern[str]
    person_and_re: re.Pattern[str]
    language: str = ""


def _compile(by: tuple[str, ...], labels: tuple[str, ...], conj: tuple[str, ...]) -> Words:
    # "Autorin/Autor": DW prints both forms of the label.
    label = f"(?:{_alt(labels)})(?:/(?:{_alt(labels)}))*" if labels else ""
    by_alt = "|".join(filter(None, (_EN_BY, _alt(by))))
    label_alt = "|".join(filter(None, (_EN_LABELS, label)))
    byline = rf"^(?:(?:{by_alt})[:\s]|(?:{label_alt})\s*:)\s*\S"
    conj_re = "".join(rf"|\b{re.escape(c)}\b" for c in conj)
    prefixes = "|".join(
        filter(None, (rf"(?:{_alt(by)})\s*:?" if by else "", rf"{label}\s*:" if label else ""))
    )
    lone = "|".join(filter(None, (_alt(by), label)))
    return Words(
        byline_re=re.compile(byline, re.IGNORECASE),
        by_re=re.compile(rf"^(?:{by_alt})\b", re.IGNORECASE),
        label_name_re=re.compile(rf"^(?:{label_alt})\s+(?=\S)", re.IGNORECASE),
        by_prefix_re=re.compile(rf"^(?:{prefixes})\s+", re.IGNORECASE) if prefixes else None,
        label_re=re.compile(rf"^(?:{lone})\s*:?$", re.IGNORECASE) if lone else None,
        # ``(?<!\s)``: spaces before a separator are matched from the first of their run only;
        # a hostile run of spaces with none after it is not rescanned from each of its
        # positions (k41a: 20,000 spaces in an author meta cost 6 s of CPU in cut_outlets).
        split_re=re.compile(r"(?:(?<!\s)\s+)?(?:,|;|\band\b|&" + conj_re + r")\s*", re.IGNORECASE),
        person_and_re=re.compile(
            r"\s(?:and|&" + "".join(f"|{re.escape(c)}" for c in conj) + r")\s|;", re.IGNORECASE
        ),
    )


ENGLISH = _compile((), (), ())
BY_LANGUAGE = MappingProxyType(
    {lang: replace(_compile(*row), language=lang) for lang, row in TABLE.items()}
)


def is_label(piece: str, words: Words = ENGLISH) -> bool:
    """A label alone: "By", "Author:", or ``words``' "Von", "Autorin/Autor"."""
    return LABEL_RE.match(piece) is not None or bool(words.label_re and words.label_re.match(piece))


def is_call_to_action(piece: str) -> bool:
    """``piece`` is only navigation words ("Read more »", "View profile"; ``ACTION_WORDS``),
    or opens with a verb of them and another ("Read more about Jane"; ``ACTION_VERBS``)."""
    # Most pieces are names: the first word settles it, so stop at the first non-action word.
    found = 0
    for word in ACTION_WORD_RE.finditer(piece):
        folded = word.group().casefold()
        if folded not in ACTION_WORDS:
            return found > 1
        if found == 0 and folded not in ACTION_VERBS:
            found = -1  # a navigation word that is no verb: every word must be one
        elif found >= 0:
            found += 1
    return found != 0


def in_work_box(lines: list[str], index: int, words: Words = ENGLISH) -> bool:
    """The author line ``lines[index]`` is in a reviewed work's fact box (``WORK_FACT_RE``):
    a colon fact line beside it, a bold-label fact line beside a bold-label author line,
    or a lone fact label two lines away from a lone author label. A "By" line needs a
    second fact line near it (``BOX_REACH``): beside one it is the story's byline (k33)."""
    line = unmarked(lines[index])
    if words.label_name_re.match(line):
        pattern, reach = WORK_INLINE_RE, 1
    elif is_label(line, words):
        pattern, reach = WORK_LONE_RE, 2
    else:
        pattern, reach = WORK_FACT_RE, 1
    by = words.by_re.match(line) is not None
    wide = BOX_REACH if by else reach
    box = range(max(index - wide, 0), min(index + wide + 1, len(lines)))
    facts = [
        i
        for i in box
        if i != index and (WORK_FACT_RE.match(lines[i]) or pattern.match(lines[i].strip()))
    ]
    return len(facts) >= 1 + by and any(abs(i - index) <= reach for i in facts)


def unmarked(text: str) -> str:
    """``text`` without bidirectional marks (``BIDI_RE``)."""
    return text if text.isascii() else BIDI_RE.sub("", text)


@lru_cache(maxsize=64)  # one per language a worker meets; bounded all the same
def words_for(language: str | None) -> Words:
    """The byline words of ``language`` (an ISO 639-1 code), English only when unknown; a
    language with no row of its own ("zh", "ja") has the English words under its name."""
    words = BY_LANGUAGE.get(language or "", ENGLISH)
    return replace(words, language=language) if language and not words.language else words
