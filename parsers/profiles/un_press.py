"""UN Meetings Coverage and Press Releases (press.un.org), a Drupal site.

Selectors follow Drupal field naming and are unverified against the live site
(no network access when they were written); the generic extractor covers misses.
"""

from __future__ import annotations

from parsers.profiles.base import Profile

NAME = "un_press"
HOSTS = ("press.un.org",)
TITLE = "h1.page-header, h1.page-title"
BODY = "div.field--name-body, div.field-name-body"
# The closing disclaimer of every release is matched by its text: it has no class.
DROP = (
    "div.field--name-field-links",
    "nav",
    "aside",
    'p:-soup-contains("Not an official record")',
)
PUBLISHED = "div.field--name-field-dated, span.date-display-single, time"
SECTION = "div.field--name-field-meeting-coverage-type a, div.field--name-field-type a"
TAGS = "div.field--name-field-subject a"
TIMEZONE = "America/New_York"
LANGUAGE = "en"

PROFILE = Profile(
    name=NAME,
    hosts=HOSTS,
    title=TITLE,
    body=BODY,
    drop=DROP,
    published=PUBLISHED,
    tags=TAGS,
    section=SECTION,
    timezone=TIMEZONE,
    language=LANGUAGE,
)
