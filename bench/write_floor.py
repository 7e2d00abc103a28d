"""Floor of the write path: what any correct write of a batch must do, against write_batch.

Issue 15 asks for 20k articles/s at 1M rows. This times, on two copies of one
file, the same batches written two ways, alternating, in one process:

- **floor**: a session as the pipeline opens one (``BATCH_SETTINGS``), then in
  one transaction plain Arrow inserts of the rows a new article needs
  (``article_versions``, ``article_state`` with its keys, ``seen_urls``,
  ``pages`` with the zstd body, ``fetch_log``, ``http_cache``) and the
  ``write_token`` bump, no lookup of what is stored, then COMMIT and the
  checkpoint of the close. Building the Arrow tables (the page compression
  included) is timed apart ("prep"), before the session;
- **write_batch**: the same batch through :func:`bench.write_scale.write_one`
  (the pipeline's gateway session, clustering off).

Batches of 100, 1,000 and 10,000 new articles (the pipeline's 100 first)::

    uv run python -m bench.write_floor --source /tmp/l19/1m/file.duckdb \\
        --workdir /tmp/x20 --rounds 3

``--source`` is copied to ``floor.duckdb`` and ``real.duckdb`` in ``--workdir``
unless they exist. Prints one JSON line per batch and a Markdown table.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from bench import write_scale
from bench.synthetic import SyntheticCorpus
from warehouse import arrow, keys, open_warehouse
from warehouse.article_writes import NEXT_SEQ_SQL
from warehouse.connection import BATCH_SETTINGS, WRITER_SETTINGS, connect, is_out_of_memory
from warehouse.records import Batch
from warehouse.txn import registered

SIZES = (100, 1000, 10_000)
BATCH_SOURCE = "synthetic"  # write_scale.pipeline_batch's

# The keys are computed by DuckDB in the INSERT, as the write path does for new
# article_state rows (no Python pass over the batch).
_FLOOR_SQL = (
    "UPDATE write_token SET n = n + 1",
    f"INSERT INTO article_versions BY NAME SELECT *, 1 AS version, {NEXT_SEQ_SQL} AS seq "
    "FROM _f_versions",
    f"""INSERT INTO article_state BY NAME
        SELECT article_id, source, url, canonical_url, fetched_at AS first_seen_at,
               fetched_at AS last_seen_at, fetched_at AS last_fetched_at,
               1 AS latest_version, content_hash,
               {keys.sql('article_id')} AS id_key, {keys.sql('url')} AS url_key,
               {keys.sql('canonical_url')} AS canon_key,
               {keys.sql('content_hash')} AS content_key
        FROM _f_versions""",
    f"""INSERT INTO seen_urls (url, source, kind, article_id, first_seen_at, last_seen_at,
                               url_key)
        SELECT url, source, kind, article_id, seen_at, seen_at, {keys.sql('url')}
        FROM _f_seen""",
    "INSERT INTO pages BY NAME SELECT * FROM _f_pages",
    "INSERT INTO fetch_log BY NAME SELECT * FROM _f_fetch",
    f"INSERT INTO http_cache BY NAME SELECT *, {keys.sql('url')} AS url_key FROM _f_cache",
)


def floor_tables(batch: Batch) -> dict[str, pa.Table]:
    """The Arrow tables of a batch of new articles, as the write path builds them."""
    arts = batch.articles
    return {
        "_f_versions": arrow.articles_table(arts, source=batch.source, run_id=batch.run_id,
                                            fetched_at=batch.fetched_at),
        "_f_seen": arrow.seen_table(batch.seen, source=batch.source, seen_at=batch.fetched_at),
        "_f_pages": arrow.pages_table(batch.pages, source=batch.source, run_id=batch.run_id),
        "_f_fetch": arrow.fetch_table(batch.fetch_log, source=batch.source,
                                      run_id=batch.run_id),
        "_f_cache": arrow.cache_table(batch.cache, source=batch.source,
                                       fetched_at=batch.fetched_at),
    }


@dataclass
class Floor:
    """Seconds of one floor session, by part, and its process CPU."""

    prep: float
    prep_cpu: float
    open: float
    inserts: float
    commit: float
    checkpoint: float
    total: float  # open to closed, prep excluded
    cpu: float  # CPU of the session, prep excluded
    wal_bytes: int  # the WAL after COMMIT: what the commit wrote and synced


def _floor_session(db: Path, tables: dict[str, pa.Table],
                   settings: Any) -> tuple[list[float], int]:
    marks = [time.perf_counter()]
    con = connect(db, settings=settings)
    try:
        marks.append(time.perf_counter())
        con.execute("BEGIN TRANSACTION")
        with registered(con, tables):
            for sql in _FLOOR_SQL:
                con.execute(sql)
        marks.append(time.perf_counter())
        con.execute("COMMIT")
        marks.append(time.perf_counter())
        wal = Path(f"{db}.wal")
        wal_bytes = wal.stat().st_size if wal.exists() else 0
        con.execute("CHECKPOINT")
    finally:
        con.close()
    marks.append(time.perf_counter())
    return marks, wal_bytes


def write_floor(db: Path, batch: Batch) -> Floor:
    """Write ``batch`` the floor's way (see the module docstring) and time it."""
    t0, c0 = time.perf_counter(), time.process_time()
    tables = floor_tables(batch)
    prep, prep_cpu = time.perf_counter() - t0, time.process_time() - c0
    c1 = time.process_time()
    try:
        marks, wal_bytes = _floor_session(db, tables, BATCH_SETTINGS)
    except duckdb.Error as exc:  # as the gateway does: once more without the cap
        if not is_out_of_memory(exc):
            raise
        marks, wal_bytes = _floor_session(db, tables, WRITER_SETTINGS)
    cpu = time.process_time() - c1
    opened, inserts, commit, checkpoint = (b - a for a, b in itertools.pairwise(marks))
    return Floor(prep, prep_cpu, opened, inserts, commit, checkpoint,
                 total=marks[-1] - marks[0], cpu=cpu, wal_bytes=wal_bytes)


