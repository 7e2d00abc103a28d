"""Headlines outside <h1>/<h2>: blocks that <title> confirms, and pages with no title.

Older and regional news pages (and saved or print copies) often set the headline
in a styled table cell, a classed <div> or an <h3>/<h4>, keep section labels in
their <h1>s, and put the site's name before the headline in <title>. These rules
find the headline there; ``parsers.title.choose_title`` calls them.
"""

from __future__ import annotations

import re
from itertools import chain

from parsers.date_furniture import is_date_line
from parsers.headline_lines import (
    ASIDE_DEPTH,
    ASIDE_TAGS,
    BYLINE_START_RE,
    CALL_LINE_RE,
    CLOCK_RE,
    CREDIT_RE,
    LETTER_WORD_RE,
    PATH_OR_LEAD_IN_RE,
    SENTENCE_END_RE,
    day_and_month,
)
from parsers.scan import Scan
from parsers.site_title import copyright_names, names_site
from parsers.title_text import fold, title_parts, word_count

# An unconfirmed <h1> counts as the headline only this many blocks from the body's start.
H1_WINDOW = 12
# Blocks after the body's start that the title rules still read.
SECTION_SPAN = 30
# Headlines run to about twenty words; an <h1> longer than this is a paragraph.
HEADLINE_MAX_WORDS = 30
# Heading tags whose text can show which part of "Site : Headline" is the headline, and
# the fewest words that part must have (site and section names are shorter).
PART_HEADINGS = frozenset({"h1", "h2", "h3"})
MIN_PART_WORDS = 3
# A page with no <title> and no metadata title: headings and classes that hold the
# headline over the story (``styled_headline``).
STYLED_HEADINGS = frozenset({"h1", "h2", "h3", "h4"})
HEADLINE_CLASS_RE = re.compile(r"headline|title|heading|storyhead", re.IGNORECASE)
MIN_STYLED_WORDS = 2


# Separators that <title> writes without the spaces ``title_parts`` asks for:
# "LAist: Headline", "Headline_English_Xinhua", "Headline|ABC 7 News", "Headline (from
# The Herald)", dashes glued to the headline ("Headline- Travel-News", "Headline-India
# Buzz-The Times of India"). Too loose to cut a title by, safe to confirm a block with: only a part
# some block prints in full counts.
LOOSE_SPLIT_RE = re.compile(
    r"\s*(?:[|·•»«~>_]|::|--|:\s)\s*|\s\(|(?<=\w)[-–—]\s+|(?<=[a-z.!?])[-–—](?=[A-Z])"
)


def printed_headings(scan: Scan) -> frozenset[str]:
    """The folded text of the page's <h1>-<h3> blocks (see ``headline_part``)."""
    return frozenset(fold(b.text) for b in scan.blocks if b.tag in PART_HEADINGS)


def headline_part(parts: list[str], printed: frozenset[str], site: str) -> int:
    """Which part of a ``Headline | Site`` title is the headline: the first, unless
    a heading prints a longer part of at least MIN_PART_WORDS words that is not the
    site's name.

    Category "site name before the headline" ("SunHerald.com : Bush declares flooded
    Nev. town disaster", "TV3 > News > National News > Story > Officials get down
    ..."): older and regional news sites put their name and section first; taking
    the trailing parts as site labels dropped the headline from the headings.
    """
    best, words = 0, len(parts[0].split()) if parts else 0
    for i, part in enumerate(parts[1:], start=1):
        count = len(part.split())
        folded = fold(part)
        if count >= MIN_PART_WORDS and count > words and folded in printed and folded != site:
            best, words = i, count
    return best


