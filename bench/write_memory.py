"""Peak RSS of the ingest write path as the archive grows (issue 15, "memory stays flat").

    uv run python bench/write_memory.py --pages 4000 [--vacuum 100]

Writes batches of 100 articles, each with its raw page (a WCXB dev page, about
20 KB compressed) and its fetch log, seen and cache rows, through
:class:`flows.gateway.WarehouseGateway`, one short DuckDB session per batch as
an ingest does, with no fetching or parsing. Prints the process's RSS and peak
RSS (VmHWM) every 1,000 pages. ``--vacuum N`` sets the sessions' DuckDB
``max_vacuum_tasks`` (the pipeline uses 0; DuckDB's default is 100) to show the
growth the setting removes; ``--memory-limit`` and ``--threads`` replace the
sessions' ``memory_limit`` and ``threads`` (``none``: DuckDB's default; see
``warehouse.connection.BATCH_SETTINGS``). Run each setting in its own process.
Data: WCXB (Murrough Foley, 2026), CC-BY-4.0.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.devsite import load_pages
from bench.synthetic import SyntheticCorpus
from flows import gateway as pipeline
from warehouse.connection import BATCH_SETTINGS
from warehouse.records import Batch, CacheEntry, FetchRecord, PageRecord, SeenURL


def memory() -> tuple[int, int]:
    """(RSS, peak RSS) of this process in MB."""
    fields = dict(line.split(":", 1) for line in
                  Path("/proc/self/status").read_text(encoding="utf-8").splitlines())
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024


def batch(corpus: SyntheticCorpus, pages: list[bytes], start: int) -> Batch:
    """Articles ``start`` .. ``start + 99`` with their raw pages, as one flush writes them."""
    now = datetime.now(UTC)
    arts = [replace(a, source="dev", url=f"http://127.0.0.1/p/{start + i}/")
            for i, a in enumerate(corpus.articles(start, 100))]
    return Batch(
        run_id="bench", source="dev", fetched_at=now, articles=tuple(arts),
        pages=tuple(PageRecord(url=a.url, fetched_at=now, kind="article", status=200,
                               final_url=a.url, headers=(("content-type", "text/html"),),
                               body=pages[(start + i) % len(pages)] + str(start + i).encode())
                    for i, a in enumerate(arts)),
        fetch_log=tuple(FetchRecord(url=a.url, started_at=now, status=200, bytes=20_000,
                                    elapsed_ms=3.0) for a in arts),
        seen=tuple(SeenURL(a.url, "article", a.article_id) for a in arts),
        cache=tuple((a.url, CacheEntry(etag=f'"{a.article_id}"')) for a in arts),
    )


def main() -> None:
    """Write ``--pages`` pages in batches of 100 and print memory every 1,000."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=4000)
    parser.add_argument("--vacuum", type=int, default=None,
                        help="max_vacuum_tasks for the sessions (default: the pipeline's)")
    parser.add_argument("--memory-limit", default=None,
                        help="memory_limit for the sessions, or none (default: the pipeline's)")
    parser.add_argument("--threads", default=None,
                        help="threads for the sessions, or none (default: the pipeline's)")
    args = parser.parse_args()
    settings = dict(BATCH_SETTINGS)
    for name, value in (("max_vacuum_tasks", args.vacuum), ("memory_limit", args.memory_limit),
                        ("threads", args.threads)):
        if value == "none":
            settings.pop(name, None)
        elif value is not None:
            settings[name] = str(value)
    print(f"session settings: {settings}", flush=True)
    pages = load_pages(200)
    corpus = SyntheticCorpus()
    with tempfile.TemporaryDirectory() as tmp:
        gateway = pipeline.WarehouseGateway(Path(tmp) / "bench.duckdb",
                                            settings=tuple(settings.items()))

        async def go() -> None:
            t0 = time.perf_counter()
            for start in range(0, args.pages, 100):
                await gateway.write(batch(corpus, pages, start))
                if (start + 100) % 1000 == 0:
                    rss, peak = memory()
                    print(f"{start + 100} pages: RSS {rss} MB, peak {peak} MB, "
                          f"{time.perf_counter() - t0:.0f} s", flush=True)

        asyncio.run(go())


if __name__ == "__main__":
    main()
