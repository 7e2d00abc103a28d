"""CPU floor of the fixed stack: the least CPU a page each part of an ingest needs.

    uv run python bench/cpu_floor.py --rounds 5 [--parts http ipc write] [--workdir DIR]

Issue 15's "All cores" ratio on 2 saturated cores moves only with the CPU a page
costs outside ``extract()``. Each part is measured alone, the cheapest form the
brief's stack (httpx, a process pool, DuckDB, Python) allows against what the code
does now, alternating round by round (who goes first rotates), medians of
``--rounds`` after a warm-up round, on the 711 dev pages as bench/devsite.py
serves them (median ~120 KB):

- **http**: the client side of a GET over loopback, HTTP/1.1, connections kept,
  8 at a time, from the cheapest server this module can be (an asyncio protocol
  answering pre-built responses, its own process; its CPU is reported apart):
  ``httpx.AsyncClient.get`` alone, then ``flows.fetch.Fetcher.get`` on the run's
  guarded client (the per-host slot, the robots check when on, the bounded
  decoder, the hash, the ``Fetched``). CPU: this process, every thread.
- **ipc**: a page handed to a worker of a spawned ``ProcessPoolExecutor`` (2
  workers, 4 pages in flight, as ``flows.parsepool``) and its Article back, the
  worker doing nothing else (the Article is looked up, parsed beforehand): now
  (``Fetched``, ``SourceConfig``, ``Candidate`` in; Article, story text, pid and
  peak RSS out), the floor (the body and URL in; the Article and story text out),
  and the bare mechanism (nothing in or out). CPU: this process (its pool threads
  included) and the workers (``/proc``).
- **write**: bench/cpu_floor_write.py (a batch of 200 into a file of 10,000).

Prints one JSON line per round and part, then a Markdown table of medians.
Data: WCXB (Murrough Foley, 2026), CC-BY-4.0.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import cpu_floor_write as cw
from bench.devsite import load_pages
from flows.discovery_records import Candidate
from flows.fetch import Fetcher
from flows.http_records import FetchPolicy
from flows.parsepool import _peak_rss_kib, _watch_parent
from flows.runtime import make_client

TICK = os.sysconf("SC_CLK_TCK")
CONCURRENCY = 8  # the pipeline bench's per-host concurrency
IN_FLIGHT = 4  # flows.parsepool: 2 workers x QUEUED_PER_WORKER


# -- the cheapest server ---------------------------------------------------------------

def serve(pages: int) -> None:
    """Answer ``GET /p/<i>/`` with dev page ``i % 711`` in one write, ``/sitemap.xml``
    with pages 0 to ``pages - 1``, anything else 404; until killed."""
    bodies = load_pages()
    ok = [b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
          + str(len(p)).encode() + b"\r\n\r\n" + p for p in bodies]
    missing = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
    other: dict[bytes, bytes] = {}  # the sitemap, once the port is known

    class Site(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            self.t: Any = transport
            self.buf = b""

        def data_received(self, data: bytes) -> None:
            self.buf += data
            while b"\r\n\r\n" in self.buf:
                head, self.buf = self.buf.split(b"\r\n\r\n", 1)
                path = head.split(b" ", 2)[1]
                if path.startswith(b"/p/") and path[3:-1].isdigit():
                    self.t.write(ok[int(path[3:-1]) % len(ok)])
                else:
                    self.t.write(other.get(path, missing))

    async def main() -> None:
        server = await asyncio.get_running_loop().create_server(Site, "127.0.0.1", 0)
        base = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        urls = "".join(f"<url><loc>{base}/p/{i}/</loc></url>" for i in range(pages))
        xml = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
               f'"http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>').encode()
        other[b"/sitemap.xml"] = (b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n"
                                  b"Content-Length: " + str(len(xml)).encode() + b"\r\n\r\n"
                                  + xml)
        print(base, flush=True)
        await server.serve_forever()

    asyncio.run(main())


def proc_cpu(pid: int) -> float:
    """CPU seconds of a running process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


# -- (a) http --------------------------------------------------------------------------

async def http_rounds(base: str, rounds: int, pages: int, server_pid: int) -> list[dict[str, Any]]:
    """Rounds of ``pages`` GETs per arm, the arms alternating."""
    plain = httpx.AsyncClient(trust_env=False, timeout=30)
    guarded = make_client(frozenset({"127.0.0.1"}))
    fetcher = Fetcher(guarded)
    robots_client = make_client(frozenset({"127.0.0.1"}))
    fetcher_robots = Fetcher(robots_client)
    off = FetchPolicy(timeout=30, min_delay=0, concurrency=CONCURRENCY, respect_robots=False)
    on = FetchPolicy(timeout=30, min_delay=0, concurrency=CONCURRENCY, respect_robots=True)

    async def get_plain(url: str) -> None:
        (await plain.get(url)).raise_for_status()

    async def get_ours(url: str) -> None:
        await fetcher.get(url, off)

    async def get_robots(url: str) -> None:
        await fetcher_robots.get(url, on)

    arms: dict[str, Callable[[str], Awaitable[None]]] = {
        "httpx": get_plain, "fetcher": get_ours, "fetcher_robots": get_robots}
    names = list(arms)
    rows: list[dict[str, Any]] = []
    nxt = 0
    for rnd in range(-1, rounds):
        names = [*names[1:], names[0]]
        for name in names:
            limit = asyncio.Semaphore(CONCURRENCY)

            async def one(i: int, get: Callable[[str], Awaitable[None]] = arms[name],
                          limit: asyncio.Semaphore = limit) -> None:
                async with limit:
                    await get(f"{base}/p/{i}/")

            c0, s0 = cw.cpu(), proc_cpu(server_pid)
            await asyncio.gather(*(one(i) for i in range(nxt, nxt + pages)))
            c1, s1 = cw.cpu(), proc_cpu(server_pid)
            nxt += pages
            if rnd >= 0:
                rows.append({"part": "http", "arm": name, "round": rnd, "pages": pages,
                             "cpu_s": c1 - c0, "server_cpu_s": s1 - s0,
                             "load": os.getloadavg()[0]})
    for client in (plain, guarded, robots_client):
        await client.aclose()
    return rows


