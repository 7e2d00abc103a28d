"""Two ``pressroom worker`` hosts share one work pool, one site and one warehouse.

Real parts: a ``prefect server start`` on the bridge address, the press site on
the same address, two worker processes each in its own network namespace (see
tests/hosts/netns.py; plain processes where namespaces cannot be made, said in
the output), and the DuckDB file on the shared filesystem. Each worker host has
its own lock folder, so only the cluster limits (flows/concurrency.py) can keep
the hosts from running one source twice or crowding the shared site.

About three minutes on a loaded two-core machine (mostly Prefect start-ups).
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from tests.hosts.cluster import (
    Process,
    TimedSite,
    base_env,
    flow_states,
    poll,
    start_server,
    trigger,
    worker_argv,
)
from tests.hosts.netns import Hosts
from tests.site import manifest as m
from tests.site.sources import write_sources_toml
from warehouse import open_warehouse

DELAY = 0.6  # min_delay of both sources, which share the site's one host
TOLERANCE = 0.15  # a grant reaches the worker and the request the site with some jitter
POOL = "hosts"
TERMINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}
RUN_DEADLINE = 300.0


@dataclass
class Cluster:
    hosts: Hosts
    api: str
    site: TimedSite
    db: Path
    sources: Path
    tmp: Path


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    tmp = tmp_path_factory.mktemp("hosts")
    with Hosts(2) as hosts:
        print(f"\ntests/hosts: workers run as {hosts.mode}", flush=True)
        server, api = start_server(hosts, tmp)
        site = TimedSite(hosts.server_address)
        try:
            site.start()
            db = tmp / "shared" / "warehouse.duckdb"
            db.parent.mkdir()
            # Only triggered runs: with the default "*/30 * * * *" a test that crossed
            # hh:30 got the deployments' scheduled runs too (CI-like run, stop 24: a
            # third belta run, held at the gate until its robots.txt timed out).
            sources = write_sources_toml(site, tmp / "sources.toml", names=("belta", "fixture"),
                                         min_delay=DELAY, concurrency=2, timeout=120.0,
                                         schedule="0 0 1 1 *")
            sources.write_text(_with_agents(sources.read_text(encoding="utf-8")),
                               encoding="utf-8")
            yield Cluster(hosts, api, site, db, sources, tmp)
        finally:
            server.stop()
            site.stop()


def _pressroom(c: Cluster, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pressroom", *args],
                          env=base_env(c.tmp / "cli-home", c.api), capture_output=True,
                          text=True, timeout=300, check=False)


def agent(source: str) -> str:
    """The User-Agent of ``source`` here: the site tells the runs' requests apart by it."""
    return f"pressroom-hosts-test/{source}"


def _with_agents(text: str) -> str:
    """The sources file with a User-Agent line per source (see :func:`agent`)."""
    blocks = text.split("[[source]]\n")
    out = [blocks[0]]
    for block in blocks[1:]:
        name = block.split('name = "', 1)[1].split('"', 1)[0]
        out.append(f'{block.rstrip()}\nuser_agent = "{agent(name)}"\n')
    return "[[source]]\n".join(out)


def _all_at_the_gate(owners: list[set[str]], held: list[str]) -> bool:
    """True when each running run (the User-Agents of the sources it may own) has a
    request of its own waiting at the gate. Matched one to one: a run whose robots.txt
    request timed out and was sent again, or a run that ended while its request was
    held, must not stand in for a run that has not arrived."""
    if len(held) < len(owners):
        return False
    return any(all(h in agents for h, agents in zip(pick, owners, strict=True))
               for pick in itertools.permutations(held, len(owners)))


