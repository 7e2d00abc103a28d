"""Main text: score the scanned blocks, pick the container, keep its paragraphs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from types import MappingProxyType

from parsers.authors import looks_like_person, reads_as_prose
from parsers.dates import MONTH_ALT, is_date_line
from parsers.metadata import fold
from parsers.scan import HEADING_TAGS, HIDDEN_LABEL, Block, Scan

# What class/id words say about an element, matched on the lower-cased label.
# HARD: never the story (comments, related boxes, popups): dropped when not most
#   of the container's text, and its text does not count as good when scoring.
# SOFT: page furniture (share bars, sidebars; hidden blocks): dropped when not
#   most of the container. Layout modifiers ("has-sidebar", "sidebar-enabled",
#   "content-sidebar-wrap") name the wrapper a sidebar sits beside, not the sidebar.
# WEAK: words also seen on content wrappers: dropped only when mostly links.
# POSITIVE: words of story containers.
HARD_WORDS = (
    r"(?:^|[\s_-])comments?(?:$|[\s_-])|commentlist|disqus|related|recommend|newsletter|"
    r"subscri|cookie|popup|modal|outbrain|taboola|advert|sponsor|promo(?:s|tions?)?\b|"
    r"more-stories|author-?(?:bio|box|info|card|details|profile)|about-?the-?author|testimonials|"
    r"read-?next|more-?from|also-?read|up-?next|trending|most-?(?:read|popular|viewed)|"
    r"(?:popular|recent|latest)-?(?:posts|news|articles|stories)|paywall"
)
SOFT_WORDS = (
    r"share|sharing|social|sidebar(?<!has[_-]sidebar)(?<!no[_-]sidebar)(?<!with[_-]sidebar)"
    r"(?!s?[_-](?:enabled|disabled|wrap))|breadcrumb|\bads?\b|\bad-|signup|footer|navbar|"
    r"skip-link|feedback|rating|disclaimer|disclosure|affiliate|"
    r"is-hidden|carousel|slider|\bforms?\b|navigation|caption|\bmeta\b|copyright|"
    # Calls to action: a product pitch or sign-up box set inside the story.
    r"\bcta|call-?to-?action|banner|citation"
)
# "toc" is WEAK: a table of contents is a link list, while "toc-chapter" and the
# like wrap a story's sections.
WEAK_WORDS = (
    r"toc\b|table-of-contents|widget|masthead|toolbar|print|rss|\bnav\b|"
    r"\bmenu|pagination"
)
# TAIL: WEAK words of what follows a story (author box, tags, post meta): dropped
#   whole when nothing much of the story comes after them.
TAIL_WORDS = r"\btags?\b|tag-list|byline|dateline|author(?<!coauthor)|written-?by|vcard|\bbio\b"
POSITIVE_WORDS = r"article|\bbody|content|entry|main|\bpost|\bstory|\btext|blog|prose|rich-text"
HARD, SOFT, WEAK, POSITIVE, TAIL = 1, 2, 4, 8, 16

COMMENT_WORD = r"(?:^|[\s_-])comments?(?:$|[\s_-])"
COMMENT_WORD_LITERAL_FIRST = r"c(?<![^\s_-]c)omments?(?:$|[\s_-])"
LEADING_BOUNDARY_RE = re.compile(r"(^|\|)\\b([a-z])")


def _literal_first(words: str) -> str:
    r"""``words`` with each leading ``\bx`` rewritten as ``x(?<=\bx)`` (same matches).

    When every alternative opens with a literal character the regex engine skips
    the positions no word can start at; one ``\b`` or ``^`` first disables that
    for the whole alternation, and the label scan is most of the scoring time.
    """
    words = words.replace(COMMENT_WORD, COMMENT_WORD_LITERAL_FIRST)
    return LEADING_BOUNDARY_RE.sub(lambda m: f"{m[1]}{m[2]}(?<=\\b{m[2]})", words)


# One alternation, one scan per label (four separate searches cost four times as much);
# the group name of each match says which bit it sets.
CLASS_WORDS_RE = re.compile(
    f"(?P<hard>{_literal_first(HARD_WORDS)})|(?P<soft>{_literal_first(SOFT_WORDS)})"
    f"|(?P<tail>{_literal_first(TAIL_WORDS)})|(?P<weak>{_literal_first(WEAK_WORDS)})"
    f"|(?P<positive>{_literal_first(POSITIVE_WORDS)})"
)
LABEL_BITS = MappingProxyType(
    {"hard": HARD, "soft": SOFT, "tail": WEAK | TAIL, "weak": WEAK, "positive": POSITIVE}
)
# Class strings of site frameworks recur across pages ("wp-block-heading",
# "elementor-widget-container"): their bits are remembered between pages.
LABEL_CACHE_SIZE = 8192
# Wrappers whose class names say nothing about one part of the page.
CONTENT_TAGS = frozenset({"html", "body", "main", "article"})


# A block shorter than this is a label, not a paragraph, for scoring purposes.
MIN_SCORED_CHARS = 25
# Furniture lines (dates, "Share", "5 min read") are shorter than this; longer
# blocks are never dropped as such.
FURNITURE_LINE_CHARS = 80
GOOD_LINK_DENSITY = 0.33
BOILERPLATE_TAGS = frozenset({"nav", "aside", "footer", "form"})
# A named-boilerplate element inside the container is dropped only when it holds
# less than this share of the container's text (else the names are misleading).
MAX_DROPPED_SHARE = 0.5
# A hidden element (and nothing worse by its names) is dropped when less than
# this share of it is good text.
HIDDEN_GOOD_SHARE = 0.7
# ... or when smaller than a few paragraphs: footnote pop-ups, short FAQ answers.
HIDDEN_MIN_GOOD_CHARS = 400
HIDDEN_MIN_BLOCKS = 3
HIDDEN_FOOTNOTE_WORD = "footnote"
# ... unless it is one of this many hidden elements alike (same class and id text)
# in the container: the panels of an accordion or tabs, the story folded up.
MIN_HIDDEN_SERIES = 3
# A WEAK-named element is dropped when less than this share of it is good text.
WEAK_GOOD_SHARE = 0.5
# A TAIL-named element with at most this share of the container's good text after
# it, and under TAIL_WEAK_SHARE of its text, is dropped even when it reads well.
TAIL_GOOD_AFTER = 0.1
TAIL_WEAK_SHARE = 0.3
# Costs of link text and furniture text against good text when choosing the container.
LINK_COST = 1.5
SHORT_COST = 0.25
NEGATIVE_FACTOR = 0.6
POSITIVE_FACTOR = 1.5
MAX_FACTOR = POSITIVE_FACTOR * POSITIVE_FACTOR
# The chosen container gives way to a descendant holding this share of its good text
# when the descendant scores higher with the class factor capped at POSITIVE_FACTOR:
# an <article> or <main> that is also named "content" must not outscore, on its two
# bonuses alone, the story's own wrapper inside it that leaves out its asides.
INNER_GOOD_SHARE = 0.6
# Blocks nearly all link text are navigation; a list item that is a link plus a few
# words is still story text (0.5 lost more recall than it gained precision on WCXB dev).
LINK_DENSITY_DROP = 0.85
# A link line in a list set between the story's paragraphs (more than this share of
# the container's good text before the list and STORY_LIST_AFTER after it) is part
# of the story (the books or tools it names) when it reads as a title, at least
# STORY_LIST_MIN_WORDS words; link lists at the story's edges are navigation or
# other stories (0.02 before and 0.1 after kept more of those than of the story on
# WCXB dev).
STORY_LIST_BEFORE = 0.1
STORY_LIST_AFTER = 0.25
STORY_LIST_MIN_WORDS = 2
# A link item in a list that also holds a prose item (at least MIN_SCORED_CHARS,
# under GOOD_LINK_DENSITY link text) is one of the story's points that happens to
# link, not navigation: menus and link lists hold no sentence of their own.
LIST_TAGS = frozenset({"ul", "ol"})
# Likewise a link cell in a table row that also holds unlinked text is table data.
ROW_TAGS = frozenset({"tr"})
# A sibling of the container joins the body when it scores this share of the
# container and is nearly all good text (0.5 left out whole sections on WCXB dev;
# 0.15 let in sidebars).
SIBLING_SCORE_SHARE = 0.25
SIBLING_GOOD_SHARE = 0.7
SIBLING_LINK_DENSITY = 0.2
BOILERPLATE_RE = re.compile(
    r"^(?:advertisement|share( this)?( article| story| post)?|read more|related( articles| posts|"
    r" stories)?|continue reading|click here|sign up|subscribe|follow us|print|email|tweet|"
    r"share on \w+|image source|(?:photo|image|picture)(?: credit)?:.*|"
    # Agency credits, alone or with the photographer: "Getty Images / Jane Doe".
    r"(?:getty images|shutterstock|istock(?:photo)?|alamy)(?:\s*(?:[/|:]|via)\s*.{1,60})?|"
    r"(?:photo|image|picture) (?:source|credit)s?:? .{1,60}|sponsored(?: ad| content| post)?|"
    # A bare "Credit"/"Source" opens a sentence ("Credit risk", "Source support ...")
    # unless a colon makes it a label.
    r"(?:photo (?:credit|courtesy|source)s?:?|(?:credit|courtesy|source)s?:) .{1,60}|"
    r"courtesy of .{1,60}|loading\.{0,3}|"
    r"table of contents?|contents|in this article|jump to|on this page|"
    # Labels of what follows the story, printed outside heading tags as often as in.
    r"watch next|related (?:reads|topics)|further reading|(?:article )?sources:|article sources|"
    r"citations|popular (?:articles|posts|stories)|(?:previous|next) (?:article|post)|"
    r"share(?: this)?(?: on)?:|tags:?|filed under:?|show caption|latest news|"
    r"did you find this (?:content|article|page) helpful\??|thank you for your feedback!?|"
    r"was this (?:article|page) helpful\??|ready for more\?|"
    r"written ?by.{0,60}|(?:last )?updated:?(?: .{1,40})?|"
    # "Updated Dec. 23, 2024 / Source: ..." ("Published" and "Posted" lines: POST_DATE_RE).
    r"(?:last )?(?:updated|modified)(?: on)?:?\s+(?:\d{1,4}[-/.]\d|"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    r"\.?\s+\d|\d+ (?:minute|hour|day|week|month)s? ago).{0,60}|"
    # Form, paywall and sign-up furniture; reading-time and "posted by" lines.
    r"this field is required|\d+ min(?:ute)?s? read|"
    r"by clicking .{1,70}|already have an account\??(?: (?:log|sign) in\.?)?|"
    r"(?:sign|log) in to .{1,40}|be the first to know!?|"
    r"get the latest (?:news|updates|stories|headlines|offers)\b.{0,50}|"
    r"don'?t miss (?:anything|out)[.!]?|sorry,? we couldn'?t .{1,60}|thanks for visiting!?|"
    r"you (?:may|might) also like:?|posted by:?(?: .{1,50})?|posted on:?|"
    # Byline labels left on their own line by the markup.
    r"by|authors?:?|(?:edited|reviewed|fact[- ]checked|medically reviewed) by:?(?: .{1,50})?|"
    r"published(?: on)?:?|updated|posted in:? .{0,40}|"
    # Closing rights notices.
    r"all rights reserved\.?)$",
    re.IGNORECASE,
)
NO_WORDS_RE = re.compile(r"^\W*$")
# Reading-time furniture, alone or beside a date or name: "5 min read", "Jun 8, 2023 •
# 11 Minute Read", "| Reading Time: 7 minutes", "Estimated reading time:".
READING_TIME_RE = re.compile(
    r"(?:^|[\s|•·⋅/,-])(?:\d+|x)\s*min(?:ute)?s?\.?\s*read(?:ing)?(?:\s*time)?\s*"
    r"(?:$|[|•·⋅/,–—-])|^[|•·⋅\s]*(?:estimated\s+)?reading\s+time\b:?\s*"
    r"(?:\d+\s*min(?:ute)?s?\.?)?$|(?:^|\s)min(?:ute)?s?\.? read$",
    re.IGNORECASE,
)
# "Related: <other story>" and the like: a link to another article set in the text.
CROSS_LINK_RE = re.compile(
    r"^(?:related|read more|read also|also read|see also|also check|don.?t miss)\s*"
    r"(?:stories|story|articles?|posts?)?"
    r"\s*[:|»>–—-]\s*\S",
    re.IGNORECASE,
)
CROSS_LINK_MAX_CHARS = 200
# "By Jane Doe | Updated May 1": a byline repeated in the text (names capitalised);
# the name may run into a role after "⋅" or " - ", a glued "Published:", or a date
# (group "date", checked by _is_date_rest: "By Decree No. 278 the ..." is a sentence).
REPEATED_BYLINE_RE = re.compile(
    r"^(?:By|BY|by):?\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von))*?"
    r"\s*(?:[|•·⋅,:–—]|\s-\s|\bUpdated\b|\bPublished\b|\bon\b|$|"
    r"(?P<date>(?:(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?)\b\.?,?\s+)?\d.*))"
)
# "Published on May 2, 2024 07:44 PM", "Posted: 2 days ago": only a date may follow
# ("Published May 2 in the official gazette, the law ..." is a sentence).
POST_DATE_RE = re.compile(r"^(?:last )?(?:published|posted)(?: on)?:?\s+(?P<date>.+)$", re.I)
# "2 days ago", "2 days ago Last Modified: 2 days ago".
RELATIVE_DATE_RE = re.compile(
    r"(?:(?:last\s+)?(?:modified|updated)?:?\s*\d+\s+(?:second|minute|min|hour|hr|day|week|"
    r"month|year)s?\s+ago\b[\s|•·,.-]*)+",
    re.IGNORECASE,
)
# After a date: a time zone ("IST") or the section it was filed in ("in Business").
DATE_TAIL_RE = re.compile(r"\s+(?:[A-Z]{2,4}|in\s+[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,2})$")
# "Contributions from: Jane Doe & John Roe": a credit line when all that follows is names.
CONTRIBUTORS_RE = re.compile(r"^(?i:contributions? from):?\s+(?P<names>.+?)\.?$")
NAME_LIST_SPLIT_RE = re.compile(r"\s*(?:,|&|\band\b)\s*")
# This many paragraphs repeated in the same order are a second copy of the story
# (mobile and desktop renderings): counted once when scoring, so the element
# holding both copies does not outscore the story's own wrapper. Fewer repeats
# are per-item notes of a list ("provided courtesy of ...") and count each time;
# so do repeats under MIN_COPY_CHARS in all: a menu drawn twice (mobile and
# desktop navigation) repeats a few short descriptions, not a story.
MIN_COPY_RUN = 3
MIN_COPY_CHARS = 600
# A paragraph this long seen a second time is a carousel clone, a teaser repeating
# the story's lead or a box rendered twice (mobile and desktop), not more of the story.
MIN_DUPLICATE_CHARS = 40
# Teaser cards ("more stories" grids): an element holding one link line of at least
# TEASER_TITLE_CHARS (the headline) and at most TEASER_CARD_CHARS in all; this many
# such cards under one parent are a teaser list, whatever their class names say.
TEASER_TITLE_CHARS = 20
TEASER_CARD_CHARS = 400
# A card whose headline follows a kicker or date line (within TEASER_LEAD_CHARS) may
# carry a longer excerpt: a story's own linked section headings open their sections
# directly, while teaser grids print the section and date above each headline.
TEASER_LED_CARD_CHARS = 1000
MIN_TEASER_CARDS = 3
# A card list holding more of the container's text than this is the page's content
# (a resource directory, a roundup), not teasers beside it.
TEASER_MAX_SHARE = 0.3
# Teasers follow the story: a card list with more than this share of the
# container's good text after it sits inside the story (a listicle's entries).
TEASER_MAX_GOOD_AFTER = 0.25
# A linked heading followed by an unlinked paragraph this long heads a section of
# the story (self-anchored headings, listicle entries linking to the product, a
# company over its figures); a list of linked headings with no text between them
# stays a link list (80 left out short sections on WCXB dev).
PROSE_AFTER_HEADING_CHARS = 25
# The paragraph may come within this many blocks of the heading: a price or rating
# line, or an unlinked sub-heading ("Best for beginners"), often sits between a
# listicle entry's linked title and its text; dropped blocks (a share bar, a
# figure's credit) do not count.
PROSE_AFTER_HEADING_BLOCKS = 3
# Blocks before the headline inside a card (section label, date) stay under this.
TEASER_LEAD_CHARS = 40
# Headings that open a section which is never the story's: everything the heading
# introduces (its section element, or in flat markup the blocks up to the next
# heading) is dropped.
END_HEADING_RE = re.compile(
    r"^(?:related (?:(?:blog |news )?(?:articles|posts|stories)|reading|content|links)|"
    r"you (?:may|might) also (?:like|enjoy)|(?:more )?(?:articles|stories|posts) you (?:may|might) "
    r"(?:also )?(?:like|enjoy)|recommended(?: for you| reading| articles| posts| stories)|"
    r"recent(?: posts| articles)|latest(?: posts| articles| stories)|more (?:from|by) .{1,40}|"
    r"read (?:this )?next|keep reading|what to read next|about the authors?|"
    r"meet the authors?|citations|footnotes|article sources|further reading|"
    r"related (?:reads|topics)|popular (?:articles|posts|stories)|watch next|"
    r"(?:sign up|subscribe) (?:for|to) (?:our|the) .{0,40}newsletters?|"
    # Reading lists, comment threads, product shelves and notices after the story.
    r"more (?:articles|resources)|other (?:related )?(?:posts|articles|stories)"
    r"(?: you.ll (?:love|like|enjoy))?|related (?:publications|products|pages|blog posts)|"
    r"additional reading(?: on .{1,40})?|you (?:may|might) (?:also )?be interested in.{0,40}|"
    r"discussion about this (?:post|article)|meet the testers|featured in this article|"
    r"check out next|disclaimer|"
    # "Related articles that may interest you", "Related market trackers", "More <site> insights".
    r"related (?:[\w-]+ ){0,2}(?:articles|posts|stories|reads|trackers|guides)"
    r"(?: (?:that|you|on|from) .{0,40})?|you (?:may|might) like|more .{1,30} insights)[:.!…]*$",
    re.IGNORECASE,
)
END_HEADING_MAX_CHARS = 60
# The title extractor may trim the <h1> ("Headline | Section", a date prefix): an
# <h1> near the body's start that starts or ends with a title this long (folded
# characters) is that headline.
MIN_TRIMMED_TITLE_CHARS = 15
# Short lines before the headline (kicker, date, breadcrumb) are not the story;
# more text than this there is a standfirst or story set above a repeated title
# (and an <h1> after it is no longer "near the start").
ABOVE_HEADLINE_CHARS = 200
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
# An e-mail address or a phone number ("+375 17 222-22-22", "(202) 555-0100"); dates
# and figures in a headline are not.
CONTACT_RE = re.compile(r"\S@\S+\.\w|\+\d[\d ()-]{6,}|\(?\b\d{2,4}\)?[ .-]\d{3}[ .-]\d{2,4}\b")
# Class words of a standfirst (dek, subtitle, excerpt, summary line) printed over the
# story: among the body's first LEAD_PARAGRAPHS paragraphs such a block is a teaser
# of the story, not part of it (left out of the main text on 36 of 52 WCXB dev pages).
STANDFIRST_RE = re.compile(
    r"sub-?tit|sub-?hea|subhed|\bdek\b|standfirst|excerpt|teaser|description|summary|"
    r"\blede|\bintro|deck\b"
)
LEAD_PARAGRAPHS = 3
# Template filler text: a paragraph opening so is never the story's.
PLACEHOLDER = "lorem ipsum"
PLACEHOLDER_CHARS = len(PLACEHOLDER)
# An author's bio closing the story ("Jane Doe is a reporter at ...", "Jane has
# covered ..."): a paragraph among the body's last AUTHOR_BIO_LAST that opens with an
# author's full name (or first name) and a bio verb, with at least AUTHOR_BIO_MIN_BEFORE
# characters of story before it, is cut with all that follows (the rest of the bio,
# sign-up boxes); up to AUTHOR_BOX_LAST short lines just before it (the author's name,
# "Contributing Writer") go with it. Gold texts of WCXB dev leave such bios out on
# three pages in four.
AUTHOR_BIO_RE = re.compile(
    r"(?:\s*\([^)]{1,60}\))?(?:,[^,.]{1,80},)?\s+(?:is|was|has|holds|writes|covers|joined|"
    r"started|works|worked|lives|serves|leads|specializes|specialises|brings|loves|enjoys)\b"
)
# 6, not 4: a bio is often followed by a few lines of a sign-up box. A first name
# counts only when written as one ("Jane", not the "QCY" of "QCY Official").
AUTHOR_BIO_LAST = 6
AUTHOR_BOX_LAST = 2
AUTHOR_BOX_LINE_CHARS = 40
AUTHOR_BIO_MIN_BEFORE = 1000
# A bio closing the page is the site's own words: an attribution in it or after it
# ("..., her editor said") makes it news about the writer, which stays.
# A first name alone opens a bio only under an author box's line or beside words
# of a writer's bio ("Jean-Luc started the blog in 2010"): elsewhere it may be
# another person of that name ("Anna, 34, has lived in the shelter since March").
BIO_WORDS_RE = re.compile(
    r"\b(?:our|writer|writes|writing|editor|journalist|reporter|author|blog(?:ger)?|"
    r"contributor|columnist|analyst|founder|founded|started)\b",
    re.IGNORECASE,
)
ATTRIBUTION_RE = re.compile(r"\b(?:said|says|told|added|according to|reported)\b", re.IGNORECASE)
# Byline names of a group or a company ("The Investopedia Team", "Staff"): a paragraph
# opening with such a name describes the publisher's product, which the gold texts
# keep as often as not.
GROUP_AUTHOR_WORDS = frozenset(
    {"team", "staff", "editors", "editorial", "desk", "board", "newsroom", "contributors"}
)
# A line repeating an author's name is at most this long.
NAME_LINE_MAX_CHARS = 80
# A short line before the bio ending with one of these is a sentence of the story,
# not a line of the author box (name, role).
SENTENCE_END = ".!?"
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
END_LABEL_AFTER_SHARE = 0.85
# An end-of-story heading's words on a line outside a heading tag cut the body only
# after this share of its text: such a label set earlier ("Related topics:") may
# introduce one more paragraph of the story.
END_HEADING_LINE_SHARE = 0.9
# Furniture lines the markup leaves among the story's paragraphs: ad slot labels,
# reader tools ("Listen", "Read later", "Summarize this article with:"), shop
# badges ("Now 20% Off", "MSRP: $149.99", "Deal alert: ..."), a post's tag and
# category lines ("Tags: a, b", "Posted in X Tagged y", "| Categories: a, b |"),
# page review stamps ("Last reviewed April 2017"), view counters and stock or
# featured-image credits. Only lines under FURNITURE_LINE_MAX_CHARS holding one
# sentence at most, and each open tail is bounded to a few words or needs a digit:
# "Cover photo from the 1945 parade was restored by the archive." is news.
FURNITURE_LINE_RE = re.compile(
    r"^(?:advertising|where to buy:?|recommended|read next|loading [\w-]+(?:\.{0,3}|…)|"
    r"share (?:this|the) (?:blog|post|article|story|page)(?: on| with)?:?|read more news on:?|"
    r"pin (?:it |this )?for later!?|watch (?:the )?video(?: here)?|topics covered:?|"
    r"(?:comment via|posted under):? [^\s.,;]+(?: [^\s.,;]+){0,2}|read later|save|"
    r"press enter or click to view image in full size|click to enlarge(?: (?:the )?image)?|"
    r"now \d+% off|deal alert(?:: [^.!?]{1,80})?|save \$?[\d.,]+%?(?: off)?|"
    r"(?:msrp|list price|regular price|sale price):? ?\$[\d.,]+|"
    r"listen(?: to (?:this|the) (?:article|story|episode))?|"
    r"summari[sz]e (?:this|the) (?:article|post|page|story)(?: with)?:?(?: [^\s.]+){0,3}|"
    r"posted in [^,.;:]{1,60} tagged(?: with)?:? [^.!?]{1,100}|"
    r"[^.!?]{0,80}\|\s*(?:categories|tags|filed under)\s*:[^.!?]{1,100}|"
    r"(?:date |page )?last (?:reviewed|modified|updated)(?: on)?:?"
    r"(?: [^\d.!?]{0,20}\d[^.!?]{0,20})?|"
    r"\(?visited [\d,]+ times?(?:, [\d,]+ visits? today)?\)?|"
    r"(?:featured?|header|cover|hero|top) (?:image|photo|picture)s? "
    r"(?:by|from|via|courtesy of) [^\s.!?]+(?: [^\s.!?]+){0,5}\.?|"
    r"(?:images?|photos?) used under licen[cs]e from [^\s.!?]+(?: [^\s.!?]+){0,4}\.?)$",
    re.IGNORECASE,
)
# A tag or category line: a label, then a comma-separated list or at most
# TAG_LINE_MAX_WORDS words ("Category: heavyweight winners included ..." is a sentence).
TAG_LINE_RE = re.compile(
    r"^(?:tags?|tagged(?: with)?|categories|category|filed under|topics?|related searches)"
    r"\s*:\s*([^.!?:]{1,120})$",
    re.IGNORECASE,
)
TAG_LINE_MAX_WORDS = 4
FURNITURE_LINE_MAX_CHARS = 200
# A sentence end followed by more text: a line of two sentences is not furniture.
SENTENCE_BREAK_RE = re.compile(r"[.!?]\s+\S")
# An affiliate disclosure ("This post contains affiliate links ...", "As an Amazon
# Associate I earn from qualifying purchases", "We may earn a commission ..."): a
# notice about the page, which the gold texts of WCXB dev leave out three times in
# four. Only a short paragraph (under DISCLOSURE_MAX_CHARS) that opens like one, with
# the page, its links or its products as the subject: a story about affiliate
# marketing says such things mid-paragraph, and "As an associate member of the
# EAEU, ..." or "We independently test every batch of milk" are news.
DISCLOSURE_RE = re.compile(
    r"^\W{0,3}(?:(?:affiliate|advertiser) disclosure\s*:|"
    r"(?:(?:please note|disclosure|editorial note)\s*:?\s*(?:[\w' ]{1,40} )?|"
    r"(?:this|our|my|the) (?:[\w-]+ )?(?:post|article|page|site|website|blog|content|"
    r"story|guide|review|recipe|list)s? |(?:we|i) )"
    r"(?:may |might )?(?:contains?|includes?|uses?) (?:some )?"
    r"(?:affiliate|referral|sponsored) links|"
    r"(?:(?:disclosure|editorial note)\s*:?\s*)?(?:we|i) (?:may )?(?:earn|receive|get|make) "
    r"(?:an? )?(?:small )?(?:affiliate )?commission\b|"
    r"(?:disclosure\s*:?\s*)?as an (?:amazon )?(?:associate|affiliate)(?: \w+)?,?"
    r"(?: [\w']+){1,4} earns?\b|"
    r"affiliate links are used|we are a reader-supported|"
    r"(?:buying|purchases made|when you (?:buy|shop|purchase)(?: something)?) through "
    r"(?:our|these|the|affiliate) (?:affiliate |retail )?links\b|"
    r"we independently (?:test|review|select|research|evaluate|choose)(?: and \w+)? "
    r"(?:all |every |the )?(?:products?|items?|gear|services|everything we recommend)\b|"
    r"(?:while )?(?:each|every|all) (?:products?|items?)(?: featured| on this page)? "
    r"(?:is|are|was|were) independently (?:chosen|selected|picked)|"
    r"products are independently (?:chosen|selected|picked))",
    re.IGNORECASE,
)
DISCLOSURE_MAX_CHARS = 400
# A bare count ("589", "1.2k") before the story's first paragraph of at least
# LEAD_PROSE_CHARS: the like, comment and share counters over a post (a table's
# figures sit in cells, and a timeline's years in headings, which this leaves alone).
LEAD_COUNTER_RE = re.compile(r"^[\d.,]+[km]?$", re.IGNORECASE)
LEAD_PROSE_CHARS = 100
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
# A date line over the story, with the author, section or view count beside it
# ("October 11, 2023 by Jane Doe", "Jane Doe • Nov 4th, 2025", "Jan 23", "1,693
# views"): split at separators and "by", one part a date and the rest short labels
# (capitalised, at most LEAD_META_PART_WORDS words, no sentence: "9 May by the
# numbers" is a heading). Only before the first paragraph of LEAD_PROSE_CHARS, not
# in headings, and under LEAD_META_MAX_CHARS.
LEAD_META_SPLIT_RE = re.compile(r"\s*[|•·⋅/]\s*|\s+[Bb]y\s+")
# A day and month without the year (any language dates.py reads), an age, a view count.
SHORT_DATE_RE = re.compile(
    rf"^(?:(?:{MONTH_ALT})\.? \d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}} (?:{MONTH_ALT})\.?|"
    r"\d+ (?:minute|hour|day|week|month)s? ago|[\d,.]+[km]? views?)$",
    re.IGNORECASE,
)
LEAD_META_PART_WORDS = 5
LEAD_META_MAX_CHARS = 100
# A rights notice closing the page: "Copyright © 2025 Example Media" (a copyright
# mark or "Copyright <year>" and at most RIGHTS_NOTICE_MAX_WORDS words, or "all
# rights reserved"), "This work is licensed under a Creative Commons ...",
# "Republish our articles for free ...". "© 2024 figures show output grew" is news.
RIGHTS_NOTICE_RE = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\))|^copyright\s+\d{4}",
    re.IGNORECASE,
)
RIGHTS_NOTICE_TEXT_RE = re.compile(
    r"\ball rights reserved\b|"
    r"^(?:this|the|our|all|text|content)(?: [\w-]+){0,3} (?:is|are) (?:licensed|distributed|"
    r"published|available) under (?:a|the)(?: terms of the)? creative commons\b|"
    r"^republish (?:our|this) (?:articles?|stor(?:y|ies))\b",
    re.IGNORECASE,
)
RIGHTS_NOTICE_MAX_WORDS = 8
RIGHTS_NOTICE_MAX_CHARS = 300
# A picture's caption set as a paragraph, known by the credit closing it ("Guests
# pick pastries. | Photo by Jane Doe", "Photo: Jane Doe", "Jane Doe via Getty Images",
# "Illustrations: Jane Doe"); only lines under CAPTION_MAX_CHARS. The keywords are
# matched in any case, the credited name only capitalised ("Photo: the signing
# ceremony" closes a sentence, it is no credit).
CAPTION_CREDIT_RE = re.compile(
    r"(?:[|—–-]|\.|^)\s*\(?(?i:photo|image|illustration|photograph|picture)s?(?i: credit)?"
    r"(?i: by|:|\s+courtesy(?: of)?)\s*[A-Z][^.!?]{1,60}\)?$|"
    r"\b(?i:via|/|:)\s*(?i:getty images|shutterstock|istock|alamy|unsplash|pexels)\)?$|"
    r"^(?i:illustrations?|icons?|photos?|images?) (?i:by|:) [A-Z][^.!?]{1,40}$",
)
CAPTION_MAX_CHARS = 200
# A subtitle set in a heading tag under the headline (class "subtitle", "subheadline",
# "article-subtitle") is a standfirst too, when it comes before the story's first
# paragraph of LEAD_PROSE_CHARS; STANDFIRST_RE's other words ("summary", "intro",
# "subheading") also name the story's own opening sections, so only these count for
# headings. "Dek" may close a compound class word ("ArticleDek_root", "ContentHeaderDek").
SUBTITLE_RE = re.compile(r"sub-?title|sub-?headline|standfirst|dek(?=[\s_-]|$)")
# Labels over other stories that END_HEADING_RE does not know, printed in any tag
# ("Other popular blogs", "You'll also love...", "What others are reading"): such a
# line (not a list item, under END_HEADING_MAX_CHARS) after END_LABEL_AFTER_SHARE of
# the body's text cuts the body there, like an end-of-story heading. A bare "More
# recipes" may head the story's own last section, so a qualifier is required.
MORE_STORIES_RE = re.compile(
    r"^(?:(?:other|more) (?:(?:popular|great|related|recent|similar) (?:[\w-]+ )?|[\w-]+ )"
    r"(?:blogs?|posts?|articles?|stories|recipes|guides|reads)"
    r"(?: you(?:'ll|’ll| will)? (?:may |might )?(?:also )?(?:enjoy|like|love))?|"
    r"(?:other|more) (?:blogs?|posts?|articles?|stories|recipes|guides|reads)"
    r" you(?:'ll|’ll| will)? (?:may |might )?(?:also )?(?:enjoy|like|love)|"
    r"you(?:'ll|’ll| will)? (?:also )?love|(?:what )?others are reading|"
    r"featured (?:blogs?|posts?|articles?|stories)|"
    r"explore more(?: related)? (?:content|articles|posts|stories)|"
    r"(?:good|more) articles to read(?: together| next)?|today.s .{0,20}favou?rites)\W*$",
    re.IGNORECASE,
)
# A trailing counter or hash in a class or id word: "S:1a", "block-580fb349" (but
# not "col-3" against "col-9": grid columns of other widths are not alike).
TRAILING_ID_RE = re.compile(r"(?::\w+|(?=[0-9a-f]{4,}$)[0-9a-f]*\d[0-9a-f]*)$")
# List items and table cells repeat legitimately (a schedule, a spec sheet).
CELL_TAGS = frozenset({"li", "td", "th", "dd", "dt"})
# A date alone in a table cell is data (a schedule, a release history), not the
# story's dateline, which is never set in a table.
TABLE_CELL_TAGS = frozenset({"td", "th"})
# Likewise a list holding this many date lines is dated data (an event listing, a
# changelog, a timeline): its dates are kept. A dateline comes once.
DATE_DATA_MIN_LINES = 3
DATA_LIST_TAGS = frozenset({"ul", "ol", "dl"})
# A heading's id (or class) is often an anchor slugged from its own text; its words
# ("share", "social", "related") say what the section is about, not that the heading
# is furniture. A slug has at least this many words, nearly all in the heading (the
# rest: a prefix like "h-", a truncated last word); "comments" or "related-posts"
# stay component names.
SLUG_WORD_RE = re.compile(r"[a-z0-9]+")
MIN_SLUG_WORDS = 3
SLUG_WORD_SHARE = 0.75


@lru_cache(maxsize=LABEL_CACHE_SIZE)
def label_kind(label: str) -> int:
    """HARD/SOFT/WEAK/TAIL/POSITIVE bits of one class-and-id text."""
    kind = 0
    for match in CLASS_WORDS_RE.finditer(label.lower()):
        kind |= LABEL_BITS[match.lastgroup or ""]
    return kind


def label_kinds(scan: Scan) -> list[int]:
    """Per element, the bits of its class and id text.

    Pages repeat the same class strings many times, so each distinct label is
    matched once.
    """
    cache: dict[str, int] = {}
    kinds: list[int] = []
    for index, label in enumerate(scan.names):
        kind = cache.get(label)
        if kind is None:
            kind = label_kind(label) if len(label) > 1 else 0
            cache[label] = kind
        if kind & (HARD | SOFT | WEAK) and scan.tags[index] in HEADING_TAGS:
            kind = _heading_label_kind(scan, index, label, kind)
        kinds.append(kind)
    return kinds


def _heading_label_kind(scan: Scan, index: int, label: str, kind: int) -> int:
    """Bits of a heading's label leaving out the anchor slugs made of its own text
    ("what-share-of-adolescents-report" on "What share of adolescents report ...").

    A slug may have been made from an earlier wording of the heading: it is one
    when most of its words are the heading's, or most of the heading's are its.
    """
    text_words = set(
        SLUG_WORD_RE.findall(
            " ".join(
                block.text.lower()
                for block in scan.blocks[scan.first_block[index] : scan.end_block[index]]
            )
        )
    )
    kept = []
    for token in label.split():
        words = SLUG_WORD_RE.findall(token.lower())
        if len(words) < MIN_SLUG_WORDS or len(text_words) < MIN_SLUG_WORDS or (
            sum(word in text_words for word in words) < len(words) * SLUG_WORD_SHARE
            and len(text_words.intersection(words)) < len(text_words) * SLUG_WORD_SHARE
        ):
            kept.append(token)
    if len(kept) == len(label.split()):
        return kind
    return label_kind(" ".join(kept))


@dataclass(frozen=True, slots=True)
class BodyResult:
    """Paragraphs of the main text and the facts ``kind`` is decided from."""

    paragraphs: list[str]
    container: int
    link_blocks: int
    text_blocks: int


@dataclass(frozen=True, slots=True)
class Sums:
    """Prefix sums over the blocks (element ``i`` holds blocks ``first..end``), and
    per element its label bits and whether it sits in a comment thread or the like."""

    text: list[int]
    good: list[int]
    links: list[int]
    short: list[int]
    negative: list[bool]
    kinds: list[int]

    def total(self, series: list[int], first: int, end: int) -> int:
        """Sum of ``series`` over blocks ``first..end``."""
        return series[end] - series[first]


def prefix_sums(scan: Scan) -> Sums:
    """One pass over the blocks: characters of all, good, link and furniture text.

    Text inside comment threads, related-story boxes and the like is furniture
    here, so a long comment thread cannot outscore the story it follows.
    """
    text = [0]
    for block in scan.blocks:
        text.append(text[-1] + len(block.text))
    kinds = label_kinds(scan)
    negative = _hard_negative_elements(scan, kinds, text)
    good, links, short = [0], [0], [0]
    g = k = f = 0
    copies = _copied_blocks(scan)
    for index, block in enumerate(scan.blocks):
        size = len(block.text)
        k += block.link_chars
        if block.tag == "h1":
            pass  # the headline: it sits outside the body as often as inside
        elif negative[block.element]:
            f += size - block.link_chars
        elif size >= MIN_SCORED_CHARS and block.link_chars < size * GOOD_LINK_DENSITY:
            if copies[index]:
                f += size  # a second copy of the story is furniture beside the first
            else:
                g += size - block.link_chars
        elif block.link_chars * 2 < size and block.tag not in HEADING_TAGS:
            f += size
        good.append(g)
        links.append(k)
        short.append(f)
    return Sums(text, good, links, short, negative, kinds)


def _copied_blocks(scan: Scan) -> list[bool]:
    """Per block: part of a second copy of a run of paragraphs (the whole story
    rendered twice, for mobile and desktop), which must not count twice.

    Headings ride along with a run but do not make one: a table of contents
    repeats the story's headings without being a copy of it.
    """
    blocks = scan.blocks
    flags = [False] * len(blocks)
    first_seen: dict[str, int] = {}
    run: list[int] = []
    paragraphs = 0  # non-heading blocks in ``run``
    last_first = -1
    for index, block in enumerate(blocks):
        if len(block.text) < MIN_SCORED_CHARS:
            continue
        first = first_seen.setdefault(block.text, index)
        if first == index:
            continue
        if block.tag in HEADING_TAGS:
            run.append(index)
            continue
        if first <= last_first:
            _flag_copy(run, paragraphs, blocks, flags)
            run, paragraphs = [], 0
        run.append(index)
        paragraphs += 1
        last_first = first
    _flag_copy(run, paragraphs, blocks, flags)
    return flags


def _flag_copy(run: list[int], paragraphs: int, blocks: list[Block], flags: list[bool]) -> None:
    """Mark the blocks of ``run`` as a copy when it is long enough to be the story's."""
    if paragraphs >= MIN_COPY_RUN and sum(len(blocks[i].text) for i in run) >= MIN_COPY_CHARS:
        for i in run:
            flags[i] = True


