"""Category "JSON Feed" (parsers/feed_json.py): versions 1 and 1.1, read as RSS and Atom are.

Feeds here are written for these tests from the spec (jsonfeed.org/version/1.1).
Before JSON Feed was read, every one of them was refused as "not well-formed XML".
"""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.feeds import parse_feed
from pressroom.errors import FeedError
from tests.security.properties import check_feed

V11 = "https://jsonfeed.org/version/1.1"
V1 = "https://jsonfeed.org/version/1"


def feed(items: list[Any], version: str = V11, **extra: Any) -> bytes:
    doc = {"version": version, "title": "Press office", "home_page_url": "https://a.example/",
           "items": items, **extra}
    return json.dumps(doc, ensure_ascii=False).encode()


SAMPLE = feed([
    {"id": "https://a.example/2019/11/16/one", "url": "https://a.example/2019/11/16/one",
     "title": "Resolution adopted", "content_html": "<p>Text</p>",
     "date_published": "2019-11-16T00:30:00+03:00", "date_modified": "2019-11-17T09:00:00Z",
     "authors": [{"name": "Anna Smirnova"}, {"url": "https://a.example/b"}, "Nobody"]},
    # Only an external_url: a linkblog item about another site's page, not an article here.
    {"id": "42", "external_url": "https://b.example/their-story", "content_text": "See this"},
    # No url: an id that is a web address is the item's page (the spec's advice).
    {"id": "https://a.example/2019/11/15/two", "content_text": "Two"},
])


def test_json_feed_11_items() -> None:
    parsed = parse_feed(SAMPLE)
    assert parsed.kind == "json"
    one, two = parsed.items
    assert one.url == "https://a.example/2019/11/16/one"
    assert one.title == "Resolution adopted"
    assert one.published_at == datetime(2019, 11, 16, 0, 30, tzinfo=timezone(timedelta(hours=3)))
    assert one.modified_at == datetime(2019, 11, 17, 9, 0, tzinfo=UTC)
    assert one.authors == ("Anna Smirnova",)
    assert two.url == "https://a.example/2019/11/15/two" and two.title is None


def test_json_feed_version_1_author_object_and_numeric_id() -> None:
    data = feed([{"id": 7, "url": "https://a.example/7", "author": {"name": "Ivan Petrov"},
                  "date_published": "2019-11-16T10:00:00Z"}], version=V1)
    (item,) = parse_feed(data).items
    assert (item.url, item.authors) == ("https://a.example/7", ("Ivan Petrov",))
    assert item.published_at == datetime(2019, 11, 16, 10, tzinfo=UTC)


def test_json_feed_date_without_offset_is_read_in_the_source_zone() -> None:
    minsk = timezone(timedelta(hours=3))
    data = feed([{"id": "1", "url": "https://a.example/1",
                  "date_published": "2019-11-16T00:30:00"}])
    assert parse_feed(data, tz=minsk).items[0].published_at == datetime(2019, 11, 16, 0, 30,
                                                                         tzinfo=minsk)


@pytest.mark.parametrize("wrap", ["bom", "utf-16", "gzip", "whitespace"])
def test_json_feed_as_servers_send_it(wrap: str) -> None:
    text = SAMPLE.decode()
    data = {"bom": b"\xef\xbb\xbf" + SAMPLE, "utf-16": text.encode("utf-16"),
            "gzip": gzip.compress(SAMPLE), "whitespace": b"\r\n  " + SAMPLE}[wrap]
    assert [i.url for i in parse_feed(data).items] == [
        "https://a.example/2019/11/16/one", "https://a.example/2019/11/15/two"]


@pytest.mark.parametrize("doc, message", [
    (b'{"title": "no version", "items": []}', "no jsonfeed.org version"),
    (b'{"version": "https://example.com/v1", "items": []}', "no jsonfeed.org version"),
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": {}}', "'items' is not a list"),
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "not well-formed JSON"),
    (b'{"a": ' + b"1" * 5000 + b"}", "not well-formed JSON"),  # past Python's digit limit
    (b'{"a": ' + b"[" * 10_000 + b"]" * 10_000 + b"}", "nested too deeply"),
    (b'{"a": ' + b"[" * 200_000, "nested too deeply"),
])
def test_not_a_json_feed_is_one_feed_error(doc: bytes, message: str) -> None:
    with pytest.raises(FeedError, match=message):
        parse_feed(doc)


def test_brackets_inside_strings_are_not_nesting() -> None:
    title = "[" * 1000 + '\\"{' * 100
    data = (b'{"version": "https://jsonfeed.org/version/1", "items": [{"url": '
            b'"https://a.example/1", "title": "' + title.encode() + b'"}]}')
    assert parse_feed(data).items[0].title == title.replace('\\"', '"')


WRONG = [None, 1, 1.5, 10**30, True, "", [], {}, ["x"], {"name": 1}, "not a date", "1e999"]


@pytest.mark.parametrize("field", ["url", "id", "title", "date_published", "date_modified",
                                   "authors", "author", "external_url"])
@pytest.mark.parametrize("value", WRONG, ids=repr)
def test_a_field_of_the_wrong_type_is_ignored(field: str, value: object) -> None:
    item = {"id": "https://a.example/1", "url": "https://a.example/1", field: value}
    check_feed(feed([item, "an item that is a string", 3, None]))


def test_every_truncation_is_a_feed_or_a_feed_error() -> None:
    for cut in range(len(SAMPLE)):
        check_feed(SAMPLE[:cut])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                  max_size=4),
    max_leaves=30)
item_fields = st.dictionaries(
    st.sampled_from(["id", "url", "external_url", "title", "date_published", "date_modified",
                     "authors", "author", "summary"]), json_values | st.text(max_size=40))


@settings(max_examples=100, deadline=timedelta(seconds=5), database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(item_fields | json_values, max_size=6), st.sampled_from([V1, V11, "1", ""]))
def test_json_feed_any_items(items: list[Any], version: str) -> None:
    check_feed(feed(items, version))
