"""Two ``pressroom worker`` hosts write ONE DuckLake: catalog on PostgreSQL over TCP,
Parquet files on the shared filesystem.

Real parts: network namespaces joined by a bridge (tests/hosts/netns.py; plain
processes where they cannot be made, said in the output), a ``prefect server
start`` and a PostgreSQL catalog (tests/hosts/catalog.py: TCP on the bridge
address, password logins, the password only in ``PGPASSWORD``) in the test's
own namespace, generated press sites on the bridge address
(tests/crash/bulk_site.py), two worker hosts each with its own state folder
(spool and source locks), and a third host reading the lake with ``sql``,
``search`` and ``export``. The deployments come from ``pressroom deploy``
reading the sources file's ``[warehouse]`` table.

Several minutes on a loaded two-core machine (Prefect start-ups, and in the
kill test the dead run's source lease running out: flows/concurrency.py).
"""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import psutil
import pytest

from flows.concurrency import source_limit
from flows.pipeline import BATCH_ARTICLES
from tests.crash.bulk_site import BulkSite
from tests.crash.test_lake_kill import _WHOLE
from tests.hosts.catalog import PASSWORD, tcp_catalog
from tests.hosts.cluster import (
    Process,
    api_call,
    base_env,
    flow_states,
    poll,
    start_server,
    trigger,
    worker_argv,
)
from tests.hosts.netns import Hosts
from warehouse import open_warehouse
from warehouse.lake import LakeTarget, parse_target
from warehouse.lake_read import connect_read_only

POOL = "lake-hosts"
NAMES = ("wire0", "wire1", "wire2", "wire3")  # the four sources of test one
ARTICLES = 30  # per source
VICTIM = "victim"  # the source whose host is killed mid-run
VICTIM_ARTICLES = 160
VICTIM_GATE = 130  # article responses served before the site holds the rest
TERMINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}
DEADLINE = 420.0


@dataclass
class LakeCluster:
    hosts: Hosts
    api: str
    lake: str
    data: Path
    target: LakeTarget
    sources: Path
    sites: dict[str, BulkSite]
    tmp: Path
    workers: list[Process] = field(default_factory=list)

    def env(self, home: str, **extra: str) -> dict[str, str]:
        return {**base_env(self.tmp / home, self.api), "PGPASSWORD": PASSWORD, **extra}

    def cli(self, host: int, *args: str) -> subprocess.CompletedProcess[str]:
        """``pressroom ARGS`` on host ``host``."""
        argv = self.hosts.command(host, [sys.executable, "-m", "pressroom", *args])
        return subprocess.run(argv, env=self.env(f"cli{host}-home"), capture_output=True,
                              text=True, timeout=DEADLINE, check=False)

    def logs(self) -> str:
        return "\n".join(f"--- worker{i}:\n{w.output()[-4000:]}"
                         for i, w in enumerate(self.workers))


def _sources_text(lake: str, data: Path, sites: dict[str, BulkSite]) -> str:
    # The warehouse in the sources file: `deploy` reads it from there. Scheduled for
    # 1 January only: with the default hourly schedule, a test that crossed hh:00 would
    # get the deployments' scheduled runs besides its triggered ones (test_workers did).
    head = f'[warehouse]\ndb = "{lake}"\ndata_path = "{data}"\n\n'
    return head + "\n".join(site.sources_toml(name, timeout=120.0, schedule="0 0 1 1 *")
                            for name, site in sites.items())


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LakeCluster]:
    tmp = tmp_path_factory.mktemp("lakehosts")
    with Hosts(3) as hosts, pytest.MonkeyPatch.context() as mp:
        print(f"\ntests/hosts: workers and the reader run as {hosts.mode}", flush=True)
        mp.setenv("PGPASSWORD", PASSWORD)  # this process reads the lake to check it
        with tcp_catalog(hosts.server_address) as catalog:
            print(f"tests/hosts: DuckLake catalog on PostgreSQL at "
                  f"{catalog.address}:{catalog.port} (TCP, password in PGPASSWORD)", flush=True)
            lake = catalog.new_catalog("pressroom")
            data = tmp / "shared" / "lake-data"
            server, api = start_server(hosts, tmp)
            sites = {name: BulkSite(ARTICLES, gate_after=0, host=hosts.server_address,
                                    gate_wait=DEADLINE) for name in NAMES}
            sites[VICTIM] = BulkSite(VICTIM_ARTICLES, gate_after=VICTIM_GATE,
                                     host=hosts.server_address, gate_wait=DEADLINE)
            c = None
            try:
                for site in sites.values():
                    site.__enter__()
                sources = tmp / "sources.toml"
                sources.write_text(_sources_text(lake, data, sites), encoding="utf-8")
                c = LakeCluster(hosts, api, lake, data, parse_target(lake, str(data)),
                                sources, sites, tmp)
                deployed = c.cli(2, "deploy", "--pool", POOL, "--sources", str(sources))
                assert deployed.returncode == 0, deployed.stderr
                assert deployed.stdout.split() == [f"ingest/{n}" for n in (*NAMES, VICTIM)] + [
                    "ingest/all", "index/all"]
                for i in range(2):
                    c.workers.append(Process(
                        worker_argv(hosts, i, POOL, None, data),
                        c.env(f"host{i}-home", PRESSROOM_STATE_DIR=str(tmp / f"host{i}-state")),
                        tmp / f"worker{i}.log"))
                poll(lambda: all("polling pool" in w.output() for w in c.workers)
                     or any(w.proc.poll() is not None for w in c.workers),
                     "both workers to start", DEADLINE)
                assert all(w.proc.poll() is None for w in c.workers), c.logs()
                assert hosts.links_ok()
                yield c
            finally:
                for w in c.workers if c else []:
                    w.stop()
                server.stop()
                for site in sites.values():
                    site.__exit__(None, None, None)


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def _wait_runs(c: LakeCluster, ids: list[str]) -> list[str]:
    poll(lambda: all(s in TERMINAL for s in flow_states(c.api, ids)), "the runs to end",
         DEADLINE)
    return flow_states(c.api, ids)


