"""Shared fixtures."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest

from tests.site import PressSite

# Runs keep their per-user state (a lake's spool, the hard-link run locks) in a folder of
# the session, not the user's ``~/.local/state/pressroom``: the suite must not write outside
# its temporary folders. Set when pytest is configured, before any test module is imported:
# modules copy ``os.environ`` for their subprocesses at import (``ENV = {**os.environ}``),
# which a session fixture (2a508a8) came too late for (k37b,
# tests/test_session_state.py). A $PRESSROOM_STATE_DIR set before the run is kept.
STATE_MADE = pytest.StashKey[str]()
# Likewise the user's Prefect is not the suite's (lead54): a PREFECT_API_URL exported for
# README's triggers, a `prefect server start` on 127.0.0.1:4200 (which runs probe as their
# fast path) and the profiles and database in ~/.prefect would take the suite's flow runs,
# deployments and schedules. Tests wanting a server name one (the ``prefect_api`` fixture).
PREFECT_HOME_MADE = pytest.StashKey[str]()
USERS_PREFECT = ("PREFECT_API_URL", "PREFECT_API_KEY", "PREFECT_PROFILE", "PREFECT_PROFILES_PATH")


def pytest_configure(config: pytest.Config) -> None:
    if not os.environ.get("PRESSROOM_STATE_DIR"):
        # Kept in the run's stash, not a module global: the folder is this run's.
        config.stash[STATE_MADE] = tempfile.mkdtemp(prefix="pressroom-test-state-")
        os.environ["PRESSROOM_STATE_DIR"] = config.stash[STATE_MADE]
    for name in USERS_PREFECT:
        os.environ.pop(name, None)
    os.environ["PRESSROOM_PREFECT_SERVER"] = "off"
    config.stash[PREFECT_HOME_MADE] = tempfile.mkdtemp(prefix="pressroom-test-prefect-")
    os.environ["PREFECT_HOME"] = config.stash[PREFECT_HOME_MADE]


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(STATE_MADE, None)
    if folder is not None:
        os.environ.pop("PRESSROOM_STATE_DIR", None)
        shutil.rmtree(folder, ignore_errors=True)
        del config.stash[STATE_MADE]
    home = config.stash.get(PREFECT_HOME_MADE, None)
    if home is not None:
        shutil.rmtree(home, ignore_errors=True)
        del config.stash[PREFECT_HOME_MADE]


@pytest.fixture
def press_site() -> Iterator[PressSite]:
    """A started fixture press site on 127.0.0.1 (fresh state per test)."""
    with PressSite() as site:
        yield site


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[str]:
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


@pytest.fixture
def prefect_api(prefect_server: str) -> Iterator[str]:
    """The session's Prefect server, its deployments deleted after the test.

    Deployments are named by source (``ingest/belta``) and ``deploy``/``serve`` refuse to
    take over one registered for another sources file or warehouse (n54): each test's
    files live in its own ``tmp_path``, so one test's deployments must not meet the next
    test's. Flow runs stay (Prefect deletes a deleted deployment's scheduled ones)."""
    yield prefect_server
    import asyncio

    asyncio.run(_delete_deployments())


async def _delete_deployments() -> None:
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    async with get_client() as client:
        while deployments := await client.read_deployments(limit=200):
            for deployment in deployments:
                try:
                    await client.delete_deployment(deployment.id)
                except ObjectNotFound:  # a serve still stopping deleted it meanwhile
                    continue
