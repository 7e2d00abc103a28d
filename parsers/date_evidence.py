"""The page's evidence for the order of its all-numeric dates (06/01/2020: day or month first).

Gathered from the page (its declared and printed dates, its URL, its scripts) and
handed to ``parsers.date_order.numeric_day_first``, which decides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, tzinfo

from parsers.date_order import numeric_day_first
from parsers.date_scripts import PageScripts
from parsers.dates import MAX_SCAN_CHARS, date_from_url, find_dates, parse_date
from parsers.metadata import MODIFIED_KEYS, PUBLISHED_KEYS, PageMeta, ld_text
from parsers.scan import Scan

# What str.isdigit() accepts, as one search: decimal digits and the other digit
# characters (superscripts, circled numbers); tests/parsers/test_fast_paths.py checks
# it against str.isdigit over every code point.
ANY_DIGIT_RE = re.compile(
    "[\\d\u00b2-\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089"
    "\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e"
    "\u2780-\u2788\u278a-\u2792\U00010a40-\U00010a43\U00010e60-\U00010e68"
    "\U00011052-\U0001105a\U0001f100-\U0001f10a]"
)
# Two numbers of at most two digits, then a year: 06/01/2020, 6.1.2020, 16-11-2019, 11.16.19,
# and (category "spaced dotted dates") 06. 01. 2026.
DAY_MONTH_NUMERIC_RE = re.compile(r"\b\d{1,2}([./-]|\.\s)\d{1,2}\1(?:\d{4}|\d{2})\b")
# Dates with the month in words read from the page's numeric blocks as evidence.
ORDER_SCAN_DATES = 20


def page_day_first(
    meta: PageMeta,
    scan: Scan,
    url: str,
    locales: Sequence[str | None],
    tz: tzinfo,
    fetched_at: datetime | None,
    scripts: PageScripts | None = None,
) -> bool | None:
    """The order (day first or not) of the page's ambiguous numeric dates, or ``None``.

    Serves pages that print only numbers (06/01/2020): the days the page gives
    unambiguously (metadata, dates with the month in words, the URL) and the
    numeric dates that can be read one way only decide before the declared
    locale does; see ``parsers.date_order.numeric_day_first``.
    """
    parts: list[str] = []
    size = 0
    for block in scan.blocks:
        if size >= MAX_SCAN_CHARS:
            break
        if ANY_DIGIT_RE.search(block.text):
            parts.append(block.text)
            size += len(block.text)
    text = "\n".join(parts)
    if not DAY_MONTH_NUMERIC_RE.search(text):
        return None  # nothing to decide; the evidence is not worth gathering
    declared = [
        ld_text(meta.ld_main.get("datePublished")),
        ld_text(meta.ld_main.get("dateModified")),
        *meta.all(*PUBLISHED_KEYS, *MODIFIED_KEYS),
        *meta.published_like(),
        *(value for value, _ in scan.times),
    ]
    known = set(_parsed(declared, tz))
    known.update(d.date() for d in find_dates(text, tz, None, ORDER_SCAN_DATES))
    from_url = date_from_url(url, tz)
    if from_url is not None:
        known.add(from_url.date())
    order = numeric_day_first(text, known, locales)
    if order is None and scripts is not None:
        # Category "script config dates", read only when nothing else settles the
        # order (a page's scripts cost ~7 ms to search): msnbc.com prints
        # "10/07/2012", its SimpleReach config says 2012-10-07.
        extra = set(_parsed(scripts.script_dates(), tz))
        if extra - known:
            order = numeric_day_first(text, known | extra, locales)
    return order


def _parsed(values: Sequence[str | None], tz: tzinfo) -> list[date]:
    return [d.date() for v in values if v and (d := parse_date(v, tz, None)) is not None]
