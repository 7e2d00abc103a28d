"""Two processes writing one source's ``http_cache`` row at the same moment on a DuckLake
(s54, k53v's left): the lake has no PRIMARY KEY on ``(source, url)``, so two inserts of
the row could both commit and leave two rows, and a later lookup take either (an older
ETag, an older turn stamp). It holds: every write transaction first bumps
``write_token`` (warehouse/txn.py), DuckLake's conflict check fails the later commit
("deleted inlined data"), and ``Warehouse._write`` retries it, reading the rows again:
the row the first wrote is found and updated. (With the bump taken out of the writers'
transactions, measured by hand: two rows per URL after each first insert.) This test is
the proof that holds: two real processes, released together by a barrier, write one
row of one source, first as a new row, then as an update, on a PostgreSQL catalog.
"""

from __future__ import annotations

import multiprocessing as mp
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.lakepg import running_postgres
from warehouse import open_warehouse
from warehouse.lake import parse_target
from warehouse.records import Batch, CacheEntry

FEED = "http://x.test/feed.xml"


def _writer(db: str, data: str, barrier: Any, tag: str, when: datetime) -> None:
    """One process: open the lake, wait for the other, write ``tag``'s validators."""
    wh = open_warehouse(parse_target(db, data), lock_timeout=60)
    try:
        batch = Batch(run_id=f"run-{tag}", source="alpha", fetched_at=when, cache=(
            (FEED, CacheEntry(etag=f'"{tag}"', body_sha256=tag, fetched_at=when)),))
        barrier.wait(timeout=120)
        wh.write_batch(batch)
    finally:
        wh.close()


def test_two_processes_writing_one_row_at_once_leave_one_row(tmp_path: Path) -> None:
    ctx = mp.get_context("spawn")
    start = datetime.now(UTC)
    with running_postgres() as pg:
        db, data = pg.new_catalog(), str(tmp_path / "data")
        open_warehouse(parse_target(db, data)).close()  # the schema, before the race
        for turn in range(3):  # a new row, then updates of it
            barrier = ctx.Barrier(2)
            tags = {f"{turn}{w}": start + timedelta(seconds=turn, milliseconds=i)
                    for i, w in enumerate("ab")}
            workers = [ctx.Process(target=_writer, args=(db, data, barrier, tag, when))
                       for tag, when in tags.items()]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join(timeout=300)
            assert [w.exitcode for w in workers] == [0, 0], turn
            with open_warehouse(parse_target(db, data), read_only=True) as wh:
                rows = wh.query("SELECT source, url, etag FROM http_cache").rows
                found = wh.http_cache("alpha", [FEED])
            assert len(rows) == 1, (turn, rows)  # one row, whoever committed last
            assert rows[0][2] in {f'"{tag}"' for tag in tags}, (turn, rows)
            assert found[FEED].etag == rows[0][2], (turn, found)