def _hard_negative_elements(scan: Scan, kinds: list[int], text_before: list[int]) -> list[bool]:
    """Per element: inside (or being) a comment thread, related box, popup...

    Story wrappers sometimes carry such words too ("newsletter-post", markup
    left open inside a popup), so elements that look like content or hold
    most of the page's text are never flagged. Parents are numbered before
    their children, so one forward pass suffices.
    """
    page_chars = text_before[-1]
    flags: list[bool] = []
    for index, parent in enumerate(scan.parents):
        if parent >= 0 and flags[parent]:
            flags.append(True)
            continue
        flags.append(
            kinds[index] & (HARD | POSITIVE) == HARD
            and scan.tags[index] not in CONTENT_TAGS
            and text_before[scan.end_block[index]] - text_before[scan.first_block[index]]
            < page_chars * 0.5
        )
    return flags


def class_factor(scan: Scan, kinds: list[int], index: int) -> float:
    """Mild preference from class/id names and semantic tags (never decisive alone)."""
    factor = 1.0
    kind = kinds[index]
    if kind & (HARD | SOFT):
        factor *= NEGATIVE_FACTOR
    if kind & POSITIVE:
        factor *= POSITIVE_FACTOR
    if scan.tags[index] in ("article", "main"):
        factor *= POSITIVE_FACTOR
    return factor


