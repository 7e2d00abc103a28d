"""End-to-end pipeline benchmark on a loopback copy of the WCXB dev pages.

    uv run python bench/pipeline.py --pages 10000 [--no-prefect-run]
    uv run python bench/pipeline.py --pages 10000 --parse-workers 2 --workers-only
    uv run python bench/pipeline.py --pages 6000 --workers-only --skip-one-worker --ingest-repeats 2
    uv run python bench/pipeline.py --pages 711 --stories-ab 5

Measures, in one run on one machine: parse-only and fetch-only rates on the
same pages, ``pressroom ingest`` pages/s and peak RSS (at --pages and at a
fifth of it, to show RSS does not grow with the page count), the idle re-run
(requests made, article fetches, seconds), and the Prefect flow against the
same pipeline without Prefect. ``--parse-workers N`` (default: one per CPU)
is the main ingest's worker count; the same N pages are also ingested with 1
worker, side by side, with the load average around each run and the workers'
peak RSS (``--workers-only``: just the issue's ratio, N-worker ingest against N x
the single-core parse rate, with the 1-worker ingest unless ``--skip-one-worker``;
the single-core rate is bench/parse_core.py's, a fresh worker over every dev page,
one round before the first ingest and one after each of ``--ingest-repeats``).
``--stories-ab R``: only the cost of story clustering: the same pages ingested
(no Prefect, fresh warehouse each time) with clustering on and off, alternating,
R times each; medians and the off/on throughput ratio. "Off" is the ingest CLI
with the pipeline's warehouse sessions opened with ``stories=False`` (an
internal switch of this benchmark, not an option of the CLI); each run's
``story_members`` count checks that clustering was on or off as asked.
Data: WCXB (Murrough Foley, 2026), CC-BY-4.0.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.devsite import load_pages
from bench.stories_ab import STORIES_SWITCH, stories_ab
from flows.config import load_sources
from flows.fetch import Fetcher
from flows.http_records import FetchPolicy
from flows.ingest import run_sources
from flows.parsepool import usable_cpus
from flows.runtime import make_client
from parsers import extract

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
def start_site(pages: int) -> tuple[subprocess.Popen[str], str]:
    """Start bench/devsite.py in its own process; return it and its base URL."""
    proc = subprocess.Popen([sys.executable, str(ROOT / "bench" / "devsite.py"),
                             "--pages", str(pages)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a running process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def parse_rate(count: int) -> float:
    """Pages/s of extract() alone, one core, over ``count`` pages of the mix."""
    pages = load_pages()
    t0 = time.perf_counter()
    for i in range(count):
        extract(pages[i % len(pages)], url=f"http://127.0.0.1/p/{i}/")
    return count / (time.perf_counter() - t0)


def fetch_rate(base: str, count: int, concurrency: int) -> float:
    """Pages/s of the fetcher alone (no parsing, no writes) over ``count`` pages."""
    policy = FetchPolicy(timeout=30, min_delay=0, concurrency=concurrency, respect_robots=False)

    async def go() -> float:
        async with make_client(frozenset({"127.0.0.1"})) as client:
            fetcher = Fetcher(client)
            limit = asyncio.Semaphore(concurrency * 2)

            async def one(i: int) -> None:
                async with limit:
                    await fetcher.get(f"{base}/p/{i}/", policy)

            t0 = time.perf_counter()
            await asyncio.gather(*(one(i) for i in range(count)))
            return count / (time.perf_counter() - t0)

    return asyncio.run(go())


def write_sources(base: str, path: Path, pages: int, concurrency: int) -> None:
    """A sources file for the dev site, politeness off."""
    path.write_text(
        f'[[source]]\nname = "dev"\nfeeds = ["{base}/sitemap.xml"]\n'
        f"allow_private_network = true\nmin_delay = 0.0\nconcurrency = {concurrency}\n"
        f"timeout = 30.0\nmax_articles = {pages}\nrespect_robots = false\n",
        encoding="utf-8",
    )


def run_ingest(sources: Path, db: Path, prefect: bool,
               workers: int | None = None) -> tuple[float, float]:
    """Run ``pressroom ingest``; return (seconds, peak RSS in MB)."""
    secs, rss, _err = run_ingest_logged(sources, db, prefect, workers)
    return secs, rss


def run_ingest_logged(sources: Path, db: Path, prefect: bool, workers: int | None = None,
                      stories: bool | None = None) -> tuple[float, float, str]:
    """Run ``pressroom ingest``; return (seconds, peak RSS in MB, its stderr).

    ``stories`` True or False: through :data:`STORIES_SWITCH`, clustering on or off;
    the stderr then ends with the CPU seconds of the process tree.
    """
    cli = ([sys.executable, "-m", "pressroom"] if stories is None else
           [sys.executable, "-c", STORIES_SWITCH, "on" if stories else "off"])
    cmd = [*cli, "ingest", "--sources", str(sources), "--db", str(db)]
    if not prefect:
        cmd.append("--no-prefect")
    if workers is not None:
        cmd += ["--parse-workers", str(workers)]
    with tempfile.TemporaryFile() as log:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=log)
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
        log.seek(0)
        err = log.read().decode(errors="replace")
    if stories is not None:  # the ingest and its reaped parse workers
        err += f"\ntree-cpu-s {usage.ru_utime + usage.ru_stime:.3f}\n"
    if status != 0:
        raise SystemExit(f"ingest failed: {err[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, err


def workers_run(sources: Path, db: Path, pages: int, workers: int,
                site_pid: int) -> dict[str, object]:
    """One no-Prefect ingest with ``workers`` parse workers: rate, memory, load around it,
    and the CPU the bench site (``site_pid``, on the same cores) spent serving it."""
    load_before = os.getloadavg()
    site_before = process_cpu(site_pid)
    secs, rss, err = run_ingest_logged(sources, db, prefect=False, workers=workers)
    site_cpu = process_cpu(site_pid) - site_before
    memory = [ln for ln in err.splitlines() if ln.startswith("parse workers:")]
    return {"workers": workers, "pages": pages, "stored": stored(db), "seconds": round(secs, 1),
            "pps": round(pages / secs, 1), "peak_rss_mb_main_or_largest": round(rss),
            "worker_memory": memory[-1] if memory else None,
            # Reported only: the ratio is not corrected for it.
            "site_cpu_s": round(site_cpu, 2), "site_ms_per_page": round(1000 * site_cpu / pages, 2),
            "load_before": [round(x, 2) for x in load_before],
            "load_after": [round(x, 2) for x in os.getloadavg()]}


def last_run_requests(db: Path) -> tuple[int, int]:
    """(requests, article requests) of the newest run in fetch_log."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE url LIKE '%/p/%') FROM fetch_log "
            "WHERE run_id = (SELECT max(run_id) FROM runs)"
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0]), int(row[1])


