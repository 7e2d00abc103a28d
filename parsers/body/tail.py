"""Stage 5 of the body: where the story ends, cut over the kept paragraphs.

Decides how many of the kept paragraphs are the story: after most of its text a
sign-up or follow pitch, an end-of-story label set outside a heading tag, an
author box's post list or a "More stories" style label ends it; so does a list
of teaser cards without links (title, excerpt, byline), and a run of other
stories' headlines at the end; a comment thread's label line ends it anywhere after
the first few sentences. These cuts only act late in the body: the same
lines early on are as often part of the story.
"""

from __future__ import annotations

import re
from itertools import pairwise

from parsers.authors import looks_like_person
from parsers.body.elements import END_HEADING_MAX_CHARS, END_HEADING_RE
from parsers.body.lines import (
    ATTRIBUTION_RE,
    CONTACT_RE,
    LEAD_PARAGRAPHS,
    NAME_LINE_MAX_CHARS,
    is_post_meta,
    is_repeated_byline,
)
from parsers.dates import is_date_line
from parsers.scan import HEADING_TAGS, Block, Scan

# Headings in a row with no text between them at the body's end (at most
# HEADING_RUN_MAX_AFTER paragraphs follow: "view all", a contact box) are a list of
# other stories' titles. Inside the story such runs are an outline's empty sections
# and stay (dropping them anywhere lost more recall than it gained on WCXB dev).
# Only headline-like headings make such a run: mostly link text, or at least
# HEADLINE_MIN_WORDS words with no phone number or e-mail address (a press
# release's contact block is set in headings too).
MIN_HEADING_RUN = 3
HEADING_RUN_MAX_AFTER = 5
HEADLINE_MIN_WORDS = 5
# A sign-up or follow pitch near the story's end ("Subscribe to our newsletter",
# "Follow us on Instagram", "Enjoy the post? Pin it for later!"): a line of at most
# END_PITCH_MAX_CHARS after END_LABEL_AFTER_SHARE of the body's text is cut with all
# that follows it (the form, the social links, other stories). Earlier in the body
# such a line is as often a pitch the story makes (0.6 cut more story than furniture
# on WCXB dev), and so are demo and free-trial offers anywhere (the company blog's
# own story goes on after them).
END_PITCH_RE = re.compile(
    r"^(?:(?:sign up|subscribe|register)\b|join (?:our|the|my)\b.{0,40}\b(?:newsletter|"
    r"community|club|list|mailing)|get the latest\b|follow (?:us|me)\b|"
    r"stay (?:informed|up to date|updated|in the loop)\b|"
    r"(?:did you )?(?:enjoy(?:ed)?|like[ds]?|love[ds]?) (?:the|this) (?:post|article|recipe|"
    r"story)\b|pin (?:it|this)\b|download (?:our|the|your) free\b|"
    r"share this (?:post|article|story)\b|"
    r"if you (?:enjoyed|liked|found) (?:this|the|my) (?:post|article|guide))",
    re.IGNORECASE,
)
# A pitch speaks for the site or to the reader ("our", "your", "newsletter", "!") or
# is a bare label ("Subscribe."); "Sign up for a flu shot at any polyclinic" and
# "Register for the forum by 25 November" are news, and so is any line with an
# attribution ("..., the ministry said").
PITCH_AIM_RE = re.compile(
    r"\b(?:our|my|us|me|you|your|newsletters?|inbox|channel|podcast)\b|!|"
    r"^get the latest (?:news|updates) (?:about|from|on)\b|"
    r"^[\w-]+(?: [\w-]+){0,2}\W*$",
    re.IGNORECASE,
)
# A press release's own closing sections, which a pitch line before them ("Follow us
# on Telegram") must not cut: notes to editors, media contacts, background.
PRESS_SECTION_RE = re.compile(
    r"^(?:notes? (?:to|for) editors?|(?:media|press) contacts?|contacts?|"
    r"for (?:more|further) information|background(?:er)?|about (?:the )?[\w-]+(?: [\w-]+)?)\W*$",
    re.IGNORECASE,
)
END_PITCH_MAX_CHARS = 150
# b46, from the lines trafilatura drops at the body's end and the truths leave out (dev,
# second, extra, sixth). Three kinds of pitch that END_PITCH_RE's opening words miss, each
# a line of at most OUTLET_PITCH_MAX_CHARS after END_LABEL_AFTER_SHARE of the text:
# - category "a follow pitch naming the outlet and its networks" ("Follow AP on Facebook,
#   X, Instagram, YouTube and TikTok", "Visit the FDA on Facebook, Flickr, YouTube and
#   Twitter", "Follow Metro.co.uk on Twitter and Facebook for the latest news updates",
#   "Follow TechRadar on Google News"): no "us" or "your", the network is the aim;
# - category "a newsletter pitch inside a sentence" ("Please bookmark nationalpost.com and
#   sign up for our daily newsletter", "Check out more ... by signing up to our free weekly
#   newsletter", "Get Free E-mail Alerts on These Topics", "Start Receiving PR-inside.com
#   News Headlines per email", "Subscribe to receive monthly updates about ..."): the
#   sign-up words stand after an opening END_PITCH_RE does not know;
# - category "a donation pitch" ("we have a small favor to ask", "please support us by
#   donating a small amount", "we ask you to support The Portugal News by making a
#   contribution", "Consider a donation if you like what you see here!"); a story's own
#   call ("Support the Bridge Restoration project by donating to the Kickstarter") is news.
# Words as data, grouped by the pitch they make; a line with an attribution is news.
SOCIAL_NETWORKS = (
    "facebook", "twitter", "x", "instagram", "youtube", "linkedin", "tiktok", "threads",
    "bluesky", "telegram", "whatsapp", "google news", "flickr", "pinterest", "snapchat",
    "mastodon",
)  # fmt: skip
FOLLOW_VERBS = ("follow", "visit", "like", "find", "join", "connect with")
# k46: the outlet's own newsletter ("our", or "the" and its name: "sign up for the Crypto-Gram
# Newsletter"), and e-mail alerts offered as the line's opening:
# a story's last lines tell readers of a council's or a school's ("Residents can sign up for
# the free emergency email alerts ...", "Parents will receive email updates from the
# district ...", a story about a newsletter: "Those who sign up for the free weekly newsletter
# ... get the digest each Friday").
NEWSLETTER_PITCHES = (
    r"sign(?:ing)? up (?:for|to) (?:our|the(?= (?-i:[A-Z]))) (?:[\w-]+ ){0,3}"
    r"(?:newsletters?|e-?mails?)",
    r"^(?:get|receive) (?:free )?e-?mail (?:alerts|updates)",
    r"^start receiving\b.{0,60}\b(?:by|per|via) e-?mail",
    r"^subscribe to receive\b",
)
# k46: the pitch asks for the outlet ("we have a small favour to ask", "support us/our ...",
# "we ask you to support <the outlet> by making a contribution", a donation to no one named);
# a story's last lines that report an appeal stay ("The charity, which has a small favour to
# ask of every household ...", the bishops' letter "we ask you to support the families of
# the miners", "Please consider donating to the Maui Strong Fund ...").
_GIVING = (
    r"(?:making a (?:contribution|donation)|donating|becoming a (?:member|supporter|subscriber))"
)
DONATION_PITCHES = (
    r"\b(?:we|i) have (?:a|one) small favou?r to ask",
    r"\bsupport (?:us|our [\w-]+(?: [\w-]+)?) by " + _GIVING,
    r"\bwe ask you to support [^.!?]{1,40}? by " + _GIVING,
    r"^(?:please )?consider (?:a donation|donating|making a donation)\b(?! to (?!us\b|our\b))",
)
# What is followed is "us", "me" or a name (capitalised words: "AP", "the FDA",
# "Metro.co.uk"), on two networks or more or on Google News: "Follow hashtag #njstorm on
# Twitter for information about ..." is news, and one writer's or team's account ("Follow
# Marcas on Twitter @MarcasG", "Follow GOAL.COM USA on Twitter") Dragnet's truth keeps.
_NETWORK = "(?:" + "|".join(SOCIAL_NETWORKS) + r")\b"
FOLLOW_PITCH_RE = re.compile(
    r"^\W*(?:" + "|".join(FOLLOW_VERBS) + r")\s+(?:us|me|(?:the\s+)?(?-i:[A-Z0-9]\S*)"
    r"(?:\s+(?-i:[A-Z0-9]\S*)){0,3})\s+on\s+(?:google news\b|"
    + _NETWORK
    + r"(?:\s*(?:,|and|or|&|\|)\s*"
    + _NETWORK
    + r")+)",
    re.IGNORECASE,
)
OUTLET_PITCH_RE = re.compile("|".join((*NEWSLETTER_PITCHES, *DONATION_PITCHES)), re.IGNORECASE)
OUTLET_PITCH_MAX_CHARS = 300
END_LABEL_AFTER_SHARE = 0.85
# b46: category "a topic label closing the story" (the label over the story's topic or
# tag links, left alone once the links are dropped: "Explore more on these topics" (The
# Guardian), "Part of complete coverage on" (CNN), "Stocks Mentioned", "MORE ABOUT",
# "Schlagwörter zu diesem Artikel" (NDR), "Themen" (Stern, t-online, ZDF), "Archivado En"
# (El País), "Relaterte emner" (VG), "İlgili konular" (Anadolu)): the label alone on its
# line, after END_HEADING_LINE_SHARE of the text, cuts the body like an end heading.
# Surplus on dev 1 line, second 12, extra 1, sixth 18 (14 publishers); kept by a truth only
# on Readability's bug-1255978 ("More about:").
TOPIC_LABELS = (
    # "Related topics" is END_HEADING_RE's already.
    "explore more on (?:these|this) topics?", "more (?:about|on)", "topics",
    "part of complete coverage on", "stocks mentioned",
    "#?themen", "schlagwörter(?: zu diesem artikel)?", "mehr zum thema",  # German
    "archivado en",  # Spanish
    "relaterte emner",  # Norwegian
    "[iİ]lgili konular",  # Turkish
)  # fmt: skip
TOPIC_LABEL_RE = re.compile(r"^(?:" + "|".join(TOPIC_LABELS) + r")\W*$", re.IGNORECASE)
# An end-of-story heading's words on a line outside a heading tag cut the body only
# after this share of its text: such a label set earlier ("Related topics:") may
# introduce one more paragraph of the story.
END_HEADING_LINE_SHARE = 0.9
# The post list of an author box after the story ("Latest posts by Jane Doe (see
# all)", "View all posts by Jane Doe"): cut with all that follows it when at least
# END_LABEL_AFTER_SHARE of the body's text comes before it. What follows "by" must
# read as a person's name ("All articles by the agency are ..." is a sentence).
AUTHOR_POSTS_RE = re.compile(
    r"^(?:(?:latest|recent|more) (?:posts|articles|stories) by|"
    r"(?:view|see|read) all (?:posts|articles|stories) by|all (?:posts|articles|stories) by)"
    r" (.{1,60}?)(?: \(see all\))?$",
    re.IGNORECASE,
)
AUTHOR_POSTS_MAX_CHARS = 100
# Teaser cards without links after the story: each a title, an excerpt, then a byline
# or date line ("by Jane Doe", "Updated July 9, 2025"). Two such lines after
# CARD_TAIL_SHARE of the body's text, CARD_MIN_PARAGRAPHS to CARD_MAX_PARAGRAPHS kept
# paragraphs apart, are cards of a list: the body ends before the first card's title
# (as many paragraphs back as the cards are long, a line under CARD_TITLE_MAX_CHARS).
# A chronology closing a story (date, event, date, event) has one paragraph between
# its dates, and a listing (events, posts) that dates its items all along, not only
# at its end, is left whole.
CARD_TAIL_SHARE = 0.7
CARD_MIN_PARAGRAPHS = 2
CARD_MAX_PARAGRAPHS = 3
CARD_TITLE_MAX_CHARS = 150
CARD_BYLINE_RE = re.compile(
    r"^(?:by|written by|posted by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}$"
)

