"""Parse.ly's page meta gives the publication date (issue 17, g39, category "Parse.ly's page
meta", ``parsers.metadata.PARSELY_PAGE``): the analytics vendor's older tag holds the page's
fields as one JSON object, ``<meta name="parsely-page" content='{"pub_date": ...}'>`` (a
goose3 fixture, from a news agency's page); the newer one-field ``parsely-pub-date`` was
read, this one was not. The rule's cases fail without it; the guards pass both ways."""

from __future__ import annotations

from datetime import date

import pytest

from parsers import extract

STORY = "".join(
    f"<p>The harbour authority said on Tuesday that works on pier {i} would resume next "
    "month after the ministry approved the revised budget for the project.</p>"
    for i in range(5)
)


def page(meta: str) -> str:
    return (
        f"<html><head><title>Pier works resume</title>{meta}</head><body><article>"
        f"<h1>Pier works resume</h1>{STORY}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ('{"type": "post", "title": "Pier works resume", "pub_date": "2014-11-23T16:00:00+04:00",'
         ' "section": "news", "author": ""}', date(2014, 11, 23)),
        ('{"title": "Pier", "pub_date": "2019-03-02T09:15:00Z", "tags": ["a", "b"]}',
         date(2019, 3, 2)),
    ],
)
def test_the_pub_date_of_parselys_page_meta_is_read(value: str, day: date) -> None:
    article = extract(page(f"<meta name='parsely-page' content='{value}'>"),
                      url="https://news.example.com/pier")
    assert article.published_at is not None and article.published_at.date() == day


def test_the_one_field_tag_wins_over_the_page_meta() -> None:
    metas = ("<meta name='parsely-pub-date' content='2014-11-20T10:00:00Z'>"
             "<meta name='parsely-page' content='{\"pub_date\": \"2014-11-23T16:00:00Z\"}'>")
    article = extract(page(metas), url="https://news.example.com/pier")
    assert article.published_at is not None and article.published_at.date() == date(2014, 11, 20)


@pytest.mark.parametrize(
    "value", ['{"pub_date": ""}', '{"pub_date": 17}', "[1, 2]", "{not json", "[" * 5000]
)
def test_a_page_meta_without_a_date_gives_none(value: str) -> None:
    article = extract(page(f"<meta name='parsely-page' content='{value}'>"),
                      url="https://news.example.com/pier")
    assert article.published_at is None