def confirmed_block(
    scan: Scan,
    titles: tuple[str | None, ...],
    site: str | None,
    site_names: set[str],
    body_start: int,
) -> str | None:
    """The block nearest the body's start whose text is a part of the metadata's titles.

    Category "headline in a styled block": older and regional news pages set the
    headline in a ``<td class="arttitle">``, ``<div class="articleTitle">`` or an
    ``<h4>`` while their <h1>s hold section labels ("Top Classifieds", "Nation AP");
    a block that prints a part of <title> (or og:title, the JSON-LD headline; parts
    also cut at LOOSE_SPLIT_RE) of at least MIN_PART_WORDS words, not og:site_name,
    is the headline. The nearest to the
    body wins (a banner printing the site's tagline sits far above it). Links and list
    items are not: a list of stories may hold this one, and a breadcrumb ends with it.
    """
    refs: set[str] = set()
    for text in titles:
        for part in title_parts(text) if text else ():
            if word_count(part) >= MIN_PART_WORDS:
                refs.add(fold(part))
        # A loose part the page names as its site ("City Desk Blog: Headline" beside an
        # og:title "Headline") is the site's banner, not a headline.
        for part in LOOSE_SPLIT_RE.split(text) if text else ():
            if word_count(part) >= MIN_PART_WORDS and fold(part) not in site_names:
                refs.add(fold(part))
    if site:
        refs.discard(fold(site))
    if not refs:
        return None
    shortest = min(len(ref) for ref in refs)
    best: tuple[int, str] | None = None
    for i, block in enumerate(scan.blocks[: body_start + SECTION_SPAN]):
        text = block.text
        if len(text) < shortest or block.link_chars * 2 > len(text) or block.tag == "li":
            continue  # a list item is a breadcrumb's last step or a list entry
        if len(text.split()) <= HEADLINE_MAX_WORDS and fold(text) in refs:
            distance = abs(i - body_start)
            if best is None or distance < best[0]:
                best = (distance, text)
    return best[1] if best is not None else None


def styled_headline(scan: Scan, body_start: int) -> str | None:
    """The heading or headline-classed block nearest above the body's start.

    Category "no title anywhere but the page": pages saved or served without
    <title> and metadata (wire pages, print views, old CMS templates) still set the
    headline over the story, in an <h2>-<h4> or a block classed "headline",
    "articleTitle", "contentheading". Only when nothing else names the page, and
    only over something: a page whose last block it is has no story under it.
    """
    last = len(scan.blocks) - 1
    above = range(min(body_start, last - 1), max(body_start - H1_WINDOW, 0) - 1, -1)
    # The body's container may hold the headline: then it is just below the start.
    below = range(body_start + 1, min(body_start + H1_WINDOW, last - 1) + 1)
    for i in chain(above, below):
        block = scan.blocks[i]
        words = len(block.text.split())
        if (
            MIN_STYLED_WORDS <= words <= HEADLINE_MAX_WORDS
            and block.link_chars * 2 <= len(block.text)
            and (
                block.tag in STYLED_HEADINGS or HEADLINE_CLASS_RE.search(scan.names[block.element])
            )
        ):
            return block.text
    return None


# Category "a page with no <h1> whose headline is an <h2>": HTML's <main> holds the page's
# dominant content and, with no <h1> anywhere, its first <h2> is the top-ranked heading of
# it, the headline (a Shopify blog: "7 Ways to Help You Transition to a Plant Based Diet"
# under a date <h3>, og:title "7 Ways to Transition to a Plant-Based Diet"). It must print
# every word of the metadata title (MIN_PART_WORDS or more): a section heading that opens
# the story ("Architecture & Design") is not the headline.


def main_h2(scan: Scan, metadata_title: str | None, words_re: re.Pattern[str]) -> str | None:
    """The first <h2> in the page's <main> when the page has no <h1> and the heading
    prints every word of ``metadata_title``; else None."""
    if not metadata_title or any(tag == "h1" for tag in scan.tags):
        return None
    wanted = set(words_re.findall(metadata_title.casefold()))
    if len(wanted) < MIN_PART_WORDS:
        return None
    for block in scan.blocks:
        if block.tag != "h2" or not _in_main(scan, block.element):
            continue
        return block.text if wanted <= set(words_re.findall(block.text.casefold())) else None
    return None


def _in_main(scan: Scan, element: int) -> bool:
    while element >= 0:
        if scan.tags[element] == "main":
            return True
        element = scan.parents[element]
    return False



# Category "the <title> is the site's or a section's name" (t47; older table layouts of news
# sites, 2008-era CMSes: Summit Daily, Asharq Al-Awsat English, Bloomberg's "Bloomberg.com:
# Japan", NHL.com's "National Hockey League", SuperSport's "SuperSoccer", NY1's "NY1: Top
# Stories"): with no og:title or JSON-LD headline, <title> names the outlet or the section
# and the headline is the short line that opens the story's block, set in a styled <span>,
# <b> or table cell rather than a heading. That line is the headline only when <title> is
# printed nowhere on the page and shares no word of OPENING_WORD_CHARS letters or more
# with it (a <title> that does is the story's own name, spelt otherwise: "ML (Machine
# Learning) at Georgia Tech" over "The AI/Machine Learning Club at Georgia Tech"), and
# when it reads as a headline: MIN_PART_WORDS to HEADLINE_MAX_WORDS words, mostly not a
# link, not a list item, a sentence's, a clause's or a label's end (".", ",", "。", ":"), a
# byline, a date line or a clock, a banner in capitals (Chinese and Japanese counted as
# ``word_count`` counts them).
OPENING_WORD_CHARS = 4


