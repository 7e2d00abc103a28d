"""Checks of the values in one ``[[source]]`` table of the sources file.

Each check takes a value (or the table and a key) and ``where`` (the source it is
in, for the message) and raises :class:`~pressroom.errors.ConfigError` in one line
naming the key and what it must be. :mod:`flows.config` applies them in order.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from parsers.language import primary
from parsers.limits import MAX_INPUT_CHARS
from parsers.urls import host_of
from pressroom.errors import ConfigError

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


def fail(where: str, message: str) -> ConfigError:
    return ConfigError(f"{where}: {message}")


def http_url(url: str, where: str, key: str) -> str:
    """An absolute http(s) URL with a host, free of control characters."""
    url = url.strip()
    if CONTROL.search(url) or " " in url:
        raise fail(where, f"{key} {url!r} contains spaces or control characters")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port out of range
    except ValueError as exc:
        raise fail(where, f"{key} {url!r} is not a valid URL ({exc})") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise fail(where, f"{key} {url!r} is not an http(s) URL")
    if not parts.hostname:
        raise fail(where, f"{key} {url!r} has no host")
    return url


def str_list(value: Any, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(where, f"'{key}' must be a list of URLs")
    return tuple(http_url(v, where, f"'{key}' entry") for v in value)


def number(raw: Mapping[str, Any], key: str, default: float, where: str) -> float:
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
        raise fail(where, f"'{key}' must be {rule.describe()}, not {value!r}")
    return float(value)


def text(raw: Mapping[str, Any], key: str, where: str) -> None:
    """Optional string keys: strings without control characters (no CRLF injection)."""
    if key not in raw:
        return
    value = raw[key]
    if not isinstance(value, str) or not value.strip():
        raise fail(where, f"'{key}' must be a non-empty string")
    if CONTROL.search(value):
        raise fail(where, f"'{key}' must not contain control characters (CR, LF, ...)")


@cache
def zone_names() -> frozenset[str]:
    """The zone names of the zone database: what ``serve``'s schedules accept (Prefect
    checks a timezone against this set); ZoneInfo also reads files that are none."""
    return frozenset(available_timezones())


def check_cron(expr: str, tz: str, where: str) -> None:
    # Prefect's own validator and cron engine (flows.cron: without importing Prefect),
    # so what passes here is what `serve` will accept and what its scheduler can fire.
    from datetime import datetime

    from flows.cron import croniter_class, validate_cron_string

    if isinstance(expr, str) and not expr.strip().startswith("@") and len(expr.split()) != 5:
        # The engine reads a 6th field as seconds: "0 0 * * * *" (hourly, written
        # seconds-first) would fire 60 times in the minute after midnight.
        raise fail(where, f"'schedule' {expr!r} must have 5 fields: "
                          "minute hour day-of-month month day-of-week")
    try:
        if not isinstance(expr, str):
            raise TypeError(expr)
        validate_cron_string(expr)
    except (ValueError, TypeError) as exc:
        raise fail(where, f"'schedule' {expr!r} is not a valid cron expression") from exc
    try:
        croniter: Any = croniter_class()
        croniter(expr, datetime.now(ZoneInfo(tz))).get_next(datetime)
    except ValueError as exc:  # CroniterBadDateError: e.g. 30 February
        raise fail(where, f"'schedule' {expr!r} never fires") from exc


def allowed_hosts(raw: Mapping[str, Any], where: str) -> list[str]:
    hosts = raw.get("allowed_hosts", [])
    if not isinstance(hosts, list) or not all(
        isinstance(h, str) and h.strip() and not CONTROL.search(h)
        and not set(h) & set(" /?#@") for h in hosts
    ):
        raise fail(where, "'allowed_hosts' must be a list of host names")
    # The form host_of gives a URL (lower case, IDNA in ASCII, no trailing dot):
    # otherwise "пример.рф" or "Example.com." would silently never match.
    out = []
    for h in hosts:
        h = h.strip()
        host = host_of(f"http://[{h}]/" if h.count(":") > 1 and "[" not in h else f"http://{h}/")
        if not host:
            raise fail(where, f"'allowed_hosts' entry {h!r} is not a host name")
        out.append(host)
    return out


def check_timezone(tz: Any, where: str) -> None:
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise fail(where, f"unknown timezone {tz!r}") from exc
    if tz not in zone_names():  # "posixrules", "right/UTC": read, but Prefect refuses them
        raise fail(where, f"unknown timezone {tz!r} (a zone name, e.g. 'Europe/Minsk')")


def check_language(language: Any, where: str) -> None:
    if language is not None and (primary(language) is None or not LANGUAGE_TAG.fullmatch(language)):
        raise fail(where, f"'language' must be a language tag such as \"en\" or \"be-BY\", "
                          f"not {language!r}")


def check_headers(headers_raw: Any, where: str) -> None:
    """``headers``: header names mapped to ``{ env = "VAR" }``, none the fetcher owns
    (:data:`OWN_HEADERS`) or that steers the request elsewhere (:data:`TARGET_HEADERS`)."""
    if not isinstance(headers_raw, dict) or not all(
        isinstance(k, str) and HEADER_NAME.fullmatch(k) and isinstance(v, dict)
        and isinstance(v.get("env"), str) and ENV_NAME.fullmatch(v["env"])
        for k, v in headers_raw.items()
    ):
        raise fail(where, "'headers' must map header names to { env = \"VAR\" }")
    owned = [k for k in headers_raw if k.lower() in OWN_HEADERS]
    if owned:
        raise fail(where, f"'headers' cannot set {owned[0]}: Pressroom sets it (the request's "
                          "target, framing, compression, validators or user_agent)")
    steering = [k for k in headers_raw if k.lower() in TARGET_HEADERS]
    if steering:
        raise fail(where, f"'headers' cannot set {steering[0]}: servers that honour it take "
                          "another host, path or method from it")
