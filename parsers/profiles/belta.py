"""BelTA, the Belarusian state news agency (English edition).

Selectors are modelled on the markup BelTA served in 2019 and are unverified
against the live site (no network access when they were written).
"""

from __future__ import annotations

from parsers.profiles.base import Profile

NAME = "belta"
HOSTS = ("eng.belta.by",)
TITLE = "div.content_margin h1"
BODY = "div.js-mediator-article"
# Inside the story container: related links and widgets injected by the CMS.
DROP = ("div.also_read", "div.news_tags_block", "div.main_menu", "script", "style")
PUBLISHED = "div.date_full"
TAGS = "div.news_tags_block a"
SECTION = "div.rubric_link a"
TIMEZONE = "Europe/Minsk"
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
