"""Datelines: ``MINSK, 16 November (BelTA) - `` at the start of a story."""

from __future__ import annotations

import re

from parsers.date_space import one_line

# Place: upper-case words (any script), e.g. "MINSK", "UNITED NATIONS", "WASHINGTON, D.C.".
# Then optionally a date, optionally "(Agency)", then a hyphen or dash. Every part is
# bounded so the pattern cannot backtrack catastrophically.
# q46: place, date, agency and dash on one line (``date_space.one_line``); the body's
# paragraphs are joined by "\n\n", and a kicker paragraph ("ANALYSIS", "EXCLUSIVE") over
# "(CNN) — ..." read as the place. After the dash the story may start on the next line.
DATELINE_RE = re.compile(
    one_line(
        r"^\s*(?P<place>[^\W\d_][^\W\d_'’.\-]{0,30}(?:[ '’.\-]{1,2}[^\W\d_]{1,30}){0,4}\.?)"
        r"(?:,\s?(?P<date>[^,()\n\-–—]{1,40}?))?,?\s*"
        r"(?:\((?P<agency>[^()\n]{1,40})\))?\s*[-–—]{1,2}"
    )
    + r"\s"
)
DATE_HINT_RE = re.compile(r"\d|[^\W\d_]{3,}")
# Only the first line of a body can hold a dateline.
MAX_LEAD_CHARS = 160


def parse_dateline(body: str) -> tuple[str | None, str | None]:
    """Return ``(place, agency)`` from a dateline at the start of ``body``.

    The place is kept as printed (upper case); the agency only when given in
    parentheses. ``(None, None)`` when the text does not start with a dateline.
    """
    lead = body[:MAX_LEAD_CHARS]
    match = DATELINE_RE.match(lead)
    if match is None:
        return None, None
    place = match.group("place").strip()
    letters = [c for c in place if c.isalpha()]
    if len(letters) < 2 or not place.isupper():
        return None, None
    date = match.group("date")
    agency = match.group("agency")
    if date is None and agency is None:
        # "WORD - text" alone is too weak: headings and list items look like that.
        return None, None
    if date is not None and not DATE_HINT_RE.search(date):
        return None, None
    return place, agency.strip() if agency else None