def _raw_score(scan: Scan, sums: Sums, index: int) -> float:
    """Good text less the cost of the links and furniture beside it."""
    first, end = scan.first_block[index], scan.end_block[index]
    cost = LINK_COST * sums.total(sums.links, first, end)
    cost += SHORT_COST * sums.total(sums.short, first, end)
    return sums.total(sums.good, first, end) - cost


def _score(scan: Scan, sums: Sums, index: int) -> float:
    return _raw_score(scan, sums, index) * class_factor(scan, sums.kinds, index)


def best_container(scan: Scan, sums: Sums) -> int:
    """Element whose good text outweighs the links and furniture it also holds."""
    best, best_score = -1, 0.0
    first_block, end_block, good = scan.first_block, scan.end_block, sums.good
    for index in range(len(first_block)):
        gained = good[end_block[index]] - good[first_block[index]]
        if gained * MAX_FACTOR <= best_score:
            continue  # cannot win even with every bonus
        score = _score(scan, sums, index)
        # ">=": on a tie the later (deeper) element wins, it holds less furniture.
        if score >= best_score and score > 0:
            best, best_score = index, score
    return _inner_container(scan, sums, best) if best >= 0 else best


def _inner_container(scan: Scan, sums: Sums, container: int) -> int:
    """The element holding most of ``container``'s good text (itself or a descendant)
    that scores best with the class factor capped: compounded bonuses (tag and name)
    may choose among rivals, not between a wrapper and the story inside it."""
    first_block, end_block, good = scan.first_block, scan.end_block, sums.good
    end = end_block[container]
    limit = INNER_GOOD_SHARE * (good[end] - good[first_block[container]])
    best, best_score = container, _capped_score(scan, sums, container)
    index = container + 1
    count = len(first_block)
    while index < count and first_block[index] < end:
        if good[end_block[index]] - good[first_block[index]] >= limit:
            score = _capped_score(scan, sums, index)
            if score > best_score:
                best, best_score = index, score
        index += 1
    return best


