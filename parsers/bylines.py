"""Page authors: declared names checked against the printed byline."""

from __future__ import annotations

import re
from itertools import islice, takewhile

from parsers import authors as author_rules
from parsers.author_boxes import in_directory
from parsers.author_outlets import cut_outlets
from parsers.author_words import ENGLISH, Words, in_work_box, is_label, unmarked, words_for
from parsers.metadata import AUTHOR_KEYS, PageMeta, fold, ld_names, unescaped
from parsers.scan import Scan, clean_text

# "ByJane Doe": label and name in adjacent inline tags, joined without a space.
GLUED_BY_RE = re.compile(r"^By(?=[A-Z][a-z])")
# "Dec 26, 2025 • Jane Doe in Project Management": a theme's "author in category" line.
# The separator is required: "Alexander Lukashenko in Beijing" alone is a headline.
AUTHOR_IN_RE = re.compile(
    r"[•·|]\s*(?!(?:The|An?|Our|My|Your|How|What|Why|New)\s)(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})"
    r"\s+in\s+[\w&]+(?:\s+[\w&]+){0,2}$"
)
MAX_AUTHOR_IN_CHARS = 80
# Category "date and name on one meta line": "Dec. 19, 2025 · Jane Doe", "December 15, 2025
# · 30 min · 6279 words · Jane Doe" (blog themes print no "By"). The line is pieces between
# middots or bullets; one is a date, every other holds a digit but one, the name. Not bars:
# "Future Thinking | 17 July 2012" is a column's name (Dragnet, BBC Future).
META_SEP_RE = re.compile(r"\s*[·•]\s*")
DATE_PIECE_RE = re.compile(
    r"^(?:\d{4}-\d{1,2}-\d{1,2}|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}\.?\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4})$"
)
# Category "name line beside the date": a theme prints the writer's name alone on the line
# just over or under the date, below the headline, with no "By" ("Elliot Raba" over
# "23.07.2025 · 6 min read", "May 14, 2025" over "Mohloai Mpesi"). Below the headline only:
# a line over it names the site or a section.
# Not a subheading (an h2 "The Static Web" under the date) nor a line led by a function
# word ("In This Article", a contents box's label).
NUMERIC_DATE_RE = re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{4}$")
MAX_NAME_LINE_CHARS = 40
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
NOT_FIRST_WORDS = frozenset(
    {
        "the",
        "a",
        "an",
        "in",
        "on",
        "of",
        "for",
        "to",
        "with",
        "how",
        "what",
        "why",
        "our",
        "my",
        "your",
        "this",
        "about",
        "from",
        "all",
        "more",
        "new",
        "top",
        "best",
    }
)
# "Jane Doe on behalf of the Vision group": the group is who she wrote for.
ON_BEHALF_RE = re.compile(r"\s+on\s+behalf\s+of\b.*$", re.IGNORECASE)
MAX_META_LINE_CHARS = 100
# Category "Posted by NAME at DATE" (Blogger's and Movable Type's post footer, "Posted by
# David at December 16, 2025 11:15 AM"): the date ends the name, which may be one word.
# Not "Posted by: NAME": with the colon it signs a comment under the post (Movable Type,
# TypePad). "Posted by admin in Auto Blog on ...": the category goes.
POSTED_AT_RE = re.compile(
    r"\b(?:posted|written|published)\s+by\s+(?P<name>[^\d,|:]{2,40}?)(?:\s+in\s+[^\d,|:]+?)?"
    r"\s+(?:at|on)\s+"
    r"(?=\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)",
    re.IGNORECASE,
)
MAX_POSTED_BY_WORDS = 4
# "Written by Jane Doe" alone on a line heads an author box anywhere in the story's
# element; outside it (sidebars, teasers of other columns) it names another piece's writer.
WRITTEN_BY_RE = re.compile(r"^(?:written|authored)\s+by\s*:?\s+(?P<name>.+?)\s*$", re.IGNORECASE)
MAX_WRITTEN_BY_CHARS = 60
# "03/01/2017 by Agatha Caleo": a byline after a date or separator on a short line.
BYLINE_INSIDE_RE = re.compile(r"(?:^|[\s|·•,])(?:by|By|BY)\s+(?=[A-Z])")
# The words before such a "by" that make the line a credit for a picture.
CREDIT_BEFORE_RE = re.compile(
    r"\b(?:photos?|photographs?|photography|images?|pictures?|illustrations?|graphics?|"
    r"artwork|video|cover|header|featured|credit)\s*(?:by|By|BY)\s+$",
    re.IGNORECASE,
)
# Sharing cards label their extra fields: twitter:label1 "Written by", twitter:data1 the name.
CARD_LABELS = 4
CARD_AUTHOR_RE = re.compile(r"^\s*(?:written\s+by|authors?|by)\s*:?\s*$", re.IGNORECASE)
# Keys that hold one author per tag by their specification (Google Scholar's
# ``citation_author``); "Surname, Given" in them is one person.
ONE_AUTHOR_KEYS = frozenset({"citation_author"})
# Author meta tags read per key (a hostile page may repeat one thousands of times).
MAX_META_AUTHORS = 40
MAX_AUTHOR_TAGS = 12
# Category "an author label, then one line per author": "Author(s) / John A. Alic / David
# C. Mowery / Edward S. Rubin" (c2es.org), "Author / CP / Chengcheng Pei / Staff Software
# Engineer, MongoDB / YL / Yuan Lin / Director of ..." (mongodb.com: the name's initials
# stand in for a photo, a role follows each name). Later authors follow a first line that
# is one person's name and repeat its shape (initials before, role after), so the next
# block ("MongoDB Resources") ends them.
INITIALS_RE = re.compile(r"^[A-Z]{1,3}$")
MAX_LABEL_LINES = 24
MAX_BYLINE_PIECES = 8
# Category "label box without a colon": DW prints "<strong>Autorin/Autor</strong> Roman
# Goncharenko" in a fact box under the story; the line is the label and the names only.
MAX_LABELLED_CHARS = 60


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
    people, orgs = ld_names(meta.ld_main.get("author"), meta.ld_objects)
    declared = [n for raw in people for n in _credit_names(unescaped(raw) or "", words, sites)]
    if not declared:
        declared = _meta_authors(meta, words)
    if not declared:
        declared = _card_author(meta, words)
    printed: list[str] = []
    reviewers: list[str] = []
    boxes = (t for t in scan.author_tags if not in_directory(t))
    for tag in islice(boxes, MAX_AUTHOR_TAGS):
        # The name leads an author box; its bio follows and is not needed.
        strings = list(islice(tag.stripped_strings, MAX_BYLINE_PIECES))
        printed = author_rules.names_from_tag(tag, strings, reviewers, words)
        if printed:
            printed = author_rules.with_co_authors(tag, printed, MAX_BYLINE_PIECES, words)
            break
    headings = frozenset(b.text for b in scan.blocks if b.tag in HEADING_TAGS)
    if not printed:
        printed = _byline_from_lines(header.splitlines(), words, sites, headings)
    if below_title and all(author_rules.is_weak(n, sites) for n in printed):
        lines = tuple("" if line in headings else line for line in below_title)
        printed = _name_beside_date(lines) or printed
    if declared:
        weak = all(author_rules.is_weak(n, sites) for n in declared)
        if printed and (weak or author_rules.extends(printed, declared)):
            return author_rules.dedupe(printed)
        return author_rules.dedupe(declared)
    if not printed:
        # "Written by ..." boxes also close a story.
        printed = _byline_from_lines(trailer.splitlines(), words, sites, headings)
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


