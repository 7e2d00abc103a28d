"""Date parsing: ISO 8601, RFC 822 and printed dates (English, Russian, Belarusian,
Ukrainian, German, French, Spanish, Italian, Portuguese, Dutch, Polish; CJK year-month-day)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, tzinfo
from email.utils import parsedate_to_datetime
from itertools import islice
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as du_parser

from pressroom.errors import ParseError

# Anything older is a parsing accident (a phone number, a price), not a press release.
MIN_YEAR = 1990
# Strings longer than this are not dates; also bounds the regex work per call.
MAX_DATE_CHARS = 200
# Free-text search is capped: dates are printed near the top of a page.
MAX_SCAN_CHARS = 20_000

_MONTH_SPELLINGS = (
    # English, full and abbreviated.
    ("january jan", 1), ("february feb", 2), ("march mar", 3), ("april apr", 4),
    ("may", 5), ("june jun", 6), ("july jul", 7), ("august aug", 8),
    ("september sep sept", 9), ("october oct", 10), ("november nov", 11),
    ("december dec", 12),
    # Russian: nominative, genitive, abbreviations.
    ("январь января янв", 1), ("февраль февраля фев", 2), ("март марта мар", 3),
    ("апрель апреля апр", 4), ("май мая", 5), ("июнь июня июн", 6),
    ("июль июля июл", 7), ("август августа авг", 8), ("сентябрь сентября сен сент", 9),
    ("октябрь октября окт", 10), ("ноябрь ноября ноя", 11), ("декабрь декабря дек", 12),
    # Belarusian: nominative and genitive.
    ("студзень студзеня", 1), ("люты лютага", 2), ("сакавік сакавіка", 3),
    ("красавік красавіка", 4), ("травень траўня травеня", 5), ("чэрвень чэрвеня", 6),
    ("ліпень ліпеня", 7), ("жнівень жніўня", 8), ("верасень верасня", 9),
    ("кастрычнік кастрычніка", 10), ("лістапад лістапада", 11), ("снежань снежня", 12),
    # German, French, Spanish: common on the international pages the pipeline meets.
    ("januar janvier enero", 1), ("februar février fevrier febrero", 2),
    ("märz mars marzo", 3), ("avril abril", 4), ("mai mayo", 5), ("juni juin junio", 6),
    ("juli juillet julio", 7), ("août aout agosto", 8), ("septembre septiembre", 9),
    ("oktober octobre octubre", 10), ("novembre noviembre", 11),
    ("dezember décembre decembre diciembre", 12),
    # Category "month names of more press languages": Italian, Portuguese, Dutch,
    # Polish and Ukrainian (genitive, as dates print them).
    ("gennaio janeiro januari stycznia січня", 1),
    ("febbraio fevereiro februari lutego лютого", 2),
    ("março maart marca березня", 3), ("aprile kwietnia квітня", 4),
    ("maggio maio mei maja травня", 5), ("giugno junho czerwca червня", 6),
    ("luglio julho lipca липня", 7), ("augustus sierpnia серпня", 8),
    ("settembre setembro września вересня", 9),
    ("ottobre outubro października жовтня", 10),
    ("novembro listopada листопада", 11), ("dicembre dezembro grudnia грудня", 12),
)
MONTHS = MappingProxyType(
    {name: number for names, number in _MONTH_SPELLINGS for name in names.split()}
)

# Every month spelling of MONTHS, longest first, as a regex alternation.
MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_TIME = (
    r"(?:(?:,|\s+at|\s+в|\s+à|\s+-|\s*\|)?\s*(?P<h>\d{1,2})[:.](?P<mi>\d{2})"
    r"(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?)?"
)
# 16 November 2019, 10:45 / 16 ноября 2019 г. / 1er mars 2020
DMY_RE = re.compile(
    r"\b(?P<d>\d{1,2})(?:st|nd|rd|th|er)?\.?\s+(?:of\s+|de\s+)?(?P<mon>" + MONTH_ALT
    + r")\.?,?\s+(?:de\s+)?(?P<y>\d{4})(?:\s*(?:г\.|года|гада))?" + _TIME,
    re.IGNORECASE,
)
# November 16, 2019 10:45 am
MDY_RE = re.compile(
    r"\b(?P<mon>" + MONTH_ALT + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})" + _TIME,
    re.IGNORECASE,
)
# 2019-11-16T10:45 / 2019-11-16 10:45 / 2019/11/16
YMD_RE = re.compile(
    r"\b(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:[T\s]+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?)?\b"
)
# 16.11.2019 10:45 (day first, as printed across Europe)
DOT_DMY_RE = re.compile(
    r"\b(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})(?:,?\s+(?P<h>\d{1,2}):(?P<mi>\d{2}))?\b"
)
# Category "CJK dates": 2019年11月16日 14:30 (Chinese, Japanese), 2019년 11월 16일 (Korean).
# No \b: a CJK character next to a digit is no word boundary.
CJK_YMD_RE = re.compile(
    r"(?<!\d)(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]"
    r"(?:\s*(?:\([^)]{1,3}\)|（[^）]{1,3}）)?\s*(?P<h>\d{1,2})[:：時시]\s*(?P<mi>\d{2}))?"
)
# Numeric dates read for the page's day/month order.
NUMERIC_EVIDENCE_DATES = 50
EPOCH_RE = re.compile(r"\d{10}(?:\d{3})?$")
URL_DATE_RE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>[01]?\d)(?:[/-](?P<d>[0-3]?\d))?(?=[/-]|$)"
)
URL_COMPACT_RE = re.compile(r"[/_-](?P<y>20\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?=[/_.-]|$)")
# Category "URL dates": /2019/1116/ (Chinese portals: people.com.cn, xinhuanet.com).
URL_YEAR_MMDD_RE = re.compile(r"/(?P<y>20\d{2})/(?P<m>[01]\d)(?P<d>[0-3]\d)/")
# /2023/october/03/: blog engines that spell the month in the path.
URL_MONTH_WORD_RE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})/(?P<mon>" + MONTH_ALT + r")/(?P<d>[0-3]?\d)(?=[/-]|$)",
    re.IGNORECASE,
)
TEXT_PATTERNS = (DMY_RE, MDY_RE, YMD_RE, DOT_DMY_RE, CJK_YMD_RE)
ISO_PREFIX_RE = re.compile(r"\d{4}-\d{2}-\d{2}T")

DATE_WORDS_RE = re.compile(
    r"\b(?:published|updated|posted|modified|last|on|at|am|pm|a\.m|p\.m|utc|gmt|est|edt|cet|"
    r"msk|г|года|опубликовано|обновлено|изменено|дата|апублікавана|абноўлена|date|time|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b\.?",
    re.IGNORECASE,
)
TIME_ONLY_RE = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
MAX_DATE_LINE_CHARS = 80
DIGIT_RE = re.compile(r"\d")


def get_timezone(name: str | None) -> tzinfo | None:
    """ZoneInfo for an IANA name; ``ParseError`` when the name is unknown."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ParseError(f"unknown timezone {name!r}") from exc


