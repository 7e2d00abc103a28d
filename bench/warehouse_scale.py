"""Warehouse scale benchmark: insert rate, size, daily counts, search, latest-by-id.

Synthetic 3–4 KB articles (bench/synthetic.py) go through the warehouse's own
write path (``Warehouse.write_batch``, Arrow batches), then the analyst
queries are timed on warm read-only connections. Run::

    uv run python -m bench.warehouse_scale --sizes 10000 100000 --out bench/out/warehouse
    uv run python -m bench.warehouse_scale --sizes 1000000 --memory-limit 8GB

Each size gets its own database file under ``--workdir``; results are
appended as JSON lines to ``--out``/results.jsonl and printed as a Markdown
table. Medians and ratios come from one run.

``--append-at`` measures the write path at a size instead (issues 15 and 16)::

    uv run python -m bench.warehouse_scale --append-at 10000 100000 1000000

With ``--pipeline``, batches are written as the ingest pipeline writes them
(its gateway's sessions and settings, pages and fetch log with the articles),
the sizes interleaved: see bench/write_scale.py.

A file of N synthetic articles is seeded in SQL (not the write path, so 1M
takes minutes, not hours), with story tables of the same size (random
signatures: 32 band keys and one row per paragraph per article, as real
ones have; they make the lookups cost what they cost at N, they match
nothing). Then batches of new articles go through ``Warehouse.write_batch``:
1,000-article batches and 20-article batches, with story clustering off, on
with its lookups as DuckDB scans, and on with the SQLite sidecar, interleaved,
so they are measured side by side at the same size (the sidecar is built from
the seeded story tables first, and timed). ``--build-sidecar`` only times that
build, step by step (a batch each, see warehouse/story_build.py).
The seed stops at migration 007, so the first open also times the later
migrations on N rows; ``--seed-only`` keeps the file for another checkout.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from bench.synthetic import SyntheticCorpus
from bench.warehouse_append import append_main
from parsers.article import Article
from pressroom.errors import WarehouseError
from warehouse import Batch, open_warehouse
from warehouse.schema import load_migrations
from warehouse.search import SearchSession
from warehouse.search_index import build_index, index_path_for, read_index_info

QUERIES = (
    "human trafficking",
    '"human trafficking"',
    "dairy exports",
    "ice hockey -dairy",
    "rare OR books",
    "climate resolution",
    "border security",
    "energy prices",
    "education cooperation",
)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile of ``values`` (q in 0..100)."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    """Milliseconds of ``repeat`` calls after one warm-up call."""
    fn()
    out: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def insert(db: Path, corpus: SyntheticCorpus, n: int, batch: int) -> dict[str, float]:
    """Bulk insert ``n`` articles, then edit 1% of them (a second version each)."""
    write_s = 0.0
    fetched = datetime(2026, 1, 1, tzinfo=UTC)
    with open_warehouse(db) as wh:
        for start in range(0, n, batch):
            arts = tuple(corpus.articles(start, min(batch, n - start)))
            b = Batch(run_id="bench-load", source="synthetic", fetched_at=fetched, articles=arts)
            t0 = time.perf_counter()
            wh.write_batch(b)
            write_s += time.perf_counter() - t0
        edited = [
            replace_body(a) for a in corpus.articles(0, n) if int(a.article_id, 16) % 100 == 0
        ]
        edit_s = 0.0
        for start in range(0, len(edited), batch):
            b = Batch(run_id="bench-edit", source="synthetic", fetched_at=fetched,
                      articles=tuple(edited[start:start + batch]))
            t0 = time.perf_counter()
            result = wh.write_batch(b)
            edit_s += time.perf_counter() - t0
            assert result.updated == len(b.articles)
        wh.connection.execute("CHECKPOINT")
    return {"insert_s": write_s, "insert_per_s": n / write_s, "edited": len(edited),
            "edit_per_s": len(edited) / edit_s if edit_s else 0.0}


def replace_body(article: Article) -> Article:
    """The same article with an appended correction (a new content hash, so a new version)."""
    return replace(article, body=article.body + "\n\nCorrection: a figure was misstated.")


def marker_word(seed: int) -> str:
    """A word found nowhere else (letters only: the tokenizer drops digits)."""
    letters = []
    for _ in range(8):
        seed, r = divmod(seed, 26)
        letters.append(chr(ord("a") + r))
    return "zyxw" + "".join(letters)


def fresh_articles(corpus: SyntheticCorpus, n: int, count: int, marker: str) -> list[Article]:
    """A just-ingested run: ``count`` new articles, one carrying a unique marker word."""
    arts = list(corpus.articles(n, count))
    # replace() goes through __init__, so the content hash is recomputed.
    arts[0] = replace(arts[0], body=f"{arts[0].body} {marker.capitalize()} statement.")
    return arts


def query_times(db: Path, ids: list[str], repeat: int) -> dict[str, float]:
    """Warm-connection timings of daily counts, latest-by-id and search."""
    out: dict[str, float] = {}
    con = duckdb.connect(str(db), read_only=True)
    try:
        con.execute("SET TimeZone = 'UTC'")
        daily = timed(lambda: con.execute(
            "SELECT day, source, n FROM daily_counts ORDER BY day, source").fetchall(), repeat)
        out["daily_counts_ms"] = statistics.median(daily)
        month = timed(lambda: con.execute(
            "SELECT source, sum(n) FROM daily_counts WHERE day >= DATE '2024-03-01' "
            "AND day < DATE '2024-04-01' GROUP BY source").fetchall(), repeat)
        out["month_count_ms"] = statistics.median(month)
        rng = random.Random(7)
        latest = []
        for _ in range(repeat * 3):
            aid = rng.choice(ids)
            t0 = time.perf_counter()
            row = con.execute("SELECT article_id, version, title, body FROM articles_latest "
                              "WHERE article_id = ?", [aid]).fetchone()
            latest.append((time.perf_counter() - t0) * 1000)
            assert row is not None
        out["latest_by_id_ms"] = statistics.median(latest)
    finally:
        con.close()
    with SearchSession(db) as session:
        samples: list[float] = []
        for q in QUERIES:
            samples += timed(functools.partial(session.search, q, limit=10), repeat)
        samples += timed(lambda: session.search("human trafficking", source="belta",
                                                since=datetime(2022, 1, 1, tzinfo=UTC),
                                                limit=10), repeat)
    out["search_p50_ms"] = percentile(samples, 50)
    out["search_p95_ms"] = percentile(samples, 95)
    cold: list[float] = []
    for q in QUERIES[:5]:
        t0 = time.perf_counter()
        with SearchSession(db) as session:
            session.search(q, limit=10)
        cold.append((time.perf_counter() - t0) * 1000)
    out["search_cold_p50_ms"] = statistics.median(cold)
    return out


def refresh_views(db: Path) -> None:
    """Re-create the analyst views of a kept file from the current migration text.

    A file built by an earlier checkout keeps the view definitions it was
    migrated with; re-measuring must time today's definitions.
    """
    sql = next(m.sql for m in load_migrations() if m.name == "analyst_views")
    sql = sql.replace("CREATE VIEW", "CREATE OR REPLACE VIEW").replace(
        "CREATE MACRO", "CREATE OR REPLACE MACRO")
    with open_warehouse(db) as wh:
        wh.connection.execute(sql)


def build(db: Path, corpus: SyntheticCorpus, n: int, batch: int,
          memory_limit: str | None) -> dict[str, Any]:
    """Insert ``n`` articles into a new ``db`` and index it."""
    for p in (db, Path(str(db) + ".wal"), index_path_for(db)):
        p.unlink(missing_ok=True)
    res: dict[str, Any] = {}
    print(f"[{n}] inserting…", file=sys.stderr, flush=True)
    res.update(insert(db, corpus, n, batch))
    size = db.stat().st_size
    res["db_mb"] = size / 1e6
    res["bytes_per_article"] = size / n
    print(f"[{n}] indexing…", file=sys.stderr, flush=True)
    info = build_index(db, memory_limit=memory_limit)
    res["index_s"] = info.seconds
    res["index_mb"] = index_path_for(db).stat().st_size / 1e6
    return res


def append_rate(db: Path, corpus: SyntheticCorpus, n: int, count: int,
                batch: int) -> dict[str, Any]:
    """Insert rate of ``count`` more articles into a kept file of ``n`` (growth-state)."""
    write_s = 0.0
    fetched = datetime(2026, 1, 2, tzinfo=UTC)
    with open_warehouse(db) as wh:
        for start in range(n, n + count, batch):
            arts = tuple(corpus.articles(start, min(batch, n + count - start)))
            b = Batch(run_id="bench-append", source="synthetic", fetched_at=fetched,
                      articles=arts)
            t0 = time.perf_counter()
            wh.write_batch(b)
            write_s += time.perf_counter() - t0
        wh.connection.execute("CHECKPOINT")
    size = db.stat().st_size
    return {"insert_s": write_s, "insert_per_s": count / write_s, "insert_mode":
            f"append {count} to {n}", "edited": 0, "edit_per_s": 0.0,
            "db_mb": size / 1e6, "bytes_per_article": size / (n + count)}


def run_size(n: int, workdir: Path, batch: int, repeat: int, memory_limit: str | None,
             reuse: dict[str, Any] | None, reuse_requested: bool = False,
             append: int = 50_000) -> dict[str, Any]:
    """Build a warehouse of ``n`` articles (or reuse a kept one) and measure it."""
    db = workdir / f"scale-{n}.duckdb"
    corpus = SyntheticCorpus()
    res: dict[str, Any] = {"articles": n, "size_key": n, "batch": batch}
    if reuse is not None and db.exists() and index_path_for(db).exists():
        # Build figures from the run that built the file; queries are re-measured.
        res.update({k: reuse[k] for k in ("articles", "insert_s", "insert_per_s", "edited",
                                          "edit_per_s", "db_mb", "bytes_per_article",
                                          "index_s", "index_mb")})
        if "insert_mode" in reuse:
            res["insert_mode"] = reuse["insert_mode"]
        res["reused_build_from"] = reuse.get("at")
        refresh_views(db)
        try:
            read_index_info(index_path_for(db))
        except WarehouseError:
            # Index written by an older format: rebuild it and report that build.
            info = build_index(db, memory_limit=memory_limit)
            res["index_s"] = info.seconds
            res["index_mb"] = index_path_for(db).stat().st_size / 1e6
    elif reuse_requested and db.exists():
        # A kept file whose build figures were never recorded (interrupted run):
        # measure inserting into it at its size instead, then index it.
        print(f"[{n}] appending {append}…", file=sys.stderr, flush=True)
        res.update(append_rate(db, corpus, n, append, batch))
        res["articles"] = n + append
        refresh_views(db)
        print(f"[{n}] indexing…", file=sys.stderr, flush=True)
        info = build_index(db, memory_limit=memory_limit)
        res["index_s"] = info.seconds
        res["index_mb"] = index_path_for(db).stat().st_size / 1e6
    else:
        res.update(build(db, corpus, n, batch, memory_limit))
    # One more "run" after the index: the tail must be searchable at once.
    # Distinct ids and marker per invocation, so a re-measured file gets a new tail.
    stamp = time.time_ns() // 1000
    marker = marker_word(stamp)
    fresh = fresh_articles(corpus, 10_000_000 + 100 * (stamp % 10_000), 100, marker)
    with open_warehouse(db) as wh:
        wh.write_batch(Batch(run_id="bench-fresh", source="synthetic",
                             fetched_at=datetime.now(UTC), articles=tuple(fresh)))
    with SearchSession(db) as session:
        t0 = time.perf_counter()
        found = session.search(marker, limit=5)
        res["fresh_search_ms"] = (time.perf_counter() - t0) * 1000
        res["fresh_found"] = [h.article_id for h in found.hits] == [fresh[0].article_id]
        res["tail_rows"] = found.tail_rows
    ids = [a.article_id for a in corpus.articles(0, min(n, 20000))]
    print(f"[{n}] querying…", file=sys.stderr, flush=True)
    res.update(query_times(db, ids, repeat))
    return res


def markdown(rows: list[dict[str, Any]]) -> str:
    """The results as the table in docs/BENCHMARKS.md."""
    lines = [
        "| articles | insert/s | bytes/article (DB) | index build s | index MB | daily_counts ms "
        "| month count ms | search p50 ms | search p95 ms | search cold ms | latest by id ms "
        "| fresh article found |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['articles']:,} | {r['insert_per_s']:,.0f} | {r['bytes_per_article']:,.0f} "
            f"| {r['index_s']:.1f} | {r['index_mb']:.0f} | {r['daily_counts_ms']:.1f} "
            f"| {r['month_count_ms']:.1f} | {r['search_p50_ms']:.1f} | {r['search_p95_ms']:.1f} "
            f"| {r['search_cold_p50_ms']:.0f} | {r['latest_by_id_ms']:.1f} "
            f"| {'yes' if r['fresh_found'] else 'NO'} ({r['fresh_search_ms']:.0f} ms) |"
        )
    return "\n".join(lines)


def _previous(path: Path) -> dict[int, dict[str, Any]]:
    """The latest full build result per size from an earlier run."""
    out: dict[int, dict[str, Any]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if "reused_build_from" not in row:
                out[int(row.get("size_key", row["articles"]))] = row
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark for each size and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--workdir", type=Path, default=Path("bench/out/warehouse"))
    ap.add_argument("--out", type=Path, default=Path("bench/out/warehouse"))
    ap.add_argument("--batch", type=int, default=1000, help="articles per write_batch")
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--memory-limit", default=None, help="DuckDB memory_limit for the index")
    ap.add_argument("--keep", action="store_true", help="keep the database files")
    ap.add_argument("--append", type=int, default=50_000,
                    help="with --reuse on an unrecorded file: articles appended to time inserts")
    ap.add_argument("--append-at", type=int, nargs="+", default=None,
                    help="seed files of these sizes and time write_batch into them")
    ap.add_argument("--append-batches", type=int, default=5,
                    help="with --append-at: batches per (size, clustering) pair")
    ap.add_argument("--append-sizes", type=int, nargs="+", default=[1000, 20],
                    help="with --append-at: articles per batch (100 is the pipeline's batch)")
    ap.add_argument("--seed-only", action="store_true", help="with --append-at: only seed")
    ap.add_argument("--build-sidecar", action="store_true",
                    help="with --append-at: only build the story sidecar from the seed, "
                         "timing each step (a batch each)")
    ap.add_argument("--no-plain", action="store_true",
                    help="with --append-at: clustering on only (a checkout without the switch)")
    ap.add_argument("--no-scan", action="store_true",
                    help="with --append-at: leave out the phase that clusters by DuckDB scans")
    ap.add_argument("--pipeline", action="store_true",
                    help="with --append-at: write as the ingest pipeline does (its gateway "
                         "sessions and batches), the sizes interleaved (bench/write_scale.py)")
    ap.add_argument("--pipeline-sizes", type=int, nargs="+", default=[100, 1000],
                    help="with --pipeline: articles per batch")
    ap.add_argument("--pipeline-modes", nargs="+", default=["off", "on"],
                    choices=["off", "on"], help="with --pipeline: story clustering off/on")
    ap.add_argument("--statements", action="store_true",
                    help="with --pipeline: print each batch's slowest statements")
    ap.add_argument("--reuse", action="store_true",
                    help="re-measure queries on kept files (build figures from results.jsonl)")
    args = ap.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    args.out.mkdir(parents=True, exist_ok=True)
    machine = {
        "cpus": os.cpu_count(), "python": platform.python_version(),
        "duckdb": duckdb.__version__, "platform": platform.platform(),
    }
    if args.append_at:
        return append_main(args, machine)
    rows = []
    previous = _previous(args.out / "results.jsonl") if args.reuse else {}
    for n in args.sizes:
        reuse = previous.get(n) if args.reuse else None
        res = {**run_size(n, args.workdir, args.batch, args.repeat, args.memory_limit, reuse,
                          reuse_requested=args.reuse, append=args.append),
               "machine": machine, "at": datetime.now(UTC).isoformat(timespec="seconds")}
        rows.append(res)
        with (args.out / "results.jsonl").open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(res) + "\n")
        print(json.dumps(res), file=sys.stderr, flush=True)
        if not args.keep:
            db = args.workdir / f"scale-{n}.duckdb"
            for p in (db, index_path_for(db)):
                p.unlink(missing_ok=True)
    print(markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
