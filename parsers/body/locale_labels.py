"""Furniture labels in the publisher's language, one whole line each (p50, issue 17).

Category "an ad slot's or a 'read also' box's label, not in English": ``lines.BOILERPLATE_RE``
drops the bare line "Advertisement" or "Read more" that an ad slot or a teaser box leaves
between the story's paragraphs, but only in English. News sites print the same labels in
their own language, and with the slot's ad or the box's links gone (scripts fill the one,
the link-density filter drops the other) the label stays as a line of the story: "Anzeige"
(Die Welt 7 times, Junge Welt), "REKLAM" (Habertürk 5 times), "Publicité" (Les Échos),
"Annons" (Aftonbladet), "Czytaj więcej" (Rzeczpospolita, 2 pages), "Lesen Sie auch" (Welt,
heise), "Lee también" (La Vanguardia), "Auch interessant" (WAZ 2 pages, Hamburger
Abendblatt), "Lesen Sie mehr zum Thema" (Süddeutsche, Berliner Zeitung), "Zum selben Thema"
(Euronews): 13 publishers of the fundus set. No truth of ours keeps such a line: none of
dev's, extra's, the second set's (2,151 pages) or fundus's truth lines is one of LABELS.

Only the whole line, a closing colon or arrow allowed: "Lesen Sie auch, was ..." and
"Anzeige gegen Unbekannt erstattet" are sentences and stay. Data: one alternation per
kind, by language; English stays in ``BOILERPLATE_RE``. Share bars' labels ("Partager cet
article") were tried and left out: one publisher, and the line dropped over Euronews's
standfirst let ``STANDFIRST_RE``'s rule take the standfirst the fundus truth keeps.
"""

from __future__ import annotations

import re

# Ad slots: de, tr, pl/cs, es, fr, it, nl, sv, no/da, fi, pt. These are also the nouns for
# advertising (k50t): a heading "Publicité" over a part of a story on advertising, "Werbung"
# in a list of a budget's items or in a table's cell is the story's, and stays.
AD_LABELS = (
    r"anzeige|werbung|reklam|reklama|publicidad|publicit[ée]|pubblicit[àa]|advertentie|"
    r"annons|annonse|mainos|publicidade"
)
LABELS = (
    AD_LABELS,
    # "Read also" boxes over other stories: de, pl, fr, es, pt, it, nl, sv, no/da, fi.
    # ("Mehr zum Thema" is tail.TOPIC_LABELS': it cuts the body when it closes the story.)
    r"lesen sie (?:auch|mehr(?: zum thema)?)|auch interessant|"
    r"zum (?:selben|gleichen) thema|das k[öo]nnte sie auch interessieren|"
    r"czytaj (?:wi[ęe]cej|te[żz]|tak[żz]e)|(?:[àa] )?lire aussi|"
    r"l[ée]e (?:tambi[ée]n|m[áa]s)|leia (?:tamb[ée]m|mais)|leggi anche|lees ook|"
    r"l[äa]s (?:ocks[åa]|mer)|les (?:ogs[åa]|mer)|lue my[öo]s",
)
# b58, reading-time furniture in other languages (``lines.READING_TIME_RE`` takes it beside
# the English forms), the label and its minutes ending the line, alone or after a date:
# "Lesezeit: 3 Min." (Süddeutsche), "3 Minuten Lesezeit" (AFP Faktencheck), "3 Min Lesezeit"
# (Ruhr Nachrichten), "Stand: 10:49 UhrLesedauer: 5 Minuten" (Die Welt), "06.01.2026,
# Lesezeit 5 Min." (Klasse gegen Klasse), "Lesedauer: 4 Minuten" (Salzburger Nachrichten),
# "Temps de Lecture 4 min." (Le Monde, on fundus's and Postlight's pages), and English "Read
# time: 14 min" (WCXB dev). No truth of dev, extra, the second set or fundus holds one.
MINUTES = r"\d+\s*(?:min(?:uten?|utes?|uti|utos)?\.?|мин(?:ут[аы]?)?\.?)"
READING_TIME_LABEL = (
    r"(?:lesezeit|lesedauer|temps de lecture|tiempo de lectura|tempo di lettura|"
    r"tempo de leitura|leestijd|время чтения|read time)"
)
READING_TIME_AFTER = r"(?:lesezeit|lesedauer|de lecture|de lectura|di lettura|de leitura|leestijd)"
# k58a: before the label only a date, a time or a separator, never a sentence's words ("Der
# Bericht umfasst 120 Seiten, rund 90 Minuten Lesezeit." is a press release's sentence).
BEFORE_READING_TIME = r"(?:.*?(?:[|•·⋅/–—-]|\d[.,]?(?!\d)|uhr)\s*)?"
LOCALE_READING_TIME = (
    rf"^{BEFORE_READING_TIME}(?:{READING_TIME_LABEL}\s*:?\s*(?:ca\.\s*)?{MINUTES}|"
    rf"{MINUTES}\s*{READING_TIME_AFTER})\W{{0,3}}$"
)
LOCALE_LABEL_RE = re.compile(r"^(?:" + "|".join(LABELS) + r")\s*[:»›>]?$", re.IGNORECASE)
AD_LABEL_RE = re.compile(r"^(?:" + AD_LABELS + r")\s*[:»›>]?$", re.IGNORECASE)
# A label is a few words; a longer line is never one.
LOCALE_LABEL_MAX_CHARS = 40


def is_locale_label(text: str, in_content: bool = False) -> bool:
    """Whether ``text`` is, whole, a furniture label in a language other than English;
    ``in_content``: the line is a heading, a list item or a cell, where an ad slot's word is
    the story's noun (only a 'read also' label is furniture there)."""
    text = text.strip()
    if len(text) > LOCALE_LABEL_MAX_CHARS or LOCALE_LABEL_RE.match(text) is None:
        return False
    return not (in_content and AD_LABEL_RE.match(text))
