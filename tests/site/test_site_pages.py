"""The article pages of the fixture press site against the manifest: titles, leads, canonicals,
BelTA markup, the seed page, windows-1251 pages (real HTTP over 127.0.0.1).
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from bs4 import BeautifulSoup

from tests.site import PressSite
from tests.site import manifest as m

SEED = Path("/work/shared/seeds/000_3e1effd98bd41d56.txt")


def test_pages_match_manifest(calm_site: PressSite, client: httpx.Client) -> None:
    for spec in m.ARTICLES:
        response = client.get(calm_site.url + spec.path)
        assert response.status_code == 200, spec.path
        assert response.headers["content-type"] == spec.content_type
        text = response.content.decode(spec.encoding)
        soup = BeautifulSoup(text, "html.parser")
        assert soup.h1 is not None and soup.h1.get_text(strip=True) == spec.title, spec.key
        paragraphs = [p.get_text() for p in soup.find_all("p")]
        assert spec.first_sentence in paragraphs[0] or any(
            p.startswith(spec.first_sentence) for p in paragraphs
        ), spec.key
        assert spec.lead in html.unescape(text)
        if spec.canonical:
            assert spec.canonical_url(calm_site.url) in text, spec.key
        assert m.BASE_PLACEHOLDER not in text


def test_belta_pages_use_belta_markup(calm_site: PressSite, client: httpx.Client) -> None:
    for spec in m.for_source("belta"):
        soup = BeautifulSoup(client.get(calm_site.url + spec.path).text, "html.parser")
        og_url = soup.find("meta", property="og:url")
        assert og_url is not None and og_url["content"] == spec.canonical
        assert soup.select_one("h1.upper").get_text() == spec.title
        date = datetime.strptime(soup.select_one(".date_full").get_text(), "%d %B %Y, %H:%M")
        assert date == spec.published_at.replace(tzinfo=None)
        body = soup.select(".js-mediator-article p")
        assert len(body) == spec.paragraphs
        assert body[0].get_text() == spec.first_sentence
        assert soup.select_one(".rubric_link a").get_text() == spec.section
        assert tuple(a.get_text() for a in soup.select(".news_tags_block a")) == spec.tags
    en_dash = m.by_key("belta_uzbekistan_education")
    assert en_dash.dateline is not None and "–" in en_dash.dateline


def test_seed_page_reproduces_seed(calm_site: PressSite, client: httpx.Client) -> None:
    # ../shared/seeds is in every checkout and in CI: a missing seed fails, never skips.
    head, *rest = SEED.read_text("utf-8").strip().split("\n\n")
    spec = m.by_key("belta_un_trafficking")
    assert head.split(maxsplit=2)[1:] == [spec.published[:10], spec.title]
    soup = BeautifulSoup(client.get(calm_site.url + spec.path).text, "html.parser")
    assert [p.get_text() for p in soup.select(".js-mediator-article p")] == [
        p.strip() for p in rest if p.strip()
    ]


def test_windows_1251_pages(press_site: PressSite, client: httpx.Client) -> None:
    meta = m.by_key("mfa_cp1251_meta")
    response = client.get(press_site.url + meta.path)
    assert response.headers["content-type"] == "text/html"
    raw = response.content
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert b'content="text/html; charset=windows-1251"' in raw
    text = raw.decode("cp1251")
    assert meta.title in text and meta.first_sentence in text
    assert "Третий комитет" in text

    header = m.by_key("mfa_cp1251_header")
    response = client.get(press_site.url + header.path)
    assert response.headers["content-type"] == "text/html; charset=windows-1251"
    assert b"charset" not in response.content
    assert header.first_sentence in response.text  # httpx honours the header charset
