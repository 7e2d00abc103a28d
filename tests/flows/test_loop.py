"""The event loop the CLI's runs go on (flows.loop): uvloop's, asyncio's without it."""

from __future__ import annotations

import asyncio
import sys

import pytest
import uvloop

from flows import loop


async def _loop_type() -> type:
    return type(asyncio.get_running_loop())


def test_a_run_goes_on_uvloop() -> None:
    assert loop.run(_loop_type()) is uvloop.Loop


def test_without_uvloop_a_run_goes_on_asyncio_s_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "uvloop", None)  # as on an install without it
    kind = loop.run(_loop_type())
    assert kind is not uvloop.Loop and issubclass(kind, asyncio.BaseEventLoop)


def test_the_commands_run_their_coroutines_through_it() -> None:
    # ingest / backfill --no-prefect, the Prefect flow's coroutine, sources check.
    from flows import commands

    assert commands.run_loop is loop.run
