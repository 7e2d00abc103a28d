"""Page authors: declared names checked against the printed byline."""

from __future__ import annotations

import re
from itertools import islice

from parsers import author_elements, author_hint_guards, byline_lines
from parsers import authors as author_rules
from parsers.author_boxes import in_directory, in_link_card, in_quotation, is_post_container
from parsers.author_declared import beats_weak, one_printed_name
from parsers.author_holders import copyright_holders, printed_holders, without_holders
from parsers.author_outlets import cut_outlets, outlet_credit, outlet_sites, without_outlets
from parsers.author_words import ENGLISH, Words, words_for
from parsers.metadata import AUTHOR_KEYS, PageMeta, fold, ld_names, ld_persons, unescaped
from parsers.scan import Scan, clean_text

HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# "Written by Jane Doe" alone on a line heads an author box anywhere in the story's
# element; outside it (sidebars, teasers of other columns) it names another piece's writer.
WRITTEN_BY_RE = re.compile(r"^(?:written|authored)\s+by\s*:?\s+(?P<name>.+?)\s*$", re.IGNORECASE)
MAX_WRITTEN_BY_CHARS = 60
# Sharing cards label their extra fields: twitter:label1 "Written by", twitter:data1 the name.
CARD_LABELS = 4
CARD_AUTHOR_RE = re.compile(r"^\s*(?:written\s+by|authors?|by)\s*:?\s*$", re.IGNORECASE)
# Keys that hold one author per tag by their specification (Google Scholar's
# ``citation_author``); "Surname, Given" in them is one person.
ONE_AUTHOR_KEYS = frozenset({"citation_author"})
# Keys of scholarly metadata (Google Scholar, Dublin Core): a name in them may be written
# surname first, "García Márquez, Gabriel" (``byline_split.one_author``).
SCHOLARLY_KEYS = ONE_AUTHOR_KEYS | {"citation_authors", "dc.creator", "dcterms.creator"}
# Author meta tags read per key (a hostile page may repeat one thousands of times).
MAX_META_AUTHORS = 40
MAX_AUTHOR_TAGS = 12
MAX_BYLINE_PIECES = 8
# Category "markup in a declared author" (t56, trafilatura's metadata tests: CNN's
# og:author "By <a href=...>Amir Vera</a>, ... and Adam Renton, CNN", escaped once): the
# value is an HTML byline; its inline tags go, their text stays. Not a line break or a
# block: "AL ALEXANDER<BR>The Patriot Ledger" (Google News) parts a name from its outlet.
MARKUP_TAG_RE = re.compile(
    r"</?(?:a|span|b|strong|em|i|u|font)(?:\s[^<>]{0,500})?>", re.IGNORECASE
)


def page_authors(
    meta: PageMeta,
    scan: Scan,
    header: str,
    trailer: str,
    story: range,
    below_title: tuple[str, ...] = (),
    language: str | None = None,
) -> tuple[str, ...]:
    """Declared authors (JSON-LD people, meta author) checked against the printed byline.

    The printed byline wins when every declared name is weak (the site's own name,
    a login handle, an admin account) or when it names the declared authors and more.
    With no declared name: the printed byline, "By ..." lines after the story, a
    "Written by" line anywhere in ``story`` (the body element's blocks), then
    reviewers, then organisations. A name line beside the date in ``below_title``
    (the header's lines under the headline) stands in for a byline that is missing
    or names only the site. The byline may also come from a sharing card's
    "Written by" label. ``language`` (the page's) adds its words for "By", "Author"
    and "and" (``parsers.author_words``).
    """
    words = words_for(language)
    sites = author_rules.site_names(meta)
    outlets = outlet_sites(meta)
    rights = copyright_holders(meta)
    people, orgs = ld_names(meta.ld_main.get("author"), meta.ld_objects)
    declared = [n for raw in people for n in _credit_names(unescaped(raw) or "", words, outlets)]
    if not declared:
        declared = _meta_authors(meta, words, sites, outlets, rights)
    if len(declared) > 1:
        # Category "the publisher among the declared authors" (author_holders, gizmodo.jp).
        holders = [*rights, *printed_holders(b.text for b in scan.blocks)]
        # A name the page types as a JSON-LD Person is a person who wrote, even when the
        # rights also name them (a co-author holding the copyright, k39b): only an untyped
        # or organisation name can be the publisher.
        persons = {fold(n) for n in ld_persons(meta.ld_main.get("author"), meta.ld_objects)}
        declared = without_holders(
            declared, frozenset(fold(h) for h in holders) - persons)
    # Category "a sharing card's 'Written by' is the account that posted" (a39,
    # prospectmagazine): Yoast's card names the WordPress user who posted the piece, an
    # editor; the byline the page prints names the writer, so a printed byline beats it,
    # but only a printed name of someone: not the site, "Staff" or "admin" (k39b).
    from_card = False
    if not declared:
        declared = _card_author(meta, words)
        from_card = bool(declared)
    printed: list[str] = []
    reviewers: list[str] = []
    boxes = (
        t
        for t in scan.author_tags
        if not (in_directory(t) or is_post_container(t) or in_link_card(t) or in_quotation(t))
        and not (id(t) in scan.markup_hints and author_hint_guards.refused(t))
    )
    for tag in islice(boxes, MAX_AUTHOR_TAGS):
        # The name leads an author box; its bio follows and is not needed.
        strings = list(islice(tag.stripped_strings, MAX_BYLINE_PIECES))
        printed = author_elements.names_from_tag(tag, strings, reviewers, words)
        if id(tag) in scan.markup_hints:
            # A markup hint (``author_hints``) names a person or no one: "From correspondents
            # in Karachi" in a <dl id="author"> is a desk's credit.
            printed = [h for n in printed if (h := author_hint_guards.hint_name(n))]
        if printed:
            printed = author_elements.with_co_authors(tag, printed, MAX_BYLINE_PIECES, words)
            printed = without_outlets(printed, outlets)
            break
    headings = frozenset(b.text for b in scan.blocks if b.tag in HEADING_TAGS)
    if not printed:
        printed = byline_lines.byline_from_lines(header.splitlines(), words, outlets, headings)
    if below_title and all(author_rules.is_weak(n, sites) for n in printed):
        lines = tuple("" if line in headings else line for line in below_title)
        printed = (
            byline_lines.name_beside_date(lines, sites)
            or byline_lines.name_role_date(lines, sites)
            or printed
        )
    if declared:
        weak = all(author_rules.is_weak(n, sites) for n in declared)
        if printed and (
            weak
            or (from_card and any(_names_someone(n, sites) for n in printed))
            or author_rules.extends(printed, declared)
            or one_printed_name(declared, printed)
        ):
            return author_rules.dedupe(printed)
        return author_rules.dedupe(declared)
    if not printed:
        # "Written by ..." boxes also close a story.
        printed = byline_lines.byline_from_lines(trailer.splitlines(), words, outlets, headings)
    if not printed:
        # An author box in the story's element: "Written by Jane Doe" as its own
        # unlinked line (a linked one is a teaser for another piece).
        printed = next(
            (
                [name]
                for block in (scan.blocks[i] for i in story)
                if len(block.text) <= MAX_WRITTEN_BY_CHARS
                and not block.link_chars
                and (match := WRITTEN_BY_RE.match(block.text))
                and author_rules.looks_like_person(name := match.group("name"))
            ),
            [],
        )
    if not printed:
        # A page that credits only its medical or legal reviewer: a person beats the site.
        printed = reviewers or [n for raw in orgs if (n := author_rules.clean_author(raw))]
    return author_rules.dedupe(printed)


