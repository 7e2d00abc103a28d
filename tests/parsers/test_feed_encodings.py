"""Feeds in every encoding a feed may declare or use (parsers/feed_xml.py, decode.py).

Category "every encoding a feed may use": one small RSS feed whose title and link
carry the script of the encoding, written in that encoding with its declaration.
"""

from __future__ import annotations

import codecs

import pytest

from parsers.feeds import parse_feed

TITLES = {
    "ko": "서울시 버스 요금 동결 김똠순",
    "zh": "国家统计局发布数据 王镕",
    "zh-Hant": "臺北市擴大公共自行車服務 林喆",
    "ja": "東京都が給食費を無償化 髙橋",
    "ja-basic": "東京都が給食費を無償化 高橋",
    "ru": "В Минске открылась книжная выставка",
    "cs": "Přílišný žluťoučký kůň úpěl",
    "fr": "Élysée : réunion à l'hôtel de ville",
    "el": "Ανακοίνωση του υπουργείου",
    "tr": "Türkiye'de seçim günü ışıklar",
}


def rss(title: str, declared: str | None) -> str:
    decl = f'<?xml version="1.0" encoding="{declared}"?>\n' if declared else ""
    return (f'{decl}<rss version="2.0"><channel><title>{title}</title><item>'
            f"<title>{title}</title><link>https://news.example/{title[:4]}/1</link>"
            "</item></channel></rss>")


def assert_item(data: bytes, title: str) -> None:
    feed = parse_feed(data)
    assert [(i.title, i.url) for i in feed.items] == [(title, f"https://news.example/{title[:4]}/1")]


# The declared label, the codec the bytes are in (legacy labels: the browsers' superset).
@pytest.mark.parametrize(
    "lang, label, codec",
    [
        ("ko", "euc-kr", "cp949"),
        ("ko", "ks_c_5601-1987", "cp949"),
        ("zh", "gb2312", "gb18030"),
        ("zh", "gbk", "gb18030"),
        ("zh", "gb18030", "gb18030"),
        ("zh-Hant", "big5", "big5hkscs"),
        ("ja", "shift_jis", "cp932"),
        ("ja-basic", "euc-jp", "euc-jp"),
        ("ja-basic", "iso-2022-jp", "iso-2022-jp"),
        ("ru", "windows-1251", "windows-1251"),
        ("ru", "koi8-r", "koi8-r"),
        ("cs", "windows-1250", "windows-1250"),
        ("fr", "windows-1252", "windows-1252"),
        ("fr", "iso-8859-1", "windows-1252"),
        ("el", "windows-1253", "windows-1253"),
        ("tr", "windows-1254", "windows-1254"),
    ],
)
def test_declared_legacy_encodings(lang: str, label: str, codec: str) -> None:
    title = TITLES[lang]
    assert_item(rss(title, label).encode(codec), title)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("bom", [True, False])
@pytest.mark.parametrize("lang", ["ko", "ru", "fr"])
def test_utf16_and_utf32_with_and_without_bom(codec: str, bom: bool, lang: str) -> None:
    title = TITLES[lang]
    label = codec[:6]  # "utf-16" / "utf-32", as feeds write it
    data = rss(title, label).encode(codec)
    if bom:
        data = "\ufeff".encode(codec) + data
    assert_item(data, title)


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_python_style_utf16_with_native_bom(codec: str) -> None:
    assert_item(rss(TITLES["ja"], codec).encode(codec), TITLES["ja"])


# Category "bogus or wrong declared encoding": the bytes decide; never LookupError.
@pytest.mark.parametrize(
    "lang, label, codec",
    [
        ("ru", "bogus", "windows-1251"),
        ("ja", "x-unknown-charset", "utf-8"),
        ("ko", "euc-kr", "utf-8"),
        ("ru", "utf-8", "windows-1251"),
        ("zh", "utf-8", "gb18030"),
        ("fr", "utf-16", "utf-8"),
    ],
)
def test_wrong_or_bogus_declaration_falls_back_to_the_bytes(
    lang: str, label: str, codec: str
) -> None:
    title = TITLES[lang]
    assert_item(rss(title, label).encode(codec), title)


def test_utf8_bom_with_a_legacy_declaration() -> None:
    data = codecs.BOM_UTF8 + rss(TITLES["ko"], "euc-kr").encode("utf-8")
    assert_item(data, TITLES["ko"])


# Category "a feed whose only label is the HTTP header": a short feed with a bare
# <?xml?> whose Content-Type names its charset (detection misread these words).
@pytest.mark.parametrize(
    "word, codec",
    [("Минск", "koi8-r"), ("Минск", "windows-1251"), ("Київ", "koi8-u"),
     ("Zażółć", "windows-1250"), ("Αθήνα", "windows-1253"), ("שלום", "windows-1255")],
)
def test_http_charset_when_the_feed_declares_none(word: str, codec: str) -> None:
    data = (f'<?xml version="1.0"?><rss version="2.0"><channel><item><title>{word}</title>'
            f"<link>https://news.example/{word}</link></item></channel></rss>").encode(codec)
    feed = parse_feed(data, codec)
    assert [(i.title, i.url) for i in feed.items] == [(word, f"https://news.example/{word}")]


def test_xml_declaration_beats_the_http_charset() -> None:
    # A server default (iso-8859-1) fits any bytes; the generator's own label wins.
    title = TITLES["ru"]
    assert_item_with(rss(title, "windows-1251").encode("windows-1251"), title, "iso-8859-1")


@pytest.mark.parametrize("header", ["utf-8", "koi8-r"])
def test_http_charset_the_bytes_refute_gives_way(header: str) -> None:
    # Korean UTF-8 under a koi8-r header; cp949 under a utf-8 header (it cannot decode).
    codec = "utf-8" if header == "koi8-r" else "cp949"
    title = TITLES["ko"]
    assert_item_with(rss(title, None).encode(codec), title, header)


def test_bom_beats_the_http_charset() -> None:
    title = TITLES["ko"]
    assert_item_with(rss(title, None).encode("utf-16"), title, "windows-1251")


def assert_item_with(data: bytes, title: str, charset: str) -> None:
    feed = parse_feed(data, charset)
    assert [(i.title, i.url) for i in feed.items] == [(title, f"https://news.example/{title[:4]}/1")]
