"""Which day a URL's path spells (``/2019/11/16/``, ``-20191116-``, ``/2019/1116/``,
``/2023/october/03/``), and that a year and month alone spell none."""

from __future__ import annotations

from datetime import datetime, tzinfo

from parsers.date_bounds import acceptable
from parsers.date_fields import build
from parsers.date_patterns import (
    MONTHS,
    URL_COMPACT_RE,
    URL_DATE_RE,
    URL_MONTH_WORD_RE,
    URL_YEAR_MMDD_RE,
)


def date_from_url(url: str, tz: tzinfo, fetched_at: datetime | None = None) -> datetime | None:
    """Date encoded in a URL path (``/2019/11/16/``, ``-20191116-``, ``/2023/october/03/``).

    Category "month-only URLs": a path with only a year and a month
    (``/2019/11/slug``) gives no date. Day 1 would be a wrong day on nearly every
    such page, and the record has no way to say "November 2019" alone.
    """
    path = url.split("?", 1)[0]
    for pattern in (URL_DATE_RE, URL_COMPACT_RE, URL_YEAR_MMDD_RE, URL_MONTH_WORD_RE):
        match = pattern.search(path)
        if match:
            groups = match.groupdict()
            if not groups.get("d"):
                continue
            month = MONTHS.get(groups["mon"].lower()) if groups.get("mon") else int(groups["m"])
            found = acceptable(build(groups, month, tz), fetched_at) if month else None
            if found is not None:
                return found
    return None