def _capped_score(scan: Scan, sums: Sums, index: int) -> float:
    """``_score`` with at most one bonus (the tag's or the name's)."""
    factor = min(class_factor(scan, sums.kinds, index), POSITIVE_FACTOR)
    return _raw_score(scan, sums, index) * factor


def with_siblings(scan: Scan, sums: Sums, container: int) -> list[int]:
    """``container`` plus sibling elements that are clearly more of the story.

    Some pages split the text over sibling sections (one per heading); the best
    single element then holds only one of them. Wrappers holding just the
    container are climbed first. Siblings join when they score near the
    container, or when built alike (same tag and first class word as the
    container's outermost wrapper: page builders repeat one block per section),
    read well and adjoin the container (with nothing but empty elements or other
    joined ones between).
    """
    node = container
    parents, first_block, end_block = scan.parents, scan.first_block, scan.end_block
    while parents[node] >= 0 and _only_adds_heading(scan, parents[node], node):
        node = parents[node]
    parent = parents[node]
    if parent < 0:
        return [container]
    threshold = SIBLING_SCORE_SHARE * _score(scan, sums, container)
    twin = _first_class(scan, node)
    siblings: list[int] = []
    end = end_block[parent]
    for index in range(parent + 1, len(parents)):
        if first_block[index] >= end:
            break
        if parents[index] == parent:
            siblings.append(index)
    # Per sibling: 2 joins on score, 1 joins when adjoining, 0 never, -1 empty.
    verdicts: list[int] = []
    for index in siblings:
        first, last = first_block[index], end_block[index]
        size = sums.total(sums.text, first, last)
        if index == node:
            verdicts.append(2)
        elif size == 0:
            verdicts.append(-1)
        elif sums.negative[index] or not (
            sums.total(sums.good, first, last) >= size * SIBLING_GOOD_SHARE
            and sums.total(sums.links, first, last) < size * SIBLING_LINK_DENSITY
        ):
            verdicts.append(0)
        elif _score(scan, sums, index) >= threshold:
            verdicts.append(2)
        else:
            verdicts.append(1 if twin is not None and _first_class(scan, index) == twin else 0)
    at = siblings.index(node)
    for step in (-1, 1):
        position = at + step
        while 0 <= position < len(siblings) and verdicts[position] != 0:
            if verdicts[position] == 1:
                verdicts[position] = 2
            position += step
    return [
        container if index == node else index
        for index, verdict in zip(siblings, verdicts, strict=True)
        if verdict == 2
    ]


