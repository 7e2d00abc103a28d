"""Title strings: the parts of "Headline | Site", a folded form to compare, mojibake."""

from __future__ import annotations

import re
from collections.abc import Callable

# ">" as a breadcrumb in <title>: "TV3 > News > National News > Story > Headline".
# Category "French spaced colon" (p38): French typography sets a space before the colon,
# so "Affaire KPMG : un juge se récuse" is one headline; a spaced colon followed by a
# lower-case letter is the headline's own (a site or section label after it is
# capitalised: "SunHerald.com : Bush declares ...").
TITLE_SPLIT_RE = re.compile(r"\s+(?:[|·•»«~/>]|::|[-–—]|:(?!\s+[a-zß-öø-ÿœ]))\s+")
# A site's name printed in lower case is still a label after a spaced colon (k38):
# "Un juge se récuse : franceinfo", "Bush declares victory : sunherald.com". Parted only
# where the part is the site's own name or a domain (``title_parts``'s ``is_site``).
LOWER_COLON_RE = re.compile(r"\s+:\s+(?=[a-zß-öø-ÿœ])")
# Category "site name behind a full-width or Hangul bar": Japanese, Chinese and Korean
# sites end titles with "｜日刊ゲンダイDIGITAL" or "ㅣ한국일보" (the Hangul vowel ㅣ set as a
# bar) glued to the headline, which TITLE_SPLIT_RE's spaced separators do not part. Only
# these bars (no Latin-script headline uses them), and only before the page's own
# og:site_name (``cut_bar_site``); t32's cut at any separator cost an unseen page.
BAR_SITE_RE = re.compile(r"\s*[ㅣ｜│]\s*([^ㅣ｜│]+?)\s*$")
# A section the page declares, glued by a dash before that bar: "Headline-정치ㅣ한국일보".
DASH_TAIL_RE = re.compile(r"\s*[-–—]\s*([^-–—]+?)\s*$")
# Category "source note after the headline": regional group sites end <title> with the
# paper's name in parentheses, "Headline (from The Bolton News)", "(from The Herald )". A
# paper's name has two words at least: one capitalised word is the headline's own, a
# place or a firm ("What Britain can learn (from Germany)", "(from Apple)"; k34).
SOURCE_NOTE_RE = re.compile(r"\s+\(from\s+[A-Z][^()\s]*\s+[^()\s][^()]*\)\s*$")
FOLD_RE = re.compile(r"[\W_]+")
WORD_RE = re.compile(r"\w+")
# Category "headlines in Chinese and Japanese": these scripts set no spaces between
# words, so a headline of forty ideographs and kana is one space-parted token. Kana and
# Han ideographs (Korean puts spaces between words; its Hangul is not here).
UNSPACED_RE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Characters per word in those scripts: Chinese words average under two characters,
# Japanese ones (kanji compounds, particles, kana words) about two.
UNSPACED_CHARS_PER_WORD = 2
# UTF-8 read as Latin-1 or Windows-1252 by the site itself: "Investorâ\x80\x99s",
# "Investorâ€™s". A lead byte (Â-ô) followed by a continuation byte as it decodes.
MOJIBAKE_RE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


def fold(text: str) -> str:
    """Case-, punctuation- and space-insensitive form used to compare titles."""
    return FOLD_RE.sub("", text.casefold())