def _credit_names(raw: str, words: Words, sites: frozenset[str]) -> list[str]:
    """The people of one declared credit, its outlets cut ("Jane Doe and Reuters"); a
    credit of outlets only ("Le Figaro et AFP") is one name, as printed."""
    rest = cut_outlets(raw, words, sites)
    if rest is None:
        whole = clean_text(raw)
        return [whole] if author_rules.NAME_RE.match(whole) else []
    return author_rules.person_names(rest, words)


def _meta_authors(meta: PageMeta, words: Words = ENGLISH) -> list[str]:
    """Authors from the first author meta key that names any, or from a later key
    whose list names them all and more.

    Category "one tag per author": scholarly pages repeat ``citation_author`` (or
    ``DC.creator``) once per author, often surname first ("Roy, Aniruddha"), and
    may give only the first author under another key. Category "the site as
    author": a value that is the site's own name ("Mac & i") is one name, not
    split at its "&".
    """
    sites = author_rules.site_names(meta)
    found: list[str] = []
    for key in AUTHOR_KEYS:
        values = [unescaped(raw) or "" for raw in meta.all(key)[:MAX_META_AUTHORS]]
        names: list[str] = []
        for raw in values:
            if (rest := cut_outlets(raw, words, sites)) is None:
                names.extend(_credit_names(raw, words, sites))
                continue
            raw = rest
            if fold(raw) in sites:
                whole = author_rules.clean_author(raw)
                names.extend([whole] if whole else [])
            elif len(values) > 1 or key in ONE_AUTHOR_KEYS:
                names.extend(author_rules.one_author(raw, words))
            else:
                names.extend(author_rules.split_byline(raw, words))
        if not found or author_rules.extends(names, found):
            found = names
    return found


