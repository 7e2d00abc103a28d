"""Category "a date printed in pieces" (q46, issue 17): the one place a date is read across the
"\n" that joins a page's blocks (``date_space``: every date pattern reads one line).

A date laid out as a badge or a stack of blocks, each block a piece of it: a calendar leaf
("<div>24</div><div>Jul</div><div>2012</div><div>9:49am, EDT</div>"), a clock's own block
under its date line ("Posted Jan. 5, 2008" over "3:47 PM", "06.11.2023" over "15:30 Uhr"), a
label's own block over the date ("Originally published" or "Published" over "November 6,
2019"). Lines that hold only a date's pieces (numbers, clocks, month and weekday names, zones,
date labels) are one line to the date finders (``dates.find_date``); a line with any other
word ("15.000 Menschen", "2019 was a year ...", "Sunrise 7:12 AM EST") is not a piece, and its
"\n" is not crossed.

k46: a whole date written as one word, numeric ("06.11.2023", "2023-11-06", "2023.11.06") or
CJK ("2023年11月6日", "2023년 11월 6일"), is no piece: "Nov. 18" over "2012-11-07" would read
18 November 2012. Its line is joined only to a line of pieces under it, the clock's own block
("06.11.2023" over "15:30 Uhr", "2023年11月6日" over "15:00"), as a date line in words is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from parsers.date_patterns import DATE_WORDS_RE
from parsers.date_weekday_words import WEEKDAY_WORDS
from parsers.date_words import month_number

MAX_PIECE_WORDS = 6
MAX_PIECE_CHARS = 48
NUMBER_PIECE_RE = re.compile(
    r"\d{1,4}(?:st|nd|rd|th|er)?|\d{1,2}[:.]\d{2}(?::\d{2})?(?:[ap]\.?m)?|[ap]\.?m", re.I
)
ZONE_PIECE_RE = re.compile(r"[A-Z]{2,5}")
# A whole date numeric ("06.11.2023", "2023-11-06") or CJK ("2023年11月6日", "2023년 11월 6일")
# (k46): its line is a line over pieces, not a piece.
WHOLE_DATE_RE = re.compile(
    r"(?<!\d)(?:\d{1,4}([./-])\d{1,2}\1\d{1,4}"
    r"|\d{2,4}[^\S\n]*[年년][^\S\n]*\d{1,2}[^\S\n]*[月월][^\S\n]*\d{1,2}[^\S\n]*[日일])(?!\d)"
)
PIECE_PUNCTUATION = ".,:;|/·•–—-()"
# Words printed between a date's pieces: "24 of July", "6 de noviembre", "um 15:30 Uhr".
GLUE_WORDS = frozenset({"of", "de", "at", "um", "uhr", "à", "h", "г", "года"})
WEEKDAY_NAMES = frozenset(
    n.casefold() for _, days in WEEKDAY_WORDS for names in days for n in names
)
# Date labels printed in their own block over the date, besides ``DATE_WORDS_RE``'s.
LABEL_WORDS = frozenset(
    {"originally", "first", "stand", "veröffentlicht", "aktualisiert", "publié", "publicado",
     "pubblicato", "gepubliceerd", "opublikowano", "le", "am", "el", "il", "op"}
) | frozenset(
    # lead54, category "a date label in the languages whose months the date words read"
    # ("Datum: 16.11.2019", "Fecha: 16/11/2019", "Yayınlanma: 16 Kasım 2019"): "date", then
    # "published"/"posted", as pages print them over or before the date. Without them d54's
    # rule took such a label for an event's ("Kick-off:") and left a stamp's declared day.
    {"datum", "dato", "fecha", "data", "dátum", "datums", "kuupäev", "päivämäärä", "päiväys",
     "tarih", "tarikh", "tanggal", "ημερομηνία", "датум", "תאריך", "تاريخ", "التاريخ", "تاریخ",
     "तारीख", "दिनांक", "วันที่",
     "publiziert", "erschienen", "publiée", "publicada", "pubblicata", "geplaatst",
     "publikováno", "publikované", "publikovano", "objavljeno", "објављено", "публикувано",
     "опубліковано", "publicat", "publicerad", "publiceret", "publisert", "julkaistu",
     "avaldatud", "paskelbta", "publicēts", "megjelent", "közzétéve", "yayınlanma",
     "yayınlandı", "yayımlanma", "diterbitkan", "dipublikasikan", "δημοσιεύθηκε",
     "δημοσίευση", "פורסם", "نشر", "منتشر", "प्रकाशित", "เผยแพร่"}
)

# k54d, category "a publication-date label of two words or another language": the words a
# label before the page's own date may add to LABEL_WORDS ("Publication date:", "Fecha de
# publicación:", "Дата публикации:", "Data di pubblicazione:", "Written:", "Erstellt am:").
# Labels only (``is_date_label``): they do not join a date's pieces across lines.
LABEL_ONLY_WORDS = frozenset(
    {"publication", "publicación", "publicação", "publicacao", "pubblicazione", "publicării",
     "publicarii", "publicare", "publicatie", "publicatiedatum", "publicering",
     "publiceringsdatum", "publiceringsdato", "udgivelsesdato", "publikacji", "publikace",
     "publikácie", "publikacije", "objave", "objavljivanja", "vydání", "veröffentlichung",
     "veröffentlichungsdatum", "erscheinungsdatum", "публикации", "публикация", "публікації",
     "публікація", "julkaisu", "julkaisupäivä", "yayın", "tarihi", "terbit", "megjelenés",
     "δημοσίευσης", "written", "created", "issued", "erstellt", "geschrieben", "verfasst",
     "em", "di", "da", "do", "der", "del", "du", "pe"}
)


def join_date_pieces(text: str) -> str:
    """``text`` with the "\n" between two lines that hold only a date's pieces as a space
    (``MAX_PIECE_WORDS``); positions are kept."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    pieces = [_date_pieces(line) for line in lines]
    # A line over pieces: pieces itself, or a whole date's line (k46, ``WHOLE_DATE_RE``).
    over = [piece or _whole_date_line(line) for piece, line in zip(pieces, lines, strict=True)]
    if not any(a and b for a, b in zip(over, pieces[1:], strict=False)):
        return text
    out: list[str] = []
    for index, line in enumerate(lines):
        out.append(line)
        if index + 1 < len(lines):
            out.append(" " if over[index] and pieces[index + 1] else "\n")
    return "".join(out)


