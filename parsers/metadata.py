"""Page metadata: <meta>, <link>, JSON-LD, and the rules that reconcile them."""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from parsers.jsonld import JSONLD_META_NAME, load_page_jsonld
from parsers.language import language_of as language_of  # re-exported for extract.py
from parsers.scan import Scan, clean_text
from parsers.title import TitleSources, choose_title
from parsers.title import fold as fold  # re-exported: the body and author rules use it
from parsers.urls import host_of, normalize_url

# Category "Parse.ly's page meta" (g39): the analytics vendor's older tag holds the page's
# fields as one JSON object, <meta name="parsely-page" content='{"pub_date": "...", ...}'>;
# its publication date is read as the newer one-field tag "parsely-pub-date" (PUBLISHED_KEYS).
PARSELY_PAGE = "parsely-page"
PARSELY_PUB_DATE = "parsely-pub-date"
MAX_PARSELY_CHARS = 20_000
# JSON-LD bigger than this is not article metadata (it is app state); skip it.
MAX_JSONLD_CHARS = 500_000
MAX_JSONLD_DEPTH = 12
# No headline is longer; metadata titles are cut here before they are compared.
MAX_TITLE_CHARS = 1000
ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "blogposting", "report", "reportagenewsarticle",
        "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle",
        "reviewnewsarticle", "techarticle", "scholarlyarticle", "liveblogposting",
        "socialmediaposting", "pressrelease", "posting", "medicalwebpage", "review", "recipe",
        "howto", "advertisercontentarticle", "satiricalarticle", "creativework",
    }
)
PUBLISHED_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished",
    "article:published", "published_time", "pubdate", "publishdate", "publish-date",
    "publish_date", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued",
    "dc.date", "dcterms.date", "dcterms.created", "date", "article.published",
    "citation_publication_date", "citation_date", "og:published_time", "originalpublicationdate",
    "published_on", "published-on", "publication_date", "publication-date",
    "created", "displaydate", "datecreated", "published", "published-date", "date.published",
    "article:published_date", "releasedate", "release_date", "dc.date.created",
    # Category "uncommon meta names": names with no "pub" in them that news CMSs use
    # for the first publication (Chinese portals' "ptime"/"pdate", Escenic's
    # "article_date_original", WebTrends' "DCSext.articleFirstPublished").
    "pdate", "ptime", "article_date", "article_date_original", "article.created",
    "created-date", "creation_date", "content_date", "story_date", "newsdate", "news_date",
    "release-date", "citation_online_date", "dcsext.articlefirstpublished",
    # d56, category "Dublin Core's issue date spelt otherwise" (htmldate's unit tests, read by
    # bench/date_snippets.py): "DC.Issued" beside "DC.Date.Issued", and RDFa's prefixed
    # properties (Drupal's and RDFa templates: property="dc:created", "dcterms:issued").
    "dc.issued", "dcterms:issued", "dc:issued", "dcterms:created", "dc:created",
    # d56, category "a registration date in a compact stamp": Korean portals' "og:regDate"
    # ("20210820030646", read by ``dates.parse_date``).
    "og:regdate",
)
# Meta names no list can hold ("w-published-date", "cxenseparse:publishtime"): a
# publish word and a date word, and nothing saying it is an update.
PUBLISHED_LIKE_RE = re.compile(
    r"^(?!.*(?:last|modif|updat|publisher))(?=.*pub)(?=.*(?:date|time|_at$)).{4,60}$"
)
MODIFIED_KEYS = (
    "article:modified_time", "og:updated_time", "datemodified", "dcterms.modified",
    "last-modified", "lastmod", "article.updated", "modified",
)
# "og:article:author": Open Graph's article:author written with the og: prefix (a39,
# lemonde.fr; readability's bbc-1 declares "BBC News" there); "og:author", no key of
# Open Graph's but CNN's and HuffPost's (t56, trafilatura's metadata tests; the fifth
# set's HuffPost page, dev 0480 itbrief, dev 0074 the CDC's "CDC", an organisation).
# Category "an analytics vendor's author key" (a40): cXense (Piano) reads the writer from
# "cXenseParse:author" (dev 4 pages, the fourth set 7, the fifth 1); last, so it names
# someone only where no standard key does.
AUTHOR_KEYS = (
    "author", "article:author", "og:article:author", "og:author", "parsely-author",
    "sailthru.author", "dc.creator", "dcterms.creator", "byl", "citation_author",
    "citation_authors", "twitter:creator", "cxenseparse:author",
)
ORGANIZATION_TYPES = frozenset(
    {
        "organization", "newsmediaorganization", "corporation", "localbusiness",
        "educationalorganization",
    }
)
TAG_KEYS = ("article:tag", "keywords", "news_keywords", "parsely-tags", "sailthru.tags")
SECTION_KEYS = ("article:section", "parsely-section", "section", "category")
# Meta names ending so declare the page's section ("article:section", "content_category").
SECTION_SUFFIXES = ("section", "category")


