"""Which moment Java's default date spelling names: "Mon Aug 03 12:45:00 EDT 2015"
(``date_patterns.JAVA_DATE_RE``), at its zone abbreviation's offset or the source's zone,
and none when the weekday is not the date's.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo

from parsers.date_fields import build
from parsers.date_offsets import offset_of
from parsers.date_patterns import JAVA_WEEKDAYS, ZONE_HOURS
from parsers.date_words import month_number


def java_date(match: re.Match[str], tz: tzinfo) -> datetime | None:
    """Category "Java's default date spelling" (``JAVA_DATE_RE``): "Mon Aug 03 12:45:00 EDT
    2015" at the abbreviation's offset (else in ``tz``); None when the weekday is not the
    date's (a broken value). An abbreviation ``tz`` itself spells at that moment is ``tz``'s
    (k40b: a server in Shanghai writes "CST", in Kolkata or Dublin "IST", which
    ``ZONE_HOURS`` reads as US Central or not at all); "GMT+01:00", Java's name of a custom
    zone, is that offset."""
    name = match["zone"].upper()
    month = month_number(match["mon"])
    found = None if month is None else build(match.groupdict(), month, tz)
    if found is None or JAVA_WEEKDAYS[found.weekday()] != match["wd"].lower():
        return None
    if match["sign"]:
        zone = offset_of(match)
        return None if zone is None else found.replace(tzinfo=zone)
    hours = ZONE_HOURS.get(name)
    if hours is None or (found.tzname() or "").upper() == name:
        return found
    return found.replace(tzinfo=timezone(timedelta(hours=hours)))
