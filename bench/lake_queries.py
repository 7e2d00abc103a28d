"""``daily_counts`` and ``search`` on a DuckLake against the DuckDB file holding the same rows.

    uv run python bench/lake_queries.py --articles 100000 --repeat 10
    uv run python bench/lake_queries.py --workdir /tmp/l19/1m --articles 1000000 --build-only
    uv run python bench/lake_queries.py --workdir /tmp/l19/1m --reuse --repeat 10

Builds a DuckDB file of N synthetic press releases (bench/search_scale.py's
build: the first articles through ``write_batch``, the rest bulk-appended, a
100-article tail), copies it into a lake on a throwaway PostgreSQL (pgserver;
data on local disk) with ``copy_into_lake`` (what ``pressroom migrate`` runs),
and builds the search index of each (the lake's from the lake), so both hold
every row indexed. Then, alternating file/lake per round, on one warm read
session each (as a long-lived service would; attaching a lake costs ~2 s
once): the ``daily_counts`` view in full, and ``SearchSession.search`` over
the fixed query mix of bench/search_scale.py. Prints medians and p95 per
target, the lake/file ratios (target: within 2x) and the load average.

``--workdir DIR`` keeps everything in DIR (``file.duckdb`` and its index,
``lake/`` and ``lake.search.duckdb``, the PostgreSQL data folder ``pg/``, and
``state.json``: which build steps are done, with their times). A build that
stops part way resumes at the step it stopped in. ``--reuse`` builds nothing:
it restarts PostgreSQL from ``DIR/pg`` (about a second), times, and stops it.
Without ``--workdir`` a fresh temporary folder is used.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.search_scale import MARKER, build, mix, percentile, words_of
from bench.synthetic import SyntheticCorpus
from warehouse.lake import LakeTarget, parse_target
from warehouse.lake_copy import copy_into_lake
from warehouse.lake_read import connect_read_only
from warehouse.search import SearchSession
from warehouse.search_index import build_index

DAILY = "SELECT day, source, n FROM daily_counts ORDER BY ALL"
CATALOG = "lake"  # the PostgreSQL database holding the lake's catalog
STEPS = ("file", "catalog", "copy", "index_file", "index_lake")


def _ms(work: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = work()
    return (time.perf_counter() - t0) * 1000, out


def _stats(samples: list[float]) -> dict[str, float]:
    return {"p50_ms": round(statistics.median(samples), 1),
            "p95_ms": round(percentile(samples, 95), 1), "n": len(samples)}


def _load() -> list[float]:
    return [round(x, 1) for x in os.getloadavg()]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@contextmanager
def postgres(folder: Path) -> Iterator[tuple[Any, str]]:
    """Start (or restart, from its kept data) PostgreSQL in ``folder``; yield the
    server and its socket folder; stop it afterwards, keeping the data."""
    import pgserver

    # As root pgserver runs the server as its own user, which must enter the folder.
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.parent.chmod(0o755)
    server = pgserver.get_server(folder, cleanup_mode="stop")
    try:
        socket_dir = parse_qs(urlparse(server.get_uri()).query).get("host", [""])[0]
        if not socket_dir:
            raise SystemExit(f"pgserver gave no socket folder in {server.get_uri()!r}")
        yield server, socket_dir
    finally:
        server.cleanup()


class Workdir:
    """The kept files of one build and ``state.json``, the steps done."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db = folder / "file.duckdb"
        self.data = folder / "lake"
        self.pg = folder / "pg"
        self._state_file = folder / "state.json"
        self.state: dict[str, Any] = (json.loads(self._state_file.read_text(encoding="utf-8"))
                                      if self._state_file.exists() else {})

    def lake(self, socket_dir: str) -> LakeTarget:
        target = parse_target(f"ducklake:postgres:dbname={CATALOG} host={socket_dir} "
                              "user=postgres", str(self.data))
        assert isinstance(target, LakeTarget)
        return target

    def done(self, step: str, figures: Any) -> None:
        # Re-read first: another process may have done another step meanwhile.
        if self._state_file.exists():
            self.state = json.loads(self._state_file.read_text(encoding="utf-8"))
        self.state[step] = {"figures": figures, "at": _now(), "load": _load()}
        self._state_file.write_text(json.dumps(self.state, indent=1), encoding="utf-8")
        print(json.dumps({step: self.state[step]}), file=sys.stderr, flush=True)


def build_all(wd: Workdir, server: Any, socket_dir: str, args: argparse.Namespace) -> None:
    """Each build step not yet done (of ``args.steps``): file, catalog, copy, both
    indexes. The two indexes may be built by two processes at once (``--steps``)."""
    todo = [s for s in args.steps.split(",") if s not in wd.state]
    if "file" in todo:
        if args.articles is None:
            raise SystemExit("--articles is needed to build")
        wd.done("file", build(wd.db, args.articles, 10_000, min(args.articles, 2_000),
                              args.memory_limit, index=False))
    lake = wd.lake(socket_dir)
    if "catalog" in todo:
        server.psql(f"DROP DATABASE IF EXISTS {CATALOG};")
        server.psql(f"CREATE DATABASE {CATALOG};")
        wd.done("catalog", CATALOG)
    if "copy" in todo:  # copy_into_lake is one transaction, and safe to re-run
        t0 = time.perf_counter()
        copy_into_lake(wd.db, lake)
        wd.done("copy", {"s": round(time.perf_counter() - t0, 1)})
    for name, target in (("index_file", wd.db), ("index_lake", lake)):
        if name in todo:
            info = build_index(target, memory_limit=args.memory_limit)
            wd.done(name, {"s": round(info.seconds, 1), "docs": info.indexed_rows})