def _card_author(meta: PageMeta, words: Words = ENGLISH) -> list[str]:
    """Names a sharing card labels as the writer (``twitter:labelN`` = "Written by")."""
    for number in range(1, CARD_LABELS + 1):
        label = meta.first(f"twitter:label{number}")
        if label and CARD_AUTHOR_RE.match(label):
            data = unescaped(meta.first(f"twitter:data{number}")) or ""
            return author_rules.split_byline(data, words)
    return []


def _date_and_name(line: str) -> list[str]:
    """The name of a "date · name" meta line (see ``META_SEP_RE``), or none."""
    pieces = [p for p in META_SEP_RE.split(line) if p]
    if len(line) > MAX_META_LINE_CHARS or not any(DATE_PIECE_RE.match(p) for p in pieces):
        return []
    names = [ON_BEHALF_RE.sub("", p) for p in pieces if not any(c.isdigit() for c in p)]
    # A comma makes it a list of sections or tags ("Sides, Sourdough"), not a name.
    if len(names) != 1 or "," in names[0] or not author_rules.looks_like_person(names[0]):
        return []
    return names


def _is_date_line(line: str) -> bool:
    """A line that only dates the story: "May 14, 2025", "23.07.2025 · 6 min read"."""
    pieces = [p for p in META_SEP_RE.split(line) if p]
    return (
        len(line) <= MAX_META_LINE_CHARS
        and any(DATE_PIECE_RE.match(p) or NUMERIC_DATE_RE.match(p) for p in pieces)
        and all(any(c.isdigit() for c in p) for p in pieces)
    )


def _name_beside_date(lines: tuple[str, ...]) -> list[str]:
    """The person's name on the line over or under the first date line (see
    ``NUMERIC_DATE_RE``), or none."""
    index = next((i for i, line in enumerate(lines) if _is_date_line(line)), -1)
    for near in (index - 1, index + 1) if index >= 0 else ():
        line = lines[near] if 0 <= near < len(lines) else ""
        if (
            len(line) <= MAX_NAME_LINE_CHARS
            and "," not in line
            and line.split(" ", 1)[0].casefold() not in NOT_FIRST_WORDS
            and author_rules.clean_author(line) == line
            and author_rules.looks_like_person(line)
        ):
            return [line]
    return []


def _initials_of(initials: str, name: str) -> bool:
    """``initials`` ("CP") are those of ``name`` ("Chengcheng Pei")."""
    words = name.split()
    return INITIALS_RE.match(initials) is not None and len(words) > 1 and initials in (
        "".join(w[0] for w in words),
        words[0][0] + words[-1][0],
    )


def _is_role_line(line: str) -> bool:
    """A job title printed under a name ("Staff Software Engineer, MongoDB")."""
    return author_rules.ROLE_WORD_RE.search(line) is not None or (
        "," in line and not author_rules.looks_like_person(line)
    )


