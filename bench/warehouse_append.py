"""Warehouse scale benchmark, ``--append-at``: seeded files of N articles, then timed writes.

A file of N synthetic articles is seeded in SQL (not the write path, so 1M takes
minutes, not hours), with story tables of the same size; then batches of new
articles go through ``Warehouse.write_batch`` with story clustering off, on with
DuckDB scans and on with the SQLite sidecar, interleaved. Run through
``bench.warehouse_scale`` (its docstring has the commands).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from bench import write_scale
from bench.synthetic import SyntheticCorpus
from warehouse import Batch, open_warehouse
from warehouse.schema import apply_migrations, load_migrations
from warehouse.story_sidecar import Sidecar, sidecar_path

SEED_MIGRATIONS = 7  # seeded files stop here: later migrations are timed on first open
PARAGRAPHS = 6  # synthetic bodies have ~6.4 paragraphs of 6+ words


def seed(db: Path, corpus: SyntheticCorpus, n: int) -> float:
    """A file of ``n`` articles appended in SQL, not through the write path; returns seconds.

    Bodies are 25 sentences of the synthetic corpus's pool (~3.5 KB), ids and
    hashes are made as the parser makes them; generating 1M articles in Python
    would take most of an hour on the dev box.
    """
    for p in (db, Path(str(db) + ".wal")):
        p.unlink(missing_ok=True)
    t0 = time.perf_counter()
    pool = corpus.sentences()
    con = duckdb.connect(str(db))
    try:
        apply_migrations(con, [m for m in load_migrations() if m.version <= SEED_MIGRATIONS])
        con.execute("CREATE TEMP TABLE pool AS SELECT ?::VARCHAR[] AS l", [pool])
        con.execute(f"""
            CREATE TEMP TABLE seed AS
            SELECT 'https://seed.example/news/' || i AS url,
                   'Seeded release ' || i AS title,
                   array_to_string(list_transform(range(25),
                       j -> l[1 + ((i * 7919 + j * 104729) % {len(pool)})::INTEGER]), ' ') AS body,
                   TIMESTAMPTZ '2019-01-01 08:00:00+00' + to_minutes(i * 37) AS published_at
            FROM range({n}) AS t(i), pool""")
        # No seq here: the file stops at migration 007, and 011 gives these rows their
        # rowid as seq on the first open (what an upgraded warehouse does).
        con.execute("""
            INSERT INTO article_versions (article_id, version, source, url, canonical_url,
                title, body, published_at, authors, tags, content_hash, fetched_at, run_id)
            SELECT substr(sha256(url), 1, 20), 1, 'synthetic', url, url, title, body,
                   published_at, ['Press Office'], ['synthetic'], sha256(title || body),
                   TIMESTAMPTZ '2026-01-01 00:00:00+00', 'seed'
            FROM seed""")
        con.execute("""
            INSERT INTO article_state
            SELECT article_id, source, url, canonical_url, fetched_at, fetched_at, fetched_at,
                   1, content_hash
            FROM article_versions""")
        con.execute("""
            INSERT INTO seen_urls
            SELECT url, source, 'article', article_id, first_seen_at, last_seen_at
            FROM article_state""")
        # Story tables as big as real ones at n articles (signatures that match nothing).
        con.execute(
            "INSERT INTO story_members SELECT article_id, article_id, row_number() OVER (), "
            "source, content_hash, 300, unhex(repeat(md5(article_id), 16)), "
            f"[(hash(article_id || p) >> 1)::BIGINT FOR p IN range({PARAGRAPHS})], "
            "first_seen_at FROM article_state")
        con.execute("INSERT INTO story_bands SELECT (hash(article_id || b) >> 1)::BIGINT, "
                    "article_id FROM article_state, range(32) AS t(b)")
        con.execute("INSERT INTO story_paragraphs SELECT source, (hash(article_id || p) >> 1)"
                    f"::BIGINT, 1 FROM article_state, range({PARAGRAPHS}) AS t(p)")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return time.perf_counter() - t0


# Modes of --append-at, side by side: clustering off, clustering with the
# lookups as DuckDB scans (what main did before the sidecar), clustering with
# the SQLite sidecar (warehouse/story_sidecar.py).
MODES = {"plain": (False, False), "scan": (True, False), "stories": (True, True)}


def _open(db: Path, mode: str) -> Any:
    """open_warehouse in one of :data:`MODES` (a checkout without the switches: always on)."""
    stories, sidecar = MODES[mode]
    try:
        return open_warehouse(db, stories=stories,  # type: ignore[call-arg,unused-ignore]
                              story_sidecar=sidecar)
    except TypeError:
        if mode != "stories":
            raise
        return open_warehouse(db)


def _build_sidecar(db: Path) -> float:
    """Seconds to build the story sidecar from the file's story tables (all its steps)."""
    return float(sum(step["s"] for step in build_steps(db)))


