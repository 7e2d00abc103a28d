"""k53s: d53's paused deployments through one sources file edited in several orders.

Disable, take out, put back, disable all, take one out while every source is disabled:
after each ``deploy`` no source of the file is left paused while enabled, scheduled
while disabled, or registered once taken out. A guard (holds on main). Real Prefect
server (the ``prefect_api`` fixture), real ``deploy`` subprocesses.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.site import PressSite
from tests.site.sources import write_sources_toml
from tests.test_deploy_disabled_source_d53 import _deploy, _disable, _state


@pytest.mark.slow
def test_disable_take_out_put_back_and_disable_all_in_turn(
        prefect_api: str, tmp_path: Path) -> None:
    db = tmp_path / "orders.duckdb"
    sources = tmp_path / "s.toml"
    seen: list[dict[str, bool | None]] = []
    with PressSite() as site:
        def step(names: tuple[str, ...], disabled: tuple[str, ...] = ()) -> None:
            write_sources_toml(site, sources, names=names, schedule="0 0 1 1 *")
            _disable(sources, *disabled)
            done = _deploy(sources, db, prefect_api)
            assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
            state = asyncio.run(_state())
            seen.append({name: state[name].paused if name in state else None
                         for name in ("belta", "fixture")})

        step(("belta", "fixture"))
        step(("belta", "fixture"), ("fixture",))  # disabled: paused
        step(("belta",))  # taken out while paused: deleted
        step(("belta", "fixture"))  # put back: created, scheduled
        step(("belta", "fixture"), ("belta", "fixture"))  # every source off: both paused
        step(("fixture",), ("fixture",))  # belta taken out while all are off: deleted
        step(("fixture",))  # enabled again: resumed
    assert seen == [
        {"belta": False, "fixture": False},
        {"belta": False, "fixture": True},
        {"belta": False, "fixture": None},
        {"belta": False, "fixture": False},
        {"belta": True, "fixture": True},
        {"belta": None, "fixture": True},
        {"belta": None, "fixture": False},
    ], seen
