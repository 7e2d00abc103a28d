"""Where a fetch may go, and which hops get the source's secrets.

A target is asked only when it is an http(s) URL that parses whole (port, IPv6 host) on
one of the source's ``allowed_hosts`` (any host when it names none). The source's secret
headers go only to the origin the fetch began on, or its upgrade from http to https: never
along a redirect to another origin or down to http (as browsers and httpx do).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flows.http_records import FetchPolicy
from parsers.urls import host_of
from pressroom.errors import BlockedURL


def check_target(url: str, policy: FetchPolicy) -> None:
    """Raise :class:`BlockedURL` unless ``url`` may be asked under ``policy``."""
    try:  # a port over 65535 or a broken [IPv6] raised ValueError later (k49a)
        parts = urlsplit(url)
        _port(parts.scheme, parts.port)
    except ValueError as exc:
        raise BlockedURL(f"invalid URL {url}: {exc}") from exc
    if parts.scheme not in ("http", "https"):
        raise BlockedURL(f"refusing non-http(s) URL {url}")
    host = host_of(url)  # IDNA hosts in ASCII, as allowed_hosts are built
    if policy.allowed_hosts and host not in policy.allowed_hosts:
        raise BlockedURL(f"host {host} is not among the source's allowed hosts")


def same_origin(first: str, current: str) -> bool:
    """True when ``current`` is on the origin of ``first`` (or its https upgrade)."""
    a, b = urlsplit(first), urlsplit(current)
    if (a.hostname or "").lower() != (b.hostname or "").lower():
        return False
    if a.scheme == b.scheme:
        return _port(a.scheme, a.port) == _port(b.scheme, b.port)
    return a.scheme == "http" and b.scheme == "https"


def _port(scheme: str, port: int | None) -> int:
    return port if port is not None else (443 if scheme == "https" else 80)
