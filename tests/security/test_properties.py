"""Property tests: any input gives a result or the project's own error, in bounded time.

Modest example counts for CI; ``bench/fuzz.py`` runs the same checks much longer.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.urls import normalize_url
from tests.security.properties import (
    base_urls,
    check_equivalent,
    check_extract,
    check_feed,
    check_feed_date,
    check_normalize,
    check_parse_date,
    date_texts,
    equivalent_urls,
    feed_docs,
    html_docs,
    url_texts,
)

CI = settings(max_examples=200, deadline=timedelta(seconds=5), database=None,
              suppress_health_check=[HealthCheck.too_slow])


@CI
@given(html_docs, st.sampled_from([None, "belta", "un_press", "mfa_by"]))
def test_extract_any_input(html: str | bytes, profile: str | None) -> None:
    check_extract(html, profile)


@CI
@given(feed_docs)
def test_parse_feed_any_input(data: bytes) -> None:
    check_feed(data)


@CI
@given(url_texts, base_urls)
def test_normalize_url_any_input(url: str, base: str | None) -> None:
    check_normalize(url, base)


@CI
@given(date_texts)
def test_parse_date_any_input(text: str) -> None:
    check_parse_date(text)


@CI
@given(date_texts)
def test_parse_feed_date_any_input(text: str) -> None:
    check_feed_date(text)


@CI
@given(equivalent_urls())
def test_equivalent_url_spellings_normalise_alike(pair: tuple[str, str]) -> None:
    check_equivalent(pair)


@pytest.mark.parametrize(("left", "right"), [
    ("http://example.org/новости/1",
     "http://example.org/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/1"),
    ("http://example.org/%7euser/a%2fb", "http://EXAMPLE.org:80/~user/a%2Fb#x"),
    ("http://example.org/a b", "http://example.org/a%20b"),
    ("http://example.org/a/./b/../c", "http://example.org/a/c"),
    ("http://пример.рф/a", "http://xn--e1afmkfd.xn--p1ai/a"),
])
def test_normalize_url_spellings_found_by_fuzzing(left: str, right: str) -> None:
    """Each pair was two article ids before path and IDNA normalisation."""
    assert normalize_url(left) == normalize_url(right)
