"""Sources file (TOML) loading and validation."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pressroom.errors import ConfigError

DEFAULT_USER_AGENT = "Pressroom/0.1 (+https://github.com/pressroom; press-release ingester)"
KNOWN_KEYS = frozenset(
    {
        "name", "feeds", "listings", "schedule", "timezone", "allow_private_network",
        "profile", "language", "min_delay", "concurrency", "timeout", "max_bytes",
        "user_agent", "allowed_hosts", "max_articles", "enabled", "headers", "respect_robots",
    }
)
LISTING_KEYS = frozenset({"url", "links", "pages", "next"})
DEFAULT_NEXT = "a[rel~=next], link[rel~=next]"
DEFAULT_SCHEDULE = "0 * * * *"
NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-")


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


def _str_list(value: Any, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where, f"'{key}' must be a list of URLs")
    for url in value:
        if not url.startswith(("http://", "https://")):
            raise _fail(where, f"'{key}' entry {url!r} is not an http(s) URL")
    return tuple(v.strip() for v in value)


def _number(raw: Mapping[str, Any], key: str, default: float, where: str, *, low: float) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < low:
        raise _fail(where, f"'{key}' must be a number >= {low}")
    return float(value)


def _listing(raw: Any, where: str) -> Listing:
    if isinstance(raw, str):
        raise _fail(where, "each listing must be a table with 'url' and 'links'")
    if not isinstance(raw, dict) or not isinstance(raw.get("url"), str):
        raise _fail(where, "each listing needs a 'url'")
    unknown = set(raw) - LISTING_KEYS
    if unknown:
        raise _fail(where, f"unknown listing key(s): {', '.join(sorted(unknown))}")
    url = raw["url"]
    if not url.startswith(("http://", "https://")):
        raise _fail(where, f"listing url {url!r} is not an http(s) URL")
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


def _check_cron(expr: str, where: str) -> None:
    # Prefect's own rules (flows.cron), so what passes here is what `serve` will accept.
    from flows.cron import validate_cron_string

    try:
        if not isinstance(expr, str):
            raise TypeError(expr)
        validate_cron_string(expr)
    except (ValueError, TypeError) as exc:
        raise _fail(where, f"'schedule' {expr!r} is not a valid cron expression") from exc


def parse_source(raw: Mapping[str, Any], index: int) -> SourceConfig:
    """Validate one ``[[source]]`` table into a :class:`SourceConfig`."""
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
    schedule = raw.get("schedule", DEFAULT_SCHEDULE)
    _check_cron(schedule, where)
    tz = raw.get("timezone", "UTC")
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise _fail(where, f"unknown timezone {tz!r}") from exc
    for key in ("allow_private_network", "enabled", "respect_robots"):
        if not isinstance(raw.get(key, True), bool):
            raise _fail(where, f"'{key}' must be true or false")
    for key in ("profile", "language", "user_agent"):
        if key in raw and not isinstance(raw[key], str):
            raise _fail(where, f"'{key}' must be a string")
    headers_raw = raw.get("headers", {})
    if not isinstance(headers_raw, dict) or not all(
        isinstance(k, str) and isinstance(v, dict) and isinstance(v.get("env"), str)
        for k, v in headers_raw.items()
    ):
        raise _fail(where, "'headers' must map header names to { env = \"VAR\" }")
    return SourceConfig(
        name=name,
        feeds=feeds,
        listings=listings,
        schedule=schedule,
        timezone=tz,
        allow_private_network=raw.get("allow_private_network", False),
        profile=raw.get("profile"),
        language=raw.get("language"),
        min_delay=_number(raw, "min_delay", 1.0, where, low=0),
        concurrency=int(_number(raw, "concurrency", 4, where, low=1)),
        timeout=_number(raw, "timeout", 20.0, where, low=0.05),
        max_bytes=int(_number(raw, "max_bytes", 10_000_000, where, low=1024)),
        user_agent=raw.get("user_agent", DEFAULT_USER_AGENT),
        allowed_hosts=tuple(h.lower() for h in _hosts(raw, where)),
        max_articles=int(_number(raw, "max_articles", 500, where, low=1)),
        enabled=raw.get("enabled", True),
        headers=tuple((k, v["env"]) for k, v in headers_raw.items()),
        respect_robots=raw.get("respect_robots", True),
    )


def _hosts(raw: Mapping[str, Any], where: str) -> list[str]:
    hosts = raw.get("allowed_hosts", [])
    if not isinstance(hosts, list) or not all(isinstance(h, str) for h in hosts):
        raise _fail(where, "'allowed_hosts' must be a list of host names")
    return hosts


def load_sources(path: str | Path) -> tuple[SourceConfig, ...]:
    """Read and validate a sources file; raise :class:`ConfigError` with one clear line."""
    file = Path(path)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"sources file not found: {file}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read sources file {file}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{file} is not valid TOML: {exc}") from exc
    raw_sources = data.get("source")
    if not isinstance(raw_sources, list) or not raw_sources:
        raise ConfigError(f"{file}: no [[source]] tables")
    sources = tuple(parse_source(raw, i) for i, raw in enumerate(raw_sources))
    names = [s.name for s in sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"{file}: duplicate source name(s): {', '.join(dupes)}")
    return sources


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
