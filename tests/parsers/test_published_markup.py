"""Publication date held in markup: malformed JSON-LD, the attributes of relative-time
elements, meta names and data attributes that say publication, and the markup that
does not (a microdata modification stamp, a calendar's data-date)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.parsers.test_published import _page, _published

# --- issue 17: malformed JSON-LD is still read -----------------------------------
# Category: CMS templates that emit broken JSON-LD, the page's only declared date.

_LD_OBJ = (
    '{"@type": "NewsArticle", "headline": "A headline for the test", '
    '"datePublished": "2019-11-16T08:00:00+03:00"}'
)


@pytest.mark.parametrize(
    "ld",
    [
        "<!-- " + _LD_OBJ + " -->",
        "<![CDATA[" + _LD_OBJ + "]]>",
        _LD_OBJ + "}",  # an extra closing brace
        "{" + _LD_OBJ,  # an extra opening brace
        _LD_OBJ.replace('"datePublished"', '"author": "Ann Poe",\n"datePublished"')[:-1] + ",}",
        _LD_OBJ.replace("A headline", "A\nheadline\twith raw control characters"),
        '{"@type": "WebSite", "name": "Example"}\n' + _LD_OBJ,  # concatenated objects
        '[{"@type": "WebSite", "name": "Example",}, ' + _LD_OBJ + ",]",
    ],
)
def test_malformed_json_ld_is_still_read(ld: str) -> None:
    html = _page(f'<script type="application/ld+json">{ld}</script>', "Ann Poe")
    assert _published(html) == datetime(2019, 11, 16, 5, 0, tzinfo=UTC)


# --- issue 17: dates held in attributes and less common meta names ---------------
# Category: pages that print "3 hours ago" or no date and keep the instant in markup.


@pytest.mark.parametrize(
    "marker",
    [
        '<span class="date" datetime="2019-11-16T08:00:00+03:00">3 hours ago</span>',
        '<relative-time datetime="2019-11-16T08:00:00+03:00">3 hours ago</relative-time>',
        '<abbr class="timeago" title="2019-11-16T05:00:00Z">3 hours ago</abbr>',
        '<span class="timestamp" data-timestamp="1573880400">3 hours ago</span>',
        '<span class="time-ago" data-time="1573880400000">3 hours ago</span>',
        '<span itemprop="datePublished" content="2019-11-16T08:00:00+03:00"></span>',
        '<div itemprop="datePublished" datetime="2019-11-16T08:00:00+03:00"></div>',
    ],
)
def test_date_in_an_attribute_of_a_relative_time_element(marker: str) -> None:
    html = _page("", f"Ann Poe {marker}")
    assert _published(html) == datetime(2019, 11, 16, 5, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "name",
    [
        "published_on", "pubdate", "dc.date.issued", "DC.date.issued",
        "citation_publication_date", "parsely-pub-date", "sailthru.date",
    ],
)
def test_less_common_meta_names(name: str) -> None:
    html = _page(f'<meta name="{name}" content="2019-11-16T08:00:00+03:00">', "Ann Poe")
    assert _published(html) == datetime(2019, 11, 16, 5, 0, tzinfo=UTC)


def test_a_modification_stamp_in_microdata_is_not_the_publication() -> None:
    html = _page("", 'Ann Poe <span itemprop="dateModified" content="2019-11-16T08:00:00Z"></span>')
    assert _published(html) is None


# Second pass on the open web (issue 17, t19): categories the probes found missing.


@pytest.mark.parametrize(
    "name",
    [
        "ptime", "pdate", "article_date", "article_date_original", "article.created",
        "created-date", "creation_date", "content_date", "story_date", "newsdate",
        "news_date", "release-date", "citation_online_date", "DCSext.articleFirstPublished",
    ],
)
def test_uncommon_meta_names_give_the_publication(name: str) -> None:
    # Category "uncommon meta names": no "pub" in the name, nothing printed on the page.
    html = _page(f'<meta name="{name}" content="2019-11-16 10:00:00">', "Ann Poe")
    assert _published(html) == datetime(2019, 11, 16, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "attribute", ["data-published", "data-publish-date", "data-pubdate", "data-posted"]
)
def test_a_publication_data_attribute_holds_the_instant(attribute: str) -> None:
    # Category "dates in attributes": the element shows "3 hours ago", its class is no
    # timeago class, the attribute's name says publication.
    byline = f'Ann Poe <span class="meta" {attribute}="2019-11-16T10:00:00Z">3 hours ago</span>'
    assert _published(_page("", byline)) == datetime(2019, 11, 16, 10, 0, tzinfo=UTC)


def test_a_calendar_data_date_is_not_a_publication() -> None:
    # The guard: a bare data-date (a calendar cell, an event) names no publication.
    top = '<td class="day" data-date="2019-11-16">16</td>'
    assert _published(_page("", "Ann Poe", top=f"<table><tr>{top}</tr></table>")) is None