def _names_after_label(lines: list[str], words: Words = ENGLISH) -> list[str]:
    """Names on the lines after an author label (see ``INITIALS_RE``)."""
    names: list[str] = []
    shape: tuple[bool, bool] | None = None
    index = 0
    while index < len(lines) and len(names) < author_rules.MAX_AUTHORS:
        avatar = index + 1 < len(lines) and _initials_of(lines[index], lines[index + 1])
        line = lines[index + avatar]
        if shape is None:
            found = author_rules.split_byline(line, words)
        elif author_rules.looks_like_person(line) and not _is_role_line(line):
            found = [line] if author_rules.clean_author(line) == line else []
        else:
            found = []
        after = index + avatar + 1
        role = after < len(lines) and _is_role_line(lines[after])
        if not found or (shape is not None and shape != (avatar, role)):
            break
        if shape is None and (found != [line] or not author_rules.looks_like_person(line)):
            return found
        shape = (avatar, role)
        names.extend(found)
        index = after + role
    return names


def _labelled_names(rest: str, words: Words) -> list[str]:
    """The people after an author label printed without a colon, or none: every name
    must read as a person's ("Autor Roman Goncharenko", not "Authors Guild")."""
    names = author_rules.split_byline(rest, words)
    return names if names and all(author_rules.looks_like_person(n) for n in names) else []


def _byline_from_lines(
    lines: list[str],
    words: Words = ENGLISH,
    sites: frozenset[str] = frozenset(),
    headings: frozenset[str] = frozenset(),
) -> list[str]:
    """Names from "By Jane Doe" lines, or from the line after a lone "Written by" label;
    an outlet after the names (``sites``: the page's own names) is cut."""
    # A headline is no fact line: "Title IX suit goes ahead" above "Author Jane Doe" (k33).
    facts = [("" if line in headings else line) for line in lines] if headings else lines
    for index, raw in enumerate(lines):
        if len(raw) > 100:
            continue
        line = unmarked(raw)
        if in_work_box(facts, index, words):
            continue  # a reviewed work's fact box: its author is not the story's
        line = cut_outlets(line, words, sites) or line
        if review := author_rules.REVIEWER_RE.search(line):
            # "By Jane Doe | Reviewed by Dr. Ann Poe": the reviewer is not the writer.
            line = line[: review.start()]
        if is_label(line, words) and index + 1 < len(lines):
            names = _names_after_label(lines[index + 1 : index + 1 + MAX_LABEL_LINES], words)
        elif GLUED_BY_RE.match(line):
            names = author_rules.split_byline(line[2:])
        elif words.byline_re.match(line):
            names = author_rules.split_byline(line, words)
            if author_rules.reads_as_prose(line, words):
                # "By Monday, the council had approved the plan": a sentence, not a byline.
                continue
            if not ENGLISH.byline_re.match(line):
                # "Von Berlin nach Hamburg": after another language's "By", people only.
                names = list(takewhile(author_rules.looks_like_person, names))
        elif (labelled := words.label_name_re.match(line)) and len(line) <= MAX_LABELLED_CHARS:
            names = _labelled_names(line[labelled.end() :], words)
        elif (posted := POSTED_AT_RE.search(line)) and (
            name := author_rules.clean_author(posted.group("name"))
        ):
            names = [name] if len(name.split()) <= MAX_POSTED_BY_WORDS else []
        elif (match := BYLINE_INSIDE_RE.search(line)) and CREDIT_BEFORE_RE.search(
            line[: match.end()]
        ):
            # Category "photo credit": "Photo by Jane Doe" under a lead image names
            # who took the picture, not who wrote the story.
            continue
        elif match:
            # In running text the names end where the title starts: "Jane Doe, MD,
            # gastroenterologist, City Hospital" is one author.
            names = list(
                takewhile(
                    author_rules.looks_like_person,
                    author_rules.split_byline(line[match.end() :]),
                )
            )
        elif len(line) <= MAX_AUTHOR_IN_CHARS and (match := AUTHOR_IN_RE.search(line)):
            name = match.group("name").strip()
            names = [name] if author_rules.looks_like_person(name) else []
        elif index + 1 < len(lines) and META_SEP_RE.sub("|", line).endswith("|"):
            # A theme may put the name in a block of its own after "2025-12-17 ·".
            names = _date_and_name(f"{line} {lines[index + 1]}")
        else:
            names = _date_and_name(line)
        if names:
            return names
    return []
