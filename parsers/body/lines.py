"""Stage 4b of the body: line filters, one kept-or-dropped decision per line.

Decides whether one short line is furniture the markup left among the story's
paragraphs: boilerplate labels ("Share", "Read more"), reading times, bylines and
"Published" lines printed again, tag and category lines, affiliate disclosures,
rights notices and the date-and-author line over a post (credits: credits.py;
a date stamp with a clock: stamps.py).
Each rule is a pattern kept as data plus a length bound, so a sentence of news
that happens to start with the same words stays (the bounds and the "one
sentence at most" checks are what make that so).
"""

from __future__ import annotations

import re

from parsers.authors import looks_like_person, reads_as_prose
from parsers.body.cjk_lines import is_cjk_furniture_line
from parsers.body.locale_labels import LOCALE_READING_TIME
from parsers.dates import MONTH_ALT, is_date_line

# Furniture lines (dates, "Share", "5 min read") are shorter than this; longer
# blocks are never dropped as such.
FURNITURE_LINE_CHARS = 80
BOILERPLATE_RE = re.compile(
    r"^(?:advertisement|share( this)?( article| story| post)?|read more|related( articles| posts|"
    r" stories)?|continue reading|click here|sign up|subscribe|follow us|print|email|tweet|"
    # Category "ad slots' labels" (magazines, news sites): "Advertisement - Page continues below".
    r"(?:advertisement\W{1,3})?(?:article |story |page )?continues? (?:reading )?below|"
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
# 11 Minute Read", "| Reading Time: 7 minutes", "Estimated reading time:"; in other
# languages ("Lesezeit: 3 Min.", "Temps de Lecture 4 min."): locale_labels (b58).
READING_TIME_RE = re.compile(
    r"(?:^|[\s|•·⋅/,-])(?:\d+|x)\s*min(?:ute)?s?\.?\s*read(?:ing)?(?:\s*time)?\s*"
    r"(?:$|[|•·⋅/,–—-])|^[|•·⋅\s]*(?:estimated\s+)?reading\s+time\b:?\s*"
    r"(?:\d+\s*min(?:ute)?s?\.?)?$|(?:^|\s)min(?:ute)?s?\.? read$|" + LOCALE_READING_TIME,
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
# ("Published May 2 in the official gazette, the law ..." is a sentence). h46, category
# "Drupal's submitted line" ("Submitted on Mon, 2019-01-21 13:49", the default node
# template of Drupal sites): "submitted on" opens it as "posted on" does.
POST_DATE_RE = re.compile(
    r"^(?:last )?(?:published|posted|submitted)(?: on)?:?\s+(?P<date>.+)$", re.I
)
# "2 days ago", "2 days ago Last Modified: 2 days ago".
RELATIVE_DATE_RE = re.compile(
    r"(?:(?:last\s+)?(?:modified|updated)?:?\s*\d+\s+(?:second|minute|min|hour|hr|day|week|"
    r"month|year)s?\s+ago\b[\s|•·,.-]*)+",
    re.IGNORECASE,
)
# After a date: a time zone ("IST") or the section it was filed in ("in Business").
DATE_TAIL_RE = re.compile(r"\s+(?:[A-Z]{2,4}|in\s+[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,2})$")
# Category "a blog theme's post footer" (WordPress's default themes): "This entry was
# posted on <day> at 4:48 pm and is filed under <categories>. You can follow any
# responses to this entry through the RSS 2.0 feed." The theme's fixed words and a time.
POST_FOOTER_RE = re.compile(
    r"^this entry was posted on [^.!?]{4,60}? at \d{1,2}:\d{2} ?[ap]\.?m\b", re.IGNORECASE
)
# "Contributions from: Jane Doe & John Roe": a credit line when all that follows is names.
CONTRIBUTORS_RE = re.compile(r"^(?i:contributions? from):?\s+(?P<names>.+?)\.?$")
NAME_LIST_SPLIT_RE = re.compile(r"\s*(?:,|&|\band\b)\s*")
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
ATTRIBUTION_RE = re.compile(r"\b(?:said|says|told|added|according to|reported)\b", re.IGNORECASE)
# A line repeating an author's name is at most this long.
NAME_LINE_MAX_CHARS = 80
# A short line before the bio ending with one of these is a sentence of the story,
# not a line of the author box (name, role).
SENTENCE_END = ".!?"
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
# A date line over the story, with the author, section or view count beside it
# ("October 11, 2023 by Jane Doe", "Jane Doe • Nov 4th, 2025", "Jan 23", "1,693
# views"): split at separators and "by", one part a date and the rest short labels
# (capitalised, at most LEAD_META_PART_WORDS words, no sentence: "9 May by the
# numbers" is a heading). Only before the first paragraph of LEAD_PROSE_CHARS, not
# in headings, and under LEAD_META_MAX_CHARS.
# h46, category "a numeric date in the line" ("12/19/2025 • Friday Philosophy • David
# Gordon", "On 6/13/2018 by @lazharichir"): a slash between digits is the date's, and a
# handle ("@name") a label. Category "a law firm blog's byline" ("On Behalf of O'Malley
# Tunstall PLLC | Apr 21, 2017 | Products Liability"): "on behalf of" reads as "by".
LEAD_META_SPLIT_RE = re.compile(
    r"\s*(?:[|•·⋅]|(?<!\d)/|/(?!\d))\s*|\s+[Bb]y\s+|^[Oo]n [Bb]ehalf [Oo]f\s+"
)
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
    r"^republish (?:our|this) (?:articles?|stor(?:y|ies))\b|"
    # c45, category "a rights notice in Chinese, Japanese or Korean": "記事・写真の無断転載を
    # 禁じます", "無断転載禁止", "版权所有" ("all rights reserved"), "무단전재 및 재배포 금지".
    # Not "未经授权，不得转载" closing a Chinese story: Readability's truth keeps it (qq).
    # k45: the notice's own words, not a story's sentence about copying ("無断転載を禁じる
    # 規約を設けていた", "版权所有者为作者本人", "웹툰을 무단 복제해 ... 구속했다"): the Japanese
    # prohibition ends the notice, the Chinese owner is no "者/人/方", a Korean notice ends
    # in no sentence ("...다.").
    r"無断(?:で)?(?:[・、]?(?:転載|複製|転用|使用|引用|改変|配布))+(?:を|は)?(?:固く)?"
    r"禁(?:止(?:します|です|されています)?|じます|じられています)?[。.]?(?![\w・、])|"
    r"[版著][权權]所有(?![者人方权權])|"
    r"무단\s?(?:전재|복제|배포)(?!.*다[.。]?\s*$)",
    re.IGNORECASE,
)
RIGHTS_NOTICE_MAX_WORDS = 8
RIGHTS_NOTICE_MAX_CHARS = 300
# List items and table cells repeat legitimately (a schedule, a spec sheet).
CELL_TAGS = frozenset({"li", "td", "th", "dd", "dt"})


def _is_date_rest(text: str) -> bool:
    """Whether ``text`` (what follows "Published" or a byline's name) is only a date."""
    text = DATE_TAIL_RE.sub("", text.strip())
    return is_date_line(text) or RELATIVE_DATE_RE.fullmatch(text) is not None


def is_repeated_byline(text: str) -> bool:
    """ "By Jane Doe | Updated May 1", "By Jane Doe December 2, 2025": a byline, not a sentence."""
    match = REPEATED_BYLINE_RE.match(text)
    if match is None or reads_as_prose(text):
        return False
    return match["date"] is None or _is_date_rest(match["date"])


def is_post_meta(text: str) -> bool:
    """A "Published <date>" line, or a credit line naming only people."""
    match = POST_DATE_RE.match(text)
    if match is not None:
        return _is_date_rest(match["date"])
    match = CONTRIBUTORS_RE.match(text)
    return match is not None and all(
        looks_like_person(name) for name in NAME_LIST_SPLIT_RE.split(match["names"])
    )


def is_furniture_line(text: str) -> bool:
    """An ad label, tag line, review stamp, view counter or image credit: one short
    line, not two sentences (FURNITURE_LINE_RE, TAG_LINE_RE)."""
    if len(text) >= FURNITURE_LINE_MAX_CHARS or SENTENCE_BREAK_RE.search(text):
        return False
    if FURNITURE_LINE_RE.match(text) or is_cjk_furniture_line(text):
        return True
    tags = TAG_LINE_RE.match(text)
    return tags is not None and ("," in tags[1] or len(tags[1].split()) <= TAG_LINE_MAX_WORDS)


def is_disclosure(text: str) -> bool:
    """A short paragraph opening as an affiliate or sponsorship disclosure."""
    return len(text) < DISCLOSURE_MAX_CHARS and DISCLOSURE_RE.match(text) is not None


def is_lead_meta(text: str, known: dict[str, bool] | None = None) -> bool:
    """A date line with only short labels beside it (author, section, view count);
    ``known``: the page's ``Scan.date_lines``."""
    if len(text) >= LEAD_META_MAX_CHARS:
        return False
    parts = [part for part in LEAD_META_SPLIT_RE.split(text) if part]
    dated = False
    for part in parts:
        if is_date_line(part, known) or SHORT_DATE_RE.fullmatch(part):
            dated = True
        elif (
            len(part.split()) > LEAD_META_PART_WORDS
            or part[-1] in SENTENCE_END
            or not (part[0].isupper() or part[0].isdigit() or part[0] == "@")
        ):
            return False
    return dated


def is_rights_notice(text: str) -> bool:
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


# The placeholder text of templates and layout tests (lorem ipsum and its variants):
# prose with this many of its words is filler (category "template filler beside a
# story", parsers.body).
PLACEHOLDER_WORD_RE = re.compile(
    r"\b(?:lorem|ipsum|dolor|consectetur|consetetur|adipi(?:s|si)cing|sadipscing|elitr|"
    r"eiusmod|tempor|incididunt|nonumy|eirmod|invidunt|aliquyam|voluptua|veniam|nostrud|"
    r"ullamco|laboris|aliquip|commodo|consequat|reprehenderit|voluptate|cillum|fugiat|"
    r"pariatur|excepteur|occaecat|cupidatat|proident|officia|deserunt|mollit)\b",
    re.IGNORECASE,
)
PLACEHOLDER_WORDS_MIN = 3


def is_placeholder_prose(text: str) -> bool:
    """Whether ``text`` is set in placeholder words (lorem ipsum), not a story's."""
    return len(PLACEHOLDER_WORD_RE.findall(text, 0, 2000)) >= PLACEHOLDER_WORDS_MIN
