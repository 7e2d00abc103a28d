"""Fixtures of the fixture press site's own tests (tests/site)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.site import PressSite


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    """A plain httpx client (no redirects followed, short timeouts)."""
    with httpx.Client(timeout=5.0) as c:
        yield c


@pytest.fixture
def calm_site(press_site: PressSite) -> PressSite:
    """The site without its fault routes (no flaky/busy failures, no slow wait)."""
    press_site.clear_faults()
    return press_site
