"""extract(): the API contract on ordinary, odd and hostile pages."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from parsers import Article, extract
from pressroom.errors import ParseError

URL = "https://news.example.org/2019/11/16/story/"
PARAGRAPHS = [
    "The city council on Monday approved a five-year plan that adds three tram lines.",
    "The plan also replaces the entire bus fleet with electric buses by 2024, officials said.",
    "Opposition members said the cost estimates were too optimistic and asked for an audit.",
]


def page(head: str = "", body: str = "", lang: str = "en") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f'<html lang="{lang}"><head>{head}</head><body>'
        '<nav><a href="/">Home</a> <a href="/news/">News</a> <a href="/sport/">Sport</a></nav>'
        f"<article><h1>Council approves transport plan</h1>{body}{paragraphs}</article>"
        '<footer><a href="/about/">About us</a> © Example News</footer></body></html>'
    )


def test_body_is_paragraphs_joined_by_one_blank_line_in_nfc() -> None:
    decomposed = page().replace("five-year", "fi\u0301ve-year")
    article = extract(decomposed, url=URL)
    assert article.body.split("\n\n")[1:] == PARAGRAPHS[1:]
    assert "fíve-year" in article.body  # composed (NFC)
    assert "Home" not in article.body and "About us" not in article.body


def test_page_with_no_metadata() -> None:
    article = extract(page(), url=URL)
    assert article.title == "Council approves transport plan"
    assert article.canonical_url == URL
    assert article.authors == ()
    assert article.published_at == datetime(2019, 11, 16, tzinfo=UTC)  # from the URL
    assert article.language == "en"
    assert article.kind == "article"


def test_json_ld_only_page() -> None:
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Person", "@id": "#maria", "name": "Maria Lopez"},
            {
                "@type": "NewsArticle",
                "headline": "Council approves transport plan",
                "datePublished": "2019-11-18T09:30:00+01:00",
                "dateModified": "2019-11-18T11:00:00+01:00",
                "author": [{"@id": "#maria"}, {"@type": "Person", "name": "By John Roe"}],
                "articleSection": "Cities",
                "keywords": ["transport", "council"],
                "image": {"@type": "ImageObject", "url": "/img/tram.jpg"},
            },
        ],
    }
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    article = extract(page(head=head), url="https://news.example.org/a/b")
    assert article.published_at == datetime.fromisoformat("2019-11-18T09:30:00+01:00")
    assert article.modified_at == datetime.fromisoformat("2019-11-18T11:00:00+01:00")
    assert article.authors == ("Maria Lopez", "John Roe")
    assert article.section == "Cities"
    assert article.tags == ("transport", "council")
    assert article.image_url == "https://news.example.org/img/tram.jpg"


def test_meta_fields_and_title_without_site_name() -> None:
    head = (
        "<title>Council approves transport plan | Example News</title>"
        '<meta property="og:title" content="Council approves transport plan - Example News">'
        '<meta property="og:site_name" content="Example News">'
        '<meta name="author" content="By Anna Novak">'
        '<meta name="description" content="Three new tram lines.">'
        '<meta property="og:image" content="//cdn.example.org/a.jpg">'
        '<meta property="article:tag" content="Trams"><meta property="article:tag" content="Buses">'
        '<meta property="article:section" content="Cities">'
        '<link rel="canonical" href="/2019/11/16/story/?utm_source=x#top">'
    )
    article = extract(page(head=head).replace("<h1>", "<h1 class=x>"), url=URL + "?utm_medium=y")
    assert article.title == "Council approves transport plan"
    assert article.authors == ("Anna Novak",)
    assert article.description == "Three new tram lines."
    assert article.image_url == "https://cdn.example.org/a.jpg"
    assert article.tags == ("Trams", "Buses")
    assert article.section == "Cities"
    assert article.canonical_url == URL


def test_canonical_to_a_foreign_root_or_non_http_is_ignored() -> None:
    for href in ("https://other.example.com/", "javascript:void(0)", "ftp://x.org/a"):
        head = f'<link rel="canonical" href="{href}">'
        assert extract(page(head=head), url=URL).canonical_url == URL


def test_byline_in_text() -> None:
    article = extract(page(body="<p class='x'>By Anna Novak, Staff Writer</p>"), url=URL)
    assert article.authors == ("Anna Novak",)


def test_language_is_checked_against_the_script() -> None:
    russian = page(lang="en").replace(PARAGRAPHS[0], "Городской совет утвердил план. " * 8)
    russian = russian.replace(PARAGRAPHS[1], "Планом предусмотрены новые линии. " * 8)
    russian = russian.replace(PARAGRAPHS[2], "Оппозиция потребовала аудита. " * 8)
    assert extract(russian, url=URL).language == "ru"
    assert extract(page(lang="en-GB"), url=URL).language == "en"


def test_windows_1251_bytes_with_meta_charset() -> None:
    html = (
        '<html><head><meta charset="windows-1251"><title>Новости</title></head><body>'
        "<div class='content'><h1>О принятии резолюции</h1>"
        "<p>15 ноября в Нью-Йорке Третий комитет принял резолюцию, инициированную Беларусью.</p>"
        "<p>Соавторами резолюции выступили восемьдесят государств из разных регионов.</p>"
        "</div></body></html>"
    ).encode("cp1251")
    article = extract(html, url="https://mfa.gov.by/press/news/1.html", profile="mfa_by")
    assert article.title == "О принятии резолюции"
    assert article.body.startswith("15 ноября в Нью-Йорке")
    assert article.language == "ru"


def test_http_equiv_charset_and_bom() -> None:
    text = "<p>Минск принимает гостей со всего мира на большом форуме сегодня.</p>"
    equiv = (
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">' + text
    ).encode("cp1251")
    assert "Минск" in extract(equiv, url=URL).body
    assert "Минск" in extract(b"\xef\xbb\xbf" + text.encode(), url=URL).body


def test_listing_page_kind() -> None:
    items = "".join(
        f'<li><a href="/news/{i}/">Headline number {i} about the city council plan</a>'
        f"<span>16 November 2019</span></li>"
        for i in range(20)
    )
    html = f"<html><body><h1>News</h1><ul class='news'>{items}</ul></body></html>"
    assert extract(html, url="https://x.org/news/").kind == "listing"


def test_empty_kind_when_there_is_no_text() -> None:
    article = extract("<html><body><div></div></body></html>", url=URL)
    assert (article.kind, article.body) == ("empty", "")


@pytest.mark.parametrize(
    "html",
    [
        "",
        b"",
        "   \n ",
        bytes(range(256)) * 50,
        b"\x00" * 10_000,
        "<html><body><p>half a page <div><span>and then noth",
        "<p>text with \x00 NUL \x00 bytes that is long enough to be a paragraph here</p>",
        "<" * 100_000,
        "<div>" * 100_000 + "deep" + "</div>" * 100_000,
        "<table>" * 50_000,
        '<script type="application/ld+json">' + "[" * 100_000 + "</script><p>x</p>",
        "<p>" + "a " * 3_000_000 + "</p>",
        "<p>" + "x" * 9_000_000 + "</p>",
    ],
    ids=[
        "empty-str", "empty-bytes", "blank", "binary", "nuls", "truncated", "nul-in-text",
        "lt-flood", "nested-100k", "tables-50k", "jsonld-deep", "huge-text", "gigantic",
    ],
)
def test_hostile_input_gives_article_or_parse_error(html: str | bytes) -> None:
    """Nothing else escapes (their CPU time: bench/hostile_inputs.py; a page that never
    returns is bounded by the parse pool's PARSE_TIMEOUT, tests/crash/test_parser_hang.py)."""
    try:
        article = extract(html, url=URL)
    except ParseError:
        pass
    else:
        assert isinstance(article, Article)
        assert "\x00" not in article.body


def test_unknown_profile_and_bad_url_are_parse_errors() -> None:
    with pytest.raises(ParseError, match="known profiles"):
        extract(page(), url=URL, profile="nope")
    with pytest.raises(ParseError):
        extract(page(), url="mailto:someone@example.org")


def test_an_xhtml_page_with_an_xml_prolog_prints_no_parser_warning() -> None:
    """XHTML served as a page (``<?xml ...?>`` first) is HTML to us: no warning on stderr."""
    import warnings

    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Resolution adopted</title>'
        "</head><body><article><h1>Resolution adopted</h1>"
        + "<p>The General Assembly adopted the resolution on human trafficking today.</p>" * 5
        + "</article></body></html>"
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        article = extract(page, url="https://example.org/news/resolution")
    assert "General Assembly" in article.body
    assert [str(w.category.__name__) for w in caught] == []
