"""What a source's profile selects on a page, mapped onto our tree.

Decides which profile applies (a name is looked up; an unknown one is a ``ParseError``,
the one type ``parsers.extract`` raises) and what its CSS selectors pick: the body's
element, and the title, date, section, authors and tags as text. The generic rules fill
whatever the profile leaves empty (``parsers.extract``). CSS selectors need BeautifulSoup,
and its tree is the same as ours (``parsers.tree``), element for element in document
order, which maps the element a selector picks onto ours. The profile's ``drop``
selectors remove their elements from our tree too, and only after the fields are read:
a dropped block (the tag list) may hold a field selected above.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

from parsers.profiles import Profile, get_profile
from parsers.scan import clean_text
from parsers.tree import Node
from pressroom.errors import ParseError


@dataclass(frozen=True, slots=True)
class ProfileFields:
    """The fields a profile's selectors found (empty ones: ``None`` or ``[]``)."""

    body: Node | None = None
    title: str | None = None
    published: str | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def resolve_profile(profile: str | Profile | None) -> Profile | None:
    """``profile`` as a ``Profile`` (a name is looked up), or ``None``."""
    if profile is None or isinstance(profile, Profile):
        return profile
    try:
        return get_profile(profile)
    except LookupError as exc:
        raise ParseError(str(exc)) from exc


def profile_fields(
    profile: Profile | None, text: str, elements: list[Node], page_url: str
) -> ProfileFields:
    """The fields ``profile`` selects in ``text`` (the markup ``elements`` were parsed
    from); its ``drop`` selectors' elements are detached from our tree."""
    if profile is None:
        return ProfileFields()
    with warnings.catch_warnings():
        # XHTML pages open with <?xml ...>; bs4 warns on stderr once per process, which
        # lands in the user's console mid-run. They are HTML to us: nothing to report.
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(text, "lxml", multi_valued_attributes=None)
    order = {id(tag): i for i, tag in enumerate(soup.find_all(True))}
    if len(order) != len(elements):
        raise ParseError(f"cannot map profile selectors on {page_url[:200]!r}")
    found = soup.select_one(profile.body) if profile.body else None
    fields = ProfileFields(
        body=elements[order[id(found)]] if found is not None else None,
        title=_select_text(soup, profile.title),
        published=_select_text(soup, profile.published),
        section=_select_text(soup, profile.section),
        authors=_select_texts(soup, profile.authors),
        tags=_select_texts(soup, profile.tags),
    )
    # Dropped only now: a dropped block (the tag list) may hold a field selected above.
    for selector in profile.drop:
        for element in soup.select(selector):
            elements[order[id(element)]].detach()
            element.decompose()
    return fields


def _select_text(soup: BeautifulSoup, selector: str | None) -> str | None:
    if not selector:
        return None
    found = soup.select_one(selector)
    text = clean_text(found.get_text(" ")) if found is not None else ""
    return text or None


def _select_texts(soup: BeautifulSoup, selector: str | None) -> list[str]:
    if not selector:
        return []
    return [t for t in (clean_text(el.get_text(" ")) for el in soup.select(selector)) if t]