def _only_adds_heading(scan: Scan, parent: int, node: int) -> bool:
    """Whether ``parent`` holds nothing but ``node`` and a heading before it (a
    section: its title, then the wrapper of its text)."""
    first, end = scan.first_block[parent], scan.end_block[parent]
    inner = scan.first_block[node]
    if end != scan.end_block[node] or inner - first > 1:
        return False
    return inner == first or scan.blocks[first].tag in HEADING_TAGS


def _first_class(scan: Scan, index: int) -> tuple[str, str] | None:
    """Tag and first class word of an element, less a trailing counter or hash:
    ids and later classes number otherwise alike blocks."""
    words = scan.names[index].split(maxsplit=1)
    return (scan.tags[index], TRAILING_ID_RE.sub("", words[0])) if words else None


def extract_body(
    scan: Scan, sums: Sums, container: int, title: str | None, siblings: bool = False
) -> BodyResult:
    """Paragraphs of the main text inside element ``container`` (-1: none).

    Boilerplate sub-elements, teaser cards, sections under a "Related posts"
    style heading, link lists, furniture lines, cross-links ("Related: ..."),
    repeated bylines, second copies of a paragraph, a standfirst opening the body
    and a heading that repeats ``title`` are left out. With ``siblings``, story-like sibling
    elements of the container are read too.
    """
    if container < 0:
        return BodyResult([], -1, 0, 0)
    elements = with_siblings(scan, sums, container) if siblings else [container]
    folded_title = fold(title) if title else None
    paragraphs: list[str] = []
    seen: set[str] = set()
    link_blocks = text_blocks = 0
    above = 0  # characters kept so far, while no headline was met
    kept: list[int] = []  # block index of each paragraph
    prose_met = False  # a paragraph of LEAD_PROSE_CHARS was kept
    card_meta: list[int] = []  # paragraphs kept before each byline or date line
    more_labels: set[str] = set()  # MORE_STORIES_RE lines outside lists
    # Per list element: whether it holds prose (per table row: unlinked text). Asked
    # once per list, not once per item, so a menu of thousands of links costs linear time.
    mixed: dict[int, bool] = {}
    for element in elements:
        start, end = scan.first_block[element], scan.end_block[element]
        position = start
        skipped = sorted(
            [
                *_excluded_ranges(scan, element, sums),
                *_teaser_ranges(scan, sums, element),
                *_end_section_ranges(scan, element),
            ]
        )
        for skip_start, skip_end in [*skipped, (end, end)]:
            for index in range(position, skip_start):
                block = scan.blocks[index]
                text = block.text
                if (
                    block.link_chars > len(text) * LINK_DENSITY_DROP
                    and not _heads_prose(scan, index, end, skipped)
                    and not _in_story_list(scan, sums, block, element)
                    and not _in_mixed_list(scan, block, element, mixed)
                    and not _in_data_row(scan, block, element, mixed)
                ):
                    link_blocks += 1
                    continue
                if block.tag == "figcaption":
                    continue  # captions are not part of the story's text
                if text[:PLACEHOLDER_CHARS].lower() == PLACEHOLDER:
                    continue  # template filler left in an unused (often hidden) block
                if _is_card_meta(text) and not _is_date_data(scan, block, element):
                    card_meta.append(len(paragraphs))
                if block.tag not in CELL_TAGS and _is_more_stories_label(text):
                    more_labels.add(text)
                if len(text) < FURNITURE_LINE_CHARS and (
                    BOILERPLATE_RE.match(text)
                    or (is_date_line(text) and not _is_date_data(scan, block, element))
                    or NO_WORDS_RE.match(text)
                    or READING_TIME_RE.search(text)
                    or _is_post_meta(text)
                ):
                    continue
                if (
                    _is_furniture_line(text)
                    or _is_disclosure(text)
                    or _is_rights_notice(text)
                    or _is_credited_caption(text)
                ):
                    continue
                if (
                    not prose_met
                    # A table's or list's figures are data, a timeline's years headings.
                    and block.tag not in CELL_TAGS
                    and block.tag not in HEADING_TAGS
                    and (LEAD_COUNTER_RE.match(text) or _is_lead_meta(text))
                ):
                    continue
                lead = not prose_met  # no paragraph of LEAD_PROSE_CHARS before this one
                prose_met = prose_met or len(text) >= LEAD_PROSE_CHARS
                if block.tag in HEADING_TAGS and _repeats_title(
                    fold(text),
                    folded_title,
                    block.tag == "h1" and above < ABOVE_HEADLINE_CHARS,
                ):
                    if above < ABOVE_HEADLINE_CHARS:
                        # Section labels, dates, player widgets above the headline.
                        text_blocks -= len(paragraphs)
                        seen.difference_update(paragraphs)
                        paragraphs.clear()
                        kept.clear()  # parallel to ``paragraphs``
                    above = ABOVE_HEADLINE_CHARS  # one headline: later ones are sections
                    continue
                if len(text) < CROSS_LINK_MAX_CHARS and (
                    CROSS_LINK_RE.match(text)
                    or (block.tag not in HEADING_TAGS and _is_repeated_byline(text))
                ):
                    continue
                if (
                    len(paragraphs) < LEAD_PARAGRAPHS
                    and block.tag not in HEADING_TAGS
                    and STANDFIRST_RE.search(scan.names[block.element].lower())
                    and _label_once(scan, element, block.element)
                ):
                    continue
                if lead and _is_subtitle(scan, element, block):
                    continue
                if len(text) >= MIN_DUPLICATE_CHARS and block.tag not in CELL_TAGS:
                    if text in seen:
                        continue
                    seen.add(text)
                text_blocks += 1
                above += len(text)
                paragraphs.append(text)
                kept.append(index)
            position = max(position, skip_end)
    runs = _heading_runs(scan, kept)
    if runs:
        drop = {i for first, last in runs for i in range(first, last)}
        paragraphs = [p for i, p in enumerate(paragraphs) if i not in drop]
        text_blocks -= len(drop)
    cut = min(_end_label_cut(paragraphs, more_labels), _card_tail_cut(paragraphs, card_meta))
    text_blocks -= len(paragraphs) - cut
    return BodyResult(paragraphs[:cut], container, link_blocks, text_blocks)