def _run_gated(c: Cluster, workers: list[Process],
               runs: list[tuple[str, dict[str, object]]]) -> list[str]:
    """Trigger the runs at once with robots.txt held, so every run that owns a source
    is mid-run at the same moment; then let them finish. Returns their final states."""
    c.site.gate.clear()
    sources = {"ingest/all": {agent("belta"), agent("fixture")},
               "ingest/belta": {agent("belta")}, "ingest/fixture": {agent("fixture")}}
    seen: list[tuple[list[str], list[str]]] = []
    try:
        ids = [trigger(c.api, name, params) for name, params in runs]

        def all_mid_run() -> bool:
            states = flow_states(c.api, ids)
            held = c.site.held
            seen[:] = [(states, held)]
            if any(s not in TERMINAL | {"RUNNING"} for s in states):
                return False
            owners = [sources[name] for (name, _), s in zip(runs, states, strict=True)
                      if s == "RUNNING"]
            return _all_at_the_gate(owners, held)

        try:
            poll(all_mid_run, "every run to start and reach the site", RUN_DEADLINE)
        except AssertionError as exc:
            raise AssertionError(f"{exc}; runs {runs}, states and held agents {seen}\n"
                                 + _logs(workers)) from None
    finally:
        c.site.gate.set()
    poll(lambda: all(s in TERMINAL for s in flow_states(c.api, ids)), "the runs to end",
         RUN_DEADLINE)
    return flow_states(c.api, ids)


def _logs(workers: list[Process]) -> str:
    return "\n".join(f"--- worker{i}:\n{w.output()[-4000:]}" for i, w in enumerate(workers))


@pytest.mark.slow
def test_two_hosts_never_run_a_source_twice_store_once_and_stay_polite(cluster: Cluster) -> None:
    c = cluster
    deployed = _pressroom(c, "deploy", "--pool", POOL, "--sources", str(c.sources),
                          "--db", str(c.db))
    assert deployed.returncode == 0, deployed.stderr
    assert deployed.stdout.split() == ["ingest/belta", "ingest/fixture", "ingest/all", "index/all"]
    locks = c.db.with_name(c.db.name + ".locks")
    locks.mkdir()
    workers = []
    try:
        for i in range(2):
            own = c.tmp / f"host{i}-locks"
            own.mkdir()
            home = c.tmp / f"host{i}-home"
            workers.append(Process(worker_argv(c.hosts, i, POOL, own, locks),
                                   base_env(home, c.api), c.tmp / f"worker{i}.log"))
        poll(lambda: all("polling pool" in w.output() for w in workers)
             or any(w.proc.poll() is not None for w in workers),
             "both workers to start", RUN_DEADLINE)
        assert all(w.proc.poll() is None for w in workers), [w.output() for w in workers]
        assert c.hosts.links_ok()
        # Overlapping work: `all` and `belta` at once, one run per worker (--limit 1).
        first = _run_gated(c, workers, [("ingest/all", {}), ("ingest/belta", {})])
        # Two sources of one site on two hosts at once, every article fetched again.
        second = _run_gated(c, workers, [("ingest/belta", {"refresh": True}),
                                          ("ingest/fixture", {"refresh": True})])
    finally:
        for w in workers:
            w.stop()
    logs = _logs(workers)
    assert first == ["COMPLETED", "COMPLETED"], logs
    assert second == ["COMPLETED", "COMPLETED"], logs
    # Both hosts ran flows (each took one run of each pair).
    assert all("Completed" in w.output() or "completed" in w.output() for w in workers), logs

    con = duckdb.connect(str(c.db), read_only=True)
    try:
        detail = con.execute("SELECT source, started_at, finished_at, run_id, status, host, pid, "
                             "error, held_by FROM runs ORDER BY source, started_at").fetchall()
        counts = dict(con.execute("SELECT source, count(*) FROM articles GROUP BY source")
                      .fetchall())
        doubles = con.execute("SELECT count(*) - count(DISTINCT (source, url)) FROM articles"
                              ).fetchone()
    finally:
        con.close()
    # A run that found a source's cluster lease taken skipped it and says so in a row of its
    # own ('skipped', held_by NULL: the holder is another worker's run). It is not a run of
    # the source. (Whether a skip happens depends on which worker's run starts first.)
    runs = [r[:3] for r in detail if r[4] != "skipped"]
    skipped = [r for r in detail if r[4] == "skipped"]
    # Spelled out in full: pytest cuts a long list's repr, and a CI failure must explain itself.
    table = "\n".join(" | ".join(str(v) for v in r) for r in detail) + "\n" + logs
    # Each source ran exactly once per pair of runs, never overlapping itself.
    by_source: dict[str, list[tuple[datetime, datetime]]] = {}
    for source, started, finished in runs:
        by_source.setdefault(source, []).append((started, finished))
    for source, started, finished, *_rest, held_by in skipped:
        assert started == finished and held_by is None and source in by_source, table
    assert sorted(by_source) == ["belta", "fixture"]
    assert len(by_source["belta"]) == 2 and len(by_source["fixture"]) == 2, table
    for spans in by_source.values():
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end is not None and end <= start, f"one source ran twice at once:\n{table}"
    # Every article stored once ("slow" is stored too: the timeout is 120 s here).
    assert doubles == (0,)
    assert counts == {"belta": len(m.storable("belta")),
                      "fixture": len(m.storable("fixture")) + 1}
    with open_warehouse(c.db, read_only=True) as wh:
        assert wh.integrity_problems() == []
    # The second pair of runs (one source each, one per host) overlapped in time...
    (b_start, b_end), (f_start, f_end) = by_source["belta"][1], by_source["fixture"][1]
    assert b_start < f_end and f_start < b_end, f"the two hosts did not overlap: {runs}"
    # ...and the site's one host saw request starts at least DELAY apart, whichever host sent them.
    times = sorted(t for t, _ in c.site.arrivals)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    print(f"tests/hosts: {len(times)} requests, smallest gap {min(gaps):.3f} s "
          f"(min_delay {DELAY} s)")
    assert min(gaps) >= DELAY - TOLERANCE, sorted(gaps)[:5]