@dataclass(slots=True)
class PageMeta:
    """Metadata gathered from one page, keyed for lookup."""

    values: dict[str, list[str]] = field(default_factory=dict)
    ld_main: dict[str, Any] = field(default_factory=dict)
    ld_objects: list[dict[str, Any]] = field(default_factory=list)

    def first(self, *keys: str) -> str | None:
        """First non-empty value among ``keys`` (meta name/property/itemprop)."""
        for key in keys:
            for value in self.values.get(key, ()):
                if value.strip():
                    return value.strip()
        return None

    def all(self, *keys: str) -> list[str]:
        """Every non-empty value among ``keys``, in key order."""
        return [v.strip() for key in keys for v in self.values.get(key, ()) if v.strip()]

    def published_like(self) -> list[str]:
        """Values of meta names that look like a publication date but are in no key list."""
        return [
            v.strip()
            for key, values in self.values.items()
            if key not in PUBLISHED_KEYS and PUBLISHED_LIKE_RE.match(key)
            for v in values
            if v.strip()
        ]


def _walk_ld(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > MAX_JSONLD_DEPTH:
        return
    if isinstance(node, list):
        for item in node:
            yield from _walk_ld(item, depth + 1)
    elif isinstance(node, dict):
        yield node
        graph = node.get("@graph")
        if graph is not None:
            yield from _walk_ld(graph, depth + 1)
        for key in ("mainEntity", "mainEntityOfPage", "itemListElement", "hasPart"):
            value = node.get(key)
            if isinstance(value, dict | list):
                yield from _walk_ld(value, depth + 1)


def ld_types(obj: dict[str, Any]) -> set[str]:
    """Lower-cased ``@type`` values of a JSON-LD object."""
    value = obj.get("@type")
    if isinstance(value, str):
        return {value.lower()}
    if isinstance(value, list):
        return {v.lower() for v in value if isinstance(v, str)}
    return set()


def collect_meta(scan: Scan) -> PageMeta:
    """Index <meta> values and parse the JSON-LD blocks of a scanned page."""
    meta = PageMeta()
    values = meta.values
    for attrs in scan.metas:
        content = attrs.get("content")
        if content is None:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = attrs.get(attr)
            if key:
                # RDFa allows several space-separated properties on one tag.
                for part in key.lower().split():
                    values.setdefault(part, []).append(content)
    if PARSELY_PAGE in values and PARSELY_PUB_DATE not in values:
        pub_date = _parsely_pub_date(values[PARSELY_PAGE][0])
        if pub_date:
            values[PARSELY_PUB_DATE] = [pub_date]
    for data in load_page_jsonld(
        [*scan.jsonld, *values.get(JSONLD_META_NAME, [])], MAX_JSONLD_CHARS
    ):
        meta.ld_objects.extend(_walk_ld(data))
    best: dict[str, Any] | None = None
    for obj in meta.ld_objects:
        types = ld_types(obj)
        if types & ARTICLE_TYPES or (best is None and "headline" in obj):
            best = obj
            if types & ARTICLE_TYPES and ("headline" in obj or "datePublished" in obj):
                break
    if best is None:
        for obj in meta.ld_objects:
            if "webpage" in ld_types(obj) and ("datePublished" in obj or "author" in obj):
                best = obj
                break
    meta.ld_main = best or {}
    return meta


def _parsely_pub_date(raw: str) -> str | None:
    """The "pub_date" of a parsely-page meta's JSON object, else None."""
    if len(raw) > MAX_PARSELY_CHARS:
        return None
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    value = data.get("pub_date") if isinstance(data, dict) else None
    return value.strip() or None if isinstance(value, str) else None


def ld_text(value: Any) -> str | None:
    """A JSON-LD value as one string (first item of lists, ``name`` of objects)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value)):
        return None  # "headline": true or 1e999 (JSON reads inf) is no text of the page
    if isinstance(value, str | int | float) and str(value).strip():
        return clean_text(str(value))
    return None


def _ld_authors(value: Any, objects: list[dict[str, Any]]) -> Iterator[Any]:
    """A JSON-LD author value's items (at most 20), ``@id`` references resolved."""
    items = value if isinstance(value, list) else [value]
    for item in items[:20]:
        if isinstance(item, dict) and "name" not in item and "@id" in item:
            item = next((o for o in objects if o.get("@id") == item["@id"]), item)
        yield item


def ld_names(value: Any, objects: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """Names of JSON-LD authors as (people, organisations), resolving ``@id`` references."""
    people: list[str] = []
    orgs: list[str] = []
    for item in _ld_authors(value, objects):
        if isinstance(item, str):
            people.append(item)
        elif isinstance(item, dict):
            name = item.get("name")
            target = orgs if ld_types(item) & ORGANIZATION_TYPES else people
            if isinstance(name, list):
                target.extend(n for n in name if isinstance(n, str))
            elif isinstance(name, str):
                target.append(name)
    return (
        [clean_text(n) for n in people if n.strip()],
        [clean_text(n) for n in orgs if n.strip()],
    )


def ld_persons(value: Any, objects: list[dict[str, Any]]) -> list[str]:
    """Names of JSON-LD authors typed ``Person`` explicitly (``@id`` references resolved)."""
    return [
        clean_text(name)
        for item in _ld_authors(value, objects)
        if isinstance(item, dict)
        and "person" in ld_types(item)
        and isinstance(name := item.get("name"), str)
        and name.strip()
    ]


def canonical_url(scan: Scan, meta: PageMeta, url: str) -> str:
    """Normalised <link rel=canonical> or og:url; ``url`` when they are unusable."""
    base = normalize_url(url)
    candidates = [
        link.get("href", "") for link in scan.links if "canonical" in link.get("rel", "").lower()
    ]
    candidates.extend(meta.all("og:url"))
    for candidate in candidates:
        try:
            resolved = normalize_url(candidate, base)
        except ValueError:
            continue
        # A canonical pointing at a foreign site's home page is a CMS template bug.
        if host_of(resolved) != host_of(base) and resolved.split("/", 3)[-1] in ("", "/"):
            continue
        if resolved.endswith("://" + host_of(resolved) + "/") and base != resolved:
            continue
        return resolved
    return base


def reconcile_title(meta: PageMeta, scan: Scan, body_start: int) -> str | None:
    """The headline as printed (see ``parsers.title.choose_title``)."""
    sources = TitleSources(
        og=_clean_title(
            unescaped(meta.first("og:title", "twitter:title", "title", "dc.title", "headline"))
        ),
        headline=_clean_title(
            unescaped(ld_text(meta.ld_main.get("headline")) or ld_text(meta.ld_main.get("name")))
        ),
        tag_title=_clean_title(unescaped(scan.title)),
        site=_clean_title(
            meta.first("og:site_name", "application-name", "apple-mobile-web-app-title")
        ),
        sections=declared_sections(meta),
    )
    return choose_title(sources, scan, body_start)


def declared_sections(meta: PageMeta) -> frozenset[str]:
    """The sections the page names itself, folded: metas named *section or *category
    ("article:section", "content_category") and the JSON-LD articleSection."""
    names = [v for key, values in meta.values.items() if key.endswith(SECTION_SUFFIXES)
             for v in values]
    section = meta.ld_main.get("articleSection")
    names.extend(s for s in (section if isinstance(section, list) else [section])
                 if isinstance(s, str))
    return frozenset(f for name in names if (f := fold(name)))


def _clean_title(text: str | None) -> str | None:
    # Whitespace runs in a hostile og:title make the separator split quadratic.
    return clean_text(text)[:MAX_TITLE_CHARS] if text else None


def unescaped(text: str | None) -> str | None:
    # CMSs often escape twice: "&amp;#038;" arrives here as "&#038;".
    for _ in range(2):
        if text and "&" in text:
            text = html.unescape(text)
    return text


def split_keywords(values: list[str]) -> tuple[str, ...]:
    """Tags from keyword strings (comma separated) without duplicates."""
    seen: dict[str, str] = {}
    for value in values:
        for part in value.split(","):
            tag = clean_text(part)
            if tag and len(tag) <= 80 and tag.casefold() not in seen:
                seen[tag.casefold()] = tag
    return tuple(seen.values())


def ld_keywords(value: Any) -> list[str]:
    """JSON-LD ``keywords`` (string or list) as strings."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def breadcrumb_section(meta: PageMeta, title: str | None) -> str | None:
    """Section from a JSON-LD BreadcrumbList: the last crumb that is not the page itself."""
    for obj in meta.ld_objects:
        if "breadcrumblist" not in ld_types(obj):
            continue
        items = obj.get("itemListElement")
        if not isinstance(items, list):
            continue
        names = []
        for item in items:
            if isinstance(item, dict):
                name = ld_text(item.get("name")) or ld_text(item.get("item"))
                if name:
                    names.append(name)
        folded_title = fold(title or "")
        names = [n for n in names[1:] if fold(n) != folded_title]
        if names:
            return names[-1]
    return None


def absolute_http(url: str | None, base: str) -> str | None:
    """``url`` resolved against ``base`` if it is http(s), else ``None``."""
    if not url:
        return None
    try:
        return normalize_url(url, base)
    except ValueError:
        return None
