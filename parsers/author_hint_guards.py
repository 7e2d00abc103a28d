"""Guards on the byline holders ``parsers.author_hints`` marks (a58, issue 17): ``refused``
says the hint holds no byline, in these categories of page:
- *a form*: WordPress's comment-respond form (``<input id="author" name="author">``, its
  ``<label for="author">``, "Logged in as ..."), a login or sign-up form ("username"): what
  a form prints is a field's label, a reader's prefilled name or an error;
- *the comments*: a reader's name, marked like a byline by the comment system;
- *embedded XML*: an ``<author>`` under an element HTML does not define (a feed's
  ``<item>``/``<entry>`` kept as markup, an e-paper's ``<box>``) is that document's field;
- *the masthead*: a hint inside the link to the site's home page names the site;
- *a whole story*: a hint on an element holding a heading or a story's paragraphs, whose
  first line is a headline;
- *a bio sentence*: "Jane Doe writes about ..." with no name apart.

``hint_name`` is what a hint's name must be (k58b): a person's, not an office's ("Press
Office", "Oficina de Prensa", "Пресс-служба МИД") or a copyright line's, read without a
label of its own language before it ("Автор: Мария Соколова").
"""

from __future__ import annotations

import re
from itertools import islice
from urllib.parse import urlsplit

from parsers.author_hints import AUTHOR_ELEMENT
from parsers.author_names import looks_like_person
from parsers.author_words import NOT_NAMES
from parsers.scan import BLOCK_TAGS, HEADING_TAGS, SKIP_TAGS, clean_text
from parsers.tree import Node

# How far above a hint a form, a comment block or embedded XML is looked for.
GUARD_DEPTH = 8
# Class or id words of a comment block: "comments", "comment-body", "commentlist".
COMMENTS_RE = re.compile(r"(?:^|[\s_-])comment", re.IGNORECASE)
# The elements HTML defines, beside those ``scan`` knows: an <author> under anything else
# sits in another document's markup.
HTML_INLINE_TAGS = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i",
        "img", "kbd", "label", "mark", "picture", "q", "s", "samp", "small", "span", "strong",
        "sub", "sup", "time", "u", "var", "wbr", "br", "ins", "del", "head", "title",
        "button", "output", "ruby", "rt", "rp", "slot",
    }
)
HTML_TAGS = BLOCK_TAGS | SKIP_TAGS | HTML_INLINE_TAGS | {"[document]"}
# More than this many paragraphs, or any heading, make the element a region of the page.
MAX_HINT_PARAGRAPHS = 2
# A first line longer than this that ends as a sentence is prose, not a byline ("By Jane
# Doe and John Roe, Political Reporters." has 8 words).
MAX_BYLINE_WORDS = 8
SENTENCE_ENDS = (".", "!", "?", "。")


def refused(tag: Node) -> bool:
    """A guard above says the hint ``tag`` holds no byline."""
    return (
        _in_form(tag)
        or _in_comments(tag)
        or (tag.name == AUTHOR_ELEMENT and _in_other_markup(tag))
        or _in_masthead(tag)
        or _holds_story(tag)
        or _bio_sentence(tag)
    )


def _in_form(tag: Node) -> bool:
    """``tag`` is, or is inside, a ``<form>`` (a comment, login or sign-up form)."""
    return any(node.name == "form" for node in (tag, *islice(tag.parents, GUARD_DEPTH)))


def _in_comments(tag: Node) -> bool:
    """``tag`` or an element above it is classed or named for comments (``COMMENTS_RE``)."""
    return any(
        COMMENTS_RE.search(node.attrs.get("class", "") + " " + node.attrs.get("id", ""))
        for node in (tag, *islice(tag.parents, GUARD_DEPTH))
    )


def _in_other_markup(tag: Node) -> bool:
    """An element above ``tag`` that HTML does not define; a custom element's name (a web
    component, ``<site-header>``) holds a hyphen and is HTML's."""
    return any(
        node.name not in HTML_TAGS and "-" not in node.name
        for node in islice(tag.parents, GUARD_DEPTH)
    )


def _in_masthead(tag: Node) -> bool:
    """``tag`` is inside a link to a site's home page ("/", "https://example.org/"): a
    byline links to an author's page, a logo to the home page."""
    for node in (tag, *islice(tag.parents, GUARD_DEPTH)):
        if node.name == "a":
            href = (node.attrs.get("href") or "").strip()
            parts = urlsplit(href)
            return bool(href) and parts.path in ("", "/") and not parts.query and (
                bool(parts.netloc) or href == "/"
            )
    return False


def _holds_story(tag: Node) -> bool:
    if tag.find(HEADING_TAGS) is not None:
        return True
    return len(tag.find_all("p", limit=MAX_HINT_PARAGRAPHS + 1)) > MAX_HINT_PARAGRAPHS


def _bio_sentence(tag: Node) -> bool:
    """The hint's first line is a sentence (more than ``MAX_BYLINE_WORDS`` words, ending as
    one): a bio or a summary ("Leeds City Council and the ministry agreed ..."), whose
    capitalised first words are not a byline's name."""
    first = next((p for s in tag.stripped_strings if (p := clean_text(s))), "")
    return len(first.split()) > MAX_BYLINE_WORDS and first.endswith(SENTENCE_ENDS)


# k58b: words of an office, a service or a copyright line: "Press Office", "Oficina de
# Prensa", "Service de presse", "Пресс-служба МИД", "Copyright Example Media Group" passed
# the person check (two to five capitalised words) in a hint.
OFFICE_WORDS = frozenset(
    {
        "office", "press", "service", "services", "ministry", "department", "agency",
        "bureau", "secretariat", "committee", "council", "copyright", "newsroom", "desk",
        "media", "group", "communications", "unit", "division", "team", "staff",
        "oficina", "prensa", "ministerio", "servicio", "departamento", "gabinete",
        "secretaría", "comunicación", "presse", "ministère", "cabinet", "pressestelle",
        "ministerium", "redaktion", "abteilung", "пресс", "служба", "министерство",
        "центр", "редакция", "управление", "департамент", "мид", "©",
    }
)
WORD_SPLIT_RE = re.compile(r"[\s\-‐–]+")


def hint_name(name: str) -> str | None:
    """``name`` read from a hint as a person's, without a label ending in a colon ("Автор:",
    "Author:"); ``None`` for an office, a service or no person's name."""
    label, colon, rest = name.partition(":")
    if colon and label.strip().casefold() in NOT_NAMES:
        name = rest.strip()
    words = {w.casefold() for w in WORD_SPLIT_RE.split(name) if w}
    if words & OFFICE_WORDS or not looks_like_person(name):
        return None
    return name
