"""The parse workers' memory line reports the workers' own peak RSS (issue 15).

A spawned worker starts as a fork of the ingest process that exec replaces, and
Linux carries that copy's peak into the new program's ``ru_maxrss``: read that
way, every worker "peaked" at the ingest process's RSS. Here the test process
holds a large touched buffer when a real worker is spawned; the worker's peak as
the pool reports it must be its own (tens of MB), not the parent's.
"""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import UTC, datetime

import pytest

from flows.config import SourceConfig
from flows.http_records import Fetched
from flows.parsepool import ParsePool
from tests.crash.bulk_site import ARTICLE_HTML

PARENT_EXTRA_MB = 400
# A fresh worker parsing one small page stays far below this (~60 MB measured).
WORKER_PEAK_BELOW_MB = 250


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="VmHWM is Linux's")
def test_a_workers_peak_rss_is_its_own_not_the_ingest_processs() -> None:
    ballast = bytearray(PARENT_EXTRA_MB * 1024 * 1024)
    for i in range(0, len(ballast), 4096):  # touched: resident in this process
        ballast[i] = 1
    url = "http://127.0.0.1:9/a/1/"
    page = Fetched(url=url, final_url=url, status=200,
                   headers={"content-type": "text/html; charset=utf-8"},
                   body=ARTICLE_HTML.format(i=1, day=1).encode(),
                   fetched_at=datetime.now(UTC), elapsed_ms=1.0)
    pool = ParsePool(1)
    try:
        article = asyncio.run(pool.parse(page, SourceConfig(name="x"), None))
    finally:
        pool.close()
    assert article.title
    (peak_kib,) = pool.peak_rss_kib.values()
    assert os.getpid() not in pool.peak_rss_kib
    assert peak_kib < WORKER_PEAK_BELOW_MB * 1024, pool.memory_line()
    del ballast
