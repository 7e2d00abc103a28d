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
