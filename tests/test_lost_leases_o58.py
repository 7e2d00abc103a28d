"""o58: a source's slot held by a lease the Prefect server lost is given back only when
nothing shows a live holder (flows/lost_leases.py).

A real ``PrefectClient`` against a loopback server answering the few Prefect API
calls the check makes, as Prefect 3.9.1's server answers them (the limit, the
variable, the holder's flow run, the two give-backs, k58c's claim: a variable created). The crash
test (tests/crash/test_outage_mid_run_k56b.py) drives the whole case on a real
server; this one the cases that must keep the slot (a holder still running, a slot
taken or given back since the record) and a lease the server still holds.
"""

from __future__ import annotations

import asyncio
import http.server
import json
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import Any, ClassVar

import pytest
from prefect.client.orchestration import PrefectClient

from flows.lost_leases import free_if_lost, holder_variable, process_identity

LIMIT = "pressroom-source-belta"
LEASE = "3f1c0d3e-8a6e-4a53-9d0e-3a2b1c0d9e8f"
FLOW_RUN = "6b2d7c1a-1f3e-4c5d-8e9f-0a1b2c3d4e5f"
TAKEN = "2026-12-08T01:00:00.216000Z"  # the limit's `updated` just after the take
LATER = "2026-12-08T01:05:00.216000Z"
GIVEN = "2026-12-08T01:06:00.216000Z"  # the limit's `updated` after a decrement
RECORDED = "2026-12-08 01:00:00.216000+00:00"  # TAKEN as record_holder writes it


class _Prefect(http.server.BaseHTTPRequestHandler):
    """What the server says: ``state`` (the holder's flow run), ``updated`` (the
    limit's; a give-back through the lease moves it to ``after_lease`` when set, a
    lease the server still holds)."""

    said: ClassVar[dict[str, Any]] = {}
    asked: ClassVar[list[str]] = []

    def _answer(self, status: int, body: object = None) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _limit(self) -> dict[str, object]:
        return {"id": "0d8f6a2e-5b1c-4e3d-9a7f-1c2b3d4e5f60", "name": LIMIT, "limit": 1,
                "active": True, "active_slots": self.said["active"], "denied_slots": 0,
                "slot_decay_per_second": 0.0, "created": TAKEN,
                "updated": self.said["updated"]}

    def do_GET(self) -> None:
        self.asked.append(f"GET {self.path}")
        if self.path == f"/api/v2/concurrency_limits/{LIMIT}":
            self._answer(200, self._limit())
        elif self.path == f"/api/variables/name/{holder_variable(LIMIT)}":
            self._answer(200, {"id": "1e2d3c4b-5a69-4788-9abc-def012345678",
                               "name": holder_variable(LIMIT), "tags": [],
                               "value": {"lease": LEASE, "updated": self.said["record"],
                                         "flow_run": FLOW_RUN,
                                         **self.said.get("identity", {})},
                               "created": TAKEN, "updated": TAKEN})
        elif self.path == f"/api/flow_runs/{FLOW_RUN}":
            state = self.said["state"]
            self._answer(200, {"id": FLOW_RUN, "name": "tiny-tortoise",
                               "flow_id": "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d",
                               "state_type": state, "state": {"type": state,
                                                              "name": state.title()}})
        else:  # the client's CSRF token: none, an older server's answer
            self._answer(404, {"detail": "Not Found"})

    def do_POST(self) -> None:
        self.asked.append(f"POST {self.path}")
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        occupancy = body.get("occupancy_seconds")
        if occupancy is not None and occupancy <= 0:  # Prefect's Body(None, gt=0.0)
            self._answer(422, {"detail": "occupancy_seconds must be greater than 0"})
            return
        if self.path == "/api/v2/concurrency_limits/decrement-with-lease":
            if self.said.get("after_lease"):
                self.said.update(updated=self.said["after_lease"], active=0)
            self._answer(204)
        elif self.path == "/api/v2/concurrency_limits/decrement":
            self.said.update(active=0, updated=GIVEN)  # Prefect writes the limit's row
            self._answer(200, [])
        elif self.path == "/api/variables/":  # k58c's claim of the lost slot: once a name
            names = self.said.setdefault("names", set())
            if body["name"] in names:
                self._answer(409, {"detail": "A variable with the name already exists."})
                return
            names.add(body["name"])
            self.said.setdefault("values", {})[body["name"]] = body["value"]
            self._answer(201, {"id": "2e2d3c4b-5a69-4788-9abc-def012345678", "tags": [],
                               "name": body["name"], "value": body["value"],
                               "created": TAKEN, "updated": TAKEN})
        else:
            self._answer(404, {"detail": "Not Found"})

    def do_DELETE(self) -> None:  # k58c's claim deleted once the slot is given back
        self.asked.append(f"DELETE {self.path}")
        self.said.setdefault("names", set()).discard(self.path.rsplit("/", 1)[-1])
        self._answer(204)

    def log_message(self, format: str, *args: object) -> None:
        return


def _check(**said: Any) -> tuple[str | None, list[str]]:
    """free_if_lost against the loopback server saying ``said``: its answer, and the
    calls that gave a slot back."""
    _Prefect.said = {"active": 1, "updated": TAKEN, "record": RECORDED, **said}
    _Prefect.asked = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Prefect)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    async def ask() -> str | None:
        async with PrefectClient(f"http://127.0.0.1:{server.server_port}/api") as client:
            current = await client.read_global_concurrency_limit_by_name(LIMIT)
            return await free_if_lost(client, LIMIT, current)

    try:
        return asyncio.run(ask()), [a for a in _Prefect.asked if "decrement" in a]
    finally:
        server.shutdown()
        server.server_close()