def is_date_label(label: str) -> bool:
    """Whether ``label``, printed before ": " and a date, names the page's own date: only date
    pieces and labels ("Veröffentlicht", "Published on") or a publication label's words
    ("Publication date", "Fecha de publicación", "Erstellt am"; ``LABEL_ONLY_WORDS``):
    ``date_printed`` asks it of a label before ": "."""
    return _date_pieces(label, labels=True)


# Pages repeat their lines, and the header is read several times a page.
@lru_cache(maxsize=4096)
def _date_pieces(line: str, labels: bool = False) -> bool:
    """Whether ``line`` holds only a date's pieces ("24", "Jul", "2012", "9:49am, EDT"); with
    ``labels``, a publication label's words count too (``LABEL_ONLY_WORDS``)."""
    if len(line) > MAX_PIECE_CHARS:
        return False
    words = line.split()
    if not words or len(words) > MAX_PIECE_WORDS:
        return False
    for index, word in enumerate(words):
        core = word.strip(PIECE_PUNCTUATION)
        if (
            core
            and not NUMBER_PIECE_RE.fullmatch(core)
            # k55a: a zone follows a time ("9:49am, EDT"); capitals first are a notice's or
            # an event's label ("NOTE: 16 Nov 2019", "LIVE:", "WWDC:"), no date piece
            and not (index and ZONE_PIECE_RE.fullmatch(core))
            and core.casefold() not in GLUE_WORDS
            and core.casefold() not in WEEKDAY_NAMES
            and core.casefold() not in LABEL_WORDS
            and not (labels and core.casefold() in LABEL_ONLY_WORDS)
            and DATE_WORDS_RE.fullmatch(core) is None
            and month_number(core) is None
        ):
            return False
    return True


@lru_cache(maxsize=4096)
def _whole_date_line(line: str) -> bool:
    """Whether ``line`` is a whole date (``WHOLE_DATE_RE``) with at most a date's pieces beside
    it ("06.11.2023", "2023年11月6日(月)", "Stand: 2023-11-06")."""
    if len(line) > MAX_PIECE_CHARS or (found := WHOLE_DATE_RE.search(line)) is None:
        return False
    rest = f"{line[: found.start()]} {line[found.end() :]}"
    return not rest.strip() or _date_pieces(rest)
