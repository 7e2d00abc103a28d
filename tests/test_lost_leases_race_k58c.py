"""k58c: two runs that find the same lost slot give it back once (flows/lost_leases.py).

Prefect's decrement is not conditional (``bulk_decrement_active_slots``: the slots
minus one, floored at 0). Two runs that both read the lost slot before either gave it
back both decremented it: the first took the slot it freed, the second's decrement then
freed that live run's slot and the second took it too, two runs of one source at once.

o58's loopback stand-in, its paths under ``/a`` and ``/b`` to tell the two runs apart:
run B's second look at the limit is answered as the server had it when asked, but only
after run A's check has ended and A has taken the slot if it may. And a run's record of
its lease refused in two races: best effort, no traceback.
"""

from __future__ import annotations

import asyncio
import http.server
import threading
from types import SimpleNamespace
from typing import Any, ClassVar
from uuid import UUID

import pytest
from prefect.client.orchestration import PrefectClient
from prefect.context import FlowRunContext

from flows.lost_leases import free_if_lost, holder_variable, process_identity, record_holder
from tests.test_lost_leases_o58 import (
    FLOW_RUN,
    LATER,
    LEASE,
    LIMIT,
    LOST,
    RECORDED,
    TAKEN,
    _Prefect,
)

WAIT = 10.0  # seconds, a deadline for the two runs' steps (each takes well under one)


class _TwoRuns(_Prefect):
    """o58's stand-in for two runs; B's second read of the limit is held (see above)."""

    reads_b: ClassVar[list[str]] = []
    b_looks: ClassVar[threading.Event] = threading.Event()
    a_done: ClassVar[threading.Event] = threading.Event()

    def _who(self) -> str:
        who, self.path = self.path[1:2], self.path[2:]
        return who

    def do_GET(self) -> None:
        who = self._who()
        if who == "b" and self.path == f"/api/v2/concurrency_limits/{LIMIT}":
            self.reads_b.append(self.path)
            if len(self.reads_b) == 2:  # B's look again, held past A's check and take
                said = self._limit()
                self.b_looks.set()
                self.a_done.wait(WAIT)
                self._answer(200, said)
                return
        super().do_GET()

    def do_POST(self) -> None:
        self._who()
        super().do_POST()

    def do_DELETE(self) -> None:
        self._who()
        super().do_DELETE()


def _take() -> bool:
    """A run's take of the slot, as Prefect's increment: only below the limit."""
    if _TwoRuns.said["active"] >= 1:
        return False
    _TwoRuns.said.update(active=1, updated=LATER)
    return True


def test_two_runs_finding_one_lost_slot_give_it_back_once() -> None:
    _TwoRuns.said = {"active": 1, "updated": TAKEN, "record": RECORDED, "state": "CRASHED"}
    _TwoRuns.asked, _TwoRuns.reads_b = [], []
    _TwoRuns.b_looks.clear()
    _TwoRuns.a_done.clear()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _TwoRuns)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    async def check(who: str) -> str | None:
        url = f"http://127.0.0.1:{server.server_port}/{who}/api"
        async with PrefectClient(url) as client:
            current = await client.read_global_concurrency_limit_by_name(LIMIT)
            return await free_if_lost(client, LIMIT, current)

    answers: dict[str, str | None] = {}
    run_b = threading.Thread(target=lambda: answers.update(b=asyncio.run(check("b"))))
    try:
        run_b.start()
        assert _TwoRuns.b_looks.wait(WAIT), "run B never looked again"
        answers["a"] = asyncio.run(check("a"))
        took = [answers["a"] is not None and _take()]
        _TwoRuns.a_done.set()
        run_b.join(WAIT)
        assert not run_b.is_alive()
        took.append(answers["b"] is not None and _take())
    finally:
        _TwoRuns.a_done.set()
        server.shutdown()
        server.server_close()
    # On main (o58): both said it given back and both took it (A's, then B's after its
    # decrement freed A's live slot): [True, True].
    assert took.count(True) == 1, (answers, took)
    assert set(answers.values()) == {LOST, None}, answers
    assert _TwoRuns.said["active"] == 1 and not _TwoRuns.said["names"], _TwoRuns.said


class _Recording(_Prefect):
    """o58's stand-in for a run's record: no record yet (404 to its update), the limit
    deleted (``gone``)."""

    def do_GET(self) -> None:
        if self.said.get("gone"):
            self._answer(404, {"detail": "Concurrency Limit not found"})
            return
        super().do_GET()

    def do_PATCH(self) -> None:
        self._answer(404, {"detail": "Variable not found."})


@pytest.mark.parametrize("said", [
    {},  # recorded (r58: with this process's identity, checked below)
    {"gone": True},  # the limit deleted between the take and the record (ObjectNotFound)
    {"names": {holder_variable(LIMIT)}},  # created by another between 404 and create (409)
])
def test_a_record_refused_is_no_traceback(said: dict[str, Any]) -> None:
    """record_holder is best effort: on main these raised out of ``_try_hold``."""
    _Recording.said = {"active": 1, "updated": TAKEN, "record": RECORDED, **said}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recording)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    async def record() -> None:
        url = f"http://127.0.0.1:{server.server_port}/api"
        async with PrefectClient(url) as client:
            await record_holder(client, LIMIT, {UUID(LEASE)})

    run = FlowRunContext.model_construct(flow_run=SimpleNamespace(id=UUID(FLOW_RUN)))
    try:
        with run:
            assert asyncio.run(record()) is None
        if not said:
            value = _Recording.said["values"][holder_variable(LIMIT)]
            assert value == {"lease": LEASE, "updated": RECORDED, "flow_run": FLOW_RUN,
                             **process_identity()}, value
            assert set(process_identity()) == {"host", "boot", "pid_ns", "time_ns", "pid",
                                                "started"}
    finally:
        server.shutdown()
        server.server_close()
