"""Names printed on lines of text, without markup: "By" lines, an author label over one
line per author, "Posted by NAME at DATE", a "date · name" meta line, the name beside the
date, a reviewed work's fact box (no author). ``parsers.bylines`` weighs them against the
declared names and the byline elements."""

from __future__ import annotations

import re
from itertools import takewhile

from parsers import authors as author_rules
from parsers.author_outlets import cut_outlets
from parsers.author_words import ENGLISH, Words, in_work_box, is_label, unmarked
from parsers.byline_with import help_credit_start
from parsers.help_credits import help_credit_at, writer_before
from parsers.metadata import fold

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
# "03/01/2017 by Agatha Caleo": a byline after a date or separator on a short line.
BYLINE_INSIDE_RE = re.compile(r"(?:^|[\s|·•,])(?:by|By|BY)\s+(?=[A-Z])")
# The words before such a "by" that make the line a credit for a picture.
CREDIT_BEFORE_RE = re.compile(
    r"\b(?:photos?|photographs?|photography|images?|pictures?|illustrations?|graphics?|"
    r"artwork|video|cover|header|featured|credit)\s*(?:by|By|BY)\s+$",
    re.IGNORECASE,
)
# Category "an author label, then one line per author": "Author(s) / John A. Alic / David
# C. Mowery / Edward S. Rubin" (c2es.org), "Author / CP / Chengcheng Pei / Staff Software
# Engineer, MongoDB / YL / Yuan Lin / Director of ..." (mongodb.com: the name's initials
# stand in for a photo, a role follows each name). Later authors follow a first line that
# is one person's name and repeat its shape (initials before, role after), so the next
# block ("MongoDB Resources") ends them.
INITIALS_RE = re.compile(r"^[A-Z]{1,3}$")
MAX_LABEL_LINES = 24
# Category "label box without a colon": DW prints "<strong>Autorin/Autor</strong> Roman
# Goncharenko" in a fact box under the story; the line is the label and the names only.
MAX_LABELLED_CHARS = 60

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


def name_beside_date(lines: tuple[str, ...], sites: frozenset[str] = frozenset()) -> list[str]:
    """The person's name on the line over or under the first date line (see
    ``NUMERIC_DATE_RE``), or none. The site's own name there (``sites``, folded) is its
    logo or masthead, even when it reads as a person's ("Mother Jones", k33)."""
    index = next((i for i, line in enumerate(lines) if _is_date_line(line)), -1)
    for near in (index - 1, index + 1) if index >= 0 else ():
        line = lines[near] if 0 <= near < len(lines) else ""
        if (
            len(line) <= MAX_NAME_LINE_CHARS
            and "," not in line
            and line.split(" ", 1)[0].casefold() not in NOT_FIRST_WORDS
            and author_rules.clean_author(line) == line
            and author_rules.looks_like_person(line)
            and fold(line) not in sites
        ):
            return [line]
    return []


# Category "unlabelled credit line under the headline": corporate newsrooms and blogs print
# "Aaron Ricadela | Senior Writer | July 2, 2025" with no "By": three pieces, a person's
# name, a role (``ROLE_WORD_RE``) and a date. All three are required: a breadcrumb or nav
# line ("Home | News | Politics") has no date, a title with the site ("Story title | Site")
# no role, a dateline ("Kyiv | July 2, 2025") neither a role nor a person.
CREDIT_SEP_RE = re.compile(r"\s*[|·•]\s*")
MAX_ROLE_CHARS = 40


def name_role_date(lines: tuple[str, ...], sites: frozenset[str] = frozenset()) -> list[str]:
    """The name of the first "Name | Role | Date" line (see ``CREDIT_SEP_RE``), or none."""
    for line in lines:
        if len(line) > MAX_META_LINE_CHARS:
            continue
        pieces = CREDIT_SEP_RE.split(line.strip())
        if len(pieces) != 3:
            continue
        name, role, date = pieces
        if (
            (DATE_PIECE_RE.match(date) or NUMERIC_DATE_RE.match(date))
            and len(role) <= MAX_ROLE_CHARS
            and not any(c.isdigit() for c in role)
            and author_rules.ROLE_WORD_RE.search(role)
            and name.split(" ", 1)[0].casefold() not in NOT_FIRST_WORDS
            and author_rules.clean_author(name) == name
            and author_rules.looks_like_person(name)
            and fold(name) not in sites
        ):
            return [name]
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
    return _people_only(author_rules.split_byline(rest, words))


def _names_only(pieces: list[str]) -> bool:
    """Every piece is capitalised, as a person's or an agency's name ("John Roe",
    "Reuters", "the Associated Press"), none a clause ("won the prize")."""
    return bool(pieces) and all(p[:1].isupper() or p.startswith("the ") for p in pieces)


def _people_only(names: list[str]) -> list[str]:
    """``names`` when every one reads as a person's, else none."""
    return names if names and all(author_rules.looks_like_person(n) for n in names) else []


def byline_from_lines(
    lines: list[str],
    words: Words = ENGLISH,
    outlets: frozenset[str] = frozenset(),
    headings: frozenset[str] = frozenset(),
) -> list[str]:
    """Names from "By Jane Doe" lines, or from the line after a lone "Written by" label;
    an outlet after the names (``outlets``: the page's own outlet names) is cut."""
    # A headline is no fact line: "Title IX suit goes ahead" above "Author Jane Doe" (k33).
    facts = [("" if line in headings else line) for line in lines] if headings else lines
    for index, raw in enumerate(lines):
        if len(raw) > 100:
            continue
        line = unmarked(raw)
        if in_work_box(facts, index, words):
            continue  # a reviewed work's fact box: its author is not the story's
        line = cut_outlets(line, words, outlets) or line
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
        elif (
            (match := BYLINE_INSIDE_RE.search(line))
            and (credit := help_credit_start(line, match.start())) is not None
            and _names_only(author_rules.split_byline(line[match.end() :]))
        ):
            # Category "the writer before a help credit" (a38): "Jane Doe, with additional
            # reporting by John Roe" printed without "By": the "by" closes the help
            # credit, whose helper is no author (``parsers.byline_with``); the writer is
            # before it, when all before it reads as people. A credit line (k38): only
            # names after the "by" (people, "Reuters"), as "Jane Doe, with photos taken
            # by John Roe, won the prize" is a sentence.
            names = _people_only(author_rules.split_byline(line[:credit]))
        elif match and (helped := help_credit_at(line, match.end())) is not None:
            # Category "a help credit alone is no byline" (a38b, ``parsers.help_credits``):
            # "Additional reporting by John Roe" names a helper; the writer is what reads
            # as people before it on the line, if anything.
            before = writer_before(line, helped)
            names = _people_only(author_rules.split_byline(before)) if before else []
        elif match and CREDIT_BEFORE_RE.search(line[: match.end()]):
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
