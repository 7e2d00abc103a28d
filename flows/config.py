"""Sources file (TOML) loading and validation: the ``[[source]]`` tables.

The checks of each value (URLs, numbers and their ranges, schedule and zone, hosts,
headers) are :mod:`flows.source_checks`'s; the run-wide ``[pipeline]`` and
``[warehouse]`` tables are :mod:`flows.settings`'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from flows.settings import check_top_level, parse_pipeline, parse_warehouse, read_toml
from flows.source_checks import (
    allowed_hosts,
    check_cron,
    check_headers,
    check_language,
    check_timezone,
    fail,
    http_url,
    number,
    str_list,
    text,
)
from parsers.language import primary
from parsers.profiles import PROFILES
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


def _listing(raw: Any, where: str) -> Listing:
    if isinstance(raw, str):
        raise fail(where, "each listing must be a table with 'url' and 'links'")
    if not isinstance(raw, dict) or not isinstance(raw.get("url"), str):
        raise fail(where, "each listing needs a 'url'")
    unknown = set(raw) - LISTING_KEYS
    if unknown:
        raise fail(where, f"unknown listing key(s): {', '.join(sorted(unknown))}")
    url = http_url(raw["url"], where, "listing url")
    links = raw.get("links", "a[href]")
    if not isinstance(links, str) or not links.strip():
        raise fail(where, "listing 'links' must be a CSS selector")
    pages = raw.get("pages", 1)
    if isinstance(pages, bool) or not isinstance(pages, int) or not 1 <= pages <= 1000:
        raise fail(where, "listing 'pages' must be a whole number from 1 to 1000")
    nxt = raw.get("next", DEFAULT_NEXT)
    if not isinstance(nxt, str):
        raise fail(where, "listing 'next' must be a CSS selector")
    return Listing(url=url, links=links, pages=pages, next=nxt)


def parse_source(raw: Mapping[str, Any], index: int) -> SourceConfig:
    """Validate one ``[[source]]`` table into a :class:`SourceConfig`."""
    if not isinstance(raw, Mapping):
        raise fail(f"source #{index + 1}", "each [[source]] must be a table")
    name = raw.get("name")
    where = f"source #{index + 1}" + (f" ({name})" if isinstance(name, str) else "")
    if not isinstance(name, str) or not name or not set(name) <= NAME_CHARS:
        raise fail(where, "'name' must be lower-case letters, digits, '-' or '_'")
    unknown = set(raw) - KNOWN_KEYS
    if unknown:
        raise fail(where, f"unknown key(s): {', '.join(sorted(unknown))}")
    feeds = str_list(raw.get("feeds", []), where, "feeds")
    listings_raw = raw.get("listings", [])
    if not isinstance(listings_raw, list):
        raise fail(where, "'listings' must be a list of tables")
    listings = tuple(_listing(item, where) for item in listings_raw)
    if not feeds and not listings:
        raise fail(where, "needs at least one of 'feeds' or 'listings'")
    tz = raw.get("timezone", "UTC")
    check_timezone(tz, where)
    schedule = raw.get("schedule", DEFAULT_SCHEDULE)
    check_cron(schedule, tz, where)
    for key in ("allow_private_network", "enabled", "respect_robots"):
        if not isinstance(raw.get(key, True), bool):
            raise fail(where, f"'{key}' must be true or false")
    for key in ("profile", "language", "user_agent"):
        text(raw, key, where)
    if not raw.get("user_agent", "").isascii():  # HTTP header values go out as ASCII
        raise fail(where, "'user_agent' must be ASCII (it is sent as an HTTP header)")
    language = raw.get("language")
    check_language(language, where)
    profile = raw.get("profile")
    if profile is not None and profile not in PROFILES:
        raise fail(where, f"unknown profile {profile!r} (known: {', '.join(sorted(PROFILES))})")
    headers_raw = raw.get("headers", {})
    check_headers(headers_raw, where)
    return SourceConfig(
        name=name,
        feeds=feeds,
        listings=listings,
        schedule=schedule,
        timezone=tz,
        allow_private_network=raw.get("allow_private_network", False),
        profile=profile,
        language=primary(language),
        min_delay=number(raw, "min_delay", 1.0, where),
        concurrency=int(number(raw, "concurrency", 4, where)),
        timeout=number(raw, "timeout", 20.0, where),
        max_bytes=int(number(raw, "max_bytes", 10_000_000, where)),
        user_agent=raw.get("user_agent", DEFAULT_USER_AGENT).strip(),
        allowed_hosts=tuple(h.lower() for h in allowed_hosts(raw, where)),
        max_articles=int(number(raw, "max_articles", 500, where)),
        enabled=raw.get("enabled", True),
        headers=tuple((k, v["env"]) for k, v in headers_raw.items()),
        respect_robots=raw.get("respect_robots", True),
        max_child_sitemaps=int(number(raw, "max_child_sitemaps", 20, where)),
        sitemap_max_age_days=(int(number(raw, "sitemap_max_age_days", 1, where))
                              if "sitemap_max_age_days" in raw else None),
    )


def load_sources(path: str | Path) -> tuple[SourceConfig, ...]:
    """Read and validate a sources file; raise :class:`ConfigError` with one clear line."""
    file = Path(path)
    data = read_toml(file)
    check_top_level(data, file)
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
    (not in :func:`load_sources`: soupsieve imports bs4, ~0.3 s, which `sources` (list)
    and the commands that only read the warehouse skip; every run, `serve`, `deploy` and
    `sources check` check every source's)."""
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
