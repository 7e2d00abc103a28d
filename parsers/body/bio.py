"""Stage 6 of the body: the author's name and bio around the story.

Decides, once the authors are known (after the body is chosen), which closing
paragraphs are an author bio ("Jane Doe is a reporter at ..."): the site's words
about its writer, which the reference texts leave out. A bio with an attribution
in or after it is news about the writer and stays; a group byline ("Staff") opens
no bio. And (b42) which paragraph is the byline of these authors in another language
("Von Jane Doe", "Par Jane Doe"), which the English "By" line filter
(``lines.is_repeated_byline``) does not know.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parsers.author_words import BY_LANGUAGE, TABLE, Words
from parsers.authors import looks_like_person, reads_as_prose
from parsers.body.credits import CLOSERS
from parsers.body.lines import ATTRIBUTION_RE, SENTENCE_END

# An author's bio closing the story ("Jane Doe is a reporter at ...", "Jane has
# covered ..."): a paragraph among the body's last AUTHOR_BIO_LAST that opens with an
# author's full name (or first name) and a bio verb, with at least AUTHOR_BIO_MIN_BEFORE
# characters of story before it, is cut with all that follows (the rest of the bio,
# sign-up boxes); up to AUTHOR_BOX_LAST short lines just before it (the author's name,
# "Contributing Writer") go with it. Gold texts of WCXB dev leave such bios out on
# three pages in four.
AUTHOR_BIO_RE = re.compile(
    r"(?:\s*\([^)]{1,60}\))?(?:,[^,.]{1,80},)?\s+(?:is|was|has|holds|writes|covers|joined|"
    r"started|works|worked|lives|serves|leads|specializes|specialises|brings|loves|enjoys)\b"
)
# Category "a bio behind a footnote mark or a title" (x37b): the bio may open with a
# footnote mark that ties it to a starred byline ("*Angela Holliday-Bell, MD, is ...") or
# with the writer's title ("Dr. Jane Doe is ...", "Prof. Jane Doe has ..."); the mark or
# title before the name is read past, as the name alone is matched.
BIO_MARKS = "*†‡"
BIO_TITLES = ("Dr", "Prof", "Professor", "Mr", "Mrs", "Ms", "Mx")
BIO_PREFIX_RE = re.compile(rf"^(?:[{re.escape(BIO_MARKS)}]+\s*|(?:{'|'.join(BIO_TITLES)})\.?\s+)")
# 6, not 4: a bio is often followed by a few lines of a sign-up box. A first name
# counts only when written as one ("Jane", not the "QCY" of "QCY Official").
AUTHOR_BIO_LAST = 6
AUTHOR_BOX_LAST = 2
AUTHOR_BOX_LINE_CHARS = 40
AUTHOR_BIO_MIN_BEFORE = 1000
# A bio closing the page is the site's own words: an attribution in it or after it
# ("..., her editor said") makes it news about the writer, which stays.
# A first name alone opens a bio only under an author box's line or beside words
# of a writer's bio ("Jean-Luc started the blog in 2010"): elsewhere it may be
# another person of that name ("Anna, 34, has lived in the shelter since March").
BIO_WORDS_RE = re.compile(
    r"\b(?:our|writer|writes|writing|editor|journalist|reporter|author|blog(?:ger)?|"
    r"contributor|columnist|analyst|founder|founded|started)\b",
    re.IGNORECASE,
)
# Byline names of a group or a company ("The Investopedia Team", "Staff"): a paragraph
# opening with such a name describes the publisher's product, which the gold texts
# keep as often as not.
GROUP_AUTHOR_WORDS = frozenset(
    {"team", "staff", "editors", "editorial", "desk", "board", "newsroom", "contributors"}
)

# Category "a byline in the page's language left in the body" (b42, fundus's publishers:
# "Von Jane Doe" on Die Welt, SZ, FAZ, WDR, Tagesspiegel, t-online, WAZ, n-tv, Börsen-Zeitung,
# "von Jane Doe, MDR SACHSEN-ANHALT", "Von Jane Doe und John Roe, Nairobi" on junge Welt,
# Hamburger Abendblatt, BSZ, "Par Jane Doe" on Euronews; fundus's truth leaves every one
# out; the English "By Jane Doe" line is ``lines.is_repeated_byline``'s, dropped in the
# body's line filter): a paragraph of at most FOREIGN_BYLINE_MAX_CHARS that opens with another
# language's byline preposition (``author_words.TABLE``: von, par, por, door, af, av, eftir,
# per; any case, a colon allowed) followed by one of the page's authors as found, and that
# does not read as prose. The name must follow: "Von Berlin aus ..." or "Par ailleurs" is
# no byline, and "Von" before another name is a particle ("Von Braun said ...").
# Each preposition with its language's words, so "und" joins names in a German line
# ("por": Spanish and Portuguese alike, the first row's).
FOREIGN_BY: dict[str, Words] = {
    word: BY_LANGUAGE[language]
    for language, (by, _, _) in reversed(list(TABLE.items()))
    for word in by
}
FOREIGN_BYLINE_RE = re.compile(rf"^(?i:(?P<by>{'|'.join(sorted(FOREIGN_BY))}))\s*:?\s+")
FOREIGN_BYLINE_MAX_CHARS = 120
# The words joining names after each preposition ("und", "et"; "por": "y" and "e").
FOREIGN_ANDS: dict[str, frozenset[str]] = {
    word: frozenset(a for lang, (by, _, ands) in TABLE.items() if word in by for a in ands)
    for word in FOREIGN_BY
}
# After the name (kb42): a sentence ends as one and holds a word in lower case other than
# "and" after the name ("Par Le Monde entier, les ... multiplient.", "Por El País circulan
# rumores.", "Von Merz keine Spur.", "Per Reuters, the talks failed.": an English "per" on a
# page not in Catalan), or glues the name into a compound ("Per il Post-pandemia ...").
# A byline goes on with a comma, another name, a place, the language's "and" or a wire
# ("Von Jane Doe mit AP", Euronews: no full stop).
COMPOUND_RE = re.compile(r"-\w")
WORD_RE = re.compile(r"[^\W\d_]+")


def without_author_bio(paragraphs: list[str], authors: Sequence[str]) -> list[str]:
    """``paragraphs`` less an author bio closing the story, with what follows it.

    A line that only names the author (a byline printed again) stays: the reference
    texts keep it as often as not (b29's rule audit: dropping it helped 1 page and
    hurt 4 over both sets, F1 unchanged); one opening with another language's "By" and the
    authors' names (FOREIGN_BYLINE_RE) is a byline and goes."""
    paragraphs = [p for p in paragraphs if not is_foreign_byline(p, authors)]
    people = [a for a in authors if _is_person_author(a)]
    # Longest first: "Jane Doe" before "Jane Do"; first names apart (BIO_WORDS_RE).
    names = sorted({a for a in people if len(a) > 2}, key=len, reverse=True)
    first_names = sorted(
        {a.split()[0] for a in people if len(a.split()[0]) > 2 and a.split()[0][1:2].islower()},
        key=len,
        reverse=True,
    )
    for index in range(max(len(paragraphs) - AUTHOR_BIO_LAST, 0), len(paragraphs)):
        text = paragraphs[index]
        first_name_bio = (index > 0 and _is_box_line(paragraphs[index - 1])) or (
            BIO_WORDS_RE.search(text) is not None
        )
        if (
            (_opens_bio(text, names) or (first_name_bio and _opens_bio(text, first_names)))
            and _chars_before(paragraphs, index) >= AUTHOR_BIO_MIN_BEFORE
            and not any(ATTRIBUTION_RE.search(later) for later in paragraphs[index:])
        ):
            cut = index
            while cut > 0 and index - cut < AUTHOR_BOX_LAST and _is_box_line(paragraphs[cut - 1]):
                cut -= 1
            return paragraphs[:cut]
    return paragraphs


