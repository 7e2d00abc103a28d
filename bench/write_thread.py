"""CPU of the ingest's write thread, by part: where a page's ~4.5 ms of batch writing goes.

    uv run python bench/write_thread.py --pages 2000 [--cprofile 40]

Runs ``pressroom ingest --no-prefect --parse-workers N`` in this process over the
loopback dev site (bench/devsite.py), with timers put around the write path's
functions (module attributes replaced for the run, the code itself unchanged) and
around every SQL statement the sessions run (the connection wrapped in a proxy).
Each timer reads its thread's CPU (``time.thread_time``); a part's "own" time is
its time less that of the timed parts inside it. Only threads other than the event
loop's run these functions (the gateway's ``to_thread``), so the figures are the
write thread's. Printed: ms of CPU a page per part (calls, inclusive, own), the SQL
statements by their first words, the thread's collector time, and the threads'
CPU as bench/cpu_split.py reads it, for a check of the total. ``--cprofile K`` also
profiles every session with cProfile on thread CPU time and prints its K largest
functions by own time (it slows the Python parts: shares, not totals, from it).
Data: WCXB (Murrough Foley, 2026), CC-BY-4.0.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import json
import os
import pstats
import re
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

_WORDS = re.compile(r"\s+")


class Timers:
    """Thread-CPU timers by name, with a stack per thread for own (exclusive) time."""

    def __init__(self) -> None:
        self.totals: dict[str, list[float]] = {}  # name -> [calls, inclusive, own]
        self._local = threading.local()
        self._lock = threading.Lock()
        self.gc_s = 0.0
        self.profiles: list[cProfile.Profile] = []

    @contextlib.contextmanager
    def phase(self, name: str) -> Iterator[None]:
        stack: list[list[float]] = self._local.__dict__.setdefault("stack", [])
        frame = [0.0]  # CPU of timed children
        stack.append(frame)
        t0 = time.thread_time()
        try:
            yield
        finally:
            spent = time.thread_time() - t0
            stack.pop()
            if stack:
                stack[-1][0] += spent
            with self._lock:
                row = self.totals.setdefault(name, [0, 0.0, 0.0])
                row[0] += 1
                row[1] += spent
                row[2] += spent - frame[0]

    def wrap(self, owner: Any, attr: str, name: str) -> None:
        """Time ``owner.attr`` (a module function or a class's method) as ``name``."""
        inner = getattr(owner, attr)

        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.phase(name):
                return inner(*args, **kwargs)

        setattr(owner, attr, timed)

    def gc_callback(self) -> Callable[[str, dict[str, int]], None]:
        started = [0.0]

        def callback(phase: str, info: dict[str, int]) -> None:
            if threading.current_thread() is threading.main_thread():
                return
            if phase == "start":
                started[0] = time.thread_time()
            else:
                with self._lock:
                    self.gc_s += time.thread_time() - started[0]

        return callback


class TimedCon:
    """A DuckDB connection whose ``execute`` calls are timed by their first words."""

    def __init__(self, con: Any, timers: Timers) -> None:
        self._con = con
        self._timers = timers

    def execute(self, sql: str, *args: Any, **kwargs: Any) -> Any:
        label = "sql: " + " ".join(_WORDS.sub(" ", sql).strip().split(" ")[:5])[:60]
        with self._timers.phase(label):
            return self._con.execute(sql, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def instrument(timers: Timers, profile_top: int) -> None:
    """Put the timers around the write path (see the module docstring)."""
    from flows import gateway
    from warehouse import (
        arrow,
        article_writes,
        cache,
        identity,
        keys,
        retries,
        schema,
        store,
        stories,
        story_index,
        story_rows,
        story_sidecar,
        writes,
    )

    w = timers.wrap
    run_sync = gateway.WarehouseGateway.run_sync
    profiles = timers.profiles

    def session(self: Any, work: Any, lock_timeout: float | None = None) -> Any:
        with timers.phase("session (all)"):
            if not profile_top:
                return run_sync(self, work, lock_timeout)
            prof = cProfile.Profile(time.thread_time)
            try:
                return prof.runcall(run_sync, self, work, lock_timeout)
            finally:
                profiles.append(prof)

    gateway.WarehouseGateway.run_sync = session  # type: ignore[method-assign]
    opener = gateway.open_warehouse

    def open_timed(*args: Any, **kwargs: Any) -> Any:
        with timers.phase("open"):
            wh = opener(*args, **kwargs)
        wh._con = TimedCon(wh._con, timers)
        return wh

    gateway.open_warehouse = open_timed  # type: ignore[assignment]
    w(store, "connect", "open: connect + settings")
    w(schema, "apply_migrations", "open: migrations check")
    w(store.Warehouse, "close", "close (checkpoint, sidecar close)")
    w(story_sidecar.Sidecar, "close", "close: sidecar")
    w(store.Warehouse, "write_batch", "write_batch")
    w(store.Warehouse, "compact_tails", "compact_tails (run end)")
    w(keys, "fill_missing", "keys.fill_missing")
    w(article_writes, "write_articles", "articles")
    w(identity, "resolve", "articles: identity.resolve")
    w(arrow, "articles_table", "articles: arrow table")
    w(article_writes, "_execute_with", "articles: insert")
    w(article_writes, "_update", "articles: update state")
    w(article_writes, "post_write", "stories")
    w(story_sidecar.Sidecar, "prepare", "stories: sidecar prepare/catch-up")
    w(story_sidecar.Sidecar, "stored", "stories: sidecar stored")
    w(story_sidecar.Sidecar, "paragraph_counts", "stories: sidecar paragraph_counts")
    w(story_sidecar.Sidecar, "bands", "stories: sidecar bands")
    w(story_sidecar.Sidecar, "seqs", "stories: sidecar seqs")
    w(story_sidecar.Sidecar, "committed", "sidecar committed (absorb)")
    w(story_index, "assign", "stories: assign")
    w(story_rows, "taken_out_paragraphs", "stories: taken_out")
    w(stories, "signature", "stories: signature")
    w(stories, "band_keys", "stories: band_keys")
    w(story_index, "_candidates", "stories: candidates")
    w(story_index, "_add_roots", "stories: roots")
    w(story_index, "_decide", "stories: decide")
    w(story_rows, "store", "stories: store rows")
    w(arrow, "seen_table", "seen: arrow table")
    w(writes, "_write_seen", "seen: write")
    w(arrow, "cache_table", "cache: arrow table")
    w(cache, "upsert", "cache: upsert")
    w(arrow, "pages_table", "pages: arrow table (zstd)")
    w(arrow, "fetch_table", "fetch_log: arrow table")
    w(retries, "marks_table", "retries: arrow table")
    w(retries, "resolve", "retries: resolve")
    w(retries, "record", "retries: record")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--parse-workers", type=int, default=2)
    parser.add_argument("--cprofile", type=int, default=0, metavar="K")
    args = parser.parse_args()
    from bench.cpu_split import _thread_cpu
    from bench.pipeline import start_site, stored, write_sources
    from pressroom.cli import main as cli

    timers = Timers()
    instrument(timers, args.cprofile)
    gc.callbacks.append(timers.gc_callback())
    site, base = start_site(args.pages)
    seen: dict[int, tuple[str, float]] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp_dir:
            tmp = Path(tmp_dir)
            write_sources(base, tmp / "dev.toml", args.pages, 8)
            db = tmp / "w.duckdb"
            load = os.getloadavg()[0]
            t0 = time.perf_counter()
            stop = threading.Event()

            def watch() -> None:
                while not stop.wait(0.2):
                    for t in threading.enumerate():
                        if t.native_id is not None:
                            cpu = _thread_cpu(t.native_id)
                            if cpu is not None:
                                seen[t.native_id] = (t.name, cpu)

            watcher = threading.Thread(target=watch, daemon=True)
            watcher.start()
            rc = cli(["ingest", "--sources", str(tmp / "dev.toml"), "--db", str(db),
                      "--no-prefect", "--parse-workers", str(args.parse_workers)])
            stop.set()
            watcher.join()
            secs = time.perf_counter() - t0
            n_stored = stored(db)
    finally:
        site.kill()
    per_page = 1000 / args.pages
    threads: dict[str, float] = {}
    for name, cpu in seen.values():
        kind = re.sub(r"_\d+$", "", name)
        threads[kind] = round(threads.get(kind, 0.0) + cpu * per_page, 3)
    rows = sorted(timers.totals.items(), key=lambda kv: -kv[1][1])
    out = {"rc": rc, "pages": args.pages, "stored": n_stored, "seconds": round(secs, 1),
           "load_before_after": [round(load, 2), round(os.getloadavg()[0], 2)],
           "threads_ms_per_page": threads,
           "write_thread_gc_ms_per_page": round(timers.gc_s * per_page, 3),
           "parts_ms_per_page": {k: {"calls": int(v[0]), "incl": round(v[1] * per_page, 3),
                                     "own": round(v[2] * per_page, 3)} for k, v in rows}}
    print(json.dumps(out, indent=1))
    profiles = timers.profiles
    if profiles:
        stats = pstats.Stats(profiles[0])
        for p in profiles[1:]:
            stats.add(p)
        stats.sort_stats("tottime").print_stats(args.cprofile)
    return rc


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(main())