def _end_label_cut(paragraphs: list[str], more_labels: set[str]) -> int:
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
                and END_HEADING_RE.match(text)
            )
        ):
            return index
        before += len(text)
    return len(paragraphs)


def _is_pitch(text: str) -> bool:
    """A short sign-up or follow pitch to the reader, with no attribution (END_PITCH_RE)."""
    return (
        len(text) <= END_PITCH_MAX_CHARS
        and END_PITCH_RE.match(text) is not None
        and PITCH_AIM_RE.search(text) is not None
        and ATTRIBUTION_RE.search(text) is None
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
        CONTACT_RE.search(text) or PRESS_SECTION_RE.match(text)
        for text in paragraphs[index + 1 :]
    )


def _is_card_meta(text: str) -> bool:
    """A short byline or date line, as teaser cards print under each excerpt."""
    if len(text) >= NAME_LINE_MAX_CHARS:
        return False
    return (
        is_date_line(text)
        or _is_post_meta(text)
        or CARD_BYLINE_RE.match(text) is not None
        or _is_repeated_byline(text)
    )


def _card_tail_cut(paragraphs: list[str], card_meta: list[int]) -> int:
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
        if (
            start > 0
            and chars[start] >= limit
            and len(paragraphs[start]) <= CARD_TITLE_MAX_CHARS
        ):
            return start
    return len(paragraphs)


def _is_more_stories_label(text: str) -> bool:
    """A short line introducing other stories (MORE_STORIES_RE)."""
    return len(text) <= END_HEADING_MAX_CHARS and MORE_STORIES_RE.match(text) is not None


def _label_once(scan: Scan, container: int, element: int) -> bool:
    """Whether no other element inside ``container`` carries ``element``'s class and
    id text: a standfirst is one of a kind, an item description of a list is not."""
    name, names, first_block = scan.names[element], scan.names, scan.first_block
    end = scan.end_block[container]
    index = container + 1
    while index < len(names) and first_block[index] < end:
        if index != element and names[index] == name:
            return False
        index += 1
    return True


def _heading_runs(scan: Scan, kept: list[int]) -> list[tuple[int, int]]:
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


def _is_date_rest(text: str) -> bool:
    """Whether ``text`` (what follows "Published" or a byline's name) is only a date."""
    text = DATE_TAIL_RE.sub("", text.strip())
    return is_date_line(text) or RELATIVE_DATE_RE.fullmatch(text) is not None


def _is_repeated_byline(text: str) -> bool:
    """"By Jane Doe | Updated May 1", "By Jane Doe December 2, 2025": a byline, not a sentence."""
    match = REPEATED_BYLINE_RE.match(text)
    if match is None or reads_as_prose(text):
        return False
    return match["date"] is None or _is_date_rest(match["date"])


