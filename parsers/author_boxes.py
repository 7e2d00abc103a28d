"""Author elements: which marks the name itself, which is a staff directory."""

from __future__ import annotations

import re
from itertools import islice

from parsers.author_hints import is_name_hint
from parsers.scan import AUTHOR_HREF_RE
from parsers.tree import Node

# Markup that says the element holds the name itself, not a box with a bio around it.
NAME_CLASS_RE = re.compile(r"(?:author|byline|writer)[\w-]*?name", re.IGNORECASE)
# A list holding links to this many author pages is a staff directory or menu.
DIRECTORY_AUTHORS = 4
DIRECTORY_DEPTH = 6
DIRECTORY_TAGS = frozenset({"ul", "ol", "menu", "nav"})
# Category "a post named for its author's login" (k35, g35): blog themes print the
# writer's login among a whole post's classes, WordPress's Sandbox and its children
# "hentry p1 post publish author-admin category-uncategorized", TypePad
# "entry-author-eddie_ross entry-type-post entry". The element is the post, not its byline:
# its first line is the headline ("IN ST. GERMAIN – PARIS", "On Quadrille Today"). A post
# container says so in its classes: hAtom's entry root ("hentry"), WordPress's post type,
# status or id ("type-post", "status-publish", "post-3292"), TypePad's "entry-type-post".
POST_CLASS_RE = re.compile(
    r"(?:^|\s)(?:hentry|type-post|entry-type-post|status-publish|post-\d+)(?=\s|$)",
    re.IGNORECASE,
)

# Category "a link preview card" (x37b): a card that previews another page prints that
# page's author, never this page's byline. Ghost's bookmark card ("kg-bookmark-card",
# its "kg-bookmark-author" / "kg-bookmark-publisher"), WordPress's embeds of a post
# ("wp-embedded-content", the block editor's "wp-block-embed"), oEmbed and link-preview
# cards, an embedded tweet's blockquote ("twitter-tweet"). Whole class names, on any
# element up to ``CARD_DEPTH`` levels above the author element (the card's metadata row
# sits deep); not WordPress's "wp-embed-responsive", a theme's class on <body> (dev 4268).
LINK_CARD_CLASS_RE = re.compile(
    r"(?:^|\s)(?:kg-bookmark-[\w-]+|wp-embedded-content|wp-block-embed|twitter-tweet|"
    r"oembed[\w-]*|link-preview[\w-]*)(?=\s|$)",
    re.IGNORECASE,
)
CARD_DEPTH = 6
# Category "a quotation's attribution" (t56, from trafilatura's metadata tests): the name
# under a pull quote or a testimonial ("— Jane Doe, CEO", a press release's quote box,
# class "quote-author") is the quoted person's, not the byline: a quotation element or a
# class naming one, on the author element or up to ``CARD_DEPTH`` levels above it. Not a
# <figure>: an author box is often one (Berliner Morgenpost's portrait, its figcaption
# holding the name in an <address>; fundus), and a photo credit is rarely classed "author".
QUOTE_TAGS = frozenset({"blockquote", "q"})
# A class word that starts with the quotation's name ("quote", "quote-author",
# "quote_byline", "pullquote", "testimonial"), not one that only holds it: The Times'
# column header "header-quote-right" holds the columnist's byline (Google News, 4 pages).
QUOTE_CLASS_RE = re.compile(
    r"(?:^|\s)(?:pull[-_]?quote|block[-_]?quote|quote|testimonial)s?(?=$|[\s_-])",
    re.IGNORECASE,
)


def in_link_card(tag: Node) -> bool:
    """``tag`` is, or is inside, a link preview card (``LINK_CARD_CLASS_RE``)."""
    if LINK_CARD_CLASS_RE.search(str(tag.attrs.get("class", ""))):
        return True
    for depth, parent in enumerate(tag.parents):
        if depth >= CARD_DEPTH:
            return False
        if LINK_CARD_CLASS_RE.search(str(parent.attrs.get("class", ""))):
            return True
    return False


def in_quotation(tag: Node) -> bool:
    """``tag`` is, or is inside, a quotation (``QUOTE_TAGS``, ``QUOTE_CLASS_RE``)."""
    return any(
        node.name in QUOTE_TAGS or QUOTE_CLASS_RE.search(str(node.attrs.get("class", "")))
        for node in (tag, *islice(tag.parents, CARD_DEPTH))
    )


def is_name_element(tag: Node) -> bool:
    """The markup marks ``tag`` as the author's name itself (``rel=author``, ``author-name``)."""
    attrs = tag.attrs
    return (
        "author" in str(attrs.get("itemprop", ""))
        or str(attrs.get("rel", "")) == "author"
        or NAME_CLASS_RE.search(str(attrs.get("class", ""))) is not None
        or is_name_hint(attrs)
    )


def is_post_container(tag: Node) -> bool:
    """``tag`` is a whole blog post whose classes name its author (``POST_CLASS_RE``)."""
    return POST_CLASS_RE.search(str(tag.attrs.get("class", ""))) is not None


def in_directory(tag: Node) -> bool:
    """Category "staff directory in a menu": an author-page link inside a navigation
    element or a list that links to ``DIRECTORY_AUTHORS`` or more author pages is the
    site's list of writers ("Voices: Grace Dent, Robert Fisk, ..."), not a byline."""
    for depth, parent in enumerate(tag.parents):
        if depth >= DIRECTORY_DEPTH:
            return False
        if parent.name == "nav":
            return True
        if parent.name in DIRECTORY_TAGS:
            hrefs = {
                str(link.get("href"))
                for link in parent.find_all("a", href=AUTHOR_HREF_RE, limit=64)
            }
            return len(hrefs) >= DIRECTORY_AUTHORS
    return False
