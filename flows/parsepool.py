"""Parsing off the event loop: in a pool of worker processes, one per core by default.

BeautifulSoup parsing is CPU-bound and holds the GIL, so in threads it
competes with fetching and writing. A process pool lets parsing use every
core (``[pipeline] parse_workers`` in the sources file, ``--parse-workers``,
or ``$PRESSROOM_PARSE_WORKERS``; default: the CPUs this process may use);
with ``workers=0`` (tests, benchmarks) it runs in a thread instead. Each
worker parses one page at a time with its next page queued beside it, so
memory is bounded by the worker count: pages waiting for a worker wait in the
fetching coroutines, a fixed number.

A worker that dies (out of memory, a crash in a C library) is a transient
failure of the pages it held, not a verdict on them: they are parsed again in
a fresh pool. A page that was in flight at two deaths is re-run alone, one at
a time, in a single-worker pool; if a worker dies on it alone it is the
culprit and is quarantined (:class:`~pressroom.errors.ParserCrashed`), never
stored as ``not_article``. A page still unparsed after ``PARSE_TIMEOUT``
seconds counts as such a death (its pool's workers are killed), so a parser
that never returns costs that page only, never the run (in a thread, with
``workers=0``, there is no such bound). Workers watch the ingest process and
exit when it dies, even by SIGKILL, so no worker (nor the resource tracker
they keep alive) outlives it.
"""

from __future__ import annotations

import asyncio
import os
import resource
import select
import signal
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from multiprocessing import get_context

from flows.config import SourceConfig
from flows.discovery_records import Candidate, source_hosts
from flows.http_records import Fetched
from flows.settings import check_parse_workers
from parsers import Article, extract
from parsers.story_text import StoryText, story_text
from parsers.urls import trusted_canonical
from pressroom.errors import ParserCrashed

# Recycle workers now and then: BeautifulSoup on huge pages fragments the heap.
# Rarely, though: a fresh worker costs ~0.6 s of CPU (start-up, compiling its
# imports where no .pyc is written), 2 ms a page at 300 pages, while a worker's
# RSS stays flat after its first 300 pages (60-63 MB up to 3,000; bench/worker_rss.py,
# docs/BENCHMARKS.md).
TASKS_PER_WORKER = 2000
# Pages handed to the pool per worker: the one it parses and the next one.
QUEUED_PER_WORKER = 2
# A page in flight at this many worker deaths is re-run alone to find the culprit.
DEATHS_BEFORE_ISOLATION = 2
# Seconds one page may take in a worker (starting a fresh worker included; a
# page takes ~25 ms). Past it the pool's workers are killed and the page is
# treated as in flight at a worker death, so a parser that never returns costs
# that page only, never the run (nor the next scheduled ones).
PARSE_TIMEOUT = 120.0
# TEST ONLY, unset in production: a worker that meets a page containing this
# byte string kills itself with SIGKILL, as an out-of-memory kill would.
TEST_KILL_ENV = "PRESSROOM_TEST_KILL_PARSER_ON"
# TEST ONLY, unset in production: a worker that meets a page containing this
# byte string waits for ever, as a runaway parser would.
TEST_HANG_ENV = "PRESSROOM_TEST_HANG_PARSER_ON"


WORKERS_ENV = "PRESSROOM_PARSE_WORKERS"


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity mask, e.g. a container's cpuset)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def default_workers() -> int:
    """$PRESSROOM_PARSE_WORKERS when set (validated), else one parse worker per CPU."""
    configured = os.environ.get(WORKERS_ENV)
    if configured is not None:
        return check_parse_workers(configured, f"${WORKERS_ENV}")
    return usable_cpus()


def parse_fetched(fetched: Fetched, source: SourceConfig, candidate: Candidate | None) -> Article:
    """Run the parser on a response and fill gaps from what the feed said."""
    charset = fetched.charset
    html: str | bytes = fetched.body.decode(charset, "replace") if charset else fetched.body
    article = extract(html, url=fetched.final_url, profile=source.profile,
                      timezone=source.timezone, fetched_at=fetched.fetched_at)
    fill: dict[str, object] = {"source": source.name}
    # A canonical link on a host that is not the source's own is not believed:
    # the page is stored under its own URL (README, "How it behaves").
    trusted = trusted_canonical(article.canonical_url, article.url, source_hosts(source))
    if trusted != article.canonical_url:
        fill["canonical_url"] = trusted
    if candidate is not None:
        if not article.title and candidate.title:
            fill["title"] = candidate.title
        published = candidate.published_at
        if article.published_at is None and published and published <= fetched.fetched_at:
            fill["published_at"] = published
    if article.language is None and source.language:
        fill["language"] = source.language
    return replace(article, **fill)  # type: ignore[arg-type]


