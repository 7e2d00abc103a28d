"""Which moment Java's and C's default date spelling names: "Mon Aug 03 12:45:00 EDT 2015"
(``date_patterns.JAVA_DATE_RE``), at its zone abbreviation's offset, the zone the source or
the page's declared country or language spells it with, or the source's zone; none when the
weekday is not the date's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timedelta, timezone, tzinfo
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from parsers.date_fields import build
from parsers.date_offsets import offset_of
from parsers.date_patterns import ZONE_HOURS
from parsers.date_weekday_words import WEEKDAY_WORDS
from parsers.date_words import month_number


def _weekdays() -> dict[str, frozenset[int]]:
    table: dict[str, set[int]] = {}
    for _, days in WEEKDAY_WORDS:
        for number, names in enumerate(days):
            for name in names:
                table.setdefault(name.lower().rstrip("."), set()).add(number)
    return {name: frozenset(days) for name, days in table.items()}


# Abbreviated and wide day names of every language ``date_weekday_words`` holds, to the days
# (0 = Monday) they name: Java formats "EEE" in the server's Locale ("lun.", "Mo.", "mié.").
WEEKDAYS = _weekdays()

# Category "an ambiguous or unlisted zone abbreviation on a page of a known country" (d41;
# k40b's xfail): Java prints its server's zone by its short name, and "CST" is China's and
# Taiwan's as well as US Central (14 hours apart), "IST" India's, Ireland's (summer) and
# Israel's (winter), "PST" the Philippines' as well as US Pacific (16 hours); "HKT", "ACST",
# "SAST", "PKT", "AST" are in no table of ours. Where the source gives no zone that spells the
# abbreviation, the page's declared country, else its language, names the zones it may be;
# the one offset they spell the abbreviation with at that wall time (tzdata's names) is the
# reading, unless the evidence names two (a page declaring Chinese and the US: the reading
# stays ``ZONE_HOURS``'). Countries first: a US page in Chinese ("zh-US") is the US's. Only
# the instant moves: the day stored is the one the value spells.
REGION_ZONES = {
    "cn": ("Asia/Shanghai",),
    "tw": ("Asia/Taipei",),
    "hk": ("Asia/Hong_Kong",),
    "in": ("Asia/Kolkata",),
    "pk": ("Asia/Karachi",),
    "id": ("Asia/Jakarta",),
    "ie": ("Europe/Dublin",),
    "il": ("Asia/Jerusalem",),
    "ph": ("Asia/Manila",),
    "za": ("Africa/Johannesburg",),
    "ng": ("Africa/Lagos",),
    "ke": ("Africa/Nairobi",),
    "nz": ("Pacific/Auckland",),
    "cu": ("America/Havana",),
    "mo": ("Asia/Macau",),
    # x45 (k41b's xfail): zones tzdata spells by their offset ("+03"), read by the names in
    # ``OFFSET_ZONE_NAMES``.
    "sa": ("Asia/Riyadh",),
    "kw": ("Asia/Kuwait",),
    "qa": ("Asia/Qatar",),
    "bh": ("Asia/Bahrain",),
    "ye": ("Asia/Aden",),
    "iq": ("Asia/Baghdad",),
    "ae": ("Asia/Dubai",),
    "om": ("Asia/Muscat",),
    "bd": ("Asia/Dhaka",),
    "au": (
        "Australia/Sydney",
        "Australia/Brisbane",
        "Australia/Adelaide",
        "Australia/Darwin",
        "Australia/Perth",
    ),
    "us": ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"),
    "ca": (
        "America/Toronto",
        "America/Winnipeg",
        "America/Edmonton",
        "America/Vancouver",
        "America/Halifax",
        "America/St_Johns",
    ),
}
LANGUAGE_ZONES = {
    "zh": ("Asia/Shanghai",),
    "hi": ("Asia/Kolkata",),
    "mr": ("Asia/Kolkata",),
    "te": ("Asia/Kolkata",),
    "ta": ("Asia/Kolkata",),
    "gu": ("Asia/Kolkata",),
    "kn": ("Asia/Kolkata",),
    "ml": ("Asia/Kolkata",),
    "pa": ("Asia/Kolkata",),
    "ga": ("Europe/Dublin",),
    "he": ("Asia/Jerusalem",),
    "iw": ("Asia/Jerusalem",),
    "fil": ("Asia/Manila",),
    "tl": ("Asia/Manila",),
}
# Traditional Chinese is Taiwan's ("zh-Hant", "zh-TW"); Hong Kong and Macau print "HKT"/"CST"
# (Macau) too rarely to name.
SCRIPT_ZONES = {"hant": ("Asia/Taipei",), "hans": ("Asia/Shanghai",)}

# k41b: Java before 8 named zones by its own TimeZoneNames, not tzdata's: Australia's as
# "EST", "CST" and "WST", in summer too (the Herald Sun's "Fri Mar 13 21:30:09 EST 2015" is
# Melbourne's +11:00), western Indonesia's "WIT", the Philippines' "PHT"; tzdata, and Java
# since 8, spell "AEST"/"AEDT", "WIB", "PST". A zone spells an abbreviation by either name:
# by tzdata's name where that name is one country's, by the zone where it is not (Manila's
# "PST" is also US Pacific's).
JAVA7_NAMES = {
    "AEST": "EST",
    "AEDT": "EST",
    "ACST": "CST",
    "ACDT": "CST",
    "AWST": "WST",
    "AWDT": "WST",
    "WIB": "WIT",
}
JAVA7_ZONE_NAMES = {"Asia/Manila": "PHT"}
# Category "a zone tzdata names by its offset" (x45; k41b's xfail): tzdata spells the Gulf's,
# Iraq's and Bangladesh's zones "+03", "+04", "+06", while Java (its TimeZoneNames, every
# version) prints Arabia Standard Time "AST", Gulf Standard Time "GST" and Bangladesh Time
# "BDT", and Bangladesh's press its Standard Time "BST" (The Daily Star, bdnews24; read so
# only where the page's tag or host names Bangladesh: see k44's xfail). A zone spells each
# of its names here as tzdata's own.
OFFSET_ZONE_NAMES = {
    **dict.fromkeys(
        ("Asia/Riyadh", "Asia/Kuwait", "Asia/Qatar", "Asia/Bahrain", "Asia/Aden", "Asia/Baghdad"),
        ("AST",),
    ),
    "Asia/Dubai": ("GST",),
    "Asia/Muscat": ("GST",),
    "Asia/Dhaka": ("BST", "BDT"),
}

# The zones the page being read names (``page_zones``): set by ``extract`` around its date
# rules, so the 38 calls that reach ``java_date`` need not carry the page's locale.
# Why a ContextVar and not a parameter (k41b, asked by the brief): the zones are one fact
# about the page read by one rule at the bottom of every date path (parse_date, find_date,
# find_dates, first_instant and the 38 calls in published, date_lines, date_printed,
# date_evidence, date_zones, date_yearless, date_relative that reach them); each already
# carries tz, fetched_at and day_first, and a fourth argument through all of them (or
# folding the zones into ``tz``, which the datetimes built then carry into the Article) was
# the larger and riskier change for the time this session had. It is no shared mutable
# state: a ContextVar is per thread and per asyncio task, ``page_zones`` resets it in a
# ``finally`` (an exception in the date rules leaves the previous value), and outside
# ``extract`` and ``parse_feed`` (which sets the feed's declared language, z41b) it is
# empty, so the rest (discovery's own reads) reads ``ZONE_HOURS`` as before. Parse workers
# are processes (flows/parsepool.py). Tests: tests/parsers/test_date_k41b_attacks.py,
# tests/parsers/test_feed_zones.py.
_PAGE_ZONES: ContextVar[tuple[str, ...]] = ContextVar("page_zones", default=())


def zones_of(tags: Iterable[str | None]) -> tuple[str, ...]:
    """The zones a page's declared language tags ("zh-CN", "en_IN", "zh-Hant", "he") name."""
    zones: list[str] = []
    for tag in tags:
        parts = (tag or "").strip().lower().replace("_", "-").split("-")
        region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
        script = next((p for p in parts[1:] if len(p) == 4), None)
        if region is not None:
            named = REGION_ZONES.get(region, ())
        elif script is not None and parts[0] == "zh":
            named = SCRIPT_ZONES.get(script, ())
        else:
            named = LANGUAGE_ZONES.get(parts[0], ())
        zones.extend(z for z in named if z not in zones)
    return tuple(zones)


