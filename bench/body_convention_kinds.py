"""The kinds of line bench/body_conventions.py counts (b41, issue 17): patterns for
measurement, kept apart from the parser's own rules so the bench does not grade a rule by itself."""

from __future__ import annotations

import re

CAPTION_NAME_RE = re.compile(
    r"caption|credit|figcaption|photo-?desc|image-?desc|img-?desc|cutline|wp-caption", re.I
)
# A picture's credit line (not a wire dateline: "(AP) --" opens a story).
CREDIT_RE = re.compile(
    r"^\W{0,2}(photo|photograph|image|picture|illustration|graphic|photo illustration|credit)s?"
    r"( by| credit| courtesy)?\s*[:/|]|^\W{0,2}(photo|image|illustration)s? by\b|"
    r"\bap photo\b|getty images|\breuters/|shutterstock|\bistock\b|^\W{0,2}courtesy( of)?\b|"
    r"\bfile photo\b",
    re.I,
)
# The element holding the story's text, by its class or id (gold-independent): prose after
# its end is "after the story".
STORY_ELEMENT_RE = re.compile(
    r"(?:^|[\s_-])(?:article-?body|articlebody|entry-content|post-content|story-body|"
    r"article-content|post-body|article__body|story-content|articletext|story-text|"
    r"article-text|body-text|entry-body)(?:$|[\s_-])",
    re.I,
)
PROSE_CHARS = 80
MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_RE = re.compile(
    rf"\b{MONTH},? \d\d?\b|\b\d\d?(st|nd|rd|th)?,? {MONTH}|\b(19|20)\d\d[-/.]\d\d?[-/.]\d|"
    rf"\b\d\d?[-/.]\d\d?[-/.](19|20)?\d\d\b|\b\d\d?:\d\d\b|"
    rf"\b\d+ (minutes?|hours?|days?|weeks?) ago\b",
    re.I,
)
DATE_STAMP_MAX = 100
DATE_STAMP_WORDS = 14
POST_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        (
            "origin note",
            r"^\W{0,3}(this (article|story|post|piece|report|interview|column|essay) "
            r"(was|is|first|originally|has been|appeared|ran)|originally (published|appeared)|"
            r"first (published|appeared)|.{0,80}\bis republished from\b|"
            r"a version of this (article|story))",
        ),
        (
            "correction/update",
            r"^\W{0,3}(correction|clarification|update|updated|editor'?s note|"
            r"note to readers)\b\s*(\([^)]{0,40}\))?\s*[:\-–—]",
        ),
        (
            "wire credits",
            r"^\W{0,3}(additional reporting|reporting by|editing by|writing by|"
            r"compiled by|contributing:|the associated press contributed|"
            r"[\w .'-]{0,60} contributed (to )?this (report|story|article))",
        ),
        (
            "writer contact / bio",
            r"\bcan be reached at\b|^\W{0,3}(contact|email|e-mail|write to) "
            r"(him|her|them|the (writer|reporter|author)|\w+ \w+ at)\b|"
            r"^\W{0,3}[A-Z][\w.'-]+( [A-Z][\w.'-]+){1,2} (is|was) an? (\w+ ){0,4}(reporter|"
            r"writer|journalist|editor|correspondent|contributor|columnist|producer)\b",
        ),
        (
            "company boilerplate",
            r"^\W{0,3}(about [A-Z][\w&.' -]{1,40}$|forward[- ]looking statements|###$|"
            r"media contacts?:|for more information,? (please )?(visit|contact)|"
            r"source: [A-Z])",
        ),
    )
)
AGENCY = (
    r"ap( photo)?|associated press|reuters|afp|getty( images)?|epa|pa|rex|corbis|"
    r"shutterstock|istock|alamy|bloomberg|nbc news|cnn|ap sports writer|"
    r"european pressphoto agency|agence france-presse|the new york times|file"
)
# A caption's credit alone: an agency, "Name/Agency", "Name for Paper", "Photo: Name".
CREDIT_ONLY_RE = re.compile(
    rf"^\W{{0,2}}(({AGENCY})|[\w.'’ -]{{2,60}}( ?[/|,] ?| - | for )(({AGENCY})|[\w.'’ -]{{2,40}}))"
    rf"(\W{{0,3}}({AGENCY}))*\W{{0,2}}$|"
    r"^\W{0,2}(photo|photograph|image|picture|illustration|graphic)s?( by| credit| courtesy)?"
    r"\s*[:/|-]? ?[\w.'’ /-]{2,60}\W{0,2}$",
    re.I,
)
CREDIT_ONLY_MAX = 80
# A line naming nothing but a wire or picture agency: "Associated Press", "(AFP)", "Reuters".
AGENCY_ONLY_RE = re.compile(
    r"^\W{0,3}(the )?(associated press|ap|reuters|afp|agence france-presse|getty images|getty|"
    r"epa|bloomberg|dpa|ansa|efe|xinhua|press association|pa|upi|staff and agencies|"
    r"canadian press|the canadian press|aap|cnn|bbc)"
    r"(\W{1,5}(the )?(associated press|ap|reuters|afp|getty images|getty|epa|bloomberg|"
    r"dpa|pa|upi|aap|file|photo|images?|wire|staff|agencies))*\W{0,3}$",
    re.I,
)
KINDS = (
    "agency-only line",
    "credit in caption markup",
    "caption (markup)",
    "credit line",
    "date stamp over story",
    *(name for name, _ in POST_KINDS),
    "prose after the story element",
)
