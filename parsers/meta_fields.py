"""The Article's fields that metadata alone decides, and which source wins for each.

Decides the description, image, tags and section, and the language and locales a page
declares, from its <meta> tags, its main JSON-LD object (``parsers.metadata``) and its
``<html lang>``; the page's text never overrules them here. Each field takes the first
source that names it: a profile's selected value (``parsers.profile_fields``), then the
<meta> keys in the order each function lists (Open Graph's first where it has one: the
value the site shows when the story is shared), then JSON-LD; the section falls back to
the page's breadcrumb. The declared language is a claim only: ``parsers.language``
checks it against the text. The locales tell ``parsers.date_java`` which zones the
page's country or language names.
"""

from __future__ import annotations

from parsers.metadata import (
    SECTION_KEYS,
    TAG_KEYS,
    PageMeta,
    absolute_http,
    breadcrumb_section,
    ld_keywords,
    ld_text,
    split_keywords,
)
from parsers.profiles import Profile
from parsers.tree import Node


def html_lang(root: Node) -> str:
    """The ``lang`` of the page's ``<html>`` element ("" when none)."""
    html_tag = root.find("html")
    return (html_tag.get("lang") or "") if html_tag is not None else ""


def declared_language(profile: Profile | None, lang: str, meta: PageMeta) -> str | None:
    """The language the profile, ``<html lang>`` (``lang``), the meta tags or JSON-LD's
    ``inLanguage`` declare, the first that does."""
    return (
        (profile.language if profile else None)
        or lang
        or meta.first("content-language", "og:locale", "language")
        or ld_text(meta.ld_main.get("inLanguage"))
    )


def page_locales(lang: str, meta: PageMeta) -> list[str | None]:
    """Every locale the page declares: ``<html lang>`` (``lang``), the meta tags, JSON-LD."""
    return [
        lang,
        *meta.all("og:locale", "content-language", "language"),
        ld_text(meta.ld_main.get("inLanguage")),
    ]


def description(meta: PageMeta) -> str | None:
    """The sharing cards' description, else the <meta> one, else JSON-LD's (uncleaned)."""
    return meta.first("og:description", "description", "twitter:description") or ld_text(
        meta.ld_main.get("description")
    )


def image_url(meta: PageMeta, page_url: str) -> str | None:
    """The sharing cards' image, else JSON-LD's, as an absolute http(s) URL."""
    return absolute_http(
        meta.first("og:image", "og:image:url", "og:image:secure_url", "twitter:image")
        or _ld_image(meta),
        page_url,
    )


def tags(meta: PageMeta, selected: list[str]) -> tuple[str, ...]:
    """The profile's ``selected`` tags, else the keyword metas, else JSON-LD's keywords."""
    return (
        split_keywords(selected)
        if selected
        else split_keywords(meta.all(*TAG_KEYS) or ld_keywords(meta.ld_main.get("keywords")))
    )


def section(meta: PageMeta, selected: str | None, title: str | None) -> str | None:
    """The profile's ``selected`` section, else the section metas, else JSON-LD's
    ``articleSection``, else the breadcrumb's (``metadata.breadcrumb_section``)."""
    return (
        selected
        or meta.first(*SECTION_KEYS)
        or ld_text(meta.ld_main.get("articleSection"))
        or breadcrumb_section(meta, title)
    )


def _ld_image(meta: PageMeta) -> str | None:
    image = meta.ld_main.get("image")
    if isinstance(image, list):
        image = image[0] if image else None
    if isinstance(image, dict):
        image = image.get("url") or image.get("contentUrl")
    return image if isinstance(image, str) else None
