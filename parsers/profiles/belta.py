"""BelTA, the Belarusian state news agency (English edition).

Selectors are modelled on the markup BelTA served in 2019 and are unverified
against the live site (no network access when they were written).
"""

from __future__ import annotations

from parsers.profiles.base import Profile

PROFILE = Profile(
    name="belta",
    hosts=("eng.belta.by",),
    title="div.content_margin h1",
    body="div.js-mediator-article",
    # Inside the story container: related links and widgets injected by the CMS.
    drop=("div.also_read", "div.news_tags_block", "div.main_menu", "script", "style"),
    published="div.date_full",
    tags="div.news_tags_block a",
    section="div.rubric_link a",
    timezone="Europe/Minsk",
    language="en",
)
