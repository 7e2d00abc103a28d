"""Shared fixtures."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.site import PressSite


@pytest.fixture(scope="session", autouse=True)
def state_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Runs keep their per-user state (a lake's spool, the hard-link run locks) in a
    folder of the session, not the user's ``~/.local/state/pressroom``: the suite must
    not write outside its temporary folders. A test that sets its own keeps it."""
    if os.environ.get("PRESSROOM_STATE_DIR"):
        yield
        return
    os.environ["PRESSROOM_STATE_DIR"] = str(tmp_path_factory.mktemp("state"))
    try:
        yield
    finally:
        del os.environ["PRESSROOM_STATE_DIR"]


@pytest.fixture
def press_site() -> Iterator[PressSite]:
    """A started fixture press site on 127.0.0.1 (fresh state per test)."""
    with PressSite() as site:
        yield site


@pytest.fixture(scope="session")
def prefect_api() -> Iterator[str]:
    """One Prefect test harness per session (it costs ~9 s to start).

    Yields the harness API URL so CLI subprocesses can use the same server
    instead of paying for an ephemeral one each.
    """
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # The harness's own 30 s start-up limit is too short on a loaded 2-core
    # machine; the setting (default here 120 s) can be raised further.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=None):
        yield str(PREFECT_API_URL.value())
