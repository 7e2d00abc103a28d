"""URL normalisation: one spelling per document, so ids and de-duplication hold."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "mc_cid",
        "mc_eid", "igshid", "_ga", "_gl", "ref_src", "cmpid", "ocid", "at_medium",
        "at_campaign", "spm", "s_cid",
    }
)
DEFAULT_PORTS = {"http": 80, "https": 443}
UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
# Characters a path keeps literally (RFC 3986 pchar and "/"); the rest is %-encoded.
PATH_SAFE = "/:@!$&'()*+,;="
PERCENT_RE = re.compile(r"%([0-9A-Fa-f]{2})")
LONE_PERCENT_RE = re.compile(r"%(?![0-9A-Fa-f]{2})")
# An http(s) link whose scheme is followed by slashes other than "//" and a host:
# "http:///x", "http://", "http:/x", "http:\\\\x". urljoin reads "http:///x" on the
# base's host, browsers (WHATWG URL) on host "x": one link, two pages. Refused (f50).
EMPTY_AUTHORITY_RE = re.compile(r"\s*https?:(?!//[^/\\?#])[/\\]", re.IGNORECASE)
# Both readings drop every tab, CR and LF first (WHATWG URL; urlsplit's unsafe bytes), so
# "http:<LF>///x" is "http:///x" to them: matched without those (r50).
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\r\n")


def _no_authority(href: str) -> bool:
    """Whether ``href`` is an http(s) link with an empty authority (EMPTY_AUTHORITY_RE)."""
    return EMPTY_AUTHORITY_RE.match(href.translate(_TAB_OR_NEWLINE)) is not None


def _is_tracking(key: str) -> bool:
    lowered = key.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def normalize_url(url: str, base: str | None = None) -> str:
    """Return the canonical spelling of ``url`` (resolved against ``base``).

    Lower-cases scheme and host, drops default ports, the fragment, and
    tracking parameters; keeps path and the remaining query in order.
    Raises ``ValueError`` for URLs that are not http(s).
    """
    raw = url.strip()
    if base:
        raw = join_url(base, raw)
    elif _no_authority(raw):
        raise ValueError(f"URL has no host: {url[:200]!r}")
    parts = urlsplit(raw)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise ValueError(f"not an http(s) URL: {url[:200]!r}")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise ValueError(f"URL has no host: {url[:200]!r}")
    try:
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"URL has a bad port: {url[:200]!r}") from exc
    host = _ascii_host(host)
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    )
    return urlunsplit((scheme, netloc, _normalize_path(parts.path, url), query, ""))


def join_url(base: str, href: str) -> str:
    """``href`` resolved against ``base`` as :func:`urljoin` does, except an http(s)
    link with an empty authority ("http:///x"), which raises ``ValueError``: urljoin
    puts it on the base's host, a browser on another (EMPTY_AUTHORITY_RE)."""
    if _no_authority(href):
        raise ValueError(f"URL has no host: {href[:200]!r}")
    return urljoin(base, href)


def _ascii_host(host: str) -> str:
    """Lower-cased host in its ASCII (IDNA) form, as it goes over the wire."""
    host = host.lower()
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host  # not valid IDNA: keep it; the fetcher will refuse it


def _normalize_path(path: str, url: str) -> str:
    """RFC 3986 6.2.2: one spelling per path, so ``/%7Ea b`` and ``/~a%20b`` match.

    Escapes of unreserved characters are decoded, the others upper-cased; dot
    segments are removed; anything not allowed literally is UTF-8 %-encoded.
    """
    path = PERCENT_RE.sub(_unescape_unreserved, path)
    path = LONE_PERCENT_RE.sub("%25", path)
    path = _remove_dot_segments(path) or "/"
    try:
        return quote(path, safe=PATH_SAFE + "%")
    except UnicodeEncodeError as exc:
        raise ValueError(f"URL is not valid Unicode: {url[:200]!r}") from exc


def _unescape_unreserved(match: re.Match[str]) -> str:
    char = chr(int(match.group(1), 16))
    return char if char in UNRESERVED else "%" + match.group(1).upper()


def _remove_dot_segments(path: str) -> str:
    """Resolve ``.`` and ``..`` segments (RFC 3986 5.2.4)."""
    if "." not in path:
        return path
    out: list[str] = []
    segments = path.split("/")
    for i, segment in enumerate(segments):
        last = i == len(segments) - 1
        if segment == ".":
            if last:
                out.append("")
        elif segment == "..":
            if len(out) > 1:
                out.pop()
            if last:
                out.append("")
        else:
            out.append(segment)
    result = "/".join(out)
    return result if result.startswith("/") or not path.startswith("/") else "/" + result


def host_of(url: str) -> str:
    """Lower-cased host name of ``url`` (without port), IDNA hosts in ASCII form.

    The same form :func:`normalize_url` writes, so a source configured as
    ``https://пример.рф/`` still owns the articles its feed links to.
    """
    host = (urlsplit(url).hostname or "").rstrip(".")
    return _ascii_host(host) if host else ""


def identity_key(url: str) -> str:
    """The spelling an article's id is derived from (README, "How it behaves").

    The scheme and a trailing slash of a non-root path are not identity: a site
    that serves one page at ``http://h/a/i2`` and ``https://h/a/i2/`` serves one
    article. The key is the normalised URL with ``https`` and without that slash,
    so the ids of the usual spelling (https, no trailing slash) did not change.
    Which spelling is *stored* is still the page's: its trusted canonical link,
    or the URL it was served at after redirects.
    """
    parts = _identity_parts(url)
    return url if parts is None else _spell("https", *parts)


def _identity_parts(url: str) -> tuple[str, str, str] | None:
    """(netloc, path without a trailing slash, query) of an http(s) URL, else None."""
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.netloc:
        return None
    path = parts.path
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    return parts.netloc, path, parts.query


def _spell(scheme: str, netloc: str, path: str, query: str) -> str:
    """``urlunsplit((scheme, netloc, path, query, ""))`` for a non-empty netloc and a
    path that is empty or starts with "/" (what :func:`urlsplit` gives with a netloc),
    without its argument coercion: the write path spells ~10 of these per article."""
    return f"{scheme}://{netloc}{path}?{query}" if query else f"{scheme}://{netloc}{path}"


def identity_spellings(url: str) -> list[str]:
    """``url`` and the other spellings sharing its :func:`identity_key`, exact one first.

    Before the key existed, ids hashed the exact spelling; looking these up keeps
    articles stored under another spelling from forking (warehouse/writes.py).
    """
    parts = _identity_parts(url)
    if parts is None:
        if not url.startswith("https://"):
            return [url]  # not an http(s) URL: no other spellings
        # "https://" without a host: its key is itself, split again as before.
        split = urlsplit(url)
        return list(dict.fromkeys([url] + [
            urlunsplit((scheme, split.netloc, p, split.query, ""))
            for scheme in ("https", "http") for p in _paths(split.path)]))
    netloc, path, query = parts
    return list(dict.fromkeys([url] + [_spell(scheme, netloc, p, query)
                                       for scheme in ("https", "http") for p in _paths(path)]))


def _paths(path: str) -> list[str]:
    return [path] if path == "/" else [path, path + "/"]


def trusted_canonical(canonical_url: str, page_url: str, hosts: frozenset[str]) -> str:
    """``canonical_url`` when its host is one of ``hosts`` (the source's own), else ``page_url``.

    A page may claim any canonical URL; believing one on another source's host
    would let that page write over the other source's article.
    """
    return canonical_url if host_of(canonical_url) in hosts else page_url
