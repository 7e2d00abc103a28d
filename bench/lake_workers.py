"""Two pinned Prefect workers against one, writing one DuckLake (issue 18).

    uv run python bench/lake_workers.py --pages 4000 --sources 8 --repeats 1

Target: two workers, each pinned to one core, ingest at >= 1.7x the rate of one
worker on one core, into one lake. The WCXB dev pages on a loopback site
(bench/devsite.py, its own process), split into ``--sources`` contiguous slices,
one sitemap and one source each (CPU-bound: parsing dominates). A throwaway
PostgreSQL (pgserver, Unix socket) holds each lake's catalog, the data goes to a
local folder, a real ``prefect server start`` runs the pool, and ``pressroom
deploy --pool`` registers one deployment per source. Each arm gets a fresh lake
(a new catalog database, a new data folder, deployed again) and fresh workers:
``pressroom worker --limit 1`` under ``taskset -c 0`` (one worker) or ``taskset
-c 0`` and ``taskset -c 1`` (two). Every source deployment is triggered once, so
no source runs twice (each also holds its cluster limit); a worker's flow runs
and their parse workers inherit its CPU (one parse worker each, from
``sched_getaffinity``), which the bench checks while they run.

Rate = articles stored / seconds from the first run's ``started_at`` to the last
run's ``finished_at`` in the lake's ``runs`` table (a run's own start-up, ~8 s of
Prefect, is outside its row: the first run's is not counted, later ones' are).
Arms alternate one, two, two, one, ... Every page must be fetched and stored
exactly once, the same count in every arm. The site, PostgreSQL and the Prefect
server are NOT pinned (on a 2-core machine they share the workers' cores); their
CPU seconds over each arm are printed beside the workers'. The single-core parse
rate (``extract`` alone, pinned to CPU 0) is printed for context.
Data: WCXB (Murrough Foley, 2026), CC-BY-4.0.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hosts.cluster import Process, api_call, base_env, poll, start_server, trigger
from tests.hosts.netns import Hosts
from tests.lakepg import Postgres, running_postgres

ROOT = Path(__file__).resolve().parents[1]
POOL = "bench-lake-workers"
TERMINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}
SCHEDULE = "0 0 1 1 *"
SUBMITTED = re.compile(r"submitting flow run '([0-9a-f-]+)'")
START_DEADLINE = 240.0  # a worker's start-up on a loaded machine
PARSE_RATE = ("import json, sys\nfrom bench.pipeline import parse_rate\n"
              "print(json.dumps(parse_rate(int(sys.argv[1]))))\n")


def note(text: str) -> None:
    """A progress line on stderr, with the UTC time and the load."""
    print(f"{time.strftime('%H:%M:%S', time.gmtime())} load {os.getloadavg()[0]:.1f}: {text}",
          file=sys.stderr, flush=True)


def tree_cpu(pid: int) -> float:
    """CPU seconds of ``pid`` and its live descendants, plus every descendant they
    reaped (``children_*``): sampled before and after an arm, the difference is the
    tree's CPU in between, processes that came and went included."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for proc in procs:
        try:
            t = proc.cpu_times()
        except psutil.NoSuchProcess:
            continue  # exited meanwhile: its parent's children_* take it over
        total += t.user + t.system + t.children_user + t.children_system
    return total


