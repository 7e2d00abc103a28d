"""Soak: many scheduled-style ingest runs in one process, resources recorded per run.

    uv run python bench/soak.py --runs 100 [--quiet-runs 20] [--new-per-run 3]
    uv run python bench/soak.py --runs 20 --prefect      # real flow runs, one Prefect server
    uv run python bench/soak.py --runs 120 --quiet-runs 0 --same-pages   # the warehouse's trend

Issue 15 asks that a process running every 15 minutes for months stays flat.
A loopback site (its own process, so its threads and sockets are not counted)
serves an RSS feed of the newest 60 articles (WCXB dev pages under distinct
URLs, with an ETag so an unchanged feed is a 304). Run 1 stores the first 60;
the next ``--quiet-runs`` find nothing new; every later run finds
``--new-per-run`` new articles. After each run the benchmark records its
wall and CPU seconds (CPU: this process and its ended children, so a run that
does more work shows it whatever the load) and this process's RSS, open file
descriptors, OS threads and live child processes.

Without ``--prefect`` each run is ``run_sources(as_tasks=False)`` (the
``--no-prefect`` path); with it, each run is a real ``ingest_flow`` run against
one Prefect server started once (flows/serve.py's ``local_prefect_server``),
called in this process as a scheduler would. Data: WCXB, CC-BY-4.0.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FEED_ITEMS = 60


def serve_site(port_file: Path, same_pages: bool = False) -> None:
    """The soak site (run in a child process): ``/feed.xml``, ``/p/<i>/``, ``/grow?n=``.

    ``same_pages``: article ``i`` is dev page ``i % 3`` with a line naming ``i``, so
    every run parses and stores the same work and a trend is the warehouse's.
    """
    from bench.devsite import load_pages

    pages = load_pages()
    state = {"count": FEED_ITEMS}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            count = state["count"]
            ctype, etag = "text/html; charset=utf-8", None
            if self.path.startswith("/grow?n="):
                state["count"] = count + int(self.path.split("=", 1)[1])
                body = str(state["count"]).encode()
            elif self.path == "/feed.xml":
                host = self.headers.get("Host", "127.0.0.1")
                items = "".join(f"<item><title>Story {i}</title><link>http://{host}/p/{i}/</link>"
                                "</item>" for i in range(count - 1, count - FEED_ITEMS - 1, -1))
                body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>soak</title>'
                        f"{items}</channel></rss>").encode()
                ctype, etag = "application/rss+xml", f'"feed-{count}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            elif self.path.startswith("/p/") and self.path[3:].strip("/").isdigit():
                i = int(self.path[3:].strip("/"))
                body = pages[i % len(pages)]
                if same_pages:
                    body = pages[i % 3].replace(b"</body>", f"<p>Item {i}.</p></body>".encode(), 1)
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_file.write_text(str(server.server_address[1]), encoding="utf-8")
    server.serve_forever()


def resources(exclude: set[int]) -> dict[str, int]:
    """RSS (MB), open fds, OS threads and live child processes of this process."""
    status = Path("/proc/self/status").read_text(encoding="utf-8").splitlines()
    fields = {k: v.split()[0] for k, _, v in (line.partition(":") for line in status)
              if v.strip()}
    me = str(os.getpid())
    children = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) not in exclude:
            try:
                stat = (entry / "stat").read_text(encoding="utf-8")
            except OSError:
                continue
            if stat.rsplit(")", 1)[1].split()[1] == me:  # field 4: ppid
                children += 1
    return {"rss_mb": int(fields["VmRSS"]) // 1024, "fds": len(os.listdir("/proc/self/fd")),
            "threads": int(fields["Threads"]), "children": children}


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and its children that have ended
    (each run's parse workers): unlike wall time, it does not grow with the load."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def main_cpu_seconds() -> float:
    """CPU time of this process alone (the ingest side: fetching, writing, clustering)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    return me.ru_utime + me.ru_stime