def _watch_parent(parent_pid: int) -> None:
    """Worker initializer: exit the moment the ingest process is gone (Linux).

    A pidfd of the parent becomes readable when that process exits, however
    it dies; unlike PR_SET_PDEATHSIG it follows the process, not the thread
    that happened to start the worker.
    """
    try:
        pidfd = os.pidfd_open(parent_pid)
    except (AttributeError, OSError):  # not Linux >= 5.3, or the parent is already gone
        if os.getppid() != parent_pid:
            os._exit(1)
        return
    if os.getppid() != parent_pid:  # the pid was reused before we looked
        os._exit(1)

    def wait() -> None:
        select.select([pidfd], [], [])
        os._exit(1)

    threading.Thread(target=wait, name="parent-watch", daemon=True).start()


def _parse_in_worker(
    fetched: Fetched, source: SourceConfig, candidate: Candidate | None
) -> tuple[Article, StoryText | None, int, int]:
    """:func:`parse_fetched` as run inside a worker process, with the article's
    story text (:func:`story_text_of`), and the worker's pid and peak RSS in KiB
    so the pool can report memory."""
    marker = os.environ.get(TEST_KILL_ENV)
    if marker and marker.encode() in fetched.body:  # test-only hook, off unless set
        os.kill(os.getpid(), signal.SIGKILL)
    marker = os.environ.get(TEST_HANG_ENV)
    if marker and marker.encode() in fetched.body:  # test-only hook, off unless set
        threading.Event().wait()
    article = parse_fetched(fetched, source, candidate)
    return article, story_text_of(article), os.getpid(), _peak_rss_kib()


def story_text_of(article: Article) -> StoryText | None:
    """The body as story clustering normalises it, for an article to be stored:
    computed here, in the worker, it costs the ingest process nothing but the
    look-up (~1 ms a page of its write thread before)."""
    if article.kind != "article" or not article.body:
        return None
    return story_text(article.body)


def _peak_rss_kib() -> int:
    """This process's own peak RSS in KiB: Linux's ``VmHWM``. Not ``ru_maxrss``, which
    a spawned worker inherits from the ingest process (the peak of the forked copy
    that exec replaced), so it reported the ingest's RSS, not the worker's."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1])
    except OSError:  # not Linux
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _executor(workers: int) -> ProcessPoolExecutor:
    # spawn, not fork: the parent has Prefect and DuckDB threads running.
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=get_context("spawn"),
        max_tasks_per_child=TASKS_PER_WORKER,
        initializer=_watch_parent, initargs=(os.getpid(),),
    )


class _Hung(BrokenProcessPool):
    """A page outlived the parse timeout; its pool's workers were killed."""


def _kill_workers(executor: ProcessPoolExecutor) -> None:
    """SIGKILL the pool's worker processes: the pool breaks, as at a worker death."""
    for process in list((executor._processes or {}).values()):  # no public way in 3.11
        process.kill()


