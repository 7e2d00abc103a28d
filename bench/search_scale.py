"""Search latency at scale: p50/p95 of a fixed query mix on a 1M-article warehouse.

    uv run python -m bench.search_scale --articles 1000000 --db /tmp/search1m/s.duckdb
    uv run python -m bench.search_scale --db /tmp/search1m/s.duckdb --reuse   # time again
    uv run python -m bench.search_scale --db NEW/s.duckdb --upgrade-from OLD/s.search.duckdb
        # NEW/s.duckdb: a link to the same warehouse; writes NEW/s.search.duckdb in the
        # current index format from a format-3 index, without re-tokenising

Builds (or, with ``--reuse``, reopens) a warehouse of synthetic press releases
(bench/synthetic.py) written through ``Warehouse.write_batch``, its search
index, and a 100-article run written *after* the index (the unindexed tail a
live warehouse has). Then times each query of :data:`MIX` three ways:

- **library**: ``SearchSession.search`` on one warm session (a long-lived
  service), ``--repeat`` runs per query after one warm-up;
- **command, in process**: ``pressroom.cli.main(["search", ...])``, which opens
  a new session per query (connect, load fts, attach the index), i.e. the CLI
  minus interpreter start-up;
- **command, subprocess**: ``python -m pressroom search ...`` wall time, the
  whole thing a user waits for (``--cli-repeat`` runs per query).

Prints one JSON object (figures, machine, load average before and after).
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import io
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import SyntheticCorpus
from warehouse import Batch, Warehouse, arrow, open_warehouse
from warehouse.article_writes import NEXT_SEQ_SQL
from warehouse.search import SearchSession
from warehouse.search_index import FILTERS_SQL, INDEX_FORMAT, build_index, index_path_for
from warehouse.search_stories import MEMBERS_COPY_SQL, SNAPSHOT_SQL

MARKER = "zyxwquokkafest"  # a word written only into the tail (after the index)
TAIL = 100


@dataclass(frozen=True, slots=True)
class Query:
    """One query of the mix: the search string and its CLI options."""

    name: str
    text: str
    source: str | None = None
    since: str | None = None
    collapse: bool = False

    def argv(self) -> list[str]:
        out = [self.text]
        if self.source:
            out += ["--source", self.source]
        if self.since:
            out += ["--since", self.since]
        if self.collapse:
            out.append("--collapse")
        return out


def words_of(corpus: SyntheticCorpus) -> tuple[str, str]:
    """(the most frequent vocabulary word, a word found only in some titles)."""
    vocab: list[str] = corpus._vocab  # the benchmark's own corpus
    in_bodies = {w for line in corpus._pool for w in line.lower().rstrip(".").split()}
    rare = next(w for w in reversed(vocab) if w not in in_bodies)
    return vocab[0], rare


def mix(common: str, rare: str) -> list[Query]:
    """The fixed query mix (common word, rare word, phrase, filters, --collapse)."""
    return [
        Query("common word", common),
        Query("two common words", f"{common} said"),
        Query("rare word", rare),
        Query("unique word (tail)", MARKER),
        Query("words", "human trafficking"),
        Query("phrase", '"human trafficking"'),
        Query("OR", f"{rare} OR books"),
        Query("exclusion", "ice hockey -dairy"),
        Query("common --source", common, source="belta"),
        Query("common --since", common, since="2025-01-01"),
        Query("phrase --source --since", '"dairy exports"', source="un_press",
              since="2022-01-01"),
        Query("common --collapse", common, collapse=True),
        Query("phrase --collapse", '"border security"', collapse=True),
    ]


def _bulk_append(wh: Warehouse, corpus: SyntheticCorpus, start: int, count: int,
                 fetched: datetime) -> None:
    """Append new articles with the write path's own Arrow rows, minus its per-batch checks.

    Equivalent to ``write_batch`` for articles that are all new and distinct
    (version 1, one ``article_state`` row each) except that no story clusters
    are computed: each is its own story (:func:`add_singleton_stories`).
    """
    arts = list(corpus.articles(start, count))
    table = arrow.articles_table(arts, source="synthetic", run_id="bench-bulk",
                                 fetched_at=fetched)
    con = wh.connection
    con.register("_bulk", table)
    try:
        con.execute("INSERT INTO article_versions BY NAME SELECT *, 1 AS version, "
                    f"{NEXT_SEQ_SQL} AS seq FROM _bulk")
        con.execute(
            "INSERT INTO article_state (article_id, source, url, canonical_url, first_seen_at, "
            "last_seen_at, last_fetched_at, latest_version, content_hash) "
            "SELECT article_id, source, url, canonical_url, fetched_at, fetched_at, fetched_at, "
            "1, content_hash FROM _bulk")
    finally:
        con.unregister("_bulk")


def add_singleton_stories(con: duckdb.DuckDBPyConnection) -> None:
    """A ``story_members`` row (a story of its own) for each article that has none,
    so the table has one row per article, as the write path leaves it."""
    con.execute(
        "INSERT INTO story_members (article_id, story_id, seq, source, content_hash, "
        "n_shingles, minhash, paragraphs, assigned_at) "
        "SELECT s.article_id, s.article_id, 0, s.source, s.content_hash, 0, NULL, [], "
        "s.last_fetched_at FROM article_state AS s "
        "WHERE NOT EXISTS (SELECT 1 FROM story_members AS m WHERE m.article_id = s.article_id)")


def build(db: Path, n: int, batch: int, through_write_path: int,
          memory_limit: str | None, *, index: bool = True) -> dict[str, Any]:
    """A fresh warehouse of ``n`` synthetic articles, its index, then a 100-article tail.

    ``index=False``: no index (the caller builds it later, tail included).

    The first ``through_write_path`` articles go through ``Warehouse.write_batch``
    (story clusters included), the rest are bulk-appended (:func:`_bulk_append`):
    the write path's rate at 1M rows is another benchmark's subject
    (bench/warehouse_scale.py), and search reads only the tables filled here.
    """
    db.parent.mkdir(parents=True, exist_ok=True)
    for p in (db, Path(f"{db}.wal"), index_path_for(db)):
        p.unlink(missing_ok=True)
    corpus = SyntheticCorpus()
    fetched = datetime(2026, 1, 1, tzinfo=UTC)
    t0 = time.perf_counter()
    with open_warehouse(db) as wh:
        for start in range(0, n, batch):
            count = min(batch, n - start)
            if start < through_write_path:
                wh.write_batch(Batch(run_id="bench-load", source="synthetic",
                                     fetched_at=fetched,
                                     articles=tuple(corpus.articles(start, count))))
            else:
                _bulk_append(wh, corpus, start, count, fetched)
            print(f"  {start + count:,} written, {time.perf_counter() - t0:.0f} s",
                  file=sys.stderr, flush=True)
        add_singleton_stories(wh.connection)
        wh.connection.execute("CHECKPOINT")
    insert_s = time.perf_counter() - t0
    index_s = None
    if index:
        print(f"  indexing ({memory_limit or 'no memory limit'})", file=sys.stderr, flush=True)
        index_s = round(build_index(db, memory_limit=memory_limit).seconds, 1)
    tail = list(corpus.articles(n, TAIL))
    tail[0] = replace(tail[0], body=f"{tail[0].body} {MARKER.capitalize()} statement.")
    with open_warehouse(db) as wh:
        wh.write_batch(Batch(run_id="bench-tail", source="synthetic",
                             fetched_at=datetime.now(UTC), articles=tuple(tail)))
    figures = {"articles": n, "through_write_path": min(n, through_write_path),
               "insert_s": round(insert_s, 1), "index_s": index_s,
               "index_mb": round(index_path_for(db).stat().st_size / 1e6) if index else None,
               "db_mb": round(db.stat().st_size / 1e6), "load_after_build": os.getloadavg()}
    Path(f"{db}.build.json").write_text(json.dumps(figures), encoding="utf-8")
    return figures


def upgrade_index(db: Path, old_index: Path, memory_limit: str | None) -> float:
    """Write ``index_path_for(db)`` in the current format from an index of format 3.

    A copy of the old file plus the tables format 4 adds, written by the build's
    own statements (``FILTERS_SQL``, ``MEMBERS_COPY_SQL``, ``SNAPSHOT_SQL``): at
    1M articles it spares the hour of tokenising. The story snapshot is taken of
    the members of the articles the old index holds (what a build then would have
    read; members written since are the tail's). Returns the seconds taken.
    """
    target = index_path_for(db)
    target.unlink(missing_ok=True)
    t0 = time.perf_counter()
    shutil.copyfile(old_index, target)
    con = duckdb.connect(":memory:")
    try:
        if memory_limit:
            con.execute("SET memory_limit = $m", {"m": memory_limit})
        con.execute(f"ATTACH '{db}' AS wh (READ_ONLY)")
        con.execute(f"ATTACH '{target}' AS ix")
        row = con.execute("SELECT format FROM ix.meta").fetchone()
        if row is None or int(row[0]) != 3:
            raise SystemExit(f"{old_index} is not a format-3 index")
        con.execute(MEMBERS_COPY_SQL)
        con.execute("DELETE FROM members_src WHERE article_id NOT IN "
                    "(SELECT article_id FROM ix.docs)")
        con.execute(FILTERS_SQL)
        con.execute(SNAPSHOT_SQL)
        con.execute("UPDATE ix.meta SET format = $f", {"f": INDEX_FORMAT})
    finally:
        con.close()
    return time.perf_counter() - t0


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def summary(samples: dict[str, list[float]]) -> dict[str, Any]:
    """p50/p95 over every sample, and each query's median."""
    every = [v for vs in samples.values() for v in vs]
    return {"p50_ms": round(percentile(every, 50), 1), "p95_ms": round(percentile(every, 95), 1),
            "max_ms": round(max(every), 1), "samples": len(every),
            "per_query_median_ms": {k: round(percentile(v, 50), 1) for k, v in samples.items()}}


def library(db: Path, queries: list[Query], repeat: int, limit: int) -> dict[str, Any]:
    """Warm session: ``SearchSession.search`` as the CLI calls it (default --limit 20)."""
    samples: dict[str, list[float]] = {}
    hits: dict[str, int] = {}
    native_collapse = "collapse" in inspect.signature(SearchSession.search).parameters
    with SearchSession(db) as session:
        for q in queries:
            since = datetime.fromisoformat(q.since).replace(tzinfo=UTC) if q.since else None

            def one(q: Query = q, since: datetime | None = since) -> int:
                if q.collapse and not native_collapse:  # the code before: as its CLI did
                    from warehouse.story_list import collapse, story_ids

                    hits = session.search(q.text, source=q.source, since=since,
                                          limit=limit * 5).hits
                    ids = [h.article_id for h in hits]
                    return len(collapse(hits, ids, story_ids(db, ids))[:limit])
                kwargs = {"collapse": True} if q.collapse else {}
                result = session.search(q.text, source=q.source, since=since, limit=limit,
                                        **kwargs)
                return len(result.hits)

            hits[q.name] = one()
            runs = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                one()
                runs.append((time.perf_counter() - t0) * 1000)
            samples[q.name] = runs
    return {**summary(samples), "hits": hits}


def command_in_process(db: Path, queries: list[Query], repeat: int) -> dict[str, Any]:
    """``pressroom.cli.main(["search", ...])``: a new session per query, no interpreter start."""
    from pressroom.cli import main

    samples: dict[str, list[float]] = {}
    for q in queries:
        argv = ["search", *q.argv(), "--db", str(db), "--format", "json"]
        runs = []
        for i in range(repeat + 1):
            out = io.StringIO()
            t0 = time.perf_counter()
            with contextlib.redirect_stdout(out):
                code = main(argv)
            elapsed = (time.perf_counter() - t0) * 1000
            if code != 0:
                raise SystemExit(f"pressroom {' '.join(argv)} exited {code}")
            if i:  # the first run warms the page cache
                runs.append(elapsed)
        samples[q.name] = runs
    return summary(samples)


def command_subprocess(db: Path, queries: list[Query], repeat: int) -> dict[str, Any]:
    """``python -m pressroom search ...`` wall time, interpreter start-up included."""
    samples: dict[str, list[float]] = {}
    for q in queries:
        cmd = [sys.executable, "-m", "pressroom", "search", *q.argv(), "--db", str(db),
               "--format", "json"]
        runs = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            runs.append((time.perf_counter() - t0) * 1000)
        samples[q.name] = runs
    return summary(samples)


def main(argv: list[str] | None = None) -> int:
    """Build or reuse the warehouse, time the mix, print JSON."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path("/tmp/search1m/search.duckdb"))
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--batch", type=int, default=10_000, help="articles per write")
    ap.add_argument("--through-write-path", type=int, default=20_000,
                    help="articles written by write_batch before bulk appends take over")
    ap.add_argument("--memory-limit", default="6GB", help="DuckDB memory_limit for the index")
    ap.add_argument("--reuse", action="store_true", help="time the kept --db, do not build")
    ap.add_argument("--build-only", action="store_true", help="build --db, time nothing")
    ap.add_argument("--repeat", type=int, default=20, help="warm runs per query")
    ap.add_argument("--cold-repeat", type=int, default=5, help="in-process CLI runs per query")
    ap.add_argument("--cli-repeat", type=int, default=3, help="subprocess CLI runs per query")
    ap.add_argument("--limit", type=int, default=20, help="hits per query (the CLI default)")
    ap.add_argument("--upgrade-from", type=Path,
                    help="write --db's index from this format-3 index (see upgrade_index)")
    args = ap.parse_args(argv)
    out: dict[str, Any] = {"load_before": os.getloadavg()}
    if args.upgrade_from:
        seconds = upgrade_index(args.db, args.upgrade_from, args.memory_limit)
        print(json.dumps({"upgrade_s": round(seconds, 1), "load": os.getloadavg()}))
        return 0
    if args.reuse:
        out["build"] = json.loads(Path(f"{args.db}.build.json").read_text(encoding="utf-8"))
    else:
        out["build"] = build(args.db, args.articles, args.batch, args.through_write_path,
                             args.memory_limit)
        if args.build_only:
            print(json.dumps(out["build"]))
            return 0
    corpus = SyntheticCorpus()
    queries = mix(*words_of(corpus))
    out["queries"] = [{"name": q.name, "argv": q.argv()} for q in queries]
    out["library"] = library(args.db, queries, args.repeat, args.limit)
    out["load_after_library"] = os.getloadavg()
    out["cli_in_process"] = command_in_process(args.db, queries, args.cold_repeat)
    out["cli_subprocess"] = command_subprocess(args.db, queries, args.cli_repeat)
    out["load_after"] = os.getloadavg()
    out["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(),
                      "duckdb": duckdb.__version__, "platform": platform.platform()}
    out["at"] = datetime.now(UTC).isoformat(timespec="seconds")
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