def time_queries(db: Path, lake: LakeTarget, repeat: int, *, search_too: bool = True
                 ) -> dict[str, Any]:
    """Alternate file and lake per round on warm sessions; the answers must agree.

    ``search_too=False``: ``daily_counts`` only (it needs no index)."""
    common, rare = words_of(SyntheticCorpus())
    queries = [q for q in mix(common, rare) if q.text != MARKER] if search_too else []
    since = {q.name: datetime.fromisoformat(q.since).replace(tzinfo=UTC) if q.since else None
             for q in queries}
    targets: dict[str, Path | LakeTarget] = {"file": db, "lake": lake}
    t0 = time.perf_counter()
    reads = {name: connect_read_only(t) for name, t in targets.items()}
    searches = {name: SearchSession(t) for name, t in targets.items()} if queries else {}
    opened_s = round(time.perf_counter() - t0, 1)
    daily: dict[str, list[float]] = {"file": [], "lake": []}
    search: dict[str, list[float]] = {"file": [], "lake": []}
    per_query: dict[str, dict[str, list[float]]] = {
        n: {q.name: [] for q in queries} for n in targets}
    answers: dict[str, Any] = {}
    load_start = _load()
    try:
        for name in targets:  # warm-up, and the answers must agree
            answers[name] = (reads[name].execute(DAILY).fetchall(),
                             [[(h.url, round(h.score, 6)) for h in searches[name].search(
                                 q.text, source=q.source, since=since[q.name],
                                 collapse=q.collapse).hits] for q in queries])
        for r in range(repeat):
            for name in (("file", "lake") if r % 2 == 0 else ("lake", "file")):
                ms, _ = _ms(lambda n=name: reads[n].execute(DAILY).fetchall())
                daily[name].append(ms)
                for q in queries:
                    ms, _ = _ms(lambda n=name, q=q: searches[n].search(
                        q.text, source=q.source, since=since[q.name], collapse=q.collapse))
                    search[name].append(ms)
                    per_query[name][q.name].append(ms)
    finally:
        for s in searches.values():
            s.close()
        for c in reads.values():
            c.close()
    return {
        "repeat": repeat, "queries": len(queries), "open_s": opened_s,
        "same_answers": answers["file"] == answers["lake"],
        "hits": [len(h) for h in answers["file"][1]],
        "daily_counts_rows": len(answers["file"][0]),
        "daily_counts": {n: _stats(v) for n, v in daily.items()},
        "search": {n: _stats(v) for n, v in search.items()} if queries else None,
        "lake_vs_file": {
            "daily_counts_p50": round(statistics.median(daily["lake"])
                                      / statistics.median(daily["file"]), 2),
            "daily_counts_p95": round(percentile(daily["lake"], 95)
                                      / percentile(daily["file"], 95), 2),
            **({} if not queries else {"search_p50": round(statistics.median(search["lake"])
                                / statistics.median(search["file"]), 2),
            "search_p95": round(percentile(search["lake"], 95)
                                / percentile(search["file"], 95), 2)})},
        "search_p50_per_query": {n: {q: round(statistics.median(v), 1) for q, v in d.items()}
                                 for n, d in per_query.items()},
        "load_start": load_start, "load_end": _load(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=None,
                        help="articles to build (default 100,000 for a new folder)")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--memory-limit", default="2GB")
    parser.add_argument("--workdir", type=Path, help="keep (or reuse) the build here")
    parser.add_argument("--build-only", action="store_true", help="build, time nothing")
    parser.add_argument("--reuse", action="store_true",
                        help="time the kept --workdir, build nothing")
    parser.add_argument("--daily-only", action="store_true",
                        help="time daily_counts only (needs no index)")
    parser.add_argument("--steps", default=",".join(STEPS),
                        help="build only these steps (comma-separated, of the default)")
    args = parser.parse_args()
    folder = args.workdir or Path(tempfile.mkdtemp(prefix="bench-lake-q-"))
    wd = Workdir(folder.resolve())
    if args.reuse:
        missing = [s for s in STEPS if s not in wd.state
                   and not (args.daily_only and s.startswith("index"))]
        if missing:
            raise SystemExit(f"{folder}: build steps not done: {', '.join(missing)}")
    elif args.articles is None and "file" not in wd.state:
        args.articles = 100_000
    out: dict[str, Any] = {"workdir": str(wd.folder), "at": _now(), "load_before": _load()}
    t0 = time.perf_counter()
    with postgres(wd.pg) as (server, socket_dir):
        out["postgres_start_s"] = round(time.perf_counter() - t0, 1)
        if not args.reuse:
            build_all(wd, server, socket_dir, args)
        out["build"] = wd.state
        if not args.build_only:
            out.update(time_queries(wd.db, wd.lake(socket_dir), args.repeat,
                                    search_too=not args.daily_only))
    out["total_s"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(out, indent=1), flush=True)


if __name__ == "__main__":
    main()