# Category "comment threads without class names" (older news sites, blogs): the
# replies follow a label line ("Comments", "12 comments", "Have your say", "Leave a
# reply") in the story's own wrapper, unnamed, and are often longer than the story.
# Such a line after COMMENT_LABEL_AFTER_CHARS of the body cuts it with all that
# follows, whatever share of the body comes after. The singular "Comment" is a
# section of many stories (an expert's comment), so only these forms count.
COMMENT_LABEL_RE = re.compile(
    r"^(?:(?:\d+ |reader |readers'? |user )?comments(?: \(\d+\))?|"
    r"have your say|leave a (?:comment|reply)|post a comment|add a comment|"
    r"join the (?:discussion|conversation))\W*$",
    re.IGNORECASE,
)
COMMENT_LABEL_MAX_CHARS = 40
COMMENT_LABEL_AFTER_CHARS = 500


def is_comment_label(text: str) -> bool:
    """Whether ``text`` is a comment thread's label line (COMMENT_LABEL_RE)."""
    return len(text) <= COMMENT_LABEL_MAX_CHARS and COMMENT_LABEL_RE.match(text) is not None


def comment_label_cut(paragraphs: list[str], dropped_labels: list[int]) -> int:
    """How many of ``paragraphs`` to keep: all, or those before a comment thread's
    label line met after COMMENT_LABEL_AFTER_CHARS of text.

    Category "a comment thread under a heading named for it" (blog engines print
    ``<h2 id="comments">Comments</h2>`` over unnamed replies): the heading itself is
    dropped by its name before the lines are read, so ``dropped_labels`` gives where
    such dropped labels sat (as counts of paragraphs kept before them).
    """
    before = 0
    marks = set(dropped_labels)
    for index, text in enumerate(paragraphs):
        if before >= COMMENT_LABEL_AFTER_CHARS and (index in marks or is_comment_label(text)):
            return index
        before += len(text)
    return len(paragraphs)


