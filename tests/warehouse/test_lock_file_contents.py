"""k48 on o48: a source's lock file holding what no release writes (a hand edit, a
torn or hostile write: odd bytes, digits of other scripts, numbers past any pid or clock
tick), or made a link to an endless device. ``pressroom status`` reads every source's
lock file; on o48 each of these ended it in a traceback (ValueError from ``int()``,
UnicodeDecodeError or MemoryError from the read) instead of its table. Now such a word is
no pid or tick: the holder is judged as a file of an earlier release (by the clock), or
is not one. Real DuckDB file, real subprocesses."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.cli_run import run_cli
from tests.owner_process import live_process
from warehouse import open_warehouse
from warehouse.crashed_runs import boot_id
from warehouse.run_locks import lock_dir

ROOT = Path(__file__).resolve().parents[2]
HUGE = "9" * 5000  # past int()'s 4,300 digits


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A warehouse whose source ``a`` has a backfill's 'running' row (status lists it)."""
    monkeypatch.setenv("PRESSROOM_STATE_DIR", str(tmp_path / "state"))
    path = tmp_path / "w.duckdb"
    with open_warehouse(path) as wh:
        wh.start_run("fill-run", ["a"], datetime.now(UTC), 1, kind="backfill")
    return path


@pytest.fixture
def live() -> Iterator[int]:
    """A live process (started before any lock file below is written): its pid."""
    with live_process() as pid:
        yield pid


def _status(db: Path, content: bytes) -> str:
    path = lock_dir(db) / "a.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    done = run_cli("status", "--db", str(db), "--verbose", timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-600:]
    return done.stdout


@pytest.mark.parametrize(
    "ticks", ["²", "٣", HUGE], ids=["superscript", "arabic-indic", "5000-digits"]
)
def test_a_tick_count_that_is_no_number_is_read_as_none(
        db: Path, live: int, ticks: str) -> None:
    content = f"{live} backfill fill-run boot={boot_id()} ticks={ticks}".encode()
    # No tick count: judged by the file's mtime, as a file of a release before o48.
    assert f"a backfill holds it (pid {live})" in _status(db, content)


@pytest.mark.parametrize("pid", ["²", HUGE, "99999999999999999999"],
                         ids=["superscript", "5000-digits", "past-pid_t"])
def test_a_pid_that_is_no_pid_holds_nothing(db: Path, pid: str) -> None:
    assert "a backfill holds it" not in _status(db, f"{pid} backfill fill-run".encode())


def test_odd_bytes_in_the_lock_file_are_read(db: Path, live: int) -> None:
    content = f"{live} backfill fill-run \xff\xfe\x00 boot=\n".encode("latin-1")
    assert f"a backfill holds it (pid {live})" in _status(db, content)


def _limited() -> None:  # the status subprocess gets 1 GiB of address space
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def test_a_lock_file_linked_to_an_endless_device_is_read_in_part(db: Path) -> None:
    """``a.lock`` a link to /dev/zero: read whole, it took all the memory (MemoryError
    under the limit here); a holder's line is under 200 bytes."""
    path = lock_dir(db) / "a.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to("/dev/zero")
    done = subprocess.run([sys.executable, "-m", "pressroom", "status", "--db", str(db)],
                          capture_output=True, text=True, timeout=120, check=False,
                          cwd=ROOT, preexec_fn=_limited)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-600:]