def _build(
    groups: dict[str, str | None], month: int, tz: tzinfo
) -> datetime | None:
    try:
        year = int(groups["y"] or 0)
        day = int(groups.get("d") or 1)
        hour = int(groups.get("h") or 0)
        minute = int(groups.get("mi") or 0)
        second = int(groups.get("s") or 0)
        ampm = (groups.get("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if year < MIN_YEAR or year > 2100:
            return None
        return datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except (ValueError, TypeError):
        return None


def _from_match(match: re.Match[str], tz: tzinfo, day_first: bool | None) -> datetime | None:
    groups = match.groupdict()
    if groups.get("mon"):
        month = MONTHS.get(groups["mon"].lower().rstrip("."))
        if month is None:
            return None
    else:
        month = int(groups.get("m") or 0)
        if match.re is DOT_DMY_RE:
            day = int(groups.get("d") or 0)
            if month <= 12 and day <= 12 and month != day:
                # "06/01/2020": June 1 in the US, 6 January elsewhere. Only the
                # page's evidence decides (``numeric_day_first``); without it, no date.
                if day_first is None:
                    return None
                month_first = not day_first
            else:
                # "10/31/2024" can only be month-first, "16.11.2019" only day-first.
                month_first = month > 12 and day <= 12
            if month_first:
                groups = {**groups, "d": groups["m"]}
                month = day
    return _build(groups, month, tz)


# Regions that write the month first in numeric dates (06/01/2020 is June 1).
MONTH_FIRST_REGIONS = frozenset({"us", "ph", "fm", "mh", "pw", "as", "gu", "mp", "pr", "vi", "um"})
# Regions where both orders are in common use: the region alone decides nothing.
MIXED_REGIONS = frozenset({"ca"})
# Languages whose pages, when they write all-numeric dates with a slash or dot,
# do not put the day first by convention (English without a region is either;
# the East Asian and Hungarian/Lithuanian norm is year-first, and a page in them
# that prints 06/01/2020 follows no settled order).
NOT_DAY_FIRST_LANGUAGES = frozenset({"en", "zh", "ja", "ko", "hu", "lt", "mn", "eu"})


def locale_day_first(locale: str | None) -> bool | None:
    """Numeric date order implied by a page's declared locale ("en-US", "en_GB", "ru").

    ``False`` for month-first regions, ``True`` for other regions and for
    languages that write the day first whatever the region; ``None`` when the
    locale does not say (``en`` alone, ``en-CA``, ``zh``).
    """
    if not locale:
        return None
    parts = locale.strip().lower().replace("_", "-").split("-")
    language = parts[0]
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    if not language.isalpha():
        return None
    if region is not None:
        if region in MONTH_FIRST_REGIONS:
            return False
        if region in MIXED_REGIONS:
            return None
        if language in NOT_DAY_FIRST_LANGUAGES and language != "en":
            return None
        return True
    return None if language in NOT_DAY_FIRST_LANGUAGES else True


def numeric_day_first(
    text: str, known_days: Iterable[date], locales: Sequence[str | None] = ()
) -> bool | None:
    """Whether the page's all-numeric dates put the day first, from the page's own evidence.

    In order: an ambiguous date printed on the page (06/01/2020) of which exactly
    one reading is a day the page gives in another spelling (``known_days``: its
    metadata dates, dates with the month in words, the URL's date); a numeric date
    that can be read only one way (13/01/2020, 10/31/2024); the declared
    ``locales`` (html lang, og:locale, Content-Language). ``None`` when nothing
    decides or the evidence disagrees: an ambiguous date then gives no date.
    """
    known = set(known_days)
    by_reading: set[bool] = set()
    by_form: set[bool] = set()
    for match in islice(DOT_DMY_RE.finditer(text[:MAX_SCAN_CHARS]), NUMERIC_EVIDENCE_DATES):
        day, month, year = (int(match.group(k)) for k in ("d", "m", "y"))
        if day <= 12 and month <= 12:
            if day == month:
                continue
            day_first_hit = _maybe_date(year, month, day) in known
            month_first_hit = _maybe_date(year, day, month) in known
            if day_first_hit != month_first_hit:
                by_reading.add(day_first_hit)
        elif day <= 31 and month <= 12:
            by_form.add(True)
        elif month <= 31 and day <= 12:
            by_form.add(False)
    for evidence in (by_reading, by_form):
        if len(evidence) == 1:
            return next(iter(evidence))
    orders = {o for o in (locale_day_first(loc) for loc in locales if loc) if o is not None}
    return next(iter(orders)) if len(orders) == 1 else None


def has_ambiguous_numeric(text: str) -> bool:
    """Whether ``text`` prints a numeric date that reads both ways (06/01/2020)."""
    for match in islice(DOT_DMY_RE.finditer(text[:MAX_SCAN_CHARS]), NUMERIC_EVIDENCE_DATES):
        day, month = int(match.group("d")), int(match.group("m"))
        if day <= 12 and month <= 12 and day != month:
            return True
    return False


def _maybe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _aware(value: datetime, tz: tzinfo) -> datetime:
    return value.replace(tzinfo=tz) if value.tzinfo is None else value


def acceptable(value: datetime | None, fetched_at: datetime | None) -> datetime | None:
    """``value`` unless it is implausibly old or later than ``fetched_at``."""
    if value is None or value.year < MIN_YEAR:
        return None
    if fetched_at is not None:
        limit = _aware(fetched_at, ZoneInfo("UTC"))
        if value > limit:
            return None
    return value


def parse_date(
    text: str, tz: tzinfo, fetched_at: datetime | None = None, day_first: bool | None = None
) -> datetime | None:
    """Parse one date string (a meta value, a ``datetime`` attribute or a short label).

    Values without an offset are read in ``tz``; ``day_first`` is the page's
    order for ambiguous numeric dates (``numeric_day_first``). Returns ``None`` when nothing
    date-like is found or the date is later than ``fetched_at``.
    """
    value = text.strip()[:MAX_DATE_CHARS]
    if not value:
        return None
    result: datetime | None = None
    iso = value.replace("Z", "+00:00") if value.endswith("Z") else value
    try:
        result = _aware(datetime.fromisoformat(iso), tz)
    except ValueError:
        if ISO_PREFIX_RE.match(value):
            # Variants fromisoformat rejects (fractions of odd length, "+0000").
            try:
                result = _aware(du_parser.isoparse(value), tz)
            except (ValueError, OverflowError):
                result = None
        elif value[:3].isalpha() and "," in value[:5]:
            try:
                result = _aware(parsedate_to_datetime(value), tz)
            except (ValueError, TypeError, IndexError):
                result = None
    if result is None:
        result = find_date(value, tz, day_first=day_first)
    return acceptable(result, fetched_at)


def find_date(
    text: str, tz: tzinfo, fetched_at: datetime | None = None, day_first: bool | None = None
) -> datetime | None:
    """First printed date in free ``text`` (day-month-year in several languages, ISO, dotted)."""
    sample = text[:MAX_SCAN_CHARS]
    best: tuple[int, datetime] | None = None
    for pattern in TEXT_PATTERNS:
        for match in pattern.finditer(sample):
            if best is not None and match.start() >= best[0]:
                break
            found = acceptable(_from_match(match, tz, day_first), fetched_at)
            if found is not None:
                best = (match.start(), found)
                break
    return best[1] if best else None


def find_dates(
    text: str,
    tz: tzinfo,
    fetched_at: datetime | None = None,
    limit: int = 3,
    day_first: bool | None = None,
) -> list[datetime]:
    """The first ``limit`` printed dates in ``text``, in the order they appear."""
    sample = text[:MAX_SCAN_CHARS]
    found: list[tuple[int, datetime]] = []
    for pattern in TEXT_PATTERNS:
        for match in islice(pattern.finditer(sample), limit):
            value = acceptable(_from_match(match, tz, day_first), fetched_at)
            if value is not None:
                found.append((match.start(), value))
    found.sort(key=lambda item: item[0])
    return [value for _, value in found[:limit]]


def first_instant(
    values: Sequence[str], tz: tzinfo, fetched_at: datetime | None = None
) -> datetime | None:
    """The first of ``values`` (attribute values) that is an acceptable instant.

    Unix seconds or milliseconds (``data-timestamp="1573900000"``) are shown in
    ``tz`` (the source's zone: the day its readers saw); anything else is read as
    ``parse_date`` reads a declared date.
    """
    for value in values:
        text = value.strip()
        found: datetime | None
        if EPOCH_RE.match(text):
            seconds = int(text) / (1000 if len(text) == 13 else 1)
            found = datetime.fromtimestamp(seconds, tz)
        else:
            found = parse_date(text, tz)
        found = acceptable(found, fetched_at)
        if found is not None:
            return found
    return None


def date_from_url(url: str, tz: tzinfo, fetched_at: datetime | None = None) -> datetime | None:
    """Date encoded in a URL path (``/2019/11/16/``, ``-20191116-``, ``/2023/october/03/``).

    Day 1 when the path gives only a year and month in digits.
    """
    path = url.split("?", 1)[0]
    for pattern in (URL_DATE_RE, URL_COMPACT_RE, URL_YEAR_MMDD_RE, URL_MONTH_WORD_RE):
        match = pattern.search(path)
        if match:
            groups = match.groupdict()
            month = MONTHS.get(groups["mon"].lower()) if groups.get("mon") else int(groups["m"])
            found = acceptable(_build(groups, month, tz), fetched_at) if month else None
            if found is not None:
                return found
    return None



def is_date_line(text: str) -> bool:
    """True for a block that holds only a date (and time): page furniture, not body text."""
    # A regex, not a generator over characters: this runs for most blocks of a page.
    if len(text) > MAX_DATE_LINE_CHARS or DIGIT_RE.search(text) is None:
        return False
    rest = text
    for pattern in TEXT_PATTERNS:
        rest = pattern.sub(" ", rest)
    if rest == text:
        return False
    rest = TIME_ONLY_RE.sub(" ", DATE_WORDS_RE.sub(" ", rest))
    return not any(c.isalnum() for c in rest)
