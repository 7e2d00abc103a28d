"""Ingest with N parse workers, an older checkout against this one, alternating.

    uv run python bench/pipeline_ab.py --old /tmp/old-w15 --pages 2000 --repeats 3

Both run ``pressroom ingest --no-prefect --parse-workers N`` on the same loopback
copy of the WCXB dev pages (bench/devsite.py), each from its own checkout and
virtualenv, through bench/cpu_split.py: wall time, the process tree's CPU (the
ingest and its reaped parse workers, from ``wait4``) and the ingest process's own
CPU by thread. Each repeat measures the single-core parse-only rate (this
checkout's, bench/parse_core.py: a fresh worker over every dev page; the old
figure, ``--parse-sample`` pages in this process, is reported beside it) before
the pair, then runs the two in turn, the order swapped every repeat. Printed: every run, the medians
per checkout, the new/old throughput ratio per repeat, and each run against the
"All cores" target (ingest >= 0.8 x N x the parse-only rate measured beside it).
The CPU per page is the figure the other load on a shared machine moves least.
Data: WCXB (Murrough Foley, 2026), CC-BY-4.0.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.parse_core import one_round
from bench.pipeline import parse_rate, process_cpu, start_site, stored, write_sources

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


def one_run(checkout: Path, sources: Path, db: Path, pages: int, workers: int,
            site_pid: int) -> dict[str, object]:
    """One ingest from ``checkout``: rate, CPU split, peak RSS, load around it, and the
    bench site's CPU (``site_pid``) while it ran."""
    cmd = [str(checkout / ".venv" / "bin" / "python"), str(ROOT / "bench" / "cpu_split.py"),
           "--root", str(checkout), "ingest", "--sources", str(sources), "--db", str(db),
           "--no-prefect", "--parse-workers", str(workers)]
    load_before = os.getloadavg()
    site_before = process_cpu(site_pid)
    with tempfile.TemporaryFile() as log:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=checkout, env=ENV, stdout=subprocess.DEVNULL,
                                stderr=log)
        _pid, status, usage = os.wait4(proc.pid, 0)
        secs = time.perf_counter() - t0
        site_cpu = process_cpu(site_pid) - site_before
        log.seek(0)
        err = log.read().decode(errors="replace")
    if status != 0:
        raise SystemExit(f"ingest from {checkout} failed: {err[-2000:]}")
    main = json.loads(err.split("main-cpu ")[-1].splitlines()[0])
    tree = usage.ru_utime + usage.ru_stime
    return {"checkout": str(checkout), "stored": stored(db), "seconds": round(secs, 1),
            "pps": round(pages / secs, 2), "tree_cpu_s": round(tree, 2),
            "main_cpu_s": main["total_s"], "workers_cpu_s": round(tree - main["total_s"], 2),
            "main_ms_per_page": round(1000 * main["total_s"] / pages, 2),
            "tree_ms_per_page": round(1000 * tree / pages, 2),
            "site_ms_per_page": round(1000 * site_cpu / pages, 2),
            "main_threads_s": main["threads_s"], "main_gc": main.get("gc"),
            "peak_rss_mb_largest": round(usage.ru_maxrss / 1024),
            "load_before": [round(x, 2) for x in load_before],
            "load_after": [round(x, 2) for x in os.getloadavg()]}


def median(runs: list[dict[str, object]], key: str) -> float:
    """Median of one numeric field over ``runs``."""
    return round(statistics.median(float(r[key]) for r in runs), 2)  # type: ignore[arg-type]


def main() -> None:
    """Alternate the two checkouts ``--repeats`` times; print every run and the medians."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--old", type=Path, required=True, help="the older checkout")
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--parse-workers", type=int, default=2)
    parser.add_argument("--parse-sample", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    n, workers = args.pages, args.parse_workers
    arms = {"old": args.old.resolve(), "new": ROOT}
    runs: dict[str, list[dict[str, object]]] = {"old": [], "new": []}
    site, base = start_site(n)
    try:
        with tempfile.TemporaryDirectory() as tmp_dir:
            tmp = Path(tmp_dir)
            sources = tmp / "dev.toml"
            write_sources(base, sources, n, args.concurrency)
            for r in range(args.repeats):
                sample = parse_rate(args.parse_sample)  # the old figure, reported only
                single = float(one_round()["pps"])  # bench/parse_core.py's single-core rate
                order = ("old", "new") if r % 2 == 0 else ("new", "old")
                for arm in order:
                    db = tmp / f"{arm}-{r}.duckdb"
                    run = one_run(arms[arm], sources, db, n, workers, site.pid)
                    run.update(repeat=r, parse_only_pps=round(single, 2),
                               parse_sample_pps=round(sample, 2),
                               vs_cores_x_parse=round(float(run["pps"])  # type: ignore[arg-type]
                                                      / (workers * single), 3))
                    runs[arm].append(run)
                    print(json.dumps({arm: run}), file=sys.stderr)
                    for p in tmp.glob(f"{arm}-{r}.*"):
                        shutil.rmtree(p) if p.is_dir() else p.unlink()
    finally:
        site.kill()
    summary: dict[str, object] = {"pages": n, "parse_workers": workers, "runs": runs}
    for arm in ("old", "new"):
        summary[f"median_{arm}"] = {k: median(runs[arm], k) for k in (
            "pps", "parse_only_pps", "vs_cores_x_parse", "main_ms_per_page",
            "tree_ms_per_page", "site_ms_per_page", "seconds")}
    summary["new_vs_old_pps_per_repeat"] = [
        round(float(b["pps"]) / float(a["pps"]), 3)  # type: ignore[arg-type]
        for a, b in zip(runs["old"], runs["new"], strict=True)]
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
