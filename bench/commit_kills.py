"""Kill campaign against the direct commit (warehouse.connection.DIRECT_COMMIT):
SIGKILL a writer at staggered offsets, many of them inside a COMMIT's checkpoint.

    uv run python bench/commit_kills.py --kills 40 --from 0.38 --to 0.58

A child process writes batches through flows.gateway.WarehouseGateway (40
articles of ~30 KB of text and 40 raw pages of 150 KB each, so a checkpoint
writes ~9 MB), printing each batch's number before and after its session. The
parent kills it ``from + (to - from) * k / kills`` seconds after its first
batch starts, then opens the file and checks: no integrity problem, every
batch the child reported committed is stored, every stored batch is whole
(40 of 40 articles), and no WAL is left (with ``--wal``, a WAL may be).
"mid-checkpoint" counts kills after which the file had grown but no new batch
was stored (blocks written, header not). Pick the window with one run first:
a batch takes ~0.4 s on this machine.
``--wal`` runs the same with the WAL (DIRECT_COMMIT removed), for comparison.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ARTICLES = 40


def child(db: str, first: int, wal: bool) -> None:
    """Write batches ``first``, ``first + 1``, ... until killed."""
    from flows.gateway import WarehouseGateway
    from tests.warehouse.whtest import T0, make_article, make_batch
    from warehouse import PageRecord, Warehouse
    from warehouse.connection import BATCH_SETTINGS, DIRECT_COMMIT

    settings = tuple(s for s in BATCH_SETTINGS if not wal or s not in DIRECT_COMMIT)
    gateway = WarehouseGateway(db, settings=settings)
    rng = random.Random(first)
    number = first
    while True:
        ids = [number * 1000 + i for i in range(ARTICLES)]
        # Random words and bytes: compression must not shrink the checkpoint.
        articles = [make_article(n, body=" ".join(f"w{rng.getrandbits(40):x}"
                                                  for _ in range(3000))) for n in ids]
        pages = tuple(PageRecord(url=f"https://example.org/news/{n}", fetched_at=T0,
                                 kind="article", status=200, body=os.urandom(150_000))
                      for n in ids)
        batch = make_batch(*articles, pages=pages)
        print("start", number, flush=True)
        gateway.run_sync(partial(Warehouse.write_batch, batch=batch))
        print("committed", number, flush=True)
        number += 1


def _kill_after(db: Path, first: int, offset: float, wal: bool) -> tuple[set[int], set[int]]:
    """Run a child from batch ``first``, kill it ``offset`` s after its first start line;
    the batches it started and those it reported committed."""
    cmd = [sys.executable, __file__, "--child", str(db), str(first), *(["--wal"] if wal else [])]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    lines = [proc.stdout.readline()]
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout or ()))
    reader.start()
    time.sleep(offset)  # a bench, not a test: the offset is the point
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    reader.join()
    started: set[int] = set()
    committed: set[int] = set()
    for line in lines:
        if line.strip():
            word, number = line.split()
            (committed if word == "committed" else started).add(int(number))
    return started, committed


def main() -> None:
    """Run the campaign; print one line a kill and a summary; exit 1 on a violation."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=40)
    parser.add_argument("--from", dest="lo", type=float, default=0.38)
    parser.add_argument("--to", dest="hi", type=float, default=0.58)
    parser.add_argument("--wal", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("DB", "FIRST"))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.wal)
        return
    from warehouse import open_warehouse

    committed: set[int] = set()
    nxt, bad, mid = 0, 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "w.duckdb"
        stored_before = 0
        for k in range(args.kills):
            size = db.stat().st_size if db.exists() else 0
            started, done = _kill_after(db, nxt, args.lo + (args.hi - args.lo) * k / args.kills,
                                        args.wal)
            grew = (db.stat().st_size if db.exists() else 0) - size
            committed |= done
            nxt = max(started | {nxt}) + 1
            with open_warehouse(db) as wh:
                problems = wh.integrity_problems()
                urls = [str(r[0]) for r in wh.query("SELECT url FROM articles").rows]
            per: dict[int, int] = {}
            for url in urls:
                number = int(url.rsplit("/", 1)[1]) // 1000
                per[number] = per.get(number, 0) + 1
            lost = sorted(committed - set(per))
            halves = {b: c for b, c in per.items() if c != ARTICLES}
            wal_left = Path(f"{db}.wal").exists()
            mid += size > 0 and grew > 0 and len(per) == stored_before
            stored_before = len(per)
            ok = not (problems or lost or halves or (wal_left and not args.wal))
            bad += not ok
            print(f"kill {k}: reported {len(committed)}, stored {len(per)}, file +{grew} B, "
                  f"lost {lost}, partial {halves}, problems {problems}, wal {wal_left}"
                  + ("" if ok else "  VIOLATION"), flush=True)
    print(f"{args.kills} kills, {mid} mid-checkpoint (file grew, no batch added), "
          f"{len(committed)} batches reported committed, {bad} violations")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
