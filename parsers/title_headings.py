"""The page's <h1>/<h2> blocks as headline candidates, and the labels cut from them.

Headings that are the site's logo, its banner or an unrendered template are dropped;
"| Section | Site" labels the metadata names, a permalink anchor, a label or date
printed before the headline are cut. ``parsers.title.choose_title`` weighs what is left
against the metadata titles.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from parsers.headline_blocks import H1_WINDOW, HEADLINE_MAX_WORDS
from parsers.scan import Scan
from parsers.title_text import TITLE_SPLIT_RE, WORD_RE, fold, repair_mojibake

# A trailing part of an <h1> longer than this many words is a subtitle, not a site or
# section label, even when the <title> repeats it after the headline.
MAX_LABEL_WORDS = 4
# Separators after which a part is a label (site, section), never the headline's own
# words; a dash may also join two halves of one headline.
LABEL_SEPARATORS = frozenset({"|", "·", "•", "»", "«", "~", "/", ":", "::", ">"})

# Class/id tokens of an <h1> that holds the site's name or logo, not the story's headline
# ("site-title", "site-name", "logo", "header-logo", "navbar-brand"; p38: BEM's
# "l-header__branding", the header's branding block, as "site-branding" already was).
LOGO_RE = re.compile(
    r"(?:^|\s)(?:site[-_]?(?:title|name|logo|branding)|[\w-]*[-_]?(?:logo|brand(?:ing)?))"
    r"(?:$|\s)",
    re.IGNORECASE,
)
PERMALINK_RE = re.compile(r"\s*[¶#🔗]$")
# Blocks of one <h1> joined into one headline: at most this many.
MAX_H1_RUN = 4
# A label or date printed inside the <h1> before the headline: "Blog: ", "Dec 18 2025 ",
# "Wednesday, 09 January 2008 " (a weekday, then the day before the month).
LABEL_PREFIX_RE = re.compile(
    r"^(?:[^\W\d_][\w'’&]*(?:\s+[\w'’&]+){0,2}\s*:\s*"
    r"|(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d{1,2}\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\s+"
    r"|(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?\d{1,2}(?:st|nd|rd|th)?\.?\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}\s+"
    r"|\d{4}-\d{2}-\d{2}\s+|\d{1,2}[./]\d{1,2}[./]\d{2,4}\s+)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Heading:
    index: int
    tag: str
    text: str
    folded: str


def near_h1(h1s: list[Heading], body_start: int, site_names: set[str]) -> str | None:
    """The <h1> right above (or in) the body that is not the site's name."""
    near = [
        (abs(body_start - h.index), h.text)
        for h in h1s
        if body_start - H1_WINDOW <= h.index <= body_start + H1_WINDOW
        and len(h.text.split()) >= 2
        and h.folded not in site_names
    ]
    return min(near, key=lambda item: item[0])[1] if near else None


# Category "the headline <h1> far above the story" (a hero image, a summary box or a table
# of contents between the two): the page's only <h1>, more than H1_WINDOW blocks above the
# body's start, is still the headline when it is as long as one. Shorter far <h1>s are
# section names and calls to action ("Webcams", "Form an LLC in New York"): there the
# metadata title stands. Figures in docs/BENCHMARKS.md (t57).
FAR_H1_MIN_WORDS = 7


def far_h1(
    h1s: list[Heading], body_start: int, site_names: set[str], titles: tuple[str | None, ...]
) -> str | None:
    """The page's only <h1> when it sits more than ``H1_WINDOW`` blocks above the body
    and reads as a headline: ``FAR_H1_MIN_WORDS`` to ``HEADLINE_MAX_WORDS`` words, not
    the site's name, not set in capitals, not a lead-in ending in a colon, not a trail of
    crumbs, and sharing half the long words of the shorter of itself and a metadata title
    (``titles``) when there is one: a site-wide banner ("Sign up for our newsletter ...",
    a campaign's "... against Human Trafficking today") names no story (k57)."""
    if len(h1s) != 1:
        return None
    h = h1s[0]
    words = len(h.text.split())
    if not (
        h.index < body_start - H1_WINDOW
        and FAR_H1_MIN_WORDS <= words <= HEADLINE_MAX_WORDS
        and h.folded not in site_names
        and not h.text.isupper()
        and not h.text.rstrip().endswith(":")
    ):
        return None
    if len(CRUMB_SEP_RE.findall(h.text)) >= 2:
        return None
    known = [t for t in titles if t]
    if known and not any(_tells_the_story(h.text, t) for t in known):
        return None
    if any(part_of_title(h.text, t) for t in known):
        return None
    return h.text


# k57: a far <h1> sharing one word with the metadata title was taken: a trafficking agency's
# campaign banner ("Join the Blue Heart Campaign against Human Trafficking today") over a
# release titled "Human trafficking victims rise ...", its slogan sharing "crime", an event's
# name. The headline shares at least half the long words of the shorter of the two (t57's
# five gains: 2 of 3 to 7 of 7; such banners 1 or 2 of 6 to 8). A trail of two separators
# or more ("Home › Newsroom › Press releases › ...") is a breadcrumb.
CRUMB_SEP_RE = re.compile(r"\s(?:/|›|»|>|\||→)\s")