# -- (b) ipc ---------------------------------------------------------------------------

CACHE_ENV = "PRESSROOM_CPU_FLOOR_CACHE"  # a worker's parsed pages, named at its start


@functools.cache
def _articles(cache: str) -> dict[str, tuple[Any, Any]]:
    """Page number -> (Article, story text), parsed beforehand: the worker parses nothing."""
    return {art.url.rsplit("/p/", 1)[1]: (art, text)
            for _body, art, text in pickle.loads(Path(cache).read_bytes())}


def _worker_init(parent: int, cache: str) -> None:
    _watch_parent(parent)
    os.environ[CACHE_ENV] = cache
    _articles(cache)


def _now(fetched: Any, source: Any, candidate: Any) -> tuple[Any, Any, int, int]:
    art, text = _articles(os.environ[CACHE_ENV])[fetched.final_url.rsplit("/p/", 1)[1]]
    return art, text, os.getpid(), _peak_rss_kib()


def _floor(body: bytes, url: str) -> tuple[Any, Any]:
    return _articles(os.environ[CACHE_ENV])[url.rsplit("/p/", 1)[1]]


def _bare() -> None:
    return None


def ipc_rounds(parsed: cw.Parsed, cache: Path, rounds: int) -> list[dict[str, Any]]:
    """Rounds of the 711 pages per arm through one 2-worker pool, the arms alternating."""
    pool = ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn"),
                               initializer=_worker_init, initargs=(os.getpid(), str(cache)))
    at = datetime(2026, 12, 3, tzinfo=UTC)
    pages = [cw.fetched(i, body, at) for i, (body, _, _) in enumerate(parsed)]
    source = cw.SOURCE

    def call(name: str, f: Any) -> Any:
        if name == "now":
            return pool.submit(_now, f, source, Candidate(f.url))
        if name == "floor":
            return pool.submit(_floor, f.body, f.final_url)
        return pool.submit(_bare)

    async def run(name: str) -> None:
        limit = asyncio.Semaphore(IN_FLIGHT)

        async def one(f: Any) -> None:
            async with limit:
                await asyncio.wrap_future(call(name, f))

        await asyncio.gather(*(one(f) for f in pages))

    rows: list[dict[str, Any]] = []
    names = ["now", "floor", "bare"]
    try:
        asyncio.run(run("bare"))  # start the workers
        pids = list(pool._processes)
        for rnd in range(-1, rounds):
            names = [*names[1:], names[0]]
            for name in names:
                c0, w0 = cw.cpu(), sum(proc_cpu(p) for p in pids)
                asyncio.run(run(name))
                c1, w1 = cw.cpu(), sum(proc_cpu(p) for p in pids)
                if rnd >= 0:
                    rows.append({"part": "ipc", "arm": name, "round": rnd, "pages": len(pages),
                                 "cpu_s": c1 - c0, "workers_cpu_s": w1 - w0,
                                 "load": os.getloadavg()[0]})
    finally:
        pool.shutdown()
    return rows


# -- summary ---------------------------------------------------------------------------

def medians(rows: list[dict[str, Any]]) -> dict[str, float]:
    """ms of CPU a page, median over rounds, by ``part.arm.column``."""
    out: dict[str, list[float]] = {}
    for r in rows:
        for k, v in r.items():
            if k.endswith("_cpu_s") or k == "cpu_s":
                label = f"{r['part']}.{r.get('arm', '-')}.{k.removesuffix('_s')}"
                out.setdefault(label, []).append(1000 * v / r["pages"])
    return {k: round(statistics.median(v), 3) for k, v in out.items()}


def main(argv: list[str] | None = None) -> int:
    """Run the parts asked for; print JSON rows and the medians."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--serve", type=int, metavar="PAGES", default=0,
                    help="only serve the cheapest site, its sitemap listing PAGES pages")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--parts", nargs="+", default=["http", "ipc", "write"],
                    choices=["http", "ipc", "write"])
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "cpu-floor")
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--seeded", type=int, default=10_000)
    args = ap.parse_args(argv)
    if args.serve:
        serve(args.serve)
        return 0
    args.workdir.mkdir(parents=True, exist_ok=True)
    cache = args.workdir / "parsed.pickle"
    parsed = cw.parsed_pages(cache)
    print(json.dumps({"load": os.getloadavg(), "pages": len(parsed),
                      "started": datetime.now(UTC).isoformat(timespec="seconds")}), flush=True)
    rows: list[dict[str, Any]] = []
    if "http" in args.parts:
        site = subprocess.Popen([sys.executable, __file__, "--serve", "1"], stdout=subprocess.PIPE,
                                text=True)
        try:
            assert site.stdout is not None
            base = site.stdout.readline().strip()
            rows += asyncio.run(http_rounds(base, args.rounds, len(parsed), site.pid))
        finally:
            site.kill()
            site.wait()
    if "ipc" in args.parts:
        rows += ipc_rounds(parsed, cache, args.rounds)
    if "write" in args.parts:
        rows += [{"part": "write", **r} for r in
                 cw.write_rounds(parsed, args.workdir, args.rounds, args.batch, args.seeded)]
    for r in rows:
        print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in r.items()}))
    print(json.dumps({"ms_per_page_medians": medians(rows), "load": os.getloadavg(),
                      "ended": datetime.now(UTC).isoformat(timespec="seconds")}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
