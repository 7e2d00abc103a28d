"""Write rate at a warehouse size, written the way the ingest pipeline writes.

Each batch goes through :class:`flows.gateway.WarehouseGateway` (the pipeline's
own sessions: ``BATCH_SETTINGS``, a session opened and closed per batch, the
retry without the memory cap) and ``Warehouse.write_batch``, and carries what a
pipeline batch carries: the articles, a page per article (the body as HTML),
a fetch-log row, a seen URL and validators. Files of several sizes (seeded as
``bench.warehouse_scale --append-at`` seeds them) are written in one process,
interleaved batch by batch, so the sizes are compared at the same load::

    uv run python -m bench.warehouse_scale --append-at 10000 1000000 --pipeline \\
        --append-batches 5 --workdir /tmp/w/seeds --out /tmp/w/out

Per (size, batch size, clustering): articles per second over the whole session
(open, write, close with its checkpoint), and the median of each part. A first
round of batches warms up (imports, caches) and is not counted.
``--statements`` also prints each batch's slowest statements.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from bench.synthetic import SyntheticCorpus
from flows.gateway import WarehouseGateway
from parsers.article import Article
from warehouse import Warehouse, open_warehouse, writes
from warehouse.records import Batch, CacheEntry, FetchRecord, PageRecord, SeenURL

BATCH_SIZES = (100, 1000)  # the pipeline's BATCH_ARTICLES, and the bench's bulk batch
MODES = ("off", "on")  # story clustering


def pipeline_batch(articles: Sequence[Article], at: datetime) -> Batch:
    """A batch as the pipeline makes it of these articles (one page fetched for each)."""
    return Batch(
        run_id="bench-pipeline", source="synthetic", fetched_at=at, articles=tuple(articles),
        pages=tuple(PageRecord(a.url, at, "article", 200, content_type="text/html",
                               body=f"<html><body><h1>{a.title}</h1><p>{a.body}</p></body>"
                                    "</html>".encode())
                    for a in articles),
        fetch_log=tuple(FetchRecord(a.url, at, 200, len(a.body), 12.0) for a in articles),
        seen=tuple(SeenURL(a.url, "article", a.article_id) for a in articles),
        cache=tuple((a.url, CacheEntry(etag=f'"{a.content_hash[:16]}"', fetched_at=at))
                    for a in articles))


class _Timed:
    """A DuckDB connection whose ``execute`` calls are timed (for ``--statements``)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, log: list[tuple[str, float]]) -> None:
        self._con = con
        self._log = log

    def execute(self, sql: str, *args: Any) -> duckdb.DuckDBPyConnection:
        t0 = time.perf_counter()
        out = self._con.execute(sql, *args)
        self._log.append((" ".join(sql.split())[:100], time.perf_counter() - t0))
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


@dataclass
class Sample:
    """Seconds of one batch's session, by part."""

    total: float
    write: float
    close: float
    cpu: float = 0.0  # CPU seconds of this process over the session (Python and DuckDB)
    statements: list[tuple[str, float]] = field(default_factory=list)


def write_one(db: Path, batch: Batch, stories: bool, statements: bool) -> Sample:
    """Write ``batch`` in one pipeline session and time it."""
    gateway = WarehouseGateway(db)
    log: list[tuple[str, float]] = []
    parts: dict[str, float] = {}

    def work(wh: Warehouse) -> None:
        t0 = time.perf_counter()
        if statements:
            con: Any = _Timed(wh.connection, log)
            writes.write_batch(con, batch, stories=stories,
                               lookup=wh._sidecar if stories else None)
        else:
            (wh if stories else Warehouse(wh.connection, stories=False)).write_batch(batch)
        parts["write"] = time.perf_counter() - t0
        parts["end"] = time.perf_counter()

    t0, c0 = time.perf_counter(), time.process_time()
    gateway.run_sync(work)
    end, cpu = time.perf_counter(), time.process_time() - c0
    return Sample(end - t0, parts["write"], end - parts["end"], cpu, log)


def _next_id(db: Path) -> int:
    with open_warehouse(db, stories=False) as wh:
        return 30_000_000 + 10 * int(wh.query("SELECT count(*) FROM article_state").rows[0][0])


