"""Sources file (TOML) loading and validation: the ``[[source]]`` tables.

The run-wide ``[pipeline]`` and ``[warehouse]`` tables are :mod:`flows.settings`'s.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from flows.settings import parse_pipeline, parse_warehouse, read_toml
from parsers.language import primary
from parsers.limits import MAX_INPUT_CHARS
from parsers.profiles import PROFILES
from parsers.urls import host_of
from pressroom.errors import ConfigError

DEFAULT_USER_AGENT = "Pressroom/0.1 (+https://github.com/pressroom; press-release ingester)"
KNOWN_KEYS = frozenset(
    {
        "name", "feeds", "listings", "schedule", "timezone", "allow_private_network",
        "profile", "language", "min_delay", "concurrency", "timeout", "max_bytes",
        "user_agent", "allowed_hosts", "max_articles", "enabled", "headers", "respect_robots",
        "max_child_sitemaps", "sitemap_max_age_days",
    }
)
LISTING_KEYS = frozenset({"url", "links", "pages", "next"})
DEFAULT_NEXT = "a[rel~=next], link[rel~=next]"
DEFAULT_SCHEDULE = "0 * * * *"
NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-")
# RFC 9110 token (header names) and a portable environment variable name.
HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Headers the fetcher owns: the request's target and framing (a Host of another name
# would reach another site on an allowed address), the compression its size cap
# decodes, the validators and preconditions (a Range is answered 206 with a slice, which
# 2xx lets through and the run stores as the whole page), and user_agent's own key.
OWN_HEADERS = frozenset({
    "host", "content-length", "transfer-encoding", "connection", "keep-alive", "te",
    "trailer", "upgrade", "proxy-connection", "accept-encoding", "if-none-match",
    "if-modified-since", "if-match", "if-unmodified-since", "if-range", "range",
    "user-agent",
})
# Headers that servers and frameworks honouring them read as another host, path or
# method than the request's own: the Host check by another name.
TARGET_HEADERS = frozenset({
    "forwarded", "x-forwarded-host", "x-host", "x-original-url", "x-rewrite-url",
    "x-http-method-override", "x-http-method", "x-method-override",
})
# A BCP 47 language tag as pages declare it ("en", "be-BY", "zh_Hant"); kept as its primary subtag.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
# C0 controls and DEL (CR and LF included): never allowed in a header, URL or name.
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Range:
    """The allowed values of one numeric key (both ends included)."""

    whole: bool
    low: float
    high: float
    why: str = ""

    def describe(self) -> str:
        kind = "a whole number" if self.whole else "a number"
        low, high = (f"{v:g}" if not self.whole else str(int(v)) for v in (self.low, self.high))
        return f"{kind} from {low} to {high}" + (f" ({self.why})" if self.why else "")


# Every number a source may set, with its range: nan, inf and anything outside are
# refused at load time (an infinite delay would block a scheduled run for good).
NUMBERS: Mapping[str, Range] = MappingProxyType({
    "min_delay": Range(False, 0.0, 60.0, "seconds between requests to a host"),
    "concurrency": Range(True, 1, 32),
    "timeout": Range(False, 0.05, 300.0, "seconds per request"),
    # Above the parser's own input limit a page is fetched only to be refused, and a
    # larger cap lets a small compressed bomb inflate to gigabytes first.
    "max_bytes": Range(True, 1024, MAX_INPUT_CHARS, "the parser's input limit"),
    "max_articles": Range(True, 1, 1_000_000),
    "max_child_sitemaps": Range(True, 1, 10_000),
    "sitemap_max_age_days": Range(True, 1, 36_500),
})


@dataclass(frozen=True, slots=True)
class Listing:
    """A listing page: ``links`` selects article links, ``pages`` caps pagination."""

    url: str
    links: str
    pages: int = 1
    next: str = DEFAULT_NEXT


@dataclass(frozen=True, slots=True)
class SourceConfig:
    """One ``[[source]]`` table of the sources file, validated."""

    name: str
    feeds: tuple[str, ...] = ()
    listings: tuple[Listing, ...] = ()
    schedule: str = DEFAULT_SCHEDULE
    timezone: str = "UTC"
    allow_private_network: bool = False
    profile: str | None = None
    language: str | None = None
    min_delay: float = 1.0
    concurrency: int = 4
    timeout: float = 20.0
    max_bytes: int = 10_000_000
    user_agent: str = DEFAULT_USER_AGENT
    allowed_hosts: tuple[str, ...] = ()
    max_articles: int = 500
    enabled: bool = True
    # Header name -> environment variable holding its value (never the secret itself).
    headers: tuple[tuple[str, str], ...] = field(default=())
    respect_robots: bool = True
    # Sitemap indexes: child sitemaps read per run, and how far back they are read.
    max_child_sitemaps: int = 20
    sitemap_max_age_days: int | None = None  # None: no date limit, only the cap

    def as_json(self) -> dict[str, Any]:
        """A JSON-able view for the ``sources`` table (header *variable names* only)."""
        return {
            "feeds": list(self.feeds),
            "listings": [asdict(listing) for listing in self.listings],
            "schedule": self.schedule,
            "timezone": self.timezone,
            "allow_private_network": self.allow_private_network,
            "profile": self.profile,
            "language": self.language,
            "min_delay": self.min_delay,
            "concurrency": self.concurrency,
        }


def _fail(where: str, message: str) -> ConfigError:
    return ConfigError(f"{where}: {message}")


def _http_url(url: str, where: str, key: str) -> str:
    """An absolute http(s) URL with a host, free of control characters."""
    url = url.strip()
    if CONTROL.search(url) or " " in url:
        raise _fail(where, f"{key} {url!r} contains spaces or control characters")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port out of range
    except ValueError as exc:
        raise _fail(where, f"{key} {url!r} is not a valid URL ({exc})") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise _fail(where, f"{key} {url!r} is not an http(s) URL")
    if not parts.hostname:
        raise _fail(where, f"{key} {url!r} has no host")
    return url


def _str_list(value: Any, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where, f"'{key}' must be a list of URLs")
    return tuple(_http_url(v, where, f"'{key}' entry") for v in value)


def _number(raw: Mapping[str, Any], key: str, default: float, where: str) -> float:
    """``raw[key]`` checked against :data:`NUMBERS` (finite, in range, whole if it must be)."""
    rule = NUMBERS[key]
    value = raw.get(key, default)
    ok = (
        not isinstance(value, bool)
        and isinstance(value, int | float)
        and math.isfinite(value)
        and rule.low <= value <= rule.high
        and (not rule.whole or float(value).is_integer())
    )
    if not ok:
        raise _fail(where, f"'{key}' must be {rule.describe()}, not {value!r}")
    return float(value)


def _text(raw: Mapping[str, Any], key: str, where: str) -> None:
    """Optional string keys: strings without control characters (no CRLF injection)."""
    if key not in raw:
        return
    value = raw[key]
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, f"'{key}' must be a non-empty string")
    if CONTROL.search(value):
        raise _fail(where, f"'{key}' must not contain control characters (CR, LF, ...)")


def _listing(raw: Any, where: str) -> Listing:
    if isinstance(raw, str):
        raise _fail(where, "each listing must be a table with 'url' and 'links'")
    if not isinstance(raw, dict) or not isinstance(raw.get("url"), str):
        raise _fail(where, "each listing needs a 'url'")
    unknown = set(raw) - LISTING_KEYS
    if unknown:
        raise _fail(where, f"unknown listing key(s): {', '.join(sorted(unknown))}")
    url = _http_url(raw["url"], where, "listing url")
    links = raw.get("links", "a[href]")
    if not isinstance(links, str) or not links.strip():
        raise _fail(where, "listing 'links' must be a CSS selector")
    pages = raw.get("pages", 1)
    if isinstance(pages, bool) or not isinstance(pages, int) or not 1 <= pages <= 1000:
        raise _fail(where, "listing 'pages' must be a whole number from 1 to 1000")
    nxt = raw.get("next", DEFAULT_NEXT)
    if not isinstance(nxt, str):
        raise _fail(where, "listing 'next' must be a CSS selector")
    return Listing(url=url, links=links, pages=pages, next=nxt)


@cache
def _zone_names() -> frozenset[str]:
    """The zone names of the zone database: what ``serve``'s schedules accept (Prefect
    checks a timezone against this set); ZoneInfo also reads files that are none."""
    return frozenset(available_timezones())


def _check_cron(expr: str, tz: str, where: str) -> None:
    # Prefect's own validator and cron engine (flows.cron: without importing Prefect),
    # so what passes here is what `serve` will accept and what its scheduler can fire.
    from datetime import datetime

    from flows.cron import croniter_class, validate_cron_string

    if isinstance(expr, str) and not expr.strip().startswith("@") and len(expr.split()) != 5:
        # The engine reads a 6th field as seconds: "0 0 * * * *" (hourly, written
        # seconds-first) would fire 60 times in the minute after midnight.
        raise _fail(where, f"'schedule' {expr!r} must have 5 fields: "
                           "minute hour day-of-month month day-of-week")
    try:
        if not isinstance(expr, str):
            raise TypeError(expr)
        validate_cron_string(expr)
    except (ValueError, TypeError) as exc:
        raise _fail(where, f"'schedule' {expr!r} is not a valid cron expression") from exc
    try:
        croniter: Any = croniter_class()
        croniter(expr, datetime.now(ZoneInfo(tz))).get_next(datetime)
    except ValueError as exc:  # CroniterBadDateError: e.g. 30 February
        raise _fail(where, f"'schedule' {expr!r} never fires") from exc


def parse_source(raw: Mapping[str, Any], index: int) -> SourceConfig:
    """Validate one ``[[source]]`` table into a :class:`SourceConfig`."""
    if not isinstance(raw, Mapping):
        raise _fail(f"source #{index + 1}", "each [[source]] must be a table")
    name = raw.get("name")
    where = f"source #{index + 1}" + (f" ({name})" if isinstance(name, str) else "")
    if not isinstance(name, str) or not name or not set(name) <= NAME_CHARS:
        raise _fail(where, "'name' must be lower-case letters, digits, '-' or '_'")
    unknown = set(raw) - KNOWN_KEYS
    if unknown:
        raise _fail(where, f"unknown key(s): {', '.join(sorted(unknown))}")
    feeds = _str_list(raw.get("feeds", []), where, "feeds")
    listings_raw = raw.get("listings", [])
    if not isinstance(listings_raw, list):
        raise _fail(where, "'listings' must be a list of tables")
    listings = tuple(_listing(item, where) for item in listings_raw)
    if not feeds and not listings:
        raise _fail(where, "needs at least one of 'feeds' or 'listings'")
    tz = raw.get("timezone", "UTC")
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise _fail(where, f"unknown timezone {tz!r}") from exc
    if tz not in _zone_names():  # "posixrules", "right/UTC": read, but Prefect refuses them
        raise _fail(where, f"unknown timezone {tz!r} (a zone name, e.g. 'Europe/Minsk')")
    schedule = raw.get("schedule", DEFAULT_SCHEDULE)
    _check_cron(schedule, tz, where)
    for key in ("allow_private_network", "enabled", "respect_robots"):
        if not isinstance(raw.get(key, True), bool):
            raise _fail(where, f"'{key}' must be true or false")
    for key in ("profile", "language", "user_agent"):
        _text(raw, key, where)
    if not raw.get("user_agent", "").isascii():  # HTTP header values go out as ASCII
        raise _fail(where, "'user_agent' must be ASCII (it is sent as an HTTP header)")
    language = raw.get("language")
    if language is not None and (primary(language) is None or not LANGUAGE_TAG.fullmatch(language)):
        raise _fail(where, f"'language' must be a language tag such as \"en\" or \"be-BY\", "
                           f"not {language!r}")
    profile = raw.get("profile")
    if profile is not None and profile not in PROFILES:
        raise _fail(where, f"unknown profile {profile!r} (known: {', '.join(sorted(PROFILES))})")
    headers_raw = raw.get("headers", {})
    if not isinstance(headers_raw, dict) or not all(
        isinstance(k, str) and HEADER_NAME.fullmatch(k) and isinstance(v, dict)
        and isinstance(v.get("env"), str) and ENV_NAME.fullmatch(v["env"])
        for k, v in headers_raw.items()
    ):
        raise _fail(where, "'headers' must map header names to { env = \"VAR\" }")
    owned = [k for k in headers_raw if k.lower() in OWN_HEADERS]
    if owned:
        raise _fail(where, f"'headers' cannot set {owned[0]}: Pressroom sets it (the request's "
                           "target, framing, compression, validators or user_agent)")
    steering = [k for k in headers_raw if k.lower() in TARGET_HEADERS]
    if steering:
        raise _fail(where, f"'headers' cannot set {steering[0]}: servers that honour it take "
                           "another host, path or method from it")
    return SourceConfig(
        name=name,
        feeds=feeds,
        listings=listings,
        schedule=schedule,
        timezone=tz,
        allow_private_network=raw.get("allow_private_network", False),
        profile=profile,
        language=primary(language),
        min_delay=_number(raw, "min_delay", 1.0, where),
        concurrency=int(_number(raw, "concurrency", 4, where)),
        timeout=_number(raw, "timeout", 20.0, where),
        max_bytes=int(_number(raw, "max_bytes", 10_000_000, where)),
        user_agent=raw.get("user_agent", DEFAULT_USER_AGENT).strip(),
        allowed_hosts=tuple(h.lower() for h in _hosts(raw, where)),
        max_articles=int(_number(raw, "max_articles", 500, where)),
        enabled=raw.get("enabled", True),
        headers=tuple((k, v["env"]) for k, v in headers_raw.items()),
        respect_robots=raw.get("respect_robots", True),
        max_child_sitemaps=int(_number(raw, "max_child_sitemaps", 20, where)),
        sitemap_max_age_days=(int(_number(raw, "sitemap_max_age_days", 1, where))
                              if "sitemap_max_age_days" in raw else None),
    )


def _hosts(raw: Mapping[str, Any], where: str) -> list[str]:
    hosts = raw.get("allowed_hosts", [])
    if not isinstance(hosts, list) or not all(
        isinstance(h, str) and h.strip() and not CONTROL.search(h)
        and not set(h) & set(" /?#@") for h in hosts
    ):
        raise _fail(where, "'allowed_hosts' must be a list of host names")
    # The form host_of gives a URL (lower case, IDNA in ASCII, no trailing dot):
    # otherwise "пример.рф" or "Example.com." would silently never match.
    out = []
    for h in hosts:
        h = h.strip()
        host = host_of(f"http://[{h}]/" if h.count(":") > 1 and "[" not in h else f"http://{h}/")
        if not host:
            raise _fail(where, f"'allowed_hosts' entry {h!r} is not a host name")
        out.append(host)
    return out


def load_sources(path: str | Path) -> tuple[SourceConfig, ...]:
    """Read and validate a sources file; raise :class:`ConfigError` with one clear line."""
    file = Path(path)
    data = read_toml(file)
    parse_pipeline(data, file)  # a bad [pipeline] table fails every command that reads the file
    parse_warehouse(data, file)
    raw_sources = data.get("source")
    if not isinstance(raw_sources, list) or not raw_sources:
        raise ConfigError(f"{file}: no [[source]] tables")
    try:
        sources = tuple(parse_source(raw, i) for i, raw in enumerate(raw_sources))
    except ConfigError as exc:
        raise ConfigError(f"{file}: {exc}") from exc
    names = [s.name for s in sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"{file}: duplicate source name(s): {', '.join(dupes)}")
    return sources


def check_selectors(sources: tuple[SourceConfig, ...], path: str | Path) -> None:
    """One line for a listing selector soupsieve cannot compile, before a run starts
    (not in :func:`load_sources`: soupsieve costs ~0.3 s of imports that `sources` skips)."""
    import soupsieve

    for source in sources:
        for listing in source.listings:
            for key, selector in (("links", listing.links), ("next", listing.next)):
                try:
                    soupsieve.compile(selector)
                except soupsieve.SelectorSyntaxError as exc:
                    reason = str(exc).splitlines()[0]  # its later lines draw a caret
                    raise ConfigError(f"{path}: source {source.name}: listing {key!r} "
                                      f"{selector!r} is not a CSS selector ({reason})") from exc


def select_sources(
    sources: tuple[SourceConfig, ...], names: list[str] | tuple[str, ...] | None
) -> tuple[SourceConfig, ...]:
    """Pick the named sources (all enabled ones when ``names`` is empty)."""
    if not names:
        return tuple(s for s in sources if s.enabled)
    by_name = {s.name: s for s in sources}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        known = ", ".join(sorted(by_name))
        raise ConfigError(f"unknown source {unknown[0]!r} (known: {known})")
    return tuple(by_name[n] for n in dict.fromkeys(names))