def is_foreign_byline(text: str, authors: Sequence[str]) -> bool:
    """ "Von Jane Doe, Berlin" when Jane Doe is an author: another language's byline."""
    if len(text) > FOREIGN_BYLINE_MAX_CHARS:
        return False
    match = FOREIGN_BYLINE_RE.match(text)
    if match is None:
        return False
    rest = text[match.end() :].casefold()
    for author in authors:
        name = author.strip().casefold()
        if name and rest.startswith(name) and not rest[len(name) : len(name) + 1].isalnum():
            by = match["by"].casefold()
            return not _goes_on_as_prose(text, match.end(), author.strip(), by) and not (
                reads_as_prose(text, FOREIGN_BY[by])
            )
    return False


def _goes_on_as_prose(text: str, start: int, author: str, by: str) -> bool:
    """Whether what follows ``author``'s name (at ``start`` in ``text``) makes the line a
    sentence: a compound, or a word in lower case other than "and" in a line ending as a
    sentence does."""
    name = re.compile(re.escape(author), re.IGNORECASE).match(text, start)
    if name is None:
        return False
    if COMPOUND_RE.match(text, name.end()):
        return True
    if text.rstrip().rstrip(CLOSERS)[-1:] not in SENTENCE_END:
        return False
    ands = FOREIGN_ANDS[by]
    return any(
        w[0].islower() and w.casefold() not in ands for w in WORD_RE.findall(text, name.end())
    )


def _is_box_line(text: str) -> bool:
    """A short line that is no sentence: an author box's name or job title."""
    return len(text) <= AUTHOR_BOX_LINE_CHARS and text[-1:] not in SENTENCE_END


def _chars_before(paragraphs: list[str], index: int) -> int:
    """Characters of the paragraphs before ``index``."""
    return sum(len(p) for p in paragraphs[:index])


def _is_person_author(name: str) -> bool:
    """Whether a byline name is a person's (a bio may follow), not a group's."""
    return looks_like_person(name) and not any(
        word.casefold() in GROUP_AUTHOR_WORDS for word in name.split()
    )


def _opens_bio(text: str, names: list[str]) -> bool:
    """Whether ``text`` opens with one of ``names`` (as printed, or after a mark or title,
    ``BIO_PREFIX_RE``: a byline may keep the title, "Dr. Jane Doe", k37c) and a bio verb."""
    texts = {text, BIO_PREFIX_RE.sub("", text, count=1)}
    return any(t.startswith(n) and AUTHOR_BIO_RE.match(t, len(n)) for t in texts for n in names)