def end_label_cut(paragraphs: list[str], more_labels: set[str]) -> int:
    """How many of ``paragraphs`` to keep: all, or those before the first line that
    ends the story after most of its text: a sign-up or follow pitch, an end-of-story
    label ("Related posts:" set outside a heading tag), an author box's post list, or
    one of ``more_labels`` (lines introducing other stories, outside lists)."""
    total = sum(len(p) for p in paragraphs)
    before = 0
    for index, text in enumerate(paragraphs):
        if before >= total * END_LABEL_AFTER_SHARE and (
            text in more_labels
            or _is_author_posts(text)
            or (_is_pitch(text) and not _press_sections_follow(paragraphs, index))
            or (
                before >= total * END_HEADING_LINE_SHARE
                and len(text) <= END_HEADING_MAX_CHARS
                and (END_HEADING_RE.match(text) or TOPIC_LABEL_RE.match(text))
            )
        ):
            return index
        before += len(text)
    return len(paragraphs)


def _is_pitch(text: str) -> bool:
    """A short sign-up or follow pitch to the reader, with no attribution (END_PITCH_RE),
    or the outlet's follow, newsletter or donation pitch (FOLLOW_PITCH_RE, OUTLET_PITCH_RE)."""
    if len(text) > OUTLET_PITCH_MAX_CHARS or ATTRIBUTION_RE.search(text) is not None:
        return False
    if FOLLOW_PITCH_RE.match(text) or OUTLET_PITCH_RE.search(text):
        return True
    return (
        len(text) <= END_PITCH_MAX_CHARS
        and END_PITCH_RE.match(text) is not None
        and PITCH_AIM_RE.search(text) is not None
    )