def test_deploy_and_worker_refuse_in_one_line(cluster: Cluster, tmp_path: Path) -> None:
    worker = _pressroom(cluster, "worker", "--pool", "no-such-pool")
    assert worker.returncode == 1
    assert worker.stderr.strip().splitlines() == [
        f"pressroom: error: unknown work pool 'no-such-pool' at {cluster.api}; "
        "create it with `pressroom deploy --pool no-such-pool`"]
    closed = f"http://{cluster.hosts.server_address}:9/api"  # discard port: nothing listens
    deploy = subprocess.run(
        [sys.executable, "-m", "pressroom", "deploy", "--pool", POOL, "--sources",
         str(cluster.sources), "--db", str(tmp_path / "w.duckdb")],
        env=base_env(tmp_path / "home", closed), capture_output=True, text=True, timeout=300,
        check=False)
    assert deploy.returncode == 1
    (line,) = deploy.stderr.strip().splitlines()
    assert line.startswith(
        f"pressroom: error: no Prefect server answers at {closed} (ConnectError)")
    unset = subprocess.run(
        [sys.executable, "-m", "pressroom", "worker", "--pool", POOL],
        env=base_env(tmp_path / "home"), capture_output=True, text=True, timeout=300,
        check=False)
    assert unset.returncode == 1
    assert "PREFECT_API_URL is not set" in unset.stderr
    assert len(unset.stderr.strip().splitlines()) == 1


# Run in a child of its own: Prefect keeps one lease-acquiring service per set of limit
# names for the whole process, bound to the API it first met. In pytest's process that was
# the cluster's server, stopped after this module, and every later test taking the
# "index" step's lease (tests/test_index_step_skipped_k56c.py) met ConnectError from it.
REPO = Path(__file__).resolve().parents[2]
TWO_AT_ONCE = """
import asyncio
from flows.concurrency import cluster_step

async def two_at_once():
    async with cluster_step("index") as first, cluster_step("index") as second:
        pass
    async with cluster_step("index") as after:
        return first, second, after

print(asyncio.run(two_at_once()))
"""


def test_a_cross_source_step_runs_on_one_host_at_a_time(cluster: Cluster) -> None:
    env = base_env(cluster.tmp / "step-home", cluster.api)
    child = subprocess.run([sys.executable, "-c", TWO_AT_ONCE], env=env, cwd=REPO,
                           capture_output=True, text=True, timeout=300)
    assert child.returncode == 0, child.stderr
    assert child.stdout.strip() == "(True, False, True)", child.stderr
