"""Stage 4b of the body, line filters: credits, a picture's or the wire's, not the story.

Decides whether one paragraph is a credit the markup left among the story's lines.
Two categories, each a pattern kept as data:

- a caption set as a paragraph, known by the picture credit closing it ("Guests pick
  pastries. | Photo by Jane Doe", "Jane Doe via Getty Images"): moved here from
  lines.py (b41); b42 added the credit words of other languages ("Bildrechte: MDR/Jane
  Doe", "(Foto: REUTERS)", "Foto: Jane Doe, Seznam Zprávy": FOREIGN_CREDIT_WORDS).
- a line naming only a news or picture agency (b41): "Associated Press", "THE
  ASSOCIATED PRESS", "Reuters", "AFP, AP", "© AAP", "AP file", "- REUTERS", "Staff and
  agencies": the credit under a photo or the wire credit over or under a wire story,
  left as its own line. Measured on every set we may use (docs/BENCHMARKS.md, "Body,
  b41"): the gold texts lack such a line on 3/3 dev pages, 100/112 pages of the second
  set (Google News 70/74, Dragnet 24/32, Readability 3/3), 2/2 of the fourth, 1/1 of
  the fifth, 5/7 of CleanEval. Never in parentheses: "(AP)" alone is the wire's
  dateline split from the story's first sentence, which Google News' gold keeps on 3
  of 5 pages. The short names (AP, PA, AFP, ...) only in capitals. The caller keeps
  the line in a list item (ITEM_TAGS: a list of sources) and in a data table's cell
  (``links.in_data_table``, a table with header cells); a layout table's cell is no
  guard (older portals set the credit in one: "The Associated Press" in a
  ``<td class="byln">``, o41 found their tool bars the same way), nor is a heading (the
  credits measured are set as ``<h3>``-``<h6>`` as often as in a ``<p>``).
  Nor after a line asking a question or opening with a colon, nor after an agency line
  kept (``follows_an_opener``, k41d): there the name answers ("Which outlet did you
  work for first?" / "Reuters.") or is an item of a list set as lines ("The outlets
  that signed the letter:" / "The Associated Press" / "Reuters"): story, not a credit.
"""

from __future__ import annotations

import re

# "Photo" in the languages of fundus's publishers whose captions close with a credit:
# German (Foto, Bild, Bildrechte, Bildquelle), Czech, Polish, Swedish, Dutch, Italian,
# Spanish, Portuguese (Foto, Fotos), Danish and Norwegian (Foto, Billede), Finnish (Kuva),
# Hungarian (Fotó), French (Crédit photo). Not "Quelle"/"Fuente" (a source: a chart's or a
# quotation's, which the story may print).
FOREIGN_CREDIT_WORDS = (
    r"fotos?|foto\(s\)|fotó|fotografie|fotografia|bild|bilder|bildrechte|bildquelle|"
    r"billede|kuva|zdjęcie|crédits? photos?"
)

