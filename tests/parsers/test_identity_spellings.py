"""The spellings an article id is looked up under (parsers/urls.py), written with
string operations instead of urllib's urlunsplit (issue 15: the write path spells
~10 per article); they must stay what urlunsplit gives."""

from __future__ import annotations

import random
from urllib.parse import urlsplit, urlunsplit

from parsers.urls import identity_key, identity_spellings


def _key_by_urllib(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return url
    path = parts.path
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    return urlunsplit(("https", parts.netloc, path, parts.query, ""))


def _spellings_by_urllib(url: str) -> list[str]:
    key = _key_by_urllib(url)
    if key == url and not url.startswith("https://"):
        return [url]
    parts = urlsplit(key)
    paths = [parts.path] if parts.path == "/" else [parts.path, parts.path + "/"]
    return list(dict.fromkeys([url] + [urlunsplit((scheme, parts.netloc, p, parts.query, ""))
                                       for scheme in ("https", "http") for p in paths]))


PIECES = ("http://", "https://", "HTTPS://", "ftp://", "", "//", "h.example", "H.Ex", "u:p@h",
          "[::1]", ":8080", "/", "//", "/a", "/a/", "/a//", "?", "?q=1", "#f", "\t", " ", "%2F",
          "é", ";p", "http:", "https:///", "?x#y", "mailto:x")


def test_spellings_are_what_urlunsplit_gives() -> None:
    rng = random.Random(15)
    urls = ["https://h/a", "http://h/a/", "https://h", "https://h?q", "https:///x", "https://",
            "http://h//a", "HTTP://H/A/", "https://h/?q=1", "https://h///", "x", "",
            "https://h:443/a/?b#c"]
    urls += ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 6))) for _ in range(20000)]
    for url in urls:
        try:
            expected: object = (_key_by_urllib(url), _spellings_by_urllib(url))
        except ValueError as exc:
            expected = type(exc)
        try:
            got: object = (identity_key(url), identity_spellings(url))
        except ValueError as exc:
            got = type(exc)
        assert got == expected, url


def test_spellings_of_an_article_url() -> None:
    assert identity_spellings("http://h.example/a/b/?q=1") == [
        "http://h.example/a/b/?q=1", "https://h.example/a/b?q=1", "https://h.example/a/b/?q=1",
        "http://h.example/a/b?q=1"]
    assert identity_spellings("https://h.example/") == ["https://h.example/",
                                                        "http://h.example/"]
    assert identity_spellings("mailto:x@h") == ["mailto:x@h"]
