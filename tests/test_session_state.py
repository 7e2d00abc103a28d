"""The suite keeps runs' per-user state (a lake's spool, the hard-link run locks) in a
folder of its own, never the user's ``~/.local/state/pressroom`` (2a508a8, k37b)."""

from __future__ import annotations

import os
from pathlib import Path

# What a test module copies at import time for its subprocesses, as test_spool.py,
# test_symlink_state.py and test_sql_interrupt.py do (``ENV = {**os.environ, ...}``).
ENV_AT_IMPORT = dict(os.environ)


def test_subprocess_environments_copied_at_import_name_the_suites_state_folder() -> None:
    # Fails with 2a508a8's session fixture: it set $PRESSROOM_STATE_DIR after the test
    # modules were imported, so their runs made file-<dev>-<ino>.locks/ folders in
    # ~/.local/state/pressroom (one per warehouse file, every run of the suite).
    state = ENV_AT_IMPORT.get("PRESSROOM_STATE_DIR")
    assert state, "no state folder in an environment copied at import"
    assert os.environ.get("PRESSROOM_STATE_DIR") == state
    home_state = Path.home() / ".local" / "state"
    assert not Path(state).resolve().is_relative_to(home_state.resolve())


def test_the_users_prefect_is_not_the_suites() -> None:
    # Fails without lead54's pytest_configure: with README's `prefect server start &` on
    # 127.0.0.1:4200 or PREFECT_API_URL exported for its triggers, the suite's CLI runs
    # (which name no server) ran their flows, deployments and schedules on the user's
    # server, and temporary servers wrote into ~/.prefect/prefect.db.
    assert "PREFECT_API_URL" not in ENV_AT_IMPORT
    assert ENV_AT_IMPORT.get("PRESSROOM_PREFECT_SERVER") == "off"
    home = ENV_AT_IMPORT.get("PREFECT_HOME")
    assert home and Path(home).is_dir()
    assert not Path(home).resolve().is_relative_to(Path.home().resolve() / ".prefect")


def test_a_suite_run_with_the_users_prefect_exported_keeps_it_out(tmp_path: Path) -> None:
    # The test above, run by pytest in a child whose environment points at a user's
    # Prefect: the child's tests see none of it.
    import subprocess
    import sys

    env = {**os.environ, "PREFECT_API_URL": "http://127.0.0.1:9/api",
           "PRESSROOM_PREFECT_SERVER": "http://127.0.0.1:4200/api",
           "PREFECT_HOME": str(Path.home() / ".prefect"), "PREFECT_PROFILE": "users"}
    env.pop("PRESSROOM_STATE_DIR", None)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         f"{__file__}::test_the_users_prefect_is_not_the_suites"],
        capture_output=True, text=True, env=env, cwd=Path(__file__).parent.parent,
        timeout=120, check=False)
    assert done.returncode == 0 and "1 passed" in done.stdout, done.stdout + done.stderr