def warehouse_shape(db: Path) -> dict[str, object]:
    """The warehouse file's size, its largest table's row groups (the growth
    warehouse/compaction.py bounds) and those of each table with more than one."""
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        counts = {t: int((con.execute("SELECT count(DISTINCT row_group_id) FROM "
                                      "pragma_storage_info(?)", [t]).fetchone() or (0,))[0])
                  for t in tables}
    return {"file_mb": round(db.stat().st_size / 2**20, 1),
            "row_groups": max(counts.values(), default=0),
            "groups": {t: n for t, n in sorted(counts.items()) if n > 1}}


def main() -> None:
    """Run the soak and print one JSON line per run plus a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--quiet-runs", type=int, default=20)
    parser.add_argument("--new-per-run", type=int, default=3)
    parser.add_argument("--every", type=int, default=10, help="table row every N runs")
    parser.add_argument("--prefect", action="store_true", help="real Prefect flow runs")
    parser.add_argument("--same-pages", action="store_true",
                        help="every run's new articles are the same three pages, made unique")
    args = parser.parse_args()

    import httpx

    from flows.config import load_sources
    from flows.run import run_sources

    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        port_file = tmp / "port"
        site = subprocess.Popen([sys.executable, __file__, "--serve", str(port_file),
                                 *(["same"] if args.same_pages else [])])
        stack.callback(site.kill)
        while not port_file.exists() or not port_file.read_text(encoding="utf-8"):
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port_file.read_text(encoding='utf-8')}"
        toml = tmp / "soak.toml"
        toml.write_text(f'[[source]]\nname = "soak"\nfeeds = ["{base}/feed.xml"]\n'
                        "allow_private_network = true\nmin_delay = 0.0\nrespect_robots = false\n"
                        "timeout = 30.0\n", encoding="utf-8")
        db = tmp / "soak.duckdb"
        exclude = {site.pid}
        run_flow = None
        if args.prefect:
            from flows.serve import local_prefect_server

            url = stack.enter_context(local_prefect_server())
            from prefect.settings import PREFECT_API_URL, temporary_settings

            stack.enter_context(temporary_settings(updates={PREFECT_API_URL: url}))
            from flows.ingest import ingest_flow

            run_flow = ingest_flow
            exclude |= {int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()}
        rows = []
        for n in range(1, args.runs + 1):
            if n > args.quiet_runs + 1:
                httpx.get(f"{base}/grow?n={args.new_per_run}").raise_for_status()
            t0, cpu0, main0 = time.perf_counter(), cpu_seconds(), main_cpu_seconds()
            if run_flow is not None:
                result = asyncio.run(run_flow(str(toml), str(db)))
                if not isinstance(result, list):
                    raise SystemExit(f"flow run ended {result.name}: {result.message}")
                new = sum(int(str(r["new"])) for r in result)
            else:
                _, reports = asyncio.run(run_sources(load_sources(toml), db, as_tasks=False))
                new = sum(r.counts.new for r in reports)
            row = {"run": n, "new": new, "seconds": round(time.perf_counter() - t0, 2),
                   "cpu_s": round(cpu_seconds() - cpu0, 2),
                   "main_cpu_s": round(main_cpu_seconds() - main0, 2), **warehouse_shape(db),
                   **resources(exclude)}
            print(json.dumps(row), flush=True)
            rows.append(row)
    print(f"\nload average after: {os.getloadavg()[0]:.2f}, {os.getloadavg()[1]:.2f}, "
          f"{os.getloadavg()[2]:.2f}")
    print("\n| run | new | s | CPU s | ingest CPU s | file MB | row groups | RSS MB | fds "
          "| threads | children |\n|---|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        if row["run"] in (1, 2, 3) or row["run"] % args.every == 0:
            print(f"| {row['run']} | {row['new']} | {row['seconds']} | {row['cpu_s']} | "
                  f"{row['main_cpu_s']} | {row['file_mb']} | {row['row_groups']} | "
                  f"{row['rss_mb']} | {row['fds']} | {row['threads']} | {row['children']} |")


if __name__ == "__main__":
    if len(sys.argv) in (3, 4) and sys.argv[1] == "--serve":
        serve_site(Path(sys.argv[2]), same_pages=len(sys.argv) == 4)
    else:
        main()