# A picture's caption set as a paragraph, known by the credit closing it ("Guests
# pick pastries. | Photo by Jane Doe", "Photo: Jane Doe", "Jane Doe via Getty Images",
# "Illustrations: Jane Doe"); only lines under CAPTION_MAX_CHARS. The keywords are
# matched in any case, the credited name only capitalised ("Photo: the signing
# ceremony" closes a sentence, it is no credit).
CAPTION_CREDIT_RE = re.compile(
    r"(?:[|—–-]|\.|^)\s*\(?(?i:photo|image|illustration|photograph|picture)s?(?i: credit)?"
    r"(?i: by|:|\s+courtesy(?: of)?)\s*[A-Z][^.!?]{1,60}\)?$|"
    # The agency after a slash, glued or spaced ("Jane Doe/Getty Images", g39: "Jane Doe /
    # Getty Images").
    r"(?:\b(?i:via|/|:)|\s/)\s*(?i:getty images|shutterstock|istock|alamy|unsplash|pexels)\)?$|"
    r"^(?i:illustrations?|icons?|photos?|images?) (?i:by|:) [A-Z][^.!?]{1,40}$",
)
# Category "a picture credit in the page's language" (b42, fundus's publishers: MDR's
# "... Bildrechte: MDR/Jane Doe", Freie Presse's "... Bild: Jane Doe/Archiv", n-tv's
# "(Foto: Galerie X)", Seznam's "Foto: Jane Doe, Seznam Zprávy", Rzeczpospolita's
# "Foto: REUTERS/Jane Doe", Expressen's "Foto: JANE DOE", junge Welt's): the same credit
# closing a caption, by the word other languages print, with a colon only (so only a line
# holding one is searched); the name may be an agency in lower case ("Foto: dpa"), but
# opens with a letter: "Foto: 48 MP Hauptkamera, 12 MP Weitwinkel" is a phone review's
# spec line, a value, not a name (kb42).
FOREIGN_CREDIT_RE = re.compile(
    rf"(?:[|—–-]|\.|^)\s*\(?(?i:{FOREIGN_CREDIT_WORDS})\s*:\s*[^\W\d_][^.!?:]{{1,60}}\)?$"
)
CAPTION_MAX_CHARS = 200

# News and picture agencies by name (any case) and by their short names (capitals only:
# "Ap" or "pa" is no credit), and the words a credit adds to one ("AP file", "Reuters
# Pictures"). "Staff and agencies" is The Guardian's credit of a wire story.
AGENCY_NAMES = (
    r"(?i:(?:the )?associated press|(?:thomson )?reuters|agence france[- ]presse|"
    r"european pressphoto agency|press association|(?:the )?canadian press|"
    r"australian associated press|united press international|kyodo news|xinhua|"
    r"getty(?: images)?|bloomberg(?: news)?|staff and agencies)|"
    r"AP|AFP|EPA|PA|AAP|UPI|DPA|dpa|ANSA|EFE|CP"
)
AGENCY_WORDS = r"(?i:file|photos?|images|pictures|wire|pool)"
AGENCY_CREDIT_RE = re.compile(
    # An opening mark ("©", a dash, a slash), never a bracket or a quotation mark.
    r"^[©/|—–-]?\s*"
    rf"(?:{AGENCY_NAMES})(?: {AGENCY_WORDS})?"
    rf"(?:\s*(?:[/,|&]|and)\s*(?:{AGENCY_NAMES})(?: {AGENCY_WORDS})?)*"
    r"\s*\.?$"
)
AGENCY_CREDIT_MAX_CHARS = 80
# A list's items are data (a list of sources), whatever their text.
ITEM_TAGS = frozenset({"li", "dd", "dt"})
# The ends of a line that a next line answers or goes on from: a question, a colon;
# closing quotation marks and brackets before them are read through.
OPENER_ENDS = (":", "?")
CLOSERS = "\"'”’»)]"


def is_credited_caption(text: str) -> bool:
    """A short line closing with a picture credit: a caption (CAPTION_CREDIT_RE, or
    FOREIGN_CREDIT_RE in another language)."""
    return len(text) < CAPTION_MAX_CHARS and (
        CAPTION_CREDIT_RE.search(text) is not None
        or (":" in text and FOREIGN_CREDIT_RE.search(text) is not None)
    )


def is_agency_credit(text: str) -> bool:
    """A line naming only a news or picture agency (cells and headings: the caller's)."""
    return len(text) <= AGENCY_CREDIT_MAX_CHARS and AGENCY_CREDIT_RE.match(text) is not None


def follows_an_opener(kept: list[str]) -> bool:
    """Whether the last line kept asks a question, opens with a colon or is an agency
    line kept: a line naming only an agency after it answers or lists, it is no credit."""
    if not kept:
        return False
    last = kept[-1]
    return last.rstrip().rstrip(CLOSERS).endswith(OPENER_ENDS) or is_agency_credit(last)