def _is_post_meta(text: str) -> bool:
    """A "Published <date>" line, or a credit line naming only people."""
    match = POST_DATE_RE.match(text)
    if match is not None:
        return _is_date_rest(match["date"])
    match = CONTRIBUTORS_RE.match(text)
    return match is not None and all(
        looks_like_person(name) for name in NAME_LIST_SPLIT_RE.split(match["names"])
    )


def _is_furniture_line(text: str) -> bool:
    """An ad label, tag line, review stamp, view counter or image credit: one short
    line, not two sentences (FURNITURE_LINE_RE, TAG_LINE_RE)."""
    if len(text) >= FURNITURE_LINE_MAX_CHARS or SENTENCE_BREAK_RE.search(text):
        return False
    if FURNITURE_LINE_RE.match(text):
        return True
    tags = TAG_LINE_RE.match(text)
    return tags is not None and (
        "," in tags[1] or len(tags[1].split()) <= TAG_LINE_MAX_WORDS
    )


def _is_disclosure(text: str) -> bool:
    """A short paragraph opening as an affiliate or sponsorship disclosure."""
    return len(text) < DISCLOSURE_MAX_CHARS and DISCLOSURE_RE.match(text) is not None


def _is_lead_meta(text: str) -> bool:
    """A date line with only short labels beside it (author, section, view count)."""
    if len(text) >= LEAD_META_MAX_CHARS:
        return False
    parts = [part for part in LEAD_META_SPLIT_RE.split(text) if part]
    dated = False
    for part in parts:
        if is_date_line(part) or SHORT_DATE_RE.fullmatch(part):
            dated = True
        elif (
            len(part.split()) > LEAD_META_PART_WORDS
            or part[-1] in SENTENCE_END
            or not (part[0].isupper() or part[0].isdigit())
        ):
            return False
    return dated


def _is_rights_notice(text: str) -> bool:
    """A short copyright or licence notice (RIGHTS_NOTICE_RE, RIGHTS_NOTICE_TEXT_RE)."""
    if len(text) >= RIGHTS_NOTICE_MAX_CHARS:
        return False
    if RIGHTS_NOTICE_TEXT_RE.search(text):
        return True
    return (
        RIGHTS_NOTICE_RE.match(text) is not None
        and len(text.split()) <= RIGHTS_NOTICE_MAX_WORDS
        and not SENTENCE_BREAK_RE.search(text)
    )


def _is_credited_caption(text: str) -> bool:
    """A short line closing with a picture credit: a caption (CAPTION_CREDIT_RE)."""
    return len(text) < CAPTION_MAX_CHARS and CAPTION_CREDIT_RE.search(text) is not None


def _is_subtitle(scan: Scan, container: int, block: Block) -> bool:
    """Whether ``block`` is the one element inside ``container`` named as a subtitle
    or dek (SUBTITLE_RE), heading tag or not."""
    return SUBTITLE_RE.search(scan.names[block.element].lower()) is not None and _label_once(
        scan, container, block.element
    )


def _is_listed_headline(block: Block) -> bool:
    """Whether a block may be another story's title in a list of them (not a contact line)."""
    if block.tag not in HEADING_TAGS:
        return False
    text = block.text
    if block.link_chars * 2 >= len(text):
        return True
    return len(text.split()) >= HEADLINE_MIN_WORDS and CONTACT_RE.search(text) is None


def _repeats_title(folded: str, folded_title: str | None, leading: bool) -> bool:
    """Whether a heading (folded) is the headline: the title itself anywhere, or near
    the body's start the untrimmed <h1> the title was cut from."""
    if not folded_title:
        return False
    if folded == folded_title:
        return True
    return (
        leading
        and len(folded_title) >= MIN_TRIMMED_TITLE_CHARS
        and (folded.startswith(folded_title) or folded.endswith(folded_title))
    )


def _excluded_ranges(scan: Scan, container: int, sums: Sums) -> list[tuple[int, int]]:
    """Block ranges of boilerplate sub-elements (comments, share bars) inside the container."""
    start, end = scan.first_block[container], scan.end_block[container]
    total = sums.total(sums.text, start, end)
    good_total = sums.total(sums.good, start, end)
    ranges: list[tuple[int, int]] = []
    # Elements are numbered in document order, so descendants follow the container.
    index = container + 1
    count = len(scan.parents)
    tags = scan.tags
    hidden_names: dict[str, int] = {}  # filled on the first hidden element met
    while index < count and scan.first_block[index] < end:
        first, last = scan.first_block[index], scan.end_block[index]
        kind = sums.kinds[index]
        size = sums.total(sums.text, first, last)
        if kind & SOFT and _only_hidden(scan.names[index]):
            # Collapsed accordions and tabs hide story text too: only a hidden
            # element that does not read like the story is furniture.
            good = sums.total(sums.good, first, last)
            drop = good < size * HIDDEN_GOOD_SHARE or (
                (good < HIDDEN_MIN_GOOD_CHARS or last - first < HIDDEN_MIN_BLOCKS)
                and not _hidden_series(scan, container, index, hidden_names)
            )
        elif kind & (HARD | SOFT) or tags[index] in BOILERPLATE_TAGS:
            drop = size < total * MAX_DROPPED_SHARE
        elif kind & WEAK:
            drop = sums.total(sums.good, first, last) < size * WEAK_GOOD_SHARE or (
                # After the story's end (an author box, a tag cloud), good text or not.
                kind & TAIL != 0
                and size < total * TAIL_WEAK_SHARE
                and sums.total(sums.good, last, end) <= good_total * TAIL_GOOD_AFTER
            )
        else:
            drop = False
        if drop and last > first:
            ranges.append((first, last))
            # Skip this element's descendants: their blocks are already excluded.
            index += 1
            while index < count and scan.first_block[index] < last:
                index += 1
            continue
        index += 1
    return ranges


def _hidden_series(scan: Scan, container: int, index: int, counts: dict[str, int]) -> bool:
    """Whether hidden element ``index`` is one of a series of alike hidden panels in
    ``container`` (the answers of an FAQ accordion, the tabs of a comparison): the
    story folded up, however short each panel. ``counts`` (hidden labels in the
    container) is filled on the first call."""
    if not counts:
        names, end = scan.names, scan.end_block[container]
        position = container + 1
        while position < len(names) and scan.first_block[position] < end:
            name = names[position]
            if name.endswith(HIDDEN_LABEL):
                counts[name] = counts.get(name, 0) + 1
            position += 1
        counts[""] = 0  # filled, even when nothing else is hidden
    return counts.get(scan.names[index], 0) >= MIN_HIDDEN_SERIES


def _only_hidden(name: str) -> bool:
    """Whether a SOFT label is so only because the element is hidden (and it is
    not a footnote pop-up, which repeats the notes kept elsewhere or not at all)."""
    if not name.endswith(HIDDEN_LABEL) or HIDDEN_FOOTNOTE_WORD in name.lower():
        return False
    return not label_kind(name[: -len(HIDDEN_LABEL)]) & (HARD | SOFT)


def _heads_prose(
    scan: Scan, index: int, end: int, skipped: list[tuple[int, int]] | None = None
) -> bool:
    """Whether block ``index`` is a heading followed (within PROSE_AFTER_HEADING_BLOCKS
    blocks, before ``end`` and the next linked heading) by a prose paragraph: a section
    heading that links to itself (anchor links) or to the thing it names, kept
    although it is all link text. Unlinked sub-headings do not end the search, and
    blocks of ``skipped`` ranges (a figure's credit, a share bar) are passed over."""
    blocks = scan.blocks
    if blocks[index].tag not in HEADING_TAGS:
        return False
    seen = 0
    position = index + 1
    while position < end and seen < PROSE_AFTER_HEADING_BLOCKS:
        skip = next((last for first, last in skipped or () if first <= position < last), None)
        if skip is not None:
            position = skip
            continue
        after = blocks[position]
        if after.tag in HEADING_TAGS:
            if after.link_chars * 2 >= len(after.text):
                return False
        elif (
            len(after.text) >= PROSE_AFTER_HEADING_CHARS
            and after.link_chars < len(after.text) * GOOD_LINK_DENSITY
        ):
            return True
        seen += 1
        position += 1
    return False


def _in_story_list(scan: Scan, sums: Sums, block: Block, container: int) -> bool:
    """Whether a link line of a few words sits in a list with story text on both sides."""
    if len(block.text.split()) < STORY_LIST_MIN_WORDS:
        return False
    element = _list_of(scan, block, container)
    if element < 0:
        return False
    start, end = scan.first_block[container], scan.end_block[container]
    good = sums.total(sums.good, start, end)
    return (
        sums.total(sums.good, start, scan.first_block[element]) > good * STORY_LIST_BEFORE
        and sums.total(sums.good, scan.end_block[element], end) > good * STORY_LIST_AFTER
    )


def _list_of(
    scan: Scan, block: Block, container: int, list_tags: frozenset[str] = LIST_TAGS
) -> int:
    """The innermost list (of ``list_tags``) holding ``block`` inside ``container``, or -1."""
    parents, tags = scan.parents, scan.tags
    element = block.element
    while element != container and element >= 0 and tags[element] not in list_tags:
        element = parents[element]
    return -1 if element == container else element


