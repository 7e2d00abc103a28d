"""Category "an outlet joined to the names": the names stay, the outlet goes.

"Felix Schröder und Jörg Soldwisch, dpa", "Jane Doe and Reuters", "María López y EFE",
"Jane Doe, John Roe, The Daily Planet" (the page's own site name). The outlet is the
story's source or publisher, not a co-author. A credit of outlets only ("Le Figaro et
AFP") is the credit as printed, whole: no person is named, so nothing is cut.
Pure string rules; the "and" is the page language's (``parsers.author_words``).
"""

from __future__ import annotations

from parsers.author_words import Words
from parsers.metadata import fold

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
# Outlets cut from one credit's end at most (a hostile value may repeat them).
MAX_OUTLET_CUTS = 3
OUTLET_CHARS = " .()"


def is_outlet(piece: str, sites: frozenset[str]) -> bool:
    """``piece`` is a wire agency or the page's own site (``sites``: folded names)."""
    piece = piece.strip(OUTLET_CHARS)
    return (
        piece in WIRE_AGENCIES
        or (piece.isupper() and piece in UPPER_AGENCIES)
        or bool(piece and fold(piece) in sites)
    )


def cut_outlets(text: str, words: Words, sites: frozenset[str]) -> str | None:
    """``text`` without the outlets after its names, ``None`` when it names only outlets.

    An outlet is cut only as the last item after a comma or the language's "and"
    (``words.split_re``): "Jane Doe, dpa", "A, B, Outlet", "María López y EFE".
    """
    rest = text
    for _ in range(MAX_OUTLET_CUTS):
        last = None
        for match in words.split_re.finditer(rest):
            last = match
        if last is None or not is_outlet(rest[last.end() :], sites):
            break
        rest = rest[: last.start()]
    if rest == text:
        return text
    return None if not rest.strip() or is_outlet(rest, sites) else rest