def _is_author_posts(text: str) -> bool:
    """The head of an author box's post list ("Latest posts by Jane Doe (see all)")."""
    if len(text) > AUTHOR_POSTS_MAX_CHARS:
        return False
    found = AUTHOR_POSTS_RE.match(text)
    return found is not None and looks_like_person(found[1])


def _press_sections_follow(paragraphs: list[str], index: int) -> bool:
    """Whether a press release's contacts or closing sections come after ``index``."""
    return any(
        CONTACT_RE.search(text) or PRESS_SECTION_RE.match(text) for text in paragraphs[index + 1 :]
    )


def is_card_meta(text: str, known: dict[str, bool] | None = None) -> bool:
    """A short byline or date line, as teaser cards print under each excerpt
    (``known``: the page's ``Scan.date_lines``)."""
    if len(text) >= NAME_LINE_MAX_CHARS:
        return False
    return (
        is_date_line(text, known)
        or is_post_meta(text)
        or CARD_BYLINE_RE.match(text) is not None
        or is_repeated_byline(text)
    )


def card_tail_cut(paragraphs: list[str], card_meta: list[int]) -> int:
    """How many of ``paragraphs`` to keep: all, or those before a list of teaser cards
    (title, excerpt, byline or date line) ending the body. ``card_meta`` holds, for
    each byline or date line met, how many paragraphs were kept before it."""
    total = sum(len(p) for p in paragraphs)
    limit = total * CARD_TAIL_SHARE
    chars = [0]
    for text in paragraphs:
        chars.append(chars[-1] + len(text))
    if any(m > LEAD_PARAGRAPHS and chars[m] < limit for m in card_meta):
        return len(paragraphs)  # dated items all along: a listing, not cards after a story
    marks = sorted({m for m in card_meta if chars[m] >= limit and m > 0})
    for first, second in pairwise(marks):
        gap = second - first
        if not CARD_MIN_PARAGRAPHS <= gap <= CARD_MAX_PARAGRAPHS:
            continue
        start = first - gap
        if start > 0 and chars[start] >= limit and len(paragraphs[start]) <= CARD_TITLE_MAX_CHARS:
            return start
    return len(paragraphs)


