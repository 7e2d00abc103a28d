"""A run that stored every batch itself and finds the file held at its very end (z41a).

k41c, reading flows/run.py: a run that staged nothing, whose end (its ``runs`` rows) finds
the DuckDB file held past the lock timeout, neither wrote nor staged its rows; the next
run's sweep marked its ``running`` row ``crashed`` although every article was stored. Its
rows are now staged as a locked-out run's are (z40c) and written by the next run's merge,
with ``merged_at`` (o41).

Real parts: a ``pressroom backfill`` subprocess, a DuckDB file held by a second process, the
loopback bulk site. No sleeps. The run is stopped between its last write and its end by its
own stderr: a one-page pipe the test fills, so that the run's line after its last write
(the backfill's "older than" line) still fits and its next one (the parse workers' memory
line, just before the end) waits until the test has taken the file and reads on.
"""

from __future__ import annotations

import array
import fcntl
import os
import select
import subprocess
import sys
import termios
from datetime import datetime
from pathlib import Path

import pytest

from tests.crash.bulk_site import BulkSite
from tests.crash.test_lock import release, spool_files, start_holder, stored
from tests.crash.test_lock_runs_row import ENV, _ingest, _rows

PAGE = 4096
SINCE = "2024-03-02"  # the bulk site's article 0 is of March 1, article 1 of March 2


def _read_through(fd: int, text: str, *, keep_last: bool = False) -> str:
    """Read ``fd`` byte by byte up to ``text`` (its last byte left unread: ``keep_last``)."""
    want = text[:-1] if keep_last else text
    seen = b""
    while not seen.decode(errors="replace").endswith(want):
        # A bound, not a pause: the test holds a write end, so a dead run is no EOF.
        assert select.select([fd], [], [], 120)[0], seen.decode(errors="replace")
        byte = os.read(fd, 1)
        assert byte, seen.decode(errors="replace")
        seen += byte
    return seen.decode()


def _unread(fd: int) -> int:
    """Bytes waiting in the pipe ``fd``, left there (FIONREAD)."""
    buf = array.array("i", [0])
    fcntl.ioctl(fd, termios.FIONREAD, buf, True)
    return buf[0]


def _read_exactly(fd: int, size: int) -> str:
    data = b""
    while len(data) < size:
        chunk = os.read(fd, size - len(data))
        assert chunk
        data += chunk
    return data.decode(errors="replace").lstrip("#")


@pytest.mark.slow
def test_a_run_that_finds_the_file_held_at_its_end_stages_its_row(tmp_path: Path) -> None:
    db = tmp_path / "end.duckdb"
    env = {k: v for k, v in ENV.items() if k != "PYTHONUNBUFFERED"}  # one write per line
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, PAGE)  # one page: a full page blocks a line
    with BulkSite(2, gate_after=0) as site:  # both articles held until the gate opens
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        cmd = [
            sys.executable,
            "-m",
            "pressroom",
            "backfill",
            "--source",
            "bulk",
            "--no-prefect",
            "--sources",
            str(sources),
            "--db",
            str(db),
            "--since",
            SINCE,
            "--lock-timeout",  # its end gives up on the held file after 1 s (default 60)
            "1",
        ]
        with (tmp_path / "out.txt").open("w") as out:
            run = subprocess.Popen(cmd, env=env, stdout=out, stderr=write_end)
        holder = None
        try:
            err = _read_through(read_end, "bulk: fetching 2 article(s)\n")
            assert site.wait_started(2)  # the run waits on the site: it writes nothing now
            done, older = (
                "bulk: 2/2 articles done\n",
                f"bulk: 1 article(s) older than {SINCE} not stored\n",
            )
            # Room for the lines up to the one after the last write (a "1/2" line
            # too), not for the memory line (over 100 characters) after them.
            room = len(done) * 2 + len(older) + 8
            assert os.write(write_end, b"#" * (PAGE - room)) == PAGE - room
            # The page must not empty before the older line is in (an empty page is
            # freed, and the next line gets a new one): wait on each write of the run
            # (edge-triggered), count the bytes in, read nothing yet.
            watch = select.epoll()
            watch.register(read_end, select.EPOLLIN | select.EPOLLET)
            watch.poll(0)  # the filler's edge
            site.open_gate()
            while _unread(read_end) < PAGE - room + len(done) + len(older):
                assert watch.poll(120), "the run wrote nothing for 120 s"
            watch.close()
            err += _read_exactly(read_end, _unread(read_end) - 1)  # the page keeps a byte
            assert err.endswith(older[:-1]), err
            holder = start_holder(db)  # the run is blocked on its memory line
            err += _read_through(read_end, "\n")  # the page empties: the run goes on
            assert run.wait(timeout=180) == 1
            os.close(write_end)
            write_end = -1
            while chunk := os.read(read_end, PAGE):
                err += chunk.decode()
        finally:
            if holder is not None:
                release(holder)
            if run.poll() is None:
                run.kill()
            if write_end >= 0:
                os.close(write_end)
            os.close(read_end)
        assert "parse workers:" in err and "is locked" in err, err
        assert stored(db) == (1, 1)
        staged = len(spool_files(db))  # the row alone: the batch was stored
        second = _ingest(sources, db)
        assert second.returncode == 0, second.stderr
    assert spool_files(db) == []
    first, merging = _rows(db)
    # status, kind; discovered, fetched, new, updated, unchanged, failed. Without the
    # staged row: ('crashed', 'backfill') and the counters of start_run (all 0).
    assert first[1:3] == ("ok", "backfill")
    assert first[3:9] == (2, 2, 1, 0, 0, 0)
    assert isinstance(first[12], datetime) and first[11] < merging[10] <= first[12]
    assert merging[12] is None
    assert staged == 1 and "runs rows are staged" in err, err
