"""Listing pages decode as article pages do (parsers/listings.py -> parsers/decode.py).

Category "every encoding a listing page may use": the links of a listing page are
found only if its bytes decode right, since a link's path may hold any script.
"""

from __future__ import annotations

import pytest

from parsers.listings import parse_listing


def listing(href: str, meta: str | None) -> str:
    head = f"<meta charset='{meta}'>" if meta else ""
    return (f"<html><head>{head}<title>News</title></head><body><ul>"
            f"<li><a class='s' href='{href}'>Story</a></li>"
            "<li><a class='s' href='/plain/2'>Other</a></li></ul>"
            "<a rel='next' href='/page/2'>next</a></body></html>")


@pytest.mark.parametrize(
    "codec, meta, header, href",
    [
        # A superset-only character (cp949 똠, cp932 髙): no links at all before.
        ("cp949", "euc-kr", None, "/뉴스/김똠순-1"),
        ("cp932", "shift_jis", None, "/ニュース/髙橋-1"),
        # Labelled only by the HTTP header: U+FFFD in the paths before.
        ("koi8-r", None, "koi8-r", "/новости/Минск-1"),
        ("cp1252", None, "windows-1252", "/actualité/été-1"),
        ("cp1251", None, "windows-1251", "/новости/Минск-1"),
    ],
)
def test_listing_links_in_any_encoding(codec: str, meta: str | None, header: str | None,
                                       href: str) -> None:
    found = parse_listing(listing(href, meta).encode(codec), links="a.s",
                          next_selector="a[rel~=next]", charset=header)
    assert found.articles == (href, "/plain/2")
    assert found.next_pages == ("/page/2",)