def sources_text(base: str, lake: str, data: Path, pages: int, parts: int,
                 concurrency: int) -> str:
    """The sources file of one arm: its lake in ``[warehouse]``, one source per slice."""
    head = f'[warehouse]\ndb = "{lake}"\ndata_path = "{data}"\n'
    per = [(k + 1) * pages // parts - k * pages // parts for k in range(parts)]
    # A yearly cron: the hourly default made the server schedule runs (with the lake
    # of the arm that deployed them) that came due in the next arm.
    return head + "".join(
        f'\n[[source]]\nname = "dev{k}"\nfeeds = ["{base}/sitemap/{k}.xml"]\n'
        f'schedule = "{SCHEDULE}"\n'
        f"allow_private_network = true\nmin_delay = 0.0\nconcurrency = {concurrency}\n"
        f"timeout = 60.0\nmax_articles = {per[k]}\nrespect_robots = false\n"
        for k in range(parts))


def pinned_parse_rate(sample: int) -> float:
    """Pages/s of ``extract`` alone in a process pinned to CPU 0."""
    out = subprocess.run(["taskset", "-c", "0", sys.executable, "-c", PARSE_RATE, str(sample)],
                         cwd=ROOT, capture_output=True, text=True, check=True, timeout=1200)
    return float(json.loads(out.stdout.strip().splitlines()[-1]))


def postmaster_pid(pg: Postgres) -> int:
    return int((Path(pg.server.pgdata) / "postmaster.pid").read_text().split()[0])


def run_states(api: str, ids: list[str]) -> dict[str, str]:
    """State type of each flow run, in one call."""
    found = api_call("POST", f"{api}/flow_runs/filter",
                     {"flow_runs": {"id": {"any_": ids}}, "limit": len(ids)})
    return {str(r["id"]): str(r["state"]["type"]) for r in found}


def check_lake(lake: str, data: Path, pages: int, parts: int,
               triggered: float) -> dict[str, Any]:
    """Read the arm's lake: the run window, and every page fetched and stored once."""
    from warehouse.lake import parse_target
    from warehouse.lake_read import connect_read_only

    con = connect_read_only(parse_target(lake, str(data)))
    try:
        def one(sql: str) -> Any:
            row = con.execute(sql).fetchone()
            assert row is not None
            return row[0]

        runs = con.execute("SELECT source, status, new, pid, started_at, finished_at FROM runs "
                           "ORDER BY started_at").fetchall()
        stored = int(one("SELECT count(*) FROM articles"))
        facts = {
            "distinct_urls": int(one("SELECT count(DISTINCT url) FROM articles")),
            "distinct_ids": int(one("SELECT count(DISTINCT article_id) FROM articles")),
            "article_pages": int(one("SELECT count(*) FROM pages WHERE kind = 'article'")),
            "article_page_urls": int(one("SELECT count(DISTINCT url) FROM pages "
                                         "WHERE kind = 'article'")),
        }
    finally:
        con.close()
    problems = []
    if sorted(r[0] for r in runs) != sorted(f"dev{k}" for k in range(parts)):
        problems.append(f"runs per source: {sorted(r[0] for r in runs)}")
    if any(r[1] != "ok" or r[5] is None for r in runs):
        problems.append(f"run statuses: {[(r[0], r[1]) for r in runs]}")
    if facts["distinct_urls"] != stored or facts["distinct_ids"] != stored:
        problems.append(f"an article stored twice: {stored} rows, {facts}")
    if facts["article_pages"] != pages or facts["article_page_urls"] != pages:
        problems.append(f"pages fetched: {facts}, expected {pages} once each")
    if sum(int(r[2]) for r in runs) != stored:
        problems.append(f"runs' new {sum(int(r[2]) for r in runs)} != stored {stored}")
    if problems:
        raise SystemExit(f"lake {lake}: " + "; ".join(problems))
    if not runs:
        raise SystemExit(f"lake {lake}: no runs")
    started = min(r[4] for r in runs)
    finished = max(r[5] for r in runs)
    return {"stored": stored, "seconds": round((finished - started).total_seconds(), 2),
            # From the trigger: every run's start-up counted, the first ones' too.
            "seconds_from_trigger": round(finished.timestamp() - triggered, 2),
            "runs": [{"source": r[0], "pid": r[3], "new": r[2],
                      "start_s": round((r[4] - started).total_seconds(), 1),
                      "end_s": round((r[5] - started).total_seconds(), 1)} for r in runs]}


class Bench:
    """The services, started once; :meth:`arm` measures one arm into a fresh lake."""

    def __init__(self, args: argparse.Namespace, tmp: Path, base: str, site_pid: int,
                 pg: Postgres, server: Process, api: str) -> None:
        self.args, self.tmp, self.base, self.pg = args, tmp, base, pg
        self.server, self.api = server, api
        self.services = {"site": site_pid, "postgres": postmaster_pid(pg),
                         "prefect_server": server.proc.pid}

    def env(self, home: str, **extra: str) -> dict[str, str]:
        return {**base_env(self.tmp / home, self.api), **extra}

    def arm(self, cores: tuple[str, ...], r: int) -> dict[str, Any]:
        a, tag = self.args, f"{len(cores)}w-{r}"
        lake, data = self.pg.new_catalog(), self.tmp / f"lake-{tag}"
        sources = self.tmp / f"sources-{tag}.toml"
        sources.write_text(sources_text(self.base, lake, data, a.pages, a.sources,
                                        a.concurrency), encoding="utf-8")
        deployed = subprocess.run(
            [sys.executable, "-m", "pressroom", "deploy", "--pool", POOL, "--sources",
             str(sources)], env=self.env("cli-home"), cwd=ROOT, capture_output=True,
            text=True, timeout=600, check=False)
        if deployed.returncode != 0:
            raise SystemExit(f"deploy failed: {deployed.stderr[-2000:]}")
        note(f"arm {tag}: deployed; starting {len(cores)} worker(s)")
        workers = [Process(["taskset", "-c", core, sys.executable, "-m", "pressroom", "worker",
                            "--pool", POOL, "--name", f"core{core}", "--limit", "1"],
                           self.env(f"home-{tag}-{core}",
                                    PRESSROOM_STATE_DIR=str(self.tmp / f"state-{tag}-{core}")),
                           self.tmp / f"worker-{tag}-{core}.log") for core in cores]
        try:
            return self._measure(workers, cores, lake, data, tag)
        finally:
            for w in workers:
                w.stop()

    def _measure(self, workers: list[Process], cores: tuple[str, ...], lake: str,
                 data: Path, tag: str) -> dict[str, Any]:
        a = self.args

        def logs() -> str:
            return "\n".join(f"--- {w.log}:\n{w.output()[-3000:]}" for w in workers)

        def started() -> bool:
            if any(w.proc.poll() is not None for w in workers):
                raise SystemExit(f"a worker exited:\n{logs()}")
            return all("polling pool" in w.output() for w in workers)

        poll(started, "the workers to start", START_DEADLINE)
        note(f"arm {tag}: workers polling; triggering {a.sources} runs")
        load_before = os.getloadavg()
        cpu0 = {**{f"worker{c}": tree_cpu(w.proc.pid) for c, w in zip(cores, workers, strict=True)},
                **{k: tree_cpu(pid) for k, pid in self.services.items()}}
        self_cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        triggered = time.time()
        ids = [trigger(self.api, f"ingest/dev{k}") for k in range(a.sources)]
        owner: dict[int, str] = {}  # pid -> the core of the worker whose tree held it
        affinity: dict[str, set[int]] = {c: set() for c in cores}
        most = dict.fromkeys(cores, 0)  # the most processes seen at once in a worker's tree
        deadline = time.monotonic() + a.arm_timeout
        while True:
            for core, w in zip(cores, workers, strict=True):
                try:
                    procs = [psutil.Process(w.proc.pid)]
                    procs += procs[0].children(recursive=True)
                except psutil.NoSuchProcess:
                    raise SystemExit(f"worker on core {core} died:\n{logs()}") from None
                most[core] = max(most[core], len(procs))
                for p in procs:
                    try:
                        affinity[core].update(p.cpu_affinity())
                    except psutil.NoSuchProcess:
                        continue
                    owner[p.pid] = core
            states = run_states(self.api, ids)
            if len(states) == len(ids) and set(states.values()) <= TERMINAL:
                break
            if time.monotonic() > deadline:
                raise SystemExit(f"runs not done after {a.arm_timeout:.0f} s: {states}\n{logs()}")
            time.sleep(2.0)  # the walk over /proc costs CPU the workers' cores share
        cpu1 = {**{f"worker{c}": tree_cpu(w.proc.pid) for c, w in zip(cores, workers, strict=True)},
                **{k: tree_cpu(pid) for k, pid in self.services.items()}}
        self_cpu1 = resource.getrusage(resource.RUSAGE_SELF)
        load_after = os.getloadavg()
        note(f"arm {tag}: runs ended")
        if set(states.values()) != {"COMPLETED"}:
            raise SystemExit(f"flow runs ended {states}\n{logs()}")
        foreign = {m for w in workers for m in SUBMITTED.findall(w.output())} - set(ids)
        if foreign:
            raise SystemExit(f"the workers took runs the bench did not trigger: {foreign}")
        bad = {c: sorted(s) for c, s in affinity.items() if s != {int(c)}}
        if bad:
            raise SystemExit(f"processes of a worker ran outside its core: {bad}")
        lake_facts = check_lake(lake, data, a.pages, a.sources, triggered)
        for run in lake_facts["runs"]:
            run["core"] = owner.get(int(run.pop("pid") or 0), "?")
        cpu = {k: round(cpu1[k] - cpu0[k], 1) for k in cpu0}
        cpu["bench"] = round(self_cpu1.ru_utime + self_cpu1.ru_stime
                             - self_cpu0.ru_utime - self_cpu0.ru_stime, 1)
        return {"arm": tag, "workers": len(cores), "cores": list(cores), **lake_facts,
                "pps": round(lake_facts["stored"] / lake_facts["seconds"], 2),
                "pps_from_trigger": round(lake_facts["stored"]
                                          / lake_facts["seconds_from_trigger"], 2),
                "cpu_s": cpu, "most_processes": most,
                "load_before": [round(x, 2) for x in load_before],
                "load_after": [round(x, 2) for x in load_after]}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pages", type=int, default=4000)
    parser.add_argument("--sources", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=1,
                        help="pairs of arms: one/two, then two/one, ...")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--parse-sample", type=int, default=200)
    parser.add_argument("--arm-timeout", type=float, default=1800.0)
    args = parser.parse_args()
    if len(os.sched_getaffinity(0)) < 2:
        raise SystemExit("needs CPUs 0 and 1")
    began = time.monotonic()
    parse_pps = pinned_parse_rate(args.parse_sample)
    print(json.dumps({"parse_only_pps_cpu0": round(parse_pps, 2),
                      "load": [round(x, 2) for x in os.getloadavg()]}), flush=True)
    note("parse rate measured")
    tmp = Path(tempfile.mkdtemp(prefix="bench-lake-workers-"))
    results: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    site = subprocess.Popen([sys.executable, str(ROOT / "bench" / "devsite.py"), "--pages",
                             str(args.pages), "--sources", str(args.sources)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert site.stdout is not None
        base = site.stdout.readline().strip()
        with running_postgres() as pg:
            # Hosts(0), never entered: plain processes on 127.0.0.1, no namespaces.
            server, api = start_server(Hosts(0), tmp)
            note("site, PostgreSQL and Prefect server up")
            try:
                bench = Bench(args, tmp, base, site.pid, pg, server, api)
                for r in range(args.repeats):
                    for n in ((1, 2) if r % 2 == 0 else (2, 1)):
                        run = bench.arm(("0", "1")[:n], r)
                        results[n].append(run)
                        print(json.dumps(run), flush=True)
            finally:
                server.stop()
    finally:
        site.kill()
        site.wait()
    print(json.dumps(summary(args, results, parse_pps, time.monotonic() - began)), flush=True)


def summary(args: argparse.Namespace, results: dict[int, list[dict[str, Any]]],
            parse_pps: float, elapsed: float) -> dict[str, Any]:
    """Medians, the two/one ratio (target >= 1.7) and the CPU seconds per arm."""
    stored = {run["stored"] for arm in results.values() for run in arm}
    if len(stored) != 1:
        raise SystemExit(f"arms stored different counts: {sorted(stored)}")
    one = statistics.median(run["pps"] for run in results[1])
    two = statistics.median(run["pps"] for run in results[2])
    one_t = statistics.median(run["pps_from_trigger"] for run in results[1])
    two_t = statistics.median(run["pps_from_trigger"] for run in results[2])
    return {
        "pages": args.pages, "sources": args.sources, "repeats": args.repeats,
        "stored_each_arm": stored.pop(),
        "median_pps": {"one_worker": one, "two_workers": two},
        "two_vs_one": round(two / one, 3), "target": 1.7,
        "median_pps_from_trigger": {"one_worker": one_t, "two_workers": two_t},
        "two_vs_one_from_trigger": round(two_t / one_t, 3),
        "per_pair_two_vs_one": [round(b["pps"] / a["pps"], 3)
                                for a, b in zip(results[1], results[2], strict=True)],
        "parse_only_pps_cpu0": round(parse_pps, 2),
        "one_worker_vs_parse_only": round(one / parse_pps, 3),
        "cpu_s": {f"{n}w-{run['arm'].split('-')[1]}": run["cpu_s"]
                  for n, arm in results.items() for run in arm},
        "loads": {run["arm"]: [run["load_before"][0], run["load_after"][0]]
                  for arm in results.values() for run in arm},
        "bench_seconds": round(elapsed, 1),
    }


if __name__ == "__main__":
    main()