# Category "a label or a date line over the headline" (t48; The Hindu's news update
# service "Top Stories" / "Sci. & Tech." / "National", The Peninsula's "Home:Britain/Ireland",
# Indiantelevision.com's "Evening News Digest", the Seattle P-I's "Thursday, January 10,
# 2008", a tips site's "Premier League" and "Friday, Jan 11, 2008"): the story's block opens
# with a section label (under MIN_PART_WORDS words, one token, or a part of <title>) or a
# date line, and the headline is the next line. Up to MAX_OPENERS such lines are passed.
MAX_OPENERS = 2
LABEL_MAX_CHARS = 40


def opening_headline(scan: Scan, body_start: int, tag_title: str) -> str | None:
    """The headline-shaped line that opens the story's block (after at most MAX_OPENERS
    labels or date lines) when ``tag_title`` (the page's <title>, its only title) names
    the site or a section (``site_title.names_site``); else None."""
    last = len(scan.blocks) - 1
    for index in range(body_start, body_start + MAX_OPENERS + 1):
        if index >= last:
            return None  # no story under it
        text = scan.blocks[index].text
        if not _opener(scan, text, tag_title):
            break
    else:
        return None
    if not _reads_as_headline(scan, index):
        return None
    return text if _title_gives_way(scan, text, tag_title, index + 1) else None


# Category "the headline over the story's block" (t49; 2008-era news pages: Sporting Life's
# "Reading 0-2 Portsmouth" over "2008-01-01 17:15:00.0", a Sports section front's headline
# over "Save Email Print", "Posted: 6:12 PM Dec 30, 2007" and "0 comments", 940 Montreal's
# over "at 12:19 on January 7, 2008, EST." and "THE CANADIAN PRESS", the Cortez Journal's
# over "January 15, 2008" and "BY JOE HANEL | Journal Denver Bureau", The Star Online's
# right over the story): <title> names the site, the story's block opens with its first
# paragraph, and the headline is the line over that block, within UP_SPAN lines of it
# (past at most UP_SPAN - 1 lines of furniture, ``_furniture``). Asked only when
# ``opening_headline`` finds nothing, and only over a story: the block opens (at most one
# tool line after its start, "A | A | A") with a paragraph of STORY_OPENING_WORDS words or
# more, not a list item or a link (a body chosen in a sidebar, a blog's footer or a list of
# pages has a promotion or a comment over it).
UP_SPAN = 6
FURNITURE_MAX_CHARS = 80
STORY_OPENING_WORDS = 12


def headline_above(scan: Scan, body_start: int, tag_title: str) -> str | None:
    """The headline-shaped line over the story's block, past furniture, when
    ``tag_title`` (the page's <title>, its only title) names the site; else None."""
    if not any(_story_opening(scan, i) for i in range(body_start, body_start + 2)):
        return None
    for index in range(body_start - 1, max(body_start - UP_SPAN, 0) - 1, -1):
        if not _furniture(scan, index):
            break
    else:
        return None
    if not _reads_as_headline(scan, index):
        return None
    text = scan.blocks[index].text
    return text if _title_gives_way(scan, text, tag_title, body_start) else None


def _story_opening(scan: Scan, index: int) -> bool:
    """A paragraph of STORY_OPENING_WORDS words or more, not a list item, mostly not links."""
    if index >= len(scan.blocks):
        return False
    block = scan.blocks[index]
    return (
        block.tag != "li"
        and block.link_chars * 2 <= len(block.text)
        and word_count(block.text) >= STORY_OPENING_WORDS
    )


def _furniture(scan: Scan, index: int) -> bool:
    """A line set between a headline and its story: a date line or a clock, a byline or
    credit, an agency's name in capitals, a tool ("Save Email Print", "0 comments", "A | A
    | A": fewer than MIN_PART_WORDS words, or mostly links). Never a heading: a linked
    headline (a blog's <h3> permalink) or a "Post a Comment" heading ends the climb."""
    block = scan.blocks[index]
    text = block.text
    if _set_aside(scan, block.element) or CALL_LINE_RE.match(text):
        return True
    if len(text) > FURNITURE_MAX_CHARS or block.tag in STYLED_HEADINGS:
        return False
    return bool(
        len(LETTER_WORD_RE.findall(text)) < MIN_PART_WORDS
        or block.link_chars * 2 > len(text)
        or is_date_line(text, scan.date_lines)
        or day_and_month(text)
        or CLOCK_RE.search(text)
        or BYLINE_START_RE.match(text)
        or CREDIT_RE.search(text)
        or text.isupper()
    )