@contextmanager
def page_zones(tags: Iterable[str | None], url: str | None = None) -> Iterator[None]:
    """Read Java's zone abbreviations on this page with the zones ``tags`` name, else the
    zones of the country ``url``'s host names (``host_region``)."""
    token = _PAGE_ZONES.set(zones_of(tags) or zones_of([host_region(url)]))
    try:
        yield
    finally:
        _PAGE_ZONES.reset(token)


def host_region(url: str | None) -> str | None:
    """A language tag for the country ``url``'s host names by its country-code domain
    ("www.chinadaily.com.cn": "und-cn"), when ``REGION_ZONES`` knows that country.

    Category "a country's site in English" (k44): China Daily, Focus Taiwan, The Irish
    Times declare "en" and no country, so a "CST" their servers print (China's, Taiwan's
    +08:00) was read as US Central: "Mar 05, 2024 10:13 PM CST" became 04:13 the next UTC
    day. The host's country is the evidence left; asked only where the page's own tags name
    no zone, and it moves an abbreviation only where that country's zone spells it."""
    host = urlsplit(url or "").hostname or ""
    label = host.rstrip(".").rsplit(".", 1)[-1].lower()
    return f"und-{label}" if "." in host and label in REGION_ZONES else None


def _spells(local: datetime, name: str) -> bool:
    """Whether ``local``'s zone names its wall time ``name`` (tzdata's or Java 7's name)."""
    spelled = (local.tzname() or "").upper()
    zone = getattr(local.tzinfo, "key", None) or ""
    return name in (
        spelled,
        JAVA7_NAMES.get(spelled),
        JAVA7_ZONE_NAMES.get(zone),
        *OFFSET_ZONE_NAMES.get(zone, ()),
    )