def _tells_the_story(h1: str, title: str) -> bool:
    ours, theirs = _long_words(h1), _long_words(title)
    return bool(ours and theirs) and 2 * len(ours & theirs) >= min(len(ours), len(theirs))


def _long_words(text: str) -> set[str]:
    return {w.casefold() for w in WORD_RE.findall(text) if len(w) >= 4}


# t58, category "an event's name over a statement made on the day": "World Day against
# Trafficking in Persons 2024" as a far <h1> over a release titled "Statement by the
# Executive Director on the World Day against Trafficking in Persons" shares every long
# word, so k57's guard passed it. The metadata title holds the <h1> whole inside its own
# sentence: at least PART_LEAD_WORDS words before it and no separator between, so the
# <h1> is a part of the headline. A kicker ("Kashmir issue: ..."), a subtitle or a site's
# name after it are labels on the headline, not a sentence around it.
PART_LEAD_WORDS = 2
LEAD_SEPARATOR_RE = re.compile(r"[:|·•»«~/>\-–—(\[]")
# k58b: the word right before the <h1> joins it to the title's sentence ("... on the World
# Day", "... de la Journée", "... con motivo del Día"); a label run into the headline with
# no separator ("BREAKING NEWS Pope Francis dies", "Press release Belarus-sponsored
# resolution ...") ends in a noun and the <h1> is still the headline.
JOINING_WORDS = frozenset(
    {
        "the", "a", "an", "of", "on", "for", "at", "to", "in", "by", "about", "against",
        "from", "with", "marking", "during", "de", "du", "des", "la", "le", "les", "l", "à",
        "au", "aux", "pour", "sur", "d", "del", "el", "los", "las", "en", "por", "para",
        "sobre", "al", "do", "da", "dos", "das", "no", "na", "zum", "zur", "am", "beim",
        "der", "dem", "den", "di", "della", "per",
    }
)
# An edition's year the <h1> may print and the title leave out.
TRAILING_YEAR_RE = re.compile(r"[\s,(]+(?:19|20)\d\d\)?$")


def part_of_title(h1: str, title: str) -> bool:
    """Whether ``title`` holds ``h1`` (or ``h1`` without a trailing year) whole, after at
    least ``PART_LEAD_WORDS`` words of its own and no separator between them."""
    spans = [(m.start(), m.end(), m.group().casefold()) for m in WORD_RE.finditer(title)]
    words = [w for _, _, w in spans]
    for text in (h1, TRAILING_YEAR_RE.sub("", h1)):
        part = [w.casefold() for w in WORD_RE.findall(text)]
        for i in range(PART_LEAD_WORDS, len(words) - len(part) + 1):
            if words[i : i + len(part)] == part and words[i - 1] in JOINING_WORDS:
                between = title[spans[i - 1][1] : spans[i][0]]
                if not LEAD_SEPARATOR_RE.search(between):
                    return True
    return False


# t58, category "the headline in an <h2> under the site's <h1>": blog and newspaper themes
# set the site's name as the <h1> in the masthead ("Jan's Blog", "The Political Insider")
# and the story's headline as an <h2> right over its first paragraph, with og:title an SEO
# variant printed nowhere on the page (dev 4450, fourth thepoliticalinsider). Where every
# <h1> sits far above the story, such an <h2> is the headline as printed; a box heading
# ("Key points", "What you need to know") shares no long word with the metadata title.
H2_ABOVE = 3
H2_MIN_WORDS = 4


# k58b: a box's heading over the story ("Key facts about ...", "Related releases on ...",
# "Background to ...", "Press contacts for ...") shares the story's words but names a box.
BOX_HEADING_RE = re.compile(
    r"(?:key\s+(?:facts|points|findings|figures|takeaways)|related\b|background\b"
    r"|(?:press|media)\s+contacts?\b|contacts?\b|highlights\b|summary\b|in\s+brief\b"
    r"|more\s+(?:on|about)\b|read\s+more\b|see\s+also\b|latest\b|top\s+stories\b"
    r"|notes?\s+(?:to|for)\s+editors\b|editor'?s\s+note\b|recommended\b|most\s+read\b"
    r"|further\s+(?:reading|information)\b|fact\s*sheet\b)",
    re.IGNORECASE,
)
# k58b: an <h1> sharing two long words or more with the metadata title, half of the
# shorter's, prints the headline (an SEO variant of it): an <h2> under it is a subtitle.
# A site's name shares one word at most ("Jan's Blog" and "... projects blog").
H1_SHARED_WORDS = 2


def _prints_the_headline(h1: str, title: str) -> bool:
    shared = len(_long_words(h1) & _long_words(title))
    return shared >= H1_SHARED_WORDS and _tells_the_story(h1, title)