def word_count(text: str) -> int:
    """Words in ``text``: its space-parted tokens, with a run of Chinese or Japanese
    characters counted as one word per UNSPACED_CHARS_PER_WORD of them (at least one)."""
    runs = UNSPACED_RE.findall(text)
    unspaced = sum(max(1, -(-len(run) // UNSPACED_CHARS_PER_WORD)) for run in runs)
    return len(UNSPACED_RE.sub(" ", text).split()) + unspaced


def repair_mojibake(text: str) -> str:
    """``text`` with UTF-8 that was decoded as Latin-1/Windows-1252 turned back, when it
    round-trips exactly; else unchanged."""
    if MOJIBAKE_RE.search(text) is None:
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return text


def title_parts(text: str, is_site: Callable[[str], bool] | None = None) -> list[str]:
    """The parts of a ``Headline | Site`` style title, in order. With ``is_site``, a
    first or last part that it calls the site's name is parted from the rest at a spaced
    colon before a lower-case word too (``LOWER_COLON_RE``)."""
    parts = [part for part in TITLE_SPLIT_RE.split(text) if part.strip()]
    if is_site is None or not parts:
        return parts
    if (colons := list(LOWER_COLON_RE.finditer(parts[-1]))) and is_site(
        parts[-1][colons[-1].end() :]
    ):
        last = parts[-1]
        parts[-1:] = [last[: colons[-1].start()], last[colons[-1].end() :]]
    if (colon := LOWER_COLON_RE.search(parts[0])) and is_site(parts[0][: colon.start()]):
        first = parts[0]
        parts[:1] = [first[: colon.start()], first[colon.end() :]]
    return parts


def cut_bar_site(title: str, site: str | None, sections: frozenset[str]) -> str:
    """``title`` without a trailing "｜Site" / "ㅣSite" whose name is ``site`` (og:site_name),
    and without a section of ``sections`` (folded, the page's own) glued by a dash
    before it; unchanged otherwise (see BAR_SITE_RE)."""
    match = BAR_SITE_RE.search(title)
    if not site or match is None or fold(match.group(1)) != fold(site):
        return title
    head = title[: match.start()]
    section = DASH_TAIL_RE.search(head)
    if section is not None and fold(section.group(1)) in sections:
        head = head[: section.start()]
    return head.strip() or title


def not_site_words(parts: list[str], site_name: str | None) -> list[str]:
    """``parts`` without those made only of words of ``site_name`` (og:site_name), unless
    every part is; all of them without a site name.

    Category "site name spelt another way" (t44): no part of "Website Design Portfolio |
    Thrive Internet Marketing" is og:site_name ("Thrive Internet Marketing Agency"), and
    one of og:site_name "Postlight — Digital Strategy, Design and Engineering" is parted
    by its own dash; such a part is the site's label, not the headline, however long.
    """
    if not site_name:
        return parts
    site = set(WORD_RE.findall(site_name.casefold()))
    kept = []
    for part in parts:
        words = set(WORD_RE.findall(part.casefold()))
        if not words or not words <= site:
            kept.append(part)
    initials = "".join(word[0] for word in WORD_RE.findall(site_name.casefold()))
    if all(_names_site(part, site) or _site_acronym(part, initials) for part in kept):
        # k44: what is left is itself a short label that names the site ("Digital Design
        # Strategy — Postlight Blog", "Health and Fitness Tips for Women | Women's Health
        # Mag"): no sign which part is the site's, and the headline that uses the site's
        # words is the longer one, as before t44.
        return parts
    return kept


# Words a headline shares with any site's name without naming it ("Guide to Home Loans",
# "The Acme Savings and Loan Bank of Ohio").
_SHARED_FUNCTION_WORDS = frozenset({"a", "an", "and", "the", "of", "for", "to", "in", "on", "s"})
# A site's label is a few words ("Postlight Blog"); a longer part is a headline.
LABEL_PART_WORDS = 4


def _names_site(part: str, site: set[str]) -> bool:
    """Whether ``part`` is a short label spelt with a word of the site's name (beyond the
    function words any two phrases share): "Postlight Blog" under og:site_name "Postlight —
    Digital Strategy, Design and Engineering"."""
    words = set(WORD_RE.findall(part.casefold()))
    return len(part.split()) <= LABEL_PART_WORDS and bool((words & site) - _SHARED_FUNCTION_WORDS)


# Category "a site's acronym as its label" (x45, k44's xfail): "New York City Housing News |
# NY1" under og:site_name "New York City Housing News Network", "... | WSJ" under "The Wall
# Street Journal": a label of capitals (digits after them) whose letters are the initials of
# consecutive words of the site's name names the site as "Postlight Blog" does.
ACRONYM_RE = re.compile(r"[A-Z]{2,6}\d{0,3}")


def _site_acronym(part: str, initials: str) -> bool:
    """Whether ``part`` is an acronym of consecutive words of the site's name, whose words'
    first letters, folded, are ``initials``."""
    label = part.strip()
    if ACRONYM_RE.fullmatch(label) is None:
        return False
    return label.rstrip("0123456789").casefold() in initials
