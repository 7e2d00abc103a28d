"""Ministry of Foreign Affairs of Belarus (mfa.gov.by); pages are windows-1251.

Selectors are unverified against the live site (no network access when they
were written); the generic extractor covers misses. No language default: the
site publishes Russian, Belarusian and English editions.
"""

from __future__ import annotations

from parsers.profiles.base import Profile

PROFILE = Profile(
    name="mfa_by",
    hosts=("mfa.gov.by",),
    title="div.content h1, h1",
    body="div.article, div.news_text, div.content div.text",
    drop=("div.share", "div.print", "div.back", "div.pager"),
    published="div.news_date, span.date, p.date",
    section="ul.breadcrumbs li:nth-last-child(2) a",
    timezone="Europe/Minsk",
)
