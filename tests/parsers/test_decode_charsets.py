"""Pages: bytes to text (parsers/decode.py, flows/http_records.plausible_charset), by category.

Each page is one of the small stories in ``cjk_pages``; a test passes when
``extract()`` returns its exact title and paragraphs.
"""

from __future__ import annotations

import codecs

import pytest

from flows.http_records import header_charset, plausible_charset
from parsers.article import Article
from parsers.decode import declared_charset, decode_html
from parsers.extract import extract
from tests.parsers.cjk_pages import (
    CHINESE,
    JAPANESE,
    KOREAN,
    RUSSIAN,
    TRADITIONAL,
    Story,
    basic,
    page,
)

URL = "https://news.example/2026/12/01/story"


def assert_story(article: Article, story: Story) -> None:
    assert article.title == story.title
    assert article.body == "\n\n".join(story.paragraphs)


# Category "legacy CJK labels": the label names the strict standard, the bytes use the
# superset browsers decode that label with (WHATWG), as real Korean, Chinese and
# Japanese press sites do.
@pytest.mark.parametrize(
    "story, label, codec",
    [
        (KOREAN, "euc-kr", "cp949"),
        (KOREAN, "ks_c_5601-1987", "cp949"),
        (CHINESE, "gb2312", "gb18030"),
        (CHINESE, "gbk", "gb18030"),
        (TRADITIONAL, "big5", "big5hkscs"),
        (JAPANESE, "shift_jis", "cp932"),
        (JAPANESE, "windows-31j", "cp932"),
    ],
)
def test_legacy_label_decodes_with_browser_superset(story: Story, label: str, codec: str) -> None:
    assert_story(extract(page(story, label).encode(codec), url=URL), story)


# Category "every encoding a page may use": each decodes by its declaration.
@pytest.mark.parametrize(
    "story, codec",
    [(basic(JAPANESE), "euc-jp"), (basic(JAPANESE), "iso-2022-jp"), (RUSSIAN, "koi8-r"),
     (RUSSIAN, "windows-1251"), (CHINESE, "gb18030"), (KOREAN, "utf-8")],
)
def test_declared_charset(story: Story, codec: str) -> None:
    assert_story(extract(page(story, codec).encode(codec), url=URL), story)


# Category "declared charset is wrong": the bytes win over the label.
@pytest.mark.parametrize(
    "story, says, is_",
    [
        (KOREAN, "euc-kr", "utf-8"),
        (JAPANESE, "shift_jis", "utf-8"),
        (RUSSIAN, "windows-1251", "utf-8"),
        (RUSSIAN, "utf-8", "windows-1251"),
        (CHINESE, "utf-8", "gb18030"),
        (KOREAN, "utf-8", "cp949"),
        (JAPANESE, "bogus-charset", "cp932"),
    ],
)
def test_wrong_meta_charset_replaced_by_the_bytes(story: Story, says: str, is_: str) -> None:
    assert_story(extract(page(story, says).encode(is_), url=URL), story)


@pytest.mark.parametrize(
    "story, header, is_",
    [(KOREAN, "euc-kr", "utf-8"), (RUSSIAN, "utf-8", "windows-1251"),
     (JAPANESE, "shift_jis", "utf-8")],
)
def test_wrong_header_charset_replaced_by_the_bytes(story: Story, header: str, is_: str) -> None:
    # The fetcher decodes with the header's charset only when the bytes bear it out
    # (flows.parsepool); otherwise the parser reads the bytes itself.
    body = page(story, None, meta=False).encode(is_)
    charset = plausible_charset(header_charset(f"text/html; charset={header}"), body)
    html: str | bytes = body.decode(charset, "replace") if charset else body
    assert_story(extract(html, url=URL), story)


def test_header_charset_kept_when_the_bytes_agree() -> None:
    body = page(KOREAN, None, meta=False).encode("cp949")
    assert plausible_charset(header_charset("text/html; charset=EUC-KR"), body) == "cp949"


# Category "UTF-16/32 without a BOM or declaration": told by where the NULs fall.
@pytest.mark.parametrize("story", [RUSSIAN, KOREAN])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_encodings_without_bom(story: Story, codec: str) -> None:
    assert_story(extract(page(story, None, meta=False).encode(codec), url=URL), story)


# Category "no declaration": detection decides (charset-normalizer).
@pytest.mark.parametrize(
    "story, codec",
    [(RUSSIAN, "windows-1251"), (basic(JAPANESE), "iso-2022-jp"), (CHINESE, "gb18030")],
)
def test_undeclared_charset_detected(story: Story, codec: str) -> None:
    assert_story(extract(page(story, None, meta=False).encode(codec), url=URL), story)


def test_a_few_broken_bytes_do_not_overturn_a_right_declaration() -> None:
    data = page(RUSSIAN, "windows-1251").encode("windows-1251")
    # One byte undefined in windows-1251 (0x98) in a page of Cyrillic.
    broken = data.replace("выставка".encode("windows-1251"), b"\x98", 1)
    assert "столице" in decode_html(broken)


def test_bom_beats_every_label() -> None:
    data = codecs.BOM_UTF8 + page(KOREAN, "euc-kr").encode("utf-8")
    assert_story(extract(data, url=URL), KOREAN)


# Category "a charset declaration commented out": browsers' prescan skips comments, so
# the page's real declaration decides (a single-byte label would fit any bytes).
@pytest.mark.parametrize(
    "comment",
    ["<!-- <meta charset='iso-8859-1'> -->",
     "<!--[if lt IE 9]><meta http-equiv='Content-Type' content='text/html; "
     "charset=iso-8859-1'><![endif]-->",
     "<!----><!-- old: <meta charset=windows-1252> -->"],
)
def test_commented_out_charset_is_not_the_page_charset(comment: str) -> None:
    html = page(RUSSIAN, "windows-1251").replace("<head>", f"<head>{comment}", 1)
    assert "<head><!--" in html
    assert_story(extract(html.encode("windows-1251"), url=URL), RUSSIAN)


def test_unclosed_comment_hides_the_rest_of_the_head() -> None:
    # As in browsers: nothing after an unclosed "<!--" is a declaration; the bytes decide.
    assert declared_charset(b"<head><!-- <meta charset='iso-8859-1'><title>") is None
    assert declared_charset(b"<!-- a --><meta charset='koi8-r'><!-- b") == "koi8-r"