def _names_someone(name: str, sites: frozenset[str]) -> bool:
    """A printed name that is a person's: not weak (``authors.is_weak``), person-like."""
    return author_rules.looks_like_person(name) and not author_rules.is_weak(name, sites)


def _credit_names(raw: str, words: Words, outlets: frozenset[str]) -> list[str]:
    """The people of one declared credit, its outlets cut ("Jane Doe and Reuters"); a
    credit of outlets only ("Le Figaro et AFP") is one name, as printed; an outlet with
    its address ("hessenschau.de, Frankfurt, Germany") is the outlet."""
    if credit := outlet_credit(raw, outlets):
        return [credit]
    rest = cut_outlets(raw, words, outlets)
    if rest is None:
        whole = clean_text(raw)
        return [whole] if author_rules.NAME_RE.match(whole) else []
    return author_rules.person_names(rest, words)


def _meta_authors(
    meta: PageMeta,
    words: Words,
    sites: frozenset[str],
    outlets: frozenset[str],
    rights: list[str],
) -> list[str]:
    """Authors from the first author meta key that names any, or from a later key
    whose list names them all and more. ``sites``, ``outlets`` and ``rights`` are the
    page's (``authors.site_names``, ``author_outlets.outlet_sites``,
    ``author_holders.copyright_holders``), read once per page by ``page_authors``.

    Category "one tag per author": scholarly pages repeat ``citation_author`` (or
    ``DC.creator``) once per author, often surname first ("Roy, Aniruddha"), and
    may give only the first author under another key. Category "the site as
    author": a value that is the site's own name ("Mac & i") is one name, not
    split at its "&".
    """
    # The holder the rights metadata names is weak among declared keys only: a printed
    # line beside it may be another piece's ("Top Shelf by ..." in a menu).
    publishers = sites | frozenset(fold(h) for h in rights)
    found: list[str] = []
    for key in AUTHOR_KEYS:
        values = [_without_markup(unescaped(raw) or "") for raw in meta.all(key)[:MAX_META_AUTHORS]]
        names: list[str] = []
        for raw in values:
            if credit := outlet_credit(raw, outlets):
                names.append(credit)
                continue
            if (rest := cut_outlets(raw, words, outlets)) is None:
                names.extend(_credit_names(raw, words, outlets))
                continue
            raw = rest
            if fold(raw) in sites:
                whole = author_rules.clean_author(raw)
                names.extend([whole] if whole else [])
            elif len(values) > 1 or key in ONE_AUTHOR_KEYS:
                scholarly = key in SCHOLARLY_KEYS
                names.extend(author_rules.one_author(raw, words, scholarly))
            else:
                names.extend(author_rules.split_byline(raw, words))
        if not found or author_rules.extends(names, found) or beats_weak(names, found, publishers):
            found = names
    return found


def _without_markup(value: str) -> str:
    """A declared author's value with its HTML tags taken out (``MARKUP_TAG_RE``)."""
    if "<" not in value:
        return value
    stripped, count = MARKUP_TAG_RE.subn(" ", value)
    return clean_text(stripped).replace(" ,", ",") if count else value


def _card_author(meta: PageMeta, words: Words = ENGLISH) -> list[str]:
    """Names a sharing card labels as the writer (``twitter:labelN`` = "Written by")."""
    for number in range(1, CARD_LABELS + 1):
        label = meta.first(f"twitter:label{number}")
        if label and CARD_AUTHOR_RE.match(label):
            data = unescaped(meta.first(f"twitter:data{number}")) or ""
            return author_rules.split_byline(data, words)
    return []