def h2_under_site_h1(scan: Scan, body_start: int, metadata_title: str) -> str | None:
    """The <h2> at most ``H2_ABOVE`` blocks over the story when every <h1> of the page
    sits more than ``H1_WINDOW`` blocks above it, the metadata title is printed nowhere,
    and the <h2> reads as a headline (``H2_MIN_WORDS`` to ``HEADLINE_MAX_WORDS`` words,
    not in capitals, not ending in a colon) sharing a long word with the metadata title."""
    h1_at = [i for i, block in enumerate(scan.blocks) if block.tag == "h1"]
    if not h1_at or max(h1_at) >= body_start - H1_WINDOW:
        return None
    if any(_prints_the_headline(scan.blocks[i].text, metadata_title) for i in h1_at):
        return None
    above = scan.blocks[max(body_start - H2_ABOVE, 0) : body_start + 1]
    h2 = next((block.text for block in reversed(above) if block.tag == "h2"), None)
    if h2 is None:
        return None
    h2 = PERMALINK_RE.sub("", h2)
    if (
        not H2_MIN_WORDS <= len(h2.split()) <= HEADLINE_MAX_WORDS
        or h2.isupper()
        or h2.rstrip().endswith(":")
        or BOX_HEADING_RE.match(h2) is not None
        or not _long_words(h2) & _long_words(metadata_title)
    ):
        return None
    printed = fold(metadata_title)
    if any(fold(block.text) == printed for block in scan.blocks):
        return None
    return h2


def candidate_headings(
    scan: Scan, site_names: set[str], site: str, site_words: frozenset[str] = frozenset()
) -> list[Heading]:
    """The page's <h1>/<h2> blocks that can be a headline, cleaned of site-name labels."""
    headings = []
    for i, block in enumerate(scan.blocks):
        tag = block.tag
        if tag != "h1" and tag != "h2":
            continue
        # Category "permalink anchor": docs and blog themes end headings with a "¶" or
        # "#" link to themselves.
        text = PERMALINK_RE.sub("", block.text)
        if "{{" in text or (tag == "h1" and LOGO_RE.search(scan.names[block.element])):
            continue  # an unrendered template, or the site's logo
        if tag == "h1" and names_the_site(text, site_words):
            continue
        if "&" in text:
            # Escaped twice in the page: "&#x26;" is printed literally.
            text = html.unescape(text)
        text = repair_mojibake(text)
        if site_names:
            text = drop_site_labels(text, site_names, site)
        headings.append(Heading(i, tag, text, fold(text)))
    return headings


def names_the_site(text: str, site_words: frozenset[str]) -> bool:
    """Category "blog name in an <h1>": an <h1> of two or more words, every one of them
    a word of og:site_name ("Minecraft News" on "Minecraft Update News"), is the
    site's banner, not the story's headline."""
    words = WORD_RE.findall(text.casefold())
    return len(words) >= 2 and len(site_words) >= 2 and set(words) <= site_words


def drop_site_labels(text: str, site_names: set[str], site: str) -> str:
    """``text`` without trailing ``| Section | Site`` parts that the metadata names as labels.

    After a dash only the site's own name goes: a dash also joins a headline's halves.
    """
    end = len(text)
    for match in reversed(list(TITLE_SPLIT_RE.finditer(text))):
        tail_text = text[match.end() : end]
        tail = fold(tail_text)
        if (
            tail not in site_names
            or len(tail_text.split()) > MAX_LABEL_WORDS
            or (match.group().strip() not in LABEL_SEPARATORS and tail != site)
        ):
            break
        end = match.start()
    return text[:end].strip() if end < len(text) else text


def split_h1(scan: Scan, refs: set[str]) -> str | None:
    """Category "a headline set as several blocks inside one <h1>": lines parted by
    <br>s ("WEEKEND<br>CODING<br>AGENT"), or an overline in its own <div> ("Stuttgart
    hat's drauf") before the headline's <span> (": Stadt der Superlative"): the
    <h1>'s blocks joined, when a metadata title is exactly that."""
    for element, tag in enumerate(scan.tags):
        first, end = scan.first_block[element], scan.end_block[element]
        if tag != "h1" or not 1 < end - first <= MAX_H1_RUN or LOGO_RE.search(scan.names[element]):
            continue
        texts = [block.text for block in scan.blocks[first:end]]
        if fold("".join(texts)) in refs:
            joined = texts[0]
            for text in texts[1:]:
                # A part that opens with its own separator (": Stadt ...") joins without a space.
                joined += text if text[0] in ":;,.!?" else " " + text
            return joined
    return None


def label_before(text: str, refs: set[str]) -> str | None:
    """``text`` without the label or date printed before it, when the rest is a
    metadata title (folded in ``refs``); else ``None``."""
    match = LABEL_PREFIX_RE.match(text)
    rest = text[match.end() :].strip() if match is not None else ""
    return rest if rest and fold(rest) in refs else None


def first_half(heading: str, title: str) -> bool:
    """Category "headline split across elements": a heading that ends in a colon or
    dash ("Open Journalism Project:") and that the metadata title continues is the
    first half of the headline."""
    return (
        heading.rstrip().endswith((":", "-", "–", "—"))
        and fold(title).find(fold(heading)) >= 0
        and len(fold(title)) > len(fold(heading))
    )
