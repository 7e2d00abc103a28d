"""Strategies and checks shared by the property tests and ``bench/fuzz.py``.

Each ``check_*`` runs one parser on one input and asserts the contract: a result
or the project's own error, within ``TIME_LIMIT`` seconds of CPU (CPU, not wall time:
four agents or a CI neighbour on the same cores must not fail a parser that is fast).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from parsers import Article, extract, normalize_url
from parsers.dates import parse_date
from parsers.feeds import Feed, parse_feed, parse_feed_date
from pressroom.errors import FeedError, ParseError

TIME_LIMIT = 5.0
FETCHED_AT = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
MINSK = ZoneInfo("Europe/Minsk")

_HTML_BITS = (
    "<html>", "</html>", "<head>", "</head>", "<body>", "</body>", "<div>", "</div>", "<p>",
    "</p>", "<h1>", "</h1>", "<title>", "</title>", "<article>", "<br>", "<span class=date>",
    "<meta charset='utf-8'>", "<meta charset='utf-16'>", "<meta charset=\"koi8-r\">",
    "<meta property='article:published_time' content='2019-11-16T10:45:00+03:00'>",
    "<meta name='author' content='A. Writer'>", "<link rel=canonical href='/x?utm_source=y'>",
    "<time datetime='2019-11-16'>", "<script type='application/ld+json'>",
    '{"@type":"NewsArticle","headline":"H","datePublished":"2019-11-16"}', "</script>",
    "<script>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#x110000;",
    "&nbsp;", "\x00", "\ufffd", "\u202e", "MINSK, 16 November (BelTA) - ", "16 ноября 2019 г.",
    "November 16, 2019 10:45 am", "2019-02-30", "31.12.1899", "By John Smith", "Минск",
    "The council met and agreed the statement. ", "<a href='javascript:alert(1)'>x</a>",
    "<img src='data:,x'>", "<table><tr><td>", "<ul><li>", "<",  ">", "'", '"', "=",
)
_XML_BITS = (
    '<?xml version="1.0"?>', '<?xml version="1.0" encoding="koi8-r"?>', '<rss version="2.0">',
    "</rss>", "<channel>", "</channel>", "<item>", "</item>", "<title>", "</title>", "<link>",
    "</link>", "http://example.org/a/1", "https://EXAMPLE.org:443/b?utm_source=x#f",
    "javascript:alert(1)", "<guid isPermaLink='true'>", "<guid isPermaLink='false'>", "</guid>",
    "<pubDate>", "</pubDate>", "Tue, 10 Jun 2003 04:00:00 GMT", "Mon, 01 Jan 1900 00:00:00 GMT",
    "2999-01-01T00:00:00Z", "not a date", '<feed xmlns="http://www.w3.org/2005/Atom">', "</feed>",
    "<entry>", "</entry>", '<link rel="alternate" href="/rel"/>', "<updated>", "</updated>",
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', "</urlset>", "<url>",
    "</url>", "<loc>", "</loc>", "<lastmod>", "</lastmod>", "<sitemapindex>", "<sitemap>",
    "</sitemap>", "</sitemapindex>", '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    "<!DOCTYPE rss>", '<!DOCTYPE rss [<!ENTITY e "x">]>', "&e;", "&amp;", "&#0;", "&#x41;",
    "<![CDATA[", "]]>", "<!--", "-->", "\x00", "\ufeff", "<", ">", "&",
)
_URL_BITS = (
    "http://", "https://", "HTTP://", "ftp://", "javascript:", "//", "/", "../", "./", "?", "#",
    "&", "=", "%", "%2F", "%zz", "@", ":", ":80", ":443", ":0", ":99999", ":-1", "[::1]", "[",
    "]", "example.org", "EXAMPLE.ORG.", "xn--80ak6aa92e.com", "пример.рф", "127.0.0.1",
    "utm_source=x", "fbclid=1", "a=1", "a=", " ", "\t", "\n", "\x00", "\u2028", "é", "a b",
)
_DATE_BITS = (
    "2019", "11", "16", "-", "/", ".", ":", "T", "Z", "+03:00", "+0000", " ", ",", "10:45",
    "am", "pm", "November", "ноября", "лістапада", "mars", "1er", "г.", "Mon", "GMT",
    "2019-11-16T10:45:00.123456789+03:00", "99999", "0000", "1899", "2101", "\x00", "٢٠١٩",
)


def _joined(bits: tuple[str, ...], max_size: int) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(bits), st.text(max_size=8)),
                    max_size=max_size).map("".join)


html_docs: st.SearchStrategy[str | bytes] = st.one_of(
    st.text(max_size=2000),
    st.binary(max_size=2000),
    _joined(_HTML_BITS, 60),
    _joined(_HTML_BITS, 60).flatmap(
        lambda s: st.sampled_from(["utf-8", "cp1251", "utf-16", "koi8-r", "latin-1"]).map(
            lambda enc: s.encode(enc, "replace"))),
)
feed_docs: st.SearchStrategy[bytes] = st.one_of(
    st.binary(max_size=2000),
    _joined(_XML_BITS, 60).map(lambda s: s.encode("utf-8", "surrogatepass")),
)
url_texts: st.SearchStrategy[str] = st.one_of(st.text(max_size=200), _joined(_URL_BITS, 20))
base_urls: st.SearchStrategy[str | None] = st.one_of(
    st.none(), st.sampled_from(["http://example.org/a/b", "https://x.org", "ftp://x"]),
    url_texts)
date_texts: st.SearchStrategy[str] = st.one_of(st.text(max_size=300), _joined(_DATE_BITS, 20))


def _timed(start: float) -> None:
    elapsed = time.process_time() - start
    assert elapsed < TIME_LIMIT, f"took {elapsed:.1f}s"


def check_extract(html: str | bytes, profile: str | None) -> None:
    """``extract`` returns an Article or raises ParseError, quickly, with clean text."""
    t0 = time.process_time()
    try:
        article = extract(html, url="http://example.org/news/1", profile=profile,
                          timezone="Europe/Minsk", fetched_at=FETCHED_AT)
    except ParseError:
        _timed(t0)
        return
    _timed(t0)
    assert isinstance(article, Article)
    assert "\x00" not in article.body and "\x00" not in (article.title or "")
    if article.published_at is not None:
        assert article.published_at.tzinfo is not None
        assert article.published_at <= FETCHED_AT


def check_feed(data: bytes) -> None:
    """``parse_feed`` returns a Feed or raises FeedError, quickly; dates are aware."""
    t0 = time.process_time()
    try:
        feed = parse_feed(data)
    except FeedError:
        _timed(t0)
        return
    _timed(t0)
    assert isinstance(feed, Feed)
    for item in feed.items:
        assert isinstance(item.url, str) and item.url
        for when in (item.published_at, item.modified_at):
            assert when is None or (when.tzinfo is not None and when.year >= 1990)


def check_normalize(url: str, base: str | None) -> None:
    """``normalize_url`` returns an http(s) URL or raises ValueError, and is idempotent."""
    t0 = time.process_time()
    try:
        out = normalize_url(url, base)
    except ValueError:
        _timed(t0)
        return
    _timed(t0)
    assert out.startswith(("http://", "https://")), out
    assert "#" not in out
    assert normalize_url(out) == out, (url, base, out)


def check_parse_date(text: str) -> None:
    """``parse_date`` returns None or an aware, plausible datetime no later than the fetch."""
    t0 = time.process_time()
    try:
        value = parse_date(text, MINSK, FETCHED_AT)
    except ParseError:
        _timed(t0)
        return
    _timed(t0)
    if value is not None:
        assert value.tzinfo is not None and 1990 <= value.year <= FETCHED_AT.year
        assert value <= FETCHED_AT


def check_feed_date(text: str) -> None:
    """``parse_feed_date`` never raises: None or an aware datetime."""
    value = parse_feed_date(text)
    assert value is None or value.tzinfo is not None


_SEGMENT_CHARS = "abcXYZ019-._~ !$'()*+,;=:@ЖжёЎў中é"


def _percent(text: str, lower: bool) -> str:
    # Reserved characters stay literal: %-encoding them may change what a URL means.
    out = "".join(c if c in "!$'()*+,;=:@" else "".join(f"%{b:02X}" for b in c.encode())
                  for c in text)
    return out.lower() if lower else out


@st.composite
def equivalent_urls(draw: st.DrawFn) -> tuple[str, str]:
    """Two spellings of one address: raw, and re-encoded/re-cased/with noise added."""
    host = draw(st.sampled_from(["example.org", "eng.belta.by", "пример.рф",
                                 "xn--e1afmkfd.xn--p1ai"]))
    segments = draw(st.lists(st.text(_SEGMENT_CHARS, min_size=1, max_size=6), max_size=4))
    if segments:  # a raw trailing space is whitespace around the URL, not part of it
        segments[-1] = segments[-1].rstrip() or "x"
    query = draw(st.lists(st.tuples(st.sampled_from(["id", "page", "q"]),
                                    st.text("abc12 ", max_size=4)), max_size=2))
    plain = "https://" + host + "/" + "/".join(segments)
    if query:
        plain += "?" + "&".join(f"{k}={v.replace(' ', '+')}" for k, v in query)
    encode_mask = draw(st.lists(st.booleans(), min_size=len(segments), max_size=len(segments)))
    lower = draw(st.booleans())
    variant_segments = [
        _percent(s, lower) if enc else s.replace(" ", "%20")
        for s, enc in zip(segments, encode_mask, strict=True)
    ]
    variant_host = host.upper() if host.isascii() else host
    variant = "HTTPS://" + variant_host + ":443/" + "/".join(variant_segments)
    tracking = "utm_source=rss"
    variant += "?" + "&".join([*(f"{k}={v.replace(' ', '%20')}" for k, v in query), tracking])
    variant += "#" + draw(st.text("abc", max_size=3))
    return plain, variant


def check_equivalent(pair: tuple[str, str]) -> None:
    """Two spellings of one address normalise to the same string (one article id)."""
    plain, variant = pair
    try:
        a = normalize_url(plain)
    except ValueError:
        return
    assert a == normalize_url(variant), (plain, variant)