LOST = (f"{LIMIT}: its slot was held by a lease the Prefect server no longer knows "
        "(restarted while a run held it, its leases kept in memory); given back")


@pytest.mark.parametrize(("said", "answer", "given_back"), [
    # The server lost the lease (a no-op give-back through it), its run ended: the
    # slot given back by a decrement, said once.
    ({"state": "CRASHED"}, LOST,
     ["POST /api/v2/concurrency_limits/decrement-with-lease",
      "POST /api/v2/concurrency_limits/decrement"]),
    # Its run ended, the server still holds its lease: given back through it.
    ({"state": "COMPLETED", "after_lease": LATER}, "",
     ["POST /api/v2/concurrency_limits/decrement-with-lease"]),
    # Kept: the holder still running (its own refused renewal stops it first).
    ({"state": "RUNNING"}, None, []),
    ({"state": "CANCELLING"}, None, []),
    # Kept: the limit written since the record (another run took or gave back a slot).
    ({"state": "CRASHED", "updated": LATER}, None, []),
])
def test_a_slot_is_given_back_only_when_its_lease_is_lost_and_its_run_ended(
        said: dict[str, Any], answer: str | None, given_back: list[str]) -> None:
    assert _check(**said) == (answer, given_back)



# r58: a holder still Running on the server, its process named in the record.
def _gone(why: str) -> str:
    return f"{LIMIT}: its run's process is gone: {why}; its slot given back"


def _ended_pid() -> int:
    """The pid of a process of ours that has exited (waited for: no such process)."""
    child = subprocess.Popen([sys.executable, "-c", ""])
    child.wait()
    return child.pid


def _identity(**changed: str) -> dict[str, str]:
    """This test process's identity, as its record names it, with ``changed``."""
    return {**process_identity(), **changed}


@pytest.mark.parametrize(("identity", "answer"), [
    # This host, its process exited (a pid that no process has now): given back.
    (lambda: _identity(pid=str(_ended_pid())), _gone("it exited")),
    # This host, this pid with another start time (the pid reused since): given back.
    (lambda: _identity(started="1"), _gone("it exited")),
    # This host, another boot (the machine restarted, server and worker on it).
    (lambda: _identity(boot="00000000-0000-4000-8000-000000000000"),
     _gone("the machine restarted")),
    # Kept: a live process, its real start time (this test's own).
    (lambda: _identity(), None),
    # Kept: another host, or another pid namespace (a container), its process unknown.
    (lambda: _identity(host="elsewhere 0", pid=str(_ended_pid())), None),
    (lambda: _identity(pid_ns="pid:[1]", boot="00000000-0000-4000-8000-000000000000"),
     None),
    # Kept (k58e): another time namespace, its start times read shifted.
    (lambda: _identity(time_ns="time:[1]", started="1"), None),
    # Kept: an identity missing (older records) or malformed.
    (lambda: {}, None),
    (lambda: {k: v for k, v in _identity(boot="x").items() if k != "pid"}, None),
    (lambda: _identity(pid="-1", boot="x"), None),
    (lambda: _identity(pid="0"), None),
    (lambda: _identity(pid="9" * 30, started="1"), None),
    (lambda: _identity(started=""), None),
    (lambda: {**_identity(), "pid": 12, "boot": "x"}, None),
], ids=["exited", "pid-reused", "rebooted", "alive", "other-host", "other-pid-ns", "other-time-ns",
        "none", "no-pid", "pid-negative", "pid-0", "pid-huge", "started-empty",
        "pid-not-str"])
def test_a_running_holder_whose_process_is_gone_from_this_host_is_given_back(
        identity: Callable[[], dict[str, Any]], answer: str | None) -> None:
    given_back = ["POST /api/v2/concurrency_limits/decrement-with-lease",
                  "POST /api/v2/concurrency_limits/decrement"] if answer else []
    assert _check(state="RUNNING", identity=identity()) == (answer, given_back)


# k58e: the start time in /proc/PID/stat is shifted by the reader's time namespace's
# boot-time offset: a run in another time namespace (same host, same pid namespace)
# read this live holder's start time as another, and gave its slot back beside it.
_CHECKER = """
import asyncio, sys
from prefect.client.orchestration import PrefectClient
from flows.lost_leases import free_if_lost

async def ask():
    async with PrefectClient(sys.argv[1]) as client:
        current = await client.read_global_concurrency_limit_by_name(sys.argv[2])
        return await free_if_lost(client, sys.argv[2], current)

print(repr(asyncio.run(ask())))
"""


def test_a_live_holder_is_kept_when_read_from_another_time_namespace() -> None:
    unshare = ["unshare", "--time", "--boottime", "100000", "--fork"]
    if subprocess.run([*unshare, "true"], capture_output=True).returncode:
        pytest.skip("no time namespace to enter here (unshare --time needs privilege)")
    _Prefect.said = {"active": 1, "updated": TAKEN, "record": RECORDED, "state": "RUNNING",
                     "identity": _identity()}  # this test process: alive
    _Prefect.asked = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Prefect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        checker = subprocess.run(
            [*unshare, sys.executable, "-c", _CHECKER,
             f"http://127.0.0.1:{server.server_port}/api", LIMIT],
            capture_output=True, text=True, timeout=120, check=True)
    finally:
        server.shutdown()
        server.server_close()
    assert checker.stdout.strip() == "None", checker.stdout
    assert not [a for a in _Prefect.asked if "decrement" in a], _Prefect.asked