def _next_id(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT count(*) FROM article_state").fetchone()
    finally:
        con.close()
    return 40_000_000 + 10 * int(row[0] if row else 0)


def run(floor_db: Path, real_db: Path, rounds: int, sizes: Sequence[int]) -> list[dict[str, Any]]:
    """Alternate floor and write_batch on the same batches; one row per (way, size)."""
    corpus = SyntheticCorpus()
    nxt = max(_next_id(floor_db), _next_id(real_db))
    samples: list[dict[str, Any]] = []
    for rnd in range(-1, rounds):  # round -1 warms up: not counted
        for size in sizes:
            # The batch's source on each article, as the pipeline's articles carry
            # it (write_batch would otherwise copy each one: ~0.1 ms an article).
            arts = [replace(a, source=BATCH_SOURCE) for a in corpus.articles(nxt, size)]
            nxt += size
            batch = write_scale.pipeline_batch(arts, datetime.now(UTC))
            ways = ("floor", "real") if rnd % 2 else ("real", "floor")  # who goes first
            for way in ways:
                load = os.getloadavg()[0]
                if way == "floor":
                    f = write_floor(floor_db, batch)
                    row = {"way": way, "size": size, "round": rnd, "load": load,
                           "session_s": f.total, "cpu_s": f.cpu, "prep_s": f.prep,
                           "prep_cpu_s": f.prep_cpu, "open_s": f.open, "inserts_s": f.inserts,
                           "commit_s": f.commit, "checkpoint_s": f.checkpoint,
                           "wal_bytes_per_article": f.wal_bytes / size}
                else:
                    s = write_scale.write_one(real_db, batch, False, False)
                    row = {"way": way, "size": size, "round": rnd, "load": load,
                           "session_s": s.total, "cpu_s": s.cpu, "write_s": s.write,
                           "close_s": s.close}
                print(json.dumps({k: round(v, 4) if isinstance(v, float) else v
                                  for k, v in row.items()}), file=sys.stderr, flush=True)
                if rnd >= 0:
                    samples.append(row)
    return summarise(samples)


def summarise(samples: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Medians per (way, size): art/s of the session, and of the floor with its prep."""
    out = []
    for way in ("floor", "real"):
        for size in sorted({s["size"] for s in samples}):
            got = [s for s in samples if s["way"] == way and s["size"] == size]
            if not got:
                continue
            med = {k: statistics.median(s[k] for s in got) for k in got[0]
                   if k.endswith(("_s", "_per_article"))}
            row: dict[str, Any] = {"way": way, "size": size, "n": len(got),
                                   "per_s": size / med["session_s"],
                                   "cpu_ms_per_article": 1000 * med["cpu_s"] / size,
                                   "load": [round(min(s["load"] for s in got), 1),
                                            round(max(s["load"] for s in got), 1)],
                                   **{k: round(v, 4) for k, v in med.items()}}
            if way == "floor":
                row["per_s_with_prep"] = size / (med["session_s"] + med["prep_s"])
            out.append(row)
    return out


def markdown(rows: list[dict[str, Any]]) -> str:
    """The summary as a table: floor and write_batch per batch size, and the share."""
    real = {r["size"]: r for r in rows if r["way"] == "real"}
    lines = ["| batch | floor art/s (session) | floor art/s (with prep) "
             "| floor open / inserts / commit / checkpoint ms | write_batch art/s "
             "| write_batch share of floor | CPU ms/article floor / write_batch "
             "| floor WAL KB/article | load |",
             "|---:|---:|---:|---|---:|---:|---|---:|---|"]
    for f in (r for r in rows if r["way"] == "floor"):
        r = real[f["size"]]
        lines.append(
            f"| {f['size']:,} | {f['per_s']:,.0f} | {f['per_s_with_prep']:,.0f} "
            f"| {1000 * f['open_s']:.0f} / {1000 * f['inserts_s']:.0f} / "
            f"{1000 * f['commit_s']:.0f} / {1000 * f['checkpoint_s']:.0f} "
            f"| {r['per_s']:,.0f} | {r['per_s'] / f['per_s_with_prep']:.2f} "
            f"| {f['cpu_ms_per_article'] + 1000 * f['prep_cpu_s'] / f['size']:.3f} / "
            f"{r['cpu_ms_per_article']:.3f} | {f['wal_bytes_per_article'] / 1000:.1f} "
            f"| {min(f['load'][0], r['load'][0])}-"
            f"{max(f['load'][1], r['load'][1])} |")
    return "\n".join(lines)


def disk_probe(workdir: Path, mb: int = 64) -> dict[str, float]:
    """Sequential write with one fsync (MB/s), and the latency of a 4 KB write and fsync."""
    path = workdir / "disk-probe.bin"
    chunk = os.urandom(1 << 20)
    try:
        with path.open("wb") as fh:
            t0 = time.perf_counter()
            for _ in range(mb):
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
            seq = mb / (time.perf_counter() - t0)
            small = []
            for _ in range(20):
                fh.write(chunk[:4096])
                fh.flush()
                t1 = time.perf_counter()
                os.fsync(fh.fileno())
                small.append(time.perf_counter() - t1)
    finally:
        path.unlink(missing_ok=True)
    return {"seq_write_fsync_mb_s": round(seq, 1),
            "fsync_4k_ms_median": round(1000 * statistics.median(small), 2)}


def main(argv: list[str] | None = None) -> int:
    """Copy the source file twice (unless copied), run, print JSON and the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, required=True, help="a seeded warehouse file")
    ap.add_argument("--workdir", type=Path, required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    args = ap.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    dbs = {w: args.workdir / f"{w}.duckdb" for w in ("floor", "real")}
    for db in dbs.values():
        if not db.exists():
            shutil.copyfile(args.source, db)
    start = datetime.now(UTC).isoformat(timespec="seconds")
    print(json.dumps({"disk_before": disk_probe(args.workdir), "load": os.getloadavg()}))
    rows = run(dbs["floor"], dbs["real"], args.rounds, args.sizes)
    print(json.dumps({"disk_after": disk_probe(args.workdir), "load": os.getloadavg()}))
    problems = {}
    for way, db in dbs.items():  # the floor's rows must be a valid store too
        with open_warehouse(db, stories=False) as wh:
            problems[way] = wh.integrity_problems()
    for row in rows:
        print(json.dumps({**row, "started": start, "duckdb": duckdb.__version__}))
    print(f"integrity_problems(): {json.dumps(problems)}")
    print(f"started {start}, ended {datetime.now(UTC).isoformat(timespec='seconds')}, "
          f"load at the end {os.getloadavg()}")
    print(markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