def _set_aside(scan: Scan, element: int) -> bool:
    """Whether ``element`` or one of its ASIDE_DEPTH nearest containers is a caption,
    a figure or a pull quote (ASIDE_TAGS)."""
    for _ in range(ASIDE_DEPTH):
        if element < 0:
            return False
        if scan.tags[element] in ASIDE_TAGS:
            return True
        element = scan.parents[element]
    return False


def _reads_as_headline(scan: Scan, index: int) -> bool:
    """Whether block ``index`` reads as a headline: MIN_PART_WORDS to HEADLINE_MAX_WORDS
    words, mostly not a link, not a list item or a leftover <h1>, no sentence's or
    clause's end, byline, credit, clock, path of sections or capitals banner."""
    block = scan.blocks[index]
    text = block.text
    return not (
        len(LETTER_WORD_RE.findall(text)) < MIN_PART_WORDS
        or word_count(text) > HEADLINE_MAX_WORDS
        or block.link_chars * 2 > len(text)
        or block.tag in ("li", "h1")  # an <h1> left here is the site's logo or banner
        or SENTENCE_END_RE.search(text)
        or BYLINE_START_RE.match(text)
        or CLOCK_RE.search(text)
        or text.isupper()
        or CREDIT_RE.search(text)
        or PATH_OR_LEAD_IN_RE.search(text)
    )


def _title_gives_way(scan: Scan, text: str, tag_title: str, story_start: int) -> bool:
    """Whether the headline-shaped ``text`` replaces ``tag_title``: the two share no word
    of OPENING_WORD_CHARS letters, <title> is printed nowhere but in a copyright notice,
    and the page does not show it to be the story's own (``names_site``, from
    ``story_start`` on)."""
    words = LETTER_WORD_RE.findall(text)
    long_words = {w.casefold() for w in words if len(w) >= OPENING_WORD_CHARS}
    title_words = LETTER_WORD_RE.findall(tag_title)
    if long_words & {w.casefold() for w in title_words if len(w) >= OPENING_WORD_CHARS}:
        return False
    folded = fold(tag_title)
    # A copyright notice naming <title> shows it to be the site's name (``names_site``),
    # and is no printing of it: the blocks are scanned for notices once, here.
    notices = [copyright_names(b.text, folded) for b in scan.blocks]
    printed = (fold(b.text) for b, notice in zip(scan.blocks, notices, strict=True) if not notice)
    if len(title_words) >= MIN_PART_WORDS:
        if any(folded in line for line in printed):
            return False
    elif folded in printed:
        return False
    return names_site(scan, story_start, tag_title, notice=any(notices))


def _opener(scan: Scan, text: str, tag_title: str) -> bool:
    """A section label or a date line: a line the headline may come after."""
    if is_date_line(text, scan.date_lines) or day_and_month(text):
        return True
    if not text or len(text) > LABEL_MAX_CHARS:
        return False
    return (
        len(LETTER_WORD_RE.findall(text)) < MIN_PART_WORDS
        or len(text.split()) == 1
        or fold(text) in fold(tag_title)
    )



# Category "an <h1> that names a section, not the story" (t50; 2008-era news pages: wjz.com's
# "Sports", kansascity.com's "Entertainment", Winona Daily News' "HOT JOBS"; elecom's
# "Original text"; Readability's fixtures' "Lorem"): with no og:title or JSON-LD headline and
# no <h1> near the story, the first <h1> anywhere is a last resort; when it shares no word with
# <title>, <title> (or the line over the story, when <title> names the site) names the page.
# A section's name is a word or two ("Sports", "HOT JOBS", "スポーツ"); a longer <h1> is the
# story's headline even when <title> shares no word with it (k50t): <title> is the site's
# name only ("The Daily Herald"), an SEO title, another script or a transliteration, the
# headline without its accents, or Chinese or Japanese runs that split unlike the <h1>'s.
SECTION_MAX_WORDS = 2


def h1_unlike_title(h1: str, tag_title: str) -> bool:
    """Whether ``h1`` is a section's name (SECTION_MAX_WORDS words at most) sharing no word
    of two letters or more with ``tag_title``."""
    if word_count(h1) > SECTION_MAX_WORDS:
        return False
    words = {w.casefold() for w in LETTER_WORD_RE.findall(h1)}
    return not words & {w.casefold() for w in LETTER_WORD_RE.findall(tag_title)}