def _ran_on(c: LakeCluster, run_id: str) -> list[int]:
    """The worker hosts whose log says they took flow run ``run_id``. Both workers may
    log 'submitting' for one run; the one the server refuses then logs 'Aborted'."""
    took = [(f"submitting flow run '{run_id}'" in out
             and f"Aborted submission of flow run '{run_id}'" not in out)
            for out in (w.output() for w in c.workers)]
    return [i for i, ok in enumerate(took) if ok]


def _host_of(c: LakeCluster, pid: int) -> int:
    """The worker host whose process tree holds ``pid`` (a run's, from the runs table)."""
    owners = [i for i, w in enumerate(c.workers)
              if pid in {p.pid for p in psutil.Process(w.proc.pid).children(recursive=True)}]
    assert len(owners) == 1, (pid, owners, c.logs())
    return owners[0]


@pytest.mark.slow
def test_two_hosts_ingest_four_sources_into_one_lake_and_a_third_reads_it(
    cluster: LakeCluster,
) -> None:
    c = cluster
    wires = [c.sites[n] for n in NAMES]
    ids = [trigger(c.api, f"ingest/{name}") for name in NAMES]
    try:
        # Every article request is held until a run from each host is mid-run (each
        # worker takes one run at a time): the two hosts write the lake at once.
        poll(lambda: sum(s.started > 0 for s in wires) >= 2,
             "two runs to reach the sites at once", DEADLINE)
    finally:
        for site in wires:
            site.open_gate()
    states = _wait_runs(c, ids)
    assert states == ["COMPLETED"] * 4, c.logs()
    hosts_used = {i for run in ids for i in _ran_on(c, run)}
    assert hosts_used == {0, 1}, c.logs()
    # The hosts' commits conflicted at times (DuckLake): waited out, never staged.
    assert "staged" not in c.logs(), c.logs()

    con = connect_read_only(c.target)
    try:
        counts = dict(con.execute("SELECT source, count(*) FROM articles GROUP BY source")
                      .fetchall())
        doubles = {
            "articles": _one(con, "SELECT count(*) - count(DISTINCT article_id) FROM articles"),
            "urls": _one(con, "SELECT count(*) - count(DISTINCT url) FROM articles"),
            "pages": _one(con, "SELECT count(*) - count(DISTINCT url) FROM pages "
                               "WHERE kind = 'article'"),
            **{k: _one(con, sql) for k, sql in _WHOLE.items()},
        }
        runs = con.execute("SELECT source, status, new, started_at, finished_at FROM runs "
                           "ORDER BY started_at").fetchall()
        urls = {r[0] for r in con.execute("SELECT url FROM articles").fetchall()}
    finally:
        con.close()
    table = "\n".join(" | ".join(str(v) for v in r) for r in runs)
    assert counts == dict.fromkeys(NAMES, ARTICLES)
    assert doubles == dict.fromkeys(doubles, 0)
    assert urls == {s.url + p for s in wires for p in s.article_paths()}
    # Every run recorded, once, complete; two of them (one per host) overlapped.
    assert sorted((r[0], r[1], r[2]) for r in runs) == [(n, "ok", ARTICLES) for n in NAMES], table
    assert any(a[3] < b[4] and b[3] < a[4] for a in runs for b in runs if a[0] < b[0]), table
    with open_warehouse(c.target, read_only=True) as wh:
        assert wh.integrity_problems() == []
    print(f"tests/hosts: runs in the lake (source | status | new | started | finished):\n{table}")

    # The search index, built by one worker from the lake (`index/all` on the pool).
    (index_run,) = [trigger(c.api, "index/all")]
    assert _wait_runs(c, [index_run]) == ["COMPLETED"], c.logs()
    assert c.data.with_name(c.data.name + ".search.duckdb").is_file()

    # A third host reads it all: sql, search, export.
    on_lake = ["--db", c.lake, "--data-path", str(c.data)]
    sql = c.cli(2, "sql", "SELECT source, count(*) AS n FROM articles GROUP BY source "
                "ORDER BY source", *on_lake, "--format", "csv")
    assert sql.returncode == 0, sql.stderr
    assert sql.stdout.split() == ["source,n", *(f"{n},{ARTICLES}" for n in NAMES)]
    search = c.cli(2, "search", "regional cooperation", *on_lake, "--format", "json",
                   "--limit", "1000")
    assert search.returncode == 0, search.stderr
    hits = json.loads(search.stdout)
    assert sorted(h["url"] for h in hits) == sorted(urls)  # every article's text, once
    out = c.tmp / "export"
    export = c.cli(2, "export", *on_lake, "--out", str(out), "--format", "jsonl")
    assert export.returncode == 0, export.stderr
    exported = [json.loads(line) for f in sorted(out.rglob("*.jsonl"))
                for line in f.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["url"] for r in exported) == sorted(urls)
    print(f"tests/hosts: third host: sql {sql.stdout.split()[1:]}, search 'regional cooperation' "
          f"{len(hits)} hits, export {export.stdout.strip()}")


