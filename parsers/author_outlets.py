"""Category "an outlet joined to the names": the names stay, the outlet goes.

"Felix Schröder und Jörg Soldwisch, dpa", "Jane Doe and Reuters", "María López y EFE",
"Jane Doe, John Roe, The Daily Planet" (the page's own site name). The outlet is the
story's source or publisher, not a co-author. A credit of outlets only ("Le Figaro et
AFP") is the credit as printed, whole: no person is named, so nothing is cut.
Pure string rules; the "and" is the page language's (``parsers.author_words``).
"""

from __future__ import annotations

from parsers.author_words import Words
from parsers.authors import looks_like_person, own_names
from parsers.domain_tlds import is_domain
from parsers.metadata import PageMeta, fold
from parsers.outlet_words import OUTLET_ARTICLES, OUTLET_WORDS
from parsers.scan import clean_text

# Wire agencies by the names they sign with (each agency's own spelling; an all-caps
# form counts too: "XINHUA"). A data list, not names from the misses.
WIRE_AGENCIES = frozenset(
    {
        "AFP", "Agence France-Presse", "AP", "Associated Press", "The Associated Press",
        "Reuters", "dpa", "Deutsche Presse-Agentur", "EFE", "ANSA", "Xinhua", "TASS",
        "BelTA", "PAP", "Kyodo", "Kyodo News", "Yonhap", "APA", "SDA", "Keystone-SDA",
        "KNA", "epd", "ANP", "Belga", "NTB", "Ritzau", "STT", "ČTK", "MTI", "Agerpres",
        "BTA", "HINA", "Lusa", "AAP", "PTI", "IANS", "ANI", "Bernama", "Antara",
        "Interfax", "Ukrinform", "UNIAN", "RIA Novosti", "UPI", "PA", "PA Media",
        "Press Association", "Anadolu", "Anadolu Agency", "Europa Press", "AGI", "Adnkronos",
    }
)
UPPER_AGENCIES = frozenset(a.upper() for a in WIRE_AGENCIES)
# Category "an outlet's credit with its address" (g35): a declared author "hessenschau.de,
# Frankfurt, Germany" is the outlet (a bare domain, or the page's own site name) and where
# it sits, not three people. A bare domain: one token ending in a dot and a lower-case
# top-level domain IANA delegates ("hessenschau.de", "ORF.at"; ``domain_tlds.is_domain``).
# o53: "Node.js, Berlin" ("js" is no domain) is no outlet and its address.
# Outlets cut from one credit's end at most (a hostile value may repeat them).
MAX_OUTLET_CUTS = 3
OUTLET_CHARS = " .()"


def is_outlet(piece: str, outlets: frozenset[str]) -> bool:
    """``piece`` is a wire agency or one of the page's own names that are an outlet's
    (``outlets``: folded, from ``outlet_sites``)."""
    piece = piece.strip(OUTLET_CHARS)
    return (
        piece in WIRE_AGENCIES
        or (piece.isupper() and piece in UPPER_AGENCIES)
        or bool(piece and fold(piece) in outlets)
    )


def outlet_credit(raw: str, outlets: frozenset[str]) -> str | None:
    """The outlet of a credit that is an outlet and its address ("hessenschau.de,
    Frankfurt, Germany" -> "hessenschau.de"), or ``None``. The outlet leads: a bare domain
    or one of the page's own outlet names (``outlets``, folded); no later piece reads as a
    person's ("example.com, Jane Doe" names Jane Doe, k35) or is a wire agency (a
    co-credit, not an address)."""
    head, *rest = [p.strip() for p in clean_text(raw).split(",")]
    if not rest or not head or any(is_outlet(p, frozenset()) for p in rest):
        return None
    if (is_domain(head) or fold(head) in outlets) and not any(
        looks_like_person(p) for p in rest
    ):
        return head
    return None


def outlet_sites(meta: PageMeta) -> frozenset[str]:
    """The folded names of the page's own site that name an outlet: those that do not read
    as a person's (``_names_a_person``), and those the page declares an organisation's.

    Category "an outlet named like a person" (k33): "Mother Jones" reads as a person's
    name; "Jane Doe, Mother Jones" on motherjones.com, whose JSON-LD publisher is a
    NewsMediaOrganization of that name, credits her and the outlet, not two people.
    A blog named after its writer declares no organisation ("Polly Barks": a33).
    """
    return frozenset(
        folded
        for name, organisation in own_names(meta)
        if (organisation or not _names_a_person(name)) and (folded := fold(name))
    )


# Category "a blog named after a person": og:site_name "Polly Barks" on Polly Barks's blog;
# in "Jane Doe and Polly Barks" she is a co-author, not the outlet. A site name reads as
# a person's when it reads as a name (``looks_like_person``), no article leads it ("The
# Daily Planet", "Le Monde", "Die Zeit") and no word of it names a kind of outlet
# (``parsers.outlet_words``).
def _names_a_person(site: str) -> bool:
    """The site's name ``site`` reads as a person's ("Polly Barks", not "The Verge")."""
    words = [w.casefold() for w in site.split()]
    return (
        looks_like_person(site)
        and words[0] not in OUTLET_ARTICLES
        and not any(w in OUTLET_WORDS for w in words)
    )


def cut_outlets(text: str, words: Words, outlets: frozenset[str]) -> str | None:
    """``text`` without the outlets after its names, ``None`` when it names only outlets.

    An outlet is cut only as the last item after a comma or the language's "and"
    (``words.split_re``): "Jane Doe, dpa", "A, B, Outlet", "María López y EFE".
    """
    rest = text
    for _ in range(MAX_OUTLET_CUTS):
        last = None
        for match in words.split_re.finditer(rest):
            last = match
        if last is None or not is_outlet(rest[last.end() :], outlets):
            break
        rest = rest[: last.start()]
    if rest == text:
        return text
    return None if not rest.strip() or is_outlet(rest, outlets) else rest


def without_outlets(names: list[str], outlets: frozenset[str]) -> list[str]:
    """A byline element's ``names`` without the outlets among them ("<a>Jane Doe</a>,
    <a>Mother Jones</a>"), as ``cut_outlets`` does on a line; outlets only stay, as printed."""
    return [n for n in names if not is_outlet(n, outlets)] or names
