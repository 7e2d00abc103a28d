"""``daily_counts`` and ``search`` on a DuckLake against the DuckDB file holding the same rows.

    uv run python bench/lake_queries.py --articles 100000 --repeat 10

Builds a DuckDB file of N synthetic press releases (bench/search_scale.py's
build: the first articles through ``write_batch``, the rest bulk-appended, a
100-article tail), copies it into a lake on a throwaway PostgreSQL (pgserver;
data on local disk) with ``copy_into_lake`` (what ``pressroom migrate`` runs),
and builds the search index of each (so both hold every row indexed). Then,
alternating file/lake per round, on one warm read session each (as a
long-lived service would; attaching a lake costs ~2 s once): the
``daily_counts`` view in full, and ``SearchSession.search`` over the fixed
query mix of bench/search_scale.py. Prints medians and p95 per target, the
lake/file ratios (target: within 2x) and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.search_scale import MARKER, build, mix, percentile, words_of
from bench.synthetic import SyntheticCorpus
from tests.lakepg import running_postgres
from warehouse.lake import LakeTarget, parse_target
from warehouse.lake_copy import copy_into_lake
from warehouse.lake_read import connect_read_only
from warehouse.search import SearchSession
from warehouse.search_index import build_index

DAILY = "SELECT day, source, n FROM daily_counts ORDER BY ALL"


def _ms(work: Any) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = work()
    return (time.perf_counter() - t0) * 1000, out


def _stats(samples: list[float]) -> dict[str, float]:
    return {"p50_ms": round(statistics.median(samples), 1),
            "p95_ms": round(percentile(samples, 95), 1), "n": len(samples)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--memory-limit", default="2GB")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-lake-q-"))
    db = tmp / "file.duckdb"
    out: dict[str, Any] = {"articles": args.articles, "load_before": os.getloadavg()}
    t0 = time.perf_counter()
    out["file_build"] = build(db, args.articles, 10_000, min(args.articles, 2_000),
                              args.memory_limit)
    with running_postgres() as pg:
        lake = parse_target(pg.new_catalog(), str(tmp / "lake"))
        assert isinstance(lake, LakeTarget)
        t1 = time.perf_counter()
        copy_into_lake(db, lake)
        out["copy_s"] = round(time.perf_counter() - t1, 1)
        out["index_s"] = {name: round(build_index(t, memory_limit=args.memory_limit).seconds, 1)
                          for name, t in (("file", db), ("lake", lake))}
        out["build_s"] = round(time.perf_counter() - t0, 1)
        out["load_after_build"] = os.getloadavg()
        print(json.dumps(out), file=sys.stderr, flush=True)
        common, rare = words_of(SyntheticCorpus())
        queries = [q for q in mix(common, rare) if q.text != MARKER]
        since = {q.name: datetime.fromisoformat(q.since).replace(tzinfo=UTC) if q.since else None
                 for q in queries}
        targets = {"file": db, "lake": lake}
        reads = {name: connect_read_only(t) for name, t in targets.items()}
        searches = {name: SearchSession(t) for name, t in targets.items()}
        daily: dict[str, list[float]] = {"file": [], "lake": []}
        search: dict[str, list[float]] = {"file": [], "lake": []}
        answers: dict[str, Any] = {}
        try:
            for name in targets:  # warm-up, and the answers must agree
                session = searches[name]
                answers[name] = (reads[name].execute(DAILY).fetchall(),
                                 [len(session.search(q.text, source=q.source, since=since[q.name],
                                                     collapse=q.collapse).hits)
                                  for q in queries])
            for r in range(args.repeat):
                for name in (("file", "lake") if r % 2 == 0 else ("lake", "file")):
                    ms, _ = _ms(lambda n=name: reads[n].execute(DAILY).fetchall())
                    daily[name].append(ms)
                    for q in queries:
                        ms, _ = _ms(lambda n=name, q=q: searches[n].search(
                            q.text, source=q.source, since=since[q.name], collapse=q.collapse))
                        search[name].append(ms)
        finally:
            for s in searches.values():
                s.close()
            for c in reads.values():
                c.close()
    result = {
        "articles": args.articles, "repeat": args.repeat, "queries": len(queries),
        "same_answers": answers["file"] == answers["lake"],
        "daily_counts_rows": len(answers["file"][0]),
        "daily_counts": {n: _stats(v) for n, v in daily.items()},
        "search": {n: _stats(v) for n, v in search.items()},
        "lake_vs_file": {
            "daily_counts_p50": round(statistics.median(daily["lake"])
                                      / statistics.median(daily["file"]), 2),
            "search_p50": round(statistics.median(search["lake"])
                                / statistics.median(search["file"]), 2),
            "search_p95": round(percentile(search["lake"], 95)
                                / percentile(search["file"], 95), 2)},
        "load_after": os.getloadavg(), **{k: out[k] for k in ("copy_s", "index_s", "build_s")},
    }
    print(json.dumps(result, indent=1), flush=True)


if __name__ == "__main__":
    main()
