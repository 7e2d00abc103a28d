"""A second process holding the file: DatabaseLocked within lock_timeout, retry, release.

The holder is a real child process; the test synchronises with it through
its stdout ("locked" once it holds the file) and stdin (closing it releases).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from pressroom.errors import DatabaseLocked, TransientError, WarehouseError
from warehouse import open_warehouse
from warehouse.connection import connect

HOLDER = """
import sys
import duckdb
con = duckdb.connect(sys.argv[1])
con.execute("CREATE TABLE IF NOT EXISTS holder_was_here (x INTEGER)")
print("locked", flush=True)
sys.stdin.read()  # hold the lock until the parent closes our stdin
con.close()
"""


class Holder:
    """A child process holding ``path`` read-write until released."""

    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if line.strip() != "locked":
            self.release()
            pytest.fail(f"holder did not lock: {line!r} {self.proc.stderr}")

    def release(self) -> None:
        if self.proc.stdin and not self.proc.stdin.closed:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream:
                stream.close()


@pytest.fixture
def holder(db_path: Path) -> Iterator[Holder]:
    open_warehouse(db_path).close()  # an existing, migrated file
    h = Holder(db_path)
    try:
        yield h
    finally:
        h.release()


def test_locked_database_raises_database_locked_after_timeout(
    db_path: Path, holder: Holder
) -> None:
    started = time.monotonic()
    with pytest.raises(DatabaseLocked) as info:
        open_warehouse(db_path, lock_timeout=0.5)
    elapsed = time.monotonic() - started
    assert str(info.value) == f"database {db_path} is locked by another process"
    assert isinstance(info.value, TransientError)
    assert 0.5 <= elapsed < 5.0


def test_zero_timeout_fails_at_once(db_path: Path, holder: Holder) -> None:
    started = time.monotonic()
    with pytest.raises(DatabaseLocked):
        open_warehouse(db_path)
    assert time.monotonic() - started < 2.0


def test_readers_are_blocked_by_a_writer_too(db_path: Path, holder: Holder) -> None:
    with pytest.raises(DatabaseLocked):
        open_warehouse(db_path, read_only=True, lock_timeout=0.2)


def test_open_succeeds_once_the_holder_lets_go(db_path: Path, holder: Holder) -> None:
    with pytest.raises(DatabaseLocked):
        open_warehouse(db_path)
    holder.release()
    with open_warehouse(db_path, lock_timeout=1.0) as wh:
        assert wh.query("SELECT count(*) FROM holder_was_here").rows == [(0,)]


def test_retry_succeeds_when_released_during_the_wait(db_path: Path, holder: Holder) -> None:
    # The injected sleep releases the holder on the first wait: deterministic
    # proof that a later attempt picks the file up.
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        holder.release()

    con = connect(db_path, lock_timeout=30.0, sleep=sleep)
    try:
        assert con.execute("SELECT count(*) FROM holder_was_here").fetchall() == [(0,)]
    finally:
        con.close()
    assert len(sleeps) == 1


def test_backoff_grows_and_is_capped_and_stops_at_the_deadline(
    db_path: Path, holder: Holder
) -> None:
    now = [0.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    with pytest.raises(DatabaseLocked):
        connect(db_path, lock_timeout=5.0, sleep=sleep, clock=lambda: now[0])
    assert sleeps[:5] == pytest.approx([0.05, 0.1, 0.2, 0.4, 0.8])
    assert max(sleeps) == pytest.approx(1.0)
    assert sum(sleeps) == pytest.approx(5.0)


def test_second_connection_in_this_process_waits_for_the_writer(db_path: Path) -> None:
    # Two Warehouses on one file in one process share the DuckDB instance; a
    # writer mid-transaction on one makes the other wait, not interleave.
    from concurrent.futures import ThreadPoolExecutor

    from tests.warehouse.whtest import make_article, make_batch

    with open_warehouse(db_path) as first, open_warehouse(db_path, lock_timeout=30) as second:
        other = first.connection.cursor()
        other.execute("BEGIN TRANSACTION")
        other.execute("UPDATE write_token SET n = n + 1")
        other.execute(
            "INSERT INTO seen_urls (url, source, kind, article_id, first_seen_at, last_seen_at, "
            "url_key) VALUES ('https://example.org/news/1', 'example', 'not_article', NULL, "
            "now(), now(), (md5_number_lower('https://example.org/news/1') >> 1)::BIGINT)"
        )

        # lock_timeout=0: fail at once, as for the file lock.
        with pytest.raises(DatabaseLocked, match="another connection"):
            first.write_batch(make_batch(make_article(1)))

        with ThreadPoolExecutor(max_workers=1) as pool:
            pending = pool.submit(second.write_batch, make_batch(make_article(1)))
            other.execute("COMMIT")
            assert pending.result(timeout=30).new == 1
        other.close()
        # The article's URL was upserted over the row the other writer added.
        assert second.query("SELECT kind, article_id IS NOT NULL FROM seen_urls").rows == [
            ("article", True)
        ]
        assert second.integrity_problems() == []


def test_lock_error_recognition() -> None:
    from warehouse.connection import is_lock_error

    held = duckdb.IOException(
        'IO Error: Could not set lock on file "/x.duckdb": Conflicting lock is held in '
        "/usr/bin/python3 (PID 42)"
    )
    assert is_lock_error(held)
    assert not is_lock_error(duckdb.IOException("IO Error: Could not read block 7 of /x.duckdb"))
    assert not is_lock_error(duckdb.CatalogException("lock"))


def test_unusable_path_is_a_warehouse_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(WarehouseError, match="cannot create directory"):
        open_warehouse(blocker / "sub" / "w.duckdb")
    # A directory, not a database file: named as such before DuckDB is asked (k37b).
    with pytest.raises(WarehouseError, match=r"is not a file but a folder$"):
        open_warehouse(tmp_path)