def heading_runs(scan: Scan, kept: list[int]) -> list[tuple[int, int]]:
    """Ranges (over ``kept``, the paragraphs' block indexes) of MIN_HEADING_RUN or more
    headline-like headings in a row that end the body: other stories' titles, not this
    one's sections or its contact lines."""
    blocks = scan.blocks
    runs: list[tuple[int, int]] = []
    start = 0
    for position in range(len(kept) + 1):
        if position < len(kept) and _is_listed_headline(blocks[kept[position]]):
            continue
        if (
            start > 0  # a body of headings only is all there is
            and position - start >= MIN_HEADING_RUN
            and position >= len(kept) - HEADING_RUN_MAX_AFTER
        ):
            runs.append((start, position))
        start = position + 1
    return runs


def _is_listed_headline(block: Block) -> bool:
    """Whether a block may be another story's title in a list of them (not a contact line)."""
    if block.tag not in HEADING_TAGS:
        return False
    text = block.text
    if block.link_chars * 2 >= len(text):
        return True
    return len(text.split()) >= HEADLINE_MIN_WORDS and CONTACT_RE.search(text) is None


# Category "text ads under a sponsored-links label" (news portals of the 2000s): a
# "Sponsored Links" / "Ads by Google" line, then ads of a headline, a line of copy
# and the advertiser's display address ("www.irtsurveys.co.uk"), set in the story's
# own column. The label and each ad that ends in such an address go; what follows
# the last ad stays (the story often resumes there).
SPONSORED_LABEL_RE = re.compile(r"^(?:sponsored links?|ads by google|sponsored results)\W*$", re.I)
DISPLAY_URL_RE = re.compile(
    r"^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}(?:/\S*)?$", re.I
)
AD_MAX_LINES = 3


def sponsored_runs(paragraphs: list[str]) -> set[int]:
    """Indexes of ``paragraphs`` that are sponsored-link labels and the text ads
    under them (SPONSORED_LABEL_RE, each ad ending in a DISPLAY_URL_RE line)."""
    drop: set[int] = set()
    for index, text in enumerate(paragraphs):
        if len(text) > 30 or not SPONSORED_LABEL_RE.match(text):
            continue
        drop.add(index)
        start = index + 1
        while True:
            window = paragraphs[start : start + AD_MAX_LINES]
            ends = [i for i, line in enumerate(window) if DISPLAY_URL_RE.match(line)]
            if not ends:
                break
            drop.update(range(start, start + ends[0] + 1))
            start += ends[0] + 1
    return drop
