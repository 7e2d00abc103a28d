"""A parse worker has its next page before it finishes the one it parses (issue 15).

With two workers on two cores, a worker that waits for the event loop to hand it
each page idles whenever the loop is busy (a batch write holds the GIL). Here the
event loop is blocked outright after handing the pool two pages: the worker must
take the second by itself. The second page carries the test-only kill marker, so
"the worker took it" is seen from outside as the worker's death (a pidfd turns
readable when its process ends), with a bounded wait and no sleeping. Real spawned
worker processes.
"""

from __future__ import annotations

import asyncio
import os
import select
from datetime import UTC, datetime

import pytest

from flows.config import SourceConfig
from flows.http_records import Fetched
from flows.parsepool import TEST_KILL_ENV, ParsePool
from pressroom.errors import ParserCrashed
from tests.crash.bulk_site import ARTICLE_HTML

MARKER = "pressroom-test-marker-kill-this-parser"
# A worker parses a page in well under a second; the bound covers a loaded machine.
TAKEN_WITHIN = 60.0


def _page(i: int, extra: str = "") -> Fetched:
    html = ARTICLE_HTML.format(i=i, day=i % 28 + 1).replace("</article>", f"{extra}</article>")
    url = f"http://127.0.0.1:9/a/{i}/"
    return Fetched(url=url, final_url=url, status=200,
                   headers={"content-type": "text/html; charset=utf-8"},
                   body=html.encode(), fetched_at=datetime.now(UTC), elapsed_ms=1.0)


@pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="needs Linux pidfds")
def test_a_worker_takes_its_next_page_while_the_event_loop_is_busy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(TEST_KILL_ENV, MARKER)  # spawned workers inherit it
    source = SourceConfig(name="bulk")
    pool = ParsePool(1)

    async def go() -> tuple[bool, list[object]]:
        first = await pool.parse(_page(1), source, None)  # the worker is up
        assert first.kind == "article"
        (pid,) = pool.peak_rss_kib
        pidfd = os.pidfd_open(pid)
        try:
            tasks = [asyncio.create_task(pool.parse(_page(2), source, None)),
                     asyncio.create_task(pool.parse(_page(3, f"<p>{MARKER}</p>"), source, None))]
            await asyncio.sleep(0)  # one turn of the loop: both tasks hand their page over
            # The loop is blocked from here: nothing more can be handed to the pool.
            readable, _, _ = select.select([pidfd], [], [], TAKEN_WITHIN)
        finally:
            os.close(pidfd)
        return bool(readable), list(await asyncio.gather(*tasks, return_exceptions=True))

    try:
        took_it, results = asyncio.run(go())
    finally:
        pool.close()
    assert took_it, "the worker did not start the next page until the event loop handed it over"
    assert isinstance(results[1], ParserCrashed), results  # the killer, quarantined
    assert getattr(results[0], "kind", None) == "article", results