def run(dbs: dict[int, Path], batches: int, statements: bool = False,
        sizes: Sequence[int] = BATCH_SIZES, modes: Sequence[str] = MODES,
        progress: Callable[[str], None] | None = None) -> list[dict[str, Any]]:
    """Interleaved batches into each file; one result row per (size, batch, mode)."""
    corpus = SyntheticCorpus()
    nxt = {n: _next_id(db) for n, db in dbs.items()}
    got: dict[tuple[int, int, str], list[Sample]] = {}
    loads: list[float] = []
    for rnd in range(-1, batches):  # round -1 warms up (imports, caches): not counted
        for size in sizes:
            for n, db in dbs.items():
                for mode in modes:
                    arts = list(corpus.articles(nxt[n], size))
                    nxt[n] += size
                    batch = pipeline_batch(arts, datetime.now(UTC))
                    loads.append(os.getloadavg()[0])
                    sample = write_one(db, batch, mode == "on", statements)
                    if rnd >= 0:
                        got.setdefault((n, size, mode), []).append(sample)
                    if progress is not None:
                        progress(f"round {rnd} n={n} batch={size} stories={mode}: "
                                 f"{size / sample.total:,.0f} art/s (write "
                                 f"{1000 * sample.write:.0f} ms, close "
                                 f"{1000 * sample.close:.0f} ms, cpu "
                                 f"{1000 * sample.cpu:.0f} ms) load {loads[-1]:.1f}")
                        for sql, s in sorted(sample.statements, key=lambda x: -x[1])[:8]:
                            progress(f"    {1000 * s:8.1f} ms  {sql}")
    rows = []
    for (n, size, mode), samples in got.items():
        total = sum(s.total for s in samples)
        rows.append({
            "articles_in_file": n, "batch": size, "stories": mode, "batches": len(samples),
            "per_s": size * len(samples) / total,
            "per_s_write_call": size * len(samples) / sum(s.write for s in samples),
            "session_ms_median": 1000 * statistics.median(s.total for s in samples),
            # CPU per article: what the machine's other load changes least.
            "cpu_ms_per_article": 1000 * sum(s.cpu for s in samples) / (size * len(samples)),
            "write_ms_median": 1000 * statistics.median(s.write for s in samples),
            "close_ms_median": 1000 * statistics.median(s.close for s in samples),
            "load_1min": [round(min(loads), 1), round(max(loads), 1)],
        })
    for n, db in dbs.items():
        with open_warehouse(db, stories=False) as wh:
            problems = wh.integrity_problems()
        for row in rows:
            if row["articles_in_file"] == n:
                row["integrity_problems"] = problems
    return rows


def markdown(rows: list[dict[str, Any]]) -> str:
    """The result rows as a table, with the rate at the smallest size beside each."""
    small = {(r["batch"], r["stories"]): r["per_s"] for r in rows
             if r["articles_in_file"] == min(x["articles_in_file"] for x in rows)}
    lines = ["| articles in file | batch | clustering | art/s (session) | drop vs smallest "
             "| art/s (write call) | session / write / close ms (median) | CPU ms/article "
             "| integrity |",
             "|---:|---:|---|---:|---:|---:|---|---:|---|"]
    for r in sorted(rows, key=lambda r: (r["batch"], r["stories"], r["articles_in_file"])):
        drop = small[(r["batch"], r["stories"])] / r["per_s"]
        lines.append(
            f"| {r['articles_in_file']:,} | {r['batch']} | {r['stories']} | {r['per_s']:,.0f} "
            f"| {drop:.2f}x | {r['per_s_write_call']:,.0f} | {r['session_ms_median']:.0f} / "
            f"{r['write_ms_median']:.0f} / {r['close_ms_median']:.0f} "
            f"| {r['cpu_ms_per_article']:.2f} "
            f"| {'clean' if not r['integrity_problems'] else r['integrity_problems']} |")
    return "\n".join(lines)


def main(dbs: dict[int, Path], batches: int, out: Path, statements: bool,
         sizes: Sequence[int] = BATCH_SIZES, modes: Sequence[str] = MODES) -> int:
    """Run, append the rows to ``out``/pipeline.jsonl and print the table."""
    start = datetime.now(UTC).isoformat(timespec="seconds")
    rows = run(dbs, batches, statements, sizes, modes,
               progress=lambda line: print(line, file=sys.stderr, flush=True))
    with (out / "pipeline.jsonl").open("a", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps({**row, "started": start, "duckdb": duckdb.__version__}) + "\n")
    print(f"started {start}, ended {datetime.now(UTC).isoformat(timespec='seconds')}, "
          f"load at the end {os.getloadavg()}")
    print(markdown(rows))
    return 0
