"""The site's name cut from a metadata title: "Headline | Site", "Site - Headline".

``strip_site_name`` is used on og:title, the JSON-LD headline and <title> before
``parsers.title.choose_title`` compares them with the page's headings.
"""

from __future__ import annotations

from parsers.domain_tlds import is_domain
from parsers.title_text import (
    SOURCE_NOTE_RE,
    TITLE_SPLIT_RE,
    WORD_RE,
    fold,
    not_site_words,
    title_parts,
)

# Separators that may join a JSON-LD headline's own halves ("Minecraft 1.8 - The
# Bountiful Update"); the label separators are title_headings.LABEL_SEPARATORS.
DASHES = frozenset({"-", "–", "—"})

# A site's name spelt as its domain: "Reuters.com", "www.example.co.uk", "lemonde.fr"
# (``domain_tlds.is_domain``; o53: any top-level domain IANA delegates, where six endings
# were read, "com", "net", "org", "co.uk", "info", "biz"; k53o: in any case, as before).


def strip_site_name(title: str, site_name: str | None, *, headline: bool = False) -> str:
    """Remove a ``| Site`` style suffix or prefix from a page title.

    ``headline``: ``title`` is the JSON-LD headline, which names no site by definition.
    A source note after the headline ("(from The Bolton News)", SOURCE_NOTE_RE) goes too,
    but not from the JSON-LD headline: a note there is the headline's ("What Britain can
    learn (from Germany)"; k34).
    """
    if not headline:
        title = SOURCE_NOTE_RE.sub("", title)
    site = fold(site_name) if site_name else ""
    parts = title_parts(
        title,
        lambda part: bool((site and fold(part) == site) or is_domain(part.strip(), any_case=True)),
    )
    if len(parts) < 2:
        return title.strip()
    kept = [p for p in parts if fold(p) != site] if site else parts
    if kept and len(kept) < len(parts):
        return _rejoin(title, kept)
    if (
        headline
        and site_name
        and all(sep.strip() in DASHES for sep in TITLE_SPLIT_RE.findall(title))
        and not any(_same_words(part, site_name) for part in parts)
    ):
        # Category "site name cut wrongly": the page names its site, no part of its
        # JSON-LD headline is that name, and only dashes part it ("Minecraft 1.8 - The
        # Bountiful Update"): the dash joins the headline's own halves.
        return title.strip()
    # Without a site name the longest part is the headline (the site name is short);
    # parts of only the site's words are its name spelt another way (``not_site_words``).
    return max(not_site_words(parts, site_name), key=len).strip()


def _same_words(part: str, site_name: str) -> bool:
    """Whether one of ``part`` and ``site_name`` holds every word of the other
    ("Breitbart" in "Breitbart News Network"): a site label spelt another way."""
    words, site = set(WORD_RE.findall(part.casefold())), set(WORD_RE.findall(site_name.casefold()))
    return bool(words) and bool(site) and (words <= site or site <= words)


def _rejoin(title: str, kept: list[str]) -> str:
    # Keep the original separators between the kept parts when they are adjacent.
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip() if start >= 0 and end > start else kept[0].strip()
