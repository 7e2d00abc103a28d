"""Stage 1 of the body: what an element's class and id words say about it.

Decides, per element, the HARD/SOFT/WEAK/TAIL/POSITIVE bits that the later stages
read: names are the cheapest evidence a page gives of comment threads, share bars
and story wrappers, but never decisive alone (scoring weighs them mildly, pruning
drops a named element only when it is not most of the story). The words are data
(the ``*_WORDS`` alternations); a heading's anchor slug made of its own text does
not count as a name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import MappingProxyType

from parsers.scan import HEADING_TAGS, Scan

# What class/id words say about an element, matched on the lower-cased label.
# HARD: never the story (comments, related boxes, popups): dropped when not most
#   of the container's text, and its text does not count as good when scoring.
# SOFT: page furniture (share bars, sidebars; hidden blocks): dropped when not
#   most of the container. Layout modifiers ("has-sidebar", "sidebar-enabled",
#   "content-sidebar-wrap") name the wrapper a sidebar sits beside, not the sidebar.
# WEAK: words also seen on content wrappers: dropped only when mostly links.
# POSITIVE: words of story containers.
# A consent manager's banner and preference centre (p38): OneTrust's SDK wraps them in
# "onetrust-consent-sdk" ("Strictly Necessary Cookies ... Your Privacy"), its older
# releases in "optanon-*"; such text is never the story. HARD like the words below, and
# (b39) never a misnamed wrapper however much of the page it holds (``CONSENT_RE``,
# read by ``score.MISNAMED_MIN_SHARE``'s rule).
CONSENT_WORDS = r"onetrust|optanon"
HARD_WORDS = (
    r"(?:^|[\s_-])comments?(?:$|[\s_-])|commentlist|commentform|\brespond\b|disqus|related|"
    r"recommend|newsletter|"
    r"subscri|cookie|popup|modal|outbrain|taboola|advert|sponsor|promo(?:s|tions?)?\b|"
    r"more-stories|author-?(?:bio|box|info|card|details|profile)|about-?the-?author|testimonials|"
    r"read-?next|more-?from|also-?read|up-?next|trending|most-?(?:read|popular|viewed)|"
    r"(?:popular|recent|latest)-?(?:posts|news|articles|stories)|paywall|" + CONSENT_WORDS
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
CONSENT_RE = re.compile(CONSENT_WORDS)

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
# A heading's id (or class) is often an anchor slugged from its own text; its words
# ("share", "social", "related") say what the section is about, not that the heading
# is furniture. A slug has at least this many words, nearly all in the heading (the
# rest: a prefix like "h-", a truncated last word); "comments" or "related-posts"
# stay component names.
SLUG_WORD_RE = re.compile(r"[a-z0-9]+")
# Category "story paragraphs marked as metered": sites that meter their stories
# (Conde Nast's, among others) put "paywall" on each <p> of the story behind the
# meter; the paywall prompt itself is a box (div, section), never a lone paragraph.
METERED_RE = re.compile(r"paywall", re.IGNORECASE)
METERED_TAGS = frozenset({"p"})
# Category "the story in a wrapper named for the paywall" (b42, fundus's publishers:
# Rolling Stone's ``pmc-paywall``, ABC's (Spain) ``paywall``, Jyllands-Posten's
# ``...paywalled`` hold the whole story, sent in the page and gated by script): an
# element named so that holds METERED_MIN_PARAGRAPHS paragraphs of METERED_PROSE_CHARS,
# mostly unlinked, is the story, not the prompt (a prompt box holds a pitch of a line or two).
METERED_MIN_PARAGRAPHS = 3
METERED_PROSE_CHARS = 150
# Category "a paywall prompt of long pitch paragraphs" (x45, kb42's xfail): a prompt box
# whose paragraphs are long ("Unabhängiger Journalismus kostet Geld. Mit einem Abonnement
# unterstützen Sie ...") passed the count above and was kept after the story. A paragraph
# asking for a subscription, in the languages of the sets' publishers (English, German,
# Dutch, the Nordic ones, French: "abonn..."; Italian, Spanish, Portuguese, Polish, Swedish,
# Czech, Hungarian), is the pitch's, not the story's prose.
PITCH_RE = re.compile(
    r"\b(?:subscri\w*|abos?|abonn\w*|abonament\w*|abbona\w*|suscri\w*|assinatura\w*|"
    r"assinante\w*|assine|prenumer\w*|předplat\w*|előfizet\w*)\b",
    re.IGNORECASE,
)
MIN_SLUG_WORDS = 3
# A word boundary written in camelCase: a lower-case letter before a capital.
CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
SLUG_WORD_SHARE = 0.75


@lru_cache(maxsize=LABEL_CACHE_SIZE)
def label_kind(label: str) -> int:
    """HARD/SOFT/WEAK/TAIL/POSITIVE bits of one class-and-id text."""
    kind = 0
    for match in CLASS_WORDS_RE.finditer(label.lower()):
        kind |= LABEL_BITS[match.lastgroup or ""]
    if not kind & HARD and CAMEL_RE.search(label):
        # Category "comment threads named in camelCase" (postComments, userComments,
        # commentWrapper): lower-cased, "comments" has no word boundary left. Only HARD
        # words are read so: split, "LongFormArticle" would name a form.
        for match in CLASS_WORDS_RE.finditer(CAMEL_RE.sub("-", label).lower()):
            if match.lastgroup == "hard":
                kind |= HARD
                break
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
        elif kind & (HARD | SOFT | WEAK) and _opens_with_heading(scan, index):
            kind = _heading_label_kind(scan, index, label, kind, heading_only=True)
        elif (
            kind & HARD
            and METERED_RE.search(label)
            and (scan.tags[index] in METERED_TAGS or _holds_prose(scan, index))
        ):
            kind = label_kind(METERED_RE.sub(" ", label))
        kinds.append(kind)
    return kinds


def _holds_prose(scan: Scan, index: int) -> bool:
    """Whether element ``index`` holds METERED_MIN_PARAGRAPHS paragraphs of prose (none
    asking for a subscription: ``PITCH_RE``)."""
    found = 0
    for block in scan.blocks[scan.first_block[index] : scan.end_block[index]]:
        if (
            len(block.text) >= METERED_PROSE_CHARS
            and block.link_chars * 2 < len(block.text)
            and PITCH_RE.search(block.text) is None
        ):
            found += 1
            if found >= METERED_MIN_PARAGRAPHS:
                return True
    return False


def _opens_with_heading(scan: Scan, index: int) -> bool:
    """Whether element ``index`` (not itself a heading) opens with a heading block."""
    first = scan.first_block[index]
    return first < scan.end_block[index] and scan.blocks[first].tag in HEADING_TAGS


def _heading_label_kind(
    scan: Scan, index: int, label: str, kind: int, heading_only: bool = False
) -> int:
    """Bits of a heading's label leaving out the anchor slugs made of its own text
    ("what-share-of-adolescents-report" on "What share of adolescents report ...").
    With ``heading_only``, the label of a section that opens with the heading
    (category "sections named by their heading's slug": documentation generators
    and wikis wrap each section in ``<div id="sharing-with-a-single-developer">``).

    A slug may have been made from an earlier wording of the heading: it is one
    when most of its words are the heading's, or most of the heading's are its.
    """
    first = scan.first_block[index]
    end = first + 1 if heading_only else scan.end_block[index]
    text_words = set(
        SLUG_WORD_RE.findall(" ".join(block.text.lower() for block in scan.blocks[first:end]))
    )
    kept = []
    for token in label.split():
        words = SLUG_WORD_RE.findall(token.lower())
        mine = sum(word in text_words for word in words) >= len(words) * SLUG_WORD_SHARE
        its = len(text_words.intersection(words)) >= len(text_words) * SLUG_WORD_SHARE
        # A section's class may be a category slug sharing a few words with its
        # heading ("category-social-security" over a teaser about Social Security):
        # for sections, the slug must be the heading both ways.
        slug = (mine and its) if heading_only else (mine or its)
        if len(words) < MIN_SLUG_WORDS or len(text_words) < MIN_SLUG_WORDS or not slug:
            kept.append(token)
    if len(kept) == len(label.split()):
        return kind
    return label_kind(" ".join(kept))