class ParsePool:
    """Runs :func:`parse_fetched` for one run; the pool starts on first use."""

    def __init__(self, workers: int, *, timeout: float = PARSE_TIMEOUT) -> None:
        self.workers = workers
        self.timeout = timeout
        # Each worker has its next page queued in the pool (QUEUED_PER_WORKER), so
        # it starts it the moment it finishes one, however busy the event loop is
        # (a batch write holds the GIL, and each hand-off of a page passes three
        # threads). A page's timeout starts when it takes a running slot (one per
        # worker, first come first served as the pool's queue is), so it counts the
        # page's own parse, not its wait behind other pages.
        self._slots = asyncio.Semaphore(QUEUED_PER_WORKER * max(1, workers))
        self._running = asyncio.Semaphore(max(1, workers))
        self.deaths = 0  # worker deaths seen this run
        self.peak_rss_kib: dict[int, int] = {}  # worker pid -> its peak RSS so far
        self._executor: ProcessPoolExecutor | None = None
        self._alone: ProcessPoolExecutor | None = None  # one worker, one suspect at a time
        self._alone_lock = asyncio.Lock()
        # Pages handed to a pool and not back yet: at close, their workers are killed.
        self._in_flight: set[Future[tuple[Article, StoryText | None, int, int]]] = set()

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = _executor(self.workers)
        return self._executor

    def _discard(self, executor: ProcessPoolExecutor) -> None:
        """Drop a broken pool (once, however many of its calls noticed)."""
        if self._executor is executor:
            self._executor = None
            self.deaths += 1
        elif self._alone is executor:
            self._alone = None
            self.deaths += 1
        executor.shutdown(wait=False, cancel_futures=True)

    async def parse(
        self, fetched: Fetched, source: SourceConfig, candidate: Candidate | None
    ) -> Article:
        """:meth:`parse_page`'s article."""
        return (await self.parse_page(fetched, source, candidate))[0]

    async def parse_page(
        self, fetched: Fetched, source: SourceConfig, candidate: Candidate | None
    ) -> tuple[Article, StoryText | None]:
        """Parse one response: the article and, from a worker, its story text
        (None without workers: the write normalises the body itself, in this
        process either way). Raises ``ParseError`` like the parser itself.

        A worker death is retried as described in the module docstring; a page
        that kills a worker on its own raises :class:`ParserCrashed`.
        """
        if self.workers <= 0:
            return await asyncio.to_thread(parse_fetched, fetched, source, candidate), None
        for _death in range(DEATHS_BEFORE_ISOLATION):
            async with self._slots:
                executor = self._pool()
                try:
                    return await self._run(executor, fetched, source, candidate)
                except BrokenProcessPool:
                    self._discard(executor)  # start afresh; only a bystander so far
        async with self._alone_lock:
            if self._alone is None:
                self._alone = _executor(1)
            executor = self._alone
            try:
                return await self._run(executor, fetched, source, candidate)
            except BrokenProcessPool as exc:
                self._discard(executor)
                what = (f"did not finish within {self.timeout:g} s" if isinstance(exc, _Hung)
                        else "died")
                raise ParserCrashed(
                    f"parser process {what} on {fetched.final_url} when it was parsed alone "
                    "(quarantined: not stored, retried next run)"
                ) from exc

    async def _run(
        self, executor: ProcessPoolExecutor, fetched: Fetched, source: SourceConfig,
        candidate: Candidate | None,
    ) -> tuple[Article, StoryText | None]:
        """One page in ``executor``; past the timeout its workers are killed (``_Hung``)."""
        # Workers ignore Ctrl-C (the run stops them; a KeyboardInterrupt while one was
        # still importing printed its traceback): a spawned child starts with the
        # signal mask of the thread that starts it, this one or the pool's manager
        # thread (started here too, so it inherits the mask, for recycled workers).
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            submitted = executor.submit(_parse_in_worker, fetched, source, candidate)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        self._in_flight.add(submitted)
        submitted.add_done_callback(self._in_flight.discard)
        future = asyncio.wrap_future(submitted)
        try:
            async with self._running:  # a worker is free for it: its time starts now
                article, text, pid, rss = await asyncio.wait_for(future, self.timeout)
        except TimeoutError:
            _kill_workers(executor)
            raise _Hung(f"{fetched.final_url} took over {self.timeout:g} s") from None
        except asyncio.CancelledError:
            future.cancel()  # still queued when the run was cancelled: not parsed
            raise
        self.peak_rss_kib[pid] = rss
        return article, text

    def memory_line(self) -> str | None:
        """One line on the workers' memory, e.g. for the end of a run (None: none ran)."""
        if not self.peak_rss_kib:
            return None
        peaks = sorted(self.peak_rss_kib.values())
        return (f"parse workers: {self.workers} at a time, {len(peaks)} process(es) over the run "
                f"(each recycled after {TASKS_PER_WORKER} pages); peak RSS per worker "
                f"{peaks[len(peaks) // 2] / 1024:.0f} MB median, {peaks[-1] / 1024:.0f} MB max")

    def close(self) -> None:
        """Stop the workers. A page still in a worker (the run was stopped, Ctrl-C) is
        not waited for: its pool's workers are killed, so a parser that never returns
        cannot hold the exit. Ctrl-C is ignored meanwhile (a moment: no page is waited
        for): a terminal's reaches `uv run` too, which passes it on, and that second one
        cut the shutdown short after its workers were told nothing, so the exit waited
        for them for ever; held off and delivered after, it printed a traceback."""
        main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
        try:
            if any(not future.done() for future in self._in_flight):
                for executor in (self._executor, self._alone):
                    if executor is not None:
                        _kill_workers(executor)
            for executor in (self._executor, self._alone):
                if executor is not None:
                    executor.shutdown(wait=True, cancel_futures=True)
            self._executor = self._alone = None
        finally:
            if main and previous is not None:
                signal.signal(signal.SIGINT, previous)