def build_steps(db: Path) -> list[dict[str, Any]]:
    """The story sidecar built from the file's story tables as the first batches after
    an upgrade build it: a step per read-write session and transaction (see
    warehouse/story_build.py), each timed (wall, process CPU, load before it)."""
    path = sidecar_path(db)
    Sidecar(path).discard()
    steps: list[dict[str, Any]] = []
    while True:
        with open_warehouse(db, story_sidecar=False) as wh:
            side = Sidecar(path)
            load, t0, c0 = os.getloadavg()[0], time.perf_counter(), time.process_time()
            wh.connection.execute("BEGIN TRANSACTION")
            side.prepare(wh.connection)
            wh.connection.execute("COMMIT")
            side.close()
            steps.append({"s": round(time.perf_counter() - t0, 2),
                          "cpu_s": round(time.process_time() - c0, 2), "load": round(load, 1)})
        meta = sqlite3.connect(path)
        try:
            done = "bk" not in dict(meta.execute("SELECT k, v FROM meta").fetchall())
        finally:
            meta.close()
        print(json.dumps({"build_step": len(steps), **steps[-1]}), file=sys.stderr, flush=True)
        if done:
            return steps


def append_at(db: Path, corpus: SyntheticCorpus, n: int, batches: int,
              modes: tuple[str, ...], sizes: tuple[int, ...] = (1000, 20)) -> dict[str, Any]:
    """Write new articles into the seeded file of ``n``: big and small batches, side by side."""
    res: dict[str, Any] = {"articles": n, "mode": "append-at"}
    t0 = time.perf_counter()
    with _open(db, "stories"):
        pass
    res["first_open_s"] = time.perf_counter() - t0  # migrations after 007 on n rows
    if "scan" in modes and not sidecar_path(db).exists():
        res["sidecar_build_s"] = _build_sidecar(db)
    fetched = datetime(2026, 1, 2, tzinfo=UTC)
    with _open(db, "plain") as wh:  # new ids after the articles of earlier runs
        nxt = 20_000_000 + int(wh.query("SELECT count(*) FROM article_state").rows[0][0])
    spent: dict[tuple[int, str], list[float]] = {}
    ckpt: list[float] = []

    def write(size: int, mode: str, timed: bool = True, tag: str = "") -> None:
        nonlocal nxt
        arts = tuple(corpus.articles(nxt, size))
        nxt += size
        with _open(db, mode) as wh:
            t1 = time.perf_counter()
            result = wh.write_batch(Batch(run_id="bench-append", source="synthetic",
                                          fetched_at=fetched, articles=arts))
            if timed:
                spent.setdefault((size, tag or mode), []).append(time.perf_counter() - t1)
            assert result.new == size, result
            t1 = time.perf_counter()
            wh.connection.execute("CHECKPOINT")
            ckpt.append(time.perf_counter() - t1)

    for size in sizes:
        # Scans and the sidecar in two phases at the same size, each interleaved
        # with batches without clustering: a sidecar batch first absorbs the rows
        # committed since the last one (the previous sidecar batch's in steady
        # state), so scan batches in between would be charged to it. One untimed
        # sidecar batch absorbs the scan phase's rows.
        for phase in (("plain", "scan"), ("plain", "stories")):
            if phase[1] not in modes:
                continue
            wanted = tuple(m for m in phase if m in modes)
            if "stories" in wanted and "scan" in modes:
                write(size, "stories", timed=False)
            for _ in range(batches):
                for mode in wanted:  # each clustering mode against the plain of its phase
                    write(size, mode, tag=f"plain_{phase[1]}" if mode == "plain" else "")
    for (size, mode), times in spent.items():
        tag = f"{size}_{mode}"
        res[f"per_s_{tag}"] = size * len(times) / sum(times)
        res[f"ms_per_article_{tag}"] = 1000 * sum(times) / (size * len(times))
    for size in sizes:
        for mode, name in (("stories", "clustering"), ("scan", "clustering_scan")):
            plain = f"plain_{mode}" if (size, f"plain_{mode}") in spent else "plain"
            if (size, mode) in spent and (size, plain) in spent:
                res[f"{name}_ms_per_article_{size}"] = (
                    res[f"ms_per_article_{size}_{mode}"] - res[f"ms_per_article_{size}_{plain}"])
    res["checkpoint_ms_median"] = 1000 * statistics.median(ckpt)
    with open_warehouse(db) as wh:
        res["integrity_problems"] = wh.integrity_problems()
    return res


def append_main(args: argparse.Namespace, machine: dict[str, Any]) -> int:
    """``--append-at``: seed each size (once), then time writes into it."""
    corpus = SyntheticCorpus()
    if args.pipeline:
        dbs = {n: args.workdir / f"append-{n}.duckdb" for n in args.append_at}
        for n, db in dbs.items():
            if not db.exists():
                seed(db, corpus, n)
        return write_scale.main(dbs, args.append_batches, args.out, args.statements,
                                sizes=args.pipeline_sizes, modes=args.pipeline_modes)
    for n in args.append_at:
        db = args.workdir / f"append-{n}.duckdb"
        res: dict[str, Any] = {"articles": n}
        if not db.exists():
            res["seed_s"] = seed(db, corpus, n)
        if args.build_sidecar:
            steps = build_steps(db)
            res.update({"sidecar_build_steps": steps,
                        "sidecar_build_s": sum(x["s"] for x in steps),
                        "sidecar_build_longest_step_s": max(x["s"] for x in steps)})
        elif not args.seed_only:
            modes = ("stories",) if args.no_plain else ("plain", "scan", "stories")
            if args.no_scan:
                modes = tuple(m for m in modes if m != "scan")
            res.update(append_at(db, corpus, n, args.append_batches, modes,
                                 tuple(args.append_sizes)))
        res.update({"machine": machine, "load": os.getloadavg(),
                    "at": datetime.now(UTC).isoformat(timespec="seconds")})
        with (args.out / "append.jsonl").open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(res) + "\n")
        print(json.dumps(res), flush=True)
    return 0
