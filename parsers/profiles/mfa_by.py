"""Ministry of Foreign Affairs of Belarus (mfa.gov.by); pages are windows-1251.

Selectors are unverified against the live site (no network access when they
were written); the generic extractor covers misses. No language default: the
site publishes Russian, Belarusian and English editions.
"""

from __future__ import annotations

from parsers.profiles.base import Profile

NAME = "mfa_by"
HOSTS = ("mfa.gov.by",)
TITLE = "div.content h1, h1"
BODY = "div.article, div.news_text, div.content div.text"
DROP = ("div.share", "div.print", "div.back", "div.pager")
PUBLISHED = "div.news_date, span.date, p.date"
SECTION = "ul.breadcrumbs li:nth-last-child(2) a"
TIMEZONE = "Europe/Minsk"

PROFILE = Profile(
    name=NAME,
    hosts=HOSTS,
    title=TITLE,
    body=BODY,
    drop=DROP,
    published=PUBLISHED,
    section=SECTION,
    timezone=TIMEZONE,
)
