"""A page on which the parser never finishes costs that page only, and a bounded time.

The hanging page carries a marker that the test-only hook
(``PRESSROOM_TEST_HANG_PARSER_ON``) turns into a worker that waits for ever,
as a pathological input in a C library or a runaway regex would. Real
spawned worker processes; no sleeping in the test itself.

The hanging page waits out the timeout three times (two attempts in the shared pool, one
alone), so the timeout is the test's cost: a fixed 40 s and 60 s (bounds for a loaded
machine's worker starts) made it 125 s and 180 s in CI. w58: the timeout is measured on
the machine as it is, four times the time fresh workers took to start and parse pages
(at least 5 s, at most the fixed bound of before): a few seconds when idle, as long as
before under the load that needed it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
from datetime import UTC, datetime

import pytest

from flows.config import SourceConfig
from flows.http_records import Fetched
from flows.parsepool import QUEUED_PER_WORKER, TEST_HANG_ENV, ParsePool
from pressroom.errors import ParserCrashed
from tests.crash.bulk_site import ARTICLE_HTML
from tests.crash.test_orphans import descendants

MARKER = "pressroom-test-marker-hang-this-parser"
# Each attempt may include starting a worker (a few seconds on a loaded machine): the
# timeout is at most TIMEOUT per fresh worker at once, at least FLOOR, else MARGIN times
# what starting fresh workers and parsing took just before.
TIMEOUT = 20.0
FLOOR = 5.0
MARGIN = 4.0


def _page(i: int, extra: str = "") -> Fetched:
    html = ARTICLE_HTML.format(i=i, day=i % 28 + 1).replace("</article>", f"{extra}</article>")
    url = f"http://127.0.0.1:9/a/{i}/"
    return Fetched(url=url, final_url=url, status=200,
                   headers={"content-type": "text/html; charset=utf-8"},
                   body=html.encode(), fetched_at=datetime.now(UTC), elapsed_ms=1.0)


def _measured_timeout(workers: int, most: float) -> float:
    """MARGIN times a fresh pool's start and parse of a page per queued slot (every worker
    starts), between FLOOR and ``most``: the bystanders' re-runs start fresh workers."""
    pool = ParsePool(workers, timeout=most)
    pages = [_page(10 + i) for i in range(QUEUED_PER_WORKER * workers)]

    async def parse_all() -> None:
        await asyncio.gather(*(pool.parse(p, SourceConfig(name="bulk"), None) for p in pages))

    started = time.monotonic()
    try:
        asyncio.run(asyncio.wait_for(parse_all(), most))
    finally:
        pool.close()
    return min(most, max(FLOOR, MARGIN * (time.monotonic() - started)))


async def _parse_all(pool: ParsePool) -> list[object]:
    source = SourceConfig(name="bulk")
    pages = [_page(1), _page(2, f"<p>{MARKER}</p>"), _page(3), _page(4)]
    return list(await asyncio.gather(*(pool.parse(p, source, None) for p in pages),
                                     return_exceptions=True))


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 3])
def test_a_page_that_hangs_the_parser_is_quarantined_after_the_timeout(
    monkeypatch: pytest.MonkeyPatch, workers: int,
) -> None:
    monkeypatch.setenv(TEST_HANG_ENV, MARKER)  # spawned workers inherit it
    # With 3 workers the hang's kill takes the bystanders' workers too: they are
    # parsed again, and only the hanging page is quarantined.
    # A bystander's re-run includes starting fresh workers, three at once here:
    # on a loaded machine that alone took over 20 s. With one worker the page queued
    # behind the hanging one (QUEUED_PER_WORKER) is such a bystander too.
    timeout = _measured_timeout(workers, TIMEOUT * max(workers, QUEUED_PER_WORKER))
    pool = ParsePool(workers, timeout=timeout)
    try:
        # Two attempts in the shared pool and one alone, each bounded by the timeout;
        # before, the run waited for ever. A bystander in flight at both kills (the
        # other workers' pages and the pages queued behind them: 2 per worker, see
        # QUEUED_PER_WORKER) is re-run alone too, after the hanging page (one bound each).
        bound = (3 + (QUEUED_PER_WORKER * workers - 1)) * timeout + 60
        results = asyncio.run(asyncio.wait_for(_parse_all(pool), bound))
    except BaseException:
        for pid in descendants(os.getpid()):  # a hung worker would block close() too
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        raise
    finally:
        pool.close()
    hung = results[1]
    assert isinstance(hung, ParserCrashed), results
    assert "/a/2/" in str(hung) and "did not finish" in str(hung)
    others = [results[0], *results[2:]]
    assert all(getattr(a, "kind", None) == "article" for a in others), results