def _is_date_data(scan: Scan, block: Block, container: int) -> bool:
    """Whether a date line is data: a table cell's, or one of DATE_DATA_MIN_LINES or
    more date lines of one list inside ``container``."""
    if block.tag in TABLE_CELL_TAGS:
        return True
    element = _list_of(scan, block, container, DATA_LIST_TAGS)
    if element < 0:
        return False
    dates = 0
    for other in scan.blocks[scan.first_block[element] : scan.end_block[element]]:
        if len(other.text) < FURNITURE_LINE_CHARS and is_date_line(other.text):
            dates += 1
            if dates >= DATE_DATA_MIN_LINES:
                return True
    return False


def _in_mixed_list(scan: Scan, block: Block, container: int, memo: dict[int, bool]) -> bool:
    """Whether a link line sits in a list that also holds a prose line: a story's
    list whose items partly link, not a menu or a list of other stories. ``memo``
    keeps the answer per list."""
    element = _list_of(scan, block, container)
    if element < 0:
        return False
    if element not in memo:
        memo[element] = _holds_prose(scan, element)
    return memo[element]


def _in_data_row(scan: Scan, block: Block, container: int, memo: dict[int, bool]) -> bool:
    """Whether a link line is a cell of a table row that also holds text that is not
    a link (a company beside its ticker and revenue, a product beside its price):
    table data, where a menu laid out as a table is links alone. ``memo`` keeps the
    answer per row."""
    row = _list_of(scan, block, container, ROW_TAGS)
    if row < 0:
        return False
    if row not in memo:
        memo[row] = any(
            other.link_chars * 2 < len(other.text)
            for other in scan.blocks[scan.first_block[row] : scan.end_block[row]]
        )
    return memo[row]


def _holds_prose(scan: Scan, element: int) -> bool:
    """Whether element ``element`` holds a block of prose (not mostly link text)."""
    return any(
        len(other.text) >= MIN_SCORED_CHARS
        and other.link_chars < len(other.text) * GOOD_LINK_DENSITY
        for other in scan.blocks[scan.first_block[element] : scan.end_block[element]]
    )


def _is_link_line(text: str, link_chars: int) -> bool:
    return link_chars > len(text) * LINK_DENSITY_DROP and len(text) >= TEASER_TITLE_CHARS


def _teaser_ranges(scan: Scan, sums: Sums, container: int) -> list[tuple[int, int]]:
    """Block ranges of teaser cards inside the container: repeated small elements,
    each a linked headline plus a line or two (excerpt, date, section).

    A card is the largest element around a link line that holds no other link
    line; the story's own paragraphs are never inside such a small element with a
    headline link, and a listicle's entries are longer than a teaser.
    """
    start, end = scan.first_block[container], scan.end_block[container]
    blocks = scan.blocks
    titles = [i for i in range(start, end) if _is_link_line(blocks[i].text, blocks[i].link_chars)]
    if len(titles) < MIN_TEASER_CARDS:
        return []
    parents, first_block, end_block = scan.parents, scan.first_block, scan.end_block
    cards: dict[int, list[int]] = {}
    for position, block_index in enumerate(titles):
        # Neighbouring link lines bound the card: it may not reach either of them.
        low = titles[position - 1] + 1 if position else start
        high = titles[position + 1] if position + 1 < len(titles) else end
        element = blocks[block_index].element
        if element == container:
            continue
        while True:
            parent = parents[element]
            if parent == container or first_block[parent] < low or end_block[parent] > high:
                break
            element = parent
        first, last = first_block[element], end_block[element]
        if last == block_index + 1 and first == block_index:
            # A bare link line is no card (a card wraps an excerpt or a date): the
            # link-line rules decide it, e.g. a source list that also holds prose.
            continue
        if last == block_index + 1 and _heads_prose(scan, block_index, high):
            # A bare linked heading over prose heads a section; cards wrap their excerpt.
            continue
        lead = sums.total(sums.text, first, block_index)
        if lead <= TEASER_LEAD_CHARS and sums.total(sums.text, first, last) <= (
            TEASER_LED_CARD_CHARS if lead else TEASER_CARD_CHARS
        ):
            cards.setdefault(parents[element], []).append(element)
    limit = TEASER_MAX_SHARE * sums.total(sums.text, start, end)
    good_limit = TEASER_MAX_GOOD_AFTER * sums.total(sums.good, start, end)
    ranges: list[tuple[int, int]] = []
    for group in cards.values():
        spans = [(first_block[card], end_block[card]) for card in group]
        if (
            len(group) >= MIN_TEASER_CARDS
            and sum(sums.total(sums.text, first, last) for first, last in spans) < limit
            and sums.total(sums.good, spans[-1][1], end) <= good_limit
        ):
            ranges.extend(spans)
    return ranges


def _end_section_ranges(scan: Scan, container: int) -> list[tuple[int, int]]:
    """Block ranges introduced by a heading such as "Related posts" or "About the author"."""
    start, end = scan.first_block[container], scan.end_block[container]
    blocks, parents = scan.blocks, scan.parents
    first_block, end_block = scan.first_block, scan.end_block
    ranges: list[tuple[int, int]] = []
    for index in range(start, end):
        block = blocks[index]
        if (
            block.tag not in HEADING_TAGS
            or len(block.text) > END_HEADING_MAX_CHARS
            or not END_HEADING_RE.match(block.text)
        ):
            continue
        if index == start or block.element == container:
            # A story that opens with such a heading is that section, not followed by it.
            continue
        # The section: the largest element inside the container that opens with the heading.
        element = block.element
        while (parent := parents[element]) >= 0 and parent != container and (
            first_block[parent] == index
        ):
            element = parent
        last = end_block[element]
        if last == index + 1:
            # Flat markup: the heading's section runs to the next heading.
            parent = parents[element]
            parent_end = end_block[parent] if 0 <= parent != container else end
            last = index + 1
            while last < parent_end and blocks[last].tag not in HEADING_TAGS:
                last += 1
        ranges.append((index, last))
    return ranges


def without_author_bio(paragraphs: list[str], authors: Sequence[str]) -> list[str]:
    """``paragraphs`` less lines that only name an author (a byline printed again)
    and less an author bio closing the story, with what follows it."""
    paragraphs = _without_name_lines(paragraphs, authors)
    people = [a for a in authors if _is_person_author(a)]
    # Longest first: "Jane Doe" before "Jane Do"; first names apart (BIO_WORDS_RE).
    names = sorted({a for a in people if len(a) > 2}, key=len, reverse=True)
    first_names = sorted(
        {a.split()[0] for a in people if len(a.split()[0]) > 2 and a.split()[0][1:2].islower()},
        key=len,
        reverse=True,
    )
    for index in range(max(len(paragraphs) - AUTHOR_BIO_LAST, 0), len(paragraphs)):
        text = paragraphs[index]
        first_name_bio = (index > 0 and _is_box_line(paragraphs[index - 1])) or (
            BIO_WORDS_RE.search(text) is not None
        )
        if (
            (_opens_bio(text, names) or (first_name_bio and _opens_bio(text, first_names)))
            and _chars_before(paragraphs, index) >= AUTHOR_BIO_MIN_BEFORE
            and not any(ATTRIBUTION_RE.search(later) for later in paragraphs[index:])
        ):
            cut = index
            while cut > 0 and index - cut < AUTHOR_BOX_LAST and _is_box_line(paragraphs[cut - 1]):
                cut -= 1
            return paragraphs[:cut]
    return paragraphs


def _is_box_line(text: str) -> bool:
    """A short line that is no sentence: an author box's name or job title."""
    return len(text) <= AUTHOR_BOX_LINE_CHARS and text[-1:] not in SENTENCE_END


def _chars_before(paragraphs: list[str], index: int) -> int:
    """Characters of the paragraphs before ``index``."""
    return sum(len(p) for p in paragraphs[:index])


def _is_person_author(name: str) -> bool:
    """Whether a byline name is a person's (a bio may follow), not a group's."""
    return looks_like_person(name) and not any(
        word.casefold() in GROUP_AUTHOR_WORDS for word in name.split()
    )


def _opens_bio(text: str, names: list[str]) -> bool:
    """Whether ``text`` opens with one of ``names`` followed by a bio verb."""
    return any(text.startswith(n) and AUTHOR_BIO_RE.match(text, len(n)) for n in names)


def _without_name_lines(paragraphs: list[str], authors: Sequence[str]) -> list[str]:
    """``paragraphs`` less those that are only an author's name: not a speaker's
    label ("Jane Doe:"), nor a name in a contact block (next to an e-mail address
    or phone number, or under "... contact:")."""
    folded = {fold(a) for a in authors}
    kept = []
    for index, text in enumerate(paragraphs):
        if len(text) <= NAME_LINE_MAX_CHARS and fold(text) in folded and not text.endswith(":"):
            before = paragraphs[index - 1] if index > 0 else ""
            after = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
            if not (
                before.endswith(":") or CONTACT_RE.search(before) or CONTACT_RE.search(after)
            ):
                continue
        kept.append(text)
    return kept