def _page_reading(found: datetime, name: str) -> datetime | None:
    """``found``'s wall time in the one offset the page's zones spell ``name`` with. With
    several (an Australian page's "EST" in January: Sydney +11:00, Brisbane +10:00), the
    first zone's, the country's most populous (k41b), unless ``ZONE_HOURS`` names one of
    them (a page declaring Chinese and the US: evidence against evidence, None)."""
    readings: list[timedelta] = []
    for zone in _PAGE_ZONES.get():
        local = found.replace(tzinfo=ZoneInfo(zone))
        offset = local.utcoffset()
        if offset is not None and _spells(local, name) and offset not in readings:
            readings.append(offset)
    hours = ZONE_HOURS.get(name)
    if not readings or (
        len(readings) > 1 and hours is not None and timedelta(hours=hours) in readings
    ):
        return None
    return found.replace(tzinfo=timezone(readings[0]))


def named_zone(found: datetime, name: str, tz: tzinfo) -> datetime | None:
    """``found``'s wall time at the zone abbreviation ``name``, read as ``java_date`` reads it:
    in ``tz`` when ``tz`` spells ``name`` then, else in the page's zones (``page_zones``);
    None when neither does (the caller keeps its own reading). Feeds' RFC 822 dates ("Mon,
    05 Jan 2015 12:45:00 CST", which ``email.utils`` reads as US Central) come here (z41b)."""
    local = found.replace(tzinfo=tz)
    return local if _spells(local, name) else _page_reading(found, name)


def java_date(match: re.Match[str], tz: tzinfo) -> datetime | None:
    """Category "Java's default date spelling" (``JAVA_DATE_RE``): "Mon Aug 03 12:45:00 EDT
    2015" at the abbreviation's offset (else in ``tz``); None when the words are no weekday
    and month or the weekday is not the date's (a broken value). An abbreviation ``tz``
    itself spells at that moment is ``tz``'s (k40b: a server in Shanghai writes "CST", in
    Kolkata or Dublin "IST", which ``ZONE_HOURS`` reads as US Central or not at all), else
    the page's country's (``_page_reading``); "GMT+01:00", Java's name of a custom zone, is
    that offset. No zone (C's ctime) is ``tz``."""
    month = month_number(match["mon"])
    found = None if month is None else build(match.groupdict(), month, tz)
    if found is None or found.weekday() not in WEEKDAYS.get(match["wd"].lower(), ()):
        return None
    if match["sign"]:
        zone = offset_of(match)
        return None if zone is None else found.replace(tzinfo=zone)
    name = (match["zone"] or "").upper()
    return (zone_reading(found, name, tz) or found) if name else found


# The zone abbreviation that ends an RFC 822 comma date after its clock ("10:00:00 CET").
RFC822_ZONE_NAME_RE = re.compile(r"\d:\d\d(?::\d\d)?\s+([A-Za-z]{2,5})\s*$")


def rfc822_zone(found: datetime, value: str, tz: tzinfo) -> datetime | None:
    """Category "an RFC 822 date with a zone name ``email.utils`` does not know" (kf42; f42's
    "left"): "Mon, 06 Jan 2020 10:00:00 CET" ("MSK", "BST", "JST"), which ``email.utils``
    returns without an offset, so pages and feeds read it in the source's zone (an Asian
    source: seven hours off). Read as Java's spelling reads the name (``zone_reading``);
    None when the value ends in no name either knows (the caller reads ``tz``). ``found``
    is ``email.utils``' naive reading."""
    match = RFC822_ZONE_NAME_RE.search(value)
    return None if match is None else zone_reading(found, match[1].upper(), tz)


def zone_reading(found: datetime, name: str, tz: tzinfo) -> datetime | None:
    """``found``'s wall time at the zone abbreviation ``name``: ``named_zone``'s reading, else
    ``ZONE_HOURS``' offset; None when neither knows ``name`` (the caller reads ``tz``). Java's
    spelling, and RFC 822's comma form with a name ``email.utils`` does not know ("Mon, 06
    Jan 2020 10:00:00 CET", kf42), on pages and in feeds."""
    named = named_zone(found, name, tz)
    if named is not None:
        return named
    hours = ZONE_HOURS.get(name)
    return None if hours is None else found.replace(tzinfo=timezone(timedelta(hours=hours)))
