"""A batch session's COMMIT checkpoints into the file without the WAL (DIRECT_COMMIT).

Why: docs/BENCHMARKS.md, "The write thread, w29" (each page and article was written
twice, to the WAL at COMMIT and to the file at the session's closing checkpoint).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from flows.gateway import WarehouseGateway
from tests.warehouse.whtest import T0, make_article, make_batch
from warehouse import PageRecord, Warehouse, open_warehouse
from warehouse.connection import DIRECT_COMMIT

REPO = Path(__file__).resolve().parents[2]


def _wal(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


def test_a_batch_commit_goes_to_the_file_not_through_the_wal(db_path: Path) -> None:
    gateway = WarehouseGateway(db_path)
    gateway.run_sync(lambda wh: None)  # created and migrated: the next commit is the batch's

    def write(wh: Warehouse) -> tuple[int, bool, int]:
        before = db_path.stat().st_size
        result = wh.write_batch(make_batch(make_article(1), make_article(2)))
        # Committed, the session still open: the rows are in the file, not in a WAL.
        return result.new, _wal(db_path).exists(), db_path.stat().st_size - before

    new, wal, grew = gateway.run_sync(write)
    assert (new, wal) == (2, False)
    assert grew > 0
    with open_warehouse(db_path, read_only=True) as wh:
        assert wh.query("SELECT count(*) FROM articles").rows == [(2,)]
        assert wh.integrity_problems() == []


def test_a_batch_too_big_for_the_cap_commits_directly_on_the_retry(db_path: Path) -> None:
    # The capped pool refuses the batch (its checkpoint at COMMIT, now), the
    # transaction rolls back, and the gateway's uncapped retry stores it once.
    pages = tuple(PageRecord(url=f"https://example.org/big/{i}", fetched_at=T0,
                             kind="article", status=200, body=os.urandom(4_000_000))
                  for i in range(5))
    gateway = WarehouseGateway(db_path, settings=(("memory_limit", "16MB"), *DIRECT_COMMIT))
    result = gateway.run_sync(lambda wh: wh.write_batch(make_batch(make_article(1),
                                                                   pages=pages)))
    assert result.new == 1
    with open_warehouse(db_path, read_only=True) as wh:
        assert wh.query("SELECT count(*), sum(body_size) FROM pages").rows == [(5, 20_000_000)]
        assert wh.query("SELECT count(*) FROM articles").rows == [(1,)]
        assert wh.integrity_problems() == []


_CHILD = """
import sys
from flows.gateway import WarehouseGateway
from tests.warehouse.whtest import make_article, make_batch

def write_then_wait(wh):
    wh.write_batch(make_batch(*(make_article(n) for n in range(1, 4))))
    print("committed", flush=True)
    sys.stdin.readline()  # killed here: committed, the session not closed

gateway = WarehouseGateway(sys.argv[1])
gateway.run_sync(lambda wh: wh.write_batch(make_batch(make_article(9))))
gateway.run_sync(write_then_wait)
"""


def test_a_writer_killed_after_a_direct_commit_keeps_the_batch(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with subprocess.Popen([sys.executable, "-c", _CHILD, str(db)], cwd=REPO,
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as child:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "committed"
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    with open_warehouse(db) as wh:
        assert wh.query("SELECT count(*) FROM articles").rows == [(4,)]
        assert wh.integrity_problems() == []