def stored(db: Path) -> int:
    """Articles in the warehouse."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT count(*) FROM articles").fetchone()
    finally:
        con.close()
    return int(row[0]) if row else 0


def workers_only(args: argparse.Namespace, sources: Path, tmp: Path,
                 site_pid: int) -> dict[str, object]:
    """The issue's ratio: ingest with N workers against N x the single-core parse rate.

    The single-core rate is :mod:`bench.parse_core`'s (a fresh spawned worker, warmed
    up, every dev page once, wall clock), one round before the first ingest and one
    after each, ``--ingest-repeats`` ingests; the ratio divides the median ingest by
    the median round. The old figure (``parse_rate``: the first ``--parse-sample``
    pages, cold, in this process) is taken beside each round and reported only.
    """
    from bench.parse_core import median_pps, one_round

    out: dict[str, object] = {}
    rounds: list[dict[str, float]] = []
    sample: list[float] = []

    def parse_round() -> None:
        sample.append(round(parse_rate(args.parse_sample), 1))
        rounds.append(one_round())
        print(json.dumps({"parse_round": rounds[-1], "parse_sample_pps": sample[-1]}),
              file=sys.stderr, flush=True)

    parse_round()
    if not args.skip_one_worker:
        out["ingest_1_worker"] = workers_run(sources, tmp / "one.duckdb", args.pages, 1,
                                             site_pid)
        parse_round()
    many = []
    for r in range(args.ingest_repeats):
        db = tmp / f"many-{r}.duckdb"
        many.append(workers_run(sources, db, args.pages, args.parse_workers, site_pid))
        print(json.dumps({"ingest": many[-1]}), file=sys.stderr, flush=True)
        for p in tmp.glob(f"many-{r}.*"):
            shutil.rmtree(p) if p.is_dir() else p.unlink()
        parse_round()
    single = median_pps(rounds)
    ingest = round(statistics.median(float(m["pps"]) for m in many), 1)  # type: ignore[arg-type]
    out.update(parse_core_rounds=rounds, parse_core_pps=single,
               parse_core_cpu_pps=median_pps(rounds, "cpu_pps"),
               parse_sample_pps=sample, parse_sample_median=round(statistics.median(sample), 1),
               ingest_n_workers=many if len(many) > 1 else many[0],
               ingest_n_workers_median_pps=ingest)
    if not args.skip_one_worker:
        one = out["ingest_1_worker"]
        assert isinstance(one, dict)
        out["n_vs_1"] = round(ingest / float(one["pps"]), 3)
    # The ratio (target >= 0.8), against the target, and per ingest against
    # the mean of the two rounds around it; then the old denominator, for comparison.
    workers = args.parse_workers
    out["n_vs_cores_x_parse"] = round(ingest / (workers * single), 3)
    out["n_vs_target"] = round(ingest / (0.8 * workers * single), 3)
    first = len(rounds) - len(many) - 1
    out["per_ingest_vs_cores_x_parse"] = [
        round(float(m["pps"]) / (workers * (rounds[first + k]["pps"]  # type: ignore[arg-type]
                                            + rounds[first + k + 1]["pps"]) / 2), 3)
        for k, m in enumerate(many)]
    out["n_vs_cores_x_parse_sample"] = round(
        ingest / (workers * statistics.median(sample)), 3)
    return out


def main() -> None:
    """Run every measurement and print a JSON summary plus a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--parse-sample", type=int, default=711)
    parser.add_argument("--no-prefect-run", action="store_true",
                        help="skip the Prefect flow run (saves one full ingest)")
    parser.add_argument("--parse-workers", type=int, default=usable_cpus(),
                        help="parse workers of the main ingest (default: one per CPU); "
                             "1 worker is measured beside it")
    parser.add_argument("--workers-only", action="store_true",
                        help="only parse-only, then ingest with 1 and with N workers")
    parser.add_argument("--skip-one-worker", action="store_true",
                        help="with --workers-only: no 1-worker run (the target's ratio needs "
                             "only the N-worker run; halves the time)")
    parser.add_argument("--ingest-repeats", type=int, default=1, metavar="K",
                        help="with --workers-only: K ingests with N workers, a single-core "
                             "parse round before the first and after each (medians)")
    parser.add_argument("--stories-ab", type=int, default=0, metavar="R",
                        help="only ingest with story clustering on and off, alternating, "
                             "R times each (medians and ratio)")
    args = parser.parse_args()
    n = args.pages
    results: dict[str, object] = {"pages": n, "cores": os.cpu_count()}
    site, base = start_site(n)
    try:
        with tempfile.TemporaryDirectory() as tmp_dir:
            tmp = Path(tmp_dir)
            if args.stories_ab:
                sources = tmp / "dev.toml"
                write_sources(base, sources, n, args.concurrency)
                results["load_before"] = [round(x, 2) for x in os.getloadavg()]
                results["stories_ab"] = stories_ab(sources, tmp, n, args.stories_ab,
                                                   args.parse_workers)
                results["load_after"] = [round(x, 2) for x in os.getloadavg()]
                print(json.dumps(results, indent=2))
                return
            if args.workers_only:
                sources = tmp / "dev.toml"
                write_sources(base, sources, n, args.concurrency)
                results.update(workers_only(args, sources, tmp, site.pid))
                print(json.dumps(results, indent=2))
                return
            results["parse_only_pps"] = round(parse_rate(args.parse_sample), 1)
            results["load_after_parse_only"] = [round(x, 2) for x in os.getloadavg()]
            results["fetch_only_pps"] = round(fetch_rate(base, n, args.concurrency), 1)
            sources = tmp / "dev.toml"
            small = tmp / "small.toml"
            write_sources(base, sources, n, args.concurrency)
            write_sources(base, small, max(1, n // 5), args.concurrency)
            secs, rss = run_ingest(small, tmp / "small.duckdb", prefect=False)
            results["ingest_small"] = {"pages": n // 5, "seconds": round(secs, 1),
                                       "pps": round((n // 5) / secs, 1), "peak_rss_mb": round(rss)}
            db = tmp / "plain.duckdb"
            secs, rss = run_ingest(sources, db, prefect=False, workers=args.parse_workers)
            results["ingest"] = {"pages": n, "stored": stored(db), "seconds": round(secs, 1),
                                 "pps": round(n / secs, 1), "peak_rss_mb": round(rss)}
            idle_process, _ = run_ingest(sources, db, prefect=False)
            t0 = time.perf_counter()  # the same pipeline in-process: no start-up at all
            asyncio.run(run_sources(load_sources(sources), db, as_tasks=False))
            idle = time.perf_counter() - t0
            requests, article_requests = last_run_requests(db)
            results["idle_rerun"] = {"pipeline_seconds": round(idle, 2),
                                     "process_seconds": round(idle_process, 2),
                                     "requests": requests, "article_fetches": article_requests}
            if not args.no_prefect_run:
                pdb = tmp / "prefect.duckdb"
                psecs, prss = run_ingest(sources, pdb, prefect=True)
                results["ingest_prefect"] = {"seconds": round(psecs, 1),
                                             "peak_rss_mb": round(prss),
                                             "ratio_to_plain": round(psecs / secs, 3)}
    finally:
        site.kill()
    limit = min(float(results["parse_only_pps"]), float(results["fetch_only_pps"]))  # type: ignore[arg-type]
    ingest = results["ingest"]
    assert isinstance(ingest, dict)
    results["ingest_vs_limit"] = round(float(ingest["pps"]) / limit, 3)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
