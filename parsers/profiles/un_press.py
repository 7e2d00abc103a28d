"""UN Meetings Coverage and Press Releases (press.un.org), a Drupal site.

Selectors follow Drupal field naming and are unverified against the live site
(no network access when they were written); the generic extractor covers misses.
"""

from __future__ import annotations

from parsers.profiles.base import Profile

PROFILE = Profile(
    name="un_press",
    hosts=("press.un.org",),
    title="h1.page-header, h1.page-title",
    body="div.field--name-body, div.field-name-body",
    # The closing disclaimer of every release is matched by its text: it has no class.
    drop=(
        "div.field--name-field-links",
        "nav",
        "aside",
        'p:-soup-contains("Not an official record")',
    ),
    published="div.field--name-field-dated, span.date-display-single, time",
    section="div.field--name-field-meeting-coverage-type a, div.field--name-field-type a",
    tags="div.field--name-field-subject a",
    timezone="America/New_York",
    language="en",
)