def _kill_host(worker: Process) -> int:
    """SIGKILL a worker and every process under it (its flow run, parse workers): the
    host is lost. Returns how many processes were killed."""
    root = psutil.Process(worker.proc.pid)
    doomed = [root, *root.children(recursive=True)]
    for proc in doomed:
        with contextlib.suppress(psutil.NoSuchProcess):  # ended meanwhile
            proc.send_signal(signal.SIGKILL)
    psutil.wait_procs(doomed, timeout=30)
    worker.proc.wait(timeout=30)
    return len(doomed)


@pytest.mark.slow
def test_a_worker_host_killed_mid_run_loses_and_doubles_nothing(cluster: LakeCluster) -> None:
    c = cluster
    site = c.sites[VICTIM]
    trigger(c.api, f"ingest/{VICTIM}")
    count = f"SELECT count(*) FROM articles WHERE source = '{VICTIM}'"
    assert site.wait_served(VICTIM_GATE, timeout=DEADLINE), c.logs()
    reader = connect_read_only(c.target)
    try:
        # The first batch commits once parsed; the rest are held at the site.
        poll(lambda: _one(reader, count) >= BATCH_ARTICLES, "the first batch in the lake",
             DEADLINE)
        pid = _one(reader, f"SELECT pid FROM runs WHERE source = '{VICTIM}' "
                           "AND status = 'running'")
    finally:
        reader.close()
    # The run's own row names its process; the worker log's "submitting" line was
    # not always found under load (both runs of this test failed so, 2026-12-02).
    host = _host_of(c, pid)
    killed = _kill_host(c.workers[host])
    print(f"tests/hosts: killed worker host{host} mid-run ({killed} processes, SIGKILL) "
          f"after {site.served} of {VICTIM_ARTICLES} articles were served")

    con = connect_read_only(c.target)
    try:
        # Whole batches only: the committed one; nothing of the half-gathered next.
        assert _one(con, count) == BATCH_ARTICLES
        assert {k: _one(con, sql) for k, sql in _WHOLE.items()} == dict.fromkeys(_WHOLE, 0)
        assert _one(con, f"SELECT count(*) FROM runs WHERE source = '{VICTIM}' "
                         "AND status = 'running'") == 1
    finally:
        con.close()
    site.open_gate()

    # The dead run's hold on the source lapses with its lease (flows/concurrency.py);
    # until then a run elsewhere would skip the source. Then the next run completes it,
    # on the surviving host (the killed run's deployment slot is held as long).
    limit = source_limit(VICTIM)
    poll(lambda: api_call("GET", f"{c.api}/v2/concurrency_limits/{limit}")["active_slots"] == 0,
         "the killed run's source lease to run out", DEADLINE)
    again = trigger(c.api, "ingest/all", {"source_names": [VICTIM]})
    assert _wait_runs(c, [again]) == ["COMPLETED"], c.logs()
    assert c.workers[host].proc.poll() is not None  # so the surviving host ran it

    con = connect_read_only(c.target)
    try:
        urls = [r[0] for r in con.execute(f"SELECT url FROM articles WHERE source = '{VICTIM}'")
                .fetchall()]
        whole = {k: _one(con, sql) for k, sql in _WHOLE.items()}
        versions = _one(con, "SELECT count(*) FROM article_versions v JOIN article_state s "
                             f"USING (article_id) WHERE s.source = '{VICTIM}'")
        runs = con.execute(f"SELECT status, new FROM runs WHERE source = '{VICTIM}' "
                           "ORDER BY started_at").fetchall()
        others = _one(con, f"SELECT count(*) FROM articles WHERE source <> '{VICTIM}'")
    finally:
        con.close()
    assert len(urls) == VICTIM_ARTICLES
    assert set(urls) == {site.url + p for p in site.article_paths()}  # none lost, none twice
    assert versions == VICTIM_ARTICLES
    assert whole == dict.fromkeys(_WHOLE, 0)
    # The killed run is marked crashed by the next one, which stored the rest.
    assert runs == [("crashed", 0), ("ok", VICTIM_ARTICLES - BATCH_ARTICLES)]
    assert others == len(NAMES) * ARTICLES
    print(f"tests/hosts: after the next run: {len(urls)} of {VICTIM_ARTICLES} articles, "
          f"each once; runs {runs}")
